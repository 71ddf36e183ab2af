/**
 * Links to a passage on its original web page with a URL text fragment
 * (`#:~:text=start,end`, https://wicg.github.io/scroll-to-text-fragment/):
 * browsers that support it scroll to the words and highlight them; others
 * just open the page. Pure.
 */

/** Words at each end of a long passage; a passage of up to twice this is quoted whole. */
export const FRAGMENT_WORDS = 5;

/**
 * Percent-encodes text for a text directive: `encodeURIComponent` plus `-`,
 * which the directive's syntax reserves (as it does `,` and `&`, which
 * `encodeURIComponent` already encodes).
 */
export function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

/**
 * The text directive for a passage: `text=<whole passage>` when short, else
 * `text=<first words>,<last words>` (the browser highlights everything in
 * between). White space is collapsed; empty for a passage without words.
 */
export function textDirective(passage: string, words = FRAGMENT_WORDS): string {
  const all = passage.split(/\s+/).filter(Boolean);
  if (all.length === 0) return '';
  if (all.length <= words * 2) return `text=${encodeFragmentText(all.join(' '))}`;
  const start = all.slice(0, words).join(' ');
  const end = all.slice(-words).join(' ');
  return `text=${encodeFragmentText(start)},${encodeFragmentText(end)}`;
}

/**
 * `url` with a text fragment for `passage`. An existing fragment is kept (the
 * directive follows it after `:~:`); an existing text directive is replaced.
 * Returns `url` unchanged if it is not an http(s) address or the passage has no words.
 */
export function textFragmentUrl(url: string, passage: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url;
  const directive = textDirective(passage);
  if (!directive) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : '';
  const directiveAt = fragment.indexOf(':~:');
  const kept = directiveAt >= 0 ? fragment.slice(0, directiveAt) : fragment;
  return `${base}#${kept}:~:${directive}`;
}
