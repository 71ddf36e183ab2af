/**
 * Hostile pages (issue #8): page script that tries to switch Verbatim off, to make it
 * show the user's corpus without the user, to detect it, to hide or restyle what it shows,
 * or to break its UI. Each test asserts what the page or the user observes: what page
 * script can read (`probe()` in tests/e2e/pages/hostile-probe.js: the DOM, open shadow
 * roots, styles, highlights, timing entries, messages and events it heard), the marks in
 * pixels, the popover on top and readable.
 *
 * The corpus holds a private document whose words the page never prints (a code name, the
 * interviewee, the title): none of them may ever reach page script, even with the popover
 * open in front of the user.
 */
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ARTIFACTS_DIR,
  type Extension,
  highlightCount,
  launchExtension,
  markedCopies,
  markedQuotes,
  pageMarks,
  paragraphBoxes,
  waitUntil,
} from './fixtures';
import { ArticlePage } from './page-objects';

const PAGE = 'tests/e2e/pages/hostile-article.html';
const QUOTE = 'The harbour contract was signed';
/** In the private document, never on the page. */
const SECRETS = ['ZEPHYR LANTERN', 'Okonkwo', 'Confidential interview notes', 'locked drawer'];

const PRIVATE_DOC = {
  id: 'confidential-interview-notes',
  title: 'Confidential interview notes: the harbour file',
  kind: 'transcript' as const,
  date: '2026-11-30',
  publisher: 'Private notes',
  text: [
    'INTERVIEW WITH MARGARET OKONKWO, 30 NOVEMBER 2026',
    '',
    'INTERVIEWER: When was the contract signed?',
    '',
    'MARGARET OKONKWO: The harbour contract was signed before the tender closed, and everyone in the ministry knew it. Nobody wrote it down because the minister asked us not to. The code name for the file was ZEPHYR LANTERN and it lived in a locked drawer.',
    '',
    'INTERVIEWER: Who else saw it?',
    '',
    'MARGARET OKONKWO: Two deputies and the auditor, who resigned a week later.',
  ].join('\n'),
};

let ext: Extension;
let page: Page;

beforeAll(async () => {
  ext = await launchExtension();
  const saved = await ext.callBackground('saveDocuments', {
    documents: [PRIVATE_DOC],
    onConflict: 'replace',
  });
  expect(saved.ok).toBe(true);
});

afterAll(async () => {
  await ext?.close();
});

async function open(url = ext.serve(PAGE), before?: string): Promise<ArticlePage> {
  page?.close().catch(() => undefined);
  page = await ext.context.newPage();
  if (before) await page.addInitScript({ content: before });
  const article = await new ArticlePage(page).open(url);
  await article.waitForHighlights(1);
  return article;
}

/** Everything page script can read, checked for the private document's words. */
async function expectNoSecrets(): Promise<string> {
  const seen = await page.evaluate(() => (window as unknown as { probe(): string }).probe());
  for (const secret of SECRETS) expect(seen.toLowerCase()).not.toContain(secret.toLowerCase());
  expect(seen).not.toMatch(/verbatim/i);
  return seen;
}

/**
 * Pixels of the mark under the quote's first line: how many look like Verbatim's amber
 * tint or underline (a screenshot of the line, decoded in a blank page).
 */
async function markPixels(start: string): Promise<number> {
  const quote = (await markedQuotes(page)).find(q => q.text.startsWith(start));
  const box = await page.evaluate(start => {
    const p = [...document.querySelectorAll('p')].find(el =>
      el.textContent?.replace(/\s+/g, ' ').includes(start),
    );
    const range = document.createRange();
    const text = p?.firstChild;
    if (!p || !text) return null;
    const at = (text.textContent ?? '').indexOf(start.split(' ')[0]!);
    range.setStart(text, at);
    range.setEnd(text, at + start.length);
    const r = range.getClientRects()[0];
    return r && { x: r.left, y: r.top, width: r.width, height: r.height + 6 };
  }, start);
  if (!box) throw new Error(`no line starting "${start}" (marked: ${quote ? 'yes' : 'no'})`);
  return amberPixels(box);
}

/** Pixels on screen in `box` that look like Verbatim's amber tint or underline. */
function amberPixels(box: Box) {
  return countPixels(box, 'amber');
}

