/**
 * The content script's answers to `ContentCalls` (from the background and the
 * popup): thin adapters to the page's `QuotePage`.
 */
import { ok, type Handlers } from '../messaging/dispatch';
import type { ContentCalls, PageReport } from '../messaging/protocol';
import type { PageStats } from './quote-page';

/** The parts of `QuotePage` the handlers use. */
export interface ContentPage {
  corpusChanged(): Promise<void>;
  stats(): PageStats;
  report(): PageReport;
  reveal(id: number): boolean;
  step(direction: 'next' | 'previous'): number | null;
}

export function createContentHandlers(page: ContentPage): Handlers<ContentCalls> {
  return {
    async corpusChanged() {
      await page.corpusChanged();
      return ok(null);
    },
    getPageStats() {
      return ok(page.stats());
    },
    // ---- ui ----
    getPageReport() {
      return ok(page.report());
    },
    revealQuote({ id }) {
      return ok(page.reveal(id));
    },
    stepQuote({ direction }) {
      return ok(page.step(direction));
    },
  };
}
