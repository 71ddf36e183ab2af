/**
 * The content script's answers to `ContentCalls` (from the background and the
 * popup): thin adapters to the page's `QuotePage`.
 */
import { ok, type Handlers } from '../messaging/dispatch';
import type { ContentCalls, PageReport } from '../messaging/protocol';
import type { ActivitySnapshot } from './activity';
import type { PageStats } from './quote-page';

/** The parts of `QuotePage` the handlers use. */
export interface ContentPage {
  corpusChanged(): Promise<void>;
  stats(): PageStats;
  report(): PageReport;
  reveal(id: number): boolean;
  step(direction: 'next' | 'previous'): number | null;
}

/**
 * @param activity - What the content script has done so far (`getActivity`, for the
 *   extension's tests and benchmarks).
 */
export function createContentHandlers(
  page: ContentPage,
  activity: () => ActivitySnapshot,
): Handlers<ContentCalls> {
  return {
    async corpusChanged() {
      await page.corpusChanged();
      return ok(null);
    },
    getPageStats() {
      return ok(page.stats());
    },
    getActivity() {
      return ok(activity());
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
