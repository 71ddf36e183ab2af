/**
 * Verbatim in Firefox ESR beside Chromium, measured the same way in the same run:
 *
 *   npx tsx bench/firefox-bench.ts [--runs N] [--hovers N] [--no-build]
 *
 * Builds the Firefox extension (unless `--no-build`; the Chromium build in `.output/chrome-mv3`
 * is built only if missing), then prints for each browser, as medians:
 * - navigation start → all marked on the news report: the content script's first
 *   `getActivity` idle time (the page's `performance.now()`, 0 = navigation start), over
 *   `--runs` loads after a warm-up load, each in a new tab; and content script start → marked;
 * - hover → popover: from the page's `mousemove` onto a quote to the first animation frame in
 *   which the page's `elementFromPoint` hits the popover (page script cannot see into the
 *   closed shadow root, but hit-testing reaches its host), so both browsers are measured by
 *   the same page-side code; frame-granular (one frame is ~17 ms). The figure includes the
 *   popover's deliberate open delay (`OPEN_DELAY_MS`).
 * The two browsers run side by side and take turns, load by load and hover by hover; ratios are
 * Firefox over Chromium: the machine is shared, so absolute times drift between runs more than
 * their ratio does.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'wxt';

import { OPEN_DELAY_MS } from '../lib/content/hover';
import { launchExtension, REPO, waitForVerbatim } from '../tests/e2e/fixtures';
import { ArticlePage as ChromiumArticle } from '../tests/e2e/page-objects';
import { launchFirefox } from '../tests/e2e-firefox/firefox';
import { ArticlePage as FirefoxArticle } from '../tests/e2e-firefox/page-objects';

const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number`);
  return value;
}

const RUNS = option('--runs', 7);
const HOVERS = option('--hovers', 15);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const range = (xs: number[]) =>
  `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;

/** What the measurements need of a browser tab, in Playwright's and Puppeteer's common words. */
interface Tab {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  move(x: number, y: number): Promise<void>;
}

/** What one browser gives the measurements. */
interface Browser {
  name: string;
  /** Open the news report in a new tab; resolves when it is marked, with the load's times. */
  load(): Promise<{ fromNavigation: number; fromStart: number; close(): Promise<void> }>;
  /** The news report open, marked, with the quotes' points and the popover's box once open. */
  article(): Promise<{
    tab: Tab;
    quotes: Array<{ text: string; x: number; y: number }>;
    popoverBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  }>;
  close(): Promise<void>;
}

/**
 * A hover → popover measurer on the news report. Each quote's first hover only finds where its
 * popover opens (the point the page then watches): `next()` resolves to null for it.
 */
async function hoverer(browser: Browser): Promise<() => Promise<number | null>> {
  const { tab, quotes: all, popoverBox } = await browser.article();
  // The quotes in view at the top of the page (the pointer cannot leave the viewport).
  const quotes = all.filter(q => q.y > 10 && q.y < 760);
  if (quotes.length === 0) throw new Error('no quote in view');
  const away = async () => {
    await tab.move(1270, 5);
    await waitFor(async () => (await popoverBox()) === null);
  };
  const points = new Map<string, { x: number; y: number }>();
  let i = 0;
  return async () => {
    const quote = quotes[i++ % quotes.length]!;
    await away();
    const point = points.get(quote.text);
    if (!point) {
      await tab.move(quote.x, quote.y);
      await waitFor(async () => (await popoverBox()) !== null);
      const box = (await popoverBox())!;
      // A point inside the popover where the page's own content is now (not a quote's stand-in).
      await away();
      const free = await tab.evaluate(
        box => {
          for (let fy = 0.5; fy < 0.95; fy += 0.1) {
            for (let fx = 0.5; fx < 0.95; fx += 0.1) {
              const x = box.x + box.width * fx;
              const y = box.y + box.height * fy;
              const el = document.elementFromPoint(x, y);
              if (el && document.body.contains(el)) return { x, y };
            }
          }
          return null;
        },
        { x: box.x, y: box.y, width: box.width, height: box.height },
      );
      if (!free) throw new Error('no point of the popover to watch');
      points.set(quote.text, free);
      return null;
    }
    // A string, not a function: tsx would wrap the named helpers in code the page lacks.
    await tab.evaluate(
      code => (0, eval)(code) as void,
      `window.verbatimBenchHover = new Promise(resolve => {
        let moved = 0;
        addEventListener('mousemove', () => { moved ||= performance.now(); }, { capture: true, once: true });
        requestAnimationFrame(function frame() {
          const el = moved ? document.elementFromPoint(${point.x}, ${point.y}) : null;
          if (el && !document.body.contains(el)) resolve(performance.now() - moved);
          else requestAnimationFrame(frame);
        });
      });
      undefined;`,
    );
    await new Promise(r => setTimeout(r, 50));
    await tab.move(quote.x, quote.y);
    return tab.evaluate(
      () => (window as unknown as { verbatimBenchHover: Promise<number> }).verbatimBenchHover,
      null,
    );
  };
}

