/**
 * The content script on the e2e fixture pages (tests/e2e/pages/): misattributed quotes,
 * quotes in markup, hostile page CSS, content added later, a page without quotes, and a
 * site the reader switched Verbatim off for.
 */
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  ARTIFACTS_DIR,
  type Extension,
  launchExtension,
  waitForVerbatim,
  waitUntil,
} from './fixtures';
import { ArticlePage } from './page-objects';

let ext: Extension;
let page: Page | undefined;

beforeAll(async () => {
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
});

async function open(path: string): Promise<ArticlePage> {
  page = await ext.context.newPage();
  return new ArticlePage(page).open(ext.serve(path));
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('pages', () => {
  it('says plainly when the page attributes a quote to someone else', async () => {
    const article = await open('tests/e2e/pages/misattributed.html');
    expect(await article.highlightCount()).toBe(1);
    const label = await article.proxies.first().getAttribute('aria-label');
    expect(label).toContain('source found: Jens Stoltenberg (the page names Blinken)');
    const popover = await article.hoverQuote('Russia’s aggressive actions');
    expect(squash(await popover.misattribution.textContent())).toContain(
      'Your corpus has these words from Jens Stoltenberg; the page names Blinken.',
    );
    expect(squash(await popover.speaker.textContent())).toMatch(/^Jens Stoltenberg/);
    // The policy brief quotes the same words.
    expect(squash(await popover.root.getByTestId('also-in').textContent())).toContain(
      'Also in: NATO Foreign Ministers',
    );
  });

  it('marks quotes in <q> and <blockquote>', async () => {
    const article = await open('tests/e2e/pages/q-and-blockquote.html');
    expect((await article.markedQuotes()).map(q => q.text)).toEqual([
      'The risk of conflict is real.',
      'NATO remains committed to our dual-track approach to Russia: strong deterrence and defence, combined with meaningful dialogue.',
    ]);
    let popover = await article.hoverQuote('The risk of conflict');
    expect(squash(await popover.passage.textContent())).toBe('The risk of conflict is real');
    popover = await article.hoverQuote('NATO remains committed');
    expect(squash(await popover.speaker.textContent())).toMatch(/^Jens Stoltenberg/);
    expect(squash(await popover.passage.textContent())).toContain('dual-track approach');
    // No misattribution notice: the credit names the speaker.
    await expect(popover.misattribution.count()).resolves.toBe(0);
  });

  it('keeps the popover intact on a page with hostile CSS', async () => {
    const article = await open('tests/e2e/pages/hostile-css.html');
    expect(await article.highlightCount()).toBe(1);
    const popover = await article.hoverQuote('The risk of conflict');
    const styles = await popover.root.evaluate(el => {
      const pick = (e: Element | null) => {
        if (!e) return null;
        const s = getComputedStyle(e);
        return {
          display: s.display,
          position: s.position,
          fontSize: s.fontSize,
          background: s.backgroundColor,
          color: s.color,
          textTransform: s.textTransform,
          letterSpacing: s.letterSpacing,
          fontFamily: s.fontFamily,
          border: s.borderTopStyle,
        };
      };
      const host = (el.getRootNode() as ShadowRoot).host;
      const hs = getComputedStyle(host);
      return {
        popover: pick(el),
        button: pick(el.querySelector('[data-testid="copy"]')),
        passage: pick(el.querySelector('[data-testid="passage-text"]')),
        host: {
          display: hs.display,
          position: hs.position,
          zIndex: hs.zIndex,
          opacity: hs.opacity,
        },
      };
    });
    expect(styles.host).toEqual({
      display: 'block',
      position: 'absolute',
      zIndex: '2147483647',
      opacity: '1',
    });
    expect(styles.popover).toMatchObject({
      display: 'flex',
      position: 'fixed',
      fontSize: '14px',
      background: 'rgb(255, 255, 255)',
      textTransform: 'none',
      letterSpacing: 'normal',
    });
    expect(styles.popover?.fontFamily).not.toContain('Comic');
    expect(styles.button).toMatchObject({ fontSize: '13px', textTransform: 'none' });
    expect(styles.button?.background).not.toBe('rgb(255, 0, 0)');
    expect(styles.passage).toMatchObject({ display: 'inline', fontSize: '14.5px' });
    // Reasonable size: not blown up by the page's 40px fonts.
    const box = (await popover.root.boundingBox())!;
    expect(box.width).toBe(460);
    expect(box.height).toBeLessThan(600);
    await page!.screenshot({ path: join(ARTIFACTS_DIR, 'popover-hostile-css.png') });
  });

  it('marks a quote the page adds two seconds after loading', async () => {
    const article = await open('tests/e2e/pages/late-content.html');
    expect(await article.highlightCount()).toBe(1);
    await article.waitForHighlights(2, 15_000);
    const texts = (await article.markedQuotes()).map(q => q.text);
    expect(texts).toEqual([
      'The Russian military build-up continues',
      'It is a positive signal that Russia is now prepared to come to the table and talk.',
    ]);
    await waitUntil(async () => (await article.proxies.count()) === 2);
    const popover = await article.hoverQuote('It is a positive signal');
    expect(squash(await popover.speaker.textContent())).toMatch(/^Jens Stoltenberg/);
  });

  it('leaves a page without quotes alone: no marks, no UI, no style', async () => {
    const article = await open('tests/e2e/pages/no-quotes.html');
    const trace = await page!.evaluate(() => ({
      highlights: CSS.highlights.size,
      sheets: document.adoptedStyleSheets.length,
      elements: document.querySelectorAll('*').length,
    }));
    // The page's own 12 elements, nothing added.
    expect(trace).toEqual({ highlights: 0, sheets: 0, elements: 12 });
    await expect(article.host.count()).resolves.toBe(0);
    expect(await ext.pageStats(page!)).toEqual({
      ok: true,
      value: { host: '127.0.0.1', found: 0, matched: 0, copies: 0, paused: false },
    });
  });

  it('removes its marks when the reader switches the site off, and comes back when it is on again', async () => {
    const article = await open('tests/e2e/pages/q-and-blockquote.html');
    expect(await article.highlightCount()).toBe(2);
    try {
      const off = await ext.callBackground('updateSettings', { disabledSites: ['127.0.0.1'] });
      expect(off.ok).toBe(true);
      await waitUntil(async () => (await article.highlightCount()) === 0);
      await waitUntil(async () => (await article.host.count()) === 0);
      expect(await ext.pageStats(page!)).toEqual({
        ok: true,
        value: { host: '127.0.0.1', found: 0, matched: 0, copies: 0, paused: true },
      });
      // A page opened on the site now stays untouched.
      await page!.reload();
      await waitForVerbatim(page!);
      expect(await article.highlightCount()).toBe(0);
      expect((await ext.pageStats(page!)).ok && (await ext.pageStats(page!))).toMatchObject({
        value: { paused: true },
      });
    } finally {
      await ext.callBackground('updateSettings', { disabledSites: [] });
    }
    await article.waitForHighlights(2);
    // The focusable stand-ins are laid out after the marks are drawn (in slices).
    await waitUntil(async () => (await article.proxies.count()) === 2);
  });
});
