import { describe, expect, it } from 'vitest';

import { CorpusIndex } from '@/lib/core/corpus-index';
import { parseDocument } from '@/lib/core/parse-document';
import type { SourceDocument } from '@/lib/core/types';
import { BUNDLED_DOCUMENTS } from '@/lib/storage/bundled';
import { CorpusStore } from '@/lib/storage/corpus-store';
import { createDb } from '@/lib/storage/db';
import { textFingerprint } from '@/lib/storage/fingerprint';
import { memorySnapshotFiles } from '@/lib/storage/snapshot-files';

let dbCount = 0;
const freshName = () => `db-test-${++dbCount}`;

const A: SourceDocument = {
  id: 'a',
  title: 'A',
  kind: 'statement',
  date: '2022',
  publisher: 'P',
  text: 'We stand together. The risk of conflict is real.',
};

async function snapshotOf(store: CorpusStore) {
  const { revision, documents } = await store.readCorpus();
  const index = CorpusIndex.build(documents.map(parseDocument));
  return { revision, revs: documents.map(d => d.rev), snapshot: index.snapshot() };
}

describe('the bundled corpus', () => {
  it('has a text and valid metadata for every manifest entry', () => {
    expect(BUNDLED_DOCUMENTS.map(d => d.id)).toEqual([
      'nato-sg-press-conference-2022-01-07',
      'nato-pa-policy-brief-2022-01-07',
    ]);
    for (const doc of BUNDLED_DOCUMENTS) expect(doc.text.length).toBeGreaterThan(1000);
  });
});

describe('text fingerprints', () => {
  it('are equal for texts that differ only in case, spacing, quote marks and dashes', () => {
    expect(textFingerprint('“It’s real” — he said.\n')).toBe(
      textFingerprint('"IT\'S   REAL" - he said.'),
    );
  });

  it('differ for texts that differ in a word', () => {
    expect(textFingerprint('The risk of conflict is real.')).not.toBe(
      textFingerprint('The risk of conflict is unreal.'),
    );
  });
});

