/**
 * (ui) What a reader sees at a glance, in real Chromium: each finding's mark drawn in its own
 * line style (pixels of each underline compared), the popup's list of the page's quotes and
 * its jumps, the report page and its JSON export, the toolbar badge, the keyboard commands,
 * and the popover's finding and diff in view without scrolling at 1280×800 and 400×800.
 * Screenshots for the README go to docs/ (`VERBATIM_DOCS=1`) and tests/e2e/artifacts/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReportJson } from '../../lib/ui/report-export';
import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import {
  colorDistance,
  kindLine,
  shapesDiffer,
  type Signature,
  underlineSignature,
} from './mark-pixels';
import { ArticlePage } from './page-objects';
import { axeViolations, tabIdOf } from './ui-helpers';

const VERDICTS = 'tests/e2e/pages/verdicts.html';
const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';
const DOCS = process.env.VERBATIM_DOCS ? join(REPO, 'docs') : ARTIFACTS_DIR;
const KINDS = ['verbatim', 'edited', 'paraphrase', 'misattributed', 'nosource'] as const;

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Run a command as the browser would on a shortcut (a test cannot press browser-level keys). */
function runCommand(ext: Extension, command: string, tabId: number) {
  return ext.worker.evaluate(
    ({ command, tabId }) =>
      (
        globalThis as unknown as {
          verbatimRunCommand(
            c: string,
            t: { id: number },
          ): Promise<{ ok: boolean; value?: unknown }>;
        }
      ).verbatimRunCommand(command, { id: tabId }),
    { command, tabId },
  );
}

