/**
 * Sentence and paragraph segmentation of plain text, in linear time: the
 * sentence scanner jumps from one possible boundary to the next with a
 * regular expression that cannot backtrack, and decides there.
 *
 * Spans index the text as given (it is never normalised) and are trimmed:
 * they start and end on non-whitespace. A list item's bullet marker (`- `,
 * `• `) belongs to no span. Spans with no letter or digit (`-`, `• |`) are
 * dropped.
 *
 * Sentence boundaries:
 * - `.`, `?`, `!`, `…` (and runs of them: `?!`, `...`) followed, after any
 *   closing quotes, brackets or markup (`."`, `.”`, `?)`, `.**`), by
 *   whitespace and a word that can start a sentence. A full stop inside a
 *   token is never one (`1.5`, `U.S.A`, `nato.int`).
 * - Not after an abbreviation that never ends a sentence (`Mr.`, `Dr.`,
 *   `St.`), nor before a lower-case word (`e.g. capacity`, `incl. heavy`) or a
 *   number (`07 Jan. 2022`, `No. 5`). After initials and other abbreviations
 *   (`U.S.`, `J.`, `etc.`, `Jan.`) only if the next word is a typical sentence
 *   opener (`The`, `He`, `In`, ...). A list enumerator at the start of a line
 *   (`1.`, `IV.`, `A.`) is not a boundary.
 * - An ellipsis ends a sentence only before a capitalised word (`This is…
 *   these are` stays one sentence).
 * - A line break, unless the next line looks like the wrapped rest of the
 *   line: it starts with a lower-case letter, or the line ends with `,` or `;`.
 *   A blank line (paragraph break) is bridged only by a lower-case start after
 *   a line of 40 characters or more that ends without punctuation (a page
 *   break inside a sentence; a short line is a title). A bulleted line always
 *   starts a new sentence.
 * - A missing full stop before a capitalised subject pronoun (`not negotiable
 *   She condemned`): a lower-case word, one space, `He`/`She`/`They`/`We`,
 *   then a lower-case word. Mid-sentence, these pronouns are never capitalised.
 *
 * Paragraphs: a blank line ends one (bridged like a sentence across a page
 * break), and so does every list item, which is a paragraph of its own. A
 * single line break does not: the bundled transcript puts one sentence per
 * line, and those lines belong to one paragraph.
 */
import {
  isAlnum,
  isAlnumCode,
  isBlank,
  isBlankCode,
  isDigit,
  isLetter,
  isLower,
  isSpace,
  isSpaceCode,
  isUpper,
} from './char-class';
import type { Span } from './types';

/** A paragraph with its list status. */
export interface Block extends Span {
  /** The paragraph is a list item (its marker is outside the span). */
  bullet: boolean;
  /** Columns of whitespace before the first line's content or marker. */
  indent: number;
}

const TERMINATORS = new Set(['.', '?', '!', '…', '‼', '⁇', '⁈', '⁉']);
/** What may follow a terminator inside its sentence: closing quotes, brackets, markup. */
const CLOSERS = new Set(['"', '”', '’', "'", '»', '›', ')', ']', '}', '*', '_']);
/** Punctuation a sentence may start with. */
const OPENERS = new Set(['"', '“', '‘', "'", '«', '‹', '„', '(', '[', '*', '_', '¿', '¡']);
/** List markers, when followed by whitespace at the start of a line. */
const BULLETS = new Set([
  '-',
  '*',
  '•',
  '‣',
  '◦',
  '▪',
  '▫',
  '–',
  '—',
  '·',
  '●',
  '○',
  '■',
  '□',
  '➢',
  '►',
]);

/** {@link BULLETS} as code units, for the scanners. */
const BULLET_CODES = new Set([...BULLETS].map(b => b.charCodeAt(0)));

/** Abbreviations (lower case, without the dot) that precede a name and never end a sentence. */
const TITLE_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'st',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'capt',
  'sgt',
  'adm',
  'maj',
  'brig',
  'cmdr',
  'rev',
  'hon',
  'rt',
  'mt',
  'ft',
  'messrs',
  'mme',
  'mlle',
  'amb',
  'pres',
]);

