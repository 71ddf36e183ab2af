/**
 * Reworded quotes: a quote translated into English by another outlet, or back-translated
 * through a second language, keeps the meaning and most content words of what was said but
 * not the wording ("to the point" for "on substance", "cost Russia dearly" for "carry a heavy
 * price for Russia"). The word-by-word matcher rightly finds no source for it; this finds the
 * one passage it can only be a rewording of, and says so as a `paraphrase`, never as
 * `verbatim`/`edited`.
 *
 * A wrong answer is worse than none, so the rule is strict:
 * - content words are compared as concepts: a light stem (inflections off, then at most six
 *   letters: `diplomacy`/`diplomatic`, `worried`/`worry`), a few irregular forms, and a small
 *   list of words that translations swap (risk/danger, price/cost, stress/emphasise…);
 *   function words, reporting and light verbs and intensifiers carry no concept;
 * - the whole quote is aligned, concept by concept and in order, with a stretch of a passage
 *   (one to three consecutive sentences of one speaker's turn): a concept found earns its
 *   weight (rarer concepts weigh more), one the translator rendered by another word at the
 *   same place costs a little, one found out of place a little, a clause of the quote's own
 *   that the passage does not have costs its weight (more beyond all the two share: a
 *   restatement adds clauses, a translation renders them), a passage word it skips half its
 *   own; the score is over the quote's weight, and the passage must also hold most of the
 *   quote's concepts;
 * - no other place may come within a margin of it (a speaker who says the same things on two
 *   occasions gets no answer; nor does a quote with more look-alikes than can be read), and
 *   a quote that negates what the passage says (or the other way round) is not its rewording;
 * - when the page names a speaker, only that speaker's passages count.
 * Pure: strings and the index in, plain data out.
 */
import { checkAttribution } from './attribution';
import { runWithTexts, type CorpusIndex, type TextSteps } from './corpus-index';
import { describeMatch, ORIGINALITY } from './match-quote';
import { STOPWORDS, tokenize } from './normalize';
import { speakerOf } from './passage';
import type { QuoteMatch, Span } from './types';

/** A quote needs this many distinct concepts: shorter ones say too little to tell. */
const MIN_CONCEPTS = 4;
/** …and a passage must share this many of them. */
const MIN_SHARED = 4;
/** Share of the quote's concept weight the passage must hold. */
const MIN_COVERAGE = 0.5;
/** Alignment score (see {@link read}) a passage must reach, over the quote's weight. */
const MIN_SCORE = 0.5;
/** A quote's concept rendered by another word at the same place costs this share of the two weights. */
const SUBSTITUTION_COST = 0.5;
/** A passage word the quote skips, inside the stretch it renders, costs this share of its weight. */
const SKIP_COST = 0.5;
/** A word of the quote's own beyond all it shares with the passage costs this much more than inside. */
const EDGE_COST = 0.5;
/** A quote's concept found in the passage out of place costs this share of its weight. */
const MOVED_COST = 0.25;
/** The best passage must beat every other place by this much score. */
const MIN_LEAD = 0.15;
/** Sentences on either side of a passage that are still the same place (not a rival). */
const NEIGHBOURHOOD = 2;
/** Sentences per passage at most. */
const MAX_SENTENCES = 3;
/** Postings read per quote at most; concepts beyond it are taken as present (bounds stay bounds). */
const POSTINGS_BUDGET = 60_000;
/** Candidate sentences examined at most (most concept weight first). */
const MAX_SEEDS = 200;
/** Passages read word by word per quote at most; more that could rival the best make no answer. */
const MAX_READ = 80;
/** The score given to a reworded match: below the matcher's `paraphrase` floor for edits. */
const REWORDED_SCORE_CAP = 0.6;

/**
 * Words that carry no concept of their own in a rewording: reporting and light verbs
 * ("we need to make every effort" / "we must do everything"), intensifiers and fillers
 * that translators add or drop. Compared after stemming.
 */
const LIGHT_WORDS: readonly string[] = (
  'say said says tell told make made take took taken get got put go went gone come came let ' +
  'think believe know knew mean want need try seem become became really actually indeed ' +
  'certainly clearly absolutely completely totally entirely fully utterly deeply extremely ' +
  'highly truly simply quite rather greatly still already now well course per kind lot thing ' +
  'something everything anything nothing everyone someone ever never also therefore however ' +
  'thus hence nevertheless moreover furthermore finally myself ourselves yourself yourselves ' +
  'himself herself itself themselves toward towards within across among amid around beyond ' +
  'via regarding concerning'
).split(' ');

