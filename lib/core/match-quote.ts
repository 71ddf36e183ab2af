/**
 * Find where a quote came from.
 *
 * 1. Retrieval: the quote's rarest words (and, for words the corpus does not
 *    know, the corpus words they may be misprints of) vote for where the quote
 *    would start in the corpus, seed-and-extend style. Votes close together
 *    form candidate regions; only the best few are examined.
 * 2. Verification: each region is aligned word by word with the quote
 *    (`align.ts`), which tolerates misprints, edits, ellipses and stitched
 *    sentences, and scored.
 * 3. Decision: below a minimum score there is no match (an answer of "no
 *    source" is better than a confident wrong one); the original wins over
 *    documents quoting it; two different passages about equally good make the
 *    answer ambiguous.
 */
import { align, alignPieces, FUZZY_CREDIT, type Alignment } from './align';
import {
  runWithTexts,
  withTexts,
  type CorpusIndex,
  type IndexedDocument,
  type TextSteps,
} from './corpus-index';
import { wordWeight } from './normalize';
import { contextOf, passageRef } from './passage';
import { parseQuote, type ParsedQuote, type QuoteToken } from './quote-text';
import type { DiffPart, DocumentKind, PassageMatch, QuoteMatch, Verdict } from './types';

export interface MatchOptions {
  /**
   * Minimum score (0..1) for a passage to count as the quote's source. Lower
   * finds looser paraphrases and risks wrong answers.
   */
  minScore?: number;
  /** Two different passages whose scores differ by less than this make the answer ambiguous. */
  ambiguityMargin?: number;
  /** Quotes with fewer words are not quotes (scare quotes like “so-called”). */
  minWords?: number;
  /** How many alternatives to return at most. */
  maxAlternatives?: number;
}

/** Defaults, chosen on the development set (`npm run eval`). */
export const MATCH_DEFAULTS: Required<MatchOptions> = {
  minScore: 0.6,
  ambiguityMargin: 0.03,
  minWords: 4,
  maxAlternatives: 3,
};

/** Score from which a match that is not verbatim counts as `edited` rather than `paraphrase`. */
const EDITED_MIN_SCORE = 0.75;
/** Candidates this close to the best score compete on originality (transcript over report). */
const ORIGINAL_MARGIN = 0.03;
/** Quotes are read up to this many words; the rest cannot change the source. */
const MAX_QUOTE_WORDS = 400;
/** At most this many seeds (word pairs, or single misprinted words) drive the retrieval. */
const MAX_SEEDS = 16;
/** Postings read per quote at most: bounds the cost of quotes made of common words. */
const POSTINGS_BUDGET = 50_000;
/**
 * Candidate regions whose score bound is computed per quote at most, taken by
 * votes. Far above what a quote's seeds produce in a 10,000-document corpus
 * of look-alike transcripts (a few hundred to a few thousand regions), so the
 * regions are in practice chosen by their bound, never cut by votes: a
 * look-alike with as many votes as the true source cannot push it out.
 */
const MAX_REGIONS = 20_000;
/** Candidate regions aligned per quote at most. */
const MAX_VERIFIED = 40;
/**
 * The bound ignores misprints of known words (`consultation` for
 * `consultations`); this slack keeps such regions in play.
 */
const BOUND_SLACK = 0.05;
/** Foreign weight any quote may carry (one function word, at `STOPWORD_WEIGHT`). */
const FOREIGN_BASE = 0.5;
/** Foreign weight allowed per word of quote beyond the first `FOREIGN_FREE_WORDS`. */
const FOREIGN_PER_WORD = 0.15;
const FOREIGN_FREE_WORDS = 8;
/** Regions with less than this share of the best region's votes are not verified. */
const REGION_VOTE_RATIO = 0.3;
/** A run of left-out source words weighs at most this much in the score (stitched quotes). */
const SOURCE_GAP_WEIGHT_CAP = 2;

/** A verified candidate. */
interface Candidate {
  /** The document's number in the index, and the document. */
  doc: number;
  entry: IndexedDocument;
  /** First and last global positions of the aligned passage. */
  first: number;
  last: number;
  /** Global position of the window's first word (alignment indices are relative to it). */
  windowStart: number;
  alignment: Alignment;
  score: number;
  /** Words that differ: quote words not found as printed, and source words left out without an ellipsis. */
  differences: number;
}

