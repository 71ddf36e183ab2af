/**
 * The content script: composition root only. Builds the page's `QuotePage`
 * (scan, match, mark, watch), mounts the overlay UI in a shadow root when the
 * first quote is matched, and answers `ContentCalls`. Logic lives in `lib/content/`.
 */
import './style.css';

import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';

import { Activity } from '@/lib/content/activity';
import { copyText } from '@/lib/content/clipboard';
import { createContentHandlers } from '@/lib/content/content-handlers';
import { Highlighter } from '@/lib/content/highlighter';
import { QuoteOverlay } from '@/lib/content/quote-overlay';
import { QuotePage } from '@/lib/content/quote-page';
import { callBackground } from '@/lib/messaging/client';
import { createDispatcher } from '@/lib/messaging/dispatch';
import { CONTENT_VALIDATORS } from '@/lib/messaging/validators';
import { readerHref } from '@/lib/ui/reader-link';

import { Overlay } from './components/Overlay';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Frames of the page too (each marks its own quotes); the check in `main` keeps it to
  // frames of the page's own origin, srcdoc and about:blank ones included.
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',

  async main(ctx) {
    const top = topOfSameOrigin();
    if (!top) return;
    // For the extension's tests and benchmarks (`getActivity`); nothing the page can see.
    const activity = new Activity(location.href);
    const readerBase = browser.runtime.getURL('/reader.html');
    const page: QuotePage = new QuotePage({
      doc: document,
      host: top.location.hostname,
      getSettings: () => callBackground('getSettings'),
      matchQuotes: req => callBackground('matchQuotes', req),
      highlighter: new Highlighter(document),
      find: { isHidden: el => !el.checkVisibility() },
      scheduler: {
        defer: fn => void ctx.setTimeout(fn, 0),
        now: () => performance.now(),
        setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
        clearTimeout: id => clearTimeout(id as number),
        requestAnimationFrame: fn => ctx.requestAnimationFrame(fn),
      },
      onError: (message, error) => console.warn(`Verbatim: ${message}`, error ?? ''),
      onIdle: () => activity.idle(),
      onScan: () => activity.scan(),
      // The toolbar badge: the count of matched quotes on this tab.
      onCount: matched => void callBackground('setPageCount', { matched }),
      async mountOverlay() {
        const ui = await createShadowRootUi(ctx, {
          name: 'verbatim-ui',
          position: 'inline',
          anchor: 'body',
          append: 'last',
          mode: 'open',
          isolateEvents: true,
          onMount(container, _shadow, shadowHost) {
            shadowHost.setAttribute('data-verbatim-ignore', '');
            const wrapper = document.createElement('div');
            wrapper.className = 'vb-root vb-theme';
            container.append(wrapper);
            const overlay: QuoteOverlay = new QuoteOverlay(wrapper, {
              View: Overlay,
              readerUrl: ref => readerHref(readerBase, ref),
              copyText: text => copyText(text, overlay.popoverElement ?? wrapper),
              onChange: () => page.updateActive(),
              // Proxies are measured after the page has drawn its marks, a slice at a time.
              defer: fn => void ctx.requestAnimationFrame(() => void ctx.setTimeout(fn, 0)),
            });
            return overlay;
          },
          onRemove: overlay => overlay?.destroy(),
        });
        ui.mount();
        const overlay = ui.mounted;
        if (!overlay) throw new Error('the overlay did not mount');
        return { overlay, host: ui.shadowHost };
      },
    });

    const dispatch = createDispatcher(
      createContentHandlers(page, () => activity.snapshot(location.href)),
      {
        extensionId: browser.runtime.id,
        validators: CONTENT_VALIDATORS,
        onError: (type, error) => console.warn(`Verbatim: "${type}" failed:`, error),
      },
    );
    const onMessage = (message: unknown, sender: { id?: string; url?: string }) =>
      dispatch(message, sender);
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      page.destroy();
    });

    await page.start();
  },
});

/**
 * The top window when this frame is the top one or of the same origin as it (what a reader
 * sees as part of the page); undefined in another site's frame (adverts, embeds).
 */
function topOfSameOrigin(): Window | undefined {
  if (window === window.top) return window;
  try {
    const top = window.top;
    return top && top.origin === window.origin ? top : undefined;
  } catch {
    return undefined;
  }
}
