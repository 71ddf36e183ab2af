/**
 * The pixels of Verbatim's marks (ui, issue #9): where a kind of mark's first line is, and the
 * shape and colour of its underline, isolated by shooting the line with and without the kind's
 * highlight. Shared by the e2e tests that compare marks.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { highlightNames } from './fixtures';

/** The first line box of the first range of a kind's highlight (viewport coordinates). */
export async function kindLine(page: Page, kind: string) {
  // Highlight names are random per page load: the content script says which is which.
  const name = (await highlightNames(page))[`verbatim-quote-${kind}`]!;
  return page.evaluate(name => {
    const range = [...(CSS.highlights.get(name) ?? [])][0] as Range | undefined;
    if (!range) return null;
    const r = range.getClientRects()[0]!;
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  }, name);
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
 * with the kind's highlight and without it (the tint stays), compared pixel by pixel.
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
  const name = (await highlightNames(page))[`verbatim-quote-${kind}`]!;
  // The kind's highlight emptied (not deleted: Verbatim puts a deleted highlight back).
  const removed = await page.evaluate(name => {
    const h = CSS.highlights.get(name);
    if (!h) return false;
    (window as unknown as { __vb: AbstractRange[] }).__vb = [...h];
    h.clear();
    return true;
  }, name);
  expect(removed).toBe(true);
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(null))));
  const without = await page.screenshot({ clip });
  await page.evaluate(name => {
    const h = CSS.highlights.get(name)!;
    for (const r of (window as unknown as { __vb: AbstractRange[] }).__vb) h.add(r);
  }, name);
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
