/**
 * The options page in Chromium with the built extension: importing a new
 * transcript (preview, alias, save) and seeing an open news page attribute
 * its quote to the right speaker; deleting it and undoing; export, reset and
 * re-import with nothing lost; every bad input refused with its message and
 * the corpus unchanged; settings applied to open tabs at once; keyboard-only
 * use; axe-core in light and dark; screenshots.
 *
 * The tests of a `describe` share one browser and run in order: each
 * starts from the corpus the previous one left, as a user's session would.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DocumentSummary } from '../../lib/messaging/protocol';
import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { ArticlePage } from './page-objects';
import { axeViolations, focusRingVisible, OptionsPage } from './ui-helpers';

const FIXTURES = join(REPO, 'tests/fixtures/import');
const TRANSCRIPT = join(FIXTURES, 'halvorsen-press-conference-2025-03-14.txt');
const TRANSCRIPT_ID = 'halvorsen-press-conference-2025-03-14';
const ARTICLE = 'tests/fixtures/import/harbour-daily-article.html';
const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';
const QUOTE = 'Every result will be published within thirty days';
const CONFERENCE = 'nato-sg-press-conference-2022-01-07';

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

let ext: Extension;
let scratch: string;

beforeAll(async () => {
  ext = await launchExtension();
  scratch = await mkdtemp(join(tmpdir(), 'verbatim-options-e2e-'));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await ext?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function openOptions(): Promise<OptionsPage> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(ext.extensionUrl('options.html'));
  const options = new OptionsPage(page);
  await options.rows.first().waitFor();
  return options;
}

async function corpus(): Promise<DocumentSummary[]> {
  const list = await ext.callBackground('listDocuments');
  if (!list.ok) throw new Error(list.error);
  return list.value;
}

/** The corpus as a user sees it, without the edit times (a re-import is a new edit). */
async function corpusWithoutTimes() {
  return (await corpus()).map(({ updated: _updated, ...rest }) => rest);
}

async function exportedDocuments() {
  const file = await ext.callBackground('exportCorpus', {});
  if (!file.ok) throw new Error(file.error);
  return [...file.value.documents].sort((a, b) => a.id.localeCompare(b.id));
}

/** Press Tab until `matches` holds for the focused element, checking each stop's focus ring. */
async function tabTo(page: Page, description: string, matches: (el: Element) => boolean) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluateHandle(() => document.activeElement);
    const el = here.asElement();
    if (!el) continue;
    const atBody = await el.evaluate(e => e === document.body);
    if (atBody) continue;
    expect(await focusRingVisible(page), `a focus ring on the way to ${description}`).toBe(true);
    if (await el.evaluate(matches)) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

