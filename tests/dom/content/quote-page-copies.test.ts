// @vitest-environment happy-dom
/**
 * (copies) `QuotePage` and unmarked copies: which paragraphs it sends to `findCopies` (long
 * enough, their quotes left out, in batches, each once), how it marks what comes back (a
 * kind of mark of its own, not the quotes' tint), and what it sends again when the page
 * changes (only the paragraphs that changed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Highlighter } from '../../../lib/content/highlighter';
import type { Mark } from '../../../lib/content/marks';
import {
  COPY_BATCH_CHARS,
  mayHoldCopy,
  QuotePage,
  type PageOverlay,
} from '../../../lib/content/quote-page';
import type { CopySpan } from '../../../lib/core/text-reuse';
import { ok } from '../../../lib/messaging/dispatch';
import {
  type CopyRequest,
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

/** What the fake background takes for copies of its corpus. */
const COPIED = [
  'The Russian military build-up continues. With tens of thousands of combat troops, and heavy capabilities.',
  'I will chair a meeting of the NATO-Ukraine Commission on Monday to discuss the evolving situation.',
];
const QUOTED = 'We are always ready to listen to Russian concerns.';

let page: QuotePage | undefined;
afterEach(() => {
  page?.destroy();
  page = undefined;
});

function setup(settings: Partial<Settings> = {}) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const matchQuotes = vi.fn(async ({ quotes }: { quotes: QuoteRequest[] }) =>
    ok(quotes.map(q => (q.text.startsWith(QUOTED) ? quoteMatch({ passage: QUOTED }) : null))),
  );
  const findCopies = vi.fn(async ({ blocks }: { blocks: CopyRequest[] }) =>
    ok(
      blocks.map(b =>
        COPIED.flatMap((c): CopySpan[] => {
          const at = b.text.indexOf(c);
          if (at < 0) return [];
          const end = at + c.length;
          if (b.exclude?.some(x => x.start < end && at < x.end)) return [];
          return [{ start: at, end, match: quoteMatch({ passage: c }) }];
        }),
      ),
    ),
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
  const highlighter = new Highlighter(document);
  const onIdle = vi.fn();
  page = new QuotePage({
    doc: document,
    host: 'news.example',
    getSettings: vi.fn(async () => ok(current)),
    matchQuotes,
    findCopies,
    mountOverlay: vi.fn(async () => {
      const host = document.createElement('verbatim-ui');
      host.setAttribute('data-verbatim-ignore', '');
      document.body.append(host);
      return { overlay: overlay as PageOverlay, host };
    }),
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
  });
  const texts = (which: (m: ReturnType<Highlighter['snapshot']>[number]) => boolean) =>
    highlighter
      .snapshot()
      .filter(which)
      .map(m => m.text.replace(/\s+/g, ' ').trim());
  return {
    page,
    matchQuotes,
    findCopies,
    overlay,
    onIdle,
    /** Texts of the copies marked (the copy kind's marks). */
    copies: () => texts(m => m.kind === 'copy'),
    /** Texts in the quotes' tint. */
    tinted: () => texts(m => m.matched),
    /** The unpainted boxes of whole paragraphs (the page can see where boxes are, not what they show). */
    paragraphs: () => texts(m => m.paragraph && m.kind === null && !m.matched),
    /** The texts sent to `findCopies`, call by call. */
    sent: () => findCopies.mock.calls.map(c => c[0].blocks.map(b => b.text)),
    setSettings: (s: Partial<Settings>) => (current = { ...current, ...s }),
    /** Resolves when the page has been brought up to date `n` times in all. */
    idle: (n: number) =>
      vi.waitFor(() => expect(onIdle.mock.calls.length).toBeGreaterThanOrEqual(n)),
  };
}

const ARTICLE = `
  <h1>Alliance prepares for talks</h1>
  <p id="quote">The Secretary General told reporters: “${QUOTED} And NATO will make every effort to find a political way forward.</p>
  <p id="copy">Officials said the situation was tense. ${COPIED[0]} Reporters were not told more.</p>
  <p id="short">Jens Stoltenberg.</p>
  <aside><p id="wire">${COPIED[1]}</p></aside>
  <p id="own">Ministers meeting by video link on Friday agreed that the alliance would keep talking to Moscow, officials said.</p>`;

