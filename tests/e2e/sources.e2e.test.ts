/**
 * Sources from where the reader is, in Chromium with the built extension:
 * the first-run page opens on install (axe, light and dark); a transcript page
 * with site furniture is added from the popup (`popup.html?tab=<id>` → "Add
 * this page") through the import preview, and a news page already open marks
 * its quote at once with the right speaker; adding it again offers
 * replace/keep; a selection of reported speech is sourced through the handler
 * the "Find source in Verbatim" menu item calls, and an unsourced one says so
 * and offers the corpus search pre-filled.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { ArticlePage } from './page-objects';
import { axeViolations, OptionsPage, tabIdOf } from './ui-helpers';

const BRIEFING = 'tests/fixtures/pages/add-page/briefing.html';
const NEWS = 'tests/fixtures/pages/add-page/news.html';
const TITLE = 'Press briefing by Environment Minister Aiko Tanaka on river restoration';
const DOC_ID = 'river-restoration-briefing-2025-06-12';
const FURNITURE = [
  'cookies',
  'Accept all',
  'News and press releases',
  'Related briefings',
  'coastal flooding',
  'Open Government Licence',
  'Accessibility statement',
  'Home ›',
];

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await ext?.close();
});

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Open the popup as a page for `page`'s tab and click "Add this page"; returns the options page it opens. */
async function addFromPopup(page: Page): Promise<OptionsPage> {
  const tabId = await tabIdOf(ext, page);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tab=${tabId}`));
  const opened = ext.context.waitForEvent('page', p => p.url().includes('options.html?addTab='));
  await popup.getByTestId('add-page').click();
  const optionsPage = await opened;
  await optionsPage.setViewportSize({ width: 1280, height: 900 });
  const options = new OptionsPage(optionsPage);
  await options.preview.waitFor();
  return options;
}

/** Select the words `words` in the page's text (a real DOM selection, as a reader makes it). */
async function select(page: Page, words: string): Promise<void> {
  await page.evaluate(w => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue?.indexOf(w) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`no text "${w}" on the page`);
  }, words);
}

describe('first run', () => {
  it('opens the welcome page on install, with a live example from the bundled corpus', async () => {
    let welcome: Page | undefined;
    await waitUntil(() => {
      welcome = ext.context.pages().find(p => p.url().endsWith('/welcome.html'));
      return !!welcome;
    });
    const page = welcome!;
    await page.getByTestId('example-answer').waitFor();
    expect(
      squash(await page.getByTestId('example-answer').getByTestId('speaker').textContent()),
    ).toContain('Jens Stoltenberg');
    expect(await page.getByTestId('bundled-list').getByRole('listitem').count()).toBe(2);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS_DIR, `welcome-${scheme}.png`), fullPage: true });
    }
    await page.close();
  });
});

describe('Add this page', () => {
  let news: ArticlePage;
  let briefing: Page;

  it('reads the page into the preview: title, date, speakers, no furniture', async () => {
    news = await new ArticlePage(await ext.context.newPage()).open(ext.serve(NEWS));
    expect(await news.highlightCount()).toBe(0);
    briefing = await ext.context.newPage();
    await new ArticlePage(briefing).open(ext.serve(BRIEFING));

    const options = await addFromPopup(briefing);
    const preview = options.preview;
    expect(await preview.getByLabel('Title').inputValue()).toBe(TITLE);
    expect(await preview.getByLabel('Date').inputValue()).toBe('2025-06-12');
    expect(await preview.getByLabel('Kind').inputValue()).toBe('transcript');
    expect(await preview.getByLabel('Publisher').inputValue()).toBe('Ministry of the Environment');
    expect(await preview.getByLabel('Source address').inputValue()).toBe(
      `https://environment.gov.example/briefings/${DOC_ID}`,
    );
    await waitUntil(async () => (await options.previewSpeakers()).length >= 4);
    expect(await options.previewSpeakers()).toEqual(
      expect.arrayContaining(['Aiko Tanaka', 'Hana Mori', 'Daniel Price', 'Ken Ito']),
    );
    const shown = await preview.textContent();
    for (const furniture of FURNITURE) expect(shown).not.toContain(furniture);
    await options.page.screenshot({ path: join(ARTIFACTS_DIR, 'add-page-preview.png') });
    copyFileSync(
      join(ARTIFACTS_DIR, 'add-page-preview.png'),
      join(REPO, 'docs/add-page-preview.png'),
    );

    await preview.getByTestId('save-import').click();
    await options.toast.waitFor();
    const stored = await ext.callBackground('getDocument', { id: DOC_ID });
    if (!stored.ok) throw new Error(stored.error);
    for (const furniture of FURNITURE) expect(stored.value.document.text).not.toContain(furniture);
    expect(stored.value.document.text).toContain(
      'Every overflow, every hour, published within a week.',
    );
    await options.page.close();
  });

  it('marks the quote on the news page already open, with the right speaker', async () => {
    await news.page.bringToFront();
    await news.waitForHighlights(1);
    const popover = await news.hoverQuote('No river will be left behind');
    expect(squash(await popover.speaker.textContent())).toContain('Aiko Tanaka');
    expect(squash(await popover.document.textContent())).toContain(TITLE);
  });

  it('says the page is already in the corpus, and offers replace or keep both', async () => {
    const before = await ext.callBackground('listDocuments');
    if (!before.ok) throw new Error(before.error);
    const options = await addFromPopup(briefing);
    expect(squash(await options.page.getByTestId('import-notice').textContent())).toContain(
      `This page is already in your corpus as “${TITLE}”`,
    );
    await options.preview.getByTestId('save-import').click();
    const conflict = options.preview.getByTestId('conflict');
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Keep both' }).waitFor();
    await conflict.getByRole('button', { name: 'Replace' }).click();
    await options.toast.waitFor();
    const after = await ext.callBackground('listDocuments');
    if (!after.ok) throw new Error(after.error);
    expect(after.value.map(d => d.id).sort()).toEqual(before.value.map(d => d.id).sort());
    await options.page.close();
  });
});

