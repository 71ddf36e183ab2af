/**
 * Page furniture: the lines a captured page carries that are nobody's words
 * and no sentence of the document (dates, `Last updated: ...`, `(As
 * delivered)`, `Policy Brief 003 | Original: English`). The rules are
 * generic; no document is special-cased.
 */
import { isAlnum, isUpper } from './char-class';
import { isBulletAt } from './segment';
import { isCalendarWord } from './speakers';
import type { Span } from './types';

/** Date lines are shorter than this: `Wednesday, 12 January 2022, 21:37 CET`. */
const MAX_DATE_LINE = 60;

/** Furniture lines are short; longer lines are text. */
const MAX_FURNITURE_LINE = 160;

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

/** First letters of {@link METADATA_PREFIXES}, either case. */
const METADATA_INITIALS = 'LlUuMmPpFfCc©';

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
  if (line.length > MAX_DATE_LINE || !/\d/u.test(line)) return false;
  const words = line.split(/[\s,.\-–—/|:]+/u).filter(w => w.length > 0);
  if (words.length === 0 || words.length > 8) return false;
  let numbers = 0;
  for (const w of words) {
    if (/^\d{1,4}(?:st|nd|rd|th)?$/u.test(w)) numbers++;
    else if (!isCalendarWord(w) && !DATE_WORDS.has(w.toLowerCase())) return false;
  }
  return numbers > 0;
}

/** A place and a date: `Brussels, 7 January 2022`, `Oslo, 3 March 2023 -`. */
function isDateline(line: string): boolean {
  const comma = line.indexOf(',');
  if (comma <= 0 || comma > 40 || !isDateLine(line.slice(comma + 1))) return false;
  const place = line.slice(0, comma).trim().split(/\s+/u);
  return place.length <= 3 && place.every(w => isUpper(w[0]));
}

/**
 * Whether one line is page furniture: no letters or digits (`• |`), a date
 * line or dateline (`Brussels, 7 January 2022`), publishing metadata (`Last updated: ...`), a line wholly in
 * parentheses or brackets (`(As delivered)`, `[Check against delivery]`), or
 * fields separated by ` | `.
 */
export function isFurnitureLine(line: string): boolean {
  if (line.length > MAX_FURNITURE_LINE) return false;
  let s = line.trim();
  while (s.length > 0 && isBulletAt(s, 0)) s = s.slice(1).trim();
  let alnum = false;
  for (let i = 0; i < s.length && !alnum; i++) alnum = isAlnum(s[i]);
  if (!alnum) return true;
  if (
    s.length > MAX_DATE_LINE &&
    !s.includes(' | ') &&
    !METADATA_INITIALS.includes(s[0]!) &&
    s[0] !== '(' &&
    s[0] !== '['
  ) {
    return false; // the common case: a line of text
  }
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
  return isDateLine(s) || isDateline(s);
}

/** Whether every line of `text[span]` is page furniture. */
export function isFurniture(text: string, span: Span): boolean {
  let lineStart = span.start;
  while (lineStart < span.end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > span.end) lineEnd = span.end;
    if (lineEnd - lineStart > MAX_FURNITURE_LINE) return false;
    if (!isFurnitureLine(text.slice(lineStart, lineEnd))) return false;
    lineStart = lineEnd + 1;
  }
  return true;
}
