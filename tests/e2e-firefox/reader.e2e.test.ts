/**
 * Verbatim in Firefox ESR, as a reader meets it: the news report gets all its quotes
 * marked, hover and the keyboard open the popover naming the speaker, the popup's
 * search forgives a typo, the popup names the site of a page whose content script has
 * not answered (and says when the user withheld Verbatim's site access), and the extension
 * prints no error or warning. Screenshots of the popover and the popup in light and dark
 * (switched while the browser runs) are left in tests/e2e/artifacts/firefox-*.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS_DIR, type Firefox, launchFirefox, REPO, waitUntil } from './firefox';
import { ArticlePage, PopupPage } from './page-objects';

const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';
const EXPECTED = JSON.parse(
  readFileSync(join(REPO, 'tests/fixtures/pages/news-report-2022-01-08.expected.json'), 'utf8'),
) as { quotes: Array<{ text: string }> };
const CONFERENCE = 'Press conference by NATO Secretary General Jens Stoltenberg';
const SEVERE =
  "And that's exactly why we are sending a very clear message to Russia that if they once again decide to use military force against a neighbour, then there will be severe consequences, a high price to pay.";

describe('Firefox: the news report, its popover and the popup', () => {
  let fx: Firefox;
  let page: Page;
  let article: ArticlePage;

  beforeAll(async () => {
    fx = await launchFirefox({ colorScheme: 'light' });
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    page = await fx.newPage();
    article = await new ArticlePage(fx, page).open(fx.serve(NEWS));
  });

  afterAll(async () => {
    await fx?.close();
  });

  it('marks every quote the reader sees, and nothing else', async () => {
    const marked = await article.markedQuotes();
    expect(marked.map(q => q.text)).toEqual(EXPECTED.quotes.map(q => q.text));
    const labels = await article.quoteLabels();
    expect(labels).toHaveLength(EXPECTED.quotes.length);
    for (const label of labels) expect(label).toContain('source found: Jens Stoltenberg');
    expect(await fx.callContent(page, 'getPageStats')).toEqual({
      ok: true,
      value: { host: '127.0.0.1', found: 7, matched: 7, copies: 0, paused: false },
    });
  });

  it('opens a popover on hover naming Jens Stoltenberg and the press conference', async () => {
    for (const expected of EXPECTED.quotes) {
      const popover = await article.hoverQuote(expected.text.slice(0, 25));
      expect(await popover.text('speaker')).toMatch(/^Jens Stoltenberg\b/);
      expect(await popover.text('document')).toContain(CONFERENCE);
      const opening = expected.text.split(' ').slice(0, 3).join(' ').toLowerCase();
      expect((await popover.text('passage-text')).toLowerCase()).toContain(opening);
      expect(await popover.verdict()).toMatch(/^(verbatim|edited|paraphrase)$/);
      const box = (await popover.box())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      // Moving away closes it.
      await page.mouse.move(1275, 5, { steps: 2 });
      await popover.waitClosed();
    }
  });

  it('is usable by keyboard: Tab to a quote, Enter opens, Escape closes and focus returns', async () => {
    await page.reload();
    await fx.waitForVerbatim(page);
    await page.bringToFront();
    await page.mouse.move(0, 0);
    let label = '';
    for (let i = 0; i < 60 && !label.startsWith('Quote:'); i++) {
      await page.keyboard.press('Tab');
      label = await article.focusedLabel();
    }
    expect(label).toMatch(/^Quote: “NATO will engage in dialogue/);
    await page.keyboard.press('Enter');
    await article.popover.waitOpen();
    expect(await article.focusInPopover()).toBe(true);
    expect(await article.popover.text('speaker')).toMatch(/^Jens Stoltenberg\b/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await article.popover.waitClosed();
    expect(await article.focusedLabel()).toBe(label);
  });

  it('finds the right passage first in the popup despite a typo, with the matched words marked', async () => {
    const popup = await PopupPage.open(fx, await fx.tabIdOf(page));
    expect(await popup.pageLine()).toBe('7 quotes found · 7 matched to a source');
    await popup.search('severe consequnces high price');
    await popup.page.waitForSelector('[data-testid="result"]');
    const [first] = await popup.results();
    expect(first!.passage).toBe(SEVERE);
    expect(first!.speaker).toBe('Jens Stoltenberg');
    expect(first!.marks).toEqual(expect.arrayContaining(['severe consequences', 'high price']));
    expect(first!.all).toContain('7 January 2022');
    await popup.page.close();
  });

  it.each(['light', 'dark'] as const)(
    'draws the popover and the popup in the %s theme (screenshots in tests/e2e/artifacts)',
    async scheme => {
      await fx.setColorScheme(scheme);
      try {
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
          scheme === 'dark',
        );
        const popover = await article.hoverQuote('We are always ready');
        expect(await popover.text('speaker')).toMatch(/^Jens Stoltenberg\b/);
        await page.screenshot({ path: join(ARTIFACTS_DIR, `firefox-popover-${scheme}.png`) });
        await page.mouse.move(1275, 5, { steps: 2 });
        await popover.waitClosed();

        const popup = await PopupPage.open(fx, await fx.tabIdOf(page));
        await popup.page.setViewport({ width: 400, height: 600 });
        await popup.search('severe consequnces');
        await popup.page.waitForSelector('[data-testid="result"]');
        await popup.page.screenshot({ path: join(ARTIFACTS_DIR, `firefox-popup-${scheme}.png`) });
        // The popup follows the theme: its background is dark in dark mode, light in light.
        const luminance = await popup.page.evaluate(() => {
          const [r, g, b] = getComputedStyle(document.body)
            .backgroundColor.match(/\d+(\.\d+)?/g)!
            .slice(0, 3)
            .map(Number);
          return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
        });
        if (scheme === 'dark') expect(luminance).toBeLessThan(0.3);
        else expect(luminance).toBeGreaterThan(0.7);
        await popup.page.close();
      } finally {
        await fx.setColorScheme('light');
      }
    },
  );

  it('names the site of a page still loading, and offers its pause switch', async () => {
    // The response never ends: the content script (document_idle) has not started.
    const loading = await fx.newPage();
    const url = fx.serveLoading(
      '<!doctype html><title>Still loading</title><p>“A quote that has not finished loading',
    );
    void loading.goto(url, { timeout: 60_000 }).catch(() => undefined);
    await waitUntil(async () => (await fx.tabIdOf(url).catch(() => undefined)) !== undefined);
    const popup = await PopupPage.open(fx, await fx.tabIdOf(url));
    expect(await popup.pageLine()).toMatch(/^Verbatim isn’t running on 127\.0\.0\.1 yet\b/);
    expect(await popup.pauseSwitchLabel()).toBe('Pause Verbatim on 127.0.0.1');
    await popup.page.close();
    await loading.close();
  });

  // Last: the access cannot be given back without the user.
  it('says a page may be a site Verbatim is not allowed to read once the user withholds site access', async () => {
    type Api = {
      browser: {
        tabs: { query(q: object): Promise<Array<{ id?: number }>> };
        permissions: { remove(p: object): Promise<boolean> };
      };
    };
    const helper = await fx.openExtensionPage('reader.html');
    const tabIds = () =>
      helper.evaluate(async () =>
        (await (globalThis as unknown as Api).browser.tabs.query({})).map(t => t.id),
      );
    // The new tab's id, known before its address is hidden.
    const before = await tabIds();
    const other = await fx.newPage();
    const tabId = (await tabIds()).find(id => !before.includes(id))!;
    // What turning off "Access your data for all websites" in about:addons does.
    await helper.evaluate(() =>
      (globalThis as unknown as Api).browser.permissions.remove({
        origins: ['http://*/*', 'https://*/*'],
      }),
    );
    await helper.close();
    await other.goto(fx.serve(NEWS));
    const popup = await PopupPage.open(fx, tabId);
    expect(await popup.pageLine()).toContain(
      'Verbatim can’t see this page: it is a browser page, or a site you haven’t allowed Verbatim to read.',
    );
    expect(await popup.pauseSwitchLabel()).toBeNull();
    await popup.page.close();
    await other.close();
  });

  it('prints no error or warning from the extension, up to and including its shutdown', async () => {
    await fx.close();
    expect(fx.extensionConsole().length).toBeGreaterThan(0);
    expect(fx.extensionProblems()).toEqual([]);
  });
});