describe('a new transcript, from file to the quote on a news page', () => {
  let options: OptionsPage;
  let article: ArticlePage;

  beforeAll(async () => {
    // A news page quoting the transcript is open before the transcript is imported.
    article = await new ArticlePage(await ext.context.newPage()).open(ext.serve(ARTICLE));
    options = await openOptions();
  });

  afterAll(async () => {
    await article.page.close();
    await options.page.close();
  });

  it('is not matched before the import', async () => {
    expect(await ext.pageStats(article.page)).toMatchObject({ ok: true, value: { matched: 0 } });
    expect(await article.highlightCount()).toBe(0);
  });

  it('previews the transcript’s metadata and speakers; an alias set from a label read confirms it', async () => {
    await options.page.bringToFront();
    await options.pick(TRANSCRIPT);
    await options.preview.waitFor();
    const preview = options.preview;
    await expect(preview.getByLabel('Title').inputValue()).resolves.toBe(
      'Press conference by Minister of Coastal Affairs Ingrid Halvorsen on the new fishing quota agreement',
    );
    await expect(preview.getByLabel('Date').inputValue()).resolves.toBe('2025-03-14');
    await expect(preview.getByLabel('Kind').inputValue()).resolves.toBe('transcript');
    // `IH:` is read as the initials of the minister the first label names.
    await waitUntil(async () => (await options.previewSpeakers()).length === 2);
    expect(await options.previewSpeakers()).toEqual(['Ingrid Halvorsen', 'Tomas Reyes']);

    await preview.getByLabel('Publisher').fill('Ministry of Coastal Affairs');
    await preview.getByRole('button', { name: 'Change who “IH” is' }).click();
    await expect(preview.getByLabel('Alias 1: as written in the text').inputValue()).resolves.toBe(
      'IH',
    );
    await preview.getByLabel('Alias 1: speaker’s name').fill('Ingrid Halvorsen');
    await waitUntil(async () => (await options.previewSpeakers()).length === 2);
    expect(await options.previewSpeakers()).toEqual(['Ingrid Halvorsen', 'Tomas Reyes']);
    const turns = await preview.getByTestId('parsed-turn').allTextContents();
    expect(turns.some(t => t.startsWith('Ingrid Halvorsen (as “IH”)'))).toBe(true);
  });

  it('saves it; the open page matches the quote at once and attributes it to the minister', async () => {
    await options.preview.getByRole('button', { name: 'Save 1 document' }).click();
    await options.preview.waitFor({ state: 'detached' });
    await options.row(TRANSCRIPT_ID).waitFor();
    expect(squash(await options.row(TRANSCRIPT_ID).textContent())).toContain(
      'Transcript14 March 2025Ministry of Coastal Affairs2',
    );
    const stored = await ext.callBackground('getDocument', { id: TRANSCRIPT_ID });
    expect(stored.ok && stored.value.document.aliases).toEqual({
      IH: 'Ingrid Halvorsen',
    });

    // No reload: the background's broadcast makes the page match again.
    await article.waitForHighlights(1);
    await article.page.bringToFront();
    const popover = await article.hoverQuote(QUOTE);
    expect(squash(await popover.speaker.textContent())).toContain('Ingrid Halvorsen');
    expect(squash(await popover.passage.textContent())).toContain(QUOTE);
    await article.page.mouse.move(2, 2);
  });

  it('an alias edited later changes the attribution on the open page, without a reload', async () => {
    await options.page.bringToFront();
    await options.row(TRANSCRIPT_ID).getByRole('button', { name: /^Edit/ }).click();
    const dialog = options.page.getByTestId('edit-dialog');
    await dialog.waitFor();
    const name = dialog.getByLabel('Alias 1: speaker’s name');
    await expect(name.inputValue()).resolves.toBe('Ingrid Halvorsen');
    await name.fill('Minister Halvorsen');
    await dialog.getByTestId('save-edit').click();
    await dialog.waitFor({ state: 'detached' });

    await article.page.bringToFront();
    // The page matches again when the background's broadcast arrives; hover until it has.
    await waitUntil(async () => {
      try {
        const popover = await article.hoverQuote(QUOTE);
        const speaker = squash(await popover.speaker.textContent());
        await article.page.mouse.move(2, 2);
        return speaker.includes('Minister Halvorsen');
      } catch {
        return false; // The marks were being redrawn under the pointer.
      }
    }, 20_000);

    // Back to the alias as imported, for the tests that follow.
    await options.page.bringToFront();
    const restored = await ext.callBackground('updateDocument', {
      id: TRANSCRIPT_ID,
      changes: { aliases: { IH: 'Ingrid Halvorsen' } },
    });
    expect(restored.ok).toBe(true);
  });

  it('opens a document in the reader from its title', async () => {
    await options.page.bringToFront();
    const opened = ext.context.waitForEvent('page');
    await options.row(TRANSCRIPT_ID).getByTestId('doc-title').click();
    const reader = await opened;
    await reader.getByTestId('reader-title').waitFor();
    expect(new URL(reader.url()).searchParams.get('doc')).toBe(TRANSCRIPT_ID);
    expect(squash(await reader.getByTestId('reader-title').textContent())).toBe(
      'Press conference by Minister of Coastal Affairs Ingrid Halvorsen on the new fishing quota agreement',
    );
    await reader.close();
  });

  it('deletes it: the page no longer matches the quote; Undo brings it back', async () => {
    const before = await exportedDocuments();
    await options.page.bringToFront();
    await options
      .row(TRANSCRIPT_ID)
      .getByRole('button', { name: /^Delete/ })
      .click();
    await options.row(TRANSCRIPT_ID).waitFor({ state: 'detached' });
    expect((await corpus()).map(d => d.id)).not.toContain(TRANSCRIPT_ID);
    await waitUntil(async () => (await article.highlightCount()) === 0);
    expect(await ext.pageStats(article.page)).toMatchObject({ ok: true, value: { matched: 0 } });

    await options.page.bringToFront();
    expect(squash(await options.toast.textContent())).toContain('Deleted “Press conference by');
    await options.toast.getByRole('button', { name: 'Undo' }).click();
    await options.row(TRANSCRIPT_ID).waitFor();
    expect(await exportedDocuments()).toEqual(before);
    await article.waitForHighlights(1);
  });

  it('exports, resets and re-imports the corpus with nothing lost', async () => {
    await options.page.bringToFront();
    const beforeList = await corpusWithoutTimes();
    const beforeDocs = await exportedDocuments();
    expect(beforeList.map(d => d.id)).toContain(TRANSCRIPT_ID);

    const downloading = options.page.waitForEvent('download');
    await options.page.getByTestId('export-all').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^verbatim-corpus-\d{4}-\d{2}-\d{2}\.json$/);
    const exportPath = join(scratch, download.suggestedFilename());
    await download.saveAs(exportPath);
    const exported = JSON.parse(readFileSync(exportPath, 'utf8')) as { documents: unknown[] };
    expect(exported.documents).toHaveLength(beforeList.length);

    await options.page.getByTestId('reset').click();
    const dialog = options.page.getByRole('alertdialog', { name: 'Reset the corpus?' });
    await dialog.waitFor();
    await dialog.getByTestId('confirm-reset').click();
    await dialog.waitFor({ state: 'detached' });
    await waitUntil(async () => (await options.rows.count()) === 2);
    expect((await corpus()).map(d => d.origin)).toEqual(['bundled', 'bundled']);
    await waitUntil(async () => (await article.highlightCount()) === 0);

    await options.pick(exportPath);
    await options.preview.waitFor();
    await options.preview
      .getByRole('button', { name: `Save ${beforeList.length} documents` })
      .click();
    // The bundled documents are already there: replace them with the exported ones (equal).
    const conflict = options.preview.getByTestId('conflict');
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Replace' }).click();
    await options.preview.waitFor({ state: 'detached' });
    await waitUntil(async () => (await options.rows.count()) === beforeList.length);

    expect(await corpusWithoutTimes()).toEqual(beforeList);
    expect(await exportedDocuments()).toEqual(beforeDocs);
    await article.waitForHighlights(1);
  });
});

