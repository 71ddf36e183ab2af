import { describe, expect, it } from 'vitest';

import type { MatcherService } from '@/lib/background/matcher-service';
import { CONTENT_SCRIPT_CALLS, createBackgroundHandlers } from '@/lib/background/handlers';
import { createDispatcher } from '@/lib/messaging/dispatch';
import { BACKGROUND_VALIDATORS } from '@/lib/messaging/validators';
import type { CorpusStore } from '@/lib/storage/corpus-store';

const EXTENSION_ID = 'verbatim-id';
const ORIGIN = 'chrome-extension://verbatim-id/';

/** The background's dispatcher with an injector that records where it injected. */
function setup() {
  const injected: Array<[number, number]> = [];
  const dispatch = createDispatcher(
    createBackgroundHandlers({
      store: {} as CorpusStore,
      matcher: {} as MatcherService,
      injectPageScript: async (tabId, frameId) => void injected.push([tabId, frameId]),
    }),
    {
      extensionId: EXTENSION_ID,
      extensionOrigin: ORIGIN,
      validators: BACKGROUND_VALIDATORS,
      contentScriptCalls: CONTENT_SCRIPT_CALLS,
    },
  );
  const call = (sender: object, args: unknown[] = []) =>
    dispatch({ verbatim: 1, type: 'loadPageScript', args }, { id: EXTENSION_ID, ...sender });
  return { call, injected };
}

describe('loadPageScript (the content script’s second stage)', () => {
  it('injects into the frame of the tab that asks', async () => {
    const { call, injected } = setup();
    const page = { url: 'https://news.example/a', tab: { id: 3 } };
    expect(await call({ ...page, frameId: 0 })).toEqual({ ok: true, value: null });
    expect(await call({ url: 'https://news.example/frame', tab: { id: 3 }, frameId: 7 })).toEqual({
      ok: true,
      value: null,
    });
    expect(injected).toEqual([
      [3, 0],
      [3, 7],
    ]);
  });

  it('injects nowhere for a sender without a tab, another extension, or arguments', async () => {
    const { call, injected } = setup();
    expect(await call({ url: `${ORIGIN}popup.html` })).toMatchObject({ ok: false });
    expect(
      await createDispatcher(createBackgroundHandlers({} as never), {
        extensionId: EXTENSION_ID,
        validators: BACKGROUND_VALIDATORS,
      })({ verbatim: 1, type: 'loadPageScript', args: [] }, { id: 'other', tab: { id: 1 } }),
    ).toMatchObject({ ok: false });
    expect(await call({ tab: { id: 3 }, frameId: 0 }, [{ file: '/evil.js' }])).toMatchObject({
      ok: false,
    });
    expect(injected).toEqual([]);
  });
});