describe('the index cache', () => {
  it('finds a cached index again for the same corpus and build, and restores it', async () => {
    const store = new CorpusStore(createDb(freshName()), { bundled: [A] });
    await store.seed();
    const row = await snapshotOf(store);
    expect(await store.writeCachedIndex({ build: 'v1', ...row })).toBe(true);

    const { revision, entry } = await store.readCachedIndex('v1');
    expect(revision).toBe(row.revision);
    const restored = CorpusIndex.restore(entry!.snapshot);
    expect(restored?.size).toBe(CorpusIndex.restore(row.snapshot)?.size);
    expect(restored?.meta(0).id).toBe('a');
    // The cache holds no text: the document's is read from the corpus, at its indexed rev.
    const [stored] = await store.db.cache.toArray();
    const bytes = new TextDecoder().decode(stored!.bytes);
    expect(bytes).toContain('"kind":"statement"');
    expect(bytes).not.toContain('The risk of conflict');
    expect(await store.readTexts([{ id: 'a', rev: row.revs[0]! }])).toEqual([A.text]);
  });

  it('keeps the snapshot as a file where there are files, one at a time', async () => {
    const files = memorySnapshotFiles();
    const store = new CorpusStore(createDb(freshName()), { bundled: [A], files });
    await store.seed();
    const row = await snapshotOf(store);
    expect(await store.writeCachedIndex({ build: 'v1', ...row })).toBe(true);
    const [stored] = await store.db.cache.toArray();
    expect(stored!.bytes).toBeUndefined();
    expect(files.names()).toEqual([stored!.file]);
    const { entry } = await store.readCachedIndex('v1');
    expect(CorpusIndex.restore(entry!.snapshot)?.meta(0).id).toBe('a');

    await store.writeCachedIndex({ build: 'v2', ...row });
    const [second] = await store.db.cache.toArray();
    expect(files.names()).toEqual([second!.file]);
    expect(second!.file).not.toBe(stored!.file);

    // A file gone (the browser cleared it): no cached index, and no failure.
    await files.removeAllBut([]);
    expect((await store.readCachedIndex('v2')).entry).toBeUndefined();
    await store.writeCachedIndex({ build: 'v2', ...row });
    await store.clearCache();
    expect(files.names()).toEqual([]);
    expect(await store.db.cache.count()).toBe(0);
  });

  it('reads a document’s text only as it was indexed', async () => {
    const store = new CorpusStore(createDb(freshName()), { bundled: [A] });
    await store.seed();
    const { revs } = await snapshotOf(store);
    await store.updateDocument('a', { title: 'Renamed' });
    expect(await store.readTexts([{ id: 'a', rev: revs[0]! }])).toEqual([undefined]);
    expect(await store.readTexts([{ id: 'gone', rev: revs[0]! }])).toEqual([undefined]);
  });

  it('reads a big corpus in batches, every document once, with its revision', async () => {
    const docs = Array.from({ length: 25 }, (_, i) => ({
      ...A,
      id: `doc-${String(i).padStart(2, '0')}`,
      text: `${A.text} Number ${i}.`,
    }));
    const store = new CorpusStore(createDb(freshName()), { bundled: docs });
    await store.seed();
    const batches = [];
    for await (const batch of store.readCorpusBatches(10)) batches.push(batch);
    expect(batches.map(b => b.documents.length)).toEqual([10, 10, 5]);
    expect(batches.flatMap(b => b.documents.map(d => d.id))).toEqual(docs.map(d => d.id));
    const revision = await store.revision();
    expect(batches.every(b => b.revision === revision && b.total === 25)).toBe(true);
  });

  it('misses after any corpus change and for another build', async () => {
    const store = new CorpusStore(createDb(freshName()), { bundled: [A] });
    await store.seed();
    await store.writeCachedIndex({ build: 'v1', ...(await snapshotOf(store)) });
    expect((await store.readCachedIndex('v2')).entry).toBeUndefined();
    await store.updateDocument('a', { title: 'Renamed' });
    expect((await store.readCachedIndex('v1')).entry).toBeUndefined();
  });

  it('does not store an index built from a corpus that has changed since', async () => {
    const store = new CorpusStore(createDb(freshName()), { bundled: [A] });
    await store.seed();
    const stale = await snapshotOf(store);
    await store.updateDocument('a', { title: 'Renamed' });
    expect(await store.writeCachedIndex({ build: 'v1', ...stale })).toBe(false);
    expect(await store.db.cache.count()).toBe(0);
  });

  it('keeps one cached index at most', async () => {
    const store = new CorpusStore(createDb(freshName()), { bundled: [A] });
    await store.seed();
    await store.writeCachedIndex({ build: 'v1', ...(await snapshotOf(store)) });
    await store.writeCachedIndex({ build: 'v2', ...(await snapshotOf(store)) });
    expect((await store.db.cache.toArray()).map(r => r.build)).toEqual(['v2']);
  });
});

describe('schema upgrades', () => {
  it('a later schema version with an upgrade keeps every document and the settings', async () => {
    const name = freshName();
    const v1 = new CorpusStore(createDb(name), { bundled: [A] });
    await v1.seed();
    await v1.saveDocuments([{ ...A, id: 'mine', text: 'My own document.' }], 'fail');
    await v1.updateSettings({ minQuoteWords: 8 });
    await v1.writeCachedIndex({ build: 'v1', ...(await snapshotOf(v1)) });
    const before = await v1.exportCorpus();
    v1.db.close();

    // What a version 2 of the schema would look like: the documented recipe.
    const db2 = createDb(name);
    db2
      .version(2)
      .stores({ documents: 'id, fingerprint, rev, kind' })
      .upgrade(async tx => {
        await tx.table('cache').clear();
      });
    const v2 = new CorpusStore(db2, { bundled: [A] });
    expect(db2.verno).toBe(2);
    expect((await v2.exportCorpus()).documents).toEqual(before.documents);
    expect((await v2.getSettings()).minQuoteWords).toBe(8);
    expect(await db2.documents.where('kind').equals('statement').count()).toBe(2);
    expect(await db2.cache.count()).toBe(0);
  });
});
