/** Page maps of paged documents (PDF): where each page starts in the text. */

/** The page (1-based) that `offset` of a text is on, from its page map (`pages[0]` = 0). */
export function pageAt(pages: readonly number[], offset: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