/**
 * Find the source of a quote.
 *
 * @param index - The corpus.
 * @param quote - The quote as printed, with or without its quotation marks.
 * @returns The best source passage with alternatives, or null when the quote
 *   is too short or no passage scores at least `minScore`.
 */
export function matchQuote(
  index: CorpusIndex,
  quote: string,
  options: MatchOptions = {},
): QuoteMatch | null {
  return runWithTexts(matchQuoteSteps(index, quote, options));
}

/**
 * {@link matchQuote} over an index that may not hold every text: the search reads none;
 * it then asks for the texts of the few documents its answer is read from.
 */
export function* matchQuoteSteps(
  index: CorpusIndex,
  quote: string,
  options: MatchOptions = {},
): TextSteps<QuoteMatch | null> {
  const opts = { ...MATCH_DEFAULTS, ...options };
  const parsed = parseQuote(quote);
  if (parsed.words < opts.minWords || parsed.weight === 0) return null;
  if (parsed.tokens.length > MAX_QUOTE_WORDS) {
    parsed.tokens = parsed.tokens.slice(0, MAX_QUOTE_WORDS);
    parsed.weight = parsed.tokens.reduce((sum, t) => sum + t.weight, 0);
  }

  // Verify the most promising regions first, and stop once no remaining region can come
  // close enough to the best to matter (see `stopBelow`).
  const regions = findRegions(index, parsed);
  const candidates: Candidate[] = [];
  let best: Candidate | null = null;
  let verified = 0;
  for (const region of regions) {
    if (region.bound < opts.minScore) break;
    if (best && region.bound + BOUND_SLACK < stopBelow(best, opts)) break;
    if (verified++ >= MAX_VERIFIED) break;
    const c = verify(index, parsed, region);
    if (!c || c.score < opts.minScore) continue;
    candidates.push(c);
    if (!best || c.score > best.score) best = c;
  }
  const distinct = dedupe(candidates);
  if (distinct.length === 0) return null;
  return yield* decide(index, parsed, distinct, opts);
}

/**
 * Below what score a candidate can no longer change the answer: when the best
 * is a transcript (nothing is more original), only near-equal rivals matter
 * (ambiguity); otherwise a more original document up to `ORIGINAL_MARGIN`
 * below would still win.
 */
function stopBelow(best: Candidate, opts: Required<MatchOptions>): number {
  const margin = ORIGINALITY[best.entry.kind] === 0 ? opts.ambiguityMargin : ORIGINAL_MARGIN;
  return best.score - margin;
}

/** A region of the corpus to verify: global positions [from, to). */
interface Region {
  from: number;
  to: number;
  /** A global position inside the region's document. */
  anchor: number;
  votes: number;
  /** Upper bound of the score any alignment in the region can reach. */
  bound: number;
  /**
   * How many of the quote's neighbouring word pairs stand side by side in the
   * region: among regions of equal bound (a look-alike sentence holding every
   * word of a short quote, with others between them), the one that reads like
   * the quote is verified first.
   */
  pairs: number;
}

/**
 * A seed of retrieval: corpus positions where quote word `q` may stand.
 * Either a pair of neighbouring quote words (`a` then `b`: a phrase occurs
 * far less often than either word) or a set of terms for one word (the words
 * a misprint may stand for).
 */
interface Seed {
  q: number;
  /** Cost of reading it: postings scanned. */
  cost: number;
  credit: number;
  pair?: { a: number; b: number };
  terms?: number[];
}

/**
 * A quote word's corpus terms: the word itself when the corpus knows it
 * (`exact`), else the words it may misprint; none for editorial words.
 */
interface WordTerms {
  exact: number | undefined;
  terms: number[];
}

/** Each quote word's terms, looked up once per quote (misprint look-ups are the costly part). */
function wordTermsOf(index: CorpusIndex, parsed: ParsedQuote): WordTerms[] {
  return parsed.tokens.map(t => {
    if (t.editorial) return { exact: undefined, terms: [] };
    const exact = index.termId(t.norm);
    return { exact, terms: exact !== undefined ? [exact] : index.typoCandidates(t.norm) };
  });
}

/**
 * Seeds: pairs of neighbouring quote words, and single words for words the
 * corpus does not know (a misprint breaks its pairs; its look-alikes seed
 * instead). Cheapest first.
 */
