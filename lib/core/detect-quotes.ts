/**
 * Finds the quotations a reader sees in plain text: words between quotation marks, with
 * who the text says said them. Pure: strings in, plain data out.
 *
 * The text comes as blocks, one per paragraph. The rules:
 *
 * - Marks: “…” "…" ‘…’ '…' «…» »…« ‹…› ›…‹ „…“ „…” ‚…‘ ”…” 「…」 『…』, nested to any
 *   sensible depth. Only the outermost quote is reported unless `nested` is set.
 * - Apostrophes: a `'`/`’` between letters or digits (don't, O’Brien, Russia’s), before a
 *   two-digit year (’90s) or in an elision ('em, 'til, rock ’n’ roll) is no mark. A single mark
 *   opens a quote only at a word start and closes one only at a word end; `’` never opens. After
 *   an `s` (the Allies’ plans) it closes an open single quote only if no plain closing single
 *   mark follows before the next opening one.
 * - Unbalanced marks: marks pair within a paragraph only. A quote still open at the paragraph's
 *   end continues if the next paragraph opens with the same kind of mark (the convention for a
 *   quote running over paragraphs), reported once with `pieces`, for at most `maxBlocks`
 *   paragraphs. Otherwise its opening mark was never closed, and it runs to the end of the
 *   paragraph (`unclosed`; double marks and guillemets only, at most 250 words; a credit line
 *   alone in the next paragraph, `Jens Stoltenberg.`, may name its speaker). A second “ that
 *   starts a sentence while one is open replaces it. So a stray mark spoils at most its own
 *   paragraph.
 * - Length: quotes of fewer than `minWords` words (scare quotes) are skipped; see {@link countWords}.
 * - Attribution, first found wins: who markup credits; the subject of the last speech verb in
 *   the quote's own sentence before it (`NATO Secretary General Jens Stoltenberg said, “…”`
 *   → `Jens Stoltenberg`; `The Secretary General said` → `Secretary General`; `X told
 *   reporters:`; `X insisted that “…”`; `according to X`); the speaker right after it
 *   (`“…,” Stoltenberg said`, `“…,” said Blinken`, `“…,” he added`); the speaker of the
 *   previous quote in the paragraph; a lead-in paragraph ending in `:` or `,` when the quote
 *   opens its paragraph; `according to X` earlier in the paragraph. Titles, honorifics,
 *   acronyms and possessives before a name are stripped; `he`/`she` becomes the nearest person
 *   named speaking before the quote (this paragraph, then the previous one, then the last
 *   quote's speaker), or nothing; `they`/`we`/`it` give nothing.
 *
 * Linear in the length of the text: one pass over the marks of each block with a bounded
 * stack, and bounded windows around each quote for attribution (no backtracking regexes).
 */

import { isSpaceCode } from './char-class';
import type { DetectedQuote } from './types';

/** Options of {@link detectQuotes} and {@link createQuoteScanner}. */
export interface DetectOptions {
  /** Quotes of fewer words are skipped (scare quotes such as “so-called”). Default 4. */
  minWords?: number;
  /**
   * A quote continued over more paragraphs than this is not taken as one quote: the run
   * restarts at the paragraph that would exceed it (unbalanced marks, not a speech). Default 3.
   * Does not apply to {@link MarkedQuote}s, which the markup delimits.
   */
  maxBlocks?: number;
  /**
   * Also report quotes inside quotes (as separate `DetectedQuote`s without attribution: the
   * outer speaker is quoting someone). Default false: only the outermost quote is reported,
   * which already contains the inner one's words.
   */
  nested?: boolean;
}

/**
 * A stretch of a block that markup already says is a quote: the text of an HTML `<q>`
 * (whose marks the browser draws) or of a `<blockquote>`. Offsets are in the block's text.
 */
export interface MarkedQuote {
  start: number;
  end: number;
  /** Reported as the quote's `mark`: `q` or `blockquote`. */
  mark: string;
  /** The quote goes on in the next block's first marked quote with the same mark (a blockquote of several paragraphs). */
  continues?: boolean;
  /** Attribution given by the markup (a `<cite>` or `<footer>`); wins over what the text says. */
  attribution?: string;
}

/** Detects quotes block by block, so that a long page can be scanned in slices. */
export interface QuoteScanner {
  /**
   * Feeds the next block (block numbers count up from 0 in push order) and returns the
   * quotes now complete: those of this block, preceded by a quote continued from earlier
   * blocks that ends here. A quote still open at the end of the block is held back until
   * the next push shows whether it continues.
   */
  push(text: string, marked?: readonly MarkedQuote[]): DetectedQuote[];
  /**
   * Ends the text: returns a quote still open at the end of the last block (its opening mark
   * never closed), if any. Call once after the last push.
   */
  finish(): DetectedQuote[];
}

const DEFAULT_MIN_WORDS = 4;
const DEFAULT_MAX_BLOCKS = 3;
/** Deeper nesting than this is noise; it also bounds the work per mark. */
const MAX_DEPTH = 8;
/** How far around a quote attribution is looked for, in characters. */
const BEFORE_WINDOW = 300;
/**
 * A quote never closed runs to its paragraph's end, up to this many words: a longer run is a
 * stray mark in a long text, not a speech (a paragraph of quoted speech is rarely over 200).
 */
const MAX_UNCLOSED_WORDS = 250;
const AFTER_WINDOW = 160;

/**
 * Finds the quotes in a text given as paragraphs.
 *
 * @param blocks - Paragraph texts in reading order.
 * @returns Quotes in reading order. `start`/`end` (and `pieces`) index the quoted words in
 *   the blocks, marks and surrounding spaces excluded, as is a trailing `,`/`;`/`:` that
 *   belongs to the sentence around the quote. `text` is those words with runs of white
 *   space collapsed and pieces joined with a space.
 */
export function detectQuotes(blocks: readonly string[], options?: DetectOptions): DetectedQuote[] {
  const scanner = createQuoteScanner(options);
  const quotes: DetectedQuote[] = [];
  for (const block of blocks) for (const q of scanner.push(block)) quotes.push(q);
  for (const q of scanner.finish()) quotes.push(q);
  return quotes;
}

// ---------------------------------------------------------------------------
// Characters