describe('findings at a glance (light)', () => {
  let ext: Extension;
  let article: ArticlePage;
  let tabId: number;

  beforeAll(async () => {
    ext = await launchExtension();
    const page = await ext.context.newPage();
    article = await new ArticlePage(page).open(ext.serve(VERDICTS));
    tabId = await tabIdOf(ext, page);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('draws each finding’s mark in its own line style, not only its own colour', async () => {
    const decoder = await ext.context.newPage();
    const signatures: Record<string, Signature> = {};
    for (const kind of KINDS) {
      const line = await kindLine(article.page, kind);
      expect(line, `a ${kind} mark`).not.toBeNull();
      await article.page.evaluate(top => window.scrollBy(0, top - 200), line!.top);
      signatures[kind] = await underlineSignature(article.page, decoder, kind);
    }
    await decoder.close();
    console.log(JSON.stringify(signatures));
    for (const kind of KINDS) expect(signatures[kind]!.pixels, kind).toBeGreaterThan(20);
    for (const a of KINDS) {
      for (const b of KINDS) {
        if (a >= b) continue;
        expect(shapesDiffer(signatures[a]!, signatures[b]!), `${a} vs ${b} shape`).toBe(true);
        expect(
          colorDistance(signatures[a]!, signatures[b]!),
          `${a} vs ${b} colour`,
        ).toBeGreaterThan(40);
      }
    }
    // A solid line runs long (broken only where it skips descenders); the no-source line is thin.
    expect(signatures.verbatim!.run).toBeGreaterThan(4 * signatures.edited!.run);
    expect(signatures.nosource!.rows).toBeLessThanOrEqual(2);
    expect(signatures.misattributed!.rows).toBeGreaterThanOrEqual(3);
    expect(signatures.paraphrase!.run).toBeLessThan(signatures.edited!.run);
  });

  it('lists every quote in the popup with its finding and jumps to it', async () => {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(ext.extensionUrl(`popup.html?tab=${tabId}`));
    const items = popup.getByTestId('page-quote');
    await waitUntil(async () => (await items.count()) === 5);
    const kinds = await items.evaluateAll(els => els.map(e => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['verbatim', 'edited', 'paraphrase', 'misattributed', 'nosource']);
    const sources = (await popup.getByTestId('page-quote-source').allTextContents()).map(squash);
    expect(sources[0]).toMatch(/^Jens Stoltenberg · Press conference/);
    expect(sources[3]).toMatch(/^Jens Stoltenberg · .*page names Blinken$/);
    expect(sources[4]).toBe('No source in your corpus');
    await popup.getByTestId('legend').waitFor({ state: 'attached' });

    await article.page.evaluate(() => window.scrollTo(0, 0));
    // Keyboard: Tab into the list, ↓ to the fourth, Enter.
    await items.first().locator('button').focus();
    for (let i = 0; i < 3; i++) await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Enter');
    const popover = article.popover;
    await popover.waitOpen();
    expect(squash(await popover.misattribution.textContent())).toBe(
      'Your corpus has these words from Jens Stoltenberg; the page names Blinken.',
    );
    const line = await kindLine(article.page, 'misattributed');
    const vh = await article.page.evaluate(() => innerHeight);
    expect(line!.top).toBeGreaterThanOrEqual(0);
    expect(line!.top).toBeLessThan(vh);
    await popup.close();
  });

  it('hands the popover over to another mark the pointer moves onto', async () => {
    await article.page.evaluate(() => window.scrollTo(0, 0));
    await article.hoverQuote('NATO will engage', { top: 120 });
    // Straight onto the misattributed quote, at the end of its first line (clear of the popover).
    const line = await kindLine(article.page, 'misattributed');
    await article.page.mouse.move(line!.left + line!.width - 20, line!.top + line!.height / 2, {
      steps: 4,
    });
    await article.ui
      .locator(`${article.proxy('Russia’s aggressive actions').selector}[aria-expanded="true"]`)
      .waitFor({ state: 'attached' });
    await article.popover.waitOpen();
    expect(await article.popover.verdict.getAttribute('data-kind')).toBe('misattributed');
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');
  });

  it('shows the count of matched quotes on the toolbar icon', async () => {
    const text = await ext.worker.evaluate(
      id =>
        (
          globalThis as unknown as {
            chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
          }
        ).chrome.action.getBadgeText({ tabId: id }),
      tabId,
    );
    expect(text).toBe('4');
  });

  it('moves between quotes with the next/previous commands and opens the report', async () => {
    const openQuote = async () =>
      squash(
        await article.ui
          .locator('button.vb-proxy[aria-expanded="true"]')
          .getAttribute('aria-label'),
      );
    await article.page.keyboard.press('Escape');
    const first = await runCommand(ext, 'next-quote', tabId);
    expect(first.ok).toBe(true);
    await article.popover.waitOpen();
    // From the quote opened last (the misattributed one) to the next matched one: the first.
    const a = await openQuote();
    await runCommand(ext, 'next-quote', tabId);
    await waitUntil(async () => (await openQuote()) !== a);
    const b = await openQuote();
    await runCommand(ext, 'previous-quote', tabId);
    await waitUntil(async () => (await openQuote()) === a);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^Quote: “/);

    const opened = ext.context.waitForEvent('page');
    await runCommand(ext, 'open-report', tabId);
    const report = await opened;
    await report.waitForLoadState();
    expect(report.url()).toBe(ext.extensionUrl(`report.html?tab=${tabId}`));
    await report.close();
  });

  it('reports every quote on report.html?tab=<id> and exports JSON in the documented shape', async () => {
    const report = await ext.context.newPage();
    await report.goto(ext.extensionUrl(`report.html?tab=${tabId}`));
    const items = report.getByTestId('report-quote');
    await waitUntil(async () => (await items.count()) === 5);
    expect(await items.evaluateAll(els => els.map(e => e.getAttribute('data-kind')))).toEqual([
      'verbatim',
      'edited',
      'paraphrase',
      'misattributed',
      'nosource',
    ]);
    expect(squash(await items.nth(1).getByTestId('changes').textContent())).toContain(
      '‘our’ printed as ‘all’',
    );
    const download = report.waitForEvent('download');
    await report.getByTestId('export-json').click();
    const file = await (await download).path();
    const json = JSON.parse(await readFile(file, 'utf8')) as ReportJson;
    expect(Object.keys(json).sort()).toEqual(['checkedAt', 'corpus', 'quotes', 'title', 'url']);
    expect(json.url).toBe(ext.serve(VERDICTS));
    expect(json.title).toBe('Allies weigh talks with Moscow | Example Daily');
    expect(Number.isNaN(Date.parse(json.checkedAt))).toBe(false);
    expect(json.corpus.documents).toBe(2);
    expect(typeof json.corpus.version).toBe('string');
    expect(json.quotes).toHaveLength(5);
    for (const q of json.quotes) {
      expect(Object.keys(q).sort()).toEqual(
        [
          'ambiguous',
          'diff',
          'kind',
          'misattributed',
          'pageSpeaker',
          'score',
          'source',
          'text',
          'verdict',
        ].sort(),
      );
      if (q.source) {
        expect(Object.keys(q.source).sort()).toEqual(
          [
            'date',
            'document',
            'end',
            'kind',
            'passage',
            'primary',
            'role',
            'speaker',
            'start',
            'title',
          ].sort(),
        );
      }
    }
    expect(json.quotes.map(q => q.source?.speaker ?? null)).toEqual([
      'Jens Stoltenberg',
      'Jens Stoltenberg',
      'Jens Stoltenberg',
      'Jens Stoltenberg',
      null,
    ]);
    expect(json.quotes.map(q => q.verdict)).toEqual([
      'verbatim',
      'edited',
      'paraphrase',
      expect.any(String),
      null,
    ]);
    expect(json.quotes[3]).toMatchObject({ pageSpeaker: 'Blinken', misattributed: true });
    expect(json.quotes[0]!.source).toMatchObject({ kind: 'transcript', primary: true });
    expect(json.quotes[4]).toMatchObject({ source: null, score: null, diff: [] });
    expect(json.quotes.map(q => q.kind)).toEqual(['quote', 'quote', 'quote', 'quote', 'quote']);
    await report.close();
  });
});

describe.each([
  { width: 1280, height: 800 },
  { width: 400, height: 800 },
])('the popover at $width×$height', viewport => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension({ viewport });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it.each([NEWS, VERDICTS])('shows the finding and the diff without scrolling (%s)', async path => {
    const page = await ext.context.newPage();
    const article = await new ArticlePage(page).open(ext.serve(path));
    const tabId = await tabIdOf(ext, page);
    const marks = await article.proxies.count();
    expect(marks).toBeGreaterThan(3);
    for (let i = 0; i < marks; i++) {
      await runCommand(ext, 'next-quote', tabId);
      await article.popover.waitOpen();
      const view = await article.popover.root.evaluate(el => {
        const box = el.getBoundingClientRect();
        const inView = (sel: string) => {
          const t = el.querySelector(sel);
          if (!t) return null;
          const r = t.getBoundingClientRect();
          return (
            r.top >= box.top &&
            r.bottom <= box.bottom + 0.5 &&
            r.top >= 0 &&
            r.bottom <= innerHeight &&
            r.right <= innerWidth
          );
        };
        return {
          scrollTop: el.scrollTop,
          verdict: inView('[data-testid="verdict"]'),
          diff: inView('[data-testid="diff"]'),
          verdictKind: el.querySelector('[data-testid="verdict"]')?.getAttribute('data-verdict'),
          width: box.width,
        };
      });
      expect(view.scrollTop).toBe(0);
      expect(view.verdict, `quote ${i + 1}: verdict in view`).toBe(true);
      if (view.verdictKind !== 'verbatim')
        expect(view.diff, `quote ${i + 1}: diff in view`).toBe(true);
      expect(view.width).toBeLessThanOrEqual(viewport.width - 16);
    }
    await page.close();
  });
});

describe.each(['light', 'dark'] as const)('screenshots and axe (%s)', scheme => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension({ colorScheme: scheme });
    await mkdir(DOCS, { recursive: true });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('each finding’s popover, the popup list and the report page', async () => {
    const page = await ext.context.newPage();
    const article = await new ArticlePage(page).open(ext.serve(VERDICTS));
    const tabId = await tabIdOf(ext, page);
    const starts: Record<string, string> = {
      verbatim: 'NATO will engage',
      edited: 'We have the plans',
      paraphrase: 'to stand with Ukraine',
      misattributed: 'Russia’s aggressive actions',
    };
    for (const [kind, start] of Object.entries(starts)) {
      const popover = await article.hoverQuote(start, { top: 120 });
      expect(await popover.verdict.getAttribute('data-kind')).toBe(kind);
      if (kind === 'misattributed') expect(await axeViolations(page)).toEqual([]);
      // Each popover itself, inside Verbatim's closed root.
      expect(await article.ui.axe()).toEqual([]);
      await page.screenshot({ path: join(DOCS, `popover-${kind}-${scheme}.png`) });
      await page.mouse.move(2, 2);
      await page.keyboard.press('Escape');
    }
    // The faint mark of a quote without a source, beside the others.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS, `marks-${scheme}.png`) });

    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 380, height: 820 });
    await popup.goto(ext.extensionUrl(`popup.html?tab=${tabId}`));
    await waitUntil(async () => (await popup.getByTestId('page-quote').count()) === 5);
    await popup.locator('.legend-box summary').click();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.screenshot({ path: join(DOCS, `popup-list-${scheme}.png`) });
    await popup.close();

    const report = await ext.context.newPage();
    await report.setViewportSize({ width: 1100, height: 900 });
    await report.goto(ext.extensionUrl(`report.html?tab=${tabId}`));
    await waitUntil(async () => (await report.getByTestId('report-quote').count()) === 5);
    expect(await axeViolations(report)).toEqual([]);
    await report.screenshot({ path: join(DOCS, `report-${scheme}.png`) });
    await report.setViewportSize({ width: 400, height: 800 });
    expect(await axeViolations(report)).toEqual([]);
    await report.close();

    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 400, height: 800 });
    await options.goto(ext.extensionUrl('options.html'));
    await options.getByTestId('doc-row').first().waitFor();
    expect(await axeViolations(options)).toEqual([]);
    const overflow = await options.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'the options page fits 400 px').toBeLessThanOrEqual(0);
    await options.screenshot({ path: join(DOCS, `options-400-${scheme}.png`), fullPage: true });
    await options.close();
    await page.close();
  });
});
