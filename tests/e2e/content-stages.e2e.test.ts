/**
 * The content script's two stages in Chromium with the built extension: a page without
 * quotation marks gets only the small first stage; the rest (finder, matching, popover) is
 * injected when a quotation may be there, at load or added later — and no page can fetch it.
 * Which of Verbatim's files ran in the page's renderer is read over the DevTools protocol
 * (`Debugger.scriptParsed`), as the browser reports it, not as the extension says.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type Extension,
  highlightCount,
  launchExtension,
  waitForVerbatim,
  waitUntil,
} from './fixtures';

const PROSE =
  '<p>The ministers met again in Brussels on a grey morning; officials from several ' +
  'delegations compared notes in the corridors, and the Allies’ plans didn’t change.</p>' +
  '<p>Reporters waited outside for news of the talks, which O’Brien’s team said would go on.</p>';
/** A page of prose without a quotation: apostrophes in words, marks only in its script. */
const NO_QUOTES =
  '<!doctype html><html lang="en"><head><title>Talks</title></head><body><article>' +
  `<h1>Talks go on</h1>${PROSE}</article>` +
  '<script>window.config = { "section": "world", "tags": ["nato", "talks"] };</script>' +
  '</body></html>';
const QUOTE =
  'NATO Secretary General Jens Stoltenberg said: “But we must also be prepared for the possibility that diplomacy will fail.”';

let ext: Extension;

type ChromeApi = {
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
  scripting: { executeScript(o: object): Promise<unknown> };
};

beforeAll(async () => {
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
});

/** A new tab whose parsed scripts from Verbatim (file names) are collected from its start. */
async function tracedPage(): Promise<{ page: Page; scripts: () => string[]; cdp: CDPSession }> {
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith(`chrome-extension://${ext.extensionId}/`)) {
      urls.push(new URL(url).pathname.slice(1));
    }
  });
  await cdp.send('Debugger.enable');
  return { page, scripts: () => [...new Set(urls)].sort(), cdp };
}

describe('the content script in two stages', () => {
  it('loads only the first stage on a page without quotes, and the rest when a quote is added', async () => {
    const { page, scripts } = await tracedPage();
    await page.goto(ext.serve(NO_QUOTES));
    const first = await waitForVerbatim(page);
    expect(first.scans).toBeGreaterThanOrEqual(1);
    // Some time for a second stage that should not come.
    await page.waitForTimeout(500);
    expect(scripts()).toEqual(['content-scripts/quotes-look.js']);
    expect(await highlightCount(page)).toBe(0);

    // The page adds a paragraph with a quotation (a live blog's new post).
    await page.evaluate(html => {
      const p = document.createElement('p');
      p.textContent = html;
      document.querySelector('article')!.append(p);
    }, QUOTE);
    await waitUntil(async () => (await highlightCount(page)) === 1, 30_000);
    expect(scripts()).toEqual(['content-scripts/quotes-look.js', 'content-scripts/quotes.js']);
    // The page saw nothing of it: no resource entry, no fetchable file.
    const probe = await page.evaluate(async id => {
      const entries = performance
        .getEntriesByType('resource')
        .map(e => e.name)
        .filter(name => !name.startsWith('http'));
      const fetched: string[] = [];
      for (const path of ['content-scripts/quotes.js', 'content-scripts/quotes-look.js']) {
        try {
          fetched.push(`${path}: ${(await fetch(`chrome-extension://${id}/${path}`)).status}`);
        } catch {
          fetched.push(`${path}: refused`);
        }
      }
      return { entries, fetched };
    }, ext.extensionId);
    expect(probe).toEqual({
      entries: [],
      fetched: ['content-scripts/quotes.js: refused', 'content-scripts/quotes-look.js: refused'],
    });
    await page.close();
  });

  it('loads both stages at once on a page with a quotation, and marks it', async () => {
    const { page, scripts } = await tracedPage();
    await page.goto(ext.serve(NO_QUOTES.replace('</article>', `<p>${QUOTE}</p></article>`)));
    await waitUntil(async () => (await highlightCount(page)) === 1, 30_000);
    expect(scripts()).toEqual(['content-scripts/quotes-look.js', 'content-scripts/quotes.js']);
    await page.close();
  });

  it('runs the second stage once per frame, however often it is injected', async () => {
    // Firefox may stop its event page between injecting the second stage and replying to the
    // first stage, which then asks again: the page must still get one set of marks and one UI.
    const { page, scripts } = await tracedPage();
    const url = ext.serve(NO_QUOTES.replace('</article>', `<p>${QUOTE}</p></article>`));
    await page.goto(url);
    await waitUntil(async () => (await highlightCount(page)) === 1, 30_000);
    const elements = () => page.evaluate(() => document.querySelectorAll('*').length);
    const before = await elements();
    const tabId = await ext.worker.evaluate(async url => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const tab = (await chrome.tabs.query({})).find(t => t.url === url);
      await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        files: ['/content-scripts/quotes.js'],
      });
      return tab!.id!;
    }, url);
    expect(tabId).toBeGreaterThan(0);
    // Some time for a second set of marks or a second UI that should not come.
    await page.waitForTimeout(1_000);
    expect(await highlightCount(page)).toBe(1);
    expect(await elements()).toBe(before);
    expect(await ext.pageStats(page)).toMatchObject({ ok: true, value: { found: 1, matched: 1 } });
    expect(scripts()).toEqual(['content-scripts/quotes-look.js', 'content-scripts/quotes.js']);
    await page.close();
  });

  it('answers the popup on a page without quotes (loading the rest to do so)', async () => {
    const { page, scripts } = await tracedPage();
    const url = ext.serve(NO_QUOTES);
    await page.goto(url);
    await waitForVerbatim(page);
    expect(scripts()).toEqual(['content-scripts/quotes-look.js']);
    const stats = await ext.pageStats(page);
    expect(stats).toEqual({
      ok: true,
      value: { host: '127.0.0.1', found: 0, matched: 0, copies: 0, paused: false },
    });
    expect(scripts()).toEqual(['content-scripts/quotes-look.js', 'content-scripts/quotes.js']);
    await page.close();
  });
});
