/**
 * The pixels of Verbatim's marks (ui, issue #9): where a kind of mark's first line is, and the
 * shape and colour of its underline, isolated by shooting the line with and without the kind's
 * line. Shared by the e2e tests that compare marks.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { UNDERLINE_ROOM } from '../../lib/content/highlighter';
import { pageMarks } from './fixtures';
import { VerbatimUi } from './verbatim-ui';

/** The first line of the first mark of a kind (viewport coordinates), as Verbatim drew it. */
export async function kindLine(page: Page, kind: string) {
  const mark = (await pageMarks(page)).find(m => m.kind === kind && m.boxes.length > 0);
  const box = mark?.boxes[0];
  if (!box) return null;
  return { left: box.x, top: box.y, width: box.width, height: box.height - UNDERLINE_ROOM };
}

/**
 * Take a kind's line off its marks (the tint stays) or put it back, inside Verbatim's closed
 * root (from its own world: the page cannot do this).
 */
export async function showKindLine(page: Page, kind: string, shown: boolean): Promise<number> {
  return VerbatimUi.of(page).evaluate(
    (root, a) => {
      const selector = a.shown ? '.vb-m[data-hidden-kind]' : `.vb-m[data-kind="${a.kind}"]`;
      const boxes = root ? [...root.querySelectorAll<HTMLElement>(selector)] : [];
      for (const el of boxes) {
        if (a.shown) {
          el.dataset.kind = el.dataset.hiddenKind;
          delete el.dataset.hiddenKind;
        } else {
          el.dataset.hiddenKind = el.dataset.kind;
          delete el.dataset.kind;
        }
      }
      return boxes.length;
    },
    { kind, shown },
  );
}

export interface Signature {
  /** Pixels the underline adds. */
  pixels: number;
  /** Mean colour of those pixels. */
  color: [number, number, number];
  /** Rows the line covers (a wavy or double line covers more). */
  rows: number;
  /** Separate bands of rows (a double line has two). */
  bands: number;
  /** Mean length of the line's runs along its densest row (solid: the whole width). */
  run: number;
}

/**
 * The underline of a kind's mark, isolated: a strip under the quote's first line, shot
 * with the kind's line and without it (the tint stays), compared pixel by pixel.
 */
export function underlineSignature(page: Page, decoder: Page, kind: string): Promise<Signature> {
  return lineSignature(page, decoder, kind, 'under');
}

/**
 * (copies) `underlineSignature`, or (`over`) the same for a strip along the top of the
 * first line, where a line above the text would be. The kind's tint is not counted: its
 * difference is far below a line's.
 */
export async function lineSignature(
  page: Page,
  decoder: Page,
  kind: string,
  where: 'under' | 'over',
): Promise<Signature> {
  const line = await kindLine(page, kind);
  if (!line) throw new Error(`no ${kind} mark`);
  const clip = {
    x: Math.round(line.left) + 2,
    y: Math.round(where === 'under' ? line.top + line.height - 8 : line.top - 6),
    width: Math.min(160, Math.floor(line.width) - 4),
    height: where === 'under' ? 16 : 10,
  };
  const withLine = await page.screenshot({ clip });
  expect(await showKindLine(page, kind, false)).toBeGreaterThan(0);
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(null))));
  const without = await page.screenshot({ clip });
  await showKindLine(page, kind, true);
  return decoder.evaluate(
    async ({ a, b }) => {
      const decode = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = [await decode(a), await decode(b)];
      const { width, height } = x;
      const on: boolean[][] = [];
      let pixels = 0;
      let [r, g, bl] = [0, 0, 0];
      for (let row = 0; row < height; row++) {
        on.push([]);
        for (let col = 0; col < width; col++) {
          const i = (row * width + col) * 4;
          const d =
            Math.abs(x.data[i]! - y.data[i]!) +
            Math.abs(x.data[i + 1]! - y.data[i + 1]!) +
            Math.abs(x.data[i + 2]! - y.data[i + 2]!);
          const lit = d > 60;
          on[row]!.push(lit);
          if (lit) {
            pixels++;
            r += x.data[i]!;
            g += x.data[i + 1]!;
            bl += x.data[i + 2]!;
          }
        }
      }
      const counts = on.map(r => r.filter(Boolean).length);
      const rowsOn = counts.map(c => c >= width * 0.08);
      const rows = rowsOn.filter(Boolean).length;
      let bands = 0;
      rowsOn.forEach((v, i) => {
        if (v && !rowsOn[i - 1]) bands++;
      });
      const densest = counts.indexOf(Math.max(...counts));
      const runs: number[] = [];
      let len = 0;
      for (const lit of on[densest] ?? []) {
        if (lit) len++;
        else if (len) {
          runs.push(len);
          len = 0;
        }
      }
      if (len) runs.push(len);
      const run = runs.length ? runs.reduce((s, r) => s + r, 0) / runs.length : 0;
      const n = Math.max(pixels, 1);
      return {
        pixels,
        color: [r / n, g / n, bl / n] as [number, number, number],
        rows,
        bands,
        run,
      };
    },
    { a: withLine.toString('base64'), b: without.toString('base64') },
  );
}

/** Two underlines differ in shape (not only colour). */
export function shapesDiffer(a: Signature, b: Signature): boolean {
  const ratio = Math.max(a.run, b.run) / Math.max(Math.min(a.run, b.run), 0.5);
  return a.bands !== b.bands || Math.abs(a.rows - b.rows) >= 2 || ratio >= 1.6;
}

export function colorDistance(a: Signature, b: Signature): number {
  return Math.hypot(a.color[0] - b.color[0], a.color[1] - b.color[1], a.color[2] - b.color[2]);
}
