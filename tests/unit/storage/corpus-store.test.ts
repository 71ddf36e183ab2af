import { describe, expect, it, vi } from 'vitest';

import { parseCorpusJson } from '@/lib/core/corpus-file';
import type { SourceDocument } from '@/lib/core/types';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/messaging/protocol';
import { BUNDLED_DOCUMENTS } from '@/lib/storage/bundled';
import { CorpusError, CorpusStore, type CorpusStoreOptions } from '@/lib/storage/corpus-store';
import { createDb } from '@/lib/storage/db';

let dbCount = 0;

/** A store on a database of its own. */
function freshStore(options: CorpusStoreOptions = {}, name = `store-test-${++dbCount}`) {
  return new CorpusStore(createDb(name), options);
}

function doc(id: string, text: string, extra: Partial<SourceDocument> = {}): SourceDocument {
  return {
    id,
    title: `Title of ${id}`,
    kind: 'transcript',
    date: '2022-01-07',
    publisher: 'Publisher',
    text,
    ...extra,
  };
}

const A = doc('a', 'SPEAKER ONE: We will defend every inch of allied territory.');
const B = doc('b', 'SPEAKER TWO: Dialogue is even more important when tensions are high.');
const C = doc('c', 'SPEAKER THREE: Russia has not taken steps to de-escalate the situation.');

/** The ids and texts of the stored corpus, in id order. */
async function contents(store: CorpusStore) {
  return (await store.exportCorpus()).documents;
}

describe('seeding the bundled corpus', () => {
  it('fills an empty corpus with every bundled document, listed as bundled and parsed', async () => {
    const store = freshStore();
    await store.seed();
    const list = await store.list();
    expect(list.map(d => d.id).sort()).toEqual(BUNDLED_DOCUMENTS.map(d => d.id).sort());
    for (const row of list) {
      expect(row.origin).toBe('bundled');
      expect(row.passages).toBeGreaterThan(0);
      expect(row.size).toBe(BUNDLED_DOCUMENTS.find(d => d.id === row.id)!.text.length);
    }
    const press = list.find(d => d.id === 'nato-sg-press-conference-2022-01-07')!;
    expect(press.speakers).toBeGreaterThan(1);
  });

  it('seeds the bundled corpus again when the user has deleted every document', async () => {
    const store = freshStore({ bundled: [A, B] });
    await store.seed();
    await store.deleteDocuments(['a', 'b']);
    await store.seed();
    expect((await contents(store)).map(d => d.id)).toEqual(['a', 'b']);
  });

  it('changes nothing when run again on an unchanged corpus', async () => {
    const store = freshStore({ bundled: [A, B] });
    await store.seed();
    const revision = await store.revision();
    expect(await store.seed()).toEqual({ added: [], refreshed: [] });
    expect(await store.revision()).toBe(revision);
  });

  it('after an update, adds newly bundled documents and refreshes the ones the user never edited', async () => {
    const name = `store-test-${++dbCount}`;
    await freshStore({ bundled: [A, B] }, name).seed();
    const newA = { ...A, text: `${A.text} Corrected transcript.` };
    const updated = freshStore({ bundled: [newA, B, C] }, name);
    expect(await updated.seed()).toEqual({ added: ['c'], refreshed: ['a'] });
    const docs = await contents(updated);
    expect(docs.map(d => d.id)).toEqual(['a', 'b', 'c']);
    expect(docs[0]!.text).toBe(newA.text);
  });

  it('after an update, keeps a bundled document the user edited exactly as the user left it', async () => {
    const name = `store-test-${++dbCount}`;
    const v1 = freshStore({ bundled: [A, B] }, name);
    await v1.seed();
    await v1.updateDocument('a', { title: 'My title', aliases: { 'SPEAKER ONE': 'Jane Doe' } });
    const newA = { ...A, title: 'Shipped title', text: `${A.text} Corrected.` };
    const v2 = freshStore({ bundled: [newA, B] }, name);
    await v2.seed();
    const a = (await v2.get('a'))!;
    expect(a).toMatchObject({
      title: 'My title',
      text: A.text,
      aliases: { 'SPEAKER ONE': 'Jane Doe' },
      origin: 'user',
    });
  });

  it('after an update, never overwrites a document the user imported under a bundled id', async () => {
    const name = `store-test-${++dbCount}`;
    const v1 = freshStore({ bundled: [A] }, name);
    await v1.seed();
    const mine = doc('a', 'My own text, not the bundled one at all.');
    await v1.saveDocuments([mine], 'replace');
    const v2 = freshStore({ bundled: [{ ...A, text: `${A.text} v2` }] }, name);
    await v2.seed();
    expect((await v2.get('a'))!.text).toBe(mine.text);
  });

  it('after an update, does not bring back a bundled document the user deleted', async () => {
    const name = `store-test-${++dbCount}`;
    const v1 = freshStore({ bundled: [A, B] }, name);
    await v1.seed();
    await v1.deleteDocuments(['a']);
    await freshStore({ bundled: [{ ...A, text: `${A.text} v2` }, B, C] }, name).seed();
    expect((await contents(v1)).map(d => d.id)).toEqual(['b', 'c']);
  });

  it('after an update, does not add a bundled document whose text the user already imported', async () => {
    const name = `store-test-${++dbCount}`;
    const v1 = freshStore({ bundled: [A] }, name);
    await v1.seed();
    await v1.saveDocuments([{ ...C, id: 'my-copy-of-c' }], 'fail');
    await freshStore({ bundled: [A, C] }, name).seed();
    expect((await contents(v1)).map(d => d.id)).toEqual(['a', 'my-copy-of-c']);
  });
});

