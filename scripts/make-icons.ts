/**
 * Draws Verbatim's toolbar and store icons (`public/icon/<size>.png`) from an
 * SVG, with Debian's Chromium (`/usr/bin/chromium`, or `$CHROMIUM`):
 *
 *   npx tsx scripts/make-icons.ts
 *
 * The mark: a pair of opening quotation marks on a blue tile, underlined with
 * the dotted amber line Verbatim draws under quotes on a page.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];
const OUT = resolve('public/icon');

const svg = (size: number) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#0a58ca"/>
  <text x="64" y="${size <= 16 ? 138 : 132}" text-anchor="middle" font-family="DejaVu Serif, Georgia, serif"
        font-weight="700" font-size="${size <= 16 ? 170 : 156}" fill="#ffffff">“</text>
  <path d="M30 100 H98" stroke="#fbbf24" stroke-width="${size <= 16 ? 12 : 9}" stroke-linecap="round"
        stroke-dasharray="${size <= 32 ? '0' : '1 16'}"/>
</svg>`;

await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`,
  );
  const file = join(OUT, `${size}.png`);
  await page.screenshot({
    path: file,
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  console.log(`wrote ${file}`);
}
await browser.close();