/** Abbreviations that end a sentence only when a typical sentence opener follows. */
const OTHER_ABBREVIATIONS = new Set([
  'etc',
  'incl',
  'approx',
  'vs',
  'cf',
  'al',
  'ca',
  'esp',
  'dept',
  'est',
  'govt',
  'inc',
  'ltd',
  'co',
  'corp',
  'bros',
  'no',
  'nos',
  'art',
  'arts',
  'fig',
  'vol',
  'pp',
  'para',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
]);

/** Words that typically open a sentence; used to settle `U.S. The` vs `U.S. President`. */
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'he',
  'she',
  'we',
  'they',
  'i',
  'you',
  'his',
  'her',
  'our',
  'their',
  'my',
  'your',
  'there',
  'here',
  'in',
  'on',
  'at',
  'but',
  'and',
  'so',
  'if',
  'when',
  'while',
  'however',
  'then',
  'as',
  'for',
  'with',
  'after',
  'before',
  'since',
  'what',
  'how',
  'why',
  'who',
  'where',
  'some',
  'many',
  'most',
  'all',
  'both',
  'yes',
  'no',
  'today',
  'yesterday',
  'tomorrow',
  'also',
  'meanwhile',
  'thus',
  'therefore',
]);

/** A line shorter than this before a blank line is a title, not running text cut by a page break. */
const MIN_WRAPPED_LINE = 40;

/** Upper-case Roman numerals used as list enumerators (`IV.`). */
function isRomanNumeral(word: string): boolean {
  if (word.length === 0 || word.length > 6) return false;
  for (const ch of word) if (!'IVXLC'.includes(ch)) return false;
  return true;
}

/** Whether a list marker (`- `, `• `, `* `) sits at `i`. The caller knows `i` starts a line's content. */
export function isBulletAt(text: string, i: number, to = text.length): boolean {
  const ch = text[i];
  if (ch === undefined || !BULLETS.has(ch)) return false;
  return i + 1 >= to || isSpace(text[i + 1]);
}

/** Index after a list marker at `i` and the blanks that follow it on the same line. */
function skipBullet(text: string, i: number, to: number): number {
  let j = i + 1;
  while (j < to && isBlank(text[j])) j++;
  return j;
}

/** Whether only blanks stand between the start of the line and `i`. */
function atLineStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isBlank(text[j])) j--;
  return j < 0 || text[j] === '\n';
}

/**
 * Whether the line whose content starts at `next` continues the sentence that
 * ends (so far) at `prev` (its last non-space character) instead of starting
 * a new one. `blankLine`: a blank line stands between them.
 */
export function isContinuation(
  text: string,
  prev: number,
  next: number,
  blankLine: boolean,
): boolean {
  if (prev < 0 || next >= text.length) return false;
  if (isBulletAt(text, next)) return false;
  const p = text[prev];
  const n = text[next];
  if (blankLine) {
    // A page break inside a sentence: `We cannot end\n\nup in a situation`. A short
    // line before the blank line is a title (`Press conference\n\nby ...`), not a break.
    if (!isLower(n) || !(isAlnum(p) || p === ',' || p === ';' || p === '-' || p === '–'))
      return false;
    let lineStart = prev;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    return prev + 1 - lineStart >= MIN_WRAPPED_LINE;
  }
  return isLower(n) || p === ',' || p === ';';
}

/** The word (letters, digits and inner dots) that ends just before `end`. */
function wordBefore(text: string, end: number, from: number): number {
  let i = end;
  const limit = Math.max(from, end - 24);
  while (i > limit) {
    const ch = text[i - 1];
    if (isLetter(ch) || isDigit(ch) || ch === '.') i--;
    else break;
  }
  // An inner dot belongs to the word (`U.S`), a leading one does not.
  while (i < end && text[i] === '.') i++;
  return i;
}

