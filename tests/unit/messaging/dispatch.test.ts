import { describe, expect, expectTypeOf, it, vi } from 'vitest';

import { createBackgroundHandlers } from '@/lib/background/handlers';
import type { MatcherService } from '@/lib/background/matcher-service';
import { createDispatcher, ok, type Handlers } from '@/lib/messaging/dispatch';
import type { BackgroundCalls, ContentCalls } from '@/lib/messaging/protocol';
import { BACKGROUND_VALIDATORS, CONTENT_VALIDATORS } from '@/lib/messaging/validators';
import type { CorpusStore } from '@/lib/storage/corpus-store';

const EXTENSION_ID = 'verbatim-id';
const ORIGIN = 'chrome-extension://verbatim-id/';
const OPTIONS_PAGE = { id: EXTENSION_ID, url: `${ORIGIN}options.html` };
const CONTENT_SCRIPT = { id: EXTENSION_ID, url: 'https://news.example/article', tab: { id: 3 } };

/** Background handlers that record calls (their arguments; the sender apart) and answer with fixed values. */
function fakeHandlers() {
  const calls: Array<[string, unknown[]]> = [];
  const senders: unknown[] = [];
  const record =
    <T>(type: string, value: T) =>
    (...args: unknown[]) => {
      // The dispatcher passes the message's sender after the call's arguments.
      senders.push(args.at(-1));
      calls.push([type, args.slice(0, -1)]);
      return ok(value);
    };
  const handlers: Handlers<BackgroundCalls> = {
    matchQuotes: record('matchQuotes', [null]),
    findCopies: record('findCopies', [[]]),
    searchCorpus: record('searchCorpus', []),
    listDocuments: record('listDocuments', []),
    getDocument: () => ({ ok: false, error: 'no such document' }),
    saveDocuments: record('saveDocuments', { saved: ['a'] }),
    updateDocument: () => {
      throw new Error('not used');
    },
    deleteDocuments: record('deleteDocuments', { deleted: [] }),
    exportCorpus: () => {
      throw new Error('not used');
    },
    resetCorpus: record('resetCorpus', { documents: 2 }),
    openReader: record('openReader', null),
    findSelectionSource: record('findSelectionSource', { found: false }),
    openSearch: record('openSearch', null),
    indexStatus: record('indexStatus', { indexing: false, done: 2, total: 2 }),
    getSettings: record('getSettings', {
      sensitivity: 'balanced',
      minQuoteWords: 4,
      disabledSites: [],
    }),
    updateSettings: record('updateSettings', {
      sensitivity: 'strict',
      minQuoteWords: 4,
      disabledSites: [],
    }),
    setPageCount: record('setPageCount', null),
    loadPageScript: record('loadPageScript', null),
    corpusInfo: record('corpusInfo', { documents: 2, version: 'v' }),
  };
  return { handlers, calls, senders };
}

function setup(overrides: Partial<Handlers<BackgroundCalls>> = {}) {
  const { handlers, calls, senders } = fakeHandlers();
  const onError = vi.fn();
  const dispatch = createDispatcher(
    { ...handlers, ...overrides },
    {
      extensionId: EXTENSION_ID,
      extensionOrigin: ORIGIN,
      validators: BACKGROUND_VALIDATORS,
      contentScriptCalls: ['matchQuotes', 'getSettings'],
      onError,
    },
  );
  return { dispatch, calls, senders, onError };
}

const message = (type: string, ...args: unknown[]) => ({ verbatim: 1, type, args });