describe('saving documents', () => {
  it('saves several documents at once as the user’s', async () => {
    const store = freshStore({ bundled: [] });
    expect(await store.saveDocuments([A, B], 'fail')).toEqual({ saved: ['a', 'b'] });
    const list = await store.list();
    expect(list.map(d => [d.id, d.origin])).toEqual([
      ['a', 'user'],
      ['b', 'user'],
    ]);
  });

  it('with "fail", a taken id in the middle fails the whole save, names the document and saves none', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([B], 'fail');
    const clash = { ...B, text: 'Different text under the same id.' };
    await expect(store.saveDocuments([A, clash, C], 'fail')).rejects.toThrow(
      /"b" is already in the corpus/,
    );
    expect((await contents(store)).map(d => d.id)).toEqual(['b']);
  });

  it('with "fail", the same text under another id fails the save and names both documents', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([A], 'fail');
    // Case, spacing and quote marks differ: still the same text.
    const copy = doc('a-copy', `  ${A.text.toUpperCase().replace(/ /g, '\n')} `);
    const error = await store.saveDocuments([C, copy], 'fail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(/"a-copy" has the same text as "a"/);
    expect((await contents(store)).map(d => d.id)).toEqual(['a']);
  });

  it('with "fail", two documents with the same text in one save fail it', async () => {
    const store = freshStore({ bundled: [] });
    await expect(store.saveDocuments([A, { ...A, id: 'a2' }], 'fail')).rejects.toThrow(/"a2"/);
    expect(await contents(store)).toEqual([]);
  });

  it('a storage failure in the middle of a save leaves the corpus unchanged', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([A], 'fail');
    const before = await contents(store);
    const put = store.db.documents.put.bind(store.db.documents);
    let calls = 0;
    vi.spyOn(store.db.documents, 'put').mockImplementation((...args) => {
      if (++calls === 2) return Promise.reject(new Error('QuotaExceededError')) as never;
      return put(...args);
    });
    await expect(
      store.saveDocuments([B, C, { ...A, text: 'A replaced.' }], 'replace'),
    ).rejects.toThrow('QuotaExceededError');
    vi.restoreAllMocks();
    expect(await contents(store)).toEqual(before);
  });

  it('an invalid document fails the save with its position, and nothing is stored', async () => {
    const store = freshStore({ bundled: [] });
    const bad = { ...B, kind: 'novel' };
    await expect(store.saveDocuments([A, bad, C], 'keep-both')).rejects.toThrow(
      /document 2: "b": unknown kind "novel"/,
    );
    expect(await contents(store)).toEqual([]);
  });

  it('refuses one id twice in the same save', async () => {
    const store = freshStore({ bundled: [] });
    await expect(store.saveDocuments([A, { ...B, id: 'a' }], 'replace')).rejects.toThrow(
      /"a" appears twice/,
    );
    expect(await contents(store)).toEqual([]);
  });

  it('with "replace", an imported document overwrites the stored one with its id', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([A, B], 'fail');
    const newA = { ...A, title: 'New title', text: 'SPEAKER ONE: A different statement.' };
    expect(await store.saveDocuments([newA], 'replace')).toEqual({ saved: ['a'] });
    expect((await store.get('a'))!).toMatchObject({ title: 'New title', text: newA.text });
    expect((await contents(store)).length).toBe(2);
  });

  it('with "replace", an imported document takes the place of a stored one with the same text', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([A, B], 'fail');
    await store.saveDocuments([{ ...A, id: 'renamed' }], 'replace');
    expect((await contents(store)).map(d => d.id)).toEqual(['b', 'renamed']);
  });

  it('with "keep-both", a taken id gets a fresh one and both documents stay', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([A], 'fail');
    const other = { ...A, text: 'Another text.' };
    expect(await store.saveDocuments([other], 'keep-both')).toEqual({ saved: ['a-2'] });
    expect(await store.saveDocuments([A], 'keep-both')).toEqual({ saved: ['a-3'] });
    const docs = await contents(store);
    expect(docs.map(d => [d.id, d.text])).toEqual([
      ['a', A.text],
      ['a-2', other.text],
      ['a-3', A.text],
    ]);
  });

  it('tells subscribers after a save is committed, not after a failed one', async () => {
    const store = freshStore({ bundled: [] });
    const changes: unknown[] = [];
    store.subscribe(change => changes.push(change));
    await store.saveDocuments([A], 'fail');
    await store.saveDocuments([A], 'fail').catch(() => undefined);
    expect(changes).toEqual([{ corpus: true, settings: false }]);
  });
});

