import { describe, expect, it } from 'vitest';

import { GAP, placePopover, unionBox } from '../../../lib/content/position';

const VIEWPORT = { width: 1000, height: 800 };
const SIZE = { width: 400, height: 300 };

describe('placePopover', () => {
  it('goes below the quote when there is room', () => {
    const p = placePopover({ left: 100, top: 100, width: 300, height: 40 }, SIZE, VIEWPORT);
    expect(p).toEqual({ left: 100, top: 140 + GAP, side: 'below', maxHeight: 300 });
  });

  it('flips above the quote near the bottom of the viewport', () => {
    const p = placePopover({ left: 100, top: 600, width: 300, height: 40 }, SIZE, VIEWPORT);
    expect(p).toEqual({ left: 100, top: 600 - GAP - 300, side: 'above', maxHeight: 300 });
  });

  it('stays inside the viewport on the right', () => {
    const p = placePopover({ left: 900, top: 100, width: 80, height: 20 }, SIZE, VIEWPORT);
    expect(p.left).toBe(1000 - GAP - 400);
  });

  it('takes the roomier side and scrolls when it fits on neither', () => {
    const p = placePopover(
      { left: 0, top: 300, width: 300, height: 40 },
      { width: 400, height: 700 },
      VIEWPORT,
    );
    expect(p.side).toBe('below');
    expect(p.maxHeight).toBe(800 - 340 - 2 * GAP);
    expect(p.top + p.maxHeight).toBeLessThanOrEqual(800 - GAP);
    expect(p.left).toBe(GAP);
  });

  it('goes above when below would cover the next quote and above has room', () => {
    const anchor = { left: 100, top: 400, width: 300, height: 40 };
    const next = { left: 100, top: 470, width: 500, height: 28 };
    expect(placePopover(anchor, SIZE, VIEWPORT, next).side).toBe('above');
    // No room above: below, over the next quote, rather than off the window.
    const high = { ...anchor, top: 200 };
    expect(placePopover(high, SIZE, VIEWPORT, { ...next, top: 270 }).side).toBe('below');
    // A next quote below the popover's reach changes nothing.
    expect(placePopover(high, SIZE, VIEWPORT, { ...next, top: 700 }).side).toBe('below');
  });

  it('is never taller than a small viewport', () => {
    const p = placePopover({ left: 0, top: 50, width: 100, height: 20 }, SIZE, {
      width: 300,
      height: 200,
    });
    expect(p.top).toBeGreaterThanOrEqual(GAP);
    expect(p.top + p.maxHeight).toBeLessThanOrEqual(200 - GAP);
  });
});

describe('unionBox', () => {
  it('holds every rect', () => {
    expect(
      unionBox([
        { left: 10, top: 10, width: 100, height: 20 },
        { left: 0, top: 30, width: 50, height: 20 },
      ]),
    ).toEqual({ left: 0, top: 10, width: 110, height: 40 });
    expect(unionBox([])).toBeUndefined();
  });
});