/** (copies) Pixels on screen in `box` that look like the teal tint or lines of a copy's mark. */
function tealPixels(box: Box) {
  return countPixels(box, 'teal');
}

type Box = { x: number; y: number; width: number; height: number };

async function countPixels(box: Box, colour: 'amber' | 'teal') {
  const px = await screenPixels(box);
  let count = 0;
  for (let i = 0; i < px.length; i += 4) {
    const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
    const hit =
      colour === 'amber'
        ? // The tint over white (~255,249,220) or the underline (217,119,6).
          (r > 240 && g > 235 && b < 235 && r - b > 20) || (r > 180 && g < 170 && b < 90)
        : // The teal tint over white (~222,247,245) or the lines (13,148,136).
          (b > 225 && g > 225 && g - r > 12 && b - r > 10) ||
          (r < 90 && g > 110 && b > 100 && g - r > 60);
    if (hit) count++;
  }
  return count;
}

/** The screen's pixels in `box` as shot, RGBA in rows (decoded in a blank page, not the page). */
async function screenPixels(box: Box): Promise<number[]> {
  const png = await page.screenshot({ clip: box });
  const decoder = await ext.context.newPage();
  try {
    return await decoder.evaluate(async data => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return [...g.getImageData(0, 0, img.width, img.height).data];
    }, png.toString('base64'));
  } finally {
    await decoder.close();
  }
}

/** Verbatim's host element's name: random, two runs of six letters. */
const HOST_NAME = /^[a-z]{6}-[a-z]{6}$/;

/** What the page's own hit-testing finds on top at a point: an element's id, else its name. */
function topAt(at: { x: number; y: number }): Promise<string> {
  return page.evaluate(({ x, y }) => {
    const el = document.elementFromPoint(x, y);
    return el?.id || el?.localName || '';
  }, at);
}

