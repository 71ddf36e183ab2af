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
      expect(doc.text.slice(index.starts[g], index.ends[g]).toLowerCase()).toBe('stoltenberg');
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
    expect(segment.start).toBeLessThanOrEqual(index.starts[g]!);
    expect(segment.end).toBeGreaterThanOrEqual(index.ends[g]!);
  });

  it('restores from a snapshot into an index that answers the same', () => {
    const restored = CorpusIndex.restore(structuredClone(index.snapshot()))!;
    expect(restored).not.toBeNull();
    const quote = 'We regret the loss of lives';
    expect(matchQuote(restored, quote)).toEqual(matchQuote(index, quote));
  });

  it('refuses a snapshot from another version or with inconsistent arrays', () => {
    const snapshot = index.snapshot();
    expect(CorpusIndex.restore({ ...snapshot, version: 999 as 2 })).toBeNull();
    expect(CorpusIndex.restore({ ...snapshot, starts: snapshot.starts.subarray(1) })).toBeNull();
    expect(CorpusIndex.restore({ ...snapshot, bounds: new Int32Array([0, 5]) })).toBeNull();
  });

  it('indexes documents with no sentences without confusing their neighbours', () => {
    const brief = bundledDocuments().find(d => d.id === BRIEF)!;
    const empty = parseDocument({ ...brief, id: 'empty', text: '   ' });
    const withEmpty = CorpusIndex.build([empty, parseDocument(brief)]);
    const m = matchQuote(withEmpty, "Ukraine's sovereign rights were not negotiable");
    expect(m?.documentId).toBe(BRIEF);
  });
});
