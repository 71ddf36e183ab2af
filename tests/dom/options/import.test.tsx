// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

import { MAX_IMPORT_BYTES } from '@/lib/import/read-files';
import type { Result } from '@/lib/messaging/protocol';
import { SAMPLE_DOCUMENTS } from '@/lib/ui/mock-actions';

import { fixtureFile, pick, setup, tableLoaded, textFile } from './helpers';

afterEach(cleanup);

const TRANSCRIPT = 'halvorsen-press-conference-2025-03-14.txt';

const dialog = () => screen.getByTestId('import-preview');
const speakers = () =>
  within(dialog())
    .queryAllByTestId('parsed-speaker')
    .map(li => li.querySelector('.speaker-name')?.textContent);

async function openPreview(...files: File[]) {
  pick(...files);
  return screen.findByTestId('import-preview');
}

describe('importing a file', () => {
  it('previews the parsed metadata and speakers before saving anything', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(fixtureFile(TRANSCRIPT));
    const preview = dialog();
    expect(within(preview).getByRole('heading', { level: 2 }).textContent).toBe(
      'Check 1 document before saving',
    );
    expect((within(preview).getByLabelText('Title') as HTMLInputElement).value).toBe(
      'Press conference by Minister of Coastal Affairs Ingrid Halvorsen on the new fishing quota agreement',
    );
    expect((within(preview).getByLabelText('Date') as HTMLInputElement).value).toBe('2025-03-14');
    expect((within(preview).getByLabelText('Kind') as HTMLSelectElement).value).toBe('transcript');
    // `IH:` is read as the initials of the minister the first label names in full.
    await waitFor(() => expect(speakers()).toEqual(['Ingrid Halvorsen', 'Tomas Reyes']));
    expect(within(preview).getByTestId('parse-summary').textContent).toMatch(
      /^2 speakers · \d+ passages$/,
    );
    const turns = within(preview)
      .getAllByTestId('parsed-turn')
      .map(t => t.textContent);
    expect(turns).toContainEqual(
      expect.stringMatching(
        /^Tomas Reyes \(as “Tomas Reyes \(Harbour Daily\)”\)Thank you, Minister\./,
      ),
    );
    expect(backend.callsTo('saveDocuments')).toHaveLength(0);
  });

  const labelsRead = () =>
    within(dialog())
      .queryAllByTestId('parsed-label')
      .map(li => [
        li.querySelector('.label-as-written')?.textContent,
        li.querySelector('[data-testid="label-speaker"]')?.textContent,
      ]);

  it('lists each label read and the person it resolved to', async () => {
    setup();
    await tableLoaded();
    await openPreview(fixtureFile(TRANSCRIPT));
    await waitFor(() =>
      expect(labelsRead()).toEqual([
        ['“Minister of Coastal Affairs Ingrid Halvorsen”', 'Ingrid Halvorsen'],
        ['“Tomas Reyes (Harbour Daily)”', 'Tomas Reyes'],
        ['“IH”', 'Ingrid Halvorsen'],
      ]),
    );
    const ih = within(dialog())
      .getAllByTestId('parsed-label')
      .find(li => li.textContent?.includes('“IH”'))!;
    expect(ih.textContent).toMatch(/Minister of Coastal Affairs \(\d+ turns\)/);
  });

  it('corrects a label from the list through the alias editor, and the preview follows', async () => {
    setup();
    await tableLoaded();
    await openPreview(fixtureFile(TRANSCRIPT));
    await waitFor(() => expect(speakers()).toEqual(['Ingrid Halvorsen', 'Tomas Reyes']));

    fireEvent.click(within(dialog()).getByRole('button', { name: 'Change who “IH” is' }));
    const written = await within(dialog()).findByLabelText('Alias 1: as written in the text');
    expect((written as HTMLInputElement).value).toBe('IH');
    const name = within(dialog()).getByLabelText('Alias 1: speaker’s name');
    await waitFor(() => expect(document.activeElement).toBe(name));
    fireEvent.input(name, { target: { value: 'Ivar Hansen' } });
    await waitFor(() =>
      expect(speakers()).toEqual(['Ingrid Halvorsen', 'Tomas Reyes', 'Ivar Hansen']),
    );
    expect(labelsRead()).toContainEqual(['“IH”', 'Ivar Hansen']);
    const turns = within(dialog())
      .getAllByTestId('parsed-turn')
      .map(t => t.textContent);
    expect(turns).toContainEqual(expect.stringMatching(/^Ivar Hansen \(as “IH”\)I have met/));

    fireEvent.click(within(dialog()).getByRole('button', { name: /Remove alias 1/ }));
    await waitFor(() => expect(speakers()).toEqual(['Ingrid Halvorsen', 'Tomas Reyes']));
  });

  it('saves the document with the edited metadata and aliases, then lists it', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(fixtureFile(TRANSCRIPT));
    const preview = dialog();
    fireEvent.input(within(preview).getByLabelText('Title'), {
      target: { value: 'Halvorsen press conference on fishing quotas' },
    });
    fireEvent.input(within(preview).getByLabelText('Publisher'), {
      target: { value: 'Ministry of Coastal Affairs' },
    });
    fireEvent.input(within(preview).getByLabelText('Source address'), {
      target: { value: 'https://coastal.example/press/quotas' },
    });
    fireEvent.click(within(preview).getByRole('button', { name: 'Add an alias' }));
    fireEvent.input(within(preview).getByLabelText('Alias 1: as written in the text'), {
      target: { value: 'Tomas Reyes (Harbour Daily)' },
    });
    fireEvent.input(within(preview).getByLabelText('Alias 1: speaker’s name'), {
      target: { value: 'Tomás Reyes' },
    });
    fireEvent.click(within(preview).getByRole('button', { name: 'Save 1 document' }));

    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    const saved = backend.documents().find(d => d.id === 'halvorsen-press-conference-2025-03-14');
    expect(saved).toMatchObject({
      title: 'Halvorsen press conference on fishing quotas',
      publisher: 'Ministry of Coastal Affairs',
      sourceUrl: 'https://coastal.example/press/quotas',
      kind: 'transcript',
      date: '2025-03-14',
      aliases: { 'Tomas Reyes (Harbour Daily)': 'Tomás Reyes' },
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('doc-title').map(a => a.textContent)).toContain(
        'Halvorsen press conference on fishing quotas',
      ),
    );
    expect(screen.getByTestId('toast').textContent).toContain(
      'Saved “Halvorsen press conference on fishing quotas” as halvorsen-press-conference-2025-03-14.',
    );
  });

  it('refuses to save an invalid date, saying how to write it', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(fixtureFile(TRANSCRIPT));
    fireEvent.input(within(dialog()).getByLabelText('Date'), { target: { value: '14/03/2025' } });
    expect(
      within(dialog()).getByText('Write the date as YYYY-MM-DD, YYYY-MM or YYYY.'),
    ).toBeTruthy();
    fireEvent.click(within(dialog()).getByTestId('save-import'));
    expect((await within(dialog()).findByTestId('import-error')).textContent).toContain(
      'Write the date as YYYY-MM-DD',
    );
    expect(backend.callsTo('saveDocuments')).toHaveLength(0);
  });

  it('imports dropped files the same way', async () => {
    setup();
    await tableLoaded();
    fireEvent.drop(screen.getByTestId('drop-zone'), {
      dataTransfer: { files: [fixtureFile('lighthouse-statement.md')] },
    });
    const preview = await screen.findByTestId('import-preview');
    expect((within(preview).getByLabelText('Title') as HTMLInputElement).value).toBe(
      'Statement on the lighthouse restoration',
    );
  });

  it('previews and saves pasted text', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.input(screen.getByTestId('paste-text'), {
      target: { value: 'Statement by Mayor Lena Okafor\n\nThe harbour bridge will reopen in May.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview pasted text' }));
    const preview = await screen.findByTestId('import-preview');
    fireEvent.click(within(preview).getByTestId('save-import'));
    await waitFor(() =>
      expect(backend.documents().map(d => d.id)).toContain('statement-by-mayor-lena-okafor'),
    );
  });

  it('asks for text before previewing an empty paste', async () => {
    setup();
    await tableLoaded();
    fireEvent.click(screen.getByRole('button', { name: 'Preview pasted text' }));
    expect(screen.getByText('Paste the text of a document first.')).toBeTruthy();
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('closes the preview on Escape without saving, and gives the focus back', async () => {
    const { backend } = setup();
    await tableLoaded();
    const chooser = screen.getByRole('button', { name: 'Choose files…' });
    chooser.focus();
    await openPreview(fixtureFile(TRANSCRIPT));
    await waitFor(() => expect(dialog().contains(document.activeElement)).toBe(true));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(document.activeElement).toBe(chooser);
    expect(backend.callsTo('saveDocuments')).toHaveLength(0);
  });
});