const MARK_RE = /["'«»‹›“”„‘’‚「」『』]/g;
const MARKS = '"\'«»‹›“”„‘’‚「」『』';
/** Marks that may close only the innermost open quote: ambiguous with apostrophes. */
const SINGLE_MARKS = "‘’‚'";
/** Characters after which a mark starts a word (beside white space). */
const OPEN_BEFORE = '([{—–-/…,:;' + MARKS;
/** Characters before which a mark ends a word (beside white space). */
const CLOSE_AFTER = '.,;:!?)]}—–-/…' + MARKS;
/** Marks that may start the next paragraph of a quote opened by the key. */
const CONTINUES_WITH: Record<string, string> = { '«': '«»', '»': '»«', '‹': '‹›', '›': '›‹' };
/** Words that straight or curly single marks elide at a word start ('em, 'til, rock 'n' roll). */
const ELIDED_WORDS = new Set(['em', 'til', 'tis', 'twas', 'cause', 'cos', 'n', 'bout', 'nuff']);

/** Whitespace, or '' (outside the text: a quote mark at a block's edge stands next to space). */
function isSpace(ch: string): boolean {
  return ch === '' || isSpaceCode(ch.charCodeAt(0));
}

function isAlnum(ch: string): boolean {
  return ch !== '' && isWordAt(ch, 0) && !isCombiningAt(ch, 0);
}

/** Whether `text[i]` is a combining mark (part of a word, but cannot start one). */
function isCombiningAt(text: string, i: number): boolean {
  return text.charCodeAt(i) >= 0x300 && WORD_MARK_RE.test(text.charAt(i));
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

// ---------------------------------------------------------------------------
// Words

const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const CJK_CHAR_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Characters that join the parts of one word: `don't`, `so-called`. */
const JOINERS = "'’‐-";

/** Whether `text` has a letter, digit or combining mark at `i` (ASCII without a regex). */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR_RE.test(text.slice(i, i + 2));
  return c >= 0xdc00 && c <= 0xdfff ? isWordAt(text, i - 1) : WORD_CHAR_RE.test(text.charAt(i));
}

function isCjkAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x2e80) return false;
  return CJK_CHAR_RE.test(c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text.charAt(i));
}

/**
 * Counts words as a reader would: a hyphenated compound (`so-called`) or a contraction
 * (`don't`) is one word, a number is a word, punctuation is not. Chinese and Japanese
 * characters count one each, since those scripts do not separate words.
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if (isCjkAt(text, i)) {
      n++;
      inWord = false;
    } else if (isWordAt(text, i)) {
      if (!inWord) n++;
      inWord = true;
    } else if (!(inWord && JOINERS.includes(text.charAt(i)) && isWordAt(text, i + 1))) {
      inWord = false;
    }
  }
  return n;
}

// ---------------------------------------------------------------------------
// The scanner

interface Piece {
  block: number;
  text: string;
  from: number;
  to: number;
}

interface Open {
  /** The opening mark as written, or the `MarkedQuote` mark. */
  mark: string;
  /** Characters that close it; empty for marked quotes. */
  closers: string;
  /** Index of the opening mark (of the marked quote's start). */
  at: number;
  /** Where the quoted words start. */
  from: number;
  marked?: MarkedQuote;
  /** Pieces from earlier blocks, for a continued quote. */
  carried?: PendingQuote;
}

interface Closed {
  open: Open;
  /** Where the quoted words end (index of the closing mark). */
  to: number;
  /** Index just after the closing mark. */
  after: number;
  depth: number;
  /** The closing mark was printed as an opening one, glued to the credit after it. */
  glued?: boolean;
}

/** What attribution the text before a quote gives, worked out in the quote's first block. */
interface BeforeSide {
  sentence?: Subject;
  carry?: string;
  leadIn?: Subject;
  accordingTo?: Subject;
  /** Whom `he`/`she` refers to at the quote's start (worked out when needed). */
  referent: () => string | undefined;
}

interface PendingQuote {
  pieces: Piece[];
  mark: string;
  closers: string;
  marked?: MarkedQuote;
  before: BeforeSide;
}

interface SpeakerEvent {
  pos: number;
  name: string;
}

/** What the scanner remembers of a block after pushing it: for attribution of later quotes. */
interface BlockRecord {
  index: number;
  text: string;
  /** Reported quotes in this block: where they are (marks included) and who said them. */
  reported: Array<{ at: number; after: number; speaker?: string }>;
  /** Subjects of speech verbs outside quotes, scanned up to `scanned` when first needed. */
  events?: { scanned: number; list: SpeakerEvent[] };
  /** Where `according to` occurs, computed when first needed. */
  according?: number[];
}

/**
 * Creates a scanner that detects quotes block by block, keeping what a quote continued
 * into the next paragraph and pronoun resolution need between pushes. Feeding all blocks
 * gives the same result as {@link detectQuotes}.
 */
export function createQuoteScanner(options: DetectOptions = {}): QuoteScanner {
  return new Scanner(options);
}

/** Whether a mark at `i` starts a word: `“NATO`, `(“We`. */
function opensWord(text: string, i: number): boolean {
  const next = text.charAt(i + 1);
  if (isSpace(next)) return false;
  const prev = text.charAt(i - 1);
  return i === 0 || isSpace(prev) || OPEN_BEFORE.includes(prev);
}

/** Whether a mark at `i` ends a word: `faith,”`, `said.’`. */
function closesWord(text: string, i: number): boolean {
  if (i === 0 || isSpace(text.charAt(i - 1))) return false;
  const next = text.charAt(i + 1);
  return isSpace(next) || CLOSE_AFTER.includes(next);
}

/** Whether `text[i]` follows the end of a sentence (or starts the text). */
function startsSentence(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isSpace(text.charAt(j))) j--;
  return j < 0 || '.!?…:'.includes(text.charAt(j));
}

/** Whether a mark at `i` sits between letters or digits: an apostrophe (`don't`, `O’Brien`). */
function inWord(text: string, i: number): boolean {
  return i > 0 && isAlnum(text.charAt(i - 1)) && isAlnum(text.charAt(i + 1));
}

/** The pairing of marks in one block: a stack of open quotes and the pairs closed. */
class BlockScan {
  readonly stack: Open[] = [];
  readonly closed: Closed[] = [];
  readonly marks: number[] = [];
  private skipThrough = -1;
  private lookFrom = -1;
  private lookUntil = -1;
  private lookCloses = false;
  private readonly firstVisible: number;

  constructor(
    readonly text: string,
    private carry: PendingQuote | undefined,
    private readonly maxBlocks: number,
  ) {
    this.firstVisible = firstNonSpace(text);
    MARK_RE.lastIndex = 0;
    for (let m = MARK_RE.exec(text); m; m = MARK_RE.exec(text)) this.marks.push(m.index);
  }

  /** Whether this block continues the quote held open from the previous one. */
  continues(held: PendingQuote): boolean {
    return (
      this.closed.some(c => c.open.carried === held) || this.stack.some(o => o.carried === held)
    );
  }

