import { describe, expect, it, vi } from 'vitest';

import { HitTester } from '../../../lib/content/hit-test';

const rects: Record<string, Array<{ left: number; top: number; width: number; height: number }>> = {
  a: [
    { left: 100, top: 100, width: 400, height: 20 },
    { left: 0, top: 120, width: 200, height: 20 },
  ],
  b: [{ left: 300, top: 300, width: 100, height: 20 }],
};

describe('HitTester', () => {
  it('finds the item under a point, on any of its lines', () => {
    const hits = new HitTester<string>(
      item => rects[item] ?? [],
      () => ({ x: 0, y: 0 }),
    );
    hits.setItems(['a', 'b']);
    expect(hits.hit(150, 110)?.item).toBe('a');
    expect(hits.hit(50, 130)?.item).toBe('a');
    expect(hits.hit(350, 310)).toEqual({
      item: 'b',
      rect: { left: 300, top: 300, width: 100, height: 20 },
    });
    expect(hits.hit(250, 130)).toBeUndefined();
    expect(hits.hit(600, 600)).toBeUndefined();
  });

  it('measures once, in page coordinates, until invalidated', () => {
    let scroll = { x: 0, y: 0 };
    const measure = vi.fn((item: string) =>
      (rects[item] ?? []).map(r => ({ ...r, top: r.top - scroll.y })),
    );
    const hits = new HitTester<string>(measure, () => scroll);
    hits.setItems(['b']);
    expect(hits.hit(350, 310)?.item).toBe('b');
    // The window scrolled by 100 px: the quote is now 100 px higher in the viewport.
    scroll = { x: 0, y: 100 };
    expect(hits.hit(350, 210)?.item).toBe('b');
    expect(hits.hit(350, 310)).toBeUndefined();
    expect(measure).toHaveBeenCalledTimes(1);
    hits.invalidate();
    expect(hits.hit(350, 210)?.item).toBe('b');
    expect(measure).toHaveBeenCalledTimes(2);
  });

  it('ignores empty rects', () => {
    const hits = new HitTester<string>(
      () => [{ left: 0, top: 0, width: 0, height: 0 }],
      () => ({ x: 0, y: 0 }),
    );
    hits.setItems(['x']);
    expect(hits.hit(0, 0)).toBeUndefined();
  });
});
