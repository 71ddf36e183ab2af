import { describe, expect, it } from 'vitest';

import { parseDocument } from '@/lib/core/parse-document';
import { pageAt } from '@/lib/core/pages';
import { readImportFile, type FileLike } from '@/lib/import/read-files';
import { loadNodePdfjs } from '@/lib/import/pdfjs-node';

import { makeDocx, makeEncryptedPdf, makeScannedPdf, makeTextPdf } from '../../support/make-files';

const file = (name: string, bytes: Uint8Array): FileLike => ({
  name,
  size: bytes.length,
  arrayBuffer: async () => bytes.slice().buffer,
});

const read = (name: string, bytes: Uint8Array, onPages?: (d: number, t: number) => void) =>
  readImportFile(file(name, bytes), {
    loadPdfjs: loadNodePdfjs,
    yieldToUi: async () => undefined,
    ...(onPages ? { onPages } : {}),
  });

const PAGE_1 = [
  'Press conference by Minister Ingrid Halvorsen on the coastal fisheries agreement',
  'Bergen, 14 March 2025',
  'MINISTER INGRID HALVORSEN: Good morning. The agreement we signed today runs for ten years, and every result will be published within thirty days so that anyone can check our numbers against the catch.',
];
const PAGE_2 = [
  'TOMAS REYES (HARBOUR DAILY): What do you say to the fishermen in the western ports?',
  'MINISTER INGRID HALVORSEN: No one was left out of the room. The western ports were at the table from the first day.',
];

describe('PDF import', () => {
  it('reads a text PDF across pages, keeps paragraphs and speaker turns, and maps pages', async () => {
    const pages: Array<[number, number]> = [];
    const result = await read('halvorsen.pdf', await makeTextPdf([PAGE_1, PAGE_2]), (d, t) =>
      pages.push([d, t]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('pdf');
    const [doc] = result.documents;
    expect(doc!.title).toBe(PAGE_1[0]);
    expect(doc!.date).toBe('2025-03-14');
    expect(doc!.kind).toBe('transcript');
    // Wrapped lines stay in their paragraph; paragraphs are separated by blank lines.
    expect(doc!.text.replace(/\n(?!\n)/g, ' ')).toContain(
      'runs for ten years, and every result will be published within thirty days',
    );
    expect(doc!.text.split('\n\n')).toHaveLength(5);
    expect(pages).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const second = doc!.text.indexOf('TOMAS REYES');
    expect(doc!.pages).toEqual([0, second]);
    expect(pageAt(doc!.pages!, doc!.text.indexOf('thirty days'))).toBe(1);
    expect(pageAt(doc!.pages!, doc!.text.indexOf('No one was left out'))).toBe(2);

    const parsed = parseDocument(doc!);
    const speakerAt = (words: string) => {
      const at = doc!.text.indexOf(words);
      const a = parsed.attributions.find(x => x.start <= at && at < x.end);
      return a ? parsed.speakers[a.speaker]!.name : null;
    };
    expect(speakerAt('thirty days')).toMatch(/Halvorsen/i);
    expect(speakerAt('western ports?')).toMatch(/Reyes/i);
    expect(speakerAt('No one was left out')).toMatch(/Halvorsen/i);
  });

  it('says a scanned PDF has no text, and returns no document', async () => {
    const result = await read('scan.pdf', await makeScannedPdf());
    expect(result).toEqual({
      name: 'scan.pdf',
      ok: false,
      error:
        'scan.pdf has no text: it is probably a scanned image. Verbatim cannot read images; paste the text instead.',
    });
  });

  it('says a password-protected PDF cannot be opened', async () => {
    const result = await read('embargoed.pdf', await makeEncryptedPdf('Embargoed until Monday.'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(
      'embargoed.pdf is protected by a password. Verbatim cannot open it: save a copy without the password, or paste the text instead.',
    );
  });

  it('says a corrupt PDF is damaged', async () => {
    const good = await makeTextPdf([PAGE_1]);
    const truncated = good.slice(0, 300);
    const result = await read('broken.pdf', truncated);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^broken\.pdf is damaged/);
  });

  it('refuses a PDF over the size limit before reading it', async () => {
    const huge: FileLike = {
      name: 'huge.pdf',
      size: 60 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('must not be read')),
    };
    const result = await readImportFile(huge, { loadPdfjs: loadNodePdfjs });
    expect(result).toMatchObject({
      ok: false,
      error: 'huge.pdf is too large (60 MB; the limit is 50 MB)',
    });
  });
});

describe('Word import', () => {
  it('reads a .docx paragraph by paragraph, speaker labels included', async () => {
    const bytes = await makeDocx([
      'Statement by the Ministry of Coastal Affairs',
      '15 March 2025',
      {
        bold: 'Minister Ingrid Halvorsen: ',
        text: 'The agreement protects every port on the coast.',
      },
      { bold: 'Spokesperson Lena Berg: ', text: 'Questions will be answered on Monday.' },
      { bold: 'Minister Ingrid Halvorsen: ', text: 'Thank you all for coming.' },
    ]);
    const result = await read('statement.docx', bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [doc] = result.documents;
    expect(doc!.title).toBe('Statement by the Ministry of Coastal Affairs');
    expect(doc!.date).toBe('2025-03-15');
    expect(doc!.text.split('\n\n')).toEqual([
      'Statement by the Ministry of Coastal Affairs',
      '15 March 2025',
      'Minister Ingrid Halvorsen: The agreement protects every port on the coast.',
      'Spokesperson Lena Berg: Questions will be answered on Monday.',
      'Minister Ingrid Halvorsen: Thank you all for coming.',
    ]);
    expect(doc!.pages).toBeUndefined();
    const parsed = parseDocument(doc!);
    expect(parsed.speakers.map(s => s.name)).toEqual(
      expect.arrayContaining(['Ingrid Halvorsen', 'Lena Berg']),
    );
  });

  it('says a damaged Word file cannot be read', async () => {
    const good = await makeDocx(['Some text']);
    const result = await read('broken.docx', good.slice(0, 40));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^broken\.docx is damaged or is not really a Word file/);
  });

  it('says a password-protected Word file (an encrypted OLE container) cannot be read', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const result = await read('locked.docx', ole);
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^locked\.docx is protected by a password/),
    });
  });
});
