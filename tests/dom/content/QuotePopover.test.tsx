// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  QuotePopover,
  type QuotePopoverProps,
} from '../../../entrypoints/quotes.content/components/QuotePopover';
import { brief, CONFERENCE_TITLE, quoteMatch } from './match-fixture';

afterEach(cleanup);

function renderPopover(overrides: Partial<QuotePopoverProps> = {}) {
  const props: QuotePopoverProps = {
    match: quoteMatch(),
    misattributed: false,
    titleId: 'vb-title-1',
    placement: { left: 10, top: 20, side: 'below', maxHeight: 700 },
    readerUrl: ref =>
      `chrome-extension://id/reader.html?doc=${ref.documentId}&start=${ref.start}&end=${ref.end}`,
    sourceLink: 'https://www.nato.int/cps/en/natohq/opinions_190508.htm#:~:text=The%20risk',
    onClose: vi.fn(),
    onCopy: vi.fn(async () => true),
    ...overrides,
  };
  render(<QuotePopover {...props} />);
  return props;
}

const text = (testId: string) =>
  screen.getByTestId(testId).textContent?.replace(/\s+/g, ' ').trim();

describe('QuotePopover', () => {
  it('is a dialog labelled by who said it', () => {
    renderPopover();
    const dialog = screen.getByRole('dialog');
    const labels = (dialog.getAttribute('aria-labelledby') ?? '')
      .split(' ')
      .map(id => document.getElementById(id)?.textContent);
    expect(labels).toEqual(['Source found', 'Jens Stoltenberg, NATO Secretary General']);
    expect(dialog.style.left).toBe('10px');
    expect(dialog.style.top).toBe('20px');
  });

  it('shows the speaker, the document with its date, and the passage in its context', () => {
    renderPopover();
    expect(text('speaker')).toBe('Jens Stoltenberg, NATO Secretary General');
    expect(text('document')).toBe(`${CONFERENCE_TITLE}Transcript · NATO · 7 January 2022`);
    expect(text('passage-text')).toBe('The risk of conflict is real');
    expect(text('passage')).toBe(
      'And a track record of using force against neighbours. The risk of conflict is real. Russia’s aggressive actions seriously undermine the security order in Europe.',
    );
    expect(text('verdict')).toBe(
      'VerbatimQuoted word for wordPrimary record: Jens Stoltenberg’s turn in a transcript.',
    );
    // A verbatim quote needs no diff.
    expect(screen.queryByTestId('diff')).toBeNull();
  });

  it('marks the words an edited quote changes, adds and leaves out', () => {
    renderPopover({
      match: quoteMatch({
        verdict: 'edited',
        diff: [
          {
            op: 'same',
            quote: 'We have the plans to defend, protect',
            source: 'we have the plans to defend, protect',
          },
          { op: 'changed', quote: 'all', source: 'our' },
          { op: 'same', quote: 'allies', source: 'Allies' },
          { op: 'added', quote: 'today' },
          { op: 'removed', source: 'and partners' },
          { op: 'elided', source: 'we are constantly adapting' },
          { op: 'changed', quote: '[NATO]', source: 'we', editorial: true },
        ],
      }),
    });
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('edited');
    const diff = screen.getByTestId('diff');
    const changed = diff.querySelector('[data-op="changed"]')!;
    expect(changed.querySelector('del')?.textContent).toBe('source: our');
    expect(changed.querySelector('ins')?.textContent).toBe('page: all');
    expect(diff.querySelector('ins[data-op="added"]')?.textContent).toBe('page adds: today');
    expect(diff.querySelector('del[data-op="removed"]')?.textContent).toBe(
      'page leaves out: and partners',
    );
    expect(diff.querySelector('del[data-op="elided"]')?.textContent).toContain(
      'we are constantly adapting',
    );
    expect(diff.querySelector('ins.vb-editorial')?.textContent).toBe('editor’s insert: [NATO]');
    // Long unchanged stretches are shortened around the differences.
    expect(diff.textContent).toContain('…');
    expect(diff.textContent).toContain('to defend, protect');
  });

  it('says plainly when the page attributes the quote to someone else', () => {
    renderPopover({ misattributed: true, pageAttribution: 'Blinken' });
    expect(text('misattribution')).toBe(
      'Your corpus has these words from Jens Stoltenberg; the page names Blinken.',
    );
    expect(screen.getByTestId('verdict').getAttribute('data-kind')).toBe('misattributed');
  });

  it('gives less context when the window leaves little room', () => {
    renderPopover({ placement: { left: 10, top: 20, side: 'below', maxHeight: 300 } });
    // The context after the passage is cut at a word (in full at 700 px of room: “… in Europe.”).
    expect(text('passage')).toBe(
      'And a track record of using force against neighbours. The risk of conflict is real. Russia’s aggressive actions seriously undermine the security order…',
    );
  });

  it('has no misattribution notice when the page names the speaker', () => {
    renderPopover({ misattributed: false, pageAttribution: 'Stoltenberg' });
    expect(screen.queryByTestId('misattribution')).toBeNull();
  });

  it('lists the other documents with the same words, linked to the reader', () => {
    renderPopover({ match: quoteMatch({ alsoIn: [brief()] }) });
    expect(text('also-in')).toBe(
      'Also in: NATO Foreign Ministers’ extraordinary online meeting: key takeaways (NATO Parliamentary Assembly, 7 January 2022)',
    );
    expect(screen.getByTestId('also-in').querySelector('a')?.getAttribute('href')).toBe(
      'chrome-extension://id/reader.html?doc=nato-pa-policy-brief-2022-01-07&start=2100&end=2128',
    );
  });

  it('warns when the match is ambiguous and shows the alternatives', () => {
    const alternative = {
      ...quoteMatch({ documentId: 'other-doc', title: 'Joint press point', start: 50, end: 80 }),
      speaker: { name: 'Oana Lungescu', role: 'NATO Spokesperson' },
      passage: 'The risk of conflict is very real',
    };
    renderPopover({ match: quoteMatch({ ambiguous: true, alternatives: [alternative] }) });
    expect(screen.getByRole('dialog').textContent).toContain('Possible source');
    expect(text('ambiguity')).toBe(
      'Your corpus has these words from Jens Stoltenberg and from Oana Lungescu: which of them the page quotes is uncertain.',
    );
    expect(screen.getByTestId('verdict').getAttribute('data-kind')).toBe('ambiguous');
    const items = screen.getAllByTestId('alternative');
    expect(items).toHaveLength(1);
    expect(items[0]?.textContent).toContain(
      'Oana Lungescu, Joint press point (NATO, 7 January 2022)',
    );
    expect(items[0]?.textContent).toContain('“The risk of conflict is very real”');
  });

  it('links to the reader and to the original page', () => {
    renderPopover();
    const reader = screen.getByTestId('open-reader');
    expect(reader.textContent).toBe('Open in Verbatim reader');
    expect(reader.getAttribute('href')).toBe(
      'chrome-extension://id/reader.html?doc=nato-sg-press-conference-2022-01-07&start=1000&end=1028',
    );
    expect(reader.getAttribute('target')).toBe('_blank');
    expect(screen.getByTestId('source-link').getAttribute('href')).toBe(
      'https://www.nato.int/cps/en/natohq/opinions_190508.htm#:~:text=The%20risk',
    );
  });

  it('has no original-page link when the source has no address', () => {
    renderPopover({ sourceLink: undefined });
    expect(screen.queryByTestId('source-link')).toBeNull();
  });

  it('copies the citation and says whether it worked', async () => {
    const props = renderPopover();
    fireEvent.click(screen.getByTestId('copy'));
    expect(props.onCopy).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('copy').textContent).toBe('Copied'));
    expect(screen.getByTestId('copy-status').textContent).toBe('Copied');
  });

  it('says "Could not copy" when the clipboard refuses', async () => {
    renderPopover({ onCopy: vi.fn(async () => false) });
    fireEvent.click(screen.getByTestId('copy'));
    await waitFor(() => expect(screen.getByTestId('copy').textContent).toBe('Could not copy'));
  });

  it('closes on its close button and on Escape, returning focus', () => {
    const props = renderPopover();
    fireEvent.click(screen.getByTestId('close'));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(props.onClose).toHaveBeenCalledTimes(2);
    expect(props.onClose).toHaveBeenCalledWith(true);
  });

  it('is drawn invisibly until it is placed', () => {
    renderPopover({ placement: undefined });
    expect(screen.getByTestId('popover').style.visibility).toBe('hidden');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