/** Irregular forms → the form the stemmer handles. */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  Object.entries({
    met: 'meet',
    began: 'begin',
    begun: 'begin',
    held: 'hold',
    kept: 'keep',
    led: 'lead',
    left: 'leave',
    lost: 'lose',
    felt: 'feel',
    saw: 'see',
    seen: 'see',
    chose: 'choose',
    chosen: 'choose',
    spoke: 'speak',
    spoken: 'speak',
    wrote: 'write',
    written: 'write',
    grew: 'grow',
    grown: 'grow',
    rose: 'rise',
    risen: 'rise',
    fell: 'fall',
    fallen: 'fall',
    struck: 'strike',
    sent: 'send',
    spent: 'spend',
    built: 'build',
    buildup: 'build',
    won: 'win',
    paid: 'pay',
    stood: 'stand',
    understood: 'understand',
    broke: 'break',
    broken: 'break',
    brought: 'bring',
    sought: 'seek',
    fought: 'fight',
    taught: 'teach',
    gave: 'give',
    given: 'give',
    lives: 'life',
    children: 'child',
    women: 'woman',
    men: 'man',
    crises: 'crisis',
    larger: 'large',
    largest: 'large',
    bigger: 'big',
    biggest: 'big',
    greater: 'great',
    greatest: 'great',
    higher: 'high',
    highest: 'high',
    stronger: 'strong',
    strongest: 'strong',
    closer: 'close',
    closest: 'close',
    better: 'good',
    best: 'good',
    worse: 'bad',
    worst: 'bad',
    clearer: 'clear',
    cent: 'percent',
  }),
);

/**
 * Words that translations swap for one another, in groups. Kept small and literal: each
 * group is a set of words an English version of the same sentence may use in one place.
 * Compared after stemming, so each word stands for its inflections.
 */
const SYNONYM_GROUPS: readonly string[] = [
  'risk danger hazard',
  'ready prepared willing',
  'dialogue talks discussion conversation negotiation',
  'path way route road',
  'fail failure collapse defeat',
  'listen hear',
  'concern worry',
  'important crucial essential vital key',
  'big large huge vast',
  'significant serious considerable substantial major grave severe',
  'meaningful substantive',
  'continue persist remain',
  'increase grow rise boost',
  'strengthen reinforce bolster',
  'country nation',
  'troops forces soldiers',
  'war conflict',
  'aim goal objective target purpose',
  'problem issue',
  'begin start commence',
  'quick fast rapid swift prompt',
  'help assist aid',
  'people citizens population',
  'attack assault',
  'threat menace',
  'rhetoric language',
  'security safety',
  'choose decide select determine',
  'propose suggest',
  'regret deplore',
  'price cost toll',
  'heavy high steep',
  'stress emphasise underline underscore highlight',
  'call appeal urge',
  'protect defend safeguard',
  'picture image photo',
  'catastrophe disaster calamity',
  'scope extent scale magnitude',
  'entire whole complete full total',
  'skip omit',
  'long lengthy',
  'meet meeting session gather convene',
  'establish create',
  'conclude conclusion end finish',
  'especially particularly notably',
  'nearly almost roughly approximately',
  'statement remark comment',
  'horrible horrific terrible awful dreadful appalling',
  'trust confidence',
  'provide give supply',
  'build construct forge',
  'legislation bill law',
  'reduce cut lower decrease',
  'rich wealthy affluent',
  'fundamental core basic',
  'experienced veteran seasoned',
  'opportunity chance',
  'journalist reporter correspondent',
  'consequence repercussion',
  'weapon equipment materiel armament',
  'sign signal indication',
  'excite enthusiastic eager',
];

/** Words whose plural or verb endings are part of the word (`crisis`, `bus`, `across`). */
const KEEP_S_RE = /(?:ss|us|is|ous|ics)$/;

/**
 * A light stem: possessive, plural, tense and `-ly` endings off, a doubled final consonant
 * and a final `e` dropped, `y` as `i`, then at most six letters.
 */