describe('editing documents', () => {
  it('updates metadata and aliases, keeps the text and marks the document as the user’s', async () => {
    const store = freshStore({ bundled: [A] });
    await store.seed();
    const before = (await store.get('a'))!;
    await new Promise(resolve => setTimeout(resolve, 2));
    await store.updateDocument('a', {
      title: '  Press conference  ',
      kind: 'statement',
      sourceUrl: 'https://example.org/a',
      aliases: { ' SPEAKER  ONE ': ' Jane Doe ' },
    });
    const after = (await store.get('a'))!;
    expect(after).toMatchObject({
      title: 'Press conference',
      kind: 'statement',
      sourceUrl: 'https://example.org/a',
      aliases: { 'SPEAKER ONE': 'Jane Doe' },
      text: A.text,
      origin: 'user',
    });
    expect(after.updated > before.updated).toBe(true);
  });

  it('applies the user’s speaker aliases to the document’s parse', async () => {
    const store = freshStore({ bundled: [] });
    const transcript = doc('t', 'MODERATOR: Welcome.\nSPEAKER ONE: Thank you.\nMODERATOR: Next.');
    await store.saveDocuments([transcript], 'fail');
    await store.updateDocument('t', { aliases: { 'SPEAKER ONE': 'Jane Doe' } });
    const { parseDocument } = await import('@/lib/core/parse-document');
    const parsed = parseDocument((await store.get('t'))!);
    expect(parsed.speakers.map(s => s.name)).toContain('Jane Doe');
  });

  it('makes an edited bundled document bundled again once the edit is reverted', async () => {
    const store = freshStore({ bundled: [A] });
    await store.seed();
    await store.updateDocument('a', { title: 'Mine' });
    expect((await store.get('a'))!.origin).toBe('user');
    await store.updateDocument('a', { title: A.title });
    expect((await store.get('a'))!.origin).toBe('bundled');
  });

  it('removes the source address when it is set to empty', async () => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([{ ...A, sourceUrl: 'https://example.org/' }], 'fail');
    await store.updateDocument('a', { sourceUrl: '' });
    expect((await store.get('a'))!.sourceUrl).toBeUndefined();
  });

  it.each([
    [{ title: '  ' }, /title cannot be empty/],
    [{ kind: 'novel' }, /unknown kind "novel"/],
    [{ date: '7 January 2022' }, /"date" must be YYYY/],
    [{ sourceUrl: 'javascript:alert(1)' }, /not an http\(s\) address/],
    [{ aliases: { NATO: 3 } }, /alias "NATO" must map to a name/],
    [{ aliases: { NATO: ' ' } }, /alias "NATO" has no name/],
    [{ text: 'sneaky' }, /cannot edit "text"/],
  ])('refuses the edit %j with a clear message and changes nothing', async (changes, message) => {
    const store = freshStore({ bundled: [] });
    await store.saveDocuments([A], 'fail');
    const before = await store.get('a');
    await expect(store.updateDocument('a', changes as never)).rejects.toThrow(message);
    expect(await store.get('a')).toEqual(before);
  });

  it('fails to edit a document that is not stored, naming it', async () => {
    const store = freshStore({ bundled: [] });
    await expect(store.updateDocument('nope', { title: 'x' })).rejects.toThrow(
      'no document "nope" in the corpus',
    );
  });
});

