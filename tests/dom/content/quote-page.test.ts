// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Highlighter } from '../../../lib/content/highlighter';
import type { Mark } from '../../../lib/content/marks';
import { QuotePage, type PageOverlay, type QuotePageDeps } from '../../../lib/content/quote-page';
import type { QuoteMatch } from '../../../lib/core/types';
import { ok } from '../../../lib/messaging/dispatch';
import {
  DEFAULT_SETTINGS,
  type QuoteRequest,
  type Settings,
} from '../../../lib/messaging/protocol';
import { quoteMatch } from './match-fixture';

function load(body: string) {
  document.open();
  document.write(`<!doctype html><html><head></head><body>${body}</body></html>`);
  document.close();
}

const SOURCES: Record<string, QuoteMatch> = {
  'The risk of conflict is real.': quoteMatch(),
  'The risk of conflict is real': quoteMatch(),
  'Russia’s aggressive actions seriously undermine the security order in Europe': quoteMatch({
    passage: 'Russia’s aggressive actions seriously undermine the security order in Europe',
  }),
};

let page: QuotePage | undefined;
afterEach(() => {
  page?.destroy();
  page = undefined;
});

function setup(options: { settings?: Partial<Settings>; host?: string } = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const matchQuotes = vi.fn(async ({ quotes }: { quotes: QuoteRequest[] }) =>
    ok(quotes.map(q => SOURCES[q.text] ?? null)),
  );
  const overlay = {
    openId: undefined,
    openedBy: undefined,
    focusedId: undefined,
    marks: [] as readonly Mark[],
    setMarks: vi.fn((marks: readonly Mark[]) => {
      overlay.marks = marks;
    }),
    open: vi.fn(),
    close: vi.fn(),
    follow: vi.fn(),
    layout: vi.fn(),
    isInPopover: () => false,
    settled: async () => undefined,
    openNotice: vi.fn(),
    destroy: vi.fn(),
  };
  const host = document.createElement('verbatim-ui');
  const highlighter = new Highlighter(document);
  const mountOverlay = vi.fn(async () => {
    host.setAttribute('data-verbatim-ignore', '');
    document.body.append(host);
    // (Not attached to a layer: happy-dom has no layout to measure; what is shown is enough.)
    return { overlay: overlay as PageOverlay, host };
  });
  const onIdle = vi.fn();
  const deps: QuotePageDeps = {
    doc: document,
    host: options.host ?? 'news.example',
    getSettings: vi.fn(async () => ok(settings)),
    matchQuotes,
    mountOverlay,
    highlighter,
    scheduler: {
      defer: fn => void setTimeout(fn, 0),
      now: () => performance.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: id => clearTimeout(id as number),
      requestAnimationFrame: fn => setTimeout(fn, 0),
    },
    debounceMs: 10,
    onIdle,
  };
  page = new QuotePage(deps);
  const marks = () => highlighter.snapshot();
  const highlighted = () => marks().filter(m => m.matched).length;
  return {
    page,
    matchQuotes,
    mountOverlay,
    overlay,
    host,
    onIdle,
    highlighted,
    marks,
    /** The marks of one kind. */
    kind: (kind: string) => marks().filter(m => m.kind === kind),
    setSettings: (s: Partial<Settings>) => (settings = { ...settings, ...s }),
  };
}

const ARTICLE = `
  <p>Stoltenberg warned: “The risk of conflict is real.” Then he left.</p>
  <p>“Russia’s aggressive actions seriously undermine the security order in Europe,” Blinken said.</p>
  <p>Later Stoltenberg said it again: “The risk of conflict is real.”</p>
  <p>“This sentence is not in the corpus at all,” a reader wrote.</p>`;

