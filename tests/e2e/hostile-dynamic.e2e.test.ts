/**
 * Dynamic pages, in Chromium with the built extension: content that appears, changes or
 * hides in every way pages do it, and Verbatim's marks on what a reader sees of it. Each test
 * asserts what the reader observes: the quote's words are tinted on screen (pixels of a
 * screenshot), or are not.
 *
 * - a ticker that changes the page every 50 ms does not keep a new quote unmarked;
 * - content shown by a class, `hidden`, an inline style or a `<details>` the user opens;
 * - a page that replaces its `<body>` (Turbo-style navigation) keeps Verbatim, popover too;
 * - quotes in open shadow roots of custom elements, in same-origin and srcdoc frames, in
 *   `<svg><text>`;
 * - nothing the user types in an editor or a text box is marked;
 * - a clock ticking inside `<article>` leaves the marks as they are (the same boxes).
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Extension, launchExtension, pageMarks, waitForVerbatim, waitUntil } from './fixtures';
import { ArticlePage } from './page-objects';
import { VerbatimUi } from './verbatim-ui';

/** Things Jens Stoltenberg said at the press conference of 7 January 2022 (bundled corpus). */
const Q = {
  dialogue: 'NATO will engage in dialogue with Russia in good faith and on substance',
  diplomacy: 'But we must also be prepared for the possibility that diplomacy will fail',
  numbers: 'I will not go into the exact numbers of how many troops we can move where, and when',
  buildUp: 'The Russian military build-up has not stopped, it continues',
  listen: 'We are always ready to listen to Russian concerns',
  table: 'It is a positive signal that Russia is now prepared to come to the table and talk',
};

const FILLER =
  'Officials from several delegations compared notes in the corridors while reporters waited outside.';