  /** Pairs the marks, with the marked quotes' starts and ends, in text order. */
  run(marked: readonly MarkedQuote[]): void {
    const starts = [...marked].filter(q => q.end > q.start).sort((a, b) => a.start - b.start);
    // A marked quote that continues into the next block stays open to the end of this one.
    const ends = starts.filter(q => !q.continues).sort((a, b) => a.end - b.end);
    let mi = 0;
    let si = 0;
    let ei = 0;
    for (;;) {
      const markPos = this.marks[mi] ?? Infinity;
      const startPos = starts[si]?.start ?? Infinity;
      const endPos = ends[ei]?.end ?? Infinity;
      const next = Math.min(markPos, startPos, endPos);
      if (next === Infinity) break;
      // At one position, a marked quote ends before another starts.
      if (endPos === next) this.closeMarked(ends[ei++]);
      else if (startPos === next) this.openMarked(starts[si++]);
      else this.mark(mi++);
    }
  }

  private openMarked(q: MarkedQuote | undefined): void {
    if (q) this.open({ mark: q.mark, closers: '', at: q.start, from: q.start, marked: q });
  }

  private closeMarked(q: MarkedQuote | undefined): void {
    const d = this.stack.findIndex(o => o.marked === q);
    if (q && d >= 0) this.closeAt(d, q.end, 0);
  }

  private open(entry: Open): void {
    const carry = this.carry;
    if (carry && entry.at === this.firstVisible) {
      const same = carry.marked
        ? entry.marked?.mark === carry.marked.mark
        : !entry.marked && (CONTINUES_WITH[carry.mark] ?? carry.mark).includes(entry.mark);
      if (same && (carry.marked || carry.pieces.length < this.maxBlocks)) {
        entry.carried = carry;
        // `» Mais …` continues a quote opened with `«`: it still closes with `»`.
        entry.closers = carry.closers;
      }
    }
    this.carry = undefined;
    if (this.stack.length < MAX_DEPTH || entry.marked) this.stack.push(entry);
  }

  private closeAt(depth: number, index: number, width: number, glued = false): void {
    const open = this.stack[depth];
    if (!open) return;
    this.stack.length = depth;
    this.closed.push({ open, to: index, after: index + width, depth, glued });
  }

  /** Index in the stack of the innermost quote a mark may close, or -1. */
  private closable(ch: string): number {
    const topOnly = SINGLE_MARKS.includes(ch);
    for (let d = this.stack.length - 1; d >= 0; d--) {
      if (this.stack[d]?.closers.includes(ch)) return d;
      if (topOnly) return -1;
    }
    return -1;
  }

  /**
   * After an `s`, a closing single mark may be a plural possessive (`the Allies’ concerns`).
   * It closes the quote unless a plain closing mark follows before the next opening one.
   */
  private weakCloserCloses(k: number, straight: boolean): boolean {
    if (k > this.lookFrom && k < this.lookUntil) return this.lookCloses;
    const { text, marks } = this;
    let closes = true;
    let until = marks.length;
    for (let j = k + 1; j < marks.length; j++) {
      const i = marks[j] ?? 0;
      const ch = text.charAt(i);
      if (!SINGLE_MARKS.includes(ch)) {
        until = j;
        break;
      }
      if (inWord(text, i) || (straight ? ch !== "'" : ch === "'")) continue;
      const opener = straight
        ? opensWord(text, i) && !closesWord(text, i)
        : ch === '‘' && opensWord(text, i);
      if (opener) {
        until = j;
        break;
      }
      if ((straight || ch === '’') && closesWord(text, i) && !/[sS]/.test(text.charAt(i - 1))) {
        closes = false;
        until = j;
        break;
      }
    }
    this.lookFrom = k;
    this.lookUntil = until;
    this.lookCloses = closes;
    return closes;
  }

  private mark(k: number): void {
    const { text } = this;
    const i = this.marks[k] ?? 0;
    if (i <= this.skipThrough) return;
    const ch = text.charAt(i);
    const prev = text.charAt(i - 1);
    const next = text.charAt(i + 1);
    switch (ch) {
      case '’':
      case "'":
      case '‘': {
        if (inWord(text, i)) return; // don't, O’Brien, Russia’s
        // ’90s, '22: an elided century. (‘90s, autocorrect's wrong mark, only with the s.)
        if (!isAlnum(prev) && isDigit(next) && isDigit(text[i + 2])) {
          if (ch !== '‘' ? !isDigit(text[i + 3]) : text[i + 3] === 's') return;
        }
        if (isSpace(prev) && /[a-z]/.test(next)) {
          const word = /^[a-z]+/.exec(text.slice(i + 1, i + 8))?.[0] ?? '';
          if (ELIDED_WORDS.has(word)) {
            // rock ’n’ roll: the mark after the n is part of the same elision.
            if (word === 'n' && "'’".includes(text.charAt(i + 2))) this.skipThrough = i + 2;
            return;
          }
        }
        const d = closesWord(text, i) ? this.closable(ch) : -1;
        if (d >= 0) {
          if (!/[sS]/.test(prev) || this.weakCloserCloses(k, ch === "'")) this.closeAt(d, i, 1);
          return;
        }
        if (ch !== '’' && opensWord(text, i)) {
          this.open({ mark: ch, closers: ch === '‘' ? '’' : "'", at: i, from: i + 1 });
        }
        return;
      }
      case '‚':
        if (opensWord(text, i)) this.open({ mark: ch, closers: '‘’', at: i, from: i + 1 });
        return;
      case '“': {
        const d = this.closable(ch);
        const looksClosing = isSpace(next) && !isSpace(prev);
        if (d >= 0 && (this.stack[d]?.mark === '„' || looksClosing)) return this.closeAt(d, i, 1);
        if (isSpace(next)) return;
        // A closing mark printed as an opening one and glued to the credit after it
        // (`threatening rhetoric, “Stoltenberg said`, `in Europe “said the Secretary General`),
        // as copy that passed through a translation system prints it: it closes the open quote.
        const top = this.stack.length - 1;
        if (
          top >= 0 &&
          this.stack[top]!.mark === '“' &&
          isSpace(prev) &&
          creditFollows(text, i + 1)
        )
          return this.closeAt(top, i, 1, true);
        // A new sentence opening while an English quote is still open: the old one was never
        // closed, and the new one replaces it. Mid-sentence, it is a (sloppy) inner quote.
        const again = this.stack.findIndex(o => o.mark === '“');
        if (again >= 0 && startsSentence(text, i)) this.stack.length = again;
        return this.open({ mark: ch, closers: '”', at: i, from: i + 1 });
      }
      case '”': {
        const d = this.closable(ch);
        if (d >= 0) return this.closeAt(d, i, 1);
        // "…” : a curly closing mark ends a quote opened with a straight one.
        const top = this.stack.length - 1;
        if (top >= 0 && this.stack[top]!.mark === '"' && closesWord(text, i)) {
          return this.closeAt(top, i, 1);
        }
        // Swedish and Finnish ”…”, or a sloppy opening mark.
        if (opensWord(text, i)) this.open({ mark: ch, closers: '”', at: i, from: i + 1 });
        return;
      }
      case '„':
        if (!isSpace(next)) this.open({ mark: ch, closers: '“”', at: i, from: i + 1 });
        return;
      case '"': {
        const d = this.closable(ch);
        const opens = opensWord(text, i);
        if (d >= 0 && (closesWord(text, i) || !opens)) return this.closeAt(d, i, 1);
        // A straight mark ending a word closes a quote opened with a curly one (“real" risk):
        // sloppy, but common where copy passes through several systems.
        const top = this.stack.length - 1;
        if (
          d < 0 &&
          top >= 0 &&
          !opens &&
          closesWord(text, i) &&
          '“„'.includes(this.stack[top]!.mark)
        ) {
          return this.closeAt(top, i, 1);
        }
        if (opens) this.open({ mark: ch, closers: '"', at: i, from: i + 1 });
        return;
      }
      case '«':
      case '‹': {
        const d = this.closable(ch);
        if (d >= 0) return this.closeAt(d, i, 1);
        // French spacing puts a (narrow) space inside the marks.
        if (next !== '')
          this.open({ mark: ch, closers: ch === '«' ? '»' : '›', at: i, from: i + 1 });
        return;
      }
      case '»':
      case '›': {
        const d = this.closable(ch);
        if (d >= 0) return this.closeAt(d, i, 1);
        // German »…« and ›…‹; or French `» …` reopening a continued quote.
        if (!isSpace(next) || (this.carry && i === this.firstVisible)) {
          this.open({ mark: ch, closers: ch === '»' ? '«' : '‹', at: i, from: i + 1 });
        }
        return;
      }
      case '「':
        return this.open({ mark: ch, closers: '」', at: i, from: i + 1 });
      case '『':
        return this.open({ mark: ch, closers: '』', at: i, from: i + 1 });
      case '」':
      case '』': {
        const d = this.closable(ch);
        if (d >= 0) this.closeAt(d, i, 1);
        return;
      }
    }
  }
}

