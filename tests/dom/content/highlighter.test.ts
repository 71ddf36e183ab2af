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
  const registry = new Map<string, FakeHighlight>();
  const highlighter = new Highlighter(document, registry, FakeHighlight);
  const range = () => document.createRange();
  return { registry, highlighter, range };
}

describe('Highlighter', () => {
  it('marks ranges with one highlight and one page style', () => {
    const { registry, highlighter, range } = setup();
    highlighter.show([range(), range()]);
    highlighter.show([range(), range(), range()]);
    expect(registry.get(HIGHLIGHT)?.ranges).toHaveLength(3);
    expect(highlighter.size).toBe(3);
    const styles = document.head.querySelectorAll('style[data-verbatim-ignore]');
    expect(styles).toHaveLength(1);
    expect(styles[0]?.textContent).toContain(`::highlight(${HIGHLIGHT})`);
    highlighter.destroy();
  });

  it('draws the active quote above the others', () => {
    const { registry, highlighter, range } = setup();
    highlighter.show([range()]);
    highlighter.setActive([range()]);
    expect(registry.get(ACTIVE_HIGHLIGHT)?.priority).toBe(1);
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
    const css = document.head.querySelector('style[data-verbatim-ignore]')?.textContent ?? '';
    const styleOf = (kind: string) =>
      new RegExp(`::highlight\\(verbatim-quote-${kind}\\)[^}]*text-decoration-style: (\\w+)`).exec(
        css,
      )?.[1];
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
    expect(document.querySelectorAll('style[data-verbatim-ignore]')).toHaveLength(0);
  });

  it('does nothing where the Highlight API is missing', () => {
    const highlighter = new Highlighter(document, undefined, undefined);
    expect(highlighter.supported).toBe(false);
    highlighter.show([document.createRange()]);
    expect(document.querySelectorAll('style[data-verbatim-ignore]')).toHaveLength(0);
  });
});