describe('bad input', () => {
  it.each([
    ['an empty file', () => textFile('empty.txt', ''), 'empty.txt is empty'],
    [
      'a binary file',
      () =>
        textFile(
          'photo.txt',
          new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        ),
      'photo.txt is a PNG image, not text',
    ],
    [
      'a file type Verbatim does not import',
      () => textFile('slides.pptx', 'PK'),
      'slides.pptx is not a file type Verbatim imports (.txt, .md, .html, .pdf, .docx, .json)',
    ],
    [
      'malformed JSON',
      () => textFile('corpus.json', '{"format": "verbatim-corpus", "documents": ['),
      /^corpus\.json: not valid JSON \(.+\)$/,
    ],
    [
      'JSON of the wrong shape',
      () =>
        textFile(
          'corpus.json',
          JSON.stringify({ documents: [{ id: 'x', text: 'Some text.', kind: 'speech' }] }),
        ),
      'corpus.json: document 1: "x": unknown kind "speech" (one of transcript, statement, brief, article, other)',
    ],
    [
      'JSON without documents',
      () =>
        textFile('corpus.json', JSON.stringify({ format: 'verbatim-corpus', documents: 'none' })),
      'corpus.json: "documents" is not a list',
    ],
  ])('shows a clear message for %s and saves nothing', async (_, make, message) => {
    const { backend } = setup();
    await tableLoaded();
    const before = backend.documents();
    pick(make());
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('Nothing was imported.');
    expect(within(errors).getByRole('listitem').textContent).toMatch(message);
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(backend.callsTo('saveDocuments')).toHaveLength(0);
    expect(backend.documents()).toEqual(before);
  });

  it('says the size and the limit of a file that is too large', async () => {
    const { backend } = setup();
    await tableLoaded();
    const big = textFile('archive.json', '{}');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 10 * 1024 * 1024 });
    pick(big);
    expect((await screen.findByTestId('import-errors')).textContent).toContain(
      'archive.json is too large (60 MB; the limit is 50 MB)',
    );
    expect(backend.callsTo('saveDocuments')).toHaveLength(0);
  });

  it('imports the good files of a batch and lists the ones left out', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(
      fixtureFile(TRANSCRIPT),
      textFile('empty.md', ''),
      fixtureFile('lighthouse-statement.md'),
    );
    const preview = dialog();
    expect(within(preview).getByTestId('import-skipped').textContent).toContain(
      'empty.md is empty',
    );
    expect(within(preview).getByRole('heading', { level: 2 }).textContent).toBe(
      'Check 2 documents before saving',
    );
    fireEvent.click(within(preview).getByRole('button', { name: 'Save 2 documents' }));
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    expect(backend.documents().map(d => d.id)).toEqual(
      expect.arrayContaining(['halvorsen-press-conference-2025-03-14', 'lighthouse-statement']),
    );
    expect(backend.documents()).toHaveLength(4);
  });
});