function html(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dynamic page</title>
<style>body { font: 18px/1.6 serif; max-width: 46em; margin: 2em auto; color: #111; background: #fff; }</style>
${head}</head><body>${body}</body></html>`;
}

let ext: Extension;
let page: Page;
/** A blank page for decoding screenshots (canvas). */
let decoder: Page;

beforeAll(async () => {
  ext = await launchExtension();
  decoder = await ext.context.newPage();
});

afterAll(async () => {
  await ext?.close();
});

async function open(body: string, head = ''): Promise<ArticlePage> {
  await page?.close();
  page = await ext.context.newPage();
  const article = new ArticlePage(page);
  return article.open(ext.serve(html(body, head)));
}

/**
 * The marked (matched) quotes' texts, whitespace collapsed, as Verbatim's content script in
 * the page (or in the frame `target`) has drawn them, shadow trees included.
 */
async function markedTexts(target: Page | Frame = page): Promise<string[]> {
  const marks = target === page ? await pageMarks(page) : await pageMarks(page, target.url());
  return [
    ...new Set(
      marks
        .filter(m => m.matched && m.boxes.length > 0)
        .map(m => m.text.replace(/\s+/g, ' ').trim()),
    ),
  ];
}

async function waitMarked(start: string, target: Page | Frame = page): Promise<void> {
  await waitUntil(async () => (await markedTexts(target)).some(t => t.startsWith(start)), 15_000);
}

/**
 * Coloured (not grey) pixels on screen over the first line of the text starting with `start`
 * in `target` (a marked quote's or any text's): the mark's tint, whatever its colour, since
 * the page's text is black on white. Scrolls the text into view first.
 */
async function tintedPixels(start: string, target: Page | Frame = page): Promise<number> {
  const rect = await target.evaluate(start => {
    // Text nodes anywhere, shadow trees and SVG included. (No inner functions in evaluated
    // code: the TypeScript transform may wrap them in a helper the page lacks.)
    const roots: Node[] = [document.body];
    const key = start.slice(0, 24);
    let range: Range | undefined;
    while (!range && roots.length > 0) {
      const walker = document.createTreeWalker(
        roots.shift()!,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      );
      for (let n = walker.nextNode(); n && !range; n = walker.nextNode()) {
        if (n.nodeType === 1) {
          if ((n as Element).shadowRoot) roots.push((n as Element).shadowRoot!);
          continue;
        }
        const i = (n as Text).data.indexOf(key);
        if (i < 0 || n.parentElement?.closest('script, style')) continue;
        range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + key.length);
      }
    }
    if (!range) throw new Error(`no text "${start}"`);
    (range.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
    const r = range.getClientRects()[0]!;
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }, start);
  // A frame's rect is in its own viewport: add the frame element's place in the page.
  let dx = 0;
  let dy = 0;
  if ('parentFrame' in target && target.parentFrame()) {
    const box = await (await target.frameElement()).boundingBox();
    dx = box?.x ?? 0;
    dy = box?.y ?? 0;
  }
  await page.evaluate(
    () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const png = await page.screenshot({
    clip: { x: rect.x + dx, y: rect.y + dy, width: Math.max(1, rect.width), height: rect.height },
  });
  return decoder.evaluate(async b64 => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) n++;
    }
    return n;
  }, png.toString('base64'));
}

/** The quote is marked and the mark is drawn: at least a few dozen tinted pixels over it. */
async function expectPainted(start: string, target: Page | Frame = page): Promise<void> {
  await waitMarked(start, target);
  expect(await tintedPixels(start, target)).toBeGreaterThan(40);
}

describe('a page that changes all the time', () => {
  it('marks a quote added while a ticker changes the page every 50 ms', async () => {
    await open(
      `<p>Markets: <span id="ticker">0</span></p><main id="feed"><p>${FILLER} “${Q.dialogue},” Stoltenberg said.</p></main>
<script>
let n = 0;
// Re-rendered as a framework would: a new element each time.
setInterval(() => {
  const b = document.createElement('b');
  b.textContent = String(++n);
  document.getElementById('ticker').replaceChildren(b);
}, 50);
</script>`,
    );
    await waitMarked(Q.dialogue);
    await page.evaluate(text => {
      const p = document.createElement('p');
      p.textContent = `Later he added: “${text}.”`;
      document.getElementById('feed')!.append(p);
    }, Q.diplomacy);
    // The ticker never stops: the quote is marked while it runs.
    await expectPainted(Q.diplomacy);
    expect(
      await page.evaluate(() => Number(document.getElementById('ticker')!.textContent)),
    ).toBeGreaterThan(0);
  });

  it('leaves the marks alone while a clock ticks inside the article', async () => {
    await open(
      `<article><h1>Live</h1>Updated <time id="clock">0 s</time> ago
<p>${FILLER} “${Q.dialogue},” Stoltenberg said.</p><p>${FILLER} “${Q.diplomacy},” he added.</p></article>
<script>
let s = 0;
setInterval(() => { document.getElementById('clock').textContent = ++s + ' s'; }, 600);
</script>`,
    );
    await waitMarked(Q.diplomacy);
    await waitForVerbatim(page);
    // The boxes drawn for the quotes (from Verbatim's world): the same elements after the ticks.
    const keep = () =>
      VerbatimUi.of(page).evaluate(root => {
        const boxes = root ? [...root.querySelectorAll('.vb-m.vb-t')] : [];
        const w = globalThis as unknown as { kept?: Element[] };
        let same = !!w.kept && w.kept.length === boxes.length;
        for (let i = 0; same && i < boxes.length; i++) same = boxes[i] === w.kept![i];
        w.kept = boxes;
        return { count: boxes.length, same };
      });
    const before = await keep();
    // Two quotes of two lines each.
    expect(before.count).toBe(4);
    // Let the clock tick a few times (slower than any debounce: Verbatim looks at each tick).
    const ticks = await page.evaluate(() =>
      Number.parseInt(document.getElementById('clock')!.textContent!),
    );
    await page.waitForFunction(
      t => Number.parseInt(document.getElementById('clock')!.textContent!) >= t + 4,
      ticks,
    );
    expect((await keep()).same).toBe(true);
    await expectPainted(Q.dialogue);
  });

  it('marks content revealed by a class, hidden, a style, and a <details> the user opens', async () => {
    await open(
      `<p>${FILLER} “${Q.dialogue},” Stoltenberg said.</p>
<div id="more" class="collapsed"><p>${FILLER} “${Q.diplomacy},” he warned.</p></div>
<p id="late" hidden>He went on: “${Q.numbers},” he said.</p>
<p id="styled" style="display: none">Asked again: “${Q.buildUp},” he said.</p>
<details><summary>Read the full answer</summary><p>“${Q.listen},” Stoltenberg said.</p></details>
<button id="expand">Show more</button>`,
      `<style>.collapsed { display: none }</style>
<script>addEventListener('DOMContentLoaded', () => document.getElementById('expand').onclick = () => document.getElementById('more').classList.remove('collapsed'));</script>`,
    );
    expect(await markedTexts()).toEqual([Q.dialogue]);

    await page.click('#expand');
    await expectPainted(Q.diplomacy);
    await page.evaluate(() => document.getElementById('late')!.removeAttribute('hidden'));
    await expectPainted(Q.numbers);
    await page.evaluate(() => (document.getElementById('styled')!.style.display = 'block'));
    await expectPainted(Q.buildUp);
    await page.click('summary');
    await expectPainted(Q.listen);
    expect(await markedTexts()).toHaveLength(5);
  });

  it('keeps working when the page replaces its <body>, popover included', async () => {
    const article = await open(
      `<p>${FILLER} “${Q.dialogue},” Stoltenberg said.</p>
<a id="next" href="#next">Next story</a>
<script>
document.getElementById('next').addEventListener('click', e => {
  e.preventDefault();
  const body = document.createElement('body');
  body.innerHTML = '<h1>Next story</h1><p>Stoltenberg was blunt: “${Q.buildUp},” he said.</p>';
  document.documentElement.replaceChild(body, document.body);
});
</script>`,
    );
    await waitMarked(Q.dialogue);
    await page.click('#next');
    await expectPainted(Q.buildUp);
    expect(await markedTexts()).toEqual([Q.buildUp]);
    const popover = await article.hoverQuote(Q.buildUp.slice(0, 30));
    await expect(popover.speaker.textContent()).resolves.toContain('Stoltenberg');
  });
});

describe('quotes where pages put them', () => {
  it('marks quotes in the open shadow root of a custom element, slotted text too', async () => {
    await open(
      `<p>${FILLER}</p><quote-card></quote-card><quote-card><span slot="speaker">Stoltenberg</span></quote-card>
<script>
customElements.define('quote-card', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = this.children.length
      ? '<p>“${Q.diplomacy},” said <slot name="speaker"></slot>.</p>'
      : '<p>“${Q.dialogue},” Stoltenberg said.</p>';
  }
});
</script>`,
    );
    await expectPainted(Q.dialogue);
    await expectPainted(Q.diplomacy);
    // One added to the shadow tree later is marked too.
    await page.evaluate(text => {
      const root = document.querySelector('quote-card')!.shadowRoot!;
      const p = document.createElement('p');
      p.textContent = `He added: “${text}.”`;
      root.append(p);
    }, Q.numbers);
    await expectPainted(Q.numbers);
  });

  it('marks quotes in <svg><text>', async () => {
    await open(
      `<p>${FILLER}</p><svg width="900" height="60" viewBox="0 0 900 60"><rect width="900" height="60" fill="#fff"/>