describe('bad input', () => {
  let options: OptionsPage;

  beforeAll(async () => {
    options = await openOptions();
  });

  afterAll(async () => {
    await options.page.close();
  });

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]);
  const cases: Array<
    [string, () => string | { name: string; mimeType: string; buffer: Buffer }, RegExp]
  > = [
    [
      'an empty file',
      () => ({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }),
      /^empty\.txt is empty$/,
    ],
    [
      'a binary file',
      () => ({ name: 'photo.txt', mimeType: 'text/plain', buffer: png }),
      /^photo\.txt is a PNG image, not text$/,
    ],
    [
      'a file over the size limit',
      () => {
        const path = join(scratch, 'huge-transcript.txt');
        writeFileSync(path, Buffer.alloc(51 * 1024 * 1024, 0x61));
        return path;
      },
      /^huge-transcript\.txt is too large \(51 MB; the limit is 50 MB\)$/,
    ],
    [
      'malformed JSON',
      () => ({
        name: 'corpus.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"documents": [ {"id": "a",'),
      }),
      /^corpus\.json: not valid JSON \(.+\)$/,
    ],
    [
      'JSON of the wrong shape',
      () => ({
        name: 'corpus.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({
            format: 'verbatim-corpus',
            version: 1,
            documents: [{ id: 'a', text: 'x', date: 'yesterday' }],
          }),
        ),
      }),
      /^corpus\.json: document 1: "a": "date" must be YYYY, YYYY-MM or YYYY-MM-DD$/,
    ],
    [
      'a file type Verbatim does not import',
      () => ({
        name: 'minutes.pptx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('PK\u0003\u0004'),
      }),
      /^minutes\.pptx is not a file type Verbatim imports \(\.txt, \.md, \.html, \.pdf, \.docx, \.json\)$/,
    ],
  ];

  for (const [what, make, message] of cases) {
    it(`refuses ${what} with a clear message, leaving the corpus unchanged`, async () => {
      const before = await corpus();
      await options.pick(make());
      await options.importErrors.waitFor();
      const items = await options.importErrors.getByRole('listitem').allTextContents();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatch(message);
      expect(await options.preview.count()).toBe(0);
      expect(await corpus()).toEqual(before);
    });
  }

  it('refuses a duplicate until the user chooses, and Cancel leaves the corpus unchanged', async () => {
    const before = await corpus();
    const exported = await ext.callBackground('exportCorpus', { ids: [CONFERENCE] });
    if (!exported.ok) throw new Error(exported.error);
    await options.pick({
      name: 'conference-copy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported.value)),
    });
    await options.preview.waitFor();
    await options.preview.getByTestId('save-import').click();
    const conflict = options.preview.getByTestId('conflict');
    await conflict.waitFor();
    expect(squash(await conflict.textContent())).toContain(
      `"${CONFERENCE}" is already in the corpus`,
    );
    await options.preview.getByRole('button', { name: 'Cancel' }).click();
    await options.preview.waitFor({ state: 'detached' });
    expect(await corpus()).toEqual(before);
  });
});