/** Whether the word at `k` (after any opening punctuation) typically opens a sentence. */
function opensSentence(text: string, k: number): boolean {
  if (OPENERS.has(text[k] ?? '')) return true;
  let e = k;
  while (e < text.length && e - k < 12 && isLetter(text[e])) e++;
  return SENTENCE_OPENERS.has(text.slice(k, e).toLowerCase());
}

/**
 * Whether the terminator run `text[t..runEnd)` ends a sentence, given that
 * whitespace and then `text[k]` (on the same line) follow it.
 */
function endsSentence(
  text: string,
  from: number,
  t: number,
  runEnd: number,
  closed: boolean,
  k: number,
): boolean {
  const n = text[k];
  if (isLower(n)) return false;
  const opener = OPENERS.has(n ?? '');
  if (!opener && !isLetter(n) && !isDigit(n)) return false; // `– a principle`, `, and`
  let dots = 0;
  let ellipsis = false;
  let question = false;
  for (let i = t; i < runEnd; i++) {
    const ch = text[i];
    if (ch === '.') dots++;
    else if (ch === '…') ellipsis = true;
    else question = true;
  }
  if (question) return true;
  if (isDigit(n)) return false; // `07 Jan. 2022`, `No. 5`, `p. 12`
  if (ellipsis || dots > 1) return true; // before a capitalised word
  if (closed) return true; // `Ukraine.” This`, `rhetoric**. Since`
  const ws = wordBefore(text, t, from);
  if (ws === t) return true; // `...Ukraine”. This`
  const word = text.slice(ws, t);
  if (word.includes('.')) return opensSentence(text, k); // `U.S`, `e.g`, `a.m`
  if (
    atLineStart(text, ws) &&
    (isRomanNumeral(word) || /^\d{1,3}$/.test(word) || word.length === 1)
  ) {
    return false; // an enumerator: `1. Introduction`, `IV. Findings`, `A. Background`
  }
  if (word.length === 1 && isLetter(word)) return opensSentence(text, k); // an initial: `J. Smith`
  const lower = word.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower) && isUpper(word[0])) return false;
  if (OTHER_ABBREVIATIONS.has(lower)) return opensSentence(text, k);
  return true;
}

/**
 * What the sentence scanner stops at: terminators, line breaks, and a
 * capitalised subject pronoun before a lower-case word (a missing full stop
 * if a lower-case word and one space precede it; checked in code). Everything
 * between is skipped by the regular-expression engine, which can look for
 * the first characters only. No alternative backtracks.
 */
const EVENT_RE = /[.?!\n\u2026\u203c\u2047-\u2049]|(?:He|She|They|We)(?= [a-z])/g;

