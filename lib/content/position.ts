/**
 * Where to put the popover beside a quote: below it if it fits, else above,
 * else on the side with more room; always inside the viewport. Pure geometry
 * in viewport (client) coordinates.
 */

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Which side of the anchor the popover is on. */
  side: 'below' | 'above';
  /** Height the popover may take (it scrolls inside when its content is taller). */
  maxHeight: number;
}

/** Space kept between the popover and the anchor, and between the popover and the viewport's edges. */
export const GAP = 8;
/** (ui) Viewports narrower than this (px) get the popover as a sheet when it fits beside the quote on neither side. */
export const NARROW_VIEWPORT = 520;

/**
 * @param anchor - The quote's box (or the line the pointer is on).
 * @param size - The popover's natural size.
 * @param viewport - The viewport's size (`innerWidth`/`innerHeight`, scroll bars excluded).
 * @param avoid - (ui) The next quote's box: below would cover it and above fits, so above.
 */
export function placePopover(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  avoid?: Box,
): Placement {
  const below = viewport.height - (anchor.top + anchor.height) - GAP * 2;
  const above = anchor.top - GAP * 2;
  const coversNext =
    !!avoid &&
    avoid.top < anchor.top + anchor.height + GAP + size.height &&
    avoid.top + avoid.height > anchor.top + anchor.height;
  let side: Placement['side'];
  if (size.height <= below && !(coversNext && size.height <= above)) side = 'below';
  else if (size.height <= above) side = 'above';
  else side = below >= above ? 'below' : 'above';
  const width = Math.min(size.width, viewport.width - GAP * 2);
  const left = clamp(anchor.left, GAP, viewport.width - GAP - width);
  if (size.height > Math.max(below, above) && viewport.width < NARROW_VIEWPORT) {
    // (ui) A narrow window with room on neither side: a sheet along the window's bottom (or
    // top, for a quote low down), over the quote, rather than a sliver beside it.
    const maxHeight = Math.min(size.height, viewport.height - GAP * 2);
    const low = anchor.top + anchor.height / 2 > viewport.height / 2;
    return {
      left,
      top: low ? GAP : viewport.height - GAP - maxHeight,
      side: low ? 'above' : 'below',
      maxHeight,
    };
  }
  const room = Math.max(side === 'below' ? below : above, 0);
  // Never shorter than a few lines: then it overlaps the anchor rather than vanish.
  const maxHeight = Math.min(size.height, Math.max(room, Math.min(160, viewport.height - GAP * 2)));
  let top = side === 'below' ? anchor.top + anchor.height + GAP : anchor.top - GAP - maxHeight;
  top = clamp(top, GAP, viewport.height - GAP - maxHeight);
  return { left, top, side, maxHeight };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/** The smallest box holding all of `rects` (undefined for none). */
export function unionBox(rects: readonly Box[]): Box | undefined {
  if (rects.length === 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    left = Math.min(left, r.left);
    top = Math.min(top, r.top);
    right = Math.max(right, r.left + r.width);
    bottom = Math.max(bottom, r.top + r.height);
  }
  return { left, top, width: right - left, height: bottom - top };
}
