// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { MAX_DOCUMENT_CHARS } from '@/lib/core/corpus-file';
import {
  distinctIds,
  formatBytes,
  formatOf,
  MAX_IMPORT_BYTES,
  readImportFile,
  readImportFiles,
  type FileLike,
} from '@/lib/import/read-files';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

/** A file from bytes or text, as the picker gives it. */
function file(name: string, content: string | Uint8Array, size?: number): FileLike {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: size ?? bytes.length,
    arrayBuffer: async () => bytes.slice().buffer,
  };
}

const fixture = (name: string) => file(name, new Uint8Array(readFileSync(join(FIXTURES, name))));

describe('readImportFile', () => {
  it('reads a transcript file into one document with guessed metadata', async () => {
    const result = await readImportFile(fixture('halvorsen-press-conference-2025-03-14.txt'));
    expect(result).toMatchObject({
      ok: true,
      format: 'txt',
      encoding: 'utf-8',
      documents: [
        {
          id: 'halvorsen-press-conference-2025-03-14',
          kind: 'transcript',
          date: '2025-03-14',
        },
      ],
    });
  });

  it('reads an HTML page’s main text and metadata', async () => {
    const result = await readImportFile(fixture('harbour-daily-article.html'));
    if (!result.ok) throw new Error(result.error);
    const [doc] = result.documents;
    expect(doc).toMatchObject({
      id: 'harbour-daily-article',
      title: 'Ten-year fishing quota deal signed',
      date: '2025-03-15',
      publisher: 'Harbour Daily',
      sourceUrl: 'https://harbourdaily.example/news/quota-deal-signed',
    });
    expect(doc!.text).toContain('Every result will be published within thirty days');
    expect(doc!.text).not.toContain('<');
  });

  it('reads Markdown with its front matter', async () => {
    const result = await readImportFile(fixture('lighthouse-statement.md'));
    expect(result).toMatchObject({
      ok: true,
      format: 'md',
      documents: [
        {
          id: 'lighthouse-statement',
          title: 'Statement on the lighthouse restoration',
          publisher: 'Northern Heritage Trust',
          date: '2024-06-02',
        },
      ],
    });
  });

  it('reads every document of an export file, aliases included', async () => {
    const result = await readImportFile(fixture('corpus-two-documents.json'));
    if (!result.ok) throw new Error(result.error);
    expect(result.documents.map(d => d.id)).toEqual([
      'ferry-timetable-notice-2024-09-01',
      'school-board-minutes-2024-10',
    ]);
    expect(result.documents[1]!.aliases).toEqual({ 'The Chair': 'Marta Lind' });
  });

  it('reads a Windows-1252 file', async () => {
    const result = await readImportFile(fixture('windows-1252-notes.txt'));
    if (!result.ok) throw new Error(result.error);
    expect(result.encoding).toBe('windows-1252');
    expect(result.documents[0]!.text).toContain(
      '“We will re-open the café on the quay — next week.”',
    );
  });

  it.each([
    ['an empty file', file('empty.txt', ''), 'empty.txt is empty'],
    [
      'a file of white space',
      file('blank.md', '  \n\n\t '),
      'blank.md is empty (it holds only white space)',
    ],
    [
      'a file type Verbatim does not import',
      file('report.pptx', 'PK'),
      'report.pptx is not a file type Verbatim imports (.txt, .md, .html, .pdf, .docx, .json)',
    ],
    [
      'a binary file with a text extension',
      file('scan.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a])),
      'scan.txt is a PDF document, not text',
    ],
    [
      'an HTML page without text',
      file('empty.html', '<html><body><script>x()</script></body></html>'),
      'empty.html has no readable text',
    ],
    [
      'malformed JSON',
      file('broken.json', '{"documents": [ {"id": "a", '),
      /^broken\.json: not valid JSON \(.+\)$/,
    ],
    [
      'JSON of the wrong shape',
      file(
        'wrong.json',
        JSON.stringify({ documents: [{ id: 'a', text: 'x' }, { title: 'no id' }] }),
      ),
      'wrong.json: document 2: missing "id"',
    ],
    [
      'JSON that is not an object',
      file('number.json', '42'),
      'number.json: expected a Verbatim corpus file or a document object',
    ],
    [
      'JSON from a newer Verbatim',
      file('future.json', JSON.stringify({ format: 'verbatim-corpus', version: 9, documents: [] })),
      'future.json: written by a newer Verbatim (format version 9; this one reads up to 1)',
    ],
  ])('refuses %s with a message', async (_, input, message) => {
    const result = await readImportFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses a file over the size limit before reading it, saying its size and the limit', async () => {
    let read = false;
    const big: FileLike = {
      name: 'huge.txt',
      size: MAX_IMPORT_BYTES + 3 * 1024 * 1024,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    expect(await readImportFile(big)).toEqual({
      name: 'huge.txt',
      ok: false,
      error: 'huge.txt is too large (53 MB; the limit is 50 MB)',
    });
    expect(read).toBe(false);
  });

  it('refuses a text longer than a document may be, saying its length and the limit', async () => {
    const result = await readImportFile(
      file('long.txt', 'word '.repeat(MAX_DOCUMENT_CHARS / 5 + 1)),
    );
    expect(result).toMatchObject({
      ok: false,
      error: 'long.txt is too long (5,000,005 characters of text; the limit is 5,000,000)',
    });
  });
});

describe('readImportFiles', () => {
  it('reads files in order, reporting progress and yielding between files', async () => {
    const events: string[] = [];
    const results = await readImportFiles(
      [file('a.txt', 'First text.'), file('b.exe', 'MZ'), file('c.md', '# C\n\nThird.')],
      {
        onProgress: p => events.push(`${p.done}/${p.total}${p.current ? ` ${p.current}` : ''}`),
        yieldToUi: async () => {
          events.push('yield');
        },
      },
    );
    expect(results.map(r => [r.name, r.ok])).toEqual([
      ['a.txt', true],
      ['b.exe', false],
      ['c.md', true],
    ]);
    expect(events).toEqual([
      '0/3 a.txt',
      'yield',
      '1/3 b.exe',
      'yield',
      '2/3 c.md',
      'yield',
      '3/3',
    ]);
  });
});

describe('helpers', () => {
  it('knows the formats by extension, case-insensitively', () => {
    expect(
      ['a.TXT', 'b.markdown', 'c.htm', 'd.json', 'e.PDF', 'f.docx', 'g.doc', 'noext'].map(formatOf),
    ).toEqual(['txt', 'md', 'html', 'json', 'pdf', 'docx', null, null]);
  });

  it('gives documents of one batch distinct ids', () => {
    const doc = {
      id: 'notes',
      title: 'N',
      kind: 'other' as const,
      date: '',
      publisher: '',
      text: 't',
    };
    expect(distinctIds([doc, doc, { ...doc, id: 'other' }, doc]).map(d => d.id)).toEqual([
      'notes',
      'notes-2',
      'other',
      'notes-3',
    ]);
  });

  it('formats sizes', () => {
    expect([12, 2048, 1536 * 1024, 50 * 1024 * 1024].map(formatBytes)).toEqual([
      '12 bytes',
      '2 KB',
      '1.5 MB',
      '50 MB',
    ]);
  });
});
