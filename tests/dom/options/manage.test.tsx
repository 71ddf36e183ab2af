// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

import { parseCorpusJson } from '@/lib/core/corpus-file';
import { SAMPLE_DOCUMENTS } from '@/lib/ui/mock-actions';

import { pick, rowTitles, setup, tableLoaded, textFile } from './helpers';

afterEach(cleanup);

const [PRESS, STATEMENT] = SAMPLE_DOCUMENTS as [
  (typeof SAMPLE_DOCUMENTS)[0],
  (typeof SAMPLE_DOCUMENTS)[0],
];

describe('delete and undo', () => {
  it('deletes a document, then restores it exactly with Undo', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.click(screen.getByRole('button', { name: `Delete “${STATEMENT.title}”` }));
    await waitFor(() => expect(rowTitles()).toEqual([PRESS.title]));
    expect(backend.documents().map(d => d.id)).toEqual([PRESS.id]);

    const toast = screen.getByTestId('toast');
    expect(toast.textContent).toContain(`Deleted “${STATEMENT.title}”.`);
    const undo = within(toast).getByRole('button', { name: 'Undo' });
    await waitFor(() => expect(document.activeElement).toBe(undo));

    fireEvent.click(undo);
    await waitFor(() => expect(rowTitles()).toHaveLength(2));
    expect(backend.documents()).toEqual(
      [...SAMPLE_DOCUMENTS].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(screen.getByTestId('toast').textContent).toContain(`Restored “${STATEMENT.title}”.`);
    expect(backend.callsTo('saveDocuments').map(c => c.args[1])).toEqual(['replace']);
  });

  it('deletes the selected documents together, and Undo brings all of them back', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.click(screen.getByLabelText('Select all shown documents'));
    expect(screen.getByTestId('doc-count').textContent).toBe('2 documents · 2 selected');
    fireEvent.click(screen.getByTestId('delete-selected'));
    await screen.findByTestId('empty-corpus');
    expect(backend.documents()).toEqual([]);
    expect(screen.getByTestId('toast').textContent).toContain('Deleted 2 documents.');
    fireEvent.click(within(screen.getByTestId('toast')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(rowTitles()).toHaveLength(2));
    expect(backend.documents()).toHaveLength(2);
  });
});

describe('editing a stored document', () => {
  it('edits metadata and aliases, sending only what changed', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.click(screen.getByRole('button', { name: `Edit “${PRESS.title}”` }));
    const dialog = await screen.findByTestId('edit-dialog');
    const title = await within(dialog).findByLabelText('Title');
    expect((title as HTMLInputElement).value).toBe(PRESS.title);
    // The preview shows the stored parse's speakers.
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByTestId('parsed-speaker')
          .map(s => s.querySelector('.speaker-name')?.textContent),
      ).toEqual(['Ingrid Halvorsen', 'Tomas Reyes']),
    );

    fireEvent.input(title, { target: { value: 'Fishing quota press conference' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add an alias' }));
    fireEvent.input(within(dialog).getByLabelText('Alias 1: as written in the text'), {
      target: { value: 'Tomas Reyes (Harbour Daily)' },
    });
    fireEvent.input(within(dialog).getByLabelText('Alias 1: speaker’s name'), {
      target: { value: 'Tomás Reyes' },
    });
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByTestId('parsed-speaker')
          .map(s => s.querySelector('.speaker-name')?.textContent),
      ).toContain('Tomás Reyes'),
    );
    fireEvent.click(within(dialog).getByTestId('save-edit'));
    await waitFor(() => expect(screen.queryByTestId('edit-dialog')).toBeNull());

    expect(backend.callsTo('updateDocument')).toEqual([
      {
        name: 'updateDocument',
        args: [
          PRESS.id,
          {
            title: 'Fishing quota press conference',
            aliases: { 'Tomas Reyes (Harbour Daily)': 'Tomás Reyes' },
          },
        ],
      },
    ]);
    await waitFor(() => expect(rowTitles()).toContain('Fishing quota press conference'));
    expect(backend.documents().find(d => d.id === PRESS.id)!.text).toBe(PRESS.text);
  });

  it('removes the source address when it is emptied', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.click(screen.getByRole('button', { name: `Edit “${PRESS.title}”` }));
    const dialog = await screen.findByTestId('edit-dialog');
    fireEvent.input(await within(dialog).findByLabelText('Source address'), {
      target: { value: '' },
    });
    fireEvent.click(within(dialog).getByTestId('save-edit'));
    await waitFor(() => expect(screen.queryByTestId('edit-dialog')).toBeNull());
    expect(backend.callsTo('updateDocument')[0]!.args[1]).toEqual({ sourceUrl: '' });
    expect(backend.documents().find(d => d.id === PRESS.id)!.sourceUrl).toBeUndefined();
  });
});

