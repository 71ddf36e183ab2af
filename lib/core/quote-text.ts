/**
 * Reading a quote as a page prints it: its words, the ellipses that mark
 * omissions, and the editor's brackets.
 */
import { tokenize, wordWeight, type Token } from './normalize';

/** A word of a quote. */
export interface QuoteToken extends Token {
  /** Which run of the quote between ellipses the word belongs to (0-based). */
  piece: number;
  /** Inside editorial brackets (`[NATO]`): the editor's words, not the speaker's. */
  editorial: boolean;
  /** Evidence weight in scores; 0 for editorial words. */
  weight: number;
}

/** A quote broken into words and pieces. */
export interface ParsedQuote {
  /** The quote as given (offsets of tokens index it). */
  text: string;
  tokens: QuoteToken[];
  /** Whether an ellipsis stands between piece `p` and piece `p + 1` (index `p`). */
  pieceBreaks: number;
  /** Sum of the speaker's words' weights. */
  weight: number;
  /** Number of the speaker's (non-editorial) words. */
  words: number;
}

/**
 * Ellipses as printed: `...`, `…`, `. . .`, and either in square brackets or
 * parentheses (`[...]`, `(…)`).
 */
const ELLIPSIS_RE = /[[(]\s*(?:\.\s*){2,}\.?\s*[\])]|[[(]\s*…\s*[\])]|(?:\.\s?){2}\.|…/g;
/** Editorial insertions: square brackets around anything that is not an ellipsis. */
const BRACKET_RE = /\[([^\]\n]{1,80})\]/g;
/** Quotation marks and spaces around the whole quote. */
const OUTER_MARKS_RE = /^[\s"“”„‟«»‹›‚‘’'「」『』]+|[\s"“”„‟«»‹›‚‘’'「」『』]+$/g;

/**
 * Parse a quote. Ellipses split it into pieces (the source may have any
 * words between them); bracketed words are marked editorial.
 */
export function parseQuote(quote: string): ParsedQuote {
  const text = quote.replace(OUTER_MARKS_RE, m => ' '.repeat(m.length));
  const breaks: number[] = [];
  ELLIPSIS_RE.lastIndex = 0;
  for (let m = ELLIPSIS_RE.exec(text); m; m = ELLIPSIS_RE.exec(text)) breaks.push(m.index);
  const brackets: Array<[number, number]> = [];
  BRACKET_RE.lastIndex = 0;
  for (let m = BRACKET_RE.exec(text); m; m = BRACKET_RE.exec(text)) {
    if (!/^\s*(?:\.\s*)+$|^\s*…\s*$/.test(m[1]!)) brackets.push([m.index, m.index + m[0].length]);
  }

  let piece = 0;
  let b = 0;
  let weight = 0;
  let words = 0;
  const tokens: QuoteToken[] = [];
  for (const token of tokenize(text)) {
    while (b < breaks.length && breaks[b]! < token.start) {
      // Several ellipses in a row, or one at the very start, open no empty piece.
      if (tokens.length > 0 && tokens[tokens.length - 1]!.piece === piece) piece++;
      b++;
    }
    const editorial = brackets.some(([s, e]) => token.start >= s && token.end <= e);
    const w = editorial ? 0 : wordWeight(token.norm);
    // Written out: V8 (Node 20) builds `{ ...token, piece, … }` on a slow path, 10–30× the
    // cost of this literal, and every quote and every sentence read for copies comes here.
    tokens.push({
      norm: token.norm,
      start: token.start,
      end: token.end,
      piece,
      editorial,
      weight: w,
    });
    weight += w;
    if (!editorial) words++;
  }
  return { text: quote, tokens, pieceBreaks: piece, weight, words };
}