describe('duplicates', () => {
  const sample = SAMPLE_DOCUMENTS[1]!;
  const duplicateFile = () =>
    textFile(`${sample.id}.json`, JSON.stringify({ ...sample, title: 'A newer version' }));

  it('offers Replace or Keep both when a document is already stored, and saves nothing until then', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(duplicateFile());
    fireEvent.click(within(dialog()).getByTestId('save-import'));
    const conflict = await within(dialog()).findByTestId('conflict');
    expect(conflict.textContent).toContain(
      `Already in your corpus: "${sample.id}" is already in the corpus ("${sample.title}").`,
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(conflict).getByRole('button', { name: 'Replace' }),
      ),
    );
    expect(backend.documents().find(d => d.id === sample.id)!.title).toBe(sample.title);

    fireEvent.click(within(conflict).getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    expect(backend.callsTo('saveDocuments').map(c => c.args[1])).toEqual(['fail', 'replace']);
    expect(
      backend
        .documents()
        .filter(d => d.id.startsWith(sample.id))
        .map(d => d.title),
    ).toEqual(['A newer version']);
  });

  it('keeps both under a new id', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(duplicateFile());
    fireEvent.click(within(dialog()).getByTestId('save-import'));
    fireEvent.click(await within(dialog()).findByRole('button', { name: 'Keep both' }));
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    expect(
      backend
        .documents()
        .filter(d => d.id.startsWith(sample.id))
        .map(d => [d.id, d.title]),
    ).toEqual([
      [sample.id, sample.title],
      [`${sample.id}-2`, 'A newer version'],
    ]);
  });

  it('finds a duplicate by its text under another name', async () => {
    const { backend } = setup();
    await tableLoaded();
    await openPreview(textFile('copy-of-statement.txt', sample.text));
    fireEvent.click(within(dialog()).getByTestId('save-import'));
    expect((await within(dialog()).findByTestId('conflict')).textContent).toContain(
      `"copy-of-statement" has the same text as "${sample.id}"`,
    );
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Back to the preview' }));
    expect(within(dialog()).queryByTestId('conflict')).toBeNull();
    expect(backend.documents()).toHaveLength(2);
  });
});

