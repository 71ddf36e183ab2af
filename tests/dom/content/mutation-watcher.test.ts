// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { MutationWatcher, type PageChange } from '../../../lib/content/mutation-watcher';

let watcher: MutationWatcher | undefined;
afterEach(() => {
  watcher?.destroy();
  watcher = undefined;
  document.body.replaceChildren();
  vi.useRealTimers();
});

/** Wait for the observer's records and the debounce. */
const settle = () => new Promise(r => setTimeout(r, 40));

function watch(options: { maxRoots?: number } = {}) {
  const changes: PageChange[] = [];
  watcher = new MutationWatcher(document, c => changes.push(c), {
    debounceMs: 10,
    ...options,
  });
  return changes;
}

const NONE: PageChange = {
  roots: [],
  blocks: [],
  revealed: [],
  styles: false,
  removed: false,
  bodyReplaced: false,
};

describe('MutationWatcher', () => {
  it('reports added subtrees once, after a quiet pause', async () => {
    const changes = watch();
    const section = document.createElement('section');
    section.append(document.createElement('p'), document.createElement('p'));
    document.body.append(section);
    section.append(document.createElement('p'));
    // The first report may take longer than one debounce on a loaded machine: wait for it,
    // then a quiet pause more, so that a second report would have come.
    await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0));
    await settle();
    expect(changes).toEqual([{ ...NONE, roots: [section] }]);
  });

  it('reports the block of a changed text, not the blocks around it', async () => {
    const article = document.createElement('article');
    const time = document.createElement('time');
    time.textContent = '5 s';
    const p = document.createElement('p');
    p.textContent = 'A paragraph.';
    article.append('Updated ', time, ' ago', p);
    document.body.append(article);
    const changes = watch();
    time.firstChild!.nodeValue = '6 s';
    await settle();
    // The article's own text (the watcher's user scans it shallow), not its paragraphs.
    expect(changes).toEqual([{ ...NONE, blocks: [article] }]);
  });

  it('reports an inline element added by its block', async () => {
    const p = document.createElement('p');
    p.textContent = 'He said ';
    document.body.append(p);
    const changes = watch();
    const em = document.createElement('em');
    em.textContent = '“words”';
    p.append(em);
    await settle();
    expect(changes).toEqual([{ ...NONE, blocks: [p] }]);
  });

  it('reports changes of class, style, hidden and open that may reveal content', async () => {
    const details = document.createElement('details');
    const div = document.createElement('div');
    document.body.append(details, div);
    const changes = watch();
    details.setAttribute('open', '');
    div.className = 'expanded';
    div.setAttribute('data-other', 'x');
    await settle();
    expect(changes).toEqual([{ ...NONE, revealed: [details, div] }]);
  });

  it('reports a new style sheet and a replaced <body>', async () => {
    const changes = watch();
    const style = document.createElement('style');
    document.head.append(style);
    await settle();
    expect(changes).toEqual([{ ...NONE, styles: true }]);
    const body = document.createElement('body');
    document.documentElement.replaceChild(body, document.body);
    await settle();
    expect(changes[1]).toMatchObject({ roots: [body], bodyReplaced: true, removed: true });
  });

  it('ignores text changes that cannot make or change a quote', async () => {
    const clock = document.createElement('p');
    clock.textContent = 'Updated 5 s ago';
    const quoted = document.createElement('p');
    quoted.textContent = '“A quote,” he said. Now 5 s.';
    document.body.append(clock, quoted);
    const changes: PageChange[] = [];
    watcher = new MutationWatcher(document, c => changes.push(c), {
      debounceMs: 10,
      holdsQuote: block => block === quoted,
    });
    clock.textContent = 'Updated 6 s ago';
    clock.firstChild!.nodeValue = 'Updated 7 s ago';
    await settle();
    expect(changes).toEqual([]);
    // A mark in the new text, or a block with a quote in it: scanned again.
    clock.textContent = 'Updated “now”';
    quoted.lastChild!.nodeValue = '“A quote,” he said. Now 6 s.';
    await settle();
    expect(changes).toEqual([{ ...NONE, blocks: [clock, quoted] }]);
  });

  it('reports a long text without quotation marks when it may hold an unmarked copy (copies)', async () => {
    const clock = document.createElement('p');
    clock.textContent = 'Updated 5 s ago';
    const para = document.createElement('p');
    para.textContent = 'Loading…';
    document.body.append(clock, para);
    const changes: PageChange[] = [];
    watcher = new MutationWatcher(document, c => changes.push(c), {
      debounceMs: 10,
      holdsQuote: () => false,
      mayMatter: text => text.split(' ').length >= 12,
    });
    clock.firstChild!.nodeValue = 'Updated 6 s ago';
    await settle();
    expect(changes).toEqual([]);
    para.firstChild!.nodeValue =
      'The Russian military build-up continues, with tens of thousands of combat troops near the border.';
    await settle();
    expect(changes).toEqual([{ ...NONE, blocks: [para] }]);
    para.textContent =
      'I will chair a meeting of the NATO-Ukraine Commission on Monday to discuss the evolving situation.';
    await settle();
    expect(changes[1]).toMatchObject({ blocks: [para] });
  });

  it('ignores a ticker re-rendered as new elements, but not elements that may hold quotes', async () => {
    const ticker = document.createElement('p');
    ticker.append('Markets: ', document.createElement('span'));
    const quoted = document.createElement('p');
    quoted.textContent = '“A quote,” he said.';
    document.body.append(ticker, quoted);
    const changes: PageChange[] = [];
    watcher = new MutationWatcher(document, c => changes.push(c), {
      debounceMs: 10,
      holdsQuote: block => block === quoted,
    });
    const span = ticker.lastElementChild!;
    for (let i = 0; i < 3; i++) {
      const b = document.createElement('b');
      const digit = document.createElement('i');
      digit.textContent = String(i);
      b.append(digit, '.5');
      span.replaceChildren(b);
    }
    await settle();
    expect(changes).toEqual([]);
    // A quotation mark in the new element, a custom element (its text may be in a shadow
    // tree), or a swap in a block with a quote: looked at.
    const marked = document.createElement('b');
    marked.textContent = '“up”';
    span.replaceChildren(marked);
    await settle();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.blocks).toEqual([ticker]);
    span.replaceChildren(document.createElement('quote-card'));
    await settle();
    expect(changes).toHaveLength(2);
    const b = document.createElement('b');
    b.textContent = 'now';
    quoted.append(b);
    await settle();
    expect(changes[2]).toMatchObject({ blocks: [quoted] });
  });

  it('ignores Verbatim’s own elements and whatever the user types', async () => {
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', '');
    const line = document.createElement('p');
    line.textContent = 'draft';
    editor.append(line);
    document.body.append(editor);
    const changes = watch();
    const host = document.createElement('verbatim-ui');
    host.setAttribute('data-verbatim-ignore', '');
    document.body.append(host);
    host.append(document.createElement('div'));
    line.firstChild!.nodeValue = '“typed words”';
    line.append(document.createElement('b'));
    await settle();
    expect(changes).toEqual([]);
  });

  it('watches open shadow roots it is given', async () => {
    const host = document.createElement('quote-card');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    shadow.append(p);
    const changes = watch();
    watcher!.observe(shadow);
    p.textContent = '“Inside the shadow”';
    await settle();
    expect(changes).toEqual([{ ...NONE, blocks: [p] }]);
  });

  it('says when something was removed', async () => {
    const p = document.createElement('p');
    document.body.append(p);
    const changes = watch();
    p.remove();
    await settle();
    expect(changes).toEqual([{ ...NONE, removed: true }]);
  });

  it('reports at most maxRoots subtrees at a time, the rest later', async () => {
    const changes = watch({ maxRoots: 2 });
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('p'));
    await settle();
    await settle();
    expect(changes.map(c => c.roots.length)).toEqual([2, 2, 1]);
  });

  it('reports within the longest wait while the page never stops changing', async () => {
    vi.useFakeTimers();
    let tick = 0;
    let quote: HTMLElement | undefined;
    let reportedAt: number | undefined;
    watcher = new MutationWatcher(
      document,
      c => {
        if (quote && c.roots.includes(quote)) reportedAt ??= tick;
      },
      { debounceMs: 100, maxWaitMs: 300 },
    );
    const ticker = document.createElement('p');
    ticker.textContent = 'tick 0';
    document.body.append(ticker);
    // A ticker every 50 ms: the quiet pause of 100 ms never comes.
    for (tick = 1; tick <= 40; tick++) {
      ticker.firstChild!.nodeValue = `tick ${tick}`;
      if (tick === 10) {
        quote = document.createElement('p');
        quote.textContent = '“A quote added while the ticker runs”';
        document.body.append(quote);
      }
      await vi.advanceTimersByTimeAsync(50);
    }
    // Reported at most 300 ms (6 ticks) after it was added.
    expect(reportedAt).toBeDefined();
    expect(reportedAt! - 10).toBeLessThanOrEqual(6);
  });

  it('stops on destroy', async () => {
    const onChange = vi.fn();
    watcher = new MutationWatcher(document, onChange, { debounceMs: 10 });
    document.body.append(document.createElement('p'));
    watcher.destroy();
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
