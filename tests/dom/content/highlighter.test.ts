// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Highlighter, lineRects, UNDERLINE_ROOM } from '../../../lib/content/highlighter';

/** Each range's client rects (happy-dom has no layout): by the text of its paragraph. */
const RECTS = new Map<string, Array<[left: number, top: number, width: number, height: number]>>();

function rectList(list: Array<[number, number, number, number]>): DOMRectList {
  const rects = list.map(([x, y, w, h]) => new DOMRect(x, y, w, h));
  return Object.assign(rects, { item: (i: number) => rects[i] ?? null }) as unknown as DOMRectList;
}

function setup(html: string) {
  // The test's own markup (as the other DOM tests load theirs).
  document.open();
  document.write(`<!doctype html><html><head></head><body>${html}</body></html>`);
  document.close();
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const p = this.startContainer.parentElement;
    return rectList(RECTS.get(p?.id ?? '') ?? []);
  });
  const host = document.createElement('div');
  document.documentElement.append(host);
  const layer = document.createElement('div');
  host.attachShadow({ mode: 'closed' }).append(layer);
  const highlighter = new Highlighter(document);
  const range = (id: string) => {
    const r = document.createRange();
    r.selectNodeContents(document.getElementById(id)!.firstChild!);
    return r;
  };
  const boxes = (el: Element = layer) =>
    [...el.querySelectorAll<HTMLElement>('.vb-m')].map(b => ({
      kind: b.dataset.kind ?? null,
      tinted: b.classList.contains('vb-t'),
      active: b.classList.contains('vb-a'),
      box: [b.style.left, b.style.top, b.style.width, b.style.height].map(parseFloat),
    }));
  return { highlighter, layer, host, range, boxes };
}

afterEach(() => {
  vi.restoreAllMocks();
  RECTS.clear();
  document.documentElement.querySelectorAll(':scope > div').forEach(d => d.remove());
});

