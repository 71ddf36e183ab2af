/**
 * Which marked quote is under the pointer. The quotes are not elements (they
 * are highlighted ranges), so `mousemove` coordinates are tested against the
 * ranges' client rects, cached in page coordinates: scrolling the window
 * does not change them, so they are measured again only after `invalidate()`
 * (a resize, a scroll inside an element, a DOM change).
 */
import type { Box } from './position';

/** Extra room (px) above and below each line, so the pointer does not fall into the gap between lines. */
const LINE_SLOP = 2;

interface Entry<T> {
  item: T;
  /** Page coordinates. */
  rects: Box[];
}

export class HitTester<T> {
  private items: readonly T[] = [];
  private entries: Array<Entry<T>> | undefined;

  /**
   * @param measure - The item's rects in viewport coordinates (`range.getClientRects()`).
   * @param scroll - Test seam: the window's scroll offset.
   */
  constructor(
    private readonly measure: (item: T) => Iterable<Box>,
    private readonly scroll: () => { x: number; y: number } = () => ({
      x: window.scrollX,
      y: window.scrollY,
    }),
  ) {}

  /** The items to test (their rects are measured at the next `hit`). */
  setItems(items: readonly T[]): void {
    this.items = items;
    this.entries = undefined;
  }

  /** The layout changed: measure again at the next `hit`. */
  invalidate(): void {
    this.entries = undefined;
  }

  /** The item under the viewport point (`clientX`, `clientY`), with the line rect hit (viewport coordinates). */
  hit(x: number, y: number): { item: T; rect: Box } | undefined {
    const { x: sx, y: sy } = this.scroll();
    const px = x + sx;
    const py = y + sy;
    for (const entry of this.measured()) {
      for (const r of entry.rects) {
        if (
          px >= r.left &&
          px <= r.left + r.width &&
          py >= r.top - LINE_SLOP &&
          py <= r.top + r.height + LINE_SLOP
        ) {
          return {
            item: entry.item,
            rect: { left: r.left - sx, top: r.top - sy, width: r.width, height: r.height },
          };
        }
      }
    }
    return undefined;
  }

  private measured(): Array<Entry<T>> {
    if (this.entries) return this.entries;
    const { x, y } = this.scroll();
    this.entries = this.items.map(item => {
      const rects: Box[] = [];
      for (const r of this.measure(item)) {
        if (r.width <= 0 || r.height <= 0) continue;
        rects.push({ left: r.left + x, top: r.top + y, width: r.width, height: r.height });
      }
      return { item, rects };
    });
    return this.entries;
  }
}
