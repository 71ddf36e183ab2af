/** Which frames Verbatim works in. */

/**
 * The top window when this frame is the top one or of the same origin as it (what a reader
 * sees as part of the page); undefined in another site's frame (adverts, embeds).
 */
export function topOfSameOrigin(): Window | undefined {
  if (window === window.top) return window;
  try {
    const top = window.top;
    return top && top.origin === window.origin ? top : undefined;
  } catch {
    return undefined;
  }
}
