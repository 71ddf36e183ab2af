// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

import type { SourceDocument } from '@/lib/core/types';

import { rowTitles, setup, tableLoaded } from './helpers';

afterEach(cleanup);

const doc = (
  id: string,
  title: string,
  date: string,
  publisher: string,
  text: string,
): SourceDocument => ({
  id,
  title,
  kind: 'other',
  date,
  publisher,
  text,
});

const CORPUS = [
  doc(
    'b',
    'Budget speech',
    '2023-05-01',
    'Treasury',
    'The budget is balanced this year. '.repeat(20),
  ),
  doc('a', 'Annual report', '2021-02-03', 'Port Authority', 'Ships came and went. Cargo grew.'),
  doc('c', 'Council minutes', '2024-11', 'City Council', 'The council met. It agreed.'),
];

describe('documents list', () => {
  it('shows each document’s title, kind, date, publisher, speakers, passages and size', async () => {
    setup();
    await tableLoaded();
    const row = screen
      .getAllByTestId('doc-row')
      .find(r => r.getAttribute('data-id') === 'harbour-press-conference-2025-03-14')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    // checkbox, kind, date, publisher, speakers, passages, size, actions
    expect(cells.slice(1, 7)).toEqual([
      'Transcript',
      '14 March 2025',
      'Ministry of Coastal Affairs',
      '2',
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+ chars$/),
    ]);
    expect(within(row).getByTestId('doc-title').textContent).toBe(
      'Press conference by Minister of Coastal Affairs Ingrid Halvorsen on the fishing quota agreement',
    );
    expect(screen.getByTestId('doc-count').textContent).toBe('2 documents');
  });

  it('links each title to the reader page', async () => {
    setup();
    await tableLoaded();
    const link = screen.getAllByTestId('doc-title')[0] as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(
      'chrome-extension://mock/reader.html?doc=harbour-press-conference-2025-03-14',
    );
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('sorts by the column whose header is clicked, saying so with aria-sort', async () => {
    setup({ documents: CORPUS });
    await tableLoaded();
    const header = (name: string) =>
      screen.getByRole('button', { name: new RegExp(`^${name}`) }).closest('th')!;
    expect(rowTitles()).toEqual(['Annual report', 'Budget speech', 'Council minutes']);
    expect(header('Title').getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(screen.getByRole('button', { name: /^Date/ }));
    expect(rowTitles()).toEqual(['Council minutes', 'Budget speech', 'Annual report']);
    expect(header('Date').getAttribute('aria-sort')).toBe('descending');
    expect(header('Title').hasAttribute('aria-sort')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: /^Date/ }));
    expect(rowTitles()).toEqual(['Annual report', 'Budget speech', 'Council minutes']);
    expect(header('Date').getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(screen.getByRole('button', { name: /^Size/ }));
    expect(rowTitles()[0]).toBe('Budget speech');

    fireEvent.click(screen.getByRole('button', { name: /^Publisher/ }));
    expect(rowTitles()).toEqual(['Council minutes', 'Annual report', 'Budget speech']);
  });

  it('filters by title, publisher or date as you type', async () => {
    setup({ documents: CORPUS });
    await tableLoaded();
    const filter = screen.getByLabelText('Filter');
    fireEvent.input(filter, { target: { value: 'port' } });
    expect(rowTitles()).toEqual(['Annual report']);
    expect(screen.getByTestId('doc-count').textContent).toBe('1 of 3 documents match');
    fireEvent.input(filter, { target: { value: 'november 2024' } });
    expect(rowTitles()).toEqual(['Council minutes']);
    fireEvent.input(filter, { target: { value: 'nothing like this' } });
    expect(screen.queryAllByTestId('doc-row')).toHaveLength(0);
    expect(screen.getByText('No document matches “nothing like this”.')).toBeTruthy();
    fireEvent.input(filter, { target: { value: '' } });
    expect(rowTitles()).toHaveLength(3);
  });

  it('says the corpus is empty when it is', async () => {
    setup({ documents: [] });
    expect((await screen.findByTestId('empty-corpus')).textContent).toContain(
      'Your corpus is empty',
    );
  });
});
