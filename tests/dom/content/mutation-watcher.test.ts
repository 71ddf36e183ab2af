// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { MutationWatcher, type PageChange } from '../../../lib/content/mutation-watcher';

let watcher: MutationWatcher | undefined;
afterEach(() => {
  watcher?.destroy();
  watcher = undefined;
  document.body.replaceChildren();
});

/** Wait for the observer's records and the debounce. */
const settle = () => new Promise(r => setTimeout(r, 40));

function watch(options: { maxRoots?: number } = {}) {
  const changes: PageChange[] = [];
  watcher = new MutationWatcher(document.body, c => changes.push(c), {
    debounceMs: 10,
    ...options,
  });
  return changes;
}

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
    expect(changes).toEqual([{ roots: [section], removed: false }]);
  });

  it('reports the block of a changed text', async () => {
    const p = document.createElement('p');
    const em = document.createElement('em');
    em.textContent = 'old';
    p.append('Said: ', em);
    document.body.append(p);
    const changes = watch();
    em.firstChild!.nodeValue = '“new words here”';
    await settle();
    expect(changes).toEqual([{ roots: [p], removed: false }]);
  });

  it('ignores Verbatim’s own elements', async () => {
    const changes = watch();
    const host = document.createElement('verbatim-ui');
    host.setAttribute('data-verbatim-ignore', '');
    document.body.append(host);
    host.append(document.createElement('div'));
    await settle();
    expect(changes).toEqual([]);
  });

  it('says when something was removed', async () => {
    const p = document.createElement('p');
    document.body.append(p);
    const changes = watch();
    p.remove();
    await settle();
    expect(changes).toEqual([{ roots: [], removed: true }]);
  });

  it('reports at most maxRoots subtrees at a time, the rest later', async () => {
    const changes = watch({ maxRoots: 2 });
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('p'));
    await settle();
    await settle();
    expect(changes.map(c => c.roots.length)).toEqual([2, 2, 1]);
  });

  it('stops on destroy', async () => {
    const onChange = vi.fn();
    watcher = new MutationWatcher(document.body, onChange, { debounceMs: 10 });
    document.body.append(document.createElement('p'));
    watcher.destroy();
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
