/**
 * What Verbatim costs on pages that change, beside the same pages without it (a second,
 * plain Chromium in the same process), for `bench/browser-bench.ts`:
 *
 * - a live article with a 1 Hz "updated N s ago" clock inside `<article>`: the page's
 *   main-thread time (CDP `Performance.getMetrics` TaskDuration) over a window, with and
 *   without Verbatim, and its CPU share;
 * - the 200,000-word, 3,000-quote page: main-thread time from navigation until Verbatim has
 *   marked it (plus a second), with and without Verbatim;
 * - a page with a 50 ms ticker (a new element each time): time from a quote being added to it
 *   being marked (seen from Verbatim's world, every 4 ms, as its box is drawn: matched or not).
 */
import { type Browser, chromium, type Page } from 'playwright-core';

import { CHROMIUM, type Extension, waitForVerbatim } from '../tests/e2e/fixtures';
import { VerbatimUi } from '../tests/e2e/verbatim-ui';

const SENTENCES = [
  'NATO will engage in dialogue with Russia in good faith and on substance',
  'But we must also be prepared for the possibility that diplomacy will fail',
  'I will not go into the exact numbers of how many troops we can move where, and when',
  'The Russian military build-up has not stopped, it continues',
  'We are always ready to listen to Russian concerns',
  'It is a positive signal that Russia is now prepared to come to the table and talk',
  'We have troops, we have forces',
  'NATO is a defensive Alliance',
];
const FILLER =
  'Officials from several delegations compared notes in the corridors while reporters waited ' +
  'outside for news of progress on an agenda that covered energy, budgets and the next summit.';

