/**
 * Page objects for the e2e tests: a web page with Verbatim's marks, and the
 * quote popover in Verbatim's closed shadow root (seen from Verbatim's own
 * world: `verbatim-ui.ts`; the page cannot see it).
 */
import type { Page } from 'playwright-core';

import { highlightCount, markedCopies, markedQuotes, waitForVerbatim, waitUntil } from './fixtures';
import { type UiLocator, VerbatimUi } from './verbatim-ui';

export class ArticlePage {
  constructor(readonly page: Page) {}

  /** Open `url` and wait until Verbatim is done with it. */
  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await waitForVerbatim(this.page);
    return this;
  }

  /** Verbatim's UI, inside its closed shadow root. */
  get ui(): VerbatimUi {
    return VerbatimUi.of(this.page);
  }

  /** Verbatim's shadow host: `count()` is 1 while it is on the page, else 0. */
  get host(): { count(): Promise<number> } {
    return { count: async () => ((await this.ui.present()) ? 1 : 0) };
  }

  get popover(): PopoverObject {
    return new PopoverObject(this.ui.locator('[role="dialog"]'));
  }

  /** The focusable stand-in of the marked quote whose text starts with `start`. */
  proxy(start: string): UiLocator {
    const label = `Quote: “${start}`.replace(/["\\]/g, c => `\\${c}`);
    return this.ui.locator(`button.vb-proxy[aria-label^="${label}"]`);
  }

  /** The focusable stand-ins of the marked quotes, in page order. */
  get proxies(): UiLocator {
    return this.ui.locator('button.vb-proxy');
  }

  highlightCount(): Promise<number> {
    return highlightCount(this.page);
  }

  /** Wait until `n` quote ranges are highlighted. */
  async waitForHighlights(n: number, timeout = 30_000): Promise<void> {
    await waitUntil(async () => (await highlightCount(this.page)) >= n, timeout);
  }

  markedQuotes() {
    return markedQuotes(this.page);
  }

  /** (copies) The unmarked copies marked on the page, in page order. */
  markedCopies() {
    return markedCopies(this.page);
  }

  /** (copies) The focusable stand-in of the unmarked copy whose text starts with `start`. */
  copyProxy(start: string): UiLocator {
    const label = `Unmarked copy: “${start}`.replace(/["\\]/g, c => `\\${c}`);
    return this.ui.locator(`button.vb-proxy[aria-label^="${label}"]`);
  }

  /** (copies) `hoverQuote` for an unmarked copy: its popover, open. */
  async hoverCopy(start: string, options: { top?: number } = {}): Promise<PopoverObject> {
    const find = async () => (await this.markedCopies()).find(c => c.text.startsWith(start));
    let copy = await find();
    if (!copy) throw new Error(`no marked copy starts with "${start}"`);
    const top = options.top ?? (await this.page.evaluate(() => innerHeight / 3));
    await this.page.evaluate(dy => window.scrollBy(0, dy), copy.y - top);
    copy = (await find())!;
    await this.page.mouse.move(2, 2);
    await this.page.mouse.move(copy.x, copy.y, { steps: 3 });
    await this.ui
      .locator(`${this.copyProxy(start).selector}[aria-expanded="true"]`)
      .waitFor({ state: 'attached' });
    const popover = this.popover;
    await popover.waitOpen();
    return popover;
  }

  /**
   * Move the pointer onto the marked quote whose text starts with `start`, scrolling it into
   * view (with `top`, to `top` px from the top of the viewport); waits for its popover.
   */
  async hoverQuote(start: string, options: { top?: number } = {}): Promise<PopoverObject> {
    const before = (await this.markedQuotes()).find(q => q.text.startsWith(start));
    if (!before) throw new Error(`no marked quote starts with "${start}"`);
    await this.page.evaluate(
      ({ y, top }) => {
        if (top !== undefined) window.scrollBy(0, y - top);
        else if (y < 80 || y > innerHeight - 80) window.scrollBy(0, y - innerHeight / 3);
      },
      { y: before.y, top: options.top },
    );
    // The marks are in page coordinates: scrolling the window leaves them in place.
    const quote = (await this.markedQuotes()).find(q => q.text.startsWith(start));
    if (!quote) throw new Error(`no marked quote starts with "${start}"`);
    // Away first, so moving onto the quote is a fresh hover.
    await this.page.mouse.move(2, 2);
    await this.page.mouse.move(quote.x, quote.y, { steps: 3 });
    // The popover open is this quote's (not one still closing from an earlier hover).
    await this.ui
      .locator(`${this.proxy(start).selector}[aria-expanded="true"]`)
      .waitFor({ state: 'attached' });
    const popover = this.popover;
    await popover.waitOpen();
    return popover;
  }
}

export class PopoverObject {
  constructor(readonly root: UiLocator) {}

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

  get speaker(): UiLocator {
    return this.root.getByTestId('speaker');
  }
  get document(): UiLocator {
    return this.root.getByTestId('document');
  }
  get passage(): UiLocator {
    return this.root.getByTestId('passage-text');
  }
  get verdict(): UiLocator {
    return this.root.getByTestId('verdict');
  }
  get misattribution(): UiLocator {
    return this.root.getByTestId('misattribution');
  }
  get readerLink(): UiLocator {
    return this.root.getByTestId('open-reader');
  }
  get sourceLink(): UiLocator {
    return this.root.getByTestId('source-link');
  }
  get copyButton(): UiLocator {
    return this.root.getByTestId('copy');
  }
  get copyStatus(): UiLocator {
    return this.root.getByTestId('copy-status');
  }
}
