/**
 * (copies, issue #13) Quotes a page does not mark, in real Chromium: an opening quotation
 * mark never closed (the quote runs to the end of its paragraph) and paragraphs that copy
 * the press conference without any quotation marks (unmarked copies). Both are marked with
 * their speaker; the copies in their own style, with a popover of their own, in the popup's
 * list and in the report (and its JSON export). Pages of other outlets without copies get
 * no copy mark, and the news report none beyond its real copies (it has none).
 * Screenshots of the copy mark and its popover, light and dark: tests/e2e/artifacts/ (docs/
 * with `VERBATIM_DOCS=1`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReportJson } from '../../lib/ui/report-export';
import {
  ARTIFACTS_DIR,
  type Extension,
  launchExtension,
  REPO,
  waitForVerbatim,
  waitUntil,
} from './fixtures';
import { kindLine, lineSignature } from './mark-pixels';
import { ArticlePage } from './page-objects';
import { axeViolations, tabIdOf } from './ui-helpers';

const PAGE = 'tests/e2e/pages/unclosed-and-unmarked.html';
const DOCS = process.env.VERBATIM_DOCS ? join(REPO, 'docs') : ARTIFACTS_DIR;

/** The page's words, as the reader sees them. */
const UNCLOSED =
  'We are always ready to listen to Russian concerns. And NATO will make every effort to find a political way forward.';
const CONTINUED =
  'But for dialogue to be meaningful, it must also address Allies’ long-standing concerns about Russia’s actions. It must be based on the core principles of European security.';
const WIRE =
  'I will chair a meeting of the NATO-Ukraine Commission on Monday. We will be joined by Foreign Minister Dmytro Kuleba to discuss the evolving situation.';