/** A live article: 40 paragraphs, 20 quotes, and a clock inside `<article>` ticking each second. */
export function clockPage(): string {
  const paragraphs = Array.from({ length: 40 }, (_, i) =>
    i % 2
      ? `<p>${FILLER} “${SENTENCES[i % SENTENCES.length]},” Stoltenberg said.</p>`
      : `<p>${FILLER} ${FILLER}</p>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live</title></head>
<body><main><article><h1>Live: NATO ministers meet</h1>
Updated <time id="clock">0 seconds</time> ago
${paragraphs.join('\n')}
</article></main>
<script>
let s = 0;
setInterval(() => { document.getElementById('clock').textContent = ++s + ' seconds'; }, 1000);
</script></body></html>`;
}

/** A page whose ticker changes every 50 ms, with one quote to start with. */
export function tickerPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Markets</title></head>
<body><p>Markets: <span id="ticker">0</span></p><main id="feed">
<p>${FILLER} “${SENTENCES[0]},” Stoltenberg said.</p></main>
<script>
let n = 0;
// Re-rendered as a framework would: a new element each time.
setInterval(() => {
  const b = document.createElement('b');
  b.textContent = (++n).toFixed(2);
  document.getElementById('ticker').replaceChildren(b);
}, 50);
</script></body></html>`;
}

/** The page's main-thread task time so far (s), from a CDP session kept open on it. */
async function taskClock(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find(m => m.name === 'TaskDuration')?.value ?? NaN;
  };
}

export interface MainThread {
  /** Main-thread task time (ms) of the page over the window. */
  withVerbatim: number;
  without: number;
  /** The window (ms). */
  window: number;
}

/** Main-thread time of a page over `windowMs` after it settled, with and without Verbatim. */
export async function clockCost(
  ext: Extension,
  plain: Browser,
  url: string,
  windowMs: number,
): Promise<MainThread> {
  const measure = async (page: Page, verbatim: boolean) => {
    const taskSeconds = await taskClock(page);
    await page.goto(url);
    if (verbatim) await waitForVerbatim(page);
    await page.waitForTimeout(1500);
    const before = await taskSeconds();
    await page.waitForTimeout(windowMs);
    const after = await taskSeconds();
    await page.close();
    return (after - before) * 1000;
  };
  const withVerbatim = await measure(await ext.context.newPage(), true);
  const without = await measure(await plain.newPage(), false);
  return { withVerbatim, without, window: windowMs };
}

/**
 * Main-thread time from navigation until the page is marked and a second more, with
 * Verbatim; and over the same wall time without it.
 */
export async function loadCost(ext: Extension, plain: Browser, url: string): Promise<MainThread> {
  const page = await ext.context.newPage();
  const clock = await taskClock(page);
  const start = Date.now();
  const t0 = await clock();
  await page.goto(url);
  await waitForVerbatim(page, 1, 120_000);
  await page.waitForTimeout(1000);
  const elapsed = Date.now() - start;
  const withVerbatim = ((await clock()) - t0) * 1000;
  await page.close();
  const bare = await plain.newPage();
  const bareClock = await taskClock(bare);
  const bareStart = Date.now();
  const b0 = await bareClock();
  await bare.goto(url);
  await bare.waitForTimeout(Math.max(0, elapsed - (Date.now() - bareStart)));
  const without = ((await bareClock()) - b0) * 1000;
  await bare.close();
  return { withVerbatim, without, window: elapsed };
}

/**
 * Time (ms) from adding a quote to a page under a 50 ms ticker to its being marked, for
 * `n` quotes added one after the other (each a text not matched before).
 */
export async function tickerLatency(ext: Extension, url: string, n: number): Promise<number[]> {
  const page = await ext.context.newPage();
  await page.goto(url);
  await waitForVerbatim(page);
  const ui = VerbatimUi.of(page);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await page.waitForTimeout(300 + 97 * i);
    const text = `${SENTENCES[1 + (i % (SENTENCES.length - 1))]}`;
    // Seen from Verbatim's own world, where its closed root can be read: the page's DOM is
    // shared, so the quote is added there and its mark watched for, frame by frame.
    const took = await ui.evaluate(
      (root, a) =>
        new Promise<number>((resolve, reject) => {
          if (!root) throw new Error('no Verbatim UI');
          const before = root.querySelectorAll('.vb-m').length;
          const p = document.createElement('p');
          // A different text each time (the number), so each needs its own match.
          p.textContent = `Update ${a.i}: “${a.text},” Stoltenberg said, for the ${a.i + 1}th time.`;
          const t0 = performance.now();
          document.getElementById('feed')!.append(p);
          // (No inner functions in evaluated code: tsx would wrap them in a helper the page lacks.)
          const id = setInterval(() => {
            if (root.querySelectorAll('.vb-m').length > before) {
              clearInterval(id);
              resolve(performance.now() - t0);
            } else if (performance.now() - t0 > 20_000) {
              clearInterval(id);
              reject(new Error('not marked in 20 s'));
            }
          }, 4);
        }),
      { text, i },
    );
    times.push(took);
  }
  await page.close();
  return times;
}

export interface Frames {
  /** Frames drawn while the page scrolled. */
  frames: number;
  /** The longest time between two frames (ms). */
  worst: number;
  /** 95th percentile of the time between frames (ms). */
  p95: number;
  /** Gaps between frames longer than 50 ms (three frames or more dropped). */
  over50: number;
  /** How far the page scrolled (px). */
  scrolled: number;
}

/**
 * Scrolling while Verbatim marks: the page scrolls itself 40 px each frame from the first
 * frame (main-thread scrolling, as a page's own scroll handlers or `scrollBy` do), and every
 * frame's time is kept, from navigation until Verbatim is done with the page and a second
 * more; the same page in a plain Chromium scrolls for the same time. The gaps between
 * frames are what a reader sees as dropped frames.
 */
export async function scrollWhileMarking(
  ext: Extension,
  plain: Browser,
  url: string,
): Promise<{ withVerbatim: Frames; without: Frames; window: number }> {
  const SCROLLER = `
(() => {
  const times = [];
  window.__frames = times;
  let dir = 1;
  const step = t => {
    times.push(t);
    const max = document.documentElement.scrollHeight - innerHeight;
    if (scrollY >= max - 40) dir = -1;
    else if (scrollY <= 0) dir = 1;
    window.scrollBy(0, 40 * dir);
    window.__scrolled = (window.__scrolled || 0) + 40;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})();`;
  const read = (page: Page, until: number) =>
    page.evaluate(until => {
      const w = window as unknown as { __frames: number[]; __scrolled: number };
      const times = w.__frames.filter(t => t <= until);
      const gaps: number[] = [];
      for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
      gaps.sort((a, b) => a - b);
      return {
        frames: times.length,
        worst: gaps.at(-1) ?? 0,
        p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
        over50: gaps.filter(g => g > 50).length,
        scrolled: w.__scrolled ?? 0,
      };
    }, until);
  const page = await ext.context.newPage();
  await page.addInitScript({ content: SCROLLER });
  await page.goto(url);
  const activity = await waitForVerbatim(page, 1, 120_000);
  await page.waitForTimeout(1000);
  const until = (activity.firstIdleAt ?? 0) + 1000;
  const withVerbatim = await read(page, until);
  await page.close();
  const bare = await plain.newPage();
  await bare.addInitScript({ content: SCROLLER });
  await bare.goto(url);
  await bare.waitForFunction(until => performance.now() > until, until, {
    timeout: 120_000,
    polling: 100,
  });
  const without = await read(bare, until);
  await bare.close();
  return { withVerbatim, without, window: until };
}

/** A plain headless Chromium (no extension) for the baselines. */
export function launchPlain(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
