import { beforeEach, describe, expect, it, vi } from 'vitest';

import { MatcherService } from '@/lib/background/matcher-service';
import { parseDocument } from '@/lib/core/parse-document';
import type { SourceDocument } from '@/lib/core/types';
import { BUNDLED_DOCUMENTS } from '@/lib/storage/bundled';
import { CorpusStore } from '@/lib/storage/corpus-store';
import { cacheKey, createDb } from '@/lib/storage/db';

const QUOTE = 'The risk of conflict is real';
const PRESS_CONFERENCE = 'nato-sg-press-conference-2022-01-07';
const EXTRA: SourceDocument = {
  id: 'harbour',
  title: 'Harbour notice',
  kind: 'statement',
  date: '2024',
  publisher: 'Harbour Office',
  text: 'Harbour Master Ann Lee said the lighthouse lenses arrive on the third of March.',
};

let dbCount = 0;

async function setup(
  parse: (doc: SourceDocument) => ReturnType<typeof parseDocument> = parseDocument,
) {
  const store = new CorpusStore(createDb(`matcher-test-${++dbCount}`));
  await store.seed();
  const parsing = vi.fn(parse);
  const matcher = new MatcherService(store, { build: 'test', parse: parsing });
  return { store, matcher, parsing };
}

describe('MatcherService', () => {
  beforeEach(() => {
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  });

  it('leaves out a document the parser cannot read, and still matches in the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { matcher } = await setup(doc => {
      if (doc.id !== PRESS_CONFERENCE) throw new Error('parser bug');
      return parseDocument(doc);
    });
    const [match] = await matcher.matchQuotes([{ text: QUOTE }]);
    expect(match?.documentId).toBe(PRESS_CONFERENCE);
    expect((await matcher.ready()).documents).toBe(1);
  });

  it('answers how far indexing has got while it parses, without waiting for it', async () => {
    // A slow parser (as a big corpus makes every parse together): the build yields between documents.
    const { store, matcher } = await setup(doc => {
      const until = performance.now() + 40;
      while (performance.now() < until);
      return parseDocument(doc);
    });
    await store.saveDocuments(
      Array.from({ length: 6 }, (_, i) => ({
        ...EXTRA,
        id: `harbour-${i}`,
        text: `${EXTRA.text} ${i}`,
      })),
      'keep-both',
    );
    const ready = matcher.ready();
    const seen: Array<{ indexing: boolean; done: number; total: number }> = [];
    while (seen.at(-1)?.indexing !== false) {
      seen.push(matcher.status());
      await new Promise(resolve => setTimeout(resolve, 0));
    }
    await ready;
    const during = seen.filter(s => s.indexing && s.total > 0);
    expect(during.length).toBeGreaterThan(1);
    expect(during.every(s => s.total === 8)).toBe(true);
    expect(new Set(during.map(s => s.done)).size).toBeGreaterThan(1);
    expect(matcher.status()).toEqual({ indexing: false, done: 8, total: 8 });
  });

  it('ignores a cached index it cannot read and rebuilds from the documents', async () => {
    const { store, matcher } = await setup();
    const revision = await store.revision();
    await store.db.cache.put({
      key: cacheKey('test', revision),
      build: 'test',
      revision,
      revs: ['x'],
      bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer,
      created: '',
    });
    const [match] = await matcher.matchQuotes([{ text: QUOTE }]);
    expect(match?.documentId).toBe(PRESS_CONFERENCE);
    expect((await matcher.ready()).source).toBe('build');
  });

  it('parses only the documents that changed when the corpus changes', async () => {
    const { store, matcher, parsing } = await setup();
    await matcher.ready();
    expect(parsing).toHaveBeenCalledTimes(BUNDLED_DOCUMENTS.length);
    await store.saveDocuments([EXTRA], 'fail');
    const [match] = await matcher.matchQuotes([
      { text: 'the lighthouse lenses arrive on the third of March' },
    ]);
    expect(match?.documentId).toBe('harbour');
    expect(parsing).toHaveBeenCalledTimes(BUNDLED_DOCUMENTS.length + 1);
  });

  it('answers every quote of a large batch, in order', async () => {
    const { matcher } = await setup();
    const quotes = Array.from({ length: 300 }, (_, i) => ({
      text: i % 2 ? QUOTE : `no such words anywhere number ${i}`,
    }));
    const results = await matcher.matchQuotes(quotes);
    expect(results).toHaveLength(300);
    expect(results.map(r => r?.documentId ?? null)).toEqual(
      quotes.map((_, i) => (i % 2 ? PRESS_CONFERENCE : null)),
    );
  });

  describe('after a restart from the cached index', () => {
    /** A matcher over a store whose index is cached, as a restarted worker finds it. */
    async function restarted(textBudget?: number) {
      const { store, matcher } = await setup();
      await store.saveDocuments([EXTRA], 'fail');
      await matcher.ready();
      await matcher.flush();
      matcher.destroy();
      const parsing = vi.fn(parseDocument);
      const fresh = new MatcherService(store, { build: 'test', parse: parsing, textBudget });
      return { store, matcher: fresh, parsing };
    }

    it('reads no document text to load, and then only the texts of the passages it shows', async () => {
      const { matcher, parsing } = await restarted();
      expect((await matcher.ready()).source).toBe('cache');
      expect((await matcher.inspect()).textReads).toEqual({ documents: 0, chars: 0 });
      expect((await matcher.inspect()).index.loadedTextChars).toBe(0);

      const [match] = await matcher.matchQuotes([
        { text: 'the lighthouse lenses arrive on the third of March' },
      ]);
      expect(match?.passage).toBe('the lighthouse lenses arrive on the third of March');
      expect(match?.contextBefore).toBe('Harbour Master Ann Lee said ');
      const { textReads } = await matcher.inspect();
      expect(textReads).toEqual({ documents: 1, chars: EXTRA.text.length });
      // Asked again: the text is kept.
      await matcher.matchQuotes([{ text: 'the lighthouse lenses arrive on the third of March' }]);
      expect((await matcher.inspect()).textReads.documents).toBe(1);
      expect(parsing).not.toHaveBeenCalled();
    });

    it('answers the same as before the restart, within its budget for texts', async () => {
      const { store } = await setup();
      await store.saveDocuments([EXTRA], 'fail');
      const before = new MatcherService(store, { build: 'test' });
      const harbour = { text: 'the lighthouse lenses arrive on the third of March' };
      const quotes = [
        harbour,
        { text: QUOTE },
        { text: 'NATO will engage in dialogue with Russia in good faith and on substance' },
        { text: 'no such words anywhere in the corpus at all' },
        harbour,
      ];
      const expected = await before.matchQuotes(quotes);
      const search = await before.search('risk of conflict');
      await before.flush();
      before.destroy();

      // A budget smaller than either bundled document: what a later answer needs replaces it.
      const after = new MatcherService(store, { build: 'test', textBudget: 1_000 });
      expect(await after.matchQuotes(quotes)).toEqual(expected);
      const { index, textReads } = await after.inspect();
      // The harbour notice was read twice: the bundled documents' texts pushed it out.
      expect(textReads.documents).toBeGreaterThanOrEqual(4);
      expect(index.loadedTextChars).toBeLessThanOrEqual(1_000);
      expect(await after.search('risk of conflict')).toEqual(search);
    });

    const PIER: SourceDocument = {
      ...EXTRA,
      id: 'pier',
      text: 'The pier closes for repairs from the ninth of April until the summer.',
    };
    const PIER_QUOTE = { text: 'The pier closes for repairs from the ninth of April' };

    it('does not use the index it cached last once the corpus changed while it was stopped', async () => {
      const { store, matcher } = await restarted();
      // Saved from another of Verbatim's pages while no background runs.
      const other = new CorpusStore(store.db);
      await other.saveDocuments([PIER], 'fail');
      const [match] = await matcher.matchQuotes([PIER_QUOTE]);
      expect(match?.documentId).toBe('pier');
      expect((await matcher.ready()).source).toBe('build');
    });

    it('checks the corpus revision when a write left no stamp (a schema upgrade)', async () => {
      const { store, matcher } = await restarted();
      await store.db.transaction('rw', store.db.documents, store.db.meta, async () => {
        const row = (await store.db.documents.get('harbour'))!;
        await store.db.documents.put({ ...row, ...PIER, fingerprint: 'pier', rev: 'pier-1' });
        await store.db.meta.delete('corpusStamp');
      });
      const [match] = await matcher.matchQuotes([PIER_QUOTE]);
      expect(match?.documentId).toBe('pier');
      expect((await matcher.ready()).source).toBe('build');
    });

    it('lists the corpus with the index’s counts, parsing nothing', async () => {
      const { store, matcher, parsing } = await restarted();
      await matcher.ready();
      const list = await store.list(doc => matcher.counts(doc));
      for (const doc of [EXTRA, ...BUNDLED_DOCUMENTS]) {
        const parse = parseDocument(doc);
        expect(list.find(d => d.id === doc.id)).toMatchObject({
          speakers: parse.speakers.length,
          passages: parse.segments.length,
        });
      }
      expect(parsing).not.toHaveBeenCalled();
    });

    it('answers from the corpus as it is when a document changed under the index', async () => {
      const { store, matcher } = await restarted();
      await matcher.ready();
      // Written behind the store's back (no change event): the index still has the old offsets.
      const row = (await store.db.documents.get('harbour'))!;
      const text = `On Monday, ${row.text}`;
      await store.db.documents.put({ ...row, text, rev: 'changed' });
      const [match] = await matcher.matchQuotes([
        { text: 'the lighthouse lenses arrive on the third of March' },
      ]);
      expect(match?.passage).toBe('the lighthouse lenses arrive on the third of March');
      expect(text.slice(match!.start, match!.end)).toBe(match?.passage);
      expect((await matcher.ready()).source).toBe('build');
    });
  });
});
