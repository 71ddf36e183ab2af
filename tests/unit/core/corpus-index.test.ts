import { describe, expect, it } from 'vitest';

import { CorpusIndex, type TextSteps } from '../../../lib/core/corpus-index';
import { findSourceSteps } from '../../../lib/core/find-source';
import { matchQuote, matchQuoteSteps } from '../../../lib/core/match-quote';
import { parseDocument } from '../../../lib/core/parse-document';
import { attributionIndexOf } from '../../../lib/core/passage';
import { CorpusSearch } from '../../../lib/core/search-index';
import { findCopiesSteps } from '../../../lib/core/text-reuse';
import { BRIEF, bundledDocuments, bundledIndex, PRESS_CONFERENCE } from './helpers';

describe('CorpusIndex', () => {
  const index = bundledIndex();

  it('finds every position of a word, and the document holding it', () => {
    const term = index.termId('stoltenberg')!;
    const positions = [...index.positions(term)];
    expect(positions.length).toBeGreaterThan(3);
    for (const g of positions) {
      const text = index.text(index.documentNumberAt(g));
      expect(text.slice(index.wordStart(g), index.wordEnd(g)).toLowerCase()).toBe('stoltenberg');
    }
  });

  it('knows which words a misprint may stand for', () => {
    const words = index.typoCandidates('internatonal').map(t => index.words[t]);
    expect(words).toContain('international');
    expect(index.typoCandidates('war')).toEqual([]);
  });

  it('lists the words a half-typed word begins, most frequent first', () => {
    const words = index.prefixCandidates('kaz', 10).map(t => index.words[t]);
    expect(words).toContain('kazakhstan');
    expect(words.every(w => w!.startsWith('kaz'))).toBe(true);
  });

  it('finds the speaker turn over a span from its rows as the record’s attributions do', () => {
    let turns = 0;
    index.documents.forEach((entry, doc) => {
      const record = index.record(doc);
      for (let s = entry.segmentsFrom; s < entry.segmentsTo; s++) {
        const span = index.segmentSpan(s);
        const across = {
          start: span.start,
          end: index.segmentSpan(Math.min(s + 2, entry.segmentsTo - 1)).end,
        };
        for (const x of [span, across, { start: span.start, end: span.start + 1 }]) {
          const expected = attributionIndexOf(record, x);
          if (expected >= 0) turns++;
          expect(index.attributionAt(doc, x)).toBe(expected);
        }
      }
    });
    expect(turns).toBeGreaterThan(50);
  });

  it('maps each word to the sentence it is in', () => {
    const g = index.positions(index.termId('kazakhstan')!)[0]!;
    const s = index.segmentAt(g);
    const doc = index.record(index.segmentDocument(s));
    const segment = doc.segments[index.segmentLocal(s)]!;
    expect(segment.start).toBeLessThanOrEqual(index.wordStart(g));
    expect(segment.end).toBeGreaterThanOrEqual(index.wordEnd(g));
  });

  it('maps a word’s postings to their sentences as one look-up each would', () => {
    for (const word of ['russia', 'the', 'kazakhstan', 'nato', 'dialog']) {
      const positions = index.positions(index.termId(word)!);
      expect([...index.segmentsOf(positions)]).toEqual([...positions].map(g => index.segmentAt(g)));
    }
  });

  it('gives the words of each sentence as the positions from its start to the next one’s', () => {
    for (const s of [0, 1, index.segmentCount >> 1, index.segmentCount - 1]) {
      const from = index.segmentStart(s);
      const to = index.segmentStart(s + 1);
      for (let g = from; g < to; g++) expect(index.segmentAt(g)).toBe(s);
    }
    expect(index.segmentStart(index.segmentCount)).toBe(index.size);
  });

  const texts = index.documents.map((_, n) => index.text(n));

  it('restores from a snapshot and the texts into an index that answers the same', () => {
    const restored = CorpusIndex.restore(structuredClone(index.snapshot()), { texts })!;
    expect(restored).not.toBeNull();
    const quote = 'We regret the loss of lives';
    expect(matchQuote(restored, quote)).toEqual(matchQuote(index, quote));
    expect(restored.documents).toEqual(index.documents);
  });

  it('keeps every document’s speakers, turns and sentences as the parser gave them', () => {
    const restored = CorpusIndex.restore(structuredClone(index.snapshot()))!;
    bundledDocuments().forEach((source, n) => {
      const { aliases: _aliases, text, ...parse } = parseDocument(source);
      expect(restored.record(n)).toEqual(parse);
      expect(restored.missingTexts([n])).toEqual([n]);
      restored.addTexts([[n, source.text]]);
      expect(restored.document(n)).toEqual({ ...parse, text });
    });
  });

  it('keeps no copy of the documents’ texts in its snapshot', () => {
    const snapshot = index.snapshot();
    const serialised = JSON.stringify(snapshot.documents);
    const sentence = texts[0]!
      .slice(texts[0]!.length >> 1)
      .split('.')[1]!
      .trim();
    expect(sentence.length).toBeGreaterThan(20);
    expect(serialised).not.toContain(sentence);
  });

  it('decodes the same positions from its compressed postings as a scan of the words finds', () => {
    for (const word of ['the', 'russia', 'kazakhstan', 'stoltenberg']) {
      const term = index.termId(word)!;
      const scanned: number[] = [];
      for (let g = 0; g < index.size; g++) if (index.termAt(g) === term) scanned.push(g);
      expect([...index.positions(term)]).toEqual(scanned);
      expect(index.frequency(term)).toBe(scanned.length);
    }
    expect(index.termId('not-a-corpus-word')).toBeUndefined();
  });

  it('refuses a snapshot from another version, with inconsistent arrays or the wrong texts', () => {
    const snapshot = index.snapshot();
    expect(CorpusIndex.restore({ ...snapshot, version: 999 as 6 })).toBeNull();
    expect(CorpusIndex.restore({ ...snapshot, termLow: snapshot.termLow.subarray(1) })).toBeNull();
    const frequencies = snapshot.frequencies.slice();
    frequencies[0]!++;
    expect(CorpusIndex.restore({ ...snapshot, frequencies })).toBeNull();
    expect(
      CorpusIndex.restore({ ...snapshot, postings: snapshot.postings.subarray(1) }),
    ).toBeNull();
    expect(CorpusIndex.restore({ ...snapshot, bounds: new Int32Array([0, 5]) })).toBeNull();
    expect(
      CorpusIndex.restore({ ...snapshot, attributions: snapshot.attributions.subarray(5) }),
    ).toBeNull();
    expect(
      CorpusIndex.restore({ ...snapshot, sortedTerms: snapshot.sortedTerms.subarray(1) }),
    ).toBeNull();
    expect(CorpusIndex.restore(snapshot, { texts: texts.slice(1) })).toBeNull();
  });

  it('holds the terms of a vocabulary of more than 65,536 words, and restores them', () => {
    // 70,000 distinct made-up words, each a sentence of its own with a shared word.
    const word = (i: number) => `w${i.toString(36)}x`;
    const text = Array.from({ length: 70_000 }, (_, i) => `Both ${word(i)}.`).join(' ');
    const big = CorpusIndex.build([
      parseDocument({ id: 'big', title: 'Big', kind: 'other', date: '2024', publisher: 'P', text }),
    ]);
    expect(big.words.length).toBeGreaterThan(65_536);
    const restored = CorpusIndex.restore(structuredClone(big.snapshot()), { texts: [text] })!;
    for (const i of [0, 1, 65_535, 65_536, 69_999]) {
      const term = big.termId(word(i))!;
      expect(term).toBeGreaterThanOrEqual(0);
      const [g] = big.positions(term);
      expect(big.termAt(g!)).toBe(term);
      expect(restored.termAt(g!)).toBe(term);
      expect(text.slice(big.wordStart(g!), big.wordEnd(g!))).toBe(word(i));
    }
    expect(big.termAt(big.size)).toBe(-1);
    expect(matchQuote(restored, `Both ${word(69_998)}. Both ${word(69_999)}.`)?.passage).toBe(
      `Both ${word(69_998)}. Both ${word(69_999)}`,
    );
  });

  it('indexes documents with no sentences without confusing their neighbours', () => {
    const brief = bundledDocuments().find(d => d.id === BRIEF)!;
    const empty = parseDocument({ ...brief, id: 'empty', text: '   ' });
    const withEmpty = CorpusIndex.build([empty, parseDocument(brief)]);
    const m = matchQuote(withEmpty, "Ukraine's sovereign rights were not negotiable");
    expect(m?.documentId).toBe(BRIEF);
  });
});

