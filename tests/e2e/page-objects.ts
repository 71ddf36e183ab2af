/**
 * Page objects for the e2e tests: a web page with Verbatim's marks, and the
 * quote popover in Verbatim's shadow root (Playwright's CSS locators pierce
 * open shadow roots).
 */
import type { Locator, Page } from 'playwright-core';

import { HIGHLIGHT, highlightCount, markedQuotes, waitForVerbatim, waitUntil } from './fixtures';

export class ArticlePage {
  constructor(readonly page: Page) {}

  /** Open `url` and wait until Verbatim is done with it. */
  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await waitForVerbatim(this.page);
    return this;
  }

  /** Verbatim's shadow host (absent while nothing is marked). */
  get host(): Locator {
    return this.page.locator('verbatim-ui');
  }

  get popover(): PopoverObject {
    return new PopoverObject(this.page.locator('verbatim-ui [role="dialog"]'));
  }

  /** The focusable stand-in of the marked quote whose text starts with `start`. */
  proxy(start: string): Locator {
    const label = `Quote: “${start}`.replace(/["\\]/g, c => `\\${c}`);
    return this.page.locator(`verbatim-ui button.vb-proxy[aria-label^="${label}"]`);
  }

  /** The focusable stand-ins of the marked quotes, in page order. */
  get proxies(): Locator {
    return this.page.locator('verbatim-ui button.vb-proxy');
  }

  highlightCount(): Promise<number> {
    return highlightCount(this.page);
  }

  /** Wait until `n` quote ranges are highlighted. */
  async waitForHighlights(n: number, timeout = 30_000): Promise<void> {
    await this.page.waitForFunction(
      ({ name, n }) => (CSS.highlights.get(name)?.size ?? 0) >= n,
      { name: HIGHLIGHT, n },
      { timeout, polling: 100 },
    );
  }

  markedQuotes() {
    return markedQuotes(this.page);
  }

  /**
   * Move the pointer onto the marked quote whose text starts with `start`, scrolling it into
   * view (with `top`, to `top` px from the top of the viewport); waits for its popover.
   */
  async hoverQuote(start: string, options: { top?: number } = {}): Promise<PopoverObject> {
    await this.page.evaluate(
      ({ name, start, top }) => {
        const ranges = [...(CSS.highlights.get(name) ?? [])] as Range[];
        const range = ranges.find(r => r.toString().replace(/\s+/g, ' ').trim().startsWith(start));
        if (!range) throw new Error(`no marked quote starts with "${start}"`);
        const rect = range.getBoundingClientRect();
        if (top !== undefined) window.scrollBy(0, rect.top - top);
        else if (rect.top < 80 || rect.bottom > innerHeight - 80) {
          window.scrollBy(0, rect.top - innerHeight / 3);
        }
      },
      { name: HIGHLIGHT, start, top: options.top },
    );
    const quote = (await this.markedQuotes()).find(q => q.text.startsWith(start));
    if (!quote) throw new Error(`no marked quote starts with "${start}"`);
    // Away first, so moving onto the quote is a fresh hover.
    await this.page.mouse.move(2, 2);
    await this.page.mouse.move(quote.x, quote.y, { steps: 3 });
    // The popover open is this quote's (not one still closing from an earlier hover).
    await this.proxy(start).and(this.page.locator('[aria-expanded="true"]')).waitFor();
    const popover = this.popover;
    await popover.waitOpen();
    return popover;
  }
}

export class PopoverObject {
  constructor(readonly root: Locator) {}

  /** Wait until the popover is open and placed (it is drawn invisibly first, to be measured). */
  async waitOpen(timeout = 10_000): Promise<void> {
    await this.root.waitFor({ state: 'visible', timeout });
    await waitUntil(
      () => this.root.evaluate(el => getComputedStyle(el).visibility === 'visible'),
      timeout,
    );
  }

  async waitClosed(): Promise<void> {
    await this.root.waitFor({ state: 'detached' });
  }

  get speaker(): Locator {
    return this.root.getByTestId('speaker');
  }
  get document(): Locator {
    return this.root.getByTestId('document');
  }
  get passage(): Locator {
    return this.root.getByTestId('passage-text');
  }
  get verdict(): Locator {
    return this.root.getByTestId('verdict');
  }
  get misattribution(): Locator {
    return this.root.getByTestId('misattribution');
  }
  get readerLink(): Locator {
    return this.root.getByTestId('open-reader');
  }
  get sourceLink(): Locator {
    return this.root.getByTestId('source-link');
  }
  get copyButton(): Locator {
    return this.root.getByTestId('copy');
  }
  get copyStatus(): Locator {
    return this.root.getByTestId('copy-status');
  }
}