class Scanner implements QuoteScanner {
  private readonly minWords: number;
  private readonly maxBlocks: number;
  private readonly nested: boolean;
  private blockIndex = 0;
  private pending: PendingQuote | undefined;
  private previous: BlockRecord | undefined;
  /** The most recent person a quote was attributed to, for `he`/`she`. */
  private lastSpeaker: string | undefined;

  constructor(options: DetectOptions) {
    this.minWords = options.minWords ?? DEFAULT_MIN_WORDS;
    this.maxBlocks = options.maxBlocks ?? DEFAULT_MAX_BLOCKS;
    this.nested = options.nested ?? false;
  }

  push(text: string, marked: readonly MarkedQuote[] = []): DetectedQuote[] {
    const block = this.blockIndex++;
    const record: BlockRecord = { index: block, text, reported: [] };
    const held = this.pending;
    const scan = new BlockScan(text, held, this.maxBlocks);
    this.pending = undefined;
    scan.run(marked);

    // Settle the block's quotes in text order (a continued quote starts the block).
    const closed = scan.closed.sort((a, b) => a.open.at - b.open.at);
    const out: DetectedQuote[] = [];
    // A quote left open at the end of the previous paragraph that this one does not continue
    // ran to that paragraph's end.
    if (held && !scan.continues(held)) this.settleUnclosed(held, out, text);
    let reportedEnd = 0;
    let lastInBlock: string | undefined;
    for (const c of closed) {
      const { open, depth } = c;
      const carried = open.carried;
      const shaped = shape([
        ...(carried?.pieces ?? []),
        { block, text, from: open.from, to: c.to },
      ]);
      if (!shaped || countWords(shaped.text) < this.minWords) continue;
      if (depth > 0) {
        if (this.nested) out.push(toQuote(shaped, open.mark, undefined));
        continue;
      }
      const before = carried?.before ?? this.beforeSide(record, open.at, reportedEnd, lastInBlock);
      const markup = open.marked?.attribution ?? carried?.marked?.attribution;
      const speaker = decide(markup, before, subjectAfter(text, c.after, c.glued));
      if (speaker.person) this.lastSpeaker = speaker.text;
      record.reported.push({
        at: carried ? 0 : open.at,
        after: c.after,
        speaker: speaker.person ? speaker.text : undefined,
      });
      reportedEnd = c.after;
      lastInBlock = speaker.text;
      out.push(toQuote(shaped, carried?.mark ?? open.mark, speaker.text));
    }

    // A quote still open at the end of the paragraph continues only if the next one says so.
    const bottom = scan.stack[0];
    if (bottom && (bottom.marked ? bottom.marked.continues === true : true)) {
      const piece: Piece = { block, text, from: bottom.from, to: text.length };
      let before = bottom.carried?.before;
      if (!before) {
        // Resolve `he`/`she` now: the blocks this depends on are forgotten by the time it closes.
        before = this.beforeSide(record, bottom.at, reportedEnd, lastInBlock);
        const name = before.referent();
        before.referent = () => name;
      }
      // Its words are not the page's own: keep them out of later pronoun resolution.
      record.reported.push({ at: bottom.carried ? 0 : bottom.at, after: text.length });
      this.pending = {
        pieces: [...(bottom.carried?.pieces ?? []), piece],
        mark: bottom.carried?.mark ?? bottom.mark,
        closers: bottom.closers,
        marked: bottom.carried?.marked ?? bottom.marked,
        before,
      };
    }

    this.previous = record;
    return out;
  }

  finish(): DetectedQuote[] {
    const held = this.pending;
    this.pending = undefined;
    const out: DetectedQuote[] = [];
    if (held) this.settleUnclosed(held, out, undefined);
    return out;
  }

