import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';

import { setBadge } from '@/lib/background/badge';
import { broadcastCorpusChanged } from '@/lib/background/broadcast';
import { runCommand } from '@/lib/background/commands';
import { CONTENT_SCRIPT_CALLS, createBackgroundHandlers } from '@/lib/background/handlers';
import { MatcherService } from '@/lib/background/matcher-service';
import { buildId } from '@/lib/background/runtime';
import {
  createMenus,
  createSourceActions,
  listenToMenus,
  openWelcome,
} from '@/lib/background/sources';
import { createDispatcher } from '@/lib/messaging/dispatch';
import { BACKGROUND_VALIDATORS } from '@/lib/messaging/validators';
import { CorpusStore } from '@/lib/storage/corpus-store';
import { createDb } from '@/lib/storage/db';

/** The content script's second stage (`entrypoints/quotes.content/`), as built. */
const PAGE_SCRIPT = '/content-scripts/quotes.js';

export default defineBackground(() => {
  const store = new CorpusStore(createDb());
  // At every start: an empty corpus gets the bundled documents; an updated bundle comes in
  // without touching the user's own documents or edits.
  const seeded = store.seed();
  const matcher = new MatcherService(store, { build: buildId(), after: seeded });

  const sources = createSourceActions();
  const dispatch = createDispatcher(
    createBackgroundHandlers({
      store,
      matcher,
      ready: seeded,
      setBadge,
      sources,
      openTab: url => browser.tabs.create({ url }),
      readerBase: browser.runtime.getURL('/reader.html'),
      // Not web-accessible: injected into the frame that asks, never loadable by a page.
      injectPageScript: (tabId, frameId) =>
        browser.scripting.executeScript({
          target: { tabId, frameIds: [frameId] },
          files: [PAGE_SCRIPT],
        }),
    }),
    {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      validators: BACKGROUND_VALIDATORS,
      contentScriptCalls: CONTENT_SCRIPT_CALLS,
      onError: (type, error) => console.warn(`Verbatim: "${type}" failed:`, error),
    },
  );
  // Registered synchronously: the message that woke the worker is delivered to it.
  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender));

  listenToMenus(sources);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install' && reason !== 'update') return;
    createMenus();
    if (reason === 'install') {
      void openWelcome().catch(error =>
        console.warn('Verbatim: cannot open the welcome page', error),
      );
    }
    // A new build may parse differently: drop the cached index, then seed.
    void store
      .clearCache()
      .then(() => matcher.invalidate())
      .then(() => store.seed())
      .catch(error => console.error('Verbatim: cannot set up the corpus', error));
  });

  // The matcher rebuilds on corpus changes by itself; pages re-match on this.
  store.subscribe(() => void broadcastCorpusChanged());

  // Keyboard shortcuts. The e2e tests call `verbatimRunCommand` in the worker (a test cannot
  // press a browser-level shortcut); only the extension's own code runs in this global.
  try {
    browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab));
  } catch {
    // No keyboard shortcuts here (Firefox for Android has no `commands`).
  }
  (globalThis as { verbatimRunCommand?: typeof runCommand }).verbatimRunCommand = runCommand;

  seeded.catch(error => console.error('Verbatim: cannot seed the bundled corpus', error));
  // Load the index now, so the first quote does not wait for it.
  matcher.ready().catch(error => console.error('Verbatim: cannot load the corpus index', error));
});
