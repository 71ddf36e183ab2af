/**
 * The toolbar popup in Chromium with the built extension, opened as a page
 * (`popup.html`; `popup.html?tab=<id>` reports on that tab, since a popup
 * opened as a page is itself the active tab): search with typos, keyboard
 * use, the page's counts and the pause switch, accessibility in light and
 * dark, screenshots, and a measurement of search time per keystroke.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { ArticlePage } from './page-objects';
import { axeViolations, focusRingVisible, PopupPage, tabIdOf } from './ui-helpers';

const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';
const CONFERENCE = 'nato-sg-press-conference-2022-01-07';
const SEVERE =
  "And that's exactly why we are sending a very clear message to Russia that if they once again decide to use military force against a neighbour, then there will be severe consequences, a high price to pay.";

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await ext?.close();
});

async function openPopup(tabId?: number): Promise<PopupPage> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(ext.extensionUrl(tabId === undefined ? 'popup.html' : `popup.html?tab=${tabId}`));
  const popup = new PopupPage(page);
  await popup.search.waitFor();
  return popup;
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('search', () => {
  it('finds the right passage first despite a typo, with the matched words marked', async () => {
    const popup = await openPopup();
    await popup.search.fill('severe consequnces high price');
    await popup.waitForResults();
    const first = popup.results.first();
    expect(squash(await first.getByTestId('result-passage').textContent())).toBe(SEVERE);
    expect(await first.getByTestId('result-speaker').textContent()).toBe('Jens Stoltenberg');
    const marks = await first.locator('mark').allTextContents();
    expect(marks).toEqual(expect.arrayContaining(['severe consequences', 'high price']));
    expect(squash(await first.textContent())).toContain('7 January 2022');
    await popup.page.close();
  });

  it('works from the keyboard alone: focus on open, arrows, Enter opens the reader at the passage', async () => {
    const popup = await openPopup();
    // The search box has the focus as the popup opens: typing goes straight in.
    await popup.page.keyboard.type('dual-trak aproach');
    await popup.waitForResults();
    expect(await popup.page.evaluate(() => document.activeElement?.id)).toBe('vb-search');
    const options = await popup.results.count();
    expect(options).toBeGreaterThan(2);
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.keyboard.press('ArrowUp');
    const active = await popup.search.getAttribute('aria-activedescendant');
    expect(active).toBe(await popup.results.nth(1).getAttribute('id'));
    const chosen = squash(await popup.results.nth(1).getByTestId('result-passage').textContent());

    const opened = ext.context.waitForEvent('page');
    const closed = popup.page.waitForEvent('close');
    // The popup closes itself once the reader is open, possibly before the key press returns.
    await popup.page.keyboard.press('Enter').catch(() => undefined);
    const reader = await opened;
    await closed;
    await reader.waitForLoadState();
    const url = new URL(reader.url());
    expect(url.pathname).toBe('/reader.html');
    expect(url.searchParams.get('doc')).toBe(CONFERENCE);
    const mark = reader.getByTestId('reader-mark');
    await mark.first().waitFor();
    expect(squash(await mark.first().textContent())).toBe(chosen);
    await reader.close();
  });

  it('clears the box with Escape and says what to do when nothing matches', async () => {
    const popup = await openPopup();
    await popup.search.fill('zeppelin xylophone');
    await popup.page.getByTestId('no-results').waitFor();
    expect(squash(await popup.page.getByTestId('no-results').textContent())).toContain(
      'No passage matches “zeppelin xylophone”',
    );
    await popup.search.press('Escape');
    await popup.page.getByTestId('empty-state').waitFor();
    expect(await popup.search.inputValue()).toBe('');
    expect(squash(await popup.page.getByTestId('corpus-size').textContent())).toMatch(
      /^Searching 2 documents · \d+ passages$/,
    );
    await popup.page.close();
  });

  it('shows visible focus rings when tabbing through the popup', async () => {
    const popup = await openPopup();
    await popup.page.getByTestId('corpus-size').waitFor();
    const visited: string[] = [];
    for (let i = 0; i < 8; i++) {
      await popup.page.keyboard.press('Tab');
      const name = await popup.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        // Past the last control the focus leaves the page (the browser's own UI).
        if (!el || el === document.body) return null;
        return el.getAttribute('aria-label') || el.textContent?.trim() || el.id;
      });
      if (name === null) continue;
      visited.push(name);
      expect(await focusRingVisible(popup.page), `focus ring on ${name}`).toBe(true);
    }
    expect(visited).toEqual(
      expect.arrayContaining(['dual track approach', 'severe consequences', 'Manage corpus']),
    );
    await popup.page.close();
  });
});

describe('the current page', () => {
  let article: ArticlePage;
  let articlePage: Page;
  let tabId: number;

  beforeAll(async () => {
    articlePage = await ext.context.newPage();
    article = await new ArticlePage(articlePage).open(ext.serve(NEWS));
    tabId = await tabIdOf(ext, articlePage);
  });

  afterAll(async () => {
    await articlePage?.close();
  });

  it('shows how many quotes Verbatim found and matched there', async () => {
    const popup = await openPopup(tabId);
    await waitUntil(async () =>
      squash(await popup.stats.textContent()).startsWith('7 quotes found'),
    );
    expect(squash(await popup.stats.textContent())).toBe('7 quotes found · 7 matched to a source');
    await popup.page.close();
  });

  it('pauses Verbatim on the site with the switch, and the open page drops its marks without a reload', async () => {
    const popup = await openPopup(tabId);
    const toggle = popup.page.getByRole('switch', { name: 'Pause Verbatim on 127.0.0.1' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    expect(await article.highlightCount()).toBe(7);

    // Keyboard: the switch is a button.
    await toggle.focus();
    await popup.page.keyboard.press('Space');
    await waitUntil(async () => (await toggle.getAttribute('aria-checked')) === 'true');
    await waitUntil(async () => (await article.highlightCount()) === 0);
    expect(squash(await popup.stats.textContent())).toBe(
      'Paused on 127.0.0.1: Verbatim leaves its pages alone.',
    );
    const settings = await ext.callBackground('getSettings');
    expect(settings.ok && settings.value.disabledSites).toEqual(['127.0.0.1']);

    await toggle.click();
    await waitUntil(async () => (await toggle.getAttribute('aria-checked')) === 'false');
    await article.waitForHighlights(7);
    await waitUntil(async () =>
      squash(await popup.stats.textContent()).startsWith('7 quotes found'),
    );
    await popup.page.close();
  });

  it('says Verbatim does not run on a page without its content script', async () => {
    // Opened as a page with no tab given, the popup's active tab is itself: an extension page.
    const popup = await openPopup();
    await popup.page.getByTestId('page-unavailable').waitFor();
    expect(squash(await popup.page.getByTestId('page-unavailable').textContent())).toContain(
      'Verbatim doesn’t run on this page',
    );
    expect(await popup.page.getByRole('switch').count()).toBe(0);
    await popup.page.close();
  });

  it('names the site of a page still loading (no content script yet) and offers its pause switch', async () => {
    // A page whose response never ends: the content script (document_idle) has not started,
    // and the popup has only the tab's address, which host access gives without `tabs`.
    const held: ServerResponse[] = [];
    const server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><title>Still loading</title><p>“A quote still loading');
      held.push(res);
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const loading = await ext.context.newPage();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow.html`;
      void loading.goto(url, { waitUntil: 'commit' }).catch(() => undefined);
      const tabId = await waitForTab(url);
      const popup = await openPopup(tabId);
      await popup.page.getByTestId('page-unavailable').waitFor();
      expect(squash(await popup.page.getByTestId('page-unavailable').textContent())).toMatch(
        /^Verbatim isn’t running on 127\.0\.0\.1 yet\b/,
      );
      await popup.page.getByRole('switch', { name: 'Pause Verbatim on 127.0.0.1' }).waitFor();
      await popup.page.close();
    } finally {
      await loading.close();
      for (const res of held) res.end();
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    }
  });
});

/** The id of the tab showing `url`, as the extension sees it (`tabs.query`, no `tabs` permission). */
async function waitForTab(url: string): Promise<number> {
  let id: number | undefined;
  await waitUntil(async () => {
    id = await ext.worker.evaluate(
      async url =>
        (
          await (
            globalThis as unknown as {
              chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
            }
          ).chrome.tabs.query({})
        ).find(tab => tab.url === url)?.id,
      url,
    );
    return id !== undefined;
  });
  return id!;
}

