/**
 * Search as you type over every sentence of the corpus (the popup).
 *
 * Two stages, so a keystroke costs the same on two documents as on a
 * thousand: the word index picks the few hundred sentences that contain the
 * query's words (or words the query misspells, or, for the word being typed,
 * words it begins), then Fuse.js's token search ranks those by TF-IDF with
 * fuzzy word matching. It ranks the sentences' words in their canonical form,
 * read from the index (the query's words are compared in that form too), so
 * only the documents of the sentences shown are read, for their passages and
 * the words to highlight. Fuse.js on its own scans every sentence: ~2 s per
 * query at 100,000 sentences.
 */
import Fuse from 'fuse.js';

import { runWithTexts, withTexts, type CorpusIndex, type TextSteps } from './corpus-index';
import { isTypoOf, STOPWORDS, tokenize } from './normalize';
import { passageRef } from './passage';
import type { SearchHit, Span } from './types';

/** Sentences handed to Fuse.js for ranking at most. */
const CANDIDATES = 200;
/** Words the last, half-typed query word may be the start of. */
const PREFIX_TERMS = 40;
/** Postings read per query at most (bounds queries made of very common words). */
const POSTINGS_BUDGET = 200_000;

interface Candidate {
  segment: number;
  text: string;
}

const FUSE_OPTIONS = {
  keys: ['text'],
  useTokenSearch: true,
  includeMatches: true,
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  // Verbatim's own words (spelling-folded, accent-free), so search agrees with matching.
  tokenize: (text: string) => tokenize(text).map(t => t.norm),
};

export class CorpusSearch {
  constructor(private readonly index: CorpusIndex) {}

  /**
   * Sentences matching `query`, best first. Word order does not matter; a
   * misspelt word matches the word it misspells; the last word matches words
   * it begins unless the query ends with a space.
   */
  search(query: string, limit = 20): SearchHit[] {
    return runWithTexts(this.searchSteps(query, limit));
  }

  /** {@link CorpusSearch.search} over an index that may not hold every text (see `TextSteps`). */
  *searchSteps(query: string, limit = 20): TextSteps<SearchHit[]> {
    const segments = this.candidates(query);
    if (segments.length === 0) return [];
    // Ranked by their words in canonical form (as the query's words are compared), read from
    // the index: only the sentences shown need their documents' texts.
    const candidates = segments.map(segment => ({
      segment,
      text: this.index.segmentWords(segment),
    }));
    const fuse = new Fuse(candidates, FUSE_OPTIONS);
    // Fuse.js scores a half-typed word poorly; rank by its score, fall back to retrieval order.
    const ranked = fuse.search(query.trim(), { limit });
    const seen = new Set(ranked.map(r => r.item.segment));
    const rest = candidates
      .filter(c => !seen.has(c.segment))
      .slice(0, Math.max(0, limit - ranked.length));
    const shown = [
      ...ranked.map(r => ({ c: r.item, score: 1 - (r.score ?? 1) })),
      ...rest.map((c, k) => ({ c, score: 0.5 / (k + 2) })),
    ];
    yield* withTexts(
      this.index,
      shown.map(({ c }) => this.index.segmentDocument(c.segment)),
    );
    return shown.map(({ c, score }) => {
      const text = this.segmentText(c.segment);
      return this.hit(c, score, highlightWords(text, query));
    });
  }

  /** Sentences (global segment numbers) holding the most of the query's words, weighted by rarity. */
  private candidates(query: string): number[] {
    const index = this.index;
    const tokens = tokenize(query);
    if (tokens.length === 0) return [];
    const typing = !/\s$/.test(query);
    const scores = new Float64Array(index.segmentCount);
    const lastSeenBy = new Int32Array(index.segmentCount).fill(-1);
    const touched: number[] = [];
    const total = index.size || 1;
    let budget = POSTINGS_BUDGET;
    // Rarest words first, so the budget goes to the telling ones.
    const perToken = tokens.map((t, k) => {
      const exact = index.termId(t.norm);
      const terms: Array<[number, number]> = [];
      if (exact !== undefined) terms.push([exact, 1]);
      else for (const term of index.typoCandidates(t.norm)) terms.push([term, 0.7]);
      if (typing && k === tokens.length - 1) {
        for (const term of index.prefixCandidates(t.norm, PREFIX_TERMS))
          if (term !== exact) terms.push([term, 0.8]);
      }
      const freq = terms.reduce((sum, [term]) => sum + index.frequency(term), 0);
      return { k, terms, freq };
    });
    perToken.sort((a, b) => a.freq - b.freq);
    for (const { k, terms } of perToken) {
      for (const [term, credit] of terms) {
        const positions = index.positions(term);
        if (positions.length > budget) continue;
        budget -= positions.length;
        const idf = Math.log(1 + total / positions.length) * credit;
        for (let p = 0; p < positions.length; p++) {
          const segment = index.segmentAt(positions[p]!);
          if (lastSeenBy[segment] === k) continue;
          lastSeenBy[segment] = k;
          if (scores[segment] === 0) touched.push(segment);
          scores[segment]! += idf;
        }
      }
    }
    touched.sort((a, b) => scores[b]! - scores[a]! || a - b);
    return touched.slice(0, CANDIDATES);
  }

  private segmentText(segment: number): string {
    const s = this.index.segmentSpan(segment);
    return this.index.text(this.index.segmentDocument(segment)).slice(s.start, s.end);
  }

  private hit(c: Candidate, score: number, highlights: Span[]): SearchHit {
    const index = this.index;
    const docNumber = index.segmentDocument(c.segment);
    const local = c.segment - index.documents[docNumber]!.segmentsFrom;
    const s = index.segment(c.segment);
    return {
      ...passageRef(index.document(docNumber), s),
      segment: local,
      highlights,
      score: Math.round(score * 1000) / 1000,
    };
  }
}

/**
 * The words of `text` to highlight for `query`: the query's words, words it
 * misspells, and words the half-typed last word begins; function words only
 * next to a highlighted word, so "risk of conflict" lights up as a phrase but
 * a lone "of" does not.
 */
export function highlightWords(text: string, query: string): Span[] {
  const queryWords = tokenize(query).map(t => t.norm);
  if (queryWords.length === 0) return [];
  const last = /\s$/.test(query) ? '' : queryWords[queryWords.length - 1]!;
  const words = tokenize(text);
  const hit = words.map(
    t =>
      queryWords.some(q => q === t.norm || isTypoOf(q, t.norm)) ||
      (last.length > 1 && t.norm.startsWith(last)),
  );
  const content = hit.map((h, k) => h && !STOPWORDS.has(words[k]!.norm));
  const shown = words.map((_, k) => content[k] || (hit[k] && (content[k - 1] || content[k + 1])));
  const spans: Span[] = [];
  words.forEach((t, k) => {
    if (!shown[k]) return;
    const previous = spans[spans.length - 1];
    // Neighbouring highlighted words separated by spaces only make one mark.
    if (previous && shown[k - 1] && /^\s*$/.test(text.slice(previous.end, t.start)))
      previous.end = t.end;
    else spans.push({ start: t.start, end: t.end });
  });
  return spans;
}