describe('createDispatcher', () => {
  it('answers a well-formed call with its handler’s result', async () => {
    const { dispatch, calls } = setup();
    const reply = await dispatch(
      message('matchQuotes', { quotes: [{ text: 'a b c d' }] }),
      OPTIONS_PAGE,
    );
    expect(reply).toEqual({ ok: true, value: [null] });
    expect(calls).toEqual([['matchQuotes', [{ quotes: [{ text: 'a b c d' }] }]]]);
  });

  it('gives the handler the sender after the arguments (a content script’s tab for the badge)', async () => {
    const { dispatch, calls, senders } = setup();
    const tab = { id: EXTENSION_ID, url: 'https://news.example/a', tab: { id: 7 } };
    expect(await dispatch(message('getSettings'), tab)).toMatchObject({ ok: true });
    expect(calls).toEqual([['getSettings', []]]);
    expect(senders).toEqual([tab]);
  });

  it.each([
    null,
    undefined,
    'matchQuotes',
    42,
    [],
    {},
    { type: 'getSettings', args: [] },
    { verbatim: 2, type: 'getSettings', args: [] },
  ])('leaves a message that is not Verbatim’s (%j) to other listeners', message => {
    const { dispatch, calls } = setup();
    expect(dispatch(message, OPTIONS_PAGE)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it.each([
    [
      'another extension',
      { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/' },
    ],
    ['a web page', { url: 'https://evil.example/' }],
    ['an unknown sender', undefined],
  ])('refuses a call from %s and does no work', async (_, sender) => {
    const { dispatch, calls } = setup();
    const reply = await dispatch(message('resetCorpus'), sender as never);
    expect(reply).toEqual({ ok: false, error: 'refused: the message does not come from Verbatim' });
    expect(calls).toEqual([]);
  });

  it.each([
    [{ verbatim: 1, type: 7, args: [] }],
    [{ verbatim: 1, type: 'getSettings' }],
    [{ verbatim: 1, type: 'getSettings', args: 'none' }],
  ])('answers a malformed envelope %j with an error', async bad => {
    const { dispatch, calls } = setup();
    expect(await dispatch(bad, OPTIONS_PAGE)).toEqual({
      ok: false,
      error: 'malformed message: expected { verbatim: 1, type, args: [] }',
    });
    expect(calls).toEqual([]);
  });

  it.each(['formatDisk', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'answers an unknown call "%s" with an error naming it',
    async type => {
      const { dispatch } = setup();
      expect(await dispatch(message(type), OPTIONS_PAGE)).toEqual({
        ok: false,
        error: `unknown call "${type}"`,
      });
    },
  );

  it.each<[string, unknown[], RegExp]>([
    ['matchQuotes', [], /expected 1 argument, got 0/],
    ['matchQuotes', [{ quotes: 'The risk' }], /argument\.quotes must be a list/],
    ['matchQuotes', [{ quotes: [{ text: 5 }] }], /argument\.quotes\[0\]\.text must be text/],
    ['matchQuotes', [{ quotes: [{ text: 'x', speaker: 'y' }] }], /unknown field "speaker"/],
    ['searchCorpus', [{ query: 'nato', limit: 0 }], /limit must be a whole number from 1 to 200/],
    ['getSettings', [{}], /expected no arguments, got 1/],
    [
      'saveDocuments',
      [{ documents: [{ id: 'x' }], onConflict: 'fail' }],
      /documents\[0\]: "x" has no "text"/,
    ],
    [
      'saveDocuments',
      [{ documents: [], onConflict: 'merge' }],
      /onConflict must be one of fail, replace, keep-both/,
    ],
    ['updateDocument', [{ id: 'a', changes: { kind: 'novel' } }], /changes\.kind must be one of/],
    [
      'updateDocument',
      [{ id: 'a', changes: { aliases: { X: 1 } } }],
      /aliases\["X"\] must be text/,
    ],
    ['deleteDocuments', [{ ids: [1] }], /ids\[0\] must be text/],
    ['exportCorpus', [null], /argument must be an object/],
    ['updateSettings', [{ disabledSites: 'example.com' }], /disabledSites must be a list/],
  ])(
    'refuses %s with bad arguments %j, naming the bad part, and does no work',
    async (type, args, error) => {
      const { dispatch, calls } = setup();
      const reply = await dispatch(message(type, ...args), OPTIONS_PAGE);
      expect(reply?.ok).toBe(false);
      expect(reply).toMatchObject({ error: expect.stringMatching(error) });
      expect(reply).toMatchObject({ error: expect.stringContaining(`bad arguments to "${type}"`) });
      expect(calls).toEqual([]);
    },
  );

  it.each<[keyof BackgroundCalls, unknown[]]>([
    [
      'matchQuotes',
      [{ quotes: [{ text: 'The risk of conflict is real', attribution: 'Stoltenberg' }] }],
    ],
    ['searchCorpus', [{ query: 'risk' }]],
    ['listDocuments', []],
    ['saveDocuments', [{ documents: [{ id: 'x', text: 'Some text.' }], onConflict: 'keep-both' }]],
    ['deleteDocuments', [{ ids: ['a'] }]],
    ['resetCorpus', []],
    ['indexStatus', []],
    ['getSettings', []],
    [
      'updateSettings',
      [{ sensitivity: 'strict', minQuoteWords: 4, disabledSites: ['example.com'] }],
    ],
  ])('accepts the arguments the clients send for %s', async (type, args) => {
    const { dispatch } = setup();
    expect(await dispatch(message(type, ...args), OPTIONS_PAGE)).toMatchObject({ ok: true });
  });

  it('turns a throwing handler into an error result with its message, and reports it', async () => {
    const boom = new Error('the corpus is on fire');
    const { dispatch, onError } = setup({
      listDocuments: () => {
        throw boom;
      },
    });
    expect(await dispatch(message('listDocuments'), OPTIONS_PAGE)).toEqual({
      ok: false,
      error: 'the corpus is on fire',
    });
    expect(onError).toHaveBeenCalledWith('listDocuments', boom);
  });

  it('turns a rejected handler promise or a non-result into an error result', async () => {
    const { dispatch } = setup({
      listDocuments: () => Promise.reject('disk full'),
      resetCorpus: () => undefined as never,
    });
    expect(await dispatch(message('listDocuments'), OPTIONS_PAGE)).toEqual({
      ok: false,
      error: 'disk full',
    });
    expect(await dispatch(message('resetCorpus'), OPTIONS_PAGE)).toEqual({
      ok: false,
      error: '"resetCorpus" returned no result',
    });
  });

  it('lets a content script match quotes but not change the corpus', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch(message('matchQuotes', { quotes: [] }), CONTENT_SCRIPT)).toMatchObject({
      ok: true,
    });
    expect(await dispatch(message('resetCorpus'), CONTENT_SCRIPT)).toEqual({
      ok: false,
      error: 'refused: "resetCorpus" may only be called from Verbatim’s own pages',
    });
    expect(calls.map(c => c[0])).toEqual(['matchQuotes']);
  });

  it('serves a content-script dispatcher for the calls the background makes to tabs', async () => {
    const dispatch = createDispatcher<ContentCalls>(
      {
        corpusChanged: () => ok(null),
        getPageSource: () => ok({ url: 'https://news.example/', html: '<html></html>' }),
        sourceSelection: () => ok({ found: false }),
        getPageStats: () => ok({ host: 'news.example', found: 3, matched: 2, paused: false }),
        getPageReport: () => ok({ url: '', title: '', checkedAt: '', quotes: [] }),
        revealQuote: () => ok(false),
        stepQuote: () => ok(null),
        getActivity: () =>
          ok({
            url: 'https://news.example/',
            startedAt: 1,
            firstScanAt: 2,
            firstIdleAt: 3,
            lastIdleAt: 3,
            scans: 1,
            idles: 1,
          }),
        inspectUi: () => ok({ host: null, popover: null, proxies: [], focused: null, marks: [] }),
      },
      { extensionId: EXTENSION_ID, validators: CONTENT_VALIDATORS },
    );
    expect(await dispatch(message('corpusChanged'), { id: EXTENSION_ID })).toEqual({
      ok: true,
      value: null,
    });
    expect(await dispatch(message('corpusChanged'), { id: 'other' })).toMatchObject({ ok: false });
  });
});

describe('the background call map', () => {
  it('has a handler and a validator for every call, and nothing else', () => {
    const handlers = createBackgroundHandlers({
      store: {} as CorpusStore,
      matcher: {} as MatcherService,
    });
    const handlerKeys = Object.keys(handlers).sort();
    expect(Object.keys(BACKGROUND_VALIDATORS).sort()).toEqual(handlerKeys);
    for (const key of handlerKeys) {
      expect(typeof handlers[key as keyof BackgroundCalls]).toBe('function');
      expect(typeof BACKGROUND_VALIDATORS[key as keyof BackgroundCalls]).toBe('function');
    }
    // The types tie both to the protocol: a call added to `BackgroundCalls` without
    // a handler or a validator fails to compile.
    expectTypeOf<keyof typeof BACKGROUND_VALIDATORS>().toEqualTypeOf<keyof BackgroundCalls>();
    expectTypeOf<keyof typeof handlers>().toEqualTypeOf<keyof BackgroundCalls>();
  });
});