describe('Highlighter', () => {
  it('draws a box per line inside its layer, and nothing in the page’s DOM or registries', () => {
    RECTS.set('a', [
      [10, 100, 300, 20],
      [10, 124, 120, 20],
    ]);
    const t = setup('<p id="a">NATO will engage in dialogue with Russia</p>');
    const before = document.body.cloneNode(true);
    t.highlighter.attach(t.layer);
    t.highlighter.show([t.range('a')], { verbatim: [t.range('a')] });
    // (A new Range each call: the highlighter keys marks by the ranges it is given.)
    const a = t.range('a');
    t.highlighter.show([a], { verbatim: [a] });
    expect(t.highlighter.size).toBe(1);
    expect(t.boxes()).toEqual([
      { kind: 'verbatim', tinted: true, active: false, box: [10, 100, 300, 20 + UNDERLINE_ROOM] },
      { kind: 'verbatim', tinted: true, active: false, box: [10, 124, 120, 20 + UNDERLINE_ROOM] },
    ]);
    expect(document.body.isEqualNode(before)).toBe(true);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(document.querySelectorAll('style')).toHaveLength(0);
    // The style sheet is the layer's own.
    expect(t.layer.querySelector('style')?.textContent).toContain('.vb-m');
  });

  it('gives every quote checked the same box, whatever was found; only the paint differs (ui)', () => {
    for (const id of ['a', 'b', 'c', 'd']) RECTS.set(id, [[10, 100, 200, 20]]);
    const t = setup('<p id="a">one</p><p id="b">two</p><p id="c">three</p><p id="d">four</p>');
    t.highlighter.attach(t.layer);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(t.range);
    t.highlighter.show([a!, b!], { verbatim: [a!], misattributed: [b!], nosource: [c!] }, [
      a!,
      b!,
      c!,
      d!,
    ]);
    const drawn = t.boxes();
    expect(drawn.map(x => [x.kind, x.tinted])).toEqual([
      ['verbatim', true],
      ['misattributed', true],
      ['nosource', false],
      [null, false],
    ]);
    expect(new Set(drawn.map(x => x.box.join()))).toEqual(new Set(['10,100,200,28']));
    expect(t.highlighter.size).toBe(2);
  });

  it('merges the rects of one line (an inline element’s box and its text)', () => {
    const range = {
      getClientRects: () =>
        rectList([
          [10, 100, 100, 20],
          [40, 99, 30, 22],
          [110, 100, 50, 20],
          [10, 124, 80, 20],
        ]),
    } as unknown as Range;
    expect(lineRects(range)).toEqual([
      { left: 10, top: 99, right: 160, bottom: 121 },
      { left: 10, top: 124, right: 90, bottom: 144 },
    ]);
  });

  it('clips a line to the element that scrolls it', () => {
    RECTS.set('a', [[10, 100, 500, 20]]);
    const t = setup('<div id="box" style="overflow: auto"><p id="a">a long quote</p></div>');
    const box = document.getElementById('box')!;
    vi.spyOn(box, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 90, 200, 100));
    Object.defineProperty(box, 'clientWidth', { value: 200 });
    Object.defineProperty(box, 'clientHeight', { value: 100 });
    t.highlighter.attach(t.layer);
    const a = t.range('a');
    t.highlighter.show([a], { edited: [a] });
    expect(t.boxes().map(x => x.box)).toEqual([[10, 100, 190, 28]]);
  });

  it('measures only the quotes that are new; the others keep their boxes', () => {
    RECTS.set('a', [[10, 100, 200, 20]]);
    RECTS.set('b', [[10, 200, 200, 20]]);
    const t = setup('<p id="a">one</p><p id="b">two</p>');
    t.highlighter.attach(t.layer);
    const [a, b] = [t.range('a'), t.range('b')];
    t.highlighter.show([a], { verbatim: [a] });
    const first = t.layer.querySelector('.vb-m');
    const measured = vi.mocked(Range.prototype.getClientRects).mock.calls.length;
    t.highlighter.show([a, b], { verbatim: [a], edited: [b] });
    expect(t.layer.querySelector('.vb-m')).toBe(first);
    expect(vi.mocked(Range.prototype.getClientRects).mock.calls.length).toBe(measured + 1);
    // A finding that changes is repainted in place.
    t.highlighter.show([a, b], { misattributed: [a], edited: [b] });
    expect(t.layer.querySelector('.vb-m')).toBe(first);
    expect(t.boxes()[0]!.kind).toBe('misattributed');
  });

  it('emphasises the active quote, and draws a range it was not showing while it is active', () => {
    RECTS.set('a', [[10, 100, 200, 20]]);
    RECTS.set('b', [[10, 200, 200, 20]]);
    const t = setup('<p id="a">one</p><p id="b">two</p>');
    t.highlighter.attach(t.layer);
    const [a, b] = [t.range('a'), t.range('b')];
    t.highlighter.show([a], { verbatim: [a] });
    t.highlighter.setActive([a]);
    expect(t.boxes().map(x => x.active)).toEqual([true]);
    t.highlighter.setActive([b]);
    expect(t.boxes().map(x => x.active)).toEqual([false, true]);
    t.highlighter.setActive(null);
    expect(t.boxes().map(x => x.active)).toEqual([false]);
  });

  it('hides a line the page covers with its own content, and shows it when uncovered', () => {
    RECTS.set('a', [[10, 100, 200, 20]]);
    const t = setup('<p id="a">one</p><header id="bar">sticky</header>');
    const bar = document.getElementById('bar')!;
    let hit: Element = bar;
    document.elementFromPoint = () => hit;
    t.highlighter.attach(t.layer);
    const a = t.range('a');
    t.highlighter.show([a], { verbatim: [a] });
    const el = t.layer.querySelector('.vb-m')!;
    expect(el.classList.contains('vb-covered')).toBe(true);
    hit = document.getElementById('a')!;
    // Checked again after a layout (and when a scroll stops).
    t.highlighter.layout();
    expect(el.classList.contains('vb-covered')).toBe(false);
  });

  it('measures again when a quote in view has moved (repair)', () => {
    RECTS.set('a', [[10, 100, 200, 20]]);
    const t = setup('<p id="a">one</p>');
    t.highlighter.attach(t.layer);
    const a = t.range('a');
    t.highlighter.show([a], { verbatim: [a] });
    expect(t.highlighter.repair()).toBe(false);
    RECTS.set('a', [[10, 160, 200, 20]]);
    expect(t.highlighter.repair()).toBe(true);
    expect(t.boxes()[0]!.box).toEqual([10, 160, 200, 28]);
  });

  it('draws as elements only the lines near the window, and the others as the reader scrolls there', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `q${i}`);
    // One line every 600 px: 24,000 px of page, a window of 768.
    ids.forEach((id, i) => RECTS.set(id, [[10, i * 600, 200, 20]]));
    const t = setup(ids.map(id => `<p id="${id}">quote</p>`).join(''));
    let scrollTop = 0;
    vi.spyOn(t.layer, 'getBoundingClientRect').mockImplementation(
      () => new DOMRect(0, -scrollTop, 0, 0),
    );
    t.highlighter.attach(t.layer);
    const ranges = ids.map(t.range);
    t.highlighter.show(ranges, { verbatim: ranges });
    // Everything measured; drawn: the window and 1.5 windows either side.
    expect(t.highlighter.snapshot().every(m => m.boxes.length === 1)).toBe(true);
    const drawn = () => t.boxes().map(b => b.box[1]!);
    expect(drawn()).toEqual([0, 600, 1200, 1800]);
    scrollTop = 12_000;
    window.dispatchEvent(new Event('scroll'));
    await new Promise(r => requestAnimationFrame(() => r(null)));
    expect(drawn().sort((a, b) => a - b)).toEqual([11_400, 12_000, 12_600, 13_200, 13_800]);
  });

  it('keeps what it was shown until it has a layer, then draws it', () => {
    RECTS.set('a', [[10, 100, 200, 20]]);
    const t = setup('<p id="a">one</p>');
    const a = t.range('a');
    t.highlighter.show([a], { verbatim: [a] });
    expect(t.boxes()).toEqual([]);
    t.highlighter.attach(t.layer);
    expect(t.boxes()).toHaveLength(1);
  });

  it('leaves no trace on destroy', () => {
    RECTS.set('a', [[10, 100, 200, 20]]);
    const t = setup('<p id="a">one</p>');
    t.highlighter.attach(t.layer);
    const a = t.range('a');
    t.highlighter.show([a], { verbatim: [a] });
    t.highlighter.setActive([a]);
    t.highlighter.destroy();
    expect(t.layer.childNodes).toHaveLength(0);
    expect(t.highlighter.size).toBe(0);
    expect(t.highlighter.snapshot()).toEqual([]);
  });
});
