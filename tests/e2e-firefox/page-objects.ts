/**
 * Page objects for the Firefox e2e tests (puppeteer-core), mirroring tests/e2e's for
 * Playwright: a web page with Verbatim's marks and its quote popover, the popup, the
 * options page. What they read is what a reader sees: the highlighted ranges, the
 * popover's labelled parts, focus; every reach into Verbatim's own elements is here, so
 * a change of the content script's DOM is adapted in one place.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

import { UNDERLINE_ROOM } from '../../lib/content/highlighter';
import type { UiSnapshot } from '../../lib/content/ui-inspect';
import type { Firefox } from './firefox';
import { waitUntil } from './firefox';

/**
 * What Verbatim's UI shows. It lives in a closed shadow root under a random element name,
 * out of reach of page script and of WebDriver BiDi's realms, so the content script is
 * asked (`inspectUi`, as the popup asks it things).
 */
async function uiSnapshot(fx: Firefox, page: Page): Promise<UiSnapshot> {
  const reply = (await fx.callContent(page, 'inspectUi')) as
    { ok: true; value: UiSnapshot } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`inspectUi: ${reply.error}`);
  return reply.value;
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export class ArticlePage {
  constructor(
    readonly fx: Firefox,
    readonly page: Page,
  ) {}

  /** Open `url` and wait until Verbatim is done with it. */
  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await this.fx.waitForVerbatim(this.page);
    return this;
  }

  /** Quotes marked as matched (each drawn with at least one box), from inside Verbatim's root. */
  async highlightCount(): Promise<number> {
    return (await uiSnapshot(this.fx, this.page)).marks.filter(m => m.matched && m.boxes.length > 0)
      .length;
  }

  /** Wait until `n` quotes are marked as matched. */
  async waitForHighlights(n: number, timeout = 30_000): Promise<void> {
    await waitUntil(async () => (await this.highlightCount()) >= n, timeout);
  }

  /** The matched quotes' texts and a point on each (on its first line), in page order. */
  async markedQuotes(): Promise<Array<{ text: string; x: number; y: number }>> {
    return (await uiSnapshot(this.fx, this.page)).marks
      .filter(m => m.matched)
      .map(m => {
        const box = m.boxes[0];
        return {
          text: squash(m.text),
          x: box ? box.x + Math.min(box.width / 2, 40) : -1,
          y: box ? box.y + (box.height - UNDERLINE_ROOM) / 2 : -1,
        };
      });
  }

  /** The accessible names of the quotes' focusable stand-ins, in page order. */
  async quoteLabels(): Promise<string[]> {
    return (await uiSnapshot(this.fx, this.page)).proxies.map(p => p.label);
  }

  /** The accessible name of the focused element (inside Verbatim's shadow root or not). */
  async focusedLabel(): Promise<string> {
    const inUi = (await uiSnapshot(this.fx, this.page)).focused;
    if (inUi) return inUi.label;
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
  }

  /** Whether the focus is inside the open popover. */
  async focusInPopover(): Promise<boolean> {
    return !!(await uiSnapshot(this.fx, this.page)).focused?.inPopover;
  }

  /** Scroll the quote starting with `start` into view and move the pointer onto it. */
  async hoverQuote(start: string): Promise<Popover> {
    // Pointer events go to the tab in front (a helper tab may have come in front).
    await this.page.bringToFront();
    // Marks are drawn after the page's frame, which a tab behind another does not paint: the
    // quote is there to hover once the tab in front has drawn it.
    let marked: { text: string; x: number; y: number } | undefined;
    await waitUntil(
      async () => !!(marked = (await this.markedQuotes()).find(q => q.text.startsWith(start))),
      10_000,
    ).catch(() => {
      throw new Error(`no marked quote starts with "${start}"`);
    });
    if (!marked) throw new Error(`no marked quote starts with "${start}"`);
    const height = await this.page.evaluate(() => innerHeight);
    if (marked.y < 80 || marked.y > height - 80) {
      await this.page.evaluate(dy => window.scrollBy(0, dy), marked.y - height / 3);
      // The boxes follow the scroll after a frame: wait until the quote is where it is read.
      await waitUntil(async () => {
        const now = (await this.markedQuotes()).find(q => q.text.startsWith(start));
        return !!now && now.y >= 0 && now.y <= height;
      });
    }
    const quote = (await this.markedQuotes()).find(q => q.text.startsWith(start));
    if (!quote) throw new Error(`no marked quote starts with "${start}"`);
    await this.page.mouse.move(2, 2);
    await this.page.mouse.move(quote.x, quote.y, { steps: 3 });
    const popover = this.popover;
    await popover.waitOpen();
    return popover;
  }

  get popover(): Popover {
    return new Popover(this.fx, this.page);
  }
}