  /**
   * Reports a quote whose opening mark was never closed: its words run to the end of the
   * last paragraph it reached. Single marks are left out (an apostrophe is too easily taken
   * for one), as are marked quotes (the markup ends them). Attribution comes from the text
   * before it, or else from a credit line that follows alone (`Jens Stoltenberg.`).
   */
  private settleUnclosed(held: PendingQuote, out: DetectedQuote[], next: string | undefined): void {
    if (held.marked || SINGLE_MARKS.includes(held.mark)) return;
    // A run that hit the paragraph limit is unbalanced marks, not a speech.
    if (held.pieces.length >= this.maxBlocks) return;
    const shaped = shape(held.pieces);
    if (!shaped) return;
    const words = countWords(shaped.text);
    if (words < this.minWords || words > MAX_UNCLOSED_WORDS) return;
    let speaker = decide(undefined, held.before, undefined);
    if (!speaker.text && next !== undefined) {
      const credit = creditLine(next);
      if (credit) speaker = { text: credit, person: true };
    }
    if (speaker.person) this.lastSpeaker = speaker.text;
    const q = toQuote(shaped, held.mark, speaker.text);
    q.unclosed = true;
    out.push(q);
  }

  /** What the text before a quote says about its speaker. */
  private beforeSide(
    rec: BlockRecord,
    at: number,
    windowStart: number,
    carry: string | undefined,
  ): BeforeSide {
    const from = Math.max(windowStart, at - BEFORE_WINDOW);
    const side: BeforeSide = {
      sentence: subjectBefore(rec.text, sentenceStart(rec.text, from, at), at),
      carry: windowStart > 0 ? carry : undefined,
      accordingTo: accordingToBefore(rec, at),
      referent: () => this.referent(rec, at),
    };
    const previous = this.previous;
    const opensBlock = firstNonSpace(rec.text) >= at;
    if (opensBlock && previous && previous.index === rec.index - 1) {
      side.leadIn = leadIn(previous.text);
    }
    return side;
  }

  /** Whom `he`/`she` refers to at `pos` in the block: the nearest person named before it. */
  private referent(rec: BlockRecord, pos: number): string | undefined {
    const here = lastEvent(rec, pos);
    if (here) return here;
    const previous = this.previous;
    if (previous && previous.index === rec.index - 1) {
      const there = lastEvent(previous, Infinity);
      if (there) return there;
    }
    return this.lastSpeaker;
  }
}

// ---------------------------------------------------------------------------
// Shaping the result

interface Shaped {
  pieces: Array<{ block: number; start: number; end: number }>;
  text: string;
}

/** Trims the pieces to the quoted words and joins their text. */
function shape(pieces: readonly Piece[]): Shaped | undefined {
  const out: Shaped['pieces'] = [];
  const texts: string[] = [];
  pieces.forEach((p, n) => {
    let start = p.from;
    let end = p.to;
    while (start < end && isSpace(p.text.charAt(start))) start++;
    while (end > start && isSpace(p.text.charAt(end - 1))) end--;
    // “…,” he said: the comma belongs to the reporting sentence, not to the speaker.
    if (n === pieces.length - 1) {
      while (
        end > start &&
        (',;:'.includes(p.text.charAt(end - 1)) || isSpace(p.text.charAt(end - 1)))
      ) {
        end--;
      }
    }
    if (end > start) {
      out.push({ block: p.block, start, end });
      texts.push(p.text.slice(start, end));
    }
  });
  if (out.length === 0) return undefined;
  const joined = texts.join(' ');
  return { pieces: out, text: /\s\s|[^\S ]/.test(joined) ? joined.replace(/\s+/g, ' ') : joined };
}

function toQuote(shaped: Shaped, mark: string, attribution: string | undefined): DetectedQuote {
  const [first] = shaped.pieces;
  const q: DetectedQuote = {
    text: shaped.text,
    block: first?.block ?? 0,
    start: first?.start ?? 0,
    end: first?.end ?? 0,
    mark,
  };
  if (shaped.pieces.length > 1) q.pieces = shaped.pieces;
  if (attribution) q.attribution = attribution;
  return q;
}

/**
 * The speaker a paragraph names when it is nothing but a credit line after a quote:
 * `Jens Stoltenberg.`, `— Mark Rutte, NATO Secretary General`. Undefined otherwise.
 */
