/**
 * Reworded quotes: a quote translated into English by another outlet, or back-translated
 * through a second language, keeps the meaning and most content words of what was said but
 * not the wording ("to the point" for "on substance", "diplomatic methods" for "diplomacy").
 * The word-by-word matcher rightly finds no source for it; this finds the one passage it
 * can only be a rewording of, and says so as a `paraphrase`, never as `verbatim`/`edited`.
 *
 * A wrong answer is worse than none, so the rule is strict:
 * - the quote's content words are compared as concepts: a light stem (the first six letters
 *   after plural and tense endings) and a small list of synonyms that translations swap;
 * - a passage (one to three consecutive sentences of one speaker) must hold most of the
 *   quote's concepts, weighted by how rare they are in the corpus, in roughly the quote's
 *   order, and most of its own content words must be the quote's;
 * - no other passage may come close (a speaker who says the same things on two occasions
 *   gets no answer);
 * - when the page names a speaker, only that speaker's passages count.
 * Pure: strings and the index in, plain data out.
 */
import { checkAttribution } from './attribution';
import { runWithTexts, withTexts, type CorpusIndex, type TextSteps } from './corpus-index';
import { describeMatch, ORIGINALITY } from './match-quote';
import { STOPWORDS, tokenize } from './normalize';
import { speakerOf } from './passage';
import type { PassageDocument, QuoteMatch, Span } from './types';

/** A quote needs this many distinct content concepts: shorter ones say too little to tell. */
const MIN_CONCEPTS = 6;
/** Share of the quote's concept weight a passage must hold. */
const MIN_COVERAGE = 0.75;
/** Share of the passage's content words that must be the quote's (a long passage holds everything). */
const MIN_PRECISION = 0.65;
/** Share of the matched concepts that must come in the quote's order. */
const MIN_ORDER = 0.75;
/** The best passage must beat every other by this much coverage. */
const MIN_LEAD = 0.2;
/** Sentences per passage at most. */
const MAX_SENTENCES = 3;
/** Postings read per quote at most. */
const POSTINGS_BUDGET = 60_000;
/** Candidate sentences examined at most (most concept weight first). */
const MAX_CANDIDATES = 200;
/** The score given to a reworded match: below the matcher's `paraphrase` floor for edits. */
const REWORDED_SCORE_CAP = 0.6;

/**
 * Words that translations swap for one another, in groups. Kept small and literal: each
 * group is a set of words an English version of the same sentence may use in one place.
 */
const SYNONYM_GROUPS: readonly string[] = [
  'risk danger',
  'ready prepared willing',
  'dialogue talks talk discussion discussions conversation conversations',
  'path way route road',
  'fail failure collapse',
  'listen hear',
  'concern concerns worry worries',
  'important crucial essential vital',
  'big large major considerable significant substantial',
  'continue continues continuing persist persists',
  'increase increases grow grows rise rises',
  'country countries nation nations',
  'troops forces soldiers',
  'war conflict',
  'aim goal objective',
  'problem problems issue issues',
  'begin start',
  'quick quickly fast rapid rapidly',
  'help assist',
  'people citizens population',
  'attack attacks aggression',
  'threat threats menace',
  'meaningful substantive serious',
  'rhetoric language',
  'security safety',
  'choose decide select',
  'propose suggest',
  'regret deplore',
];

/** Word → synonym group key. */
const SYNONYMS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const group of SYNONYM_GROUPS) {
    const words = group.split(' ');
    for (const w of words) map.set(w, `=${words[0]}`);
  }
  return map;
})();

/**
 * A content word's concept: its synonym group, else a light stem (plural and tense endings
 * off, then at most six letters: `diplomacy`/`diplomatic`, `consultations`/`consulting`).
 * Undefined for function words and single letters.
 */