describe('settings', () => {
  let options: OptionsPage;
  let news: ArticlePage;

  beforeAll(async () => {
    news = await new ArticlePage(await ext.context.newPage()).open(ext.serve(NEWS));
    options = await openOptions();
  });

  afterAll(async () => {
    await news.page.close();
    await options.page.close();
  });

  it('a site where Verbatim never runs loses its marks at once, and gets them back when removed', async () => {
    expect(await news.highlightCount()).toBe(7);
    await options.page.getByTestId('new-site').fill('127.0.0.1');
    await options.page.getByRole('button', { name: 'Add site' }).click();
    await options.page.getByRole('button', { name: 'Remove 127.0.0.1' }).waitFor();
    await waitUntil(async () => (await news.highlightCount()) === 0);

    await options.page.getByRole('button', { name: 'Remove 127.0.0.1' }).click();
    await news.waitForHighlights(7);
  });

  it('a minimum quote length applies to open pages at once', async () => {
    const input = options.page.getByTestId('min-words');
    await input.fill('40');
    await input.press('Enter');
    await waitUntil(async () => (await news.highlightCount()) < 7);
    const settings = await ext.callBackground('getSettings');
    expect(settings.ok && settings.value.minQuoteWords).toBe(40);
    await input.fill('4');
    await input.press('Enter');
    await news.waitForHighlights(7);
  });

  it('a stricter match sensitivity drops the loose paraphrase from open pages at once', async () => {
    // The report's last quote is a paraphrase (score about 0.74): balanced finds it, strict does not.
    // The radios show the saved setting, so they turn on once the background has it.
    const choose = async (name: RegExp) => {
      const radio = options.page.getByRole('radio', { name });
      await radio.click();
      await waitUntil(() => radio.isChecked());
    };
    await choose(/^Strict/);
    await waitUntil(async () => (await news.highlightCount()) === 6);
    expect(await ext.pageStats(news.page)).toMatchObject({
      ok: true,
      value: { found: 7, matched: 6 },
    });
    const settings = await ext.callBackground('getSettings');
    expect(settings.ok && settings.value.sensitivity).toBe('strict');
    await choose(/^Balanced/);
    await news.waitForHighlights(7);
  });

  it('explains a host name it cannot take', async () => {
    await options.page.getByTestId('new-site').fill('not a host');
    await options.page.getByRole('button', { name: 'Add site' }).click();
    await options.page.getByText('"not a host" is not a host name (like example.com)').waitFor();
    const settings = await ext.callBackground('getSettings');
    expect(settings.ok && settings.value.disabledSites).toEqual([]);
  });
});

