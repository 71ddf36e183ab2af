import { describe, expect, it } from 'vitest';

import { CorpusIndex } from '../../../lib/core/corpus-index';
import { matchQuote } from '../../../lib/core/match-quote';
import { parseDocument } from '../../../lib/core/parse-document';
import { BRIEF, bundledDocuments, bundledIndex } from './helpers';

describe('CorpusIndex', () => {
  const index = bundledIndex();

  it('finds every position of a word, and the document holding it', () => {
    const term = index.termId('stoltenberg')!;
    const positions = [...index.positions(term)];
    expect(positions.length).toBeGreaterThan(3);
    for (const g of positions) {
      const { doc } = index.documentAt(g);
      expect(doc.text.slice(index.wordStart(g), index.wordEnd(g)).toLowerCase()).toBe(
        'stoltenberg',
      );
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

  it('maps each word to the sentence it is in', () => {
    const g = index.positions(index.termId('kazakhstan')!)[0]!;
    const s = index.segmentAt(g);
    const { doc } = index.documents[index.segmentDocument[s]!]!;
    const segment = doc.segments[index.segmentLocal[s]!]!;
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

  const texts = index.documents.map(d => d.doc.text);

  it('restores from a snapshot and the texts into an index that answers the same', () => {
    const restored = CorpusIndex.restore(structuredClone(index.snapshot()), texts)!;
    expect(restored).not.toBeNull();
    const quote = 'We regret the loss of lives';
    expect(matchQuote(restored, quote)).toEqual(matchQuote(index, quote));
    expect(restored.documents.map(d => d.doc)).toEqual(index.documents.map(d => d.doc));
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
      index.terms.forEach((t, g) => {
        if (t === term) scanned.push(g);
      });
      expect([...index.positions(term)]).toEqual(scanned);
      expect(index.frequency(term)).toBe(scanned.length);
    }
    expect(index.termId('not-a-corpus-word')).toBeUndefined();
  });

  it('refuses a snapshot from another version, with inconsistent arrays or the wrong texts', () => {
    const snapshot = index.snapshot();
    expect(CorpusIndex.restore({ ...snapshot, version: 999 as 3 }, texts)).toBeNull();
    expect(
      CorpusIndex.restore({ ...snapshot, terms: snapshot.terms.subarray(1) }, texts),
    ).toBeNull();
    expect(
      CorpusIndex.restore({ ...snapshot, postings: snapshot.postings.subarray(1) }, texts),
    ).toBeNull();
    expect(CorpusIndex.restore({ ...snapshot, bounds: new Int32Array([0, 5]) }, texts)).toBeNull();
    expect(CorpusIndex.restore(snapshot, texts.slice(1))).toBeNull();
  });

  it('indexes documents with no sentences without confusing their neighbours', () => {
    const brief = bundledDocuments().find(d => d.id === BRIEF)!;
    const empty = parseDocument({ ...brief, id: 'empty', text: '   ' });
    const withEmpty = CorpusIndex.build([empty, parseDocument(brief)]);
    const m = matchQuote(withEmpty, "Ukraine's sovereign rights were not negotiable");
    expect(m?.documentId).toBe(BRIEF);
  });
});
