/**
 * Verbatim in Firefox ESR, as a reader meets it: the news report gets all its quotes
 * marked, hover and the keyboard open the popover naming the speaker, the popup's
 * search forgives a typo, and the extension prints no error or warning. Screenshots of
 * the popover and the popup in light and dark are left in tests/e2e/artifacts/firefox-*.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS_DIR, type Firefox, launchFirefox, REPO } from './firefox';
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
    fx = await launchFirefox();
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

  it('prints no error or warning from the extension', () => {
    expect(fx.extensionProblems()).toEqual([]);
  });
});

describe.each(['light', 'dark'] as const)('Firefox, %s theme', scheme => {
  let fx: Firefox;

  beforeAll(async () => {
    fx = await launchFirefox({ colorScheme: scheme });
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await fx?.close();
  });

  it(`draws the popover and the popup in the ${scheme} theme (screenshots in tests/e2e/artifacts)`, async () => {
    const page = await fx.newPage();
    const article = await new ArticlePage(fx, page).open(fx.serve(NEWS));
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      scheme === 'dark',
    );
    const popover = await article.hoverQuote('We are always ready');
    expect(await popover.text('speaker')).toMatch(/^Jens Stoltenberg\b/);
    await page.screenshot({ path: join(ARTIFACTS_DIR, `firefox-popover-${scheme}.png`) });

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
    expect(fx.extensionProblems()).toEqual([]);
  });
});