describe('Find source in Verbatim (a selection)', () => {
  let news: ArticlePage;

  it('sources reported speech (no quotation marks) and opens the popover at the selection', async () => {
    news = new ArticlePage(await ext.context.newPage());
    await news.open(ext.serve(NEWS));
    const words =
      'every overflow, every hour, would be published within a week, and that if people cannot see the data they cannot trust the plan';
    await select(news.page, words);
    const tabId = await tabIdOf(ext, news.page);
    const reply = await ext.callBackground('findSelectionSource', { tabId, text: words });
    expect(reply).toEqual({ ok: true, value: { found: true } });
    const popover = news.popover;
    await popover.waitOpen();
    expect(squash(await popover.passage.textContent())).toContain(
      'Every overflow, every hour, published within a week',
    );
    expect(squash(await popover.speaker.textContent())).toContain('Aiko Tanaka');
    // At the selection: the popover's box is beside the selected words.
    const [sel, box] = await Promise.all([
      news.page.evaluate(() => {
        const r = getSelection()!.getRangeAt(0).getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      }),
      popover.root.boundingBox(),
    ]);
    expect(box).not.toBeNull();
    expect(
      Math.min(Math.abs(box!.y - sel.bottom), Math.abs(box!.y + box!.height - sel.top)),
    ).toBeLessThan(40);
    await news.page.screenshot({ path: join(ARTIFACTS_DIR, 'find-source-found.png') });
    await news.page.keyboard.press('Escape');
  });

  it('says plainly when the corpus has no source, and offers the search pre-filled', async () => {
    const words = 'the minister wants to ban all fishing on the rivers by next spring';
    await select(news.page, words);
    const tabId = await tabIdOf(ext, news.page);
    const reply = await ext.callBackground('findSelectionSource', { tabId, text: words });
    expect(reply).toEqual({ ok: true, value: { found: false } });
    // The notice is in Verbatim's closed shadow root: read from Verbatim's own world.
    const notice = news.ui.locator('[data-testid="source-notice"]');
    await notice.waitFor();
    expect(squash(await notice.textContent())).toContain('No source in your corpus');
    await news.page.screenshot({ path: join(ARTIFACTS_DIR, 'find-source-none.png') });
    const opened = ext.context.waitForEvent('page', p => p.url().includes('popup.html?q='));
    await notice.getByTestId('search-corpus').click();
    const search = await opened;
    await search.getByTestId('search').waitFor();
    expect(await search.getByTestId('search').inputValue()).toBe(words);
  });
});