async function waitFor(check: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise(r => setTimeout(r, 20));
  }
}

async function firefox(): Promise<Browser> {
  const fx = await launchFirefox();
  const url = fx.serve(NEWS);
  const version = await fx.browser.version();
  return {
    name: version.replace(/^firefox\//i, 'Firefox '),
    async load() {
      const page = await fx.newPage();
      await page.goto(url);
      await fx.waitForVerbatim(page);
      const activity = await fx.callContent(page, 'getActivity');
      if (!activity.ok || activity.value.firstIdleAt === null) throw new Error('not marked');
      return {
        fromNavigation: activity.value.firstIdleAt,
        fromStart: activity.value.firstIdleAt - activity.value.startedAt,
        close: () => page.close(),
      };
    },
    async article() {
      const page = await fx.newPage();
      const article = await new FirefoxArticle(fx, page).open(url);
      await page.bringToFront();
      return {
        tab: {
          evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
          move: (x, y) => page.mouse.move(x, y),
        },
        quotes: await article.markedQuotes(),
        popoverBox: async () => {
          const ui = await fx.callContent(page, 'inspectUi');
          // Drawn invisibly first, to be measured: only the popover in place counts.
          return ui.ok && ui.value.popover?.visible ? ui.value.popover.box : null;
        },
      };
    },
    close: () => fx.close(),
  };
}

async function chromium(): Promise<Browser> {
  const ext = await launchExtension();
  const url = ext.serve(NEWS);
  return {
    name: `Chromium ${ext.context.browser()?.version() ?? ''}`,
    async load() {
      const page = await ext.context.newPage();
      await page.goto(url);
      const activity = await waitForVerbatim(page);
      return {
        fromNavigation: activity.firstIdleAt!,
        fromStart: activity.firstIdleAt! - activity.startedAt,
        close: () => page.close(),
      };
    },
    async article() {
      const page = await ext.context.newPage();
      const article = await new ChromiumArticle(page).open(url);
      await page.bringToFront();
      const dialog = article.popover.root;
      return {
        tab: {
          evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
          move: (x, y) => page.mouse.move(x, y),
        },
        quotes: await article.markedQuotes(),
        popoverBox: async () => {
          if (!(await dialog.count())) return null;
          // It may close between the two calls.
          return dialog
            .evaluate(el => {
              if (getComputedStyle(el).visibility !== 'visible') return null;
              const r = el.getBoundingClientRect();
              return { x: r.left, y: r.top, width: r.width, height: r.height };
            })
            .catch(() => null);
        },
      };
    },
    close: () => ext.close(),
  };
}

if (!process.argv.includes('--no-build')) {
  console.log('Building the Firefox extension…');
  await build({ root: REPO, browser: 'firefox' });
}
if (!existsSync(join(REPO, '.output/chrome-mv3/manifest.json'))) {
  console.log('Building the Chromium extension…');
  await build({ root: REPO });
}

// Both browsers run side by side and take turns, so a busy spell of this shared machine
// falls on both alike.
const browsers = [await firefox(), await chromium()];
const results = browsers.map(b => ({
  name: b.name,
  fromNavigation: [] as number[],
  fromStart: [] as number[],
  hovers: [] as number[],
}));
try {
  for (const b of browsers) await (await b.load()).close(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? [1, 0] : [0, 1];
    for (const k of order) {
      const run = await browsers[k]!.load();
      await run.close();
      results[k]!.fromNavigation.push(run.fromNavigation);
      results[k]!.fromStart.push(run.fromStart);
    }
  }
  const next = await Promise.all(browsers.map(hoverer));
  while (results.some(r => r.hovers.length < HOVERS)) {
    for (const [k, hover] of next.entries()) {
      if (results[k]!.hovers.length >= HOVERS) continue;
      const time = await hover();
      if (time !== null) results[k]!.hovers.push(time);
    }
  }
} finally {
  for (const b of browsers) await b.close();
}

console.log(
  `\nThe news report (7 quotes): ${RUNS} loads per browser after a warm-up, ${HOVERS} hovers, in turns\n`,
);
for (const r of results) {
  console.log(`${r.name}`);
  console.log(`  navigation start → all marked: ${range(r.fromNavigation)}`);
  console.log(`  content script start → all marked: ${range(r.fromStart)}`);
  console.log(
    `  hover → popover: ${range(r.hovers)} (of which the open delay is ${OPEN_DELAY_MS} ms)`,
  );
}
const [fx, cr] = results;
if (fx && cr) {
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  console.log(
    `\nFirefox / Chromium: marked ×${ratio(fx.fromNavigation, cr.fromNavigation)}, ` +
      `hover → popover ×${ratio(fx.hovers, cr.hovers)}, ` +
      `beyond the open delay ×${(
        (median(fx.hovers) - OPEN_DELAY_MS) /
        (median(cr.hovers) - OPEN_DELAY_MS)
      ).toFixed(2)}`,
  );
}