/** Other outlets' pages (tests/fixtures/pages) and what they copy without quotation marks. */
const OUTLETS: Record<string, string[]> = {
  'apa-2022-01-07': [],
  'cvbj-2022-01-07': [],
  'fjordabladet-npk-2022-01-07': [],
  'news18-2022-01-07': [],
  'taketonews-rbk-2022-01-07': [],
  'ukrainetoday-2022-01-07': [],
  'urdupoint-2022-01-07': [],
  'vpk-interfax-2022-01-07': [],
  'world-today-news-2022-01': [],
  // The transcript's sentence printed twice in reported speech, word for word.
  'ramanmedianetwork-2022-01': [
    'ministers stressed that any further aggression against ukraine would have significant consequences and carry a heavy price for russia',
    'ministers stressed that any further aggression against ukraine would have significant consequences and carry a heavy price for russia',
  ],
  'news-report-2022-01-08': [],
};

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('unmarked copies and an unclosed quote', () => {
  let ext: Extension;
  let article: ArticlePage;
  let tabId: number;

  beforeAll(async () => {
    ext = await launchExtension();
    const page = await ext.context.newPage();
    article = await new ArticlePage(page).open(ext.serve(PAGE));
    tabId = await tabIdOf(ext, page);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('marks the unclosed quote as a quote and the unmarked paragraphs as copies, nothing else', async () => {
    expect((await article.markedQuotes()).map(q => q.text)).toEqual([UNCLOSED]);
    expect((await article.markedCopies()).map(c => c.text)).toEqual([CONTINUED, WIRE]);
    expect(await ext.pageStats(article.page)).toEqual({
      ok: true,
      value: { host: '127.0.0.1', found: 1, matched: 1, copies: 2, paused: false },
    });
    // A stand-in per mark, the copies' named as copies.
    await waitUntil(async () => (await article.proxies.count()) === 3);
    const label = squash(await article.copyProxy('But for dialogue').getAttribute('aria-label'));
    expect(label).toMatch(/^Unmarked copy: “But for dialogue to be meaningful, .*”/);
    expect(label).toMatch(/— source found: Jens Stoltenberg\. Printed without quotation marks$/);
  });

  it('names the speaker in the popover of the unclosed quote and of the copy', async () => {
    let popover = await article.hoverQuote('We are always ready');
    expect(squash(await popover.speaker.textContent())).toMatch(/^Jens Stoltenberg/);
    expect(await popover.verdict.getAttribute('data-kind')).not.toBe('copy');
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');

    popover = await article.hoverCopy('But for dialogue');
    expect(squash(await popover.root.locator('[data-testid="finding"]').textContent())).toBe(
      'Unmarked copy',
    );
    expect(squash(await popover.speaker.textContent())).toMatch(/^Jens Stoltenberg/);
    expect(await popover.verdict.getAttribute('data-kind')).toBe('copy');
    expect(squash(await popover.root.getByTestId('copy-note').textContent())).toContain(
      'The page prints these words as its own text, not as a quote',
    );
    expect(squash(await popover.passage.textContent())).toContain(
      'But for dialogue to be meaningful',
    );
    expect(squash(await popover.document.textContent())).toContain('Press conference');
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');
  });

  it('draws a copy’s mark apart from a quote’s by shape: a line above the text too', async () => {
    const decoder = await ext.context.newPage();
    const quote = (await kindLine(article.page, 'verbatim')) ? 'verbatim' : 'edited';
    const over: Record<string, number> = {};
    const under: Record<string, number> = {};
    for (const kind of [quote, 'copy']) {
      const line = await kindLine(article.page, kind);
      await article.page.evaluate(top => window.scrollBy(0, top - 200), line!.top);
      over[kind] = (await lineSignature(article.page, decoder, kind, 'over')).pixels;
      under[kind] = (await lineSignature(article.page, decoder, kind, 'under')).pixels;
    }
    await decoder.close();
    expect(under[quote], 'the quote’s underline').toBeGreaterThan(20);
    expect(under.copy, 'the copy’s underline').toBeGreaterThan(20);
    expect(over.copy, 'the copy’s line above').toBeGreaterThan(20);
    expect(over[quote], 'nothing above the quote').toBeLessThan(5);
  });

  it('lists the copies in the popup and the report, and exports them as kind "copy"', async () => {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(ext.extensionUrl(`popup.html?tab=${tabId}`));
    const items = popup.getByTestId('page-quote');
    await waitUntil(async () => (await items.count()) === 3);
    expect(await items.evaluateAll(els => els.map(e => e.getAttribute('data-kind')))).toEqual([
      expect.stringMatching(/^(verbatim|edited)$/),
      'copy',
      'copy',
    ]);
    expect(squash(await popup.getByTestId('page-stats').textContent())).toBe(
      '1 quote found · 1 matched to a source · 2 unmarked copies of a source',
    );
    const sources = (await popup.getByTestId('page-quote-source').allTextContents()).map(squash);
    for (const s of sources) expect(s).toMatch(/^Jens Stoltenberg · Press conference/);
    // Choosing a copy in the list opens its popover on the page.
    await items.nth(2).locator('button').click();
    await article.popover.waitOpen();
    expect(await article.popover.verdict.getAttribute('data-kind')).toBe('copy');
    expect(squash(await article.popover.passage.textContent())).toContain(
      'I will chair a meeting of the NATO-Ukraine Commission',
    );
    await popup.close();
    await article.page.keyboard.press('Escape');

    const report = await ext.context.newPage();
    await report.goto(ext.extensionUrl(`report.html?tab=${tabId}`));
    const entries = report.getByTestId('report-quote');
    await waitUntil(async () => (await entries.count()) === 3);
    expect(await entries.evaluateAll(els => els.map(e => e.getAttribute('data-kind')))).toEqual([
      expect.stringMatching(/^(verbatim|edited)$/),
      'copy',
      'copy',
    ]);
    expect(squash(await entries.nth(1).getByTestId('report-quote-text').textContent())).toBe(
      CONTINUED,
    );
    expect(
      (await report.getByTestId('report-source-speaker').allTextContents()).map(squash),
    ).toEqual([
      expect.stringMatching(/^Jens Stoltenberg/),
      expect.stringMatching(/^Jens Stoltenberg/),
      expect.stringMatching(/^Jens Stoltenberg/),
    ]);
    const download = report.waitForEvent('download');
    await report.getByTestId('export-json').click();
    const json = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as ReportJson;
    expect(Object.keys(json).sort()).toEqual(['checkedAt', 'corpus', 'quotes', 'title', 'url']);
    expect(json.quotes.map(q => [q.kind, q.text, q.source?.speaker])).toEqual([
      ['quote', UNCLOSED, 'Jens Stoltenberg'],
      ['copy', CONTINUED, 'Jens Stoltenberg'],
      ['copy', WIRE, 'Jens Stoltenberg'],
    ]);
    expect(json.quotes[1]).toMatchObject({
      pageSpeaker: null,
      misattributed: false,
      ambiguous: false,
      verdict: expect.stringMatching(/^(verbatim|edited)$/),
      source: { document: 'nato-sg-press-conference-2022-01-07', kind: 'transcript' },
    });
    await report.close();
  });

  it('marks a copy the page adds later, and forgets one the page changes', async () => {
    const page = article.page;
    const before = (await verbatimIdles(page)) ?? 0;
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent =
        'The Russian military build-up continues. With tens of thousands of combat troops, and heavy capabilities.';
      document.querySelector('article')!.append(p);
    });
    await waitForVerbatim(page, before + 1);
    await waitUntil(async () => (await article.markedCopies()).length === 3);
    expect((await article.markedCopies()).map(c => c.text)[2]).toBe(
      'The Russian military build-up continues. With tens of thousands of combat troops, and heavy capabilities.',
    );
    // The page rewrites the wire box in its own words: its copy mark goes.
    await page.evaluate(() => {
      const p = document.querySelector('aside.wire p')!;
      p.textContent =
        'The secretary general is to lead a meeting with Ukraine on Monday, joined by its foreign minister, officials said.';
    });
    await waitUntil(async () => (await article.markedCopies()).length === 2);
    expect((await article.markedCopies()).map(c => c.text)).toEqual([
      CONTINUED,
      'The Russian military build-up continues. With tens of thousands of combat troops, and heavy capabilities.',
    ]);
  });
});