function stemOf(norm: string): string {
  let w = norm.replace(/'s?$/, '');
  w = IRREGULAR.get(w) ?? w;
  if (w.length > 4) {
    if (/ies$|ied$/.test(w)) w = `${w.slice(0, -3)}y`;
    else if (/(?:ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w) && !KEEP_S_RE.test(w)) w = w.slice(0, -1);
    if (/ed$/.test(w) && w.length > 5) w = w.slice(0, -2);
    else if (/ing$/.test(w) && w.length > 6) w = w.slice(0, -3);
    else if (/ly$/.test(w) && w.length > 5 && !/[aeiouylp]ly$/.test(w)) w = w.slice(0, -2);
    if (/([b-df-hj-km-np-rtv-z])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  w = w.replace(/y$/, 'i');
  return w.slice(0, 6);
}

/** Stem → concept, for the stems of the light words (none) and of synonyms (their group). */
const CONCEPT_OF_STEM: ReadonlyMap<string, string | null> = (() => {
  const map = new Map<string, string | null>();
  for (const group of SYNONYM_GROUPS) {
    const words = group.split(' ');
    const key = `=${words[0]}`;
    for (const w of words) map.set(stemOf(w), key);
  }
  for (const w of LIGHT_WORDS) map.set(stemOf(w), null);
  return map;
})();

/** Negations: a rewording keeps them; a quote that adds or drops one says something else. */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nor',
  'none',
  'nobody',
  'nothing',
  'neither',
]);

/** Words after which `no`/`not` negate nothing ("no matter how", "not only … but"). */
const NOT_NEGATING_NEXT: ReadonlySet<string> = new Set([
  'matter',
  'only',
  'just',
  'least',
  'doubt',
]);

/** Whether word `i` is part of a phrase that works as a function word ("in order to"). */
function inPhrase(words: readonly string[], i: number): boolean {
  return words[i] === 'order' && words[i - 1] === 'in' && words[i + 1] === 'to';
}

/** Whether the words at `i` negate (see {@link NEGATIONS}), idioms apart. */
function negates(words: readonly string[], i: number): boolean {
  return NEGATIONS.has(words[i]!) && !NOT_NEGATING_NEXT.has(words[i + 1] ?? '');
}

/**
 * A content word's concept: its synonym group, else its light stem. Undefined for function
 * words, light words, single letters and numbers of one digit.
 */
export function conceptOf(norm: string): string | undefined {
  if (norm.length < 2 || STOPWORDS.has(norm)) return undefined;
  // Numbers are kept from two digits ("1945", "80 per cent"); a single digit is style.
  if (/^\d/.test(norm)) return norm.length >= 2 ? norm : undefined;
  const stem = stemOf(norm);
  const concept = CONCEPT_OF_STEM.get(stem);
  if (concept === null) return undefined;
  return concept ?? stem;
}

/** The corpus vocabulary as concepts, built once per index on first use. */
interface ConceptTable {
  /** Concept → its number. */
  number: Map<string, number>;
  /** Term id → concept number, or -1 for a word without one. */
  ofTerm: Int32Array;
  /** Concept number → the term ids that carry it. */
  terms: number[][];
  /** Concept number → weight: rarer concepts weigh more. */
  weight: Float64Array;
}

const conceptTables = new WeakMap<CorpusIndex, ConceptTable>();

function conceptTable(index: CorpusIndex): ConceptTable {
  let table = conceptTables.get(index);
  if (table) return table;
  const number = new Map<string, number>();
  const ofTerm = new Int32Array(index.words.length).fill(-1);
  const terms: number[][] = [];
  const counts: number[] = [];
  index.words.forEach((word, term) => {
    const c = conceptOf(word);
    if (c === undefined) return;
    let k = number.get(c);
    if (k === undefined) {
      k = terms.length;
      number.set(c, k);
      terms.push([]);
      counts.push(0);
    }
    ofTerm[term] = k;
    terms[k]!.push(term);
    counts[k]! += index.frequency(term);
  });
  const size = Math.max(1, index.size);
  const weight = Float64Array.from(counts, f => idf(size, f));
  table = { number, ofTerm, terms, weight };
  conceptTables.set(index, table);
  return table;
}

function idf(size: number, frequency: number): number {
  return Math.log(1 + size / (1 + frequency));
}

export interface RewordedOptions {
  /** Who the page says said it: only that speaker's passages count. */
  attribution?: string;
}

/** One to three consecutive sentences of one document. */
interface Window {
  doc: number;
  /** Global number of the first sentence, and the sentence indices within the document (inclusive). */
  g: number;
  from: number;
  to: number;
  /** The quote's concepts the window holds (bit mask); unread concepts count as held. */
  mask: number;
  /** Upper bound of the score any part of the window can reach. */
  bound: number;
}

/** A window read word by word. */
interface Reading {
  w: Window;
  /** The whole sentences the quote renders. */
  span: Span;
  /** Share of the quote's concept weight found there. */
  coverage: number;
  /** Share of the passage's content weight there that is the quote's. */
  precision: number;
  /** Distinct concepts of the quote found there. */
  shared: number;
  /** Alignment score over the quote's weight (1: every word found, nothing skipped). */
  score: number;
  /** Whether the passage there negates (see {@link NEGATIONS}). */
  negated: boolean;
  /** The quote's concepts found there (bit mask). */
  mask: number;
}

/** The quote read as concepts. */
interface QuoteConcepts {
  /** Distinct concepts in order of first appearance (at most 31), as concept numbers (-1: the corpus has none). */
  order: number[];
  /** Each concept's weight, and their sum. */
  weights: number[];
  total: number;
  /** The quote's content words in order, as indices into `order`, and their summed weight. */
  tokens: number[];
  tokenWeight: number;
  negated: boolean;
}

/** Editors' glosses inside a quote: `[NATO]`, `(NATO members – KR)`. */
const GLOSS_RE = /\[[^\]\n]{0,80}\]|\([^)\n]{0,80}\)/g;

