/**
 * Quotations marked in running text: “…”, „…“, "…", «…», and ‘…’ or '…' when
 * the mark is not an apostrophe. One linear scan; quotations do not nest
 * (a quotation inside one is part of it) and do not cross `to`, so the
 * caller scans one paragraph at a time and an unclosed mark is dropped.
 */
import { isAlnum, isLetter, isMarkup, isSpace } from './char-class';
import type { Span } from './types';

/** A quotation: the quoted words (`start`..`end`, trimmed) inside their marks (`open`..`close`). */
export interface Quotation extends Span {
  /** Index of the opening mark. */
  open: number;
  /** Index after the closing mark. */
  close: number;
}

/**
 * Every quotation mark and apostrophe. The scan tests each character of the
 * range against it and never reads past `to`: a document is scanned
 * paragraph by paragraph, and a search for the next mark that ran on past
 * the paragraph (as a global regular expression's would) made parsing
 * quadratic in the length of a document with few marks.
 */
function isMark(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    code === 0xab ||
    code === 0xbb ||
    (code >= 0x2018 && code <= 0x201f)
  );
}

/** Characters after which a straight or single mark opens a quotation. */
function opensAfter(ch: string | undefined): boolean {
  return (
    ch === undefined ||
    isSpace(ch) ||
    isMarkup(ch) ||
    ch === '(' ||
    ch === '[' ||
    ch === '–' ||
    ch === '—' ||
    ch === '-' ||
    ch === '/' ||
    ch === ':' ||
    ch === '“' ||
    ch === '"'
  );
}

/**
 * Quotations in `text[from, to)`, in order.
 *
 * @param from - Start of the range (a paragraph).
 * @param to - End of the range (exclusive).
 */
export function findQuotations(text: string, from = 0, to = text.length): Quotation[] {
  const found: Quotation[] = [];
  let open = -1;
  let kind: 'double' | 'guillemet' | 'single' | null = null;

  const closeAt = (i: number): void => {
    let start = open + 1;
    let end = i;
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    let alnum = false;
    for (let k = start; k < end && !alnum; k++) alnum = isAlnum(text[k]);
    if (alnum) found.push({ open, start, end, close: i + 1 });
    open = -1;
    kind = null;
  };

  const end = Math.min(to, text.length);
  for (let i = Math.max(0, from); i < end; i++) {
    if (!isMark(text.charCodeAt(i))) continue;
    const ch = text[i]!;
    const prev = i > from ? text[i - 1] : undefined;
    const next = i + 1 < to ? text[i + 1] : undefined;
    if (kind === null) {
      if (ch === '“' || ch === '„' || ch === '‟') {
        open = i;
        kind = 'double';
      } else if (ch === '"' && opensAfter(prev) && next !== undefined && !isSpace(next)) {
        open = i;
        kind = 'double';
      } else if (ch === '«') {
        open = i;
        kind = 'guillemet';
      } else if (
        (ch === '‘' || ch === "'") &&
        !isLetter(prev) &&
        opensAfter(prev) &&
        isAlnum(next)
      ) {
        open = i;
        kind = 'single';
      }
    } else if (kind === 'double') {
      if (ch === '”' || ((ch === '"' || ch === '“') && prev !== undefined && !isSpace(prev)))
        closeAt(i);
    } else if (kind === 'guillemet') {
      if (ch === '»') closeAt(i);
    } else if (
      (ch === '’' || ch === "'") &&
      !isLetter(next) &&
      prev !== undefined &&
      !isSpace(prev)
    ) {
      // `Ukraine’s` is an apostrophe: a letter follows it.
      closeAt(i);
    }
  }
  return found;
}