/**
 * Sentences of `text[from, to)`, in order, trimmed, as spans of `text`.
 *
 * @param from - Where to start; a label or bullet before it is not read.
 * @param to - Where to stop (exclusive).
 */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  from = Math.max(0, Math.min(from, text.length));
  to = Math.max(from, Math.min(to, text.length));
  const spans: Span[] = [];

  /** First character of a sentence at or after `k`: past whitespace and list markers. */
  const contentFrom = (k: number): number => {
    while (k < to) {
      const c = text.charCodeAt(k);
      if (isSpaceCode(c)) k++;
      else if (BULLET_CODES.has(c) && isBulletAt(text, k, to) && atLineStart(text, k))
        k = skipBullet(text, k, to);
      else return k;
    }
    return -1;
  };
  /** Record `text[start, end)` trimmed at its end, if it has a letter or digit. */
  const emit = (start: number, end: number): void => {
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    for (let k = start; k < end; k++) {
      if (isAlnumCode(text.charCodeAt(k))) {
        spans.push({ start, end });
        return;
      }
    }
  };

  let start = contentFrom(from);
  EVENT_RE.lastIndex = Math.max(start, 0);
  while (start >= 0) {
    const m = EVENT_RE.exec(text);
    if (!m || m.index >= to) break;
    const i = m.index;
    const c = text.charCodeAt(i);

    if (c === 10) {
      let k = i + 1;
      let blankLine = false;
      while (k < to && isSpaceCode(text.charCodeAt(k))) {
        if (text.charCodeAt(k) === 10) blankLine = true;
        k++;
      }
      let last = i - 1;
      while (last >= start && isSpaceCode(text.charCodeAt(last))) last--;
      if (last >= start && (k >= to || !isContinuation(text, last, k, blankLine))) {
        emit(start, last + 1);
        start = contentFrom(k);
      }
      EVENT_RE.lastIndex = Math.max(k, start);
      continue;
    }

    if (m[0].length > 1) {
      // `negotiable She condemned`: a missing full stop.
      if (i - 1 > start && text.charCodeAt(i - 1) === 32 && isLower(text[i - 2])) {
        emit(start, i - 1);
        start = i;
      }
      EVENT_RE.lastIndex = i + m[0].length;
      continue;
    }

    // A terminator run, then closing quotes, brackets or markup.
    let j = i;
    while (j < to && TERMINATORS.has(text[j]!)) j++;
    const runEnd = j;
    while (j < to && CLOSERS.has(text[j]!)) j++;
    if (j >= to) break;
    if (!isSpaceCode(text.charCodeAt(j))) {
      EVENT_RE.lastIndex = j; // inside a token: `1.5`, `U.S`
      continue;
    }
    let k = j;
    while (k < to && isBlankCode(text.charCodeAt(k))) k++;
    if (
      k < to &&
      !isSpaceCode(text.charCodeAt(k)) &&
      endsSentence(text, from, i, runEnd, j > runEnd, k)
    ) {
      emit(start, j);
      start = contentFrom(k);
      EVENT_RE.lastIndex = Math.max(k, start);
    } else {
      EVENT_RE.lastIndex = k; // a line break, if any, decides for itself
    }
  }
  if (start >= 0) emit(start, to);
  return spans;
}

/**
 * Paragraphs of `text[from, to)` with their list status. A paragraph ends at
 * a blank line (unless the next line continues a sentence across it, see
 * {@link isContinuation}) and before every list item; each list item is a
 * paragraph of its own. A single line break inside a paragraph (the bundled
 * transcript puts one sentence per line) does not end it.
 */
export function splitBlocks(text: string, from = 0, to = text.length): Block[] {
  from = Math.max(0, Math.min(from, text.length));
  to = Math.max(from, Math.min(to, text.length));
  const blocks: Block[] = [];
  let current: Block | null = null;
  let last = -1;
  let alnum = false;
  let pendingBreak = false;

  const close = (): void => {
    if (current && alnum) blocks.push({ ...current, end: last + 1 });
    current = null;
    alnum = false;
  };

  let i = from;
  while (i < to) {
    const lineStart = i;
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    let f = lineStart;
    while (f < lineEnd && isSpace(text[f])) f++;
    i = lineEnd + 1;
    if (f >= lineEnd) {
      pendingBreak = true;
      continue;
    }
    const bullet = isBulletAt(text, f, lineEnd);
    const contentStart = bullet ? skipBullet(text, f, lineEnd) : f;
    if (contentStart >= lineEnd) {
      // A marker with nothing after it.
      close();
      pendingBreak = true;
      continue;
    }
    if (current === null || bullet || (pendingBreak && !isContinuation(text, last, f, true))) {
      close();
      current = { start: contentStart, end: contentStart, bullet, indent: f - lineStart };
    }
    pendingBreak = false;
    let e = lineEnd;
    while (e > contentStart && isSpace(text[e - 1])) e--;
    last = e - 1;
    if (!alnum) {
      for (let c = contentStart; c < e; c++) {
        if (isAlnum(text[c])) {
          alnum = true;
          break;
        }
      }
    }
  }
  close();
  return blocks;
}

/** Paragraph spans of `text[from, to)`; see {@link splitBlocks} for the rules. */
export function splitParagraphs(text: string, from = 0, to = text.length): Span[] {
  return splitBlocks(text, from, to).map(({ start, end }) => ({ start, end }));
}
