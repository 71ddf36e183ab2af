/**
 * The content script: composition root only. Builds the page's `QuotePage`
 * (scan, match, mark, watch), mounts the overlay UI in a closed shadow root
 * when the first quote is matched, and answers `ContentCalls`. Logic lives in
 * `lib/content/`.
 *
 * Nothing here is visible to the page but the UI host element (the marks are drawn
 * inside its closed shadow root): no User Timing entries, no page events or messages (see
 * `lib/content/private-context.ts`, which replaces WXT's context), no
 * web-accessible resources (the UI's CSS is in the bundle; the reader is opened
 * by the background).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';

import { Activity } from '@/lib/content/activity';
import { topOfSameOrigin } from '@/lib/content/frames';
import { claimSecondStage, firstStage } from '@/lib/content/stages';
import { copyText } from '@/lib/content/clipboard';
import { createContentHandlers } from '@/lib/content/content-handlers';
import { Highlighter } from '@/lib/content/highlighter';
import { QuoteOverlay } from '@/lib/content/quote-overlay';
import { QuotePage } from '@/lib/content/quote-page';
import { createUiHost } from '@/lib/content/ui-host';
import { inspectUi } from '@/lib/content/ui-inspect';
import { callBackground } from '@/lib/messaging/client';
import { createDispatcher } from '@/lib/messaging/dispatch';
import { CONTENT_VALIDATORS } from '@/lib/messaging/validators';
import { nextTask } from '@/lib/platform/next-task';
import { parseReaderTarget, readerHref } from '@/lib/ui/reader-link';

import { Overlay } from './components/Overlay';
import shadowCss from './style.css?inline';

/** How often (ms) the marks in view are checked against their text (the page may move it). */
const REPAIR_MS = 2_000;

export default defineContentScript({
  // The second stage: injected by the background into a frame whose first stage
  // (`entrypoints/quotes-look.content.ts`) saw a possible quotation (`lib/content/stages.ts`).
  registration: 'runtime',
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // The UI's CSS is imported as a string and put in the shadow root by `createUiHost`.
  cssInjectionMode: 'manual',

  main(ctx) {
    const top = topOfSameOrigin();
    if (!top || !claimSecondStage()) return;
    // For the extension's tests and benchmarks (`getActivity`); nothing the page can see.
    const first = firstStage();
    const activity = first?.activity ?? new Activity(location.href);
    const readerBase = browser.runtime.getURL('/reader.html');
    // Marks and proxies are measured after the page's frame, a slice at a time.
    const afterFrame = (fn: () => void) =>
      void ctx.requestAnimationFrame(() => void ctx.setTimeout(fn, 0));
    const highlighter = new Highlighter(document, { defer: afterFrame });
    let shadow: ShadowRoot | undefined;
    const page: QuotePage = new QuotePage({
      doc: document,
      host: top.location.hostname,
      getSettings: () => callBackground('getSettings'),
      matchQuotes: req => callBackground('matchQuotes', req),
      findCopies: req => callBackground('findCopies', req),
      highlighter,
      find: { isHidden: el => !el.checkVisibility() },
      scheduler: {
        // Not `setTimeout`: nested timers wait 4 ms each; the scan gives the thread back often.
        defer: fn =>
          void nextTask().then(() => {
            if (ctx.isValid) fn();
          }),
        now: () => performance.now(),
        setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
        clearTimeout: id => clearTimeout(id as number),
        requestAnimationFrame: fn => ctx.requestAnimationFrame(fn),
      },
      onError: (message, error) => console.warn(`Verbatim: ${message}`, error ?? ''),
      onIdle: () => activity.idle(),
      onScan: () => activity.scan(),
      onDraw: () => activity.drawn(),
      // The toolbar badge: the count of matched quotes in the tab's top frame (a frame's own
      // count would overwrite it).
      onCount: matched => {
        if (top === window) void callBackground('setPageCount', { matched });
      },
      async mountOverlay() {
        const ui = createUiHost({
          css: shadowCss.replaceAll(':root', ':host'),
          onRepair: (repairs, gaveUp) =>
            gaveUp && console.warn(`Verbatim: the page removed its UI ${repairs} times`),
        });
        shadow = ui.shadow;
        highlighter.attach(ui.marks);
        const overlay: QuoteOverlay = new QuoteOverlay(ui.container, {
          View: Overlay,
          readerUrl: ref => readerHref(readerBase, ref),
          openReader: href => {
            const target = parseReaderTarget(new URL(href).search);
            if (target) void callBackground('openReader', target);
          },
          copyText: text => copyText(text, overlay.popoverElement ?? ui.container),
          onChange: () => page.updateActive(),
          onSearch: query => void callBackground('openSearch', { query }),
          defer: afterFrame,
          onDestroy: () => ui.destroy(),
        });
        return { overlay, host: ui.host };
      },
    });
    // In the page's next frame, whose layout the check shares.
    ctx.setInterval(() => void ctx.requestAnimationFrame(() => highlighter.repair()), REPAIR_MS);

    const dispatch = createDispatcher(
      createContentHandlers(
        page,
        () => activity.snapshot(location.href),
        // Read by Verbatim's options page only (the dispatcher refuses other senders), which
        // parses it with DOMParser (nothing runs) and keeps text only.
        // eslint-disable-next-line no-restricted-properties -- reads the page's markup; writes none
        () => ({ url: location.href, html: document.documentElement.outerHTML }),
        () => inspectUi(shadow, highlighter.snapshot()),
      ),
      {
        extensionId: browser.runtime.id,
        validators: CONTENT_VALIDATORS,
        onError: (type, error) => console.warn(`Verbatim: "${type}" failed:`, error),
      },
    );
    const onMessage = (message: unknown, sender: { id?: string; url?: string }) =>
      dispatch(message, sender);
    // The first stage hands the extension's calls on (it owns the one listener).
    if (first) first.attach(dispatch);
    else browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      page.destroy();
    });

    // Not awaited: `scripting.executeScript` waits for what the script returns, and the
    // background's `loadPageScript` answers the first stage only once it has; the first pass
    // (scan, match, mark) must not hold that answer back.
    page.start().catch(error => console.warn('Verbatim: the first look at the page failed', error));
  },
});
