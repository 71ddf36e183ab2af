/**
 * The content script's answers to `ContentCalls` (from the background and the
 * popup): thin adapters to the page's `QuotePage`.
 */
import { ok, type Handlers } from '../messaging/dispatch';
import type { ContentCalls, PageReport } from '../messaging/protocol';
import type { ActivitySnapshot } from './activity';
import type { PageStats } from './quote-page';
import type { UiSnapshot } from './ui-inspect';

/** The parts of `QuotePage` the handlers use. */
export interface ContentPage {
  corpusChanged(): Promise<void>;
  stats(): PageStats;
  /** Source the reader's selection as a quote and show the answer at it; resolves to whether a source was found. */
  sourceSelection(text: string): Promise<boolean>;
  report(): PageReport;
  reveal(id: number): boolean;
  step(direction: 'next' | 'previous'): number | null;
}

/** The page as the reader sees it now, for "Add this page" (the options page reads it). */
export interface PageSource {
  url: string;
  html: string;
}

/** Largest page handed over for import (characters of markup). */
export const MAX_PAGE_SOURCE_CHARS = 30_000_000;

/**
 * @param activity - What the content script has done so far (`getActivity`, for the
 *   extension's tests and benchmarks).
 * @param ui - What the UI shows (`inspectUi`, for the extension's tests).
 */
export function createContentHandlers(
  page: ContentPage,
  activity: () => ActivitySnapshot,
  source?: () => PageSource,
  ui: () => UiSnapshot = () => ({
    host: null,
    popover: null,
    proxies: [],
    focused: null,
    marks: [],
  }),
): Handlers<ContentCalls> {
  return {
    getPageSource() {
      if (!source) return { ok: false, error: 'this page cannot be read' };
      const value = source();
      if (value.html.length > MAX_PAGE_SOURCE_CHARS) {
        return { ok: false, error: 'this page is too large to add' };
      }
      return ok(value);
    },
    async sourceSelection({ text }) {
      return ok({ found: await page.sourceSelection(text) });
    },
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
    inspectUi() {
      return ok(ui());
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
