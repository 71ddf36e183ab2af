// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FirstLookWatcher, mayHoldQuotes, mayOpenQuote } from '../../../lib/content/first-look';
import { findQuotesInDom } from '../../../lib/dom/find-quotes';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/pages');

/** Loads markup (the test's own fixtures) into the test environment's document. */
function body(html: string): HTMLElement {
  document.open();
  document.write(`<!doctype html><html><body>${html}</body></html>`);
  document.close();
  return document.body;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('mayOpenQuote', () => {
  it.each([
    ['double marks', 'He said "we are ready to talk" today.'],
    ['curly double marks', 'He said “we are ready to talk” today.'],
    ['German marks', 'Er sagte „wir sind bereit“ heute.'],
    ['guillemets', 'Il a dit « nous sommes prêts » hier.'],
    ['inverted guillemets', 'Er sagte »wir sind bereit« heute.'],
    ['single guillemets', 'Il a dit ‹ nous sommes prêts › hier.'],
    ['Swedish marks', 'Han sa ”vi är redo att tala” i dag.'],
    ['curly single marks', 'He said ‘we are ready to talk’ today.'],
    ['low single mark', 'Er sagte ‚wir sind bereit‘ heute.'],
    ['straight single marks', "He said 'we are ready to talk' today."],
    ['a straight single mark opening the text', "'We are ready to talk,' he said."],
    ['a single mark after a dash', "He said—'we are ready to talk'."],
    ['corner brackets', '彼は「話す準備ができている」と言った。'],
    ['white corner brackets', '彼は『話す準備ができている』と言った。'],
  ])('sees %s', (_, text) => {
    expect(mayOpenQuote(text)).toBe(true);
  });

  it.each([
    ['plain prose', 'The ministers met in Brussels and agreed on a plan for the coming year.'],
    ['apostrophes inside words', 'Russia’s plans don’t change O’Brien’s view; it isn’t over.'],
    ['straight apostrophes inside words', "Russia's plans don't change O'Brien's view."],
    ['a plural possessive', 'The Allies’ plans and the members’ views.'],
  ])('does not see %s', (_, text) => {
    expect(mayOpenQuote(text)).toBe(false);
  });
});

describe('mayHoldQuotes', () => {
  it('is false for a page of prose without quotation marks', () => {
    expect(
      mayHoldQuotes(body('<h1>News</h1><p>Ministers met.</p><p>They don’t agree on it.</p>')),
    ).toBe(false);
  });

  it('ignores quotation marks in scripts and styles', () => {
    expect(
      mayHoldQuotes(
        body(
          '<p>Plain words only.</p><script>var a = "x";</script><style>a::after { content: "»" }</style>',
        ),
      ),
    ).toBe(false);
  });

  it('sees <q> and <blockquote> without any mark in the text', () => {
    expect(mayHoldQuotes(body('<p>He said <q>we are ready to talk</q>.</p>'))).toBe(true);
    expect(mayHoldQuotes(body('<blockquote><p>We are ready to talk.</p></blockquote>'))).toBe(true);
  });

  it('sees a mark in an inline element and in a text node given alone', () => {
    const root = body('<p>He said <em>“we are ready</em> to talk”.</p>');
    expect(mayHoldQuotes(root)).toBe(true);
    expect(mayHoldQuotes(root.querySelector('em')!.firstChild!)).toBe(true);
  });

  it('takes an open shadow root as a possible quote (its text is not walked)', () => {
    const root = body('<div id="host"></div><p>Plain words only.</p>');
    root.querySelector('#host')!.attachShadow({ mode: 'open' }).textContent = 'plain';
    expect(mayHoldQuotes(root)).toBe(true);
  });

  // The check must never be false where the quote finder finds something: every paragraph of
  // every fixture page that holds a quote is seen (and so is each whole page).
  const pages = readdirSync(PAGES_DIR).filter(name => name.endsWith('.html'));
  it.each(pages)('sees every paragraph with a quote in %s', name => {
    const root = body(
      readFileSync(join(PAGES_DIR, name), 'utf8').replace(
        /^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/gi,
        '',
      ),
    );
    const quotes = findQuotesInDom(root);
    if (quotes.length > 0) expect(mayHoldQuotes(root)).toBe(true);
    const blocks = new Set(quotes.map(q => q.element));
    for (const block of blocks) expect(mayHoldQuotes(block), block.textContent ?? '').toBe(true);
    // And paragraphs it passes over hold none.
    for (const p of root.querySelectorAll('p')) {
      if (!mayHoldQuotes(p)) expect(findQuotesInDom(p)).toEqual([]);
    }
  });
});

describe('FirstLookWatcher', () => {
  let watcher: FirstLookWatcher | undefined;
  afterEach(() => {
    watcher?.destroy();
    watcher = undefined;
  });

  function watch() {
    const events: string[] = [];
    watcher = new FirstLookWatcher(
      document,
      () => events.push('quote'),
      () => events.push('quiet'),
      { debounceMs: 10 },
    );
    return events;
  }

  it('tells of added content that may hold a quote, once, and stops', async () => {
    const events = watch();
    const p = document.createElement('p');
    p.textContent = 'He said “we are ready to talk” today.';
    document.body.append(p);
    await vi.waitFor(() => expect(events).toContain('quote'));
    const q = document.createElement('p');
    q.textContent = 'And “again”, he said, “we are ready”.';
    document.body.append(q);
    await new Promise(r => setTimeout(r, 40));
    expect(events).toEqual(['quote']);
  });

  it('tells of a changed text that gains a quotation mark', async () => {
    const p = body('<p>Waiting for the statement.</p>').querySelector('p')!;
    const events = watch();
    (p.firstChild as Text).data = 'She said “we will not give up on diplomacy” today.';
    await vi.waitFor(() => expect(events).toEqual(['quote']));
  });

  it('after changes without quotes, tells that the page was looked at again', async () => {
    const events = watch();
    const p = document.createElement('p');
    p.textContent = 'The ministers met in Brussels.';
    document.body.append(p);
    await vi.waitFor(() => expect(events).toEqual(['quiet']));
  });
});