describe('deleting, exporting and resetting', () => {
  it('deleting returns the documents whole, and saving them back restores the corpus exactly', async () => {
    const store = freshStore({ bundled: [A, B] });
    await store.seed();
    await store.saveDocuments([{ ...C, aliases: { 'SPEAKER THREE': 'Sam' } }], 'fail');
    const before = await store.list();
    const { documents: exported } = await store.exportCorpus();

    const deleted = await store.deleteDocuments(['c', 'a', 'missing', 'c']);
    expect(deleted.map(d => d.id)).toEqual(['c', 'a']);
    expect((await contents(store)).map(d => d.id)).toEqual(['b']);

    await store.saveDocuments(deleted, 'fail');
    expect(await contents(store)).toEqual(exported);
    // The bundled document comes back as bundled.
    expect((await store.list()).map(d => [d.id, d.origin])).toEqual(
      before.map(d => [d.id, d.origin]),
    );
  });

  it('export, reset and import round-trip to the same corpus', async () => {
    const store = freshStore({ bundled: [A, B] });
    await store.seed();
    await store.saveDocuments([C], 'fail');
    await store.updateDocument('a', { title: 'Edited', aliases: { 'SPEAKER ONE': 'Jane' } });
    const file = await store.exportCorpus();

    expect(await store.resetCorpus()).toBe(2);
    expect(await contents(store)).toEqual([A, B]);

    const parsed = parseCorpusJson(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.error);
    await store.saveDocuments(parsed.value, 'replace');
    expect(await contents(store)).toEqual(file.documents);
  });

  it('exports the documents asked for, in that order, and fails naming an unknown id', async () => {
    const store = freshStore({ bundled: [A, B, C] });
    await store.seed();
    const file = await store.exportCorpus(['c', 'a', 'c']);
    expect(file.format).toBe('verbatim-corpus');
    expect(file.documents.map(d => d.id)).toEqual(['c', 'a']);
    await expect(store.exportCorpus(['a', 'zzz'])).rejects.toThrow('no document "zzz"');
  });

  it('reset brings back deleted bundled documents, drops the user’s and keeps the settings', async () => {
    const name = `store-test-${++dbCount}`;
    const store = freshStore({ bundled: [A, B] }, name);
    await store.seed();
    await store.deleteDocuments(['a']);
    await store.saveDocuments([C], 'fail');
    await store.updateSettings({ sensitivity: 'strict' });
    await store.resetCorpus();
    expect((await contents(store)).map(d => d.id)).toEqual(['a', 'b']);
    expect((await freshStore({}, name).getSettings()).sensitivity).toBe('strict');
  });
});

