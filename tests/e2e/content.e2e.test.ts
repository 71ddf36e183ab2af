/**
 * The content script on the news-report fixture page, in Chromium with the
 * built extension: what a reader sees and can do.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLOSE_DELAY_MS } from '../../lib/content/hover';
import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { ArticlePage } from './page-objects';
import { axeViolations } from './ui-helpers';

const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';
const EXPECTED = JSON.parse(
  readFileSync(join(REPO, 'tests/fixtures/pages/news-report-2022-01-08.expected.json'), 'utf8'),
) as { quotes: Array<{ text: string }> };
const CONFERENCE = 'Press conference by NATO Secretary General Jens Stoltenberg';
/** The source of the page's third quote: five sentences (the page joins the first two). */
const FIVE_SENTENCES = [
  'We are always ready to listen to Russian concerns.',
  'And NATO will make every effort to find a political way forward.',
  'But for dialogue to be meaningful, it must also address Allies’ long-standing concerns about Russia’s actions.',
  'It must be based on the core principles of European security.',
  'as well as the European Union',
];

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

let ext: Extension;
let page: Page;
let article: ArticlePage;

beforeAll(async () => {
  ext = await launchExtension();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await ext?.close();
});

async function openNews(): Promise<ArticlePage> {
  await page?.close();
  page = await ext.context.newPage();
  article = new ArticlePage(page);
  return article.open(ext.serve(NEWS));
}

