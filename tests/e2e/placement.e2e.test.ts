/**
 * (ui, issue #9) Where the popover goes, in real Chromium at 1280×800 and 400×800: inside the
 * window at its bottom and right edges, never over its own quote when it fits beside it, and
 * never over the next quote when there is room elsewhere (above the quote, or below it clear of
 * the next one); in a window too short for its text, its actions stay in view. Geometry is
 * measured on the page as drawn: the quotes' line boxes from their marks, the popover's box,
 * both from the closed UI root.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UNDERLINE_ROOM } from '../../lib/content/highlighter';
import { GAP } from '../../lib/content/position';
import { type Extension, launchExtension, pageMarks } from './fixtures';
import { ArticlePage } from './page-objects';

const PAGE = 'tests/e2e/pages/placement.html';
const FIRST = 'But we must also be prepared';
const NEXT = 'The whole idea that Ukraine';
const PULL = 'the risk of conflict is real';
const LAST = 'are an opportunity for Russia';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The line boxes of the marked quote starting with `start` (viewport coordinates), as drawn. */
async function quoteLines(page: Page, start: string): Promise<Rect[]> {
  const mark = (await pageMarks(page)).find(m =>
    m.text.replace(/\s+/g, ' ').trim().startsWith(start),
  );
  if (!mark) throw new Error(`no marked quote starts with "${start}"`);
  return mark.boxes.map(b => ({
    left: b.x,
    top: b.y,
    right: b.x + b.width,
    bottom: b.y + b.height - UNDERLINE_ROOM,
  }));
}

function box(lines: readonly Rect[]): Rect {
  return {
    left: Math.min(...lines.map(r => r.left)),
    top: Math.min(...lines.map(r => r.top)),
    right: Math.max(...lines.map(r => r.right)),
    bottom: Math.max(...lines.map(r => r.bottom)),
  };
}

/** Whether two boxes share more than a hairline. */
function overlaps(a: Rect, b: Rect): boolean {
  return (
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
  );
}

describe.each([
  { width: 1280, height: 800 },
  { width: 400, height: 800 },
])('popover placement at $width×$height', viewport => {
  let ext: Extension;
  let article: ArticlePage;

  beforeAll(async () => {
    ext = await launchExtension({ viewport });
    article = await new ArticlePage(await ext.context.newPage()).open(ext.serve(PAGE));
    await article.waitForHighlights(4);
  });

  afterAll(async () => {
    await ext?.close();
  });

  async function popoverBox(): Promise<Rect> {
    return article.popover.root.evaluate(el => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  }

  async function close(): Promise<void> {
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');
    await article.popover.waitClosed();
  }

  function expectInside(p: Rect): void {
    expect(p.left).toBeGreaterThanOrEqual(GAP - 0.5);
    expect(p.top).toBeGreaterThanOrEqual(GAP - 0.5);
    expect(p.right).toBeLessThanOrEqual(viewport.width - GAP + 0.5);
    expect(p.bottom).toBeLessThanOrEqual(viewport.height - GAP + 0.5);
  }

  it('stays off the next quote whenever there is room elsewhere', async () => {
    let checked = 0;
    for (let top = 100; top <= viewport.height - 120; top += 110) {
      await article.hoverQuote(FIRST, { top });
      const p = await popoverBox();
      const first = box(await quoteLines(article.page, FIRST));
      const next = await quoteLines(article.page, NEXT);
      const height = p.bottom - p.top;
      expectInside(p);
      // Room above the quote, or below it and clear of the next quote.
      const roomAbove = first.top - 2 * GAP >= height;
      const roomBetween = box(next).top - first.bottom - 2 * GAP >= height;
      const where = `quote at ${Math.round(first.top)} px, popover ${Math.round(p.top)}–${Math.round(p.bottom)}`;
      if (roomAbove || roomBetween) {
        checked++;
        for (const line of next)
          expect(overlaps(p, line), `${where}: over the next quote`).toBe(false);
        expect(overlaps(p, first), `${where}: over its own quote`).toBe(false);
      }
      await close();
    }
    // The window has room somewhere for most positions: the rule was put to the test.
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('goes above a quote at the bottom edge, inside the window', async () => {
    await article.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = box(await quoteLines(article.page, LAST));
    expect(last.bottom).toBeGreaterThan(viewport.height - 220);
    await article.hoverQuote(LAST);
    const p = await popoverBox();
    expectInside(p);
    if (last.top - 2 * GAP >= p.bottom - p.top) {
      expect(p.bottom).toBeLessThanOrEqual(last.top + 0.5);
    }
    expect(overlaps(p, box(await quoteLines(article.page, LAST)))).toBe(false);
    await close();
  });

  it('stays inside the window for a quote at the right edge', async () => {
    await article.hoverQuote(PULL, { top: 200 });
    const pull = box(await quoteLines(article.page, PULL));
    expect(pull.right).toBeGreaterThan(viewport.width - 60);
    const p = await popoverBox();
    expectInside(p);
    expect(overlaps(p, pull)).toBe(false);
    await close();
  });

  it('keeps its actions in view when a short window makes its text scroll', async () => {
    await article.page.setViewportSize({ width: viewport.width, height: 420 });
    try {
      await article.hoverQuote(FIRST, { top: 180 });
      const p = await popoverBox();
      expectInside({ ...p, bottom: Math.min(p.bottom, 420 - GAP) });
      expect(p.bottom).toBeLessThanOrEqual(420);
      // Its text is taller than the room it has…
      expect(await article.popover.root.evaluate(el => el.scrollHeight > el.clientHeight + 1)).toBe(
        true,
      );
      // …and the button to the reader is still inside the popover's visible box, on top.
      const button = (await article.popover.root.getByTestId('open-reader').boundingBox())!;
      expect(button.y).toBeGreaterThanOrEqual(p.top);
      expect(button.y + button.height).toBeLessThanOrEqual(p.bottom + 0.5);
      const onTop = await article.popover.root.evaluate(
        (el, at) => {
          const hit = (el.getRootNode() as ShadowRoot).elementFromPoint(at.x, at.y);
          return hit?.closest('[data-testid="open-reader"]') !== null;
        },
        { x: button.x + button.width / 2, y: button.y + button.height / 2 },
      );
      expect(onTop).toBe(true);
      await close();
    } finally {
      await article.page.setViewportSize(viewport);
    }
  });
});