describe('QuotePage', () => {
  it('sends the page’s quotes in one batch, each text once, and marks those with a source', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    expect(t.matchQuotes).toHaveBeenCalledTimes(1);
    expect(t.matchQuotes.mock.calls[0]![0].quotes).toEqual([
      { text: 'The risk of conflict is real.', attribution: 'Stoltenberg' },
      {
        text: 'Russia’s aggressive actions seriously undermine the security order in Europe',
        attribution: 'Blinken',
      },
      { text: 'This sentence is not in the corpus at all' },
    ]);
    expect(t.highlighted()).toBe(3);
    expect(t.overlay.marks.map(m => m.quote.text)).toEqual([
      'The risk of conflict is real.',
      'Russia’s aggressive actions seriously undermine the security order in Europe',
      'The risk of conflict is real.',
    ]);
    expect(t.page.stats()).toEqual({
      host: 'news.example',
      found: 4,
      matched: 3,
      copies: 0,
      paused: false,
    });
    expect(t.onIdle).toHaveBeenCalled();
  });

  it('notes when the page names someone other than the source', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    expect(t.overlay.marks.map(m => m.attribution)).toEqual(['same', 'different', 'same']);
  });

  it('does nothing on a disabled site but answer that it is paused', async () => {
    load(ARTICLE);
    const t = setup({ settings: { disabledSites: ['example'] }, host: 'www.example' });
    await t.page.start();
    expect(t.matchQuotes).not.toHaveBeenCalled();
    expect(t.mountOverlay).not.toHaveBeenCalled();
    expect(t.page.stats()).toEqual({
      host: 'www.example',
      found: 0,
      matched: 0,
      copies: 0,
      paused: true,
    });
    expect(t.onIdle).toHaveBeenCalled();
  });

  it('costs nothing on a page without quotes: no matching call, no UI', async () => {
    load('<p>Rinse the lentils.</p><p>Simmer for twenty minutes.</p>');
    const t = setup();
    await t.page.start();
    expect(t.matchQuotes).not.toHaveBeenCalled();
    expect(t.mountOverlay).not.toHaveBeenCalled();
    expect(document.querySelectorAll('[data-verbatim-ignore]')).toHaveLength(0);
  });

  it('leaves out quotes over 20,000 characters', async () => {
    load(`<p>“${'word '.repeat(4_100)}end,” he said.</p><p>“The risk of conflict is real.”</p>`);
    const t = setup();
    await t.page.start();
    expect(t.matchQuotes.mock.calls[0]![0].quotes.map(q => q.text)).toEqual([
      'The risk of conflict is real.',
    ]);
  });

  it('reports every quote in reading order, with or without a source, and steps between the matched ones (ui)', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    const report = t.page.report();
    expect(report.quotes.map(q => [q.text.slice(0, 20), q.match?.speaker.name ?? null])).toEqual([
      ['The risk of conflict', 'Jens Stoltenberg'],
      ['Russia’s aggressive ', 'Jens Stoltenberg'],
      ['The risk of conflict', 'Jens Stoltenberg'],
      ['This sentence is not', null],
    ]);
    expect(report.quotes.map(q => q.misattributed)).toEqual([false, true, false, false]);
    expect(report.quotes[1]!.pageSpeaker).toBe('Blinken');
    // Its faint mark, and a wavy one for the misattribution.
    expect(t.kind('nosource')).toHaveLength(1);
    expect(t.kind('misattributed')).toHaveLength(1);
    const ids = report.quotes.map(q => q.id);
    expect(t.page.step('next')).toBe(ids[0]);
    expect(t.overlay.open).toHaveBeenLastCalledWith(ids[0], 'keyboard');
    expect(t.page.step('next')).toBe(ids[1]);
    expect(t.page.step('previous')).toBe(ids[0]);
    // Wraps round, and skips the quote without a source.
    expect(t.page.step('previous')).toBe(ids[2]);
    expect(t.page.step('next')).toBe(ids[0]);
    // Revealing the quote without a source opens no popover.
    t.overlay.open.mockClear();
    expect(t.page.reveal(ids[3]!)).toBe(true);
    expect(t.overlay.open).not.toHaveBeenCalled();
    expect(t.page.reveal(9999)).toBe(false);
  });

  it('hides the faint marks when the setting says so (ui)', async () => {
    load(ARTICLE);
    const t = setup({ settings: { markUnmatched: false } });
    await t.page.start();
    expect(t.kind('nosource')).toHaveLength(0);
    expect(t.page.report().quotes).toHaveLength(4);
    // Its box is still drawn, unpainted: the page cannot tell it from a matched quote's.
    expect(t.marks().map(m => [m.kind, m.matched])).toEqual([
      ['verbatim', true],
      ['misattributed', true],
      ['verbatim', true],
      [null, false],
    ]);
  });

  it('draws the UI and a box for quotes without a source as for quotes with one', async () => {
    load('<p>“This sentence is not in the corpus at all,” a reader wrote.</p>');
    const t = setup({ settings: { markUnmatched: false } });
    await t.page.start();
    expect(t.mountOverlay).toHaveBeenCalledTimes(1);
    expect(t.marks()).toEqual([
      expect.objectContaining({
        text: 'This sentence is not in the corpus at all',
        matched: false,
      }),
    ]);
    expect(t.page.stats().matched).toBe(0);
  });

  it('splits more than 2,000 texts into batches of 2,000', async () => {
    load(
      Array.from(
        { length: 2_300 },
        (_, i) => `<p>“Quote number ${i} has some words,” said A.</p>`,
      ).join(''),
    );
    const t = setup();
    await t.page.start();
    expect(t.matchQuotes.mock.calls.map(c => c[0].quotes.length)).toEqual([2_000, 300]);
  });

  it('marks quotes the page adds later', async () => {
    load('<p>“The risk of conflict is real,” he said.</p>');
    const t = setup();
    await t.page.start();
    expect(t.highlighted()).toBe(1);
    const p = document.createElement('p');
    p.textContent =
      '“Russia’s aggressive actions seriously undermine the security order in Europe,” he added.';
    document.body.append(p);
    await vi.waitFor(() => expect(t.highlighted()).toBe(2));
    // Only the new text was sent.
    expect(t.matchQuotes.mock.calls.at(-1)![0].quotes.map(q => q.text)).toEqual([
      'Russia’s aggressive actions seriously undermine the security order in Europe',
    ]);
  });

  it('forgets quotes the page removes', async () => {
    load('<p id="a">“The risk of conflict is real,” he said.</p>');
    const t = setup();
    await t.page.start();
    document.getElementById('a')!.remove();
    await vi.waitFor(() => expect(t.page.stats().matched).toBe(0));
    expect(t.highlighted()).toBe(0);
  });

  it('matches again when the corpus changes, and stops when the site is switched off', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    await t.page.corpusChanged();
    expect(t.matchQuotes).toHaveBeenCalledTimes(2);
    expect(t.highlighted()).toBe(3);

    t.setSettings({ disabledSites: ['news.example'] });
    await t.page.corpusChanged();
    expect(t.highlighted()).toBe(0);
    expect(t.host.isConnected).toBe(false);
    expect(t.overlay.destroy).toHaveBeenCalled();
    expect(t.page.stats()).toEqual({
      host: 'news.example',
      found: 0,
      matched: 0,
      copies: 0,
      paused: true,
    });

    t.setSettings({ disabledSites: [] });
    await t.page.corpusChanged();
    expect(t.highlighted()).toBe(3);
    expect(t.page.stats().paused).toBe(false);
  });

  it('removes every mark and its UI on destroy', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    t.page.destroy();
    expect(t.highlighted()).toBe(0);
    expect(t.host.isConnected).toBe(false);
    expect(document.querySelectorAll('style[data-verbatim-ignore]')).toHaveLength(0);
  });
});
