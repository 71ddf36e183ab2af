// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

import type { SearchHit } from '@/lib/core/types';
import type { Result } from '@/lib/messaging/protocol';
import { createMockPopupActions, MockBackend } from '@/lib/ui/mock-actions';

import { App } from '@/entrypoints/popup/App';
import { displayPassage } from '@/entrypoints/popup/components/ResultList';

afterEach(cleanup);

function setup(backend = new MockBackend()) {
  const actions = createMockPopupActions(backend);
  render(<App actions={actions} debounceMs={0} statsRefreshMs={60_000} />);
  return { backend, actions, search: screen.getByRole('combobox') as HTMLInputElement };
}

function type(input: HTMLInputElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

const options = () => screen.queryAllByRole('option');

describe('popup search', () => {
  it('focuses the search box on open', () => {
    const { search } = setup();
    expect(document.activeElement).toBe(search);
  });

  it('before typing, shows a hint, example searches and the corpus size', async () => {
    setup();
    const empty = screen.getByTestId('empty-state');
    expect(empty.textContent).toContain('Typos and word order don’t matter');
    expect(
      within(empty)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['dual track approach', 'severe consequences', 'right of every nation to choose']);
    await waitFor(() =>
      expect(screen.getByTestId('corpus-size').textContent).toMatch(
        /^Searching 2 documents · \d+ passages$/,
      ),
    );
  });

  it('shows results as you type, despite a typo and another word order, with the matched words marked', async () => {
    const { search } = setup();
    type(search, 'agrement quota fishing');
    await waitFor(() => expect(options().length).toBeGreaterThan(0));
    const first = options()[0]!;
    expect(within(first).getByTestId('result-passage').textContent).toBe(
      'This morning the government signed a ten-year fishing quota agreement with our northern neighbours.',
    );
    const marks = Array.from(first.querySelectorAll('mark')).map(m => m.textContent);
    expect(marks).toEqual(['fishing quota agreement']);
    expect(within(first).getByTestId('result-speaker').textContent).toBe('Ingrid Halvorsen');
    expect(first.textContent).toContain('Press conference by Minister of Coastal Affairs');
    expect(first.textContent).toContain('14 March 2025');
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(search.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('search-status').textContent).toMatch(/passages? found\./);
  });

  it('renders passage text as text, never as markup', async () => {
    const backend = new MockBackend({
      documents: [
        {
          id: 'markup',
          title: 'Markup <b>title</b>',
          kind: 'other',
          date: '',
          publisher: '',
          text: 'The tag <img src=x onerror=alert(1)> appears in the minutes of the harbour board.',
        },
      ],
    });
    const { search } = setup(backend);
    type(search, 'harbour board minutes');
    await waitFor(() => expect(options()).toHaveLength(1));
    expect(options()[0]!.querySelector('img')).toBeNull();
    expect(options()[0]!.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('moves the selection with the arrow keys and opens the selected passage with Enter', async () => {
    const { search, backend } = setup();
    type(search, 'fishermen');
    await waitFor(() => expect(options().length).toBeGreaterThanOrEqual(2));
    const hits = options();
    expect(search.getAttribute('aria-activedescendant')).toBe(hits[0]!.id);

    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(hits[1]!.getAttribute('aria-selected')).toBe('true');
    expect(hits[0]!.getAttribute('aria-selected')).toBe('false');
    expect(search.getAttribute('aria-activedescendant')).toBe(hits[1]!.id);

    // Past the end stays on the last; up goes back.
    for (let i = 0; i < hits.length + 2; i++) fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(search.getAttribute('aria-activedescendant')).toBe(hits[hits.length - 1]!.id);
    for (let i = 0; i < hits.length + 2; i++) fireEvent.keyDown(search, { key: 'ArrowUp' });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(search.getAttribute('aria-activedescendant')).toBe(hits[1]!.id);

    const chosen = within(hits[1]!).getByTestId('result-passage').textContent!;
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(backend.opened).toHaveLength(1));
    const target = backend.opened[0]!;
    const doc = backend.documents().find(d => d.id === target.documentId)!;
    expect(doc.text.slice(target.start, target.end)).toBe(chosen);
    await waitFor(() => expect(backend.closed).toBe(1));
  });

  it('opens a passage on click', async () => {
    const { search, backend } = setup();
    type(search, 'flood barrier');
    await waitFor(() => expect(options().length).toBeGreaterThan(0));
    fireEvent.click(options()[0]!);
    await waitFor(() =>
      expect(backend.opened[0]?.documentId).toBe('river-council-statement-2024-11-02'),
    );
  });

  it('clears the box with Escape, and closes the popup with a second Escape', async () => {
    const { search, backend } = setup();
    type(search, 'herring');
    await waitFor(() => expect(options().length).toBeGreaterThan(0));
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.value).toBe('');
    await waitFor(() => expect(screen.getByTestId('empty-state')).toBeTruthy());
    expect(options()).toHaveLength(0);
    expect(backend.closed).toBe(0);
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(backend.closed).toBe(1);
  });

  it('says what to do next when nothing matches', async () => {
    const { search, backend } = setup();
    type(search, 'zeppelin xylophone');
    await waitFor(() => expect(screen.getByTestId('no-results')).toBeTruthy());
    const none = screen.getByTestId('no-results');
    expect(none.textContent).toContain('No passage matches “zeppelin xylophone”');
    expect(none.textContent).toContain('Try fewer words');
    fireEvent.click(within(none).getByRole('button', { name: 'Add documents' }));
    await waitFor(() => expect(backend.optionsOpened).toBe(1));
    expect(screen.getByTestId('search-status').textContent).toBe('No passages found.');
  });

  it('runs an example search', async () => {
    const { search } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'severe consequences' }));
    expect(search.value).toBe('severe consequences');
    await waitFor(() => expect(screen.queryByTestId('empty-state')).toBeNull());
  });

  it('ignores an answer to an older query that arrives after the newer one', async () => {
    const { search, actions } = setup();
    const pending = new Map<string, (r: Result<SearchHit[]>) => void>();
    actions.searchCorpus = query => new Promise(resolve => pending.set(query, resolve));
    const hit = (passage: string): SearchHit => ({
      documentId: 'd',
      title: 'Doc',
      kind: 'other',
      date: '',
      publisher: '',
      speaker: { name: 'Someone' },
      passage,
      start: 0,
      end: passage.length,
      segment: 0,
      highlights: [],
      score: 1,
    });
    type(search, 'old');
    await waitFor(() => expect(pending.has('old')).toBe(true));
    type(search, 'new');
    await waitFor(() => expect(pending.has('new')).toBe(true));
    pending.get('new')!({ ok: true, value: [hit('answer to new')] });
    await waitFor(() => expect(options()).toHaveLength(1));
    pending.get('old')!({ ok: true, value: [hit('answer to old'), hit('another old')] });
    // Let the stale answer's promise settle, then check it changed nothing.
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(options().map(o => o.textContent)).toEqual([expect.stringContaining('answer to new')]);
  });

  it('shows a failed search as an error', async () => {
    const { search, actions } = setup();
    actions.searchCorpus = async () => ({
      ok: false,
      error: 'Verbatim’s background did not answer',
    });
    type(search, 'anything');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Search failed: Verbatim’s background did not answer',
    );
  });
});