describe('keyboard only', () => {
  let options: OptionsPage;

  beforeAll(async () => {
    options = await openOptions();
  });

  afterAll(async () => {
    await options.page.close();
  });

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el
        ? el.getAttribute('aria-label') || el.id || el.textContent?.trim() || el.tagName
        : '';
    });

  it('filters and sorts the list', async () => {
    const { page } = options;
    await tabTo(page, 'the filter', el => el.id === 'doc-filter');
    await page.keyboard.type('brief');
    await waitUntil(async () => (await options.rows.count()) === 1);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitUntil(async () => (await options.rows.count()) >= 2);

    await tabTo(page, 'the Date header', el => el.textContent?.startsWith('Date') ?? false);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('columnheader', { name: /^Date/ }).getAttribute('aria-sort'),
    ).resolves.toBe('descending');
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('columnheader', { name: /^Date/ }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
  });

  it('edits in a dialog that holds the focus and closes on Escape', async () => {
    const { page } = options;
    await tabTo(page, 'an Edit button', el =>
      (el.getAttribute('aria-label') ?? '').startsWith('Edit “Press conference by NATO'),
    );
    const opener = await focused(page);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('edit-dialog');
    await dialog.waitFor();
    await waitUntil(async () => (await focused(page)) === 'edit-title');
    // Shift+Tab from the first control goes round to the last, and back.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Save changes');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('edit-title');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe(opener);
  });

  it('deletes and undoes from the keyboard', async () => {
    const { page } = options;
    const before = await exportedDocuments();
    await page.keyboard.press('Tab'); // from Edit to Delete of the same row
    expect(await focused(page)).toMatch(/^Delete “Press conference by NATO/);
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await focused(page)) === 'Undo');
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await exportedDocuments()).length === before.length);
    expect(await exportedDocuments()).toEqual(before);
    // The Undo button is gone: the focus moves to the restored document.
    await waitUntil(async () => /^Press conference by NATO/.test(await focused(page)));
  });

  it('imports pasted text', async () => {
    const { page } = options;
    await tabTo(page, 'the paste box', el => el.id === 'paste-text');
    await page.keyboard.type(
      'Statement by Harbour Master Ole Brandt\n\nThe northern quay will reopen to ferries on Monday morning.',
    );
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Preview pasted text');
    await page.keyboard.press('Enter');
    await options.preview.waitFor();
    await tabTo(page, 'Save', el => el.textContent === 'Save 1 document');
    await page.keyboard.press('Enter');
    await options.preview.waitFor({ state: 'detached' });
    await options.row('statement-by-harbour-master-ole-brandt').waitFor();
    await ext.callBackground('deleteDocuments', {
      ids: ['statement-by-harbour-master-ole-brandt'],
    });
  });

  it('changes the match sensitivity with the arrow keys', async () => {
    const { page } = options;
    await tabTo(page, 'the sensitivity radios', el => el.getAttribute('name') === 'sensitivity');
    await page.keyboard.press('ArrowUp');
    await waitUntil(async () => {
      const s = await ext.callBackground('getSettings');
      return s.ok && s.value.sensitivity === 'strict';
    });
    await page.keyboard.press('ArrowDown');
    await waitUntil(async () => {
      const s = await ext.callBackground('getSettings');
      return s.ok && s.value.sensitivity === 'balanced';
    });
  });

  it('opens the reset confirmation, keeps the focus in it, and Escape cancels', async () => {
    const { page } = options;
    const before = await corpus();
    await tabTo(page, 'Reset', el => el.getAttribute('data-testid') === 'reset');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await waitUntil(async () => (await focused(page)) === 'Cancel');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Reset corpus');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Export first');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('Reset to the bundled corpus…');
    expect(await corpus()).toEqual(before);
  });
});

describe('accessibility and looks', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations on the page and in its dialogs (${scheme})`, async () => {
      const options = await openOptions();
      const { page } = options;
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('settings').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const file = join(ARTIFACTS_DIR, `options-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      if (scheme === 'light') copyFileSync(file, join(REPO, 'docs/options.png'));

      await options.pick(TRANSCRIPT);
      await options.preview.waitFor();
      await waitUntil(async () => (await options.previewSpeakers()).length === 2);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS_DIR, `options-import-${scheme}.png`) });
      await page.keyboard.press('Escape');
      await options.preview.waitFor({ state: 'detached' });

      await page.getByTestId('reset').click();
      await page.getByRole('alertdialog').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.close();
    });
  }
});