export function conceptOf(norm: string): string | undefined {
  if (norm.length < 2 || STOPWORDS.has(norm) || /^\d/.test(norm)) return undefined;
  const synonym = SYNONYMS.get(norm);
  if (synonym) return synonym;
  let w = norm.replace(/'s$/, '');
  if (w.length > 4) w = w.replace(/(?:ies)$/, 'y').replace(/(?:es|s|ed|ing|ly)$/, '');
  const stem = w.slice(0, 6);
  return SYNONYMS.get(stem) ?? stem;
}

/** Synonym group key → its words. */
const GROUP_WORDS: ReadonlyMap<string, readonly string[]> = new Map(
  SYNONYM_GROUPS.map(group => {
    const words = group.split(' ');
    return [`=${words[0]}`, words] as const;
  }),
);

/** Concepts whose terms are kept, per index (those of recent quotes). */
const CONCEPT_CACHE = 1024;
const conceptCaches = new WeakMap<CorpusIndex, Map<string, readonly number[]>>();

/**
 * The corpus terms of a concept, in ascending term order, found in the sorted vocabulary
 * rather than by reading all of it: a concept is a prefix of its words (a stem is a word's
 * beginning; a synonym group's words are its words' beginnings), but for `…ies` words whose
 * stem ends in `y` (`allies` → `ally`). Every candidate is checked with `conceptOf`.
 */
export function conceptTerms(index: CorpusIndex, concept: string): readonly number[] {
  let cache = conceptCaches.get(index);
  if (!cache) conceptCaches.set(index, (cache = new Map()));
  let terms = cache.get(concept);
  if (terms) return terms;
  const found = new Set<number>();
  const consider = (term: number | undefined) => {
    if (term !== undefined && conceptOf(index.words[term]!) === concept) found.add(term);
  };
  for (const start of GROUP_WORDS.get(concept) ?? [concept]) {
    for (const term of index.prefixTerms(start.slice(0, 6))) consider(term);
    if (start.endsWith('y')) {
      const stem = start.slice(0, -1);
      consider(index.termId(`${stem}ies`));
      consider(index.termId(`${stem}ies's`));
    }
  }
  terms = [...found].sort((a, b) => a - b);
  cache.set(concept, terms);
  if (cache.size > CONCEPT_CACHE) cache.delete(cache.keys().next().value!);
  return terms;
}

export interface RewordedOptions {
  /** Who the page says said it: only that speaker's passages count. */
  attribution?: string;
}

interface Window {
  doc: number;
  /** Segment indices within the document, inclusive. */
  from: number;
  to: number;
  /** The quote's concepts the window holds (bit mask). */
  mask: number;
  coverage: number;
}

/**
 * The one passage a quote rewords, or null when no passage holds most of its meaning or
 * more than one could.
 */
export function matchReworded(
  index: CorpusIndex,
  quote: string,
  options: RewordedOptions = {},
): QuoteMatch | null {
  return runWithTexts(matchRewordedSteps(index, quote, options));
}

/** Windows whose texts are loaded together when the next one to read has none. */
const TEXT_BATCH = 8;

/**
 * {@link matchReworded} over an index that may not hold every text: windows are read from
 * their texts, loaded a few documents at a time in the order the windows are tried.
 */
export function* matchRewordedSteps(
  index: CorpusIndex,
  quote: string,
  options: RewordedOptions = {},
): TextSteps<QuoteMatch | null> {
  // The quote's concepts, in order of first appearance, weighted by rarity.
  const order: string[] = [];
  for (const t of tokenize(quote)) {
    const c = conceptOf(t.norm);
    if (c !== undefined && !order.includes(c)) order.push(c);
  }
  if (order.length < MIN_CONCEPTS) return null;
  const size = Math.max(1, index.size);
  const freqs = order.map(c =>
    conceptTerms(index, c).reduce((sum, term) => sum + index.frequency(term), 0),
  );
  const known = freqs.filter(f => f > 0).map(f => Math.log(1 + size / (1 + f)));
  // A concept the corpus never uses (a translator's word) still counts against coverage, as
  // much as the quote's typical known word: not more, or one odd word would sink a rewording.
  const typical = known.length ? known.sort((a, b) => a - b)[known.length >> 1]! : 1;
  const weights = freqs.map(f => (f > 0 ? Math.log(1 + size / (1 + f)) : typical));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return null;

  // Every sentence holding one of the quote's concepts, with the concepts it holds (bit mask
  // over the first 31 concepts; longer quotes are read up to those).
  const concepts = order.slice(0, 31);
  const bySegment = new Map<number, number>();
  let budget = POSTINGS_BUDGET;
  const rarestFirst = concepts.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]!);
  for (const i of rarestFirst) {
    for (const term of conceptTerms(index, concepts[i]!)) {
      const positions = index.positions(term);
      budget -= positions.length;
      if (budget < 0) break;
      for (const p of positions) {
        const g = index.segmentAt(p);
        bySegment.set(g, (bySegment.get(g) ?? 0) | (1 << i));
      }
    }
    if (budget < 0) break;
  }
  if (bySegment.size === 0) return null;

  const weightOf = (mask: number): number => {
    let w = 0;
    for (let i = 0; i < concepts.length; i++) if (mask & (1 << i)) w += weights[i]!;
    return w;
  };

  // Windows of one to three consecutive sentences of one document, from the sentences with
  // the most concept weight.
  const seeds = [...bySegment.entries()]
    .map(([g, mask]) => ({ g, w: weightOf(mask) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, MAX_CANDIDATES);
  const windows: Window[] = [];
  const seen = new Set<string>();
  for (const { g } of seeds) {
    const doc = index.segmentDocument(g);
    const { segmentsFrom, segmentsTo } = index.documents[doc]!;
    const local = g - segmentsFrom;
    for (let len = 1; len <= MAX_SENTENCES; len++) {
      for (let from = local - len + 1; from <= local; from++) {
        const to = from + len - 1;
        if (from < 0 || to >= segmentsTo - segmentsFrom) continue;
        const key = `${doc}:${from}:${to}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let mask = 0;
        for (let s = from; s <= to; s++) mask |= bySegment.get(g - local + s) ?? 0;
        windows.push({ doc, from, to, mask, coverage: weightOf(mask) / total });
      }
    }
  }
  // Best coverage first; then the more original document (a transcript over a brief that
  // reports the same words), then the shorter window.
  const originality = (w: Window) => ORIGINALITY[index.documents[w.doc]!.kind];
  windows.sort(
    (a, b) =>
      b.coverage - a.coverage || originality(a) - originality(b) || a.to - a.from - (b.to - b.from),
  );

  // The best window that passes every test; then no other window of another place close to it.
  const quoteConcepts = new Set(order);
  let best: { w: Window; span: Span } | undefined;
  for (let k = 0; k < windows.length; k++) {
    const w = windows[k]!;
    if (w.coverage < MIN_COVERAGE) break;
    const span = windowSpan(index, w);
    if (options.attribution) {
      const check = checkAttribution(options.attribution, speakerOf(index.record(w.doc), span));
      if (check === 'different') continue;
    }
    if (index.missingTexts([w.doc]).length > 0) {
      const next = windows.slice(k, k + TEXT_BATCH).filter(x => x.coverage >= MIN_COVERAGE);
      yield* withTexts(
        index,
        next.map(x => x.doc),
      );
    }
    const tight = fit(index.document(w.doc), w, order, quoteConcepts);
    if (!tight) continue;
    best = { w, span: tight };
    break;
  }
  if (!best) return null;
  const { w: top } = best;
  const topKind = originality(top);
  // A rival is another place that says something else as well: the same words reported in
  // another document (nearly the same concepts) are not in doubt.
  const rival = windows.find(
    w =>
      w !== top &&
      (w.doc !== top.doc || w.to < top.from || w.from > top.to) &&
      !(w.doc !== top.doc && sameConcepts(w.mask, top.mask)) &&
      // A less original document that says nothing the passage does not is a report of it.
      !(originality(w) > topKind && reports(w.mask, top.mask)) &&
      (!options.attribution ||
        checkAttribution(options.attribution, windowSpeaker(index, w)) !== 'different'),
  );
  const score = (w: Window) =>
    Math.round(Math.min(REWORDED_SCORE_CAP, w.coverage * REWORDED_SCORE_CAP) * 1000) / 1000;
  let alternatives: QuoteMatch['alternatives'] = [];
  if (rival && top.coverage - rival.coverage < MIN_LEAD) {
    // The same speaker saying it twice in one document is no doubt about who or where:
    // both places are shown. Anything else is: no answer.
    const sameSpeaker =
      rival.doc === top.doc && windowSpeaker(index, rival).name === windowSpeaker(index, top).name;
    if (!sameSpeaker) return null;
    const other = yield* describeMatch(index, quote, rival.doc, windowSpan(index, rival));
    if (!other) return null;
    alternatives = [{ ...other, verdict: 'paraphrase', score: score(rival) }];
  }

  const match = yield* describeMatch(index, quote, top.doc, best.span);
  if (!match) return null;
  return {
    ...match,
    verdict: 'paraphrase',
    score: score(top),
    ambiguous: alternatives.length > 0,
    alternatives,
    reworded: true,
  };
}

/** Whether the concepts `report` holds are nearly all among those of `original`. */
function reports(report: number, original: number): boolean {
  const own = popcount(report & ~original);
  const all = popcount(report);
  return all > 0 && own / all <= 0.2;
}

function windowSpan(index: CorpusIndex, w: Window): Span {
  const { segmentsFrom } = index.documents[w.doc]!;
  return {
    start: index.segmentSpan(segmentsFrom + w.from).start,
    end: index.segmentSpan(segmentsFrom + w.to).end,
  };
}

/** Whether two windows hold nearly the same concepts of the quote (Jaccard ≥ 0.8). */
function sameConcepts(a: number, b: number): boolean {
  const both = popcount(a & b);
  const either = popcount(a | b);
  return either > 0 && both / either >= 0.8;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

function windowSpeaker(index: CorpusIndex, w: Window): ReturnType<typeof speakerOf> {
  return speakerOf(index.record(w.doc), windowSpan(index, w));
}

/**
 * The sentences of the window the quote rewords: from the sentence of the first to that of
 * the last of its words that carry the quote's concepts in the quote's order (a word of the
 * quote said a sentence earlier, out of order, is not part of it). Null unless the content
 * words there are mostly the quote's (not a long stretch that happens to hold the quote's
 * words among many others) and most of the concepts come in the quote's order.
 */
function fit(
  doc: PassageDocument,
  w: Window,
  order: readonly string[],
  inQuote: Set<string>,
): Span | null {
  const segments = doc.segments.slice(w.from, w.to + 1);
  const tokens = tokenize(doc.text, segments[0]!.start, segments[segments.length - 1]!.end)
    .map(t => ({ t, c: conceptOf(t.norm) }))
    .filter((x): x is { t: (typeof x)['t']; c: string } => x.c !== undefined);
  const shared = tokens
    .map((x, i) => ({ i, rank: inQuote.has(x.c) ? order.indexOf(x.c) : -1 }))
    .filter(x => x.rank >= 0);
  if (shared.length === 0) return null;

  // Longest strictly increasing run of quote ranks among the passage's shared words.
  const tails: number[] = [];
  const tailAt: number[] = [];
  const prev: number[] = new Array<number>(shared.length).fill(-1);
  shared.forEach((x, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < x.rank) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x.rank;
    tailAt[lo] = k;
    prev[k] = lo > 0 ? tailAt[lo - 1]! : -1;
  });
  const chain: number[] = [];
  for (let k = tailAt[tails.length - 1]!; k >= 0; k = prev[k]!) chain.unshift(k);
  const distinct = new Set(shared.map(x => x.rank)).size;
  if (chain.length / distinct < MIN_ORDER) return null;

  // Whole sentences from the first to the last word of the run.
  const firstAt = tokens[shared[chain[0]!]!.i]!.t.start;
  const lastAt = tokens[shared[chain[chain.length - 1]!]!.i]!.t.end;
  const from = segments.find(s => s.end > firstAt) ?? segments[0]!;
  const to = [...segments].reverse().find(s => s.start < lastAt) ?? segments[segments.length - 1]!;
  // Density is read where the quote's words are (a long sentence is not held against it).
  const inside = tokens.filter(x => x.t.start >= firstAt && x.t.end <= lastAt);
  const mine = inside.filter(x => inQuote.has(x.c)).length;
  if (inside.length === 0 || mine / inside.length < MIN_PRECISION) return null;
  return { start: from.start, end: to.end };
}
