/**
 * Character classes for the hand-written scanners of the parser (segmenter,
 * label finder, quotation finder). They look at one UTF-16 code unit at a time
 * so the scanners stay linear; ASCII takes a fast path.
 */

const LETTER_RE = /\p{L}/u;

/** Whitespace, including no-break and typographic spaces. */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && isSpaceCode(ch.charCodeAt(0));
}

/** Space or tab (a line's horizontal whitespace). */
export function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\u00a0';
}

export function isDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** An upper-case (or title-case) letter: `A`, `Ø`, `Ж`. */
export function isUpper(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return ch !== ch.toLowerCase();
}

/** A lower-case letter: `a`, `ø`, `ж`. */
export function isLower(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Any letter, cased or not. */
export function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_RE.test(ch);
}

export function isAlnum(ch: string | undefined): boolean {
  return isDigit(ch) || isLetter(ch);
}

/** Apostrophes that may sit inside a word (`Ukraine’s`, `don't`). */
export function isApostrophe(ch: string | undefined): boolean {
  return ch === "'" || ch === '’' || ch === 'ʼ';
}

/** Markup a plain-text capture keeps from rich text: `**bold**`, `_italic_`. */
export function isMarkup(ch: string | undefined): boolean {
  return ch === '*' || ch === '_';
}

// Code-unit versions for the hot loops (`text.charCodeAt(i)`; NaN past the end).

export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Classes of non-ASCII code units, computed on first use: bit 0 known, 1 upper, 2 lower, 3 letter. */
const CLASSES = new Uint8Array(65536);
const KNOWN = 1;
const UPPER = 2;
const LOWER = 4;
const LETTER = 8;

function classOf(c: number): number {
  let bits = CLASSES[c]!;
  if (bits === 0) {
    const ch = String.fromCharCode(c);
    bits =
      KNOWN | (isUpper(ch) ? UPPER : 0) | (isLower(ch) ? LOWER : 0) | (isLetter(ch) ? LETTER : 0);
    CLASSES[c] = bits;
  }
  return bits;
}

export function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return c === c && (classOf(c) & UPPER) !== 0; // c === c: not NaN
}

export function isLowerCode(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return c === c && (classOf(c) & LOWER) !== 0;
}

export function isAlnumCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c === c && (classOf(c) & LETTER) !== 0;
}

/** How many words (runs of letters and digits) `text` has from `start` to `end`. */
export function wordsBetween(text: string, start: number, end: number): number {
  let count = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const alnum = isAlnum(text[i]);
    if (alnum && !inWord) count++;
    inWord = alnum;
  }
  return count;
}