function quoteConcepts(index: CorpusIndex, quote: string): QuoteConcepts | null {
  const table = conceptTable(index);
  const names: string[] = [];
  const words: string[] = [];
  let negated = false;
  const all = tokenize(quote.replace(GLOSS_RE, ' ')).map(t => t.norm);
  for (let k = 0; k < all.length; k++) {
    if (negates(all, k)) negated = true;
    const c = inPhrase(all, k) ? undefined : conceptOf(all[k]!);
    if (c === undefined) continue;
    words.push(c);
    if (!names.includes(c)) names.push(c);
  }
  if (names.length < MIN_CONCEPTS) return null;
  names.length = Math.min(names.length, 31);
  const tokens = words.map(c => names.indexOf(c)).filter(i => i >= 0);
  const order = names.map(c => table.number.get(c) ?? -1);
  // A concept the corpus never uses (a translator's word) counts as much as the quote's
  // typical known concept: not more, or one odd word would sink a rewording.
  const known = order
    .filter(c => c >= 0)
    .map(c => table.weight[c]!)
    .sort((a, b) => a - b);
  const typical = known.length ? known[known.length >> 1]! : 1;
  const weights = order.map(c => (c >= 0 ? table.weight[c]! : typical));
  const total = weights.reduce((a, b) => a + b, 0);
  const tokenWeight = tokens.reduce((sum, i) => sum + weights[i]!, 0);
  return total > 0 ? { order, weights, total, tokens, tokenWeight, negated } : null;
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

/**
 * {@link matchReworded} over an index that may not hold every text: windows are read from
 * the index's words and sentences alone; texts are loaded only for the passages an answer
 * shows.
 */
export function* matchRewordedSteps(
  index: CorpusIndex,
  quote: string,
  options: RewordedOptions = {},
): TextSteps<QuoteMatch | null> {
  const found = readCandidates(index, quote, options);
  if (!found?.best) return null;
  const { readings, best: top } = found;
  const originality = (w: Window) => ORIGINALITY[index.documents[w.doc]!.kind];

  // A rival is another place that says it about as well: not the same sentences or their
  // neighbours, not the same words reported in a less original document (a brief quoting
  // the transcript).
  const topKind = originality(top.w);
  const rival = readings.find(
    r =>
      top.score - r.score < MIN_LEAD &&
      (r.w.doc !== top.w.doc ||
        r.w.to < top.w.from - NEIGHBOURHOOD ||
        r.w.from > top.w.to + NEIGHBOURHOOD) &&
      !(originality(r.w) > topKind && reports(r.mask, top.mask)),
  );
  const score = (r: Reading) =>
    Math.round(Math.min(REWORDED_SCORE_CAP, r.score * REWORDED_SCORE_CAP) * 1000) / 1000;
  let alternatives: QuoteMatch['alternatives'] = [];
  if (rival) {
    // The same speaker saying it twice in one document is no doubt about who or where:
    // both places are shown. Anything else is: no answer.
    const docOf = (r: Reading) => index.record(r.w.doc);
    const sameSpeaker =
      rival.w.doc === top.w.doc &&
      speakerOf(docOf(rival), rival.span).name === speakerOf(docOf(top), top.span).name;
    if (!sameSpeaker) return null;
    const other = yield* describeMatch(index, quote, rival.w.doc, rival.span);
    if (!other) return null;
    alternatives = [{ ...other, verdict: 'paraphrase', score: score(rival) }];
  }

  const match = yield* describeMatch(index, quote, top.w.doc, top.span);
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

/** The windows read for a quote, and the best that passes (see {@link passes}). */
function readCandidates(
  index: CorpusIndex,
  quote: string,
  options: RewordedOptions,
): { q: QuoteConcepts; readings: Reading[]; best: Reading | undefined } | null {
  const q = quoteConcepts(index, quote);
  if (!q) return null;
  const windows = candidateWindows(index, q);
  const speakerOk = (w: Window, span: Span): boolean =>
    !options.attribution ||
    checkAttribution(options.attribution, speakerOf(index.record(w.doc), span)) !== 'different';

  // Read the windows best bound first, until no later one can pass or rival the best.
  const readings: Reading[] = [];
  let best: Reading | undefined;
  const originality = (w: Window) => ORIGINALITY[index.documents[w.doc]!.kind];
  for (const w of windows) {
    if (w.bound < (best ? best.score : MIN_SCORE) - MIN_LEAD) break;
    // Out of reading budget with places left that could still rival the best: too many
    // look-alikes to tell which one the quote rewords.
    if (readings.length >= MAX_READ) return { q, readings, best: undefined };
    const r = read(index, w, q);
    if (!r || !speakerOk(w, r.span) || !spoken(index, w.doc, r.span)) continue;
    readings.push(r);
    if (!passes(r, q)) continue;
    // Nearly as good and more original (a transcript over a brief reporting it) wins.
    if (
      !best ||
      r.score > best.score + 0.03 ||
      (r.score > best.score - 0.03 && originality(r.w) < originality(best.w))
    )
      best = r;
  }
  return { q, readings, best };
}

/** What the reworded matcher read for a quote, for evaluation reports: best score first. */
export function explainReworded(
  index: CorpusIndex,
  quote: string,
  options: RewordedOptions = {},
): Array<{
  document: string;
  passage: string;
  coverage: number;
  precision: number;
  score: number;
  shared: number;
  passes: boolean;
}> {
  const found = readCandidates(index, quote, options);
  if (!found) return [];
  return [...found.readings]
    .sort((a, b) => b.score - a.score)
    .map(r => {
      return {
        document: index.meta(r.w.doc).id,
        passage: index.text(r.w.doc).slice(r.span.start, r.span.end),
        coverage: r.coverage,
        precision: r.precision,
        score: r.score,
        shared: r.shared,
        passes: passes(r, found.q),
      };
    });
}

/**
 * Whether a passage is someone's words: anything in a transcript, statement or other
 * document, and in a brief or article only what it attributes to a person (its own prose is
 * the publisher's summary, which a page would not print as a quote).
 */
function spoken(index: CorpusIndex, doc: number, span: Span): boolean {
  return (
    ORIGINALITY[index.documents[doc]!.kind] < ORIGINALITY.brief ||
    index.attributionAt(doc, span) >= 0
  );
}

/** Whether a reading is close enough to the quote to be its source. */
function passes(r: Reading, q: QuoteConcepts): boolean {
  return (
    r.shared >= MIN_SHARED &&
    r.coverage >= MIN_COVERAGE &&
    r.score >= MIN_SCORE &&
    r.negated === q.negated
  );
}

/**
 * Windows of one to three consecutive sentences of one document around every sentence that
 * holds some of the quote's concepts, best bound first; then the more original document,
 * then the shorter window.
 */
function candidateWindows(index: CorpusIndex, q: QuoteConcepts): Window[] {
  const table = conceptTable(index);
  const { order, weights } = q;
  // Every sentence holding one of the quote's concepts, with the concepts it holds. The
  // commonest concepts are not looked up when the budget runs out: they count as held
  // everywhere, so bounds stay upper bounds, and reading the passage settles them.
  const masks = segmentMasks(index);
  const touched: number[] = [];
  let unread = 0;
  let budget = POSTINGS_BUDGET;
  const rarestFirst = order.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]!);
  for (const i of rarestFirst) {
    const terms = order[i]! >= 0 ? table.terms[order[i]!]! : [];
    const cost = terms.reduce((sum, term) => sum + index.frequency(term), 0);
    if (cost > budget) {
      unread |= 1 << i;
      continue;
    }
    budget -= cost;
    for (const term of terms) {
      for (const g of index.segmentsOf(index.positions(term))) {
        if (masks[g] === 0) touched.push(g);
        masks[g]! |= 1 << i;
      }
    }
  }
  // A window scores at most the share of the quote's words whose concepts it holds.
  const share = new Float64Array(order.length);
  for (const i of q.tokens) share[i]! += weights[i]! / q.tokenWeight;
  const tokenShare = (mask: number): number => {
    let w = 0;
    for (let i = 0; i < order.length; i++) if (mask & (1 << i)) w += share[i]!;
    return w;
  };

  // Windows are read only from a bound of `floor` (below it a window can neither pass nor
  // rival one that does), and a window's bound is at most the sum of its sentences': one of
  // its sentences holds a third of it at least. Only such sentences seed windows.
  const floor = MIN_SCORE - MIN_LEAD;
  const seeds: Array<{ g: number; share: number }> = [];
  for (const g of touched) {
    const s = tokenShare(masks[g]! | unread);
    if (s >= floor / MAX_SENTENCES) seeds.push({ g, share: s });
  }
  seeds.sort((a, b) => b.share - a.share);
  seeds.length = Math.min(seeds.length, MAX_SEEDS);
  const windows: Window[] = [];
  const seen = new Set<number>();
  for (const { g } of seeds) {
    const doc = index.segmentDocument(g);
    const { segmentsFrom, segmentsTo } = index.documents[doc]!;
    const local = g - segmentsFrom;
    const count = segmentsTo - segmentsFrom;
    for (let len = 1; len <= MAX_SENTENCES; len++) {
      for (let from = local - len + 1; from <= local; from++) {
        const to = from + len - 1;
        if (from < 0 || to >= count) continue;
        const first = g - local + from;
        const key = first * 4 + len;
        if (seen.has(key)) continue;
        seen.add(key);
        let mask = unread;
        for (let s = first; s < first + len; s++) mask |= masks[s]!;
        const bound = tokenShare(mask);
        if (bound >= floor) windows.push({ doc, g: first, from, to, mask, bound });
      }
    }
  }
  for (const g of touched) masks[g] = 0;
  const rank = new Map(windows.map(w => [w, ORIGINALITY[index.documents[w.doc]!.kind]]));
  return windows.sort(
    (a, b) => b.bound - a.bound || rank.get(a)! - rank.get(b)! || a.to - a.from - (b.to - b.from),
  );
}

