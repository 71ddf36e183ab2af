import { describe, expect, it } from 'vitest';

import { CorpusIndex } from '../../../lib/core/corpus-index';
import { matchQuote } from '../../../lib/core/match-quote';
import { snapshotFromBytes, snapshotToBytes } from '../../../lib/core/snapshot-file';
import { bundledIndex } from './helpers';

describe('the snapshot file', () => {
  const index = bundledIndex();
  const texts = index.documents.map((_, n) => index.text(n));

  it('gives back the snapshot, its arrays as views of the file’s bytes', () => {
    const bytes = snapshotToBytes(index.snapshot());
    const buffer = bytes.slice().buffer;
    const snapshot = snapshotFromBytes(buffer)!;
    expect(snapshot.postings.buffer).toBe(buffer);
    expect(snapshot.termLow.buffer).toBe(buffer);
    expect(snapshot.termHigh).toBeNull();
    expect(snapshot).toEqual(index.snapshot());
    const restored = CorpusIndex.restore(snapshot, { texts })!;
    const quote = 'NATO will engage in dialogue with Russia in good faith and on substance';
    expect(matchQuote(restored, quote)).toEqual(matchQuote(index, quote));
  });

  it('refuses bytes that are not a whole snapshot file', () => {
    const bytes = snapshotToBytes(index.snapshot());
    expect(snapshotFromBytes(new ArrayBuffer(0))).toBeNull();
    expect(snapshotFromBytes(new TextEncoder().encode('{"version":6}').buffer)).toBeNull();
    expect(snapshotFromBytes(bytes.slice(0, bytes.length >> 1).buffer)).toBeNull();
    const damaged = bytes.slice();
    damaged[8] = 0x5d; // the header's JSON opens with "]"
    expect(snapshotFromBytes(damaged.buffer)).toBeNull();
  });
});
