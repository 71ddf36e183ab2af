/**
 * Unmarked copies: stretches of a page's text that reproduce a corpus passage without
 * quotation marks (wire copy, statements pasted into an article, live blogs).
 *
 * Text reuse is found sentence by sentence with the quote matcher held to a near-verbatim
 * score, so that a sentence which merely shares a topic, names or stock phrases with the
 * corpus never counts; consecutive sentences copied from one passage are then joined into
 * one copy, and a copy shorter than {@link COPY_MIN_WORDS} words is dropped (common phrases
 * such as "thank you very much for your question" are short). Pure: strings in, plain data out.
 */
import { runWithTexts, type CorpusIndex, type TextSteps } from './corpus-index';
import { countWords } from './detect-quotes';
import { matchQuoteSteps } from './match-quote';
import { splitSentences } from './segment';
import type { QuoteMatch, Span } from './types';

/** A copy must have at least this many words (of the page's text) to count. */
export const COPY_MIN_WORDS = 12;
/** A sentence counts as copied from the corpus from this score (the matcher's 0..1). */
export const COPY_MIN_SCORE = 0.9;
/** A sentence scoring this much may hold a copied stretch amid the page's own words. */
const PARTIAL_MIN_SCORE = 0.5;
/**
 * Sentences shorter than this are not matched. Shorter copied sentences than
 * {@link COPY_MIN_WORDS} count only within a run of copied sentences that long.
 */
const SENTENCE_MIN_WORDS = 4;
/** Two copied sentences join when their passages are at most this far apart in the source (characters). */
const JOIN_GAP = 400;
/** A block is read up to this many sentences: beyond it, a paragraph is not prose. */
const MAX_SENTENCES = 60;

/** An unmarked copy found in a block of text. */
export interface CopySpan extends Span {
  /** The source: verdict `verbatim` or `edited`, never a paraphrase. */
  match: QuoteMatch;
}

export interface CopyOptions {
  /** Parts of the text that are already quotes (with marks): no copy overlaps them. */
  exclude?: readonly Span[];
  /** Minimum score of a copied sentence; default {@link COPY_MIN_SCORE}. Never below it. */
  minScore?: number;
}

/**
 * Finds the stretches of `text` (one paragraph of a page) that reproduce corpus passages.
 *
 * @returns Copies in text order, as spans of `text` with their source; empty when the
 *   paragraph copies nothing (or nothing of {@link COPY_MIN_WORDS} words or more).
 */
export function findCopies(
  index: CorpusIndex,
  text: string,
  options: CopyOptions = {},
): CopySpan[] {
  return runWithTexts(findCopiesSteps(index, text, options));
}

/** {@link findCopies} over an index that may not hold every text (see `TextSteps`). */
export function* findCopiesSteps(
  index: CorpusIndex,
  text: string,
  options: CopyOptions = {},
): TextSteps<CopySpan[]> {
  if (countWords(text) < COPY_MIN_WORDS) return [];
  const minScore = Math.max(COPY_MIN_SCORE, options.minScore ?? COPY_MIN_SCORE);
  const exclude = options.exclude ?? [];
  const sentences = splitSentences(text).slice(0, MAX_SENTENCES);

  // Each sentence on its own: copied from where? A sentence of the page's own that
  // reproduces a long stretch of the source word for word (reported speech: `Ministers
  // stressed that …`) gives that stretch.
  const hits: Array<{ span: Span; match: QuoteMatch } | null> = [];
  for (const span of sentences) hits.push(yield* copiedIn(index, text, span, exclude, minScore));

  // Runs of consecutive copied sentences from one stretch of one document become one copy.
  const copies: CopySpan[] = [];
  let run: Array<{ span: Span; match: QuoteMatch }> = [];
  for (const hit of [...hits, null]) {
    const last = run[run.length - 1];
    if (hit && (!last || follows(last.match, hit.match))) {
      run.push(hit);
      continue;
    }
    if (run.length > 0) copies.push(...(yield* settle(index, text, run, minScore)));
    run = hit ? [hit] : [];
  }
  return copies;
}

/** The copied stretch of one sentence of `text`, with its source, or null. */
function* copiedIn(
  index: CorpusIndex,
  text: string,
  span: Span,
  exclude: readonly Span[],
  minScore: number,
): TextSteps<{ span: Span; match: QuoteMatch } | null> {
  if (exclude.some(x => x.start < span.end && span.start < x.end)) return null;
  const sentence = text.slice(span.start, span.end);
  if (countWords(sentence) < SENTENCE_MIN_WORDS) return null;
  const match = yield* matchQuoteSteps(index, sentence, {
    minScore: PARTIAL_MIN_SCORE,
    minWords: SENTENCE_MIN_WORDS,
  });
  if (!match) return null;
  if (isCopy(match, minScore)) return { span, match };
  const run = longestSameRun(sentence, match);
  if (!run || countWords(sentence.slice(run.start, run.end)) < COPY_MIN_WORDS) return null;
  const part = yield* matchQuoteSteps(index, sentence.slice(run.start, run.end), { minScore });
  return part && isCopy(part, minScore)
    ? { span: { start: span.start + run.start, end: span.start + run.end }, match: part }
    : null;
}

/**
 * Where in `sentence` the longest stretch of words the source has word for word lies (the
 * longest `same` part of the match's diff), or undefined.
 */
function longestSameRun(sentence: string, match: QuoteMatch): Span | undefined {
  let best: Span | undefined;
  let cursor = 0;
  for (const part of match.diff) {
    if (part.op === 'removed' || part.op === 'elided') continue;
    const at = sentence.indexOf(part.quote, cursor);
    if (at < 0) return best;
    cursor = at + part.quote.length;
    if (part.op === 'same' && (!best || part.quote.length > best.end - best.start)) {
      best = { start: at, end: cursor };
    }
  }
  return best;
}

/** A match good enough to call a copy: near-verbatim, one clear source. */
function isCopy(match: QuoteMatch, minScore: number): boolean {
  return match.score >= minScore && match.verdict !== 'paraphrase' && !match.ambiguous;
}

/** Whether `next` continues `prev` in the source: same document, just after it. */
function follows(prev: QuoteMatch, next: QuoteMatch): boolean {
  return (
    prev.documentId === next.documentId &&
    next.start >= prev.start &&
    next.start - prev.end <= JOIN_GAP
  );
}

/**
 * One copy for a run of copied sentences when the whole run still matches as one passage;
 * otherwise the sentences stay separate copies. Copies under the minimum length are dropped.
 */
function* settle(
  index: CorpusIndex,
  text: string,
  run: ReadonlyArray<{ span: Span; match: QuoteMatch }>,
  minScore: number,
): TextSteps<CopySpan[]> {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  let copies: CopySpan[] = run.map(h => ({ ...h.span, match: h.match }));
  if (run.length > 1) {
    const joined = yield* matchQuoteSteps(index, text.slice(first.span.start, last.span.end), {
      minScore,
    });
    if (joined && isCopy(joined, minScore)) {
      copies = [{ start: first.span.start, end: last.span.end, match: joined }];
    }
  }
  return copies.filter(c => countWords(text.slice(c.start, c.end)) >= COPY_MIN_WORDS);
}