describe('progress', () => {
  it('shows a progress bar with “Reading n of m…” while files are read', async () => {
    const gates: Array<() => void> = [];
    setup({}, { yieldToUi: () => new Promise<void>(resolve => gates.push(resolve)) });
    await tableLoaded();
    pick(textFile('one.txt', 'One.'), textFile('two.txt', 'Two.'), textFile('three.txt', 'Three.'));

    await waitFor(() => expect(gates).toHaveLength(1));
    const status = screen.getByTestId('import-progress');
    expect(status.textContent).toBe('Reading 1 of 3…');
    const bar = status.querySelector('progress')!;
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['0', '3']);
    expect(screen.getByRole('button', { name: 'Choose files…' }).hasAttribute('disabled')).toBe(
      true,
    );

    gates[0]!();
    await waitFor(() => expect(gates).toHaveLength(2));
    expect(status.textContent).toBe('Reading 2 of 3…');
    expect(bar.getAttribute('value')).toBe('1');
    gates[1]!();
    await waitFor(() => expect(gates).toHaveLength(3));
    gates[2]!();
    await screen.findByTestId('import-preview');
    expect(screen.getByTestId('import-progress').textContent).toBe('');
  });

  it('names the file while a single file is read', async () => {
    const gates: Array<() => void> = [];
    setup({}, { yieldToUi: () => new Promise<void>(resolve => gates.push(resolve)) });
    await tableLoaded();
    pick(fixtureFile(TRANSCRIPT));
    await waitFor(() => expect(gates).toHaveLength(1));
    const status = screen.getByTestId('import-progress');
    expect(status.textContent).toBe(`Reading ${TRANSCRIPT}…`);
    // One file: an indeterminate bar (no value), as its reading cannot be measured.
    expect(status.querySelector('progress')!.hasAttribute('value')).toBe(false);
    gates[0]!();
    await screen.findByTestId('import-preview');
  });
});

describe('stale import errors (ui)', () => {
  it('go once something else succeeds (a reset)', async () => {
    setup();
    await tableLoaded();
    pick(textFile('empty.md', ''));
    expect((await screen.findByTestId('import-errors')).textContent).toContain(
      'Nothing was imported.',
    );
    fireEvent.click(screen.getByTestId('reset'));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByTestId('confirm-reset'));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('reset'));
    expect(screen.queryByTestId('import-errors')).toBeNull();
  });
});

describe('progress of an import', () => {
  it('shows each document written while saving, then the indexing, then nothing', async () => {
    const { backend, actions } = setup();
    await tableLoaded();
    await openPreview(fixtureFile(TRANSCRIPT), textFile('note.txt', 'A short note on nothing.'));
    // The background writes one document after the other: the save answers once all are in.
    let finish!: () => void;
    const save = actions.saveDocuments;
    actions.saveDocuments = (...args) =>
      new Promise<Result<{ saved: string[] }>>(resolve => {
        finish = () => void save(...args).then(resolve);
      });
    backend.index = { indexing: true, step: 'saving', done: 0, total: 2 };
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Save 2 documents' }));

    const progress = await within(dialog()).findByTestId('save-progress');
    await waitFor(() =>
      expect(progress.textContent).toBe('Saving to your corpus: 0 of 2 documents…'),
    );
    backend.index = { indexing: true, step: 'saving', done: 1, total: 2 };
    await waitFor(
      () => expect(progress.textContent).toBe('Saving to your corpus: 1 of 2 documents…'),
      { timeout: 2000 },
    );
    expect(progress.querySelector('progress')?.value).toBe(1);
    expect(within(dialog()).getByTestId('save-import').textContent).toBe('Saving 2 documents…');

    // Saved: the dialog goes, and the page shows the index being built.
    backend.index = { indexing: true, step: 'indexing', done: 3, total: 6 };
    finish();
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    const status = screen.getByTestId('indexing-status');
    await waitFor(() => expect(status.textContent).toBe('Indexing the corpus: 3 of 6 documents…'));
    backend.index = { indexing: false, done: 6, total: 6 };
    await waitFor(() => expect(status.textContent).toBe(''), { timeout: 2000 });
    expect(backend.callsTo('saveDocuments')).toHaveLength(1);
  });
});