describe('accessibility and looks', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations, with results shown (${scheme})`, async () => {
      const articlePage = await ext.context.newPage();
      await new ArticlePage(articlePage).open(ext.serve(NEWS));
      const tabId = await tabIdOf(ext, articlePage);
      const popup = await openPopup(tabId);
      await popup.page.emulateMedia({ colorScheme: scheme });
      await popup.page.getByTestId('corpus-size').waitFor();
      // The empty state first, then results.
      expect(await axeViolations(popup.page)).toEqual([]);
      await popup.search.fill('severe consequnces high price');
      await popup.waitForResults();
      await waitUntil(async () =>
        squash(await popup.stats.textContent()).startsWith('7 quotes found'),
      );
      await popup.search.press('ArrowDown');
      expect(await axeViolations(popup.page)).toEqual([]);

      const file = join(ARTIFACTS_DIR, `popup-${scheme}.png`);
      await popup.page.screenshot({ path: file });
      if (scheme === 'light') copyFileSync(file, join(REPO, 'docs/popup.png'));
      await popup.page.close();
      await articlePage.close();
    });
  }
});

describe('measurement', () => {
  it('reports the search time per keystroke on the bundled corpus (measured, not asserted)', async () => {
    const popup = await openPopup();
    // Warm up: the first search may wait for the index.
    await popup.search.fill('nato');
    await popup.waitForResults();
    await popup.search.fill('');
    await popup.page.evaluate(() => performance.clearMeasures('verbatim:search'));

    const query = 'we regret that despite the calls of the international community';
    // Slower than the debounce, so every keystroke searches.
    await popup.search.pressSequentially(query, { delay: 120 });
    // Done when the full query has been searched. (On a loaded machine two keystrokes may
    // still fall into one debounce: then there are fewer searches than keystrokes.)
    await waitUntil(
      () =>
        popup.page.evaluate(
          q =>
            performance
              .getEntriesByName('verbatim:search')
              .some(e => (e as PerformanceMeasure).detail === q),
          query,
        ),
      30_000,
    );
    const times = await popup.page.evaluate(() =>
      performance.getEntriesByName('verbatim:search').map(e => e.duration),
    );
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    console.log(
      `popup search per keystroke (${times.length} searches for ${query.length} keystrokes, bundled corpus): ` +
        `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`,
    );
    await popup.waitForResults();
    expect(
      squash(await popup.results.first().getByTestId('result-passage').textContent()),
    ).toContain('despite the calls of the international community');
    await popup.page.close();
  });
});