function seedsOf(index: CorpusIndex, parsed: ParsedQuote, words: readonly WordTerms[]): Seed[] {
  const { tokens } = parsed;
  const ids = words.map(w => w.exact);
  const seeds: Seed[] = [];
  for (let q = 0; q + 1 < tokens.length; q++) {
    const a = ids[q];
    const b = ids[q + 1];
    if (a === undefined || b === undefined || tokens[q]!.piece !== tokens[q + 1]!.piece) continue;
    seeds.push({
      q,
      cost: Math.min(index.frequency(a), index.frequency(b)),
      credit: tokens[q]!.weight + tokens[q + 1]!.weight,
      pair: { a, b },
    });
  }
  tokens.forEach((t, q) => {
    if (t.editorial || ids[q] !== undefined) return;
    const { terms } = words[q]!;
    if (terms.length === 0) return;
    const cost = terms.reduce((sum, term) => sum + index.frequency(term), 0);
    seeds.push({ q, cost, credit: t.weight * FUZZY_CREDIT, terms });
  });
  // A quote whose words never sit side by side as printed (every other word changed) still
  // has single-word seeds.
  if (seeds.length < 2) {
    tokens.forEach((t, q) => {
      const id = ids[q];
      if (id !== undefined)
        seeds.push({ q, cost: index.frequency(id), credit: t.weight, terms: [id] });
    });
  }
  return seeds.sort((x, y) => x.cost - y.cost);
}

/** Growable list of packed hits (see `findRegions`). */
let hitBuffer = new Float64Array(4096);

function findRegions(index: CorpusIndex, parsed: ParsedQuote): Region[] {
  const m = parsed.tokens.length;
  const spread = 12 + (m >> 1);
  // A hit is a corpus position where a seed occurs, as the position where the quote
  // would start there ("diagonal"), packed with its seed number so that one sort
  // orders hits by diagonal: diagonal * 64 + seed (offset to stay positive).
  const words = wordTermsOf(index, parsed);
  const seeds = seedsOf(index, parsed, words);
  const credits: number[] = [];
  let hits = 0;
  const push = (diag: number, seed: number) => {
    if (hits === hitBuffer.length) {
      const bigger = new Float64Array(hitBuffer.length * 2);
      bigger.set(hitBuffer);
      hitBuffer = bigger;
    }
    hitBuffer[hits++] = (diag + MAX_QUOTE_WORDS) * 64 + seed;
  };
  let budget = POSTINGS_BUDGET;
  for (const seed of seeds) {
    const k = credits.length;
    if (k >= MAX_SEEDS || (seed.cost > budget && k > 0)) break;
    credits.push(seed.credit);
    budget -= seed.cost;
    if (seed.pair) {
      // Scan the rarer word's postings; keep those where its neighbour is the other word.
      const { a, b } = seed.pair;
      if (index.frequency(a) <= index.frequency(b)) {
        const positions = index.positions(a);
        for (let p = 0; p < positions.length; p++) {
          const g = positions[p]!;
          if (index.termAt(g + 1) === b) push(g - seed.q, k);
        }
      } else {
        const positions = index.positions(b);
        for (let p = 0; p < positions.length; p++) {
          const g = positions[p]!;
          if (index.termAt(g - 1) === a) push(g - 1 - seed.q, k);
        }
      }
    } else {
      for (const term of seed.terms!) {
        const positions = index.positions(term);
        for (let p = 0; p < positions.length; p++) push(positions[p]! - seed.q, k);
      }
    }
  }
  if (hits === 0) return [];
  const sorted = hitBuffer.subarray(0, hits).sort();

  // Clusters: runs of hits whose diagonals are close (a quote stitched from sentences some
  // way apart spreads over several diagonals), up to a bounded length. Each seed votes
  // once per cluster.
  const lastCluster = new Int32Array(credits.length).fill(-1);
  const clusters: Array<{ votes: number; min: number; max: number }> = [];
  let current: { votes: number; min: number; max: number } | undefined;
  for (let h = 0; h < hits; h++) {
    const packed = sorted[h]!;
    const seed = packed % 64;
    const diag = (packed - seed) / 64 - MAX_QUOTE_WORDS;
    if (!current || diag - current.max > 2 * spread || diag - current.min > m + 3 * spread) {
      current = { votes: 0, min: diag, max: diag };
      clusters.push(current);
    }
    current.max = diag;
    if (lastCluster[seed] !== clusters.length) {
      lastCluster[seed] = clusters.length;
      current.votes += credits[seed]!;
    }
  }

  let top = 0;
  for (const c of clusters) if (c.votes > top) top = c.votes;
  const floor = top * REGION_VOTE_RATIO;
  const regions: Region[] = [];
  for (const c of clusters) {
    if (c.votes < floor) continue;
    regions.push({
      from: c.min - spread,
      to: c.max + m + spread,
      anchor: Math.max(0, c.min + (m >> 1)),
      votes: c.votes,
      bound: 0,
      pairs: 0,
    });
  }
  if (regions.length > MAX_REGIONS) {
    regions.sort((a, b) => b.votes - a.votes);
    regions.length = MAX_REGIONS;
  }
  const scratch = scratchOf(index);
  const weighted = setQuoteTermWeights(scratch, parsed, words);
  const pairs = quotePairs(parsed, words, index.words.length);
  try {
    for (const r of regions) boundOf(index, parsed, scratch, pairs, r);
  } finally {
    for (const term of weighted) scratch.weights[term] = 0;
  }
  return regions.sort((a, b) => b.bound - a.bound || b.pairs - a.pairs || b.votes - a.votes);
}

