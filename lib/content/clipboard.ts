/**
 * Copying text from a content script. `navigator.clipboard.writeText` needs a
 * focused, secure page whose permissions policy allows it; pages may deny it.
 * The fallback is the old `execCommand('copy')` on a selected text area
 * inside Verbatim's own shadow root, which works during a click.
 */

/**
 * @param fallbackRoot - Where the temporary text area goes (the shadow root's container).
 * @returns Whether the text was copied.
 */
export async function copyText(text: string, fallbackRoot: Element): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied: try the fallback.
  }
  const doc = fallbackRoot.ownerDocument;
  const active = (fallbackRoot.getRootNode() as ShadowRoot | Document)
    .activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;';
  fallbackRoot.append(area);
  try {
    area.select();
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    active?.focus({ preventScroll: true });
  }
}
