/**
 * Page furniture: the lines a captured page carries that are nobody's words
 * and no sentence of the document (dates, `Last updated: ...`, `(As
 * delivered)`, `Policy Brief 003 | Original: English`). The rules are
 * generic; no document is special-cased.
 */
import { isAlnum } from './char-class';
import { isBulletAt } from './segment';
import { isCalendarWord } from './speakers';
import type { Span } from './types';

/** Line openings of publishing metadata (lower case). */
const METADATA_PREFIXES = [
  'last updated',
  'updated',
  'last modified',
  'modified',
  'published',
  'posted',
  'first published',
  'copyright',
  '©',
];

/** Words a date or time line may have besides numbers and calendar words. */
const DATE_WORDS = new Set([
  'am',
  'pm',
  'a.m',
  'p.m',
  'gmt',
  'utc',
  'cet',
  'cest',
  'bst',
  'est',
  'edt',
  'h',
]);

/** Whether a line is only a date and/or time: `07 Jan. 2022 -`, `7 January 2022`, `21:37 CET`. */
export function isDateLine(line: string): boolean {
  const words = line.split(/[\s,.\-–—/|:]+/u).filter(w => w.length > 0);
  if (words.length === 0 || words.length > 8) return false;
  let numbers = 0;
  for (const w of words) {
    if (/^\d{1,4}(?:st|nd|rd|th)?$/u.test(w)) numbers++;
    else if (!isCalendarWord(w) && !DATE_WORDS.has(w.toLowerCase())) return false;
  }
  return numbers > 0;
}

/**
 * Whether one line is page furniture: no letters or digits (`• |`), a date
 * line, publishing metadata (`Last updated: ...`), a line wholly in
 * parentheses or brackets (`(As delivered)`, `[Check against delivery]`), or
 * fields separated by ` | `.
 */
export function isFurnitureLine(line: string): boolean {
  let s = line.trim();
  while (s.length > 0 && isBulletAt(s, 0)) s = s.slice(1).trim();
  if (![...s].some(isAlnum)) return true;
  const lower = s.toLowerCase();
  for (const prefix of METADATA_PREFIXES) {
    if (
      lower.startsWith(prefix) &&
      (lower.length === prefix.length || !isAlnum(lower[prefix.length]))
    ) {
      const rest = lower.slice(prefix.length).trim();
      if (rest.startsWith(':') || prefix === '©' || isDateLine(rest.replace(/^(?:on|at)\s/u, '')))
        return true;
    }
  }
  if (
    s.length <= 80 &&
    ((s.startsWith('(') && s.endsWith(')')) || (s.startsWith('[') && s.endsWith(']')))
  ) {
    const inner = s.slice(1, -1);
    if (!/[()[\]]/u.test(inner)) return true;
  }
  if (s.includes(' | ')) return true;
  return isDateLine(s);
}

/** Whether every line of `text[span]` is page furniture. */
export function isFurniture(text: string, span: Span): boolean {
  for (const line of text.slice(span.start, span.end).split('\n')) {
    if (!isFurnitureLine(line)) return false;
  }
  return true;
}