/** The quote's neighbouring word pairs (both words known to the corpus), as `a * terms + b`. */
function quotePairs(parsed: ParsedQuote, words: readonly WordTerms[], terms: number): Set<number> {
  const pairs = new Set<number>();
  for (let q = 0; q + 1 < parsed.tokens.length; q++) {
    const a = words[q]!.exact;
    const b = words[q + 1]!.exact;
    if (a !== undefined && b !== undefined) pairs.add(a * terms + b);
  }
  return pairs;
}

/** Per-index scratch arrays over term ids, so a region's bound costs array reads only. */
interface Scratch {
  /** Term → weight of the quote's words that are (or may misprint) it; 0 for other terms. */
  weights: Float64Array;
  /** Term → the bound computation that last counted it. */
  stamps: Int32Array;
}
const scratches = new WeakMap<CorpusIndex, Scratch>();
let stamp = 0;
function scratchOf(index: CorpusIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    s = {
      weights: new Float64Array(index.words.length),
      stamps: new Int32Array(index.words.length),
    };
    scratches.set(index, s);
  }
  return s;
}

/** Write the quote's term weights into the scratch; returns the terms written (to clear them after). */
function setQuoteTermWeights(
  scratch: Scratch,
  parsed: ParsedQuote,
  words: readonly WordTerms[],
): number[] {
  const written: number[] = [];
  parsed.tokens.forEach((t, q) => {
    const { exact, terms } = words[q]!;
    const credit = exact !== undefined ? t.weight : t.weight * FUZZY_CREDIT;
    for (const term of terms) {
      if (scratch.weights[term] === 0) written.push(term);
      scratch.weights[term]! += credit;
    }
  });
  return written;
}

/**
 * Set a region's bound, an upper bound of its score: the weight of the
 * quote's words found anywhere in its window, order ignored, over the
 * quote's weight; and its count of the quote's word pairs.
 */
function boundOf(
  index: CorpusIndex,
  parsed: ParsedQuote,
  scratch: Scratch,
  pairs: Set<number>,
  r: Region,
): void {
  const entry = index.documentAt(r.anchor);
  const from = Math.max(r.from, entry.first);
  const to = Math.min(r.to, entry.last);
  if (++stamp === 0x7fffffff) {
    scratch.stamps.fill(0);
    stamp = 1;
  }
  const { weights, stamps } = scratch;
  const termCount = index.words.length;
  let found = 0;
  let adjacent = 0;
  let previous = -1;
  for (let g = from; g < to; g++) {
    const term = index.termAt(g);
    const w = weights[term]!;
    if (w === 0) {
      previous = -1;
      continue;
    }
    if (previous >= 0 && pairs.has(previous * termCount + term)) adjacent++;
    previous = term;
    if (stamps[term] !== stamp) {
      stamps[term] = stamp;
      found += w;
    }
  }
  r.bound = Math.min(1, found / parsed.weight);
  r.pairs = Math.min(adjacent, pairs.size);
}

