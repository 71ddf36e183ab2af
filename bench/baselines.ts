/**
 * The matchers `eval` and `bench` compare: Verbatim's, and the two baselines
 * it is measured against, built the way the issue that asked for Verbatim's
 * matcher describes them.
 *
 * - Fuse.js with default options over every sentence of the corpus: the
 *   obvious first attempt. Returns the best-scoring sentence, if any scores
 *   under Fuse's default threshold.
 * - Approximate string search over whole documents, as Hypothesis anchors
 *   annotations (`approx-string-match`, with Hypothesis's error budget of
 *   half the quote's length): returns the closest substring of any document.
 */
import search from 'approx-string-match';
import Fuse from 'fuse.js';

import type { EvalAnswer } from '../cli/evaluate';
import type { CorpusIndex, TextSteps } from '../lib/core/corpus-index';
import { deletionBudget, deletionVariants } from '../lib/core/deletion-table';
import { findSource, findSourceSteps } from '../lib/core/find-source';
import { speakerOf } from '../lib/core/passage';
import type { ParsedDocument } from '../lib/core/types';

/** A matcher under test: quote in, answer (or none) out. */
export type Matcher = (quote: string) => EvalAnswer | null;

interface Sentence {
  text: string;
  doc: ParsedDocument;
  start: number;
  end: number;
}

/** Verbatim's own matcher, answering as the baselines do. */
export function verbatimMatcher(index: CorpusIndex): Matcher {
  return quote => {
    const m = findSource(index, quote);
    return m && { document: m.documentId, passage: m.passage, speaker: m.speaker.name };
  };
}

/**
 * Verbatim's matcher as the background runs it: over an index restored from its snapshot
 * without texts, reading the texts each answer asks for from `texts` (the corpus, here in
 * memory; in the extension, IndexedDB) into the index's bounded cache. Counts what it reads.
 */
export function leanVerbatimMatcher(
  index: CorpusIndex,
  texts: readonly string[],
): Matcher & { reads: { documents: number; chars: number } } {
  const reads = { documents: 0, chars: 0 };
  const run = <T>(steps: TextSteps<T>): T => {
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      const missing = index.missingTexts(r.value);
      reads.documents += missing.length;
      for (const n of missing) reads.chars += texts[n]!.length;
      index.addTexts(
        missing.map(n => [n, texts[n]!] as const),
        r.value,
      );
    }
  };
  const matcher: Matcher = quote => {
    const m = run(findSourceSteps(index, quote));
    return m && { document: m.documentId, passage: m.passage, speaker: m.speaker.name };
  };
  return Object.assign(matcher, { reads });
}

/** Fuse.js, default options, over the corpus's sentences. */
export function fuseBaseline(docs: readonly ParsedDocument[]): Matcher {
  const sentences: Sentence[] = docs.flatMap(doc =>
    doc.segments.map(s => ({
      text: doc.text.slice(s.start, s.end),
      doc,
      start: s.start,
      end: s.end,
    })),
  );
  const fuse = new Fuse(sentences, { keys: ['text'] });
  return quote => {
    const best = fuse.search(quote, { limit: 1 })[0];
    if (!best) return null;
    const { doc, start, end, text } = best.item;
    return { document: doc.meta.id, passage: text, speaker: speakerOf(doc, { start, end }).name };
  };
}

/** Hypothesis's anchoring: the closest approximate occurrence in any whole document. */
export function approxBaseline(docs: readonly ParsedDocument[]): Matcher {
  return quote => {
    const maxErrors = Math.min(256, Math.floor(quote.length / 2));
    let best: { doc: ParsedDocument; start: number; end: number; errors: number } | null = null;
    for (const doc of docs) {
      for (const m of search(doc.text, quote, maxErrors)) {
        if (!best || m.errors < best.errors)
          best = { doc, start: m.start, end: m.end, errors: m.errors };
      }
    }
    if (!best) return null;
    const { doc, start, end } = best;
    return {
      document: doc.meta.id,
      passage: doc.text.slice(start, end),
      speaker: speakerOf(doc, { start, end }).name,
    };
  };
}

/**
 * The misprint look-up as it was before `DeletionTable`: a map from every deletion variant
 * string of the vocabulary to its words. Built here only to be measured against the table.
 */
export function deletionMapBaseline(words: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  words.forEach((word, id) => {
    const budget = deletionBudget(word.length);
    if (budget === 0 || /\d/.test(word)) return;
    for (const variant of deletionVariants(word, budget)) {
      const ids = map.get(variant);
      if (ids) ids.push(id);
      else map.set(variant, [id]);
    }
  });
  return map;
}