function creditLine(text: string): string | undefined {
  const line = text.trim().replace(/\.$/, '');
  if (line.length === 0 || line.length > 80 || /[“”"«»„]/.test(line)) return undefined;
  const name = (line.replace(/^[\s—–―~-]+/, '').split(/,|\(| [|—–] /)[0] ?? '').trim();
  const tokens = tokenize(name, 0, name.length);
  if (tokens.length === 0 || tokens.length > 6) return undefined;
  if (!tokens.every(t => isNamePart(t) || CONNECTORS.has(t.w))) return undefined;
  const s = classify(name, tokens);
  return s && (s.kind === 'name' || s.kind === 'role') ? s.text : undefined;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text.charAt(i))) i++;
  return i;
}

// ---------------------------------------------------------------------------
// Attribution

/**
 * Who a stretch of text names as a speaker.
 * - `name`: a person or body (`Jens Stoltenberg`, `NATO`), titles stripped.
 * - `role`: only an office (`Secretary General`, `spokesperson`).
 * - `pronoun`: `he`/`she`, to resolve.
 * - `nobody`: `they`, `we`, `it`: the text attributes the words to no one we can name.
 * - `source`: a document (`according to a NATO news release`).
 */
interface Subject {
  kind: 'name' | 'role' | 'pronoun' | 'nobody' | 'source';
  text: string;
}

interface Speaker {
  text: string | undefined;
  /** A person or role, whom a later `he`/`she` may refer to; not a document. */
  person: boolean;
}

/**
 * Picks the attribution: markup first, then the speaker named in the quote's own sentence
 * before it (`Stoltenberg said, “…”`), then right after it (`“…,” said Blinken`), then the
 * speaker of the previous quote of the paragraph, then a lead-in paragraph
 * (`He told reporters:`), then `according to` earlier in the paragraph.
 */
function decide(
  markup: string | undefined,
  before: BeforeSide,
  after: Subject | undefined,
): Speaker {
  if (markup) return { text: markup, person: true };
  const s = before.sentence;
  const named = s && (s.kind === 'name' || s.kind === 'role') ? s : undefined;
  const chosen: Subject | undefined =
    named ??
    after ??
    s ??
    (before.carry !== undefined ? { kind: 'name', text: before.carry } : undefined) ??
    before.leadIn ??
    before.accordingTo;
  if (!chosen || chosen.kind === 'nobody') return { text: undefined, person: false };
  if (chosen.kind === 'pronoun') {
    const name = before.referent();
    return name ? { text: name, person: true } : { text: undefined, person: false };
  }
  return { text: chosen.text, person: chosen.kind !== 'source' };
}

/** Verbs that report speech; only their lowercase forms count (`United States` is no verb). */
const VERBS = new Set(
  (
    'said says say added adds stated states stressed stresses insisted insists warned warns told ' +
    'tells noted notes argued argues declared declares explained explains replied replies wrote ' +
    'writes asked asks answered responded responds continued recalled recalls claimed claims ' +
    'announced announces acknowledged acknowledges admitted admits commented observed remarked ' +
    'tweeted posted urged urges concluded cautioned cautions emphasised emphasized emphasises ' +
    'emphasizes underlined underscored maintained maintains asserted asserts affirmed confirmed ' +
    'confirms conceded concedes suggested suggests predicted vowed vows promised pledged pledges ' +
    'repeated reiterated reiterates quipped joked countered agreed agrees complained complains ' +
    'lamented protested objected boasted admitted announced revealed'
  ).split(' '),
);
/** Words between a subject and its verb: `Stoltenberg also said`, `he has repeatedly warned`. */
const FILLERS = new Set(
  'also later then again further previously earlier recently reportedly once has had have would will had just even still'.split(
    ' ',
  ),
);
const WEEKDAYS = new Set('Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' '));
const PRONOUNS = new Set(['he', 'she']);
const NOBODY = new Set(['they', 'we', 'i', 'it', 'you', 'one', 'this', 'that', 'who', 'which']);
const ARTICLES = new Set(['the', 'a', 'an']);
/** Lowercase words that join the parts of a name or title: `Secretary of State`, `von der Leyen`. */
const CONNECTORS = new Set(
  'of for de da di du del della van von der den la le al el bin ibn y dos das'.split(' '),
);
/** Connectors after which a name stops: `Dmytro Kuleba of Ukraine`. */
const CUT_AFTER_NAME = new Set(['of', 'for', 'from', 'at']);
/**
 * Offices, honorifics and qualifiers: stripped from the front of a name
 * (`NATO Secretary General Jens Stoltenberg` → `Jens Stoltenberg`). A phrase made only of
 * these is a role (`Secretary General`). Acronyms (`NATO`, `US`) and possessives
 * (`NATO’s`) count as qualifiers too.
 */
const TITLES = new Set(
  (
    'secretary general minister ministers president presidents vice prime deputy foreign defence ' +
    'defense interior finance justice state affairs home spokesperson spokesman spokeswoman ' +
    'spokespeople chancellor ambassador envoy senator sen representative rep congressman ' +
    'congresswoman governor mayor chairman chairwoman chair chief executive director head ' +
    'commander admiral colonel col lieutenant lt captain capt sergeant officer official officials ' +
    'king queen prince princess pope bishop archbishop judge attorney mr mrs ms mx dr prof ' +
    'professor sir dame lord lady gen assistant under acting former senior top permanent high ' +
    'commissioner member leader white house press diplomat diplomats analyst analysts expert ' +
    'experts source sources adviser advisor counsellor counselor'
  ).split(' '),
);
/** Title words that, in lowercase, are too common to start a role (`the former said` is no role). */
const LOWER_NOT_ROLE = new Set(
  'then under top high home former acting senior member head white house press general state chair'.split(
    ' ',
  ),
);
/** Capitalised words that are not names (sentence starts, function words, dates). */
const STOP = new Set(
  (
    'The A An But And Or Nor So Yet When While Where Whereas After Before Since Because As If Then ' +
    'Than In On At By For From With Without To Of Speaking Asked Asking Separately However ' +
    'Meanwhile Also Later Earlier Now Still Here There It Its This That These Those They We I You ' +
    'He She His Her Their Our My Your Who Whom Whose What Which Yesterday Today Tonight Tomorrow ' +
    'Last Next Both Each Every All Some Many Most Several Such Not No Only Just Even Although ' +
    'Though Once Until Unless Whether During Despite Following According Instead Indeed Thus ' +
    'Hence Moreover Furthermore Finally First Second Third Other Another Meeting Speaking ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July ' +
    'September October November December'
  ).split(' '),
);
/** Words whose period does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms mx dr prof gen lt col sen rep gov st jr sr no vs capt sgt adm cmdr rev hon'.split(' '),
);

interface Token {
  w: string;
  s: number;
  e: number;
}

/** Words of `text[from, to)` with where they are; `.` joins abbreviations (`U.S`), `-`/`’` compounds. */
function tokenize(text: string, from: number, to: number, max = Infinity): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to && tokens.length < max) {
    if (!isWordAt(text, i) || isCombiningAt(text, i)) {
      i++;
      continue;
    }
    const s = i++;
    while (i < to) {
      if (isWordAt(text, i)) i++;
      else if ("'’.‐-".includes(text.charAt(i)) && i + 1 < to && isWordAt(text, i + 1)) i += 2;
      else break;
    }
    tokens.push({ w: text.slice(s, i), s, e: i });
  }
  return tokens;
}

const WORD_MARK_RE = /\p{M}/u;

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isAbbreviation(t: Token): boolean {
  return (
    (t.w.length === 1 && isUpper(t.w)) || t.w.includes('.') || ABBREVIATIONS.has(t.w.toLowerCase())
  );
}

/** Whether two tokens of a name are separated by nothing but space (or an abbreviation's period). */
function joined(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.e, b.s);
  if (/^\s+$/.test(gap)) return true;
  return /^\.\s+$/.test(gap) && isAbbreviation(a);
}