function verify(index: CorpusIndex, parsed: ParsedQuote, region: Region): Candidate | null {
  // Keep the window inside one document: the one the region's votes point into.
  const doc = index.documentNumberAt(region.anchor);
  const entry = index.documents[doc]!;
  const from = Math.max(region.from, entry.first);
  const to = Math.min(region.to, entry.last);
  if (to <= from) return null;
  // The window as local word ids over its distinct words.
  const local = new Map<number, number>();
  const vocabulary: string[] = [];
  const source = new Int32Array(to - from);
  for (let g = from; g < to; g++) {
    const term = index.termAt(g);
    let id = local.get(term);
    if (id === undefined) {
      id = vocabulary.length;
      local.set(term, id);
      vocabulary.push(index.words[term]!);
    }
    source[g - from] = id;
  }
  let alignment = align(parsed.tokens, source, vocabulary);
  if (parsed.pieceBreaks > 0) {
    const pieceWise = alignPieces(parsed.tokens, source, vocabulary);
    if (pieceWise && (!alignment || pieceWise.matched > alignment.matched)) alignment = pieceWise;
  }
  if (!alignment) return null;
  return {
    doc,
    entry,
    first: from + alignment.first,
    last: from + alignment.last,
    windowStart: from,
    alignment,
    score:
      foreignWeight(parsed, alignment) > foreignAllowance(parsed)
        ? 0
        : scoreOf(index, parsed, alignment, from),
    differences: alignment.ops.filter(
      op =>
        (op.kind === 'pair' && op.match !== 'exact') ||
        op.kind === 'quote' ||
        (op.kind === 'source' && !op.elided),
    ).length,
  };
}

/**
 * Score in 0..1: the weight of the quote's words found in the passage, over
 * the quote's weight plus half the weight of source words the quote leaves
 * out without an ellipsis (each left-out run capped, so a journalist's
 * stitching of two sentences costs little more than the seam).
 */
function scoreOf(
  index: CorpusIndex,
  parsed: ParsedQuote,
  alignment: Alignment,
  windowStart: number,
): number {
  let removed = 0;
  let run = 0;
  for (const op of alignment.ops) {
    if (op.kind === 'source' && !op.elided) {
      run += wordWeight(index.words[index.termAt(windowStart + op.s)]!);
    } else if (run > 0) {
      removed += Math.min(run, SOURCE_GAP_WEIGHT_CAP);
      run = 0;
    }
  }
  removed += Math.min(run, SOURCE_GAP_WEIGHT_CAP);
  return Math.min(1, alignment.matched / (parsed.weight + 0.5 * removed));
}

/**
 * Weight of the quote's words that the passage does not have: neither the
 * same word, nor a misprint of it, nor an editor's bracket.
 */
function foreignWeight(parsed: ParsedQuote, alignment: Alignment): number {
  let weight = 0;
  for (const op of alignment.ops) {
    if (op.kind === 'source') continue;
    const t = parsed.tokens[op.q]!;
    if (!t.editorial && (op.kind === 'quote' || op.match === 'substituted')) weight += t.weight;
  }
  return weight;
}

/**
 * How much foreign weight a quote may carry and still come from a passage.
 * Short quotes must be the source's words (a function word may differ);
 * long ones may carry a few words of the reporter's. This is what keeps a
 * sentence said elsewhere, that shares most words with a corpus sentence but
 * not all, from matching it.
 */
function foreignAllowance(parsed: ParsedQuote): number {
  return FOREIGN_BASE + FOREIGN_PER_WORD * Math.max(0, parsed.words - FOREIGN_FREE_WORDS);
}

/** Keep the best of overlapping candidates in the same document. */
function dedupe(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || a.first - b.first);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const overlaps = kept.some(k => k.doc === c.doc && c.first <= k.last && k.first <= c.last);
    if (!overlaps) kept.push(c);
  }
  return kept;
}

/**
 * How original a kind of document is as a source of someone's words: a
 * transcript records the speech; a brief or article reports it.
 */
export const ORIGINALITY: Readonly<Record<DocumentKind, number>> = {
  transcript: 0,
  statement: 1,
  other: 2,
  article: 3,
  brief: 3,
};