export class Popover {
  constructor(
    readonly fx: Firefox,
    readonly page: Page,
  ) {}

  private async state() {
    return (await uiSnapshot(this.fx, this.page)).popover;
  }

  /** Wait until the popover is open and placed (it is drawn invisibly first, to be measured). */
  async waitOpen(timeout = 10_000): Promise<void> {
    await waitUntil(async () => !!(await this.state())?.visible, timeout);
  }

  async waitClosed(timeout = 10_000): Promise<void> {
    await waitUntil(async () => !(await this.state()), timeout);
  }

  /** The text of the popover's part `testId` (speaker, document, passage-text, verdict…). */
  async text(testId: string): Promise<string> {
    return squash((await this.state())?.parts[testId]);
  }

  async verdict(): Promise<string | null> {
    return (await this.state())?.verdict ?? null;
  }

  async box() {
    return (await this.state())?.box ?? null;
  }
}

export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(fx: Firefox, tabId?: number): Promise<PopupPage> {
    const popup = new PopupPage(
      await fx.openExtensionPage(tabId === undefined ? 'popup.html' : `popup.html?tab=${tabId}`),
    );
    await popup.page.waitForSelector('[role="combobox"]');
    return popup;
  }

  /** Put `query` in the search box at once (as a paste does: one search, not one a key). */
  async search(query: string): Promise<void> {
    await this.page.bringToFront();
    const box = (await this.page.waitForSelector('[role="combobox"]'))!;
    await box.focus();
    await box.evaluate((el, query) => {
      const input = el as HTMLInputElement;
      input.value = query;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, query);
  }

  /** The results shown: passage text and speaker, and the words marked in each. */
  async results(): Promise<
    Array<{ passage: string; speaker: string; marks: string[]; all: string }>
  > {
    return this.page.$$eval('[data-testid="result"]', els =>
      els.map(el => ({
        passage: (el.querySelector('[data-testid="result-passage"]')?.textContent ?? '')
          .replace(/\s+/g, ' ')
          .trim(),
        speaker: el.querySelector('[data-testid="result-speaker"]')?.textContent ?? '',
        marks: [...el.querySelectorAll('mark')].map(m => m.textContent ?? ''),
        all: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }

  /** What the popup says about the page: its counts line, or why Verbatim is not there. */
  async pageLine(): Promise<string> {
    const el = await this.page.waitForSelector(
      '[data-testid="page-stats"], [data-testid="page-unavailable"]',
    );
    return squash(await el!.evaluate(e => e.textContent));
  }

  /** The accessible name of the site's pause switch, or null when the popup offers none. */
  async pauseSwitchLabel(): Promise<string | null> {
    const input = await this.page.$('[role="switch"]#pause-site');
    if (!input) return null;
    return input.evaluate(el => {
      const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map(id => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      return (el.getAttribute('aria-label') ?? labelledBy).replace(/\s+/g, ' ').trim();
    });
  }
}

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(fx: Firefox): Promise<OptionsPage> {
    const options = new OptionsPage(await fx.openExtensionPage('options.html'));
    await options.page.waitForSelector('[data-testid="doc-row"]');
    return options;
  }

  /** Choose files with the file picker. */
  async pick(...files: string[]): Promise<void> {
    const input = (await this.page.$(
      '[data-testid="file-input"]',
    )) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(...files);
    await this.page.waitForSelector('[data-testid="import-preview"]');
  }

  /** Press the import preview's button whose text starts with `text`. */
  async pressInPreview(text: string): Promise<void> {
    const buttons = await this.page.$$('[data-testid="import-preview"] button');
    for (const button of buttons) {
      if (squash(await button.evaluate(b => b.textContent)).startsWith(text)) {
        await button.click();
        return;
      }
    }
    throw new Error(`no "${text}" button in the import preview`);
  }

  /** The text of the document row `id`, once it is listed. */
  async rowText(id: string): Promise<string> {
    const row = await this.page.waitForSelector(`[data-testid="doc-row"][data-id="${id}"]`);
    return squash(await row!.evaluate(e => e.textContent));
  }
}