function isTitle(t: Token): boolean {
  const bare = t.w.replace(/\./g, '');
  return (
    TITLES.has(bare.toLowerCase()) ||
    (bare.length >= 2 && /^\p{Lu}+$/u.test(bare)) ||
    /['’]s$/.test(t.w)
  );
}

/** Whether a token can be part of a name or role. */
function isNamePart(t: Token): boolean {
  const first = t.w.charAt(0);
  if (isUpper(first)) return !STOP.has(t.w);
  if (/-\p{Lu}/u.test(t.w)) return true; // al-Assad
  const lower = t.w.toLowerCase();
  return TITLES.has(lower) && !LOWER_NOT_ROLE.has(lower);
}

/** Turns the tokens of a subject into a name (titles stripped) or a role. */
function classify(text: string, tokens: readonly Token[]): Subject | undefined {
  let toks = tokens;
  for (let i = 1; i < toks.length; i++) {
    const prev = toks[i - 1];
    const t = toks[i];
    if (t && prev && CUT_AFTER_NAME.has(t.w) && !isTitle(prev)) {
      toks = toks.slice(0, i);
      break;
    }
  }
  while (toks.length > 0 && CONNECTORS.has(toks[toks.length - 1]?.w ?? ''))
    toks = toks.slice(0, -1);
  if (toks.length === 0) return undefined;
  let lastTitle = -1;
  toks.forEach((t, i) => {
    const prev = toks[i - 1];
    if (isTitle(t) || (CONNECTORS.has(t.w) && prev && isTitle(prev))) lastTitle = i;
  });
  let rest = toks.slice(lastTitle + 1);
  while (rest.length > 0 && CONNECTORS.has(rest[0]?.w ?? '')) rest = rest.slice(1);
  const span = (ts: readonly Token[]) => text.slice(ts[0]?.s ?? 0, ts[ts.length - 1]?.e ?? 0);
  const head = rest[0];
  if (head && isUpper(head.w.charAt(0))) return { kind: 'name', text: span(rest) };
  return { kind: 'role', text: span(toks) };
}

/** The subject whose last token is `tokens[j]`, read backwards. */
function subjectEndingAt(text: string, tokens: readonly Token[], j: number): Subject | undefined {
  const t = tokens[j];
  if (!t) return undefined;
  const lower = t.w.toLowerCase();
  if (PRONOUNS.has(lower)) return { kind: 'pronoun', text: t.w };
  if (NOBODY.has(lower)) return { kind: 'nobody', text: t.w };
  if (!isNamePart(t)) return undefined;
  let k = j;
  while (k > 0 && j - k < 8) {
    const p = tokens[k - 1];
    const cur = tokens[k];
    if (!p || !cur || !joined(text, p, cur)) break;
    if (isNamePart(p) || (CONNECTORS.has(p.w) && isNamePart(cur))) k--;
    else break;
  }
  while (k < j && CONNECTORS.has(tokens[k]?.w ?? '')) k++;
  return classify(text, tokens.slice(k, j + 1));
}

/** The subject of the speech verb `tokens[v]`: `Stoltenberg (also) said`, `Blinken, the US envoy, said`. */
function subjectOfVerb(text: string, tokens: readonly Token[], v: number): Subject | undefined {
  let j = v - 1;
  let skipped = 0;
  while (j >= 0 && skipped < 3) {
    const t = tokens[j];
    const after = tokens[j + 1];
    if (!t || !after || !joined(text, t, after)) break;
    if (FILLERS.has(t.w) || (t.w.length > 4 && t.w.endsWith('ly') && t.w === t.w.toLowerCase())) {
      j--;
    } else if (WEEKDAYS.has(t.w) && tokens[j - 1]?.w === 'on') {
      j -= 2;
    } else break;
    skipped++;
  }
  const t = tokens[j];
  const after = tokens[j + 1];
  if (!t || !after) return undefined;
  // `Lavrov, who warned that …`: the relative pronoun stands for the name before it.
  const before = tokens[j - 1];
  if (t.w === 'who' && before && /^\s*,\s*$/.test(text.slice(before.e, t.s))) {
    const s = subjectEndingAt(text, tokens, j - 1);
    return s && (s.kind === 'name' || s.kind === 'role') ? s : undefined;
  }
  if (joined(text, t, after)) return subjectEndingAt(text, tokens, j);
  // An apposition between commas: `Jens Stoltenberg, NATO’s Secretary General, said`.
  if (!/^\s*,\s*$/.test(text.slice(t.e, after.s))) return undefined;
  for (let m = j; m > 0 && j - m < 14; m--) {
    const a = tokens[m - 1];
    const b = tokens[m];
    if (!a || !b) break;
    const gap = text.slice(a.e, b.s);
    if (/[.!?;:]/.test(gap)) break;
    if (/^\s*,\s*$/.test(gap)) {
      const s = subjectEndingAt(text, tokens, m - 1);
      return s && (s.kind === 'name' || s.kind === 'role') ? s : undefined;
    }
  }
  return undefined;
}

/** `according to X`: X as written, up to the next punctuation (a document is a `source`). */
function accordingTo(text: string, tokens: readonly Token[], i: number): Subject | undefined {
  let k = i;
  while (tokens[k] && ARTICLES.has(tokens[k]?.w.toLowerCase() ?? '')) k++;
  const phrase: Token[] = [];
  for (let n = k; n < tokens.length && phrase.length < 6; n++) {
    const t = tokens[n];
    const prev = tokens[n - 1];
    if (!t || (n > k && prev && !/^\s+$/.test(text.slice(prev.e, t.s)))) break;
    phrase.push(t);
  }
  if (phrase.length === 0) return undefined;
  if (phrase.every(t => isNamePart(t) || CONNECTORS.has(t.w))) return classify(text, phrase);
  return { kind: 'source', text: text.slice(phrase[0]?.s ?? 0, phrase[phrase.length - 1]?.e ?? 0) };
}

/** The speaker named in `text[from, to)`: the subject of its last speech verb, or `according to X`. */
function subjectBefore(text: string, from: number, to: number): Subject | undefined {
  const tokens = tokenize(text, from, to);
  for (let v = tokens.length - 1; v >= 0; v--) {
    const w = tokens[v]?.w ?? '';
    if ((w === 'according' || w === 'According') && tokens[v + 1]?.w === 'to') {
      const s = accordingTo(text, tokens, v + 2);
      if (s) return s;
    }
    if (!VERBS.has(w)) continue;
    const s = subjectOfVerb(text, tokens, v);
    if (s) return s;
  }
  return undefined;
}

/** The subject of a name-like phrase starting at `tokens[i]`, read forwards, and where it ends. */
function subjectStartingAt(
  text: string,
  tokens: readonly Token[],
  i: number,
): { subject: Subject; next: number } | undefined {
  let k = i;
  const first = tokens[k];
  if (!first) return undefined;
  const lower = first.w.toLowerCase();
  if (PRONOUNS.has(lower)) return { subject: { kind: 'pronoun', text: first.w }, next: k + 1 };
  if (NOBODY.has(lower)) return { subject: { kind: 'nobody', text: first.w }, next: k + 1 };
  if (ARTICLES.has(lower)) k++;
  const start = k;
  while (k < tokens.length && k - start < 8) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    if (!t || (k > i && prev && !joined(text, prev, t))) break;
    if (isNamePart(t) || (k > start && CONNECTORS.has(t.w))) k++;
    else break;
  }
  if (k === start) return undefined;
  const subject = classify(text, tokens.slice(start, k));
  return subject ? { subject, next: k } : undefined;
}

/**
 * The speaker named right after a quote's closing mark: `“…,” Stoltenberg said`,
 * `“…,” said Blinken`, `“…,” he added`, `“…”, according to X`.
 */