/**
 * How original a candidate's passage is, by what the text is as well as by
 * what its metadata says: in a document of speaker turns (labels), words a
 * speaker says (a turn, or the opening statement before the first label) are
 * the speaker's own, ranked as a transcript whatever kind the document
 * declares; the same words inside a brief's or report's prose rank by that kind.
 */
function originalityOf(index: CorpusIndex, c: Candidate): number {
  const rank = ORIGINALITY[c.entry.kind];
  if (!needsSpanForOriginality(c)) return rank;
  const { start, end } = spanOf(index, c);
  // Attributions are sorted and disjoint: find the one holding the passage's start.
  const list = index.record(c.doc).attributions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = list[mid]!;
    if (a.end <= start) lo = mid + 1;
    else if (a.start > start) hi = mid - 1;
    else return a.end >= end ? 0 : rank;
  }
  return rank;
}

/** Whether a candidate's originality depends on where its passage lies (read from its text). */
function needsSpanForOriginality(c: Candidate): boolean {
  return ORIGINALITY[c.entry.kind] !== 0 && c.entry.hasTurns;
}

function* decide(
  index: CorpusIndex,
  parsed: ParsedQuote,
  candidates: Candidate[],
  opts: Required<MatchOptions>,
): TextSteps<QuoteMatch> {
  yield* withTexts(
    index,
    candidates.filter(needsSpanForOriginality).map(c => c.doc),
  );
  const original = new Map(candidates.map(c => [c, originalityOf(index, c)]));
  const originality = (c: Candidate) => original.get(c)!;
  const top = candidates[0]!.score;
  // Among candidates nearly as good as the best, the most original document wins;
  // then the better score, then the earlier date.
  const contenders = candidates.filter(c => c.score >= top - ORIGINAL_MARGIN);
  contenders.sort(
    (a, b) =>
      originality(a) - originality(b) ||
      b.score - a.score ||
      index.meta(a.doc).date.localeCompare(index.meta(b.doc).date),
  );
  const best = contenders[0]!;
  const rank = originality(best);

  // Less original documents that hold the quote too are where it was reported.
  const reporting = contenders.filter(c => c.doc !== best.doc && originality(c) > rank);
  const reported = new Set(reporting.map(c => c.doc));

  // Different passages as good as the best (same document, or equally original ones) make it ambiguous.
  const rivals = candidates.filter(
    c =>
      c !== best &&
      !reported.has(c.doc) &&
      c.score >= best.score - opts.ambiguityMargin &&
      // A passage the quote reproduces word for word is not in doubt against an edited one.
      (best.differences > 0 || c.differences === 0),
  );
  const others = candidates.filter(c => c !== best && !reported.has(c.doc));
  const shown = (rivals.length > 0 ? rivals : others).slice(0, opts.maxAlternatives);

  // The answer is read from these documents' texts.
  yield* withTexts(
    index,
    [best, ...reporting, ...shown].map(c => c.doc),
  );
  const alsoIn = reporting.map(c => passageRef(index.document(c.doc), spanOf(index, c)));
  const alternatives = shown.map(c => toPassageMatch(index, parsed, c));
  return {
    ...toPassageMatch(index, parsed, best),
    alsoIn,
    ambiguous: rivals.length > 0,
    alternatives,
  };
}

function spanOf(index: CorpusIndex, c: Candidate): { start: number; end: number } {
  return { start: index.wordStart(c.first), end: index.wordEnd(c.last) };
}

function toPassageMatch(index: CorpusIndex, parsed: ParsedQuote, c: Candidate): PassageMatch {
  const span = spanOf(index, c);
  const doc = index.document(c.doc);
  const context = contextOf(doc, span);
  const diff = diffOf(index, parsed, c);
  const score = round(c.score);
  return {
    ...passageRef(doc, span),
    contextBefore: context.before,
    contextAfter: context.after,
    score,
    verdict: verdictOf(parsed, diff, score),
    diff,
  };
}

/**
 * Verbatim: the same words, in order, up to case, punctuation and spelling;
 * a quote that prints an ellipsis or a bracket is edited by its own account.
 */
function verdictOf(parsed: ParsedQuote, diff: DiffPart[], score: number): Verdict {
  const marked = parsed.pieceBreaks > 0 || parsed.tokens.some(t => t.editorial);
  if (!marked && diff.every(part => part.op === 'same')) return 'verbatim';
  return score >= EDITED_MIN_SCORE ? 'edited' : 'paraphrase';
}