describe('the corpus stamp', () => {
  it('changes with every write of documents, and only then', async () => {
    const store = freshStore();
    await store.seed();
    const stamps = [await store.corpusStamp()];
    await store.saveDocuments([A, B], 'fail');
    stamps.push(await store.corpusStamp());
    await store.updateDocument('a', { title: 'Another title' });
    stamps.push(await store.corpusStamp());
    await store.deleteDocuments(['b']);
    stamps.push(await store.corpusStamp());
    await store.resetCorpus();
    stamps.push(await store.corpusStamp());
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps).not.toContain(undefined);

    await store.seed();
    await store.deleteDocuments(['no-such-document']);
    await store.updateSettings({ sensitivity: 'strict' });
    expect(await store.corpusStamp()).toBe(stamps.at(-1));
  });
});

describe('settings', () => {
  it('start at the defaults', async () => {
    expect(await freshStore().getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('are stored and read back by a new store on the same database', async () => {
    const name = `store-test-${++dbCount}`;
    const store = freshStore({}, name);
    const next = await store.updateSettings({ sensitivity: 'loose', minQuoteWords: 7 });
    expect(next).toEqual({
      sensitivity: 'loose',
      minQuoteWords: 7,
      disabledSites: [],
      markUnmatched: true,
      markCopies: true,
    });
    await store.updateSettings({
      disabledSites: ['example.com'],
      markUnmatched: false,
      markCopies: false,
    });
    expect(await freshStore({}, name).getSettings()).toEqual({
      sensitivity: 'loose',
      minQuoteWords: 7,
      disabledSites: ['example.com'],
      markUnmatched: false,
      markCopies: false,
    });
    await expect(store.updateSettings({ markUnmatched: 'no' as never })).rejects.toThrow(
      'markUnmatched must be true or false',
    );
    await expect(store.updateSettings({ markCopies: 1 as never })).rejects.toThrow(
      'markCopies must be true or false',
    );
  });

  it('normalise disabled sites to lower-case host names without duplicates', async () => {
    const store = freshStore();
    const { disabledSites } = await store.updateSettings({
      disabledSites: [
        'Example.COM',
        'https://www.example.com/some/page?x=1',
        'example.com.',
        '*.News.org',
        '   ',
        'bücher.de',
        'localhost',
      ],
    });
    expect(disabledSites).toEqual([
      'example.com',
      'www.example.com',
      'news.org',
      'xn--bcher-kva.de',
      'localhost',
    ]);
  });

  it.each<[unknown, RegExp]>([
    [{ sensitivity: 'medium' }, /sensitivity must be one of strict, balanced, loose/],
    [{ minQuoteWords: 0 }, /from 1 to 50/],
    [{ minQuoteWords: 51 }, /from 1 to 50/],
    [{ minQuoteWords: 2.5 }, /whole number/],
    [{ minQuoteWords: '4' }, /whole number/],
    [{ disabledSites: 'example.com' }, /list of host names/],
    [{ disabledSites: ['exa mple.com'] }, /"exa mple.com" is not a host name/],
    [{ disabledSites: ['example.com/news'] }, /"example.com\/news" is not a host name/],
    [{ disabledSites: ['ftp://example.com'] }, /not a host name/],
    [{ theme: 'dark' }, /unknown setting "theme"/],
  ])('refuse %j with a clear message and change nothing', async (changes, message) => {
    const store = freshStore();
    await store.updateSettings({ minQuoteWords: 6 });
    await expect(store.updateSettings(changes as Partial<Settings>)).rejects.toThrow(message);
    expect(await store.getSettings()).toEqual({ ...DEFAULT_SETTINGS, minQuoteWords: 6 });
  });

  it('tell subscribers of a change, and not of a save that changes nothing', async () => {
    const store = freshStore();
    const changes: unknown[] = [];
    store.subscribe(change => changes.push(change));
    await store.updateSettings({ sensitivity: 'strict' });
    await store.updateSettings({ sensitivity: 'strict', disabledSites: [] });
    expect(changes).toEqual([{ corpus: false, settings: true }]);
  });

  it('fall back to the default for a stored value this version cannot read', async () => {
    const name = `store-test-${++dbCount}`;
    const db = createDb(name);
    await db.settings.put({
      key: 'settings',
      value: { sensitivity: 'paranoid', minQuoteWords: 9 } as never,
    });
    expect(await new CorpusStore(db).getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      minQuoteWords: 9,
    });
  });
});

describe('a write cut off part-way', () => {
  /**
   * A store whose database makes no more requests after its first `n` writes, as when Firefox
   * cancels the extension's scripts at shutdown in the middle of a transaction: IndexedDB then
   * commits the requests already made. Returns the store and a read of what was committed.
   */
  function cutAfter(n: number, bundled: SourceDocument[], name: string) {
    const db = createDb(name);
    let writes = 0;
    db.use({
      stack: 'dbcore',
      name: 'cut-off',
      create: down => ({
        ...down,
        table: tableName => {
          const table = down.table(tableName);
          return {
            ...table,
            mutate: req => (++writes > n ? new Promise<never>(() => {}) : table.mutate(req)),
          };
        },
      }),
    });
    const store = new CorpusStore(db, { bundled });
    // Another connection's read waits until the cut transaction has committed.
    const committed = async () =>
      (await createDb(name).documents.toArray()).map(d => ({ id: d.id, text: d.text }));
    return { store, committed, writes: () => writes };
  }

  /** The number of write calls `write` makes when nothing cuts it off. */
  async function writesOf(
    prepare: (store: CorpusStore) => Promise<unknown>,
    write: (store: CorpusStore) => Promise<unknown>,
    bundled: SourceDocument[],
  ) {
    const name = `store-test-${++dbCount}`;
    await prepare(new CorpusStore(createDb(name), { bundled }));
    const { store, writes } = cutAfter(Infinity, bundled, name);
    await write(store);
    return writes();
  }

  it('a save that replaces a document by its text keeps the old one until the new one is stored', async () => {
    const prepare = (store: CorpusStore) => store.saveDocuments([A, B], 'fail');
    const save = (store: CorpusStore) =>
      store.saveDocuments([C, { ...A, id: 'a-renamed', title: 'Renamed' }], 'replace');
    const total = await writesOf(prepare, save, []);
    expect(total).toBeGreaterThanOrEqual(3);
    for (let n = 0; n <= total; n++) {
      const name = `store-test-${++dbCount}`;
      await prepare(new CorpusStore(createDb(name), { bundled: [] }));
      const { store, committed } = cutAfter(n, [], name);
      void save(store).catch(() => undefined);
      const texts = (await committed()).map(d => d.text);
      // Whatever was committed, A's text and B's are still there.
      expect(texts, `cut after ${n} writes`).toEqual(expect.arrayContaining([A.text, B.text]));
    }
  });

  it('a reset deletes none of the user’s documents before every bundled one is back', async () => {
    const prepare = async (store: CorpusStore) => {
      await store.seed();
      await store.deleteDocuments(['a']);
      await store.saveDocuments([C], 'fail');
    };
    const reset = (store: CorpusStore) => store.resetCorpus();
    const total = await writesOf(prepare, reset, [A, B]);
    expect(total).toBeGreaterThanOrEqual(2);
    for (let n = 0; n <= total; n++) {
      const name = `store-test-${++dbCount}`;
      await prepare(new CorpusStore(createDb(name), { bundled: [A, B] }));
      const { store, committed } = cutAfter(n, [A, B], name);
      void reset(store).catch(() => undefined);
      const texts = (await committed()).map(d => d.text);
      const bundledBack = [A.text, B.text].every(t => texts.includes(t));
      expect(texts.includes(C.text) || bundledBack, `cut after ${n} writes`).toBe(true);
    }
  });
});