describe('the news report page', () => {
  it('marks every quote the reader sees, and nothing else', async () => {
    await openNews();
    expect(await article.highlightCount()).toBe(EXPECTED.quotes.length);
    const marked = await article.markedQuotes();
    expect(marked.map(q => q.text)).toEqual(EXPECTED.quotes.map(q => q.text));
    // Each is reachable by Tab and announced with its source.
    await expect(article.proxies.count()).resolves.toBe(EXPECTED.quotes.length);
    const labels = await article.proxies.evaluateAll(els =>
      els.map(el => el.getAttribute('aria-label') ?? ''),
    );
    for (const [i, label] of labels.entries()) {
      expect(label).toMatch(/^Quote: “/);
      expect(label).toContain('source found: Jens Stoltenberg');
      expect(label).toContain(EXPECTED.quotes[i]!.text.slice(0, 30));
    }
    expect(await ext.pageStats(page)).toEqual({
      ok: true,
      value: { host: '127.0.0.1', found: 7, matched: 7, copies: 0, paused: false },
    });
  });

  it('leaves the article untouched: same elements, same text', async () => {
    await page?.close();
    page = await ext.context.newPage();
    // The article as parsed, before any extension code runs.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const main = document.querySelector('main');
        (window as unknown as { before: unknown }).before = {
          elements: main?.querySelectorAll('*').length,
          text: main?.textContent,
        };
      });
    });
    article = new ArticlePage(page);
    await article.open(ext.serve(NEWS));
    const { before, after } = await page.evaluate(() => {
      const main = document.querySelector('main');
      return {
        before: (window as unknown as { before: unknown }).before,
        after: { elements: main?.querySelectorAll('*').length, text: main?.textContent },
      };
    });
    expect(after).toEqual(before);
  });

  it('opens a popover on hover naming Jens Stoltenberg, the press conference and the original passage', async () => {
    await openNews();
    const viewport = page.viewportSize()!;
    for (const expected of EXPECTED.quotes) {
      const popover = await article.hoverQuote(expected.text.slice(0, 25));
      expect(squash(await popover.speaker.textContent())).toMatch(/^Jens Stoltenberg\b/);
      expect(squash(await popover.document.textContent())).toContain(CONFERENCE);
      expect(squash(await popover.document.textContent())).toContain('7 January 2022');
      // The passage shares the quote's opening words.
      const passage = squash(await popover.passage.textContent());
      const opening = expected.text.split(' ').slice(0, 3).join(' ').toLowerCase();
      expect(passage.toLowerCase()).toContain(opening);
      await expect(popover.verdict.getAttribute('data-verdict')).resolves.toMatch(
        /^(verbatim|edited|paraphrase)$/,
      );
      // Inside the viewport.
      const box = (await popover.root.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      // Moving away closes it (after the grace delay).
      await page.mouse.move(viewport.width - 5, 5, { steps: 2 });
      await popover.waitClosed();
    }
  });

  it('shows the whole five-sentence source of the long quote', async () => {
    await openNews();
    const popover = await article.hoverQuote('We are always ready');
    const passage = squash(await popover.passage.textContent());
    for (const sentence of FIVE_SENTENCES) expect(passage).toContain(sentence);
    // The page joins two sentences with "and": edited, and the diff says where.
    await expect(popover.verdict.getAttribute('data-verdict')).resolves.toBe('edited');
  });

  it('marks the words an edited quote changes', async () => {
    await openNews();
    const popover = await article.hoverQuote('But I will say');
    await expect(popover.verdict.getAttribute('data-verdict')).resolves.toBe('edited');
    const changed = popover.root.locator('[data-op="changed"]').first();
    await expect(changed.locator('del').textContent()).resolves.toContain('our');
    await expect(changed.locator('ins').textContent()).resolves.toContain('all');
  });

  it('is usable by keyboard: Tab to a quote, Enter opens, Escape closes and focus returns', async () => {
    await openNews();
    await page.mouse.move(0, 0);
    // Tab through the page's own links until a quote has focus.
    let label = '';
    for (let i = 0; i < 60 && !label.startsWith('Quote:'); i++) {
      await page.keyboard.press('Tab');
      label = await article.ui.focusedLabel();
    }
    expect(label).toMatch(/^Quote: “NATO will engage in dialogue/);
    await page.keyboard.press('Enter');
    const popover = article.popover;
    await popover.waitOpen();
    // Focus moved into the dialog, which is labelled by its speaker.
    expect(
      await article.ui.evaluate(root => {
        const dialog = root?.querySelector('[role="dialog"]');
        const active = root?.activeElement;
        const labelIds = dialog?.getAttribute('aria-labelledby')?.split(' ') ?? [];
        return {
          inside: !!dialog && !!active && dialog.contains(active),
          label: labelIds.map(id => root?.getElementById(id)?.textContent ?? '').join(' '),
        };
      }),
    ).toEqual({ inside: true, label: expect.stringContaining('Jens Stoltenberg') });
    // Tab moves through the popover's controls.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await popover.waitClosed();
    const focused = await article.ui.focusedLabel();
    expect(focused).toBe(label);
    // Focused, a stand-in sits on its quote's first line (its focus ring there); the last
    // quote, below the fold, is scrolled into view when it gets focus.
    const quotes = await article.markedQuotes();
    const count = await article.proxies.count();
    await article.proxies.nth(count - 1).focus();
    const box = (await article.proxies.nth(count - 1).boundingBox())!;
    const last = quotes.at(-1)!;
    const lastNow = (await article.markedQuotes()).at(-1)!;
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(Math.abs(box.y + box.height / 2 - lastNow.y)).toBeLessThan(4);
    expect(last.text).toBe(lastNow.text);
  });

  it('lets Tab go on from the popover to the next quote, closing the popover', async () => {
    await openNews();
    await page.mouse.move(0, 0);
    await article.proxy('NATO will engage').focus();
    await page.keyboard.press('Enter');
    await article.popover.waitOpen();
    const activeLabel = () => article.ui.focusedLabel();
    // Close button, reader link, original page, copy citation, then the next quote.
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const label = (await activeLabel()) ?? '';
      seen.push(label);
      if (label.startsWith('Quote:')) break;
    }
    expect(seen.slice(0, 4)).toEqual([
      'Close',
      'Open in Verbatim reader',
      'Original page',
      'Copy citation',
    ]);
    expect(seen.at(-1)).toMatch(/^Quote: “But we must also be prepared/);
    await article.popover.waitClosed();
  });

  it('keeps the popover open while the pointer moves into it, and closes it on scroll', async () => {
    await openNews();
    const popover = await article.hoverQuote('NATO will engage');
    const box = (await popover.root.boundingBox())!;
    // Across the gap between quote and popover, into the popover: it stays, past the delay
    // that closes a popover the pointer has left.
    await page.mouse.move(box.x + 40, box.y + 30, { steps: 8 });
    await page.waitForTimeout(CLOSE_DELAY_MS + 300);
    expect(await popover.root.isVisible()).toBe(true);
    // The page scrolls (the pointer still on the popover): the quote moves away, it closes.
    await page.evaluate(() => window.scrollBy(0, 150));
    await popover.waitClosed();
  });

  it('opens the passage in the Verbatim reader', async () => {
    await openNews();
    const popover = await article.hoverQuote('But we must also');
    const href = (await popover.readerLink.getAttribute('href'))!;
    expect(href).toMatch(
      new RegExp(
        `^chrome-extension://${ext.extensionId}/reader\\.html\\?doc=nato-sg-press-conference-2022-01-07&start=\\d+&end=\\d+$`,
      ),
    );
    const [reader] = await Promise.all([
      ext.context.waitForEvent('page'),
      popover.readerLink.click(),
    ]);
    await reader.waitForLoadState();
    const mark = reader.getByTestId('reader-mark').first();
    await mark.waitFor();
    expect(squash(await mark.textContent())).toBe(
      'But we must also be prepared for the possibility that diplomacy will fail',
    );
    await expect(reader.getByTestId('reader-title').textContent()).resolves.toContain(CONFERENCE);
    // Scrolled to the passage.
    const box = (await mark.boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y).toBeLessThan(reader.viewportSize()!.height);
    await reader.close();
  });

  it('links to the original page with a text fragment for the passage', async () => {
    await openNews();
    const popover = await article.hoverQuote('NATO will engage');
    const href = (await popover.sourceLink.getAttribute('href'))!;
    expect(href).toBe(
      'https://www.nato.int/cps/en/natohq/opinions_190508.htm#:~:text=NATO%20will%20engage%20in%20dialogue,good%20faith%2C%20and%20on%20substance',
    );
    await expect(popover.sourceLink.getAttribute('target')).resolves.toBe('_blank');
  });

  it('copies a citation and says so', async () => {
    await openNews();
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: ext.origin,
    });
    const popover = await article.hoverQuote('But we must also');
    await popover.copyButton.click();
    await waitUntil(async () => (await popover.copyButton.textContent()) === 'Copied');
    await expect(popover.copyStatus.textContent()).resolves.toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(
      /^“But we must also be prepared for the possibility that diplomacy will fail\.?” — Jens Stoltenberg, NATO Secretary General\. /,
    );
    expect(copied).toContain(`${CONFERENCE} following the extraordinary meeting`);
    expect(copied).toContain('NATO, 7 January 2022.');
    expect(copied).toMatch(/ https:\/\/www\.nato\.int\/cps\/en\/natohq\/opinions_190508\.htm$/);
  });

  it.each(['light', 'dark'] as const)(
    'draws the popover in the %s theme (screenshot in tests/e2e/artifacts)',
    async scheme => {
      await openNews();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 1100 });
      // Near the top, so the popover has room below it.
      const popover = await article.hoverQuote('But I will say', { top: 120 });
      const colors = await popover.root.evaluate(el => {
        const style = getComputedStyle(el);
        return { background: style.backgroundColor, color: style.color };
      });
      const luminance = (rgb: string) => {
        const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
        return ((r ?? 0) * 0.299 + (g ?? 0) * 0.587 + (b ?? 0) * 0.114) / 255;
      };
      if (scheme === 'light') {
        expect(luminance(colors.background)).toBeGreaterThan(0.9);
        expect(luminance(colors.color)).toBeLessThan(0.3);
      } else {
        expect(luminance(colors.background)).toBeLessThan(0.2);
        expect(luminance(colors.color)).toBeGreaterThan(0.8);
      }
      const box = (await popover.root.boundingBox())!;
      await page.screenshot({ path: join(ARTIFACTS_DIR, `popover-${scheme}-page.png`) });
      await page.screenshot({
        path: join(ARTIFACTS_DIR, `popover-${scheme}.png`),
        clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 },
      });
      // The popover with the quote it belongs to (the README's picture).
      const quote = (await article.markedQuotes()).find(q => q.text.startsWith('But I will say'))!;
      const top = Math.max(0, Math.min(box.y, quote.y - 60) - 16);
      const bottom = Math.max(box.y + box.height, quote.y + 60) + 16;
      await page.screenshot({
        path: join(ARTIFACTS_DIR, `popover-${scheme}-context.png`),
        clip: { x: 0, y: top, width: 1000, height: bottom - top },
      });
    },
  );

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe violations with the popover open (%s)',
    async scheme => {
      await openNews();
      await page.emulateMedia({ colorScheme: scheme });
      await article.hoverQuote('But I will say');
      expect(await axeViolations(page)).toEqual([]);
      // Inside the closed root: first, that the audit reaches it (a nameless button planted
      // there is reported), then the popover and stand-ins as they are.
      await article.ui.evaluate(root => {
        const planted = document.createElement('button');
        planted.dataset.planted = '';
        root!.querySelector('.vb-root')!.append(planted);
      });
      const planted = await article.ui.axe();
      await article.ui.evaluate(root => root!.querySelector('[data-planted]')!.remove());
      expect(planted.map(v => v.id)).toContain('button-name');
      expect(await article.ui.axe()).toEqual([]);
    },
  );

  it('makes no network request of its own', async () => {
    await openNews();
    await article.hoverQuote('NATO will engage');
    // The recorder sees the service worker's requests too: a probe it makes shows up.
    const probe = await ext.worker.evaluate(async () => {
      const url = (
        globalThis as unknown as { chrome: { runtime: { getURL(p: string): string } } }
      ).chrome.runtime.getURL('manifest.json');
      await fetch(url);
      return url;
    });
    await waitUntil(() => ext.workerRequests.includes(probe));
    const foreign = ext.requests.filter(
      url => !url.startsWith(`${ext.origin}/`) && !url.startsWith('chrome-extension://'),
    );
    expect(foreign).toEqual([]);
  });
});