describe('popup page panel', () => {
  it('shows how many quotes Verbatim found and matched on the page', async () => {
    setup();
    await waitFor(() =>
      expect(screen.getByTestId('page-stats').textContent).toBe(
        '5 quotes found · 3 matched to a source',
      ),
    );
  });

  it('pauses Verbatim on the site with the switch, and resumes it', async () => {
    const { backend } = setup();
    const toggle = await screen.findByRole('switch', { name: 'Pause Verbatim on news.example' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');

    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(backend.settings.disabledSites).toEqual(['news.example']);
    expect(screen.getByTestId('page-stats').textContent).toBe(
      'Paused on news.example: Verbatim leaves its pages alone.',
    );

    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(backend.settings.disabledSites).toEqual([]);
  });

  it('shows a site paused by a parent domain as paused, and resuming removes that entry', async () => {
    const backend = new MockBackend({
      settings: { disabledSites: ['example.com', 'other.org'] },
      page: { running: true, host: 'www.example.com', found: 0, matched: 0, paused: true },
    });
    setup(backend);
    const toggle = await screen.findByRole('switch', { name: 'Pause Verbatim on www.example.com' });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(backend.settings.disabledSites).toEqual(['other.org']);
  });

  it('says Verbatim does not run on a page without its content script, with no switch', async () => {
    setup(new MockBackend({ page: { running: false } }));
    expect((await screen.findByTestId('page-unavailable')).textContent).toContain(
      'Verbatim doesn’t run on this page',
    );
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('names the site of a web page whose content script has not answered, and offers its switch', async () => {
    const backend = new MockBackend({ page: { running: false, host: 'news.example.org' } });
    setup(backend);
    expect((await screen.findByTestId('page-unavailable')).textContent).toContain(
      'Verbatim isn’t running on news.example.org yet',
    );
    const toggle = await screen.findByRole('switch', {
      name: 'Pause Verbatim on news.example.org',
    });
    fireEvent.click(toggle);
    await waitFor(() => expect(backend.settings.disabledSites).toEqual(['news.example.org']));
  });

  it('says the page may be a site Verbatim is not allowed to read when site access is withheld', async () => {
    setup(new MockBackend({ page: { running: false, siteAccess: false } }));
    expect((await screen.findByTestId('page-unavailable')).textContent).toContain(
      'a site you haven’t allowed Verbatim to read',
    );
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('displayPassage', () => {
  it('drops Markdown emphasis marks and keeps the highlights on the same words', () => {
    const text = 'position that **“any further aggression** would';
    const start = text.indexOf('aggression');
    const shown = displayPassage(text, [{ start, end: start + 'aggression'.length }]);
    expect(shown.text).toBe('position that “any further aggression would');
    const [h] = shown.highlights;
    expect(shown.text.slice(h!.start, h!.end)).toBe('aggression');
  });
});

describe('popup: the page’s quotes (ui)', () => {
  it('lists every quote in reading order with its finding, and goes to the one chosen', async () => {
    const { quoteMatch } = await import('../content/match-fixture');
    const backend = new MockBackend();
    backend.report = {
      url: 'https://news.example/a',
      title: 'A',
      checkedAt: '2026-01-15T10:00:00.000Z',
      quotes: [
        { id: 3, text: 'The risk of conflict is real', match: quoteMatch(), misattributed: false },
        {
          id: 5,
          text: 'The risk of conflict is real',
          pageSpeaker: 'Blinken',
          match: quoteMatch({ verdict: 'edited' }),
          misattributed: true,
        },
        { id: 7, text: 'Words from nowhere at all', match: null, misattributed: false },
      ],
    };
    setup(backend);
    const items = await screen.findAllByTestId('page-quote');
    expect(items.map(i => i.getAttribute('data-kind'))).toEqual([
      'verbatim',
      'misattributed',
      'nosource',
    ]);
    expect(items[1]!.textContent).toContain('page names Blinken');
    expect(items[2]!.textContent).toContain('No source in your corpus');
    // ↓ from the first moves to the second; Enter (a button's click) goes there.
    const buttons = items.map(i => within(i).getByRole('button'));
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.click(buttons[1]!);
    await waitFor(() =>
      expect(backend.calls.filter(c => c.name === 'revealQuote').map(c => c.args)).toEqual([[5]]),
    );
    expect(screen.getByTestId('legend').textContent).toContain('No source');
  });

  it('says so when a whole quote typed into the search has no source, and marks the results weak', async () => {
    const { search } = setup();
    type(search, 'the agreement on fishing quotas will be signed next week in Brussels');
    await waitFor(() => expect(screen.getByTestId('quote-check').dataset.found).toBe('false'));
    expect(screen.getByTestId('quote-check').textContent).toContain(
      'No document in your corpus is the source of these words',
    );
    const results = await screen.findAllByTestId('result');
    expect(results.every(r => r.dataset.quality === 'weak')).toBe(true);
  });

  it('does not check short searches as quotes', async () => {
    const { search, backend } = setup();
    type(search, 'fishing quota');
    await screen.findAllByTestId('result');
    expect(screen.queryByTestId('quote-check')).toBeNull();
    expect(backend.calls.some(c => c.name === 'checkQuote')).toBe(false);
  });
});