/**
 * Run `steps` over an index that starts without texts, loading from `texts` what it asks for;
 * the result and the documents it asked for.
 */
function runLoading<T>(
  index: CorpusIndex,
  steps: TextSteps<T>,
  texts: readonly string[],
): { value: T; asked: number[] } {
  const asked: number[] = [];
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return { value: r.value, asked };
    const missing = index.missingTexts(r.value);
    asked.push(...missing);
    index.addTexts(
      missing.map(n => [n, texts[n]!] as const),
      r.value,
    );
  }
}

describe('an index restored without texts', () => {
  const full = bundledIndex();
  const texts = full.documents.map((_, n) => full.text(n));
  const lean = () => CorpusIndex.restore(structuredClone(full.snapshot()))!;
  const press = full.documents.findIndex((_, n) => full.meta(n).id === PRESS_CONFERENCE);

  it('holds no text, and says so when one is read', () => {
    const index = lean();
    expect(index.loadedTextChars).toBe(0);
    expect(() => index.text(0)).toThrow(/not loaded/);
    expect(() => matchQuote(index, 'The risk of conflict is real')).toThrow(/not all loaded/);
  });

  it('answers a quote as the full index does, reading only the texts of the passages shown', () => {
    const index = lean();
    const quote = 'The risk of conflict is real';
    const { value, asked } = runLoading(index, matchQuoteSteps(index, quote), texts);
    expect(value).toEqual(matchQuote(full, quote));
    // The documents the answer shows a passage of, and no other.
    const shown = [value!, ...value!.alsoIn, ...value!.alternatives].map(r =>
      full.documents.findIndex((_, n) => full.meta(n).id === r.documentId),
    );
    expect(shown[0]).toBe(press);
    expect(asked.sort()).toEqual([...new Set(shown)].sort());
    // Asked again, the text is at hand.
    expect(matchQuote(index, quote)).toEqual(value);
  });

  it.each([
    [
      'a quote of both documents (the brief reports the transcript)',
      'NATO will engage in dialogue with Russia in good faith and on substance',
    ],
    ['a quote no document has', 'The lighthouse lenses arrive on the third of March'],
    ['a reworded quote', 'We are ready for a dialogue with Russia in good faith and to the point'],
  ])('finds the same source for %s', (_name, quote) => {
    const index = lean();
    const { value } = runLoading(index, findSourceSteps(index, quote), texts);
    expect(value).toEqual(runLoading(full, findSourceSteps(full, quote), texts).value);
  });

  it('searches and finds copies as the full index does', () => {
    const index = lean();
    const search = runLoading(
      index,
      new CorpusSearch(index).searchSteps('risk of conflict'),
      texts,
    );
    expect(search.value).toEqual(new CorpusSearch(full).search('risk of conflict'));
    expect(search.value.length).toBeGreaterThan(0);
    const paragraph =
      'In Brussels on Friday, the Secretary General said that NATO will engage in dialogue with Russia in good faith and on substance, and that the risk of conflict is real.';
    const copies = runLoading(lean(), findCopiesSteps(lean(), paragraph), texts);
    expect(copies.value).toEqual(runLoading(full, findCopiesSteps(full, paragraph), texts).value);
  });

  it('keeps texts within its budget, the ones read last, never those of the current step', () => {
    const index = CorpusIndex.restore(structuredClone(full.snapshot()), { textBudget: 10 })!;
    index.addTexts([[0, texts[0]!]]);
    expect(index.missingTexts([0, 1])).toEqual([1]);
    index.addTexts([[1, texts[1]!]]);
    expect(index.missingTexts([0, 1])).toEqual([0]);
    // A step that needs both, one of them loaded already: both stay.
    index.addTexts([[0, texts[0]!]], [0, 1]);
    expect(index.missingTexts([0, 1])).toEqual([]);
    index.setTextBudget(0);
    expect(index.missingTexts([0, 1])).toEqual([0, 1]);
    expect(index.loadedTextChars).toBe(0);
    expect(() => index.addTexts([[99, 'x']])).toThrow(RangeError);
  });
});