describe('export', () => {
  it('downloads the whole corpus as one JSON file that imports back losslessly', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.click(screen.getByTestId('export-all'));
    await waitFor(() => expect(backend.downloads).toHaveLength(1));
    const [download] = backend.downloads;
    expect(download!.fileName).toBe('verbatim-corpus-2026-01-15.json');
    expect(download!.mimeType).toBe('application/json');
    const parsed = parseCorpusJson(download!.contents);
    expect(parsed.ok && parsed.value).toEqual(backend.documents());
    expect(screen.getByTestId('toast').textContent).toContain(
      'Exported 2 documents to verbatim-corpus-2026-01-15.json.',
    );
  });

  it('downloads only the selected documents', async () => {
    const { backend } = setup();
    await tableLoaded();
    expect(screen.getByTestId('export-selected').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByLabelText(`Select “${STATEMENT.title}”`));
    fireEvent.click(screen.getByTestId('export-selected'));
    await waitFor(() => expect(backend.downloads).toHaveLength(1));
    expect(backend.downloads[0]!.fileName).toBe('verbatim-1-document-2026-01-15.json');
    const parsed = parseCorpusJson(backend.downloads[0]!.contents);
    expect(parsed.ok && parsed.value.map(d => d.id)).toEqual([STATEMENT.id]);
  });
});

describe('reset', () => {
  it('asks first, in a dialog whose Cancel has the focus, and Escape cancels', async () => {
    const { backend } = setup();
    await tableLoaded();
    const opener = screen.getByTestId('reset');
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('alertdialog', { name: 'Reset the corpus?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    await waitFor(() =>
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })),
    );
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(backend.callsTo('resetCorpus')).toHaveLength(0);
  });

  it('keeps the focus inside the dialog: Tab from the last button goes to the first', async () => {
    setup();
    await tableLoaded();
    fireEvent.click(screen.getByTestId('reset'));
    const dialog = await screen.findByRole('alertdialog');
    const buttons = within(dialog).getAllByRole('button');
    buttons[buttons.length - 1]!.focus();
    fireEvent.keyDown(buttons[buttons.length - 1]!, { key: 'Tab' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(buttons[0]!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(buttons[buttons.length - 1]);
    // The page behind is inert while the dialog is open.
    expect(screen.getByTestId('reset').closest('[inert]')).not.toBeNull();
  });

  it('replaces the corpus with the bundled documents after confirmation', async () => {
    const { backend } = setup({ bundled: [SAMPLE_DOCUMENTS[0]!] });
    await tableLoaded();
    pick(textFile('extra.txt', 'An extra document about the harbour.'));
    const preview = await screen.findByTestId('import-preview');
    fireEvent.click(within(preview).getByTestId('save-import'));
    await waitFor(() => expect(rowTitles()).toHaveLength(3));

    fireEvent.click(screen.getByTestId('reset'));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('All 3 documents in your corpus will be deleted');
    expect(dialog.textContent).toContain('2 of them are your own imports or edits');
    fireEvent.click(within(dialog).getByTestId('confirm-reset'));
    await waitFor(() => expect(rowTitles()).toEqual([PRESS.title]));
    expect(backend.documents()).toEqual([PRESS]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // The newest message is last; the import's "Saved" stands above it.
    const toasts = screen.getAllByTestId('toast').map(t => t.textContent);
    expect(toasts.at(-1)).toContain(
      'The corpus was reset to the 1 documents that come with Verbatim.',
    );
    expect(toasts).toHaveLength(2);
  });

  it('offers to export first', async () => {
    const { backend } = setup();
    await tableLoaded();
    fireEvent.click(screen.getByTestId('reset'));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export first' }));
    await waitFor(() => expect(backend.downloads).toHaveLength(1));
    expect(backend.callsTo('resetCorpus')).toHaveLength(0);
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });
});
