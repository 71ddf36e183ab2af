/**
 * The content script every page loads: the first of two stages (see `lib/content/stages.ts`).
 *
 * It looks at the page once (`mayHoldQuotes`: a regular-expression test per text node) and,
 * when a quotation may be there — now or in content the page adds later — asks the background
 * to inject the second stage (`entrypoints/quotes.content/`: finding, matching, marking, the
 * popover). A page without quotes costs that one look and a mutation observer: no message to
 * the background, no quote finder, no Preact.
 *
 * The extension's calls to the tab (popup, commands, tests) are answered here: `getActivity`
 * and `corpusChanged` directly while the second stage is not needed, the others by loading it
 * and handing the call on. Nothing here is visible to the page (no events, no DOM, no timing
 * entries; the second stage's file is not web-accessible).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';

import { Activity } from '@/lib/content/activity';
import { FirstLookWatcher, mayHoldQuotes } from '@/lib/content/first-look';
import { topOfSameOrigin } from '@/lib/content/frames';
import { offerFirstStage } from '@/lib/content/stages';
import { callBackground } from '@/lib/messaging/client';
import type { Dispatcher, Sender } from '@/lib/messaging/dispatch';
import type { Result } from '@/lib/messaging/protocol';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Frames of the page too (each marks its own quotes); the check in `main` keeps it to
  // frames of the page's own origin, srcdoc and about:blank ones included.
  allFrames: true,
  matchAboutBlank: true,

  main(ctx) {
    // Another site's frame (adverts, embeds): nothing to do.
    if (!topOfSameOrigin()) return;
    const activity = new Activity(location.href);
    const extensionId = browser.runtime.id;
    let dispatch: Dispatcher | undefined;
    let attached: (() => void) | undefined;
    const ready = new Promise<void>(resolve => (attached = resolve));
    let loading: Promise<Result<null>> | undefined;
    let watcher: FirstLookWatcher | undefined;

    offerFirstStage({
      activity,
      attach(next) {
        dispatch = next;
        attached?.();
      },
    });

    /** Inject the second stage (once); resolves when it answers calls. */
    const load = (): Promise<Result<null>> => {
      watcher?.destroy();
      watcher = undefined;
      loading ??= callBackground('loadPageScript').then(async reply => {
        if (reply.ok) await ready;
        else console.warn(`Verbatim: cannot load its page script (${reply.error})`);
        return reply;
      });
      return loading;
    };

    const onMessage = (message: unknown, sender: Sender): Promise<unknown> | undefined => {
      if (!isCall(message) || sender.id !== extensionId) return undefined;
      if (dispatch) return dispatch(message, sender);
      if (!loading && message.args.length === 0) {
        // Nothing found yet, so nothing to report or match again.
        if (message.type === 'getActivity') {
          return Promise.resolve({ ok: true, value: activity.snapshot(location.href) });
        }
        if (message.type === 'corpusChanged') return Promise.resolve({ ok: true, value: null });
      }
      return load().then(reply => (reply.ok && dispatch ? dispatch(message, sender) : reply));
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      watcher?.destroy();
    });

    activity.scan();
    const root = document.body ?? document.documentElement;
    if (!root) return;
    if (mayHoldQuotes(root)) {
      void load();
      return;
    }
    watcher = new FirstLookWatcher(
      document,
      () => void load(),
      () => activity.idle(),
      {
        setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
        clearTimeout: id => clearTimeout(id as number),
      },
    );
    // The page is up to date: nothing on it can be a quote.
    activity.idle();
  },
});

function isCall(message: unknown): message is { verbatim: 1; type: string; args: unknown[] } {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { verbatim?: unknown; type?: unknown; args?: unknown };
  return m.verbatim === 1 && typeof m.type === 'string' && Array.isArray(m.args);
}
