// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../../entrypoints/reader/App';
import { parseDocument } from '../../../lib/core/parse-document';
import type { SourceDocument } from '../../../lib/core/types';
import { ok } from '../../../lib/messaging/dispatch';
import { formatDate } from '../../../lib/ui/format';
import { layoutDocument } from '../../../lib/ui/reader-layout';
import { parseReaderTarget, readerHref } from '../../../lib/ui/reader-link';

afterEach(cleanup);

const TRANSCRIPT: SourceDocument = {
  id: 'presser',
  title: 'Press conference',
  kind: 'transcript',
  date: '2022-01-07',
  publisher: 'NATO',
  sourceUrl: 'https://example.org/presser',
  text: [
    'NATO Secretary General Jens Stoltenberg: Good afternoon. The risk of conflict is real.',
    '',
    'We remain ready for dialogue.',
    '',
    'NATO Spokesperson Oana Lungescu: We go to AFP.',
    '',
    'Max Delany (AFP): Secretary General, what happens next?',
    '',
    'NATO Secretary General Jens Stoltenberg: We will meet again next week.',
  ].join('\n'),
};

describe('reader addresses', () => {
  it('round-trip a document and a passage', () => {
    const href = readerHref('chrome-extension://id/reader.html', {
      documentId: 'a b&c',
      start: 10,
      end: 20,
    });
    expect(href).toBe('chrome-extension://id/reader.html?doc=a+b%26c&start=10&end=20');
    expect(parseReaderTarget(new URL(href).search)).toEqual({
      documentId: 'a b&c',
      start: 10,
      end: 20,
    });
  });

  it('drop bad offsets and need a document', () => {
    expect(parseReaderTarget('?doc=x&start=5&end=2')).toEqual({ documentId: 'x' });
    expect(parseReaderTarget('?doc=x&start=-1&end=2')).toEqual({ documentId: 'x' });
    expect(parseReaderTarget('?start=1&end=2')).toBeNull();
  });
});

describe('formatDate', () => {
  it.each([
    ['2022-01-07', '7 January 2022'],
    ['2022-01', 'January 2022'],
    ['2022', '2022'],
    ['last week', 'last week'],
  ])('%s → %s', (iso, text) => expect(formatDate(iso)).toBe(text));
});

describe('layoutDocument', () => {
  it('groups paragraphs into speaker turns and cuts the passage out as marked text', () => {
    const parsed = parseDocument(TRANSCRIPT);
    const start = TRANSCRIPT.text.indexOf('The risk');
    const end = TRANSCRIPT.text.indexOf('dialogue.') + 'dialogue'.length;
    const sections = layoutDocument(parsed, { start, end });
    expect(sections.map(s => s.speaker?.name)).toEqual([
      'Jens Stoltenberg',
      'Oana Lungescu',
      'Max Delany',
      'Jens Stoltenberg',
    ]);
    const marked = sections.flatMap(s => s.paragraphs).flatMap(p => p.pieces.filter(x => x.mark));
    expect(marked.map(p => p.text)).toEqual([
      'The risk of conflict is real.',
      'We remain ready for dialogue',
    ]);
    // Labels are headings, not text.
    expect(sections[1]?.paragraphs[0]?.pieces[0]?.text).toBe('We go to AFP.');
  });
});

describe('the reader App', () => {
  it('shows the document, its speakers and the marked passage', async () => {
    const parsed = parseDocument(TRANSCRIPT);
    const start = TRANSCRIPT.text.indexOf('The risk');
    const onTitle = vi.fn();
    render(
      <App
        target={{ documentId: 'presser', start, end: start + 28 }}
        loadDocument={async () => ok({ document: TRANSCRIPT, parsed })}
        onTitle={onTitle}
      />,
    );
    await screen.findByTestId('reader-title');
    expect(screen.getByTestId('reader-meta').textContent).toBe(
      'Transcript · NATO · 7 January 2022',
    );
    expect(screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent)).toEqual([
      'Jens Stoltenberg, NATO Secretary General',
      'Oana Lungescu, NATO Spokesperson',
      'Max Delany, AFP',
      'Jens Stoltenberg, NATO Secretary General',
    ]);
    const marks = screen.getAllByTestId('reader-mark');
    expect(marks.map(m => m.textContent)).toEqual(['The risk of conflict is real']);
    expect(marks[0]?.tagName).toBe('MARK');
    await waitFor(() => expect(document.activeElement).toBe(marks[0]));
    expect(onTitle).toHaveBeenCalledWith('Press conference — Verbatim reader');
  });

  it('says clearly that a document is unknown', async () => {
    render(
      <App
        target={{ documentId: 'gone' }}
        loadDocument={async () => ({ ok: false, error: 'no document "gone" in the corpus' })}
      />,
    );
    expect((await screen.findByTestId('reader-error')).textContent).toBe(
      'There is no document “gone” in your Verbatim corpus. It may have been deleted or renamed.',
    );
  });

  it('says when no document is given', () => {
    render(<App target={null} loadDocument={vi.fn()} />);
    expect(screen.getByTestId('reader-error').textContent).toBe('No document was given.');
  });
});
