/**
 * PDF and Word import in Chromium with the built extension: files generated
 * by the test (a text PDF with two speakers across two pages, a scanned-image
 * PDF, a password-protected PDF, a damaged one, a .docx) chosen on the options
 * page go through the same preview as any file; the good ones show their
 * title, date and speakers and save with their page map (a passage on page 2
 * says so); the bad ones say why, and the corpus stays byte-identical.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeDocx, makeEncryptedPdf, makeScannedPdf, makeTextPdf } from '../support/make-files';
import { ARTIFACTS_DIR, type Extension, launchExtension } from './fixtures';
import { OptionsPage } from './ui-helpers';

let ext: Extension;
let options: OptionsPage;

const PAGE_1 = [
  'Press conference by Minister Ingrid Halvorsen on the coastal fisheries agreement',
  'Bergen, 14 March 2025',
  'MINISTER INGRID HALVORSEN: Good morning. The agreement we signed today runs for ten years, and every result will be published within thirty days so that anyone can check our numbers against the catch.',
];
const PAGE_2 = [
  'TOMAS REYES (HARBOUR DAILY): What do you say to the fishermen in the western ports?',
  'MINISTER INGRID HALVORSEN: No one was left out of the room. The western ports were at the table from the first day.',
];

const pdfFile = (name: string, bytes: Uint8Array) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(bytes),
});

/** The whole corpus as stored, every field and every byte of text (the export's timestamp aside). */
async function corpusBytes(): Promise<string> {
  const all = await ext.callBackground('exportCorpus', {});
  if (!all.ok) throw new Error(all.error);
  return JSON.stringify(all.value.documents);
}

beforeAll(async () => {
  ext = await launchExtension();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(ext.extensionUrl('options.html'));
  options = new OptionsPage(page);
  await options.rows.first().waitFor();
});

afterAll(async () => {
  await ext?.close();
});

describe('PDF and Word import', () => {
  for (const [what, make, message] of [
    [
      'a scanned PDF (an image, no text layer)',
      async () => pdfFile('scan.pdf', await makeScannedPdf()),
      'scan.pdf has no text: it is probably a scanned image. Verbatim cannot read images; paste the text instead.',
    ],
    [
      'a password-protected PDF',
      async () => pdfFile('embargoed.pdf', await makeEncryptedPdf('Embargoed until Monday.')),
      'embargoed.pdf is protected by a password. Verbatim cannot open it: save a copy without the password, or paste the text instead.',
    ],
    [
      'a damaged PDF',
      async () => pdfFile('broken.pdf', (await makeTextPdf([PAGE_1])).slice(0, 300)),
      /^broken\.pdf is damaged/,
    ],
    [
      'a damaged Word file',
      async () => ({
        name: 'broken.docx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from((await makeDocx(['Some words'])).slice(0, 60)),
      }),
      /^broken\.docx is damaged or is not really a Word file/,
    ],
  ] as const) {
    it(`refuses ${what} with a clear message; the corpus stays byte-identical`, async () => {
      const before = await corpusBytes();
      await options.pick(await make());
      await options.importErrors.waitFor();
      const items = await options.importErrors.getByRole('listitem').allTextContents();
      expect(items).toHaveLength(1);
      if (typeof message === 'string') expect(items[0]).toBe(message);
      else expect(items[0]).toMatch(message);
      expect(await options.preview.count()).toBe(0);
      expect(await corpusBytes()).toBe(before);
    });
  }

  it('reads a two-page PDF into the preview with its speakers, and saves it with its pages', async () => {
    await options.pick(pdfFile('halvorsen-briefing.pdf', await makeTextPdf([PAGE_1, PAGE_2])));
    await options.preview.waitFor();
    // (The parser keeps an all-capitals label's name as printed.)
    await expect
      .poll(async () => (await options.previewSpeakers()).map(s => s.toLowerCase()))
      .toEqual(expect.arrayContaining(['ingrid halvorsen', 'tomas reyes']));
    const preview = options.preview;
    expect(await preview.getByLabel('Title').inputValue()).toBe(PAGE_1[0]);
    expect(await preview.getByLabel('Date').inputValue()).toBe('2025-03-14');
    await options.page.screenshot({ path: join(ARTIFACTS_DIR, 'import-pdf-preview.png') });
    await preview.getByTestId('save-import').click();
    await options.toast.waitFor();
    expect(await options.toast.textContent()).toContain('as halvorsen-briefing');

    const match = await ext.callBackground('matchQuotes', {
      quotes: [{ text: 'No one was left out of the room' }],
    });
    if (!match.ok) throw new Error(match.error);
    expect(match.value[0]).toMatchObject({
      documentId: 'halvorsen-briefing',
      page: 2,
      speaker: { name: 'Ingrid Halvorsen' },
    });
  });

  it('reads a Word file into the preview and saves it', async () => {
    const bytes = await makeDocx([
      'Statement by the Ministry of Coastal Affairs',
      '15 March 2025',
      {
        bold: 'Minister Ingrid Halvorsen: ',
        text: 'The agreement protects every port on the coast, from the north to the south.',
      },
      { bold: 'Spokesperson Lena Berg: ', text: 'Questions will be answered on Monday morning.' },
      { bold: 'Minister Ingrid Halvorsen: ', text: 'Thank you all for coming.' },
    ]);
    await options.pick({
      name: 'coastal-statement.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(bytes),
    });
    await options.preview.waitFor();
    await expect
      .poll(() => options.previewSpeakers())
      .toEqual(expect.arrayContaining(['Ingrid Halvorsen', 'Lena Berg']));
    expect(await options.preview.getByLabel('Title').inputValue()).toBe(
      'Statement by the Ministry of Coastal Affairs',
    );
    await options.preview.getByTestId('save-import').click();
    await options.toast.waitFor();
    const match = await ext.callBackground('matchQuotes', {
      quotes: [{ text: 'The agreement protects every port on the coast' }],
    });
    if (!match.ok) throw new Error(match.error);
    expect(match.value[0]).toMatchObject({
      documentId: 'coastal-statement',
      speaker: { name: 'Ingrid Halvorsen' },
    });
  });
});