describe('QuotePage: unmarked copies', () => {
  it('sends each paragraph of 12 words or more once, its quotes left out, after matching the quotes', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    expect(t.matchQuotes).toHaveBeenCalledTimes(1);
    expect(t.findCopies).toHaveBeenCalledTimes(1);
    expect(t.matchQuotes.mock.invocationCallOrder[0]).toBeLessThan(
      t.findCopies.mock.invocationCallOrder[0]!,
    );
    const blocks = t.findCopies.mock.calls[0]![0].blocks;
    // Not the heading (4 words), not the credit line.
    expect(blocks.map(b => b.text.slice(0, 24))).toEqual([
      'The Secretary General to',
      'Officials said the situa',
      'I will chair a meeting o',
      'Ministers meeting by vid',
    ]);
    // The unclosed quote runs to the end of its paragraph: all of that is left out.
    const first = blocks[0]!;
    expect(first.exclude).toEqual([{ start: first.text.indexOf(QUOTED), end: first.text.length }]);
    expect(blocks[1]!.exclude).toBeUndefined();
  });

  it('marks the copies in their own kind of mark, apart from the quotes’ tint, and reports them in reading order', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    expect(t.copies()).toEqual([COPIED[0], COPIED[1]]);
    expect(t.tinted()).toEqual([
      `${QUOTED} And NATO will make every effort to find a political way forward.`,
    ]);
    expect(t.page.stats()).toMatchObject({ found: 1, matched: 1, copies: 2 });
    // One stand-in and popover per mark, the copies' among the quotes in reading order.
    expect(t.overlay.marks.map(m => m.quote.mark)).toEqual(['“', 'copy', 'copy']);
    const report = t.page.report();
    expect(report.quotes.map(q => [q.kind ?? 'quote', q.text.slice(0, 20)])).toEqual([
      ['quote', 'We are always ready '],
      ['copy', 'The Russian military'],
      ['copy', 'I will chair a meeti'],
    ]);
    expect(report.quotes[1]!.match?.speaker.name).toBe('Jens Stoltenberg');
    // A copy is revealed like a quote: its popover opens.
    expect(t.page.reveal(report.quotes[2]!.id)).toBe(true);
    expect(t.overlay.open).toHaveBeenLastCalledWith(report.quotes[2]!.id, 'keyboard');
  });

  it('gives every paragraph checked a box, whether a copy was found in it or not', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    const squash = (id: string) =>
      (document.getElementById(id)!.textContent ?? '').replace(/\s+/g, ' ').trim();
    // The four paragraphs sent, two with a copy and two without, each boxed whole.
    expect(t.paragraphs()).toEqual(['quote', 'copy', 'wire', 'own'].map(squash));
    // Not before they were checked: with the check switched off, none.
    t.page.destroy();
    load(ARTICLE);
    const off = setup({ markCopies: false });
    await off.page.start();
    expect(off.paragraphs()).toEqual([]);
    expect(off.tinted()).toHaveLength(1);
  });

  it('marks a copy on a page whose quotes have no source', async () => {
    load(`<p>“Nobody said this sentence in any document,” she wrote.</p><p>${COPIED[0]}</p>`);
    const t = setup();
    await t.page.start();
    expect(t.copies()).toEqual([COPIED[0]]);
    expect(t.tinted()).toEqual([]);
    expect(t.overlay.setMarks).toHaveBeenCalled();
  });

  it('sends again only a paragraph the page changes, and none the page merely touches', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    // A new paragraph with a copy: only it is sent.
    const added = document.createElement('p');
    added.textContent = `In a statement: ${COPIED[1]}`;
    document.body.append(added);
    await vi.waitFor(() => expect(t.copies()).toHaveLength(3));
    expect(t.sent().at(-1)).toEqual([`In a statement: ${COPIED[1]}`]);
    // The page rewrites the copied paragraph's text node in its own words: only it is sent, and
    // its mark goes.
    const copy = document.getElementById('copy')!.firstChild as Text;
    copy.data =
      'Officials said the situation was tense and that troops were still arriving near the border.';
    await vi.waitFor(() => expect(t.copies()).toEqual([COPIED[1], COPIED[1]]));
    expect(t.sent().at(-1)).toEqual([copy.data]);
    const calls = t.findCopies.mock.calls.length;
    const idles = t.onIdle.mock.calls.length;
    // A change that brings no new paragraph text (a short line, a class): nothing is sent.
    document.getElementById('short')!.textContent = 'Jens Stoltenberg, NATO.';
    document.getElementById('own')!.className = 'highlighted';
    // (The class change makes an update, which finds nothing to scan.)
    await t.idle(idles + 1);
    expect(t.findCopies).toHaveBeenCalledTimes(calls);
    // A removed copy loses its mark without asking anything.
    document.getElementById('wire')!.remove();
    await vi.waitFor(() => expect(t.copies()).toEqual([COPIED[1]]));
    expect(t.findCopies).toHaveBeenCalledTimes(calls);
  });

  it('asks again for every paragraph when the corpus changes', async () => {
    load(ARTICLE);
    const t = setup();
    await t.page.start();
    await t.page.corpusChanged();
    expect(t.sent()).toHaveLength(2);
    expect(t.sent()[1]).toEqual(t.sent()[0]);
    expect(t.copies()).toEqual([COPIED[0], COPIED[1]]);
  });

  it('sends nothing when the reader switched copies off, and looks when they are on again', async () => {
    load(ARTICLE);
    const t = setup({ markCopies: false });
    await t.page.start();
    expect(t.findCopies).not.toHaveBeenCalled();
    expect(t.copies()).toEqual([]);
    expect(t.tinted()).toHaveLength(1);
    t.setSettings({ markCopies: true });
    await t.page.corpusChanged();
    expect(t.copies()).toEqual([COPIED[0], COPIED[1]]);
    t.setSettings({ markCopies: false });
    await t.page.corpusChanged();
    expect(t.copies()).toEqual([]);
    expect(t.page.stats().copies).toBe(0);
  });

  it('sends a long page in batches of at most 60,000 characters', async () => {
    const filler =
      'officials from several delegations compared notes in the corridors again '.repeat(12);
    load(Array.from({ length: 120 }, (_, i) => `<p>Part ${i}: ${filler}</p>`).join(''));
    const t = setup();
    await t.page.start();
    const sizes = t.findCopies.mock.calls.map(c =>
      c[0].blocks.reduce((n, b) => n + b.text.length, 0),
    );
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(COPY_BATCH_CHARS);
    expect(t.sent().flat()).toHaveLength(120);
  });
});

describe('mayHoldCopy', () => {
  it.each([
    ['eleven words', 'one two three four five six seven eight nine ten eleven', false],
    ['twelve words', 'one two three four five six seven eight nine ten eleven twelve', true],
    ['spaces only', ' '.repeat(200), false],
    ['a long word run', 'x'.repeat(400), false],
  ])('%s', (_what, text, expected) => {
    expect(mayHoldCopy(text)).toBe(expected);
  });
});