/**
 * The word-level diff of the quote against the passage, in order, with
 * neighbouring words of the same kind merged and the text between them
 * (punctuation, spaces) kept as printed.
 */
function diffOf(index: CorpusIndex, parsed: ParsedQuote, c: Candidate): DiffPart[] {
  const text = index.text(c.doc);
  const q = parsed.tokens;
  const src = (s: number) => c.windowStart + s;
  const quoteText = (a: QuoteToken, b: QuoteToken) => parsed.text.slice(a.start, b.end);
  const sourceText = (a: number, b: number) =>
    text.slice(index.wordStart(src(a)), index.wordEnd(src(b)));

  type Step = { op: DiffPart['op']; editorial?: boolean; q?: number; s?: number };
  const steps: Step[] = [];
  for (const op of c.alignment.ops) {
    if (op.kind === 'pair') {
      const t = q[op.q]!;
      if (op.match === 'exact') steps.push({ op: 'same', q: op.q, s: op.s });
      else steps.push({ op: 'changed', q: op.q, s: op.s, editorial: t.editorial });
    } else if (op.kind === 'quote') steps.push({ op: 'added', q: op.q });
    else steps.push({ op: op.elided ? 'elided' : 'removed', s: op.s });
  }

  // Merge runs: same with same; added/removed/changed runs together into one change.
  const parts: DiffPart[] = [];
  let k = 0;
  while (k < steps.length) {
    const step = steps[k]!;
    let end = k + 1;
    const isEdit = (s: Step) =>
      s.op === 'added' || s.op === 'removed' || (s.op === 'changed' && !s.editorial);
    if (step.op === 'same' || step.op === 'elided' || (step.op === 'changed' && step.editorial)) {
      while (
        end < steps.length &&
        steps[end]!.op === step.op &&
        steps[end]!.editorial === step.editorial
      )
        end++;
    } else {
      while (end < steps.length && isEdit(steps[end]!)) end++;
    }
    const run = steps.slice(k, end);
    const qs = run.filter(s => s.q !== undefined).map(s => s.q!);
    const ss = run.filter(s => s.s !== undefined).map(s => s.s!);
    const quoteWords = qs.length ? quoteText(q[qs[0]!]!, q[qs[qs.length - 1]!]!) : '';
    const sourceWords = ss.length ? sourceText(ss[0]!, ss[ss.length - 1]!) : '';
    if (step.op === 'same') parts.push({ op: 'same', quote: quoteWords, source: sourceWords });
    else if (step.op === 'elided') parts.push({ op: 'elided', source: sourceWords });
    else if (step.op === 'changed' && step.editorial) {
      parts.push({ op: 'changed', quote: quoteWords, source: sourceWords, editorial: true });
    } else if (qs.length && ss.length)
      parts.push({ op: 'changed', quote: quoteWords, source: sourceWords });
    else if (qs.length) parts.push({ op: 'added', quote: quoteWords });
    else parts.push({ op: 'removed', source: sourceWords });
    k = end;
  }
  return parts;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The answer for a passage found some other way (a reworded quote, `reworded.ts`): the
 * quote aligned word by word against the passage `span` of document number `doc`, with
 * its diff and context. Null when no word of the quote aligns with the passage.
 */
export function* describeMatch(
  index: CorpusIndex,
  quote: string,
  doc: number,
  span: { start: number; end: number },
): TextSteps<QuoteMatch | null> {
  const entry = index.documents[doc];
  if (!entry) return null;
  yield* withTexts(index, [doc]);
  const parsed = parseQuote(quote);
  // Global positions of the passage's words.
  let from = entry.first;
  let hi = entry.last;
  while (from < hi) {
    const mid = (from + hi) >> 1;
    if (index.wordEnd(mid) <= span.start) from = mid + 1;
    else hi = mid;
  }
  let to = from;
  while (to < entry.last && index.wordStart(to) < span.end) to++;
  if (to <= from) return null;
  const c = verify(index, parsed, { from, to, anchor: from, votes: 0, bound: 1, pairs: 0 });
  if (!c) return null;
  const match = toPassageMatch(index, parsed, { ...c, first: from, last: to - 1 });
  return { ...match, alsoIn: [], ambiguous: false, alternatives: [] };
}