function subjectAfter(text: string, after: number, glued = false): Subject | undefined {
  const end = Math.min(text.length, after + AFTER_WINDOW);
  const tokens = tokenize(text, after, end, 24);
  const t0 = tokens[0];
  const gap = t0 ? text.slice(after, t0.s) : '';
  if (!t0 || !/^[\s,—–]*$/.test(gap) || (glued ? gap !== '' : gap === '')) return undefined;
  if (VERBS.has(t0.w)) return subjectStartingAt(text, tokens, 1)?.subject;
  if (t0.w.toLowerCase() === 'according' && tokens[1]?.w === 'to')
    return accordingTo(text, tokens, 2);
  const s = subjectStartingAt(text, tokens, 0);
  if (!s) return undefined;
  const verbAt = (k: number): boolean => {
    let n = k;
    for (let skipped = 0; skipped < 3; skipped++) {
      const t = tokens[n];
      if (t && (FILLERS.has(t.w) || (t.w.length > 4 && t.w.endsWith('ly')))) n++;
      else break;
    }
    return VERBS.has(tokens[n]?.w ?? '');
  };
  const last = tokens[s.next - 1];
  const next = tokens[s.next];
  if (!last || !next) return undefined;
  if (joined(text, last, next)) return verbAt(s.next) ? s.subject : undefined;
  // `“…,” Stoltenberg, NATO’s Secretary General, said.`
  if (!/^\s*,\s*$/.test(text.slice(last.e, next.s))) return undefined;
  for (let m = s.next + 1; m < tokens.length && m - s.next < 14; m++) {
    const a = tokens[m - 1];
    const b = tokens[m];
    if (!a || !b) break;
    const gap = text.slice(a.e, b.s);
    if (/[.!?;:]/.test(gap)) break;
    if (/^\s*,\s*$/.test(gap)) return verbAt(m) ? s.subject : undefined;
  }
  return undefined;
}

/** Reporting participles that open the clause after a quote: `“…,” adding that …`. */
const PARTICIPLES = new Set(
  'saying adding noting stressing specifying explaining insisting warning stating recalling emphasising emphasizing underlining'.split(
    ' ',
  ),
);

/**
 * Whether a credit starts right at `at`, glued to the mark before it: `“said the Secretary
 * General`, `“Stoltenberg said`, `“specifying that`.
 */
function creditFollows(text: string, at: number): boolean {
  const t0 = tokenize(text, at, Math.min(text.length, at + 20), 1)[0];
  if (!t0 || t0.s !== at) return false;
  return PARTICIPLES.has(t0.w) || subjectAfter(text, at, true) !== undefined;
}

/**
 * The speaker in a credit line such as a blockquote's `<footer>` or `<cite>`:
 * `— Jens Stoltenberg, NATO Secretary General` → `Jens Stoltenberg`. Titles before a name are
 * stripped as in running text; a credit that is not a name is returned as written (first clause).
 * @returns undefined for an empty credit.
 */
export function attributionFromCredit(credit: string): string | undefined {
  const line = (
    credit
      .replace(/\s+/g, ' ')
      .replace(/^[\s—–―~-]+/, '')
      .split(/,|\(| [|—–] /)[0] ?? ''
  ).trim();
  if (line === '') return undefined;
  const tokens = tokenize(line, 0, line.length);
  if (tokens.length > 0 && tokens.every(t => isNamePart(t) || CONNECTORS.has(t.w))) {
    const s = classify(line, tokens);
    if (s) return s.text;
  }
  return line.length > 80 ? undefined : line;
}

/** A paragraph that introduces the next one's quote: `Stoltenberg told reporters:`. */
function leadIn(text: string): Subject | undefined {
  let end = text.length;
  while (end > 0 && isSpace(text.charAt(end - 1))) end--;
  if (!':,—–'.includes(text.charAt(end - 1)) || end === 0) return undefined;
  const from = Math.max(0, end - BEFORE_WINDOW);
  return subjectBefore(text, sentenceStart(text, from, end), end);
}

/** `according to X` earlier in the paragraph, outside quotes. */
function accordingToBefore(rec: BlockRecord, at: number): Subject | undefined {
  if (!rec.according) {
    rec.according = [];
    for (const m of rec.text.matchAll(/\baccording to\b/gi)) rec.according.push(m.index);
  }
  let i = -1;
  for (const a of rec.according) if (a + 12 <= at) i = a;
  if (i < 0) return undefined;
  if (rec.reported.some(r => r.at <= i && i < r.after)) return undefined;
  const tokens = tokenize(rec.text, i, Math.min(at, i + 120));
  return accordingTo(rec.text, tokens, 2);
}

/** The last person before `pos` in a block: a quote's speaker or the subject of a speech verb outside quotes. */
function lastEvent(rec: BlockRecord, pos: number): string | undefined {
  const events = (rec.events ??= { scanned: 0, list: [] });
  const limit = Math.min(pos, rec.text.length);
  // Scan the unquoted text up to `pos` once; the block's quotes before `pos` are settled.
  while (events.scanned < limit) {
    const inside = rec.reported.find(r => r.at <= events.scanned && events.scanned < r.after);
    if (inside) {
      events.scanned = inside.after;
      continue;
    }
    const nextQuote = rec.reported.reduce(
      (min, r) => (r.at > events.scanned && r.at < min ? r.at : min),
      limit,
    );
    const tokens = tokenize(rec.text, events.scanned, nextQuote);
    tokens.forEach((t, v) => {
      if (!VERBS.has(t.w)) return;
      const s = subjectOfVerb(rec.text, tokens, v);
      if (s && (s.kind === 'name' || s.kind === 'role'))
        events.list.push({ pos: t.s, name: s.text });
    });
    events.scanned = nextQuote;
  }
  let best: SpeakerEvent | undefined;
  for (const e of events.list) if (e.pos < pos && (!best || e.pos > best.pos)) best = e;
  for (const r of rec.reported) {
    if (r.speaker && r.at < pos && (!best || r.at > best.pos))
      best = { pos: r.at, name: r.speaker };
  }
  return best?.name;
}

/** Where the sentence containing `text[to]` starts, not before `from`. */
function sentenceStart(text: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    if (!isSpace(text.charAt(i))) continue;
    let j = i - 1;
    while (j > from && '”’"»)]'.includes(text.charAt(j))) j--;
    const ch = text.charAt(j);
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    if (ch === '.') {
      let w = j;
      while (w > from && /[\p{L}.]/u.test(text.charAt(w - 1))) w--;
      const word = text.slice(w, j);
      if (
        (word.length === 1 && isUpper(word)) ||
        word.includes('.') ||
        ABBREVIATIONS.has(word.toLowerCase())
      ) {
        continue;
      }
    }
    return i + 1;
  }
  return from;
}