/** Per index: a concept mask per sentence, all zero between quotes (reading is synchronous). */
const segmentMaskBuffers = new WeakMap<CorpusIndex, Int32Array>();

function segmentMasks(index: CorpusIndex): Int32Array {
  let masks = segmentMaskBuffers.get(index);
  if (!masks) segmentMaskBuffers.set(index, (masks = new Int32Array(index.segmentCount)));
  return masks;
}

/** Whether the concepts `report` holds are nearly all among those of `original`. */
function reports(report: number, original: number): boolean {
  const own = popcount(report & ~original);
  const all = popcount(report);
  return all > 0 && own / all <= 0.2;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** A content word of a passage: where it is, which of the quote's concepts (or -1), its weight. */
interface PassageWord {
  at: number;
  rank: number;
  weight: number;
  /** Which sentence of the window. */
  sentence: number;
}

/**
 * A window read word by word: the quote's concepts aligned in order with the passage's,
 * the whole quote against any stretch of the passage (a quote may render part of a
 * sentence). A concept of the quote found there earns its weight; one rendered by another
 * word of the same sentences (a translator's synonym) costs a little; one with nothing
 * against it (a clause the passage does not have) costs its weight, more beyond everything
 * the two share; a passage word the quote skips inside the stretch costs half its own. Null
 * when the window crosses a speaker's turn or shares no concept with the quote.
 */
function read(index: CorpusIndex, w: Window, q: QuoteConcepts): Reading | null {
  // The window's sentences are global segments w.g to w.g + w.to - w.from.
  if (
    w.to > w.from &&
    index.attributionAt(w.doc, index.segmentSpan(w.g)) !==
      index.attributionAt(w.doc, index.segmentSpan(w.g + w.to - w.from))
  )
    return null;
  const table = conceptTable(index);
  const rank = new Map<number, number>();
  q.order.forEach((c, i) => {
    if (c >= 0) rank.set(c, i);
  });

  // The window's words, straight from the index.
  const { words } = index;
  const p: PassageWord[] = [];
  const negations: number[] = [];
  const end = index.segmentStart(w.g + w.to - w.from + 1);
  let sentence = 0;
  let next = index.segmentStart(w.g + 1);
  for (let at = index.segmentStart(w.g); at < end; at++) {
    while (at >= next) next = index.segmentStart(w.g + ++sentence + 1);
    const term = index.termAt(at);
    const word = words[term]!;
    if (
      NEGATIONS.has(word) &&
      (at + 1 >= end || !NOT_NEGATING_NEXT.has(words[index.termAt(at + 1)]!))
    )
      negations.push(at);
    const c = table.ofTerm[term]!;
    if (c < 0) continue;
    if (
      word === 'order' &&
      at > 0 &&
      at + 1 < end &&
      words[index.termAt(at - 1)] === 'in' &&
      words[index.termAt(at + 1)] === 'to'
    )
      continue; // "in order to"
    const i = rank.get(c);
    p.push({
      at,
      rank: i ?? -1,
      weight: i !== undefined ? q.weights[i]! : table.weight[c]!,
      sentence,
    });
  }
  if (!p.some(t => t.rank >= 0)) return null;

  // Score matrix, quote words × passage words; the passage's ends are free.
  const m = q.tokens.length;
  const n = p.length;
  const width = n + 1;
  if (scoreBuffer.length < (m + 1) * width) {
    scoreBuffer = new Float64Array((m + 1) * width * 2);
    moveBuffer = new Uint8Array((m + 1) * width * 2);
  }
  const h = scoreBuffer;
  const from = moveBuffer; // 1 diagonal, 2 up (quote word alone), 3 left, 4/5 reordered
  h.fill(0, 0, width);
  for (let i = 1; i <= m; i++) {
    const qi = q.tokens[i - 1]!;
    const wq = q.weights[qi]!;
    h[i * width] = h[(i - 1) * width]! - wq;
    from[i * width] = 2;
    for (let j = 1; j <= n; j++) {
      const pj = p[j - 1]!;
      // Another word in place of the quote's is a translator's choice, unless it is itself
      // one of the quote's concepts (then the quote's word is missing here, not rendered).
      const diag =
        h[(i - 1) * width + j - 1]! +
        (pj.rank === qi
          ? wq
          : pj.rank < 0
            ? -SUBSTITUTION_COST * 0.5 * (wq + pj.weight)
            : -wq - SKIP_COST * pj.weight);
      let best = diag;
      let move = 1;
      // Two or three neighbouring concepts in another order ("the failure of diplomacy" for
      // "diplomacy will fail", "the aggressive actions of Russia" for "Russia's aggressive
      // actions"): all found.
      for (let k = 2; k <= 3 && k <= i && k <= j; k++) {
        if (reordered(q.tokens, i - k, p, j - k, k)) {
          let gain = 0;
          for (let d = 1; d <= k; d++) gain += q.weights[q.tokens[i - d]!]!;
          const moved = h[(i - k) * width + j - k]! + gain;
          if (moved > best) {
            best = moved;
            move = 2 + k;
          }
        }
      }
      const up = h[(i - 1) * width + j]! - wq;
      if (up > best) {
        best = up;
        move = 2;
      }
      const left = h[i * width + j - 1]! - SKIP_COST * pj.weight;
      if (left > best) {
        best = left;
        move = 3;
      }
      h[i * width + j] = best;
      from[i * width + j] = move;
    }
  }
  let endJ = 0;
  for (let j = 1; j <= n; j++) if (h[m * width + j]! > h[m * width + endJ]!) endJ = j;

  // Back through the alignment, noting what became of each word.
  const found: Array<[number, number]> = []; // quote word, passage word: the same concept
  const alone: number[] = []; // quote words with nothing against them
  const swapped: Array<[number, number]> = []; // quote word, passage word: another word
  for (let i = m, j = endJ; i > 0;) {
    const move = j === 0 ? 2 : from[i * width + j]!;
    if (move === 2) alone.push(--i);
    else if (move === 3) j--;
    else if (move === 1) {
      i--;
      j--;
      (p[j]!.rank === q.tokens[i] ? found : swapped).push([i, j]);
    } else {
      for (let d = 0; d < move - 2; d++) found.push([--i, --j]);
    }
  }
  if (found.length === 0) return null;
  // The sentences of the passage the quote renders: those of the words found in place.
  const segA = Math.min(...found.map(([, j]) => p[j]!.sentence));
  const segB = Math.max(...found.map(([, j]) => p[j]!.sentence));
  const inSentences = (j: number) => p[j]!.sentence >= segA && p[j]!.sentence <= segB;
  // A quote word found elsewhere in those sentences than the order allows (a phrase moved:
  // "a conscientious and meaningful dialogue" for "dialogue … on substance") counts, for a
  // little less than in place.
  const used = new Set<number>([...found, ...swapped].map(([, j]) => j));
  const moved: Array<[number, number]> = [];
  const take = (i: number): boolean => {
    for (let j = 0; j < n; j++) {
      if (used.has(j) || p[j]!.rank !== q.tokens[i] || !inSentences(j)) continue;
      used.add(j);
      moved.push([i, j]);
      return true;
    }
    return false;
  };
  const unplaced = alone.filter(i => !take(i));
  const renamed = swapped.filter(([i, j]) => {
    if (!take(i)) return true;
    used.delete(j);
    return false;
  });
  const placed = [...found, ...moved];

  // The stretch: the passage words the quote's words stand for, in the sentences it
  // renders. A word of the quote's own beyond all it shares with them (a clause the passage
  // does not have) costs more than one inside; one rendered by another word of the same
  // sentences is a translator's choice.
  const kept = renamed.filter(([, j]) => inSentences(j));
  const rendered = [...placed, ...kept].map(([i]) => i);
  const firstI = Math.min(...rendered);
  const lastI = Math.max(...rendered);
  const inside = (i: number) => i >= firstI && i <= lastI;
  const stretch = [...placed, ...kept].map(([, j]) => j);
  const firstJ = Math.min(...stretch);
  const lastJ = Math.max(...stretch);
  const weightOf = (i: number) => q.weights[q.tokens[i]!]!;
  let total = 0;
  let mask = 0;
  for (const [i] of found) total += weightOf(i);
  for (const [i] of moved) total += (1 - MOVED_COST) * weightOf(i);
  for (const [, j] of placed) mask |= 1 << p[j]!.rank;
  for (const [i, j] of kept) total -= SUBSTITUTION_COST * 0.5 * (weightOf(i) + p[j]!.weight);
  const lost = [...unplaced, ...renamed.filter(r => !kept.includes(r)).map(([i]) => i)];
  for (const i of lost) total -= (inside(i) ? 1 : 1 + EDGE_COST) * weightOf(i);
  for (let j = firstJ + 1; j < lastJ; j++) if (!used.has(j)) total -= SKIP_COST * p[j]!.weight;
  let mine = 0;
  let all = 0;
  for (let j = firstJ; j <= lastJ; j++) {
    all += p[j]!.weight;
    if (p[j]!.rank >= 0 && mask & (1 << p[j]!.rank)) mine += p[j]!.weight;
  }
  let held = 0;
  let shared = 0;
  for (let i = 0; i < q.order.length; i++) {
    if (mask & (1 << i)) {
      held += q.weights[i]!;
      shared++;
    }
  }
  const firstAt = p[firstJ]!.at;
  const lastAt = p[lastJ]!.at;
  const a = index.segmentSpan(w.g + p[firstJ]!.sentence);
  const b = index.segmentSpan(w.g + p[lastJ]!.sentence);
  return {
    w,
    span: { start: a.start, end: b.end },
    coverage: held / q.total,
    precision: all > 0 ? mine / all : 0,
    shared,
    score: Math.max(0, total / q.tokenWeight),
    negated: negations.some(at => at >= firstAt && at <= lastAt),
    mask,
  };
}

/** The alignment's score and move matrices, grown as needed and reused (reading is synchronous). */
let scoreBuffer = new Float64Array(4096);
let moveBuffer = new Uint8Array(4096);

/**
 * Whether quote words `qs[i..i+k)` and passage words `p[j..j+k)` hold the same concepts of
 * the quote, each once, in another order.
 */
function reordered(
  qs: readonly number[],
  i: number,
  p: readonly PassageWord[],
  j: number,
  k: number,
): boolean {
  let same = true;
  let a = 0;
  let b = 0;
  for (let d = 0; d < k; d++) {
    const x = qs[i + d]!;
    const y = p[j + d]!.rank;
    if (y < 0 || a & (1 << x) || b & (1 << y)) return false;
    a |= 1 << x;
    b |= 1 << y;
    if (x !== y) same = false;
  }
  return !same && a === b;
}
