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
      snapshot: { version: 999 } as never,
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
});