describe('a hostile page', () => {
  it('cannot switch Verbatim off by replaying its start-up signal', async () => {
    const article = await open();
    // The worst case: a page that knows the extension's id (Verbatim no longer announces it).
    await page.evaluate(
      id =>
        (window as unknown as { attack: { killSwitch(id: string): void } }).attack.killSwitch(id),
      ext.extensionId,
    );
    // A quote added after the attack is still marked, and the old marks stay.
    await page.evaluate(() => {
      document.getElementById('later')!.textContent =
        '“Nobody wrote it down because the minister asked us not to,” a second official added.';
    });
    await waitUntil(async () => (await highlightCount(page)) >= 2, 15_000);
    expect((await markedQuotes(page)).map(q => q.text)).toEqual([
      expect.stringContaining(QUOTE),
      expect.stringContaining('Nobody wrote it down'),
    ]);
    expect(await markPixels(QUOTE)).toBeGreaterThan(50);
    expect(await ext.pageStats(page)).toMatchObject({ ok: true, value: { matched: 2 } });
    // The page heard nothing from Verbatim at start-up (no message, no event).
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard.filter(h => !h.includes('"messageId":"page"'))).toEqual([]);
    await article.hoverQuote('Nobody wrote it down');
  });

  it('cannot open the popover with synthetic events or read anything of the corpus', async () => {
    const article = await open();
    const [quote] = await markedQuotes(page);
    type Attack = {
      attack: {
        syntheticHover(x: number, y: number): void;
        syntheticClick(x: number, y: number): void;
        pokeForeign(): void;
      };
    };
    await page.evaluate(
      ({ x, y }) => {
        const { attack } = window as unknown as Attack;
        attack.syntheticHover(x, y);
        attack.syntheticClick(x, y);
        attack.pokeForeign();
      },
      { x: quote!.x, y: quote!.y },
    );
    await page.waitForTimeout(600);
    // Nothing opened (seen from inside Verbatim's own world).
    expect(await article.popover.root.count()).toBe(0);
    await expectNoSecrets();
    // A user's hover opens it, in front of the user, and the page still reads nothing of it.
    const popover = await article.hoverQuote(QUOTE);
    expect(await popover.speaker.textContent()).toMatch(/Okonkwo/i);
    // The private document's title and speaker are drawn for the user.
    expect(await popover.root.textContent()).toContain('Confidential interview notes');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'hostile-popover.png') });
    await expectNoSecrets();
    // Keyboard: a stand-in focused by the user is named in Verbatim's root only.
    await page.mouse.move(2, 2);
    await popover.waitClosed();
    await expectNoSecrets();
  });

  it('sees one element it did not make, with a new random name, no open root, no files to fetch', async () => {
    await open();
    const first = await page.evaluate(() =>
      (
        window as unknown as {
          foreignElements(): Array<{ tag: string; openShadowRoot: boolean; text: string }>;
        }
      ).foreignElements(),
    );
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ openShadowRoot: false, text: '' });
    expect(first[0]!.tag).toMatch(HOST_NAME);
    await expectNoSecrets();
    const probes = await page.evaluate(async id => {
      const paths = ['reader.html', 'manifest.json', 'content-scripts/quotes.css', 'popup.html'];
      const results: string[] = [];
      for (const path of paths) {
        try {
          const r = await fetch(`chrome-extension://${id}/${path}`);
          results.push(`${path}: ${r.status}`);
        } catch {
          results.push(`${path}: refused`);
        }
      }
      return {
        results,
        timing: performance.getEntriesByType('mark').map(e => e.name),
        styles: document.querySelectorAll('style, link[rel="stylesheet"]').length,
        // The marks are Verbatim's own: nothing registered or adopted in the page's document.
        highlights: CSS.highlights.size,
        sheets: document.adoptedStyleSheets.length,
      };
    }, ext.extensionId);
    expect(probes.results).toEqual([
      'reader.html: refused',
      'manifest.json: refused',
      'content-scripts/quotes.css: refused',
      'popup.html: refused',
    ]);
    expect(probes.timing).toEqual([]);
    // The page's own <style>, nothing added.
    expect(probes.styles).toBe(1);
    expect(probes.highlights).toBe(0);
    expect(probes.sheets).toBe(0);
    // Another load, another name.
    await open();
    const second = await page.evaluate(
      () =>
        (window as unknown as { foreignElements(): Array<{ tag: string }> }).foreignElements()[0]
          ?.tag,
    );
    expect(second).toMatch(HOST_NAME);
    expect(second).not.toBe(first[0]!.tag);
  });

  it('keeps its marks through CSS.highlights.clear(), dropped sheets and its own ::highlight() rules', async () => {
    await open();
    const before = await markPixels(QUOTE);
    expect(before).toBeGreaterThan(50);
    type Attack = {
      attack: { clearHighlights(): void; dropSheets(): void; restyleHighlights(): void };
    };
    await page.evaluate(() => {
      const { attack } = window as unknown as Attack;
      attack.restyleHighlights();
      attack.clearHighlights();
      attack.dropSheets();
    });
    // The marks are not the page's to clear: drawn inside the closed root, they stay.
    expect(await highlightCount(page)).toBe(1);
    expect(await markPixels(QUOTE)).toBeGreaterThan(before / 2);
  });

  it('cannot tell which of its quotes are in the corpus', async () => {
    // Two quotes of the same shape: the first is in the private document, the second is not.
    // The user sees the difference; page script, with every probe it has, does not.
    const other =
      'The fishing quota agreement will be signed in Brussels next week, and every delegation has seen the text';
    page?.close().catch(() => undefined);
    page = await ext.context.newPage();
    const article = await new ArticlePage(page).open(
      ext.serve(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title>
<style>body { font: 18px/1.6 Georgia, serif; max-width: 720px; margin: 40px auto; }</style></head>
<body><article>
<p>A source told us: <span id="a">“${QUOTE} before the tender closed, and everyone in the ministry knew it,”</span> the official said.</p>
<p>Another told us: <span id="b">“${other},”</span> the clerk said.</p>
</article></body></html>`),
    );
    // Strips of the page's own just under each quote's first line, where an underline is.
    const seen = await page.evaluate(probeTwins, { ids: ['a', 'b'], strips: [2], height: 2 });
    expect(seen.highlights).toBe(0);
    expect(seen.sheets).toBe(0);
    expect(seen.animations).toBe(0);
    expect(seen.spans[0]).toBe(seen.spans[1]);
    expect(seen.strips[0]).toBe(seen.strips[1]);
    expect(seen.stacks[0]).toBe(seen.stacks[1]);
    expect(seen.scroll[0]).toBe(seen.scroll[1]);
    expect(await highlightCount(page)).toBe(1);
    // Both checked: each has its box, one matched and one not.
    const marks = await pageMarks(page);
    expect(marks.map(m => m.matched)).toEqual([true, false]);
    expect(marks.every(m => m.boxes.length > 0)).toBe(true);

    // What the user sees: the quote with a source tinted, the other not.
    const lineBox = (id: string) =>
      page.evaluate(id => {
        const r = document.getElementById(id)!.getClientRects()[0]!;
        return { x: r.left, y: r.top, width: Math.min(r.width, 300), height: r.height + 4 };
      }, id);
    expect(await amberPixels(await lineBox('a'))).toBeGreaterThan(200);
    expect(await amberPixels(await lineBox('b'))).toBeLessThan(20);
    await article.page.close();
  });

  it('cannot tell which of its paragraphs copy the corpus without quotation marks', async () => {
    // Two paragraphs of the same shape after a quote: the first copies the private document
    // word for word without quotation marks (an unmarked copy), the second does not.
    page?.close().catch(() => undefined);
    page = await ext.context.newPage();
    await new ArticlePage(page).open(
      ext.serve(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title>
<style>body { font: 18px/1.6 Georgia, serif; max-width: 720px; margin: 40px auto; }</style></head>
<body><article>
<p>Another told us: “The fishing quota agreement will be signed in Brussels next week,” the clerk said.</p>
<p><span id="c">The harbour contract was signed before the tender closed, and everyone in the ministry knew it. Nobody wrote it down because the minister asked us not to.</span> The port office would not say more about it.</p>
<p><span id="d">The fishing contract was drafted after the auction closed, and every clerk at the harbour knew it. Nobody signed it off because the board asked us to wait.</span> The port office would not say more about it.</p>
</article></body></html>`),
    );
    await waitUntil(async () => (await markedCopies(page)).length === 1, 20_000);
    expect((await markedCopies(page)).map(c => c.text)).toEqual([
      'The harbour contract was signed before the tender closed, and everyone in the ministry knew it. Nobody wrote it down because the minister asked us not to.',
    ]);
    // Strips of the page's own just under and just above each span's first line.
    const seen = await page.evaluate(probeTwins, { ids: ['c', 'd'], strips: [2, -2], height: 1 });
    expect(seen.spans[0]).toBe(seen.spans[1]);
    expect(seen.strips.slice(0, 2)).toEqual(seen.strips.slice(2));
    expect(seen.stacks[0]).toBe(seen.stacks[1]);
    expect(seen.scroll[0]).toBe(seen.scroll[1]);
    // Both paragraphs checked: each has its box over all its lines, found or not.
    const boxed = (await paragraphBoxes(page)).map(m => m.text.replace(/\s+/g, ' ').trim());
    expect(
      boxed.filter(t => t.endsWith('The port office would not say more about it.')),
    ).toHaveLength(2);

    // What the user sees: the copy in teal, the other paragraph's words not.
    const lineBox = (id: string) =>
      page.evaluate(id => {
        const r = document.getElementById(id)!.getClientRects()[0]!;
        return { x: r.left, y: r.top - 2, width: Math.min(r.width, 300), height: r.height + 6 };
      }, id);
    expect(await tealPixels(await lineBox('c'))).toBeGreaterThan(200);
    expect(await tealPixels(await lineBox('d'))).toBeLessThan(20);
  });

  it('gets its element with the first quote checked, whether or not it has a source', async () => {
    page?.close().catch(() => undefined);
    page = await ext.context.newPage();
    const article = await new ArticlePage(page).open(
      ext.serve(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>
<body><p>Another told us: “The fishing quota agreement will be signed in Brussels next week,” the clerk said.</p></body></html>`),
    );
    expect(await highlightCount(page)).toBe(0);
    expect(await article.ui.present()).toBe(true);
    const foreign = await page.evaluate(
      () =>
        [...document.documentElement.children].filter(
          el => el.localName !== 'head' && el.localName !== 'body',
        ).length,
    );
    expect(foreign).toBe(1);
  });

  it('cannot get rid of the UI by removing elements it did not make', async () => {
    const article = await open();
    const removed = await page.evaluate(() =>
      (window as unknown as { attack: { removeForeign(): number } }).attack.removeForeign(),
    );
    expect(removed).toBe(1);
    await waitUntil(() => article.ui.present());
    const popover = await article.hoverQuote(QUOTE);
    expect(await popover.speaker.textContent()).toMatch(/Okonkwo/i);
  });

  it('cannot squat the element or highlight names', async () => {
    // Defined before Verbatim starts: the old fixed names.
    const article = await open(
      undefined,
      `customElements.define('verbatim-ui', class extends HTMLElement {
         constructor() { super(); this.attachShadow({ mode: 'open' }).textContent = 'squatted'; }
       });
       const style = document.createElement('style');
       style.textContent = '::highlight(verbatim-quote) { background: none !important; text-decoration: none !important; }';
       document.documentElement.append(style);`,
    );
    expect(await markPixels(QUOTE)).toBeGreaterThan(50);
    const popover = await article.hoverQuote(QUOTE);
    expect(await popover.speaker.textContent()).toMatch(/Okonkwo/i);
  });

  it.each([
    ['transform: scale(0.5)', 'body { transform: scale(0.5); transform-origin: 0 0; }'],
    ['zoom: 1.5', 'body { zoom: 1.5; }'],
  ])('draws the popover at its own size beside the quote under body { %s }', async (_, css) => {
    const article = await open(
      undefined,
      `document.addEventListener('DOMContentLoaded', () => {
           const s = document.createElement('style'); s.textContent = ${JSON.stringify(css)};
           document.head.append(s);
         });`,
    );
    const popover = await article.hoverQuote(QUOTE);
    const box = (await popover.root.boundingBox())!;
    const quote = (await markedQuotes(page)).find(q => q.text.startsWith(QUOTE))!;
    // Its own size (a scaled popover would be about half or 1.5 times as wide).
    expect(box.width).toBeGreaterThanOrEqual(400);
    expect(box.width).toBeLessThanOrEqual(520);
    // Beside its quote: starts within a line's height below or above it, horizontally near it.
    const below = box.y - quote.y;
    const above = quote.y - (box.y + box.height);
    expect(Math.min(Math.abs(below), Math.abs(above))).toBeLessThan(60);
    expect(Math.abs(box.x - quote.x)).toBeLessThan(120);
    await page.screenshot({
      path: join(ARTIFACTS_DIR, `hostile-${css.includes('zoom') ? 'zoom' : 'transform'}.png`),
    });
  });

  it('cannot cover the popover with a z-index-max banner or its own top-layer element', async () => {
    const article = await open();
    await page.evaluate(() => {
      const banner = document.createElement('div');
      banner.style.cssText =
        'position:fixed;inset:0;z-index:2147483647;background:rgba(200,0,0,.9);pointer-events:none';
      banner.id = 'banner';
      document.body.append(banner);
      const layer = document.createElement('div');
      layer.setAttribute('popover', 'manual');
      layer.style.cssText =
        'inset:0;width:100vw;height:100vh;background:rgba(0,0,200,.9);pointer-events:none';
      layer.id = 'layer';
      document.body.append(layer);
      layer.showPopover();
    });
    const popover = await article.hoverQuote(QUOTE);
    const box = (await popover.root.boundingBox())!;
    // What is on top at the popover's centre, as the page sees it: Verbatim's host (the
    // popover inside it), not the banner or the page's top-layer element.
    expect(await topAt({ x: box.x + box.width / 2, y: box.y + 20 })).toMatch(HOST_NAME);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'hostile-overlays.png') });
    expect(await popover.speaker.textContent()).toMatch(/Okonkwo/i);
  });

  it('stays on top of what the page shows in the top layer after the popover opened', async () => {
    const article = await open();
    const popover = await article.hoverQuote(QUOTE);
    const box = (await popover.root.boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + 20 };
    // The page's script answers the popover with its own top-layer element, then a modal
    // dialog over everything (as an interstitial would).
    await page.evaluate(() => {
      const layer = document.createElement('div');
      layer.setAttribute('popover', 'manual');
      layer.style.cssText =
        'inset:0;width:100vw;height:100vh;background:rgba(0,0,200,.9);pointer-events:auto';
      layer.id = 'late-layer';
      document.body.append(layer);
      layer.showPopover();
    });
    await waitUntil(async () => HOST_NAME.test(await topAt(at)), 5_000);
    await page.evaluate(() => {
      const dialog = document.createElement('dialog');
      dialog.style.cssText =
        'inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;padding:0;border:0;background:rgba(0,150,0,.95)';
      dialog.id = 'late-dialog';
      document.body.append(dialog);
      dialog.showModal();
    });
    await waitUntil(
      () => page.evaluate(() => document.querySelector('#late-dialog:modal') !== null),
      5_000,
    );
    // The modal dialog makes the rest of the page inert, so hit-testing passes through the
    // popover; what the reader sees is read from the pixels: the popover's own background
    // at its top corner, not the dialog's green.
    await waitUntil(async () => {
      const corner = { x: Math.round(box.x + 8), y: Math.round(box.y + 4), width: 1, height: 1 };
      const [r = 0, g = 0, b = 0] = await screenPixels(corner);
      return Math.hypot(r - 0, g - 150, b - 0) > 150;
    }, 5_000);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'hostile-late-overlays.png') });
    expect(await popover.speaker.textContent()).toMatch(/Okonkwo/i);
    await page.evaluate(() => {
      (document.getElementById('late-dialog') as HTMLDialogElement).close();
      document.getElementById('late-layer')!.hidePopover();
    });
  });

  it('changes nothing in the page DOM but adding its one host', async () => {
    await open();
    // The page as served, parsed afresh, against the live one.
    const diff = await page.evaluate(async () => {
      const served = new DOMParser().parseFromString(
        await (await fetch(location.href)).text(),
        'text/html',
      );
      const shape = (root: Document) =>
        [...root.querySelectorAll('*')]
          .filter(el => el.localName !== 'script' || !el.hasAttribute('src'))
          .map(el => `${el.localName}[${el.getAttributeNames().join(',')}]`);
      return {
        served: shape(served),
        live: shape(document),
        text: served.body.textContent === document.body.textContent,
      };
    });
    expect(diff.text).toBe(true);
    const added = diff.live.filter((tag, i) => tag !== diff.served[i]);
    expect(diff.live).toHaveLength(diff.served.length + 1);
    expect(added[0]).toMatch(/^[a-z]{6}-[a-z]{6}\[\]$/);
  });
});

/**
 * What page script can measure of two spans that must look alike to it (run in the page by
 * `page.evaluate`, so self-contained): whether anything is drawn over each (IntersectionObserver
 * v2) and over thin strips of the page's own placed `strips` px below each first line (above
 * when negative), what `elementsFromPoint` finds on each, and the document-wide signs (CSS
 * highlights, adopted sheets, animations, width).
 */
async function probeTwins(probe: { ids: string[]; strips: number[]; height: number }) {
  const spans = probe.ids.map(id => document.getElementById(id)!);
  const strips = spans.flatMap(span => {
    const r = span.getClientRects()[0]!;
    return probe.strips.map(dy => {
      const d = document.createElement('div');
      const top = (dy >= 0 ? r.bottom + dy : r.top + dy) + scrollY;
      d.style.cssText = `position:absolute;left:${r.left + scrollX + 30}px;top:${top}px;width:60px;height:${probe.height}px`;
      document.body.append(d);
      return d;
    });
  });
  const occluded = (el: Element) =>
    new Promise<boolean>(resolve => {
      const o = new IntersectionObserver(
        entries => {
          o.disconnect();
          resolve(!(entries[0] as IntersectionObserverEntry & { isVisible: boolean }).isVisible);
        },
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      o.observe(el);
    });
  const stack = (span: Element) => {
    const r = span.getClientRects()[0]!;
    return document
      .elementsFromPoint(r.left + 30, r.top + r.height / 2)
      .map(el => el.id || el.localName);
  };
  return {
    highlights: globalThis.CSS?.highlights?.size ?? 0,
    sheets: document.adoptedStyleSheets.length,
    animations: document.getAnimations().length,
    spans: await Promise.all(spans.map(occluded)),
    strips: await Promise.all(strips.map(occluded)),
    stacks: spans.map(stack).map(st => st.slice(1).join(' ')),
    scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
  };
}
