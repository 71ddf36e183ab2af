// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import { DEFAULT_KIND, Highlighter } from '../../../lib/content/highlighter';

class FakeHighlight {
  priority = 0;
  readonly ranges: AbstractRange[];
  constructor(...ranges: AbstractRange[]) {
    this.ranges = ranges;
  }
}

const STYLES = { quote: 'color: red;', edited: 'color: blue;' };

function setup() {
  const registry = new Map<string, FakeHighlight>();
  const highlighter = new Highlighter(document, registry, FakeHighlight, { styles: STYLES });
  const range = () => document.createRange();
  const named = (kind: string) => registry.get(highlighter.names.kinds.get(kind)!);
  return { registry, highlighter, range, named };
}

/** Page styles Verbatim added: adopted sheets and <style> elements (none in the DOM expected). */
function pageStyles(): { adopted: number; elements: number } {
  return {
    adopted: (document.adoptedStyleSheets ?? []).length,
    elements: document.querySelectorAll('style').length,
  };
}

describe('Highlighter', () => {
  it('marks ranges with one highlight per style and one page style, under random names', () => {
    const { highlighter, range, named } = setup();
    highlighter.show([range(), range()]);
    highlighter.show([range(), range(), range()]);
    expect(named(DEFAULT_KIND)?.ranges).toHaveLength(3);
    expect(highlighter.size).toBe(3);
    const name = highlighter.names.kinds.get(DEFAULT_KIND)!;
    expect(name).toMatch(/^[a-z]{10}$/);
    expect(name).not.toContain('verbatim');
    // One constructed sheet, nothing in the page's DOM.
    expect(pageStyles()).toEqual({ adopted: 1, elements: 0 });
    expect(highlighter.css).toContain(`::highlight(${name}) {color: red !important;`);
    // Another page load, other names.
    const other = new Highlighter(document, new Map(), FakeHighlight, { styles: STYLES });
    expect(other.names.kinds.get(DEFAULT_KIND)).not.toBe(name);
    highlighter.destroy();
  });

  it('gives each style kind its own highlight (unknown kinds get the default style)', () => {
    const { highlighter, range, named } = setup();
    highlighter.show(
      new Map([
        ['edited', [range()]],
        ['quote', [range(), range()]],
        ['no-such-kind', [range()]],
      ]),
    );
    expect(named('edited')?.ranges).toHaveLength(1);
    expect(named('quote')?.ranges).toHaveLength(3);
    expect(highlighter.size).toBe(4);
    highlighter.show(new Map([['quote', [range()]]]));
    expect(named('edited')).toBeUndefined();
    highlighter.destroy();
  });

  it('draws the active quote above the others', () => {
    const { registry, highlighter, range, named } = setup();
    highlighter.show([range()]);
    highlighter.setActive([range()]);
    const active = registry.get(highlighter.names.active)!;
    expect(active.priority).toBeGreaterThan(named(DEFAULT_KIND)!.priority);
    highlighter.setActive(null);
    expect(registry.has(highlighter.names.active)).toBe(false);
    highlighter.destroy();
  });

  it('puts back highlights the page cleared or replaced', () => {
    const { registry, highlighter, range, named } = setup();
    highlighter.show([range(), range()]);
    expect(highlighter.repair()).toBe(false);
    const mine = named(DEFAULT_KIND);
    registry.clear();
    document.adoptedStyleSheets = [];
    expect(highlighter.repair()).toBe(true);
    expect(named(DEFAULT_KIND)).toBe(mine);
    expect(pageStyles().adopted).toBe(1);
    registry.set(highlighter.names.kinds.get(DEFAULT_KIND)!, new FakeHighlight());
    expect(highlighter.repair()).toBe(true);
    expect(named(DEFAULT_KIND)).toBe(mine);
    highlighter.destroy();
  });

  it('leaves no trace on destroy', () => {
    const { registry, highlighter, range } = setup();
    highlighter.show([range()]);
    highlighter.setActive([range()]);
    highlighter.destroy();
    expect(registry.size).toBe(0);
    expect(pageStyles()).toEqual({ adopted: 0, elements: 0 });
  });

  it('does nothing where the Highlight API is missing', () => {
    const highlighter = new Highlighter(document, undefined, undefined);
    expect(highlighter.supported).toBe(false);
    highlighter.show([document.createRange()]);
    expect(pageStyles()).toEqual({ adopted: 0, elements: 0 });
  });
});