<text x="10" y="35" font-size="18" fill="#111">“${Q.dialogue},” Stoltenberg said.</text></svg>`,
    );
    await waitMarked(Q.dialogue);
    expect(await tintedPixels(Q.dialogue)).toBeGreaterThan(40);
  });

  it('marks quotes in same-origin frames, and the popup counts the page’s own', async () => {
    const inner = ext.serve(html(`<p>${FILLER} “${Q.diplomacy},” he warned.</p>`));
    await open(
      `<p>${FILLER} “${Q.dialogue},” Stoltenberg said.</p>
<iframe src="${inner}" width="800" height="140" style="border: 0"></iframe>
<iframe srcdoc="&lt;p style='font: 18px serif'&gt;He said: “${Q.numbers}.”&lt;/p&gt;" width="800" height="100" style="border: 0"></iframe>`,
    );
    const [, framed, srcdoc] = page.frames();
    expect(framed && srcdoc).toBeTruthy();
    await expectPainted(Q.diplomacy, framed!);
    await expectPainted(Q.numbers, srcdoc!);
    await expectPainted(Q.dialogue);
    // The top page's content script answers the popup, about the top page.
    expect(await ext.pageStats(page)).toMatchObject({ ok: true, value: { found: 1, matched: 1 } });
  });

  it('never marks what the user types in an editor, however deep, or in a text box', async () => {
    await open(
      `<p>${FILLER} “${Q.dialogue},” Stoltenberg said.</p>
<div contenteditable="true" id="editor"><section><p id="line">Draft: </p></section></div>
<textarea id="box" rows="3" cols="60"></textarea>
<main id="feed"></main>`,
    );
    await page.click('#line');
    await page.keyboard.press('End');
    await page.keyboard.type(`“${Q.diplomacy},” he said.`);
    await page.fill('#box', `“${Q.numbers},” he said.`);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // A quote the page adds afterwards is marked: the typing has been looked at by then.
    await page.evaluate(text => {
      const p = document.createElement('p');
      p.textContent = `“${text},” Stoltenberg said.`;
      document.getElementById('feed')!.append(p);
    }, Q.buildUp);
    await waitMarked(Q.buildUp);
    await waitForVerbatim(page);
    expect(await markedTexts()).toEqual([Q.dialogue, Q.buildUp]);
    expect(await tintedPixels(Q.diplomacy)).toBeLessThan(10);
  });
});
