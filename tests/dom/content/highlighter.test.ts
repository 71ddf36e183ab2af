// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import {
  ACTIVE_HIGHLIGHT,
  HIGHLIGHT,
  Highlighter,
  kindHighlight,
} from '../../../lib/content/highlighter';

class FakeHighlight {
  priority = 0;
  readonly ranges: AbstractRange[];
  constructor(...ranges: AbstractRange[]) {
    this.ranges = ranges;
  }
}

function setup() {
  const store = new Map<string, FakeHighlight>();
  const highlighter = new Highlighter(document, store, FakeHighlight);
  const range = () => document.createRange();
  // The registry by logical name (Verbatim registers random names: `nameOf`).
  const registry = {
    get: (logical: string) => store.get(highlighter.nameOf(logical)),
    has: (logical: string) => store.has(highlighter.nameOf(logical)),
    get size() {
      return store.size;
    },
  };
  return { registry, store, highlighter, range };
}

describe('Highlighter', () => {
  it('marks ranges with one highlight and one page style', () => {
    const { registry, highlighter, range } = setup();
    highlighter.show([range(), range()]);
    highlighter.show([range(), range(), range()]);
    expect(registry.get(HIGHLIGHT)?.ranges).toHaveLength(3);
    expect(highlighter.size).toBe(3);
    // One constructed sheet, nothing in the page's DOM, under a random name.
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(document.querySelectorAll('style')).toHaveLength(0);
    const name = highlighter.nameOf(HIGHLIGHT);
    expect(name).toMatch(/^[a-z]{10}$/);
    expect(highlighter.css).toContain(`::highlight(${name})`);
    expect(highlighter.css).toMatch(/background-color: [^;]+ !important;/);
    expect(new Highlighter(document, new Map(), FakeHighlight).nameOf(HIGHLIGHT)).not.toBe(name);
    highlighter.destroy();
  });

  it('draws the active quote above the others', () => {
    const { registry, highlighter, range } = setup();
    highlighter.show([range()]);
    highlighter.setActive([range()]);
    expect(registry.get(ACTIVE_HIGHLIGHT)!.priority).toBeGreaterThan(
      registry.get(HIGHLIGHT)!.priority,
    );
    highlighter.setActive(null);
    expect(registry.has(ACTIVE_HIGHLIGHT)).toBe(false);
    highlighter.destroy();
  });

  it('gives each kind of mark its own highlight and underline style (ui)', () => {
    const { registry, highlighter, range } = setup();
    const [a, b, c] = [range(), range(), range()];
    highlighter.show([a, b], { verbatim: [a], misattributed: [b], nosource: [c] });
    expect(registry.get(kindHighlight('verbatim'))?.ranges).toEqual([a]);
    expect(registry.get(kindHighlight('misattributed'))?.ranges).toEqual([b]);
    // A quote without a source gets its faint line only, not the matched quotes' tint.
    expect(registry.get(kindHighlight('nosource'))?.ranges).toEqual([c]);
    expect(registry.get(HIGHLIGHT)?.ranges).toEqual([a, b]);
    const css = highlighter.css;
    const styleOf = (kind: string) =>
      new RegExp(
        `::highlight\\(${highlighter.nameOf(`verbatim-quote-${kind}`)}\\)[^}]*text-decoration-style: (\\w+)`,
      ).exec(css)?.[1];
    const styles = ['verbatim', 'edited', 'paraphrase', 'misattributed', 'ambiguous'].map(styleOf);
    expect(new Set(styles).size).toBe(5);
    // Redrawn without misattributions: that highlight goes.
    highlighter.show([a], { verbatim: [a] });
    expect(registry.has(kindHighlight('misattributed'))).toBe(false);
    highlighter.destroy();
    expect(registry.size).toBe(0);
  });

  it('leaves no trace on destroy', () => {
    const { registry, highlighter, range } = setup();
    highlighter.show([range()]);
    highlighter.setActive([range()]);
    highlighter.destroy();
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('does nothing where the Highlight API is missing', () => {
    const highlighter = new Highlighter(document, undefined, undefined);
    expect(highlighter.supported).toBe(false);
    highlighter.show([document.createRange()]);
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('puts back highlights the page cleared or replaced, and a dropped sheet', () => {
    const { store, highlighter, range } = setup();
    highlighter.show([range(), range()]);
    expect(highlighter.repair()).toBe(false);
    const name = highlighter.nameOf(HIGHLIGHT);
    const mine = store.get(name);
    store.clear();
    document.adoptedStyleSheets = [];
    expect(highlighter.repair()).toBe(true);
    expect(store.get(name)).toBe(mine);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    store.set(name, new FakeHighlight());
    expect(highlighter.repair()).toBe(true);
    expect(store.get(name)).toBe(mine);
    highlighter.destroy();
  });
});