async function verbatimIdles(page: Page): Promise<number | undefined> {
  return (await waitForVerbatim(page)).idles;
}

describe('a page without any quotation mark', () => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('gets no copy check until the reader asks about it (the popup)', async () => {
    const page = await ext.context.newPage();
    const article = await new ArticlePage(page).open(
      ext.serve(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wire</title></head>
<body><article><h1>Alliance to meet Ukraine on Monday</h1>
<p>NATO Secretary General Jens Stoltenberg spoke after the video conference on Friday.</p>
<p>${WIRE}</p></article></body></html>`),
    );
    // Only the first look ran (the page is up to date without the second stage): nothing is
    // drawn, so the page holds its own 9 elements and no UI host. (Asked in the page: asking
    // the content script would load the rest of it.)
    expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBe(9);
    // The popup asks for the page's figures: the rest of the content script loads and reads it all.
    expect(await ext.pageStats(page)).toMatchObject({ ok: true });
    await waitUntil(async () => (await article.markedCopies()).length === 1, 30_000);
    expect((await article.markedCopies())[0]!.text).toBe(WIRE);
    await page.close();
  });
});

describe('pages of other outlets', () => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it.each(Object.entries(OUTLETS))(
    '%s: copy marks only on its real copies',
    async (name, copies) => {
      const page = await ext.context.newPage();
      const article = await new ArticlePage(page).open(
        ext.serve(`tests/fixtures/pages/${name}.html`),
      );
      expect((await article.markedCopies()).map(c => c.text.toLowerCase())).toEqual(copies);
      await page.close();
    },
  );
});

describe.each(['light', 'dark'] as const)('screenshots (%s)', scheme => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension({ colorScheme: scheme });
    await mkdir(DOCS, { recursive: true });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the copy mark beside a quote’s, and the copy’s popover', async () => {
    const page = await ext.context.newPage();
    const article = await new ArticlePage(page).open(ext.serve(PAGE));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS, `marks-copy-${scheme}.png`) });
    await article.hoverCopy('But for dialogue', { top: 160 });
    expect(await axeViolations(page)).toEqual([]);
    expect(await article.ui.axe()).toEqual([]);
    await page.screenshot({ path: join(DOCS, `popover-copy-${scheme}.png`) });
    // The popup's list and the report with the copies among the quotes (artifacts only).
    const tabId = await tabIdOf(ext, page);
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(ext.extensionUrl(`popup.html?tab=${tabId}`));
    await waitUntil(async () => (await popup.getByTestId('page-quote').count()) === 3);
    await popup.locator('.legend-box summary').click();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.screenshot({ path: join(ARTIFACTS_DIR, `popup-copies-${scheme}.png`) });
    await popup.close();
    const report = await ext.context.newPage();
    await report.setViewportSize({ width: 1100, height: 1400 });
    await report.goto(ext.extensionUrl(`report.html?tab=${tabId}`));
    await waitUntil(async () => (await report.getByTestId('report-quote').count()) === 3);
    expect(await axeViolations(report)).toEqual([]);
    await report.screenshot({ path: join(ARTIFACTS_DIR, `report-copies-${scheme}.png`) });
    await report.close();
    await page.close();
  });
});
