/**
 * Verbatim in a real browser: how long readers wait.
 *
 *   npx tsx bench/browser-bench.ts [--runs N] [--hovers N] [--no-build] [--dynamic-only | --copies]
 *
 * Builds the extension (unless `--no-build`), loads it into headless Chromium
 * (`/usr/bin/chromium`, or `$CHROMIUM`) and prints, as medians over the runs:
 * - load → marked: from the page's navigation start to every quote marked
 *   (the content script's `getActivity` answer, asked through the service worker), and from the content
 *   script's start (document_idle) to marked, on the news report and on the
 *   generated long page (≥ 50,000 words, 360 quotes);
 * - the main thread on the long page while Verbatim works: the longest task
 *   and the number of tasks over 50 ms (from a DevTools trace);
 * - hover → popover: from the `mousemove` onto a quote to its popover being
 *   drawn in place, of which `OPEN_DELAY_MS` is a deliberate pause;
 * - (copies) the page scan with unmarked-copy detection against the scan without it (the
 *   `markCopies` setting on and off, loads interleaved in the same run) on the news report
 *   and the long page: navigation start → everything marked, → the quotes' marks drawn,
 *   and (long page) the longest main-thread task.
 * - pages that change and the biggest page, beside the same pages without Verbatim
 *   (`dynamic-bench.ts`; only these with `--dynamic-only`): a live clock's main-thread time
 *   and CPU share, the 200,000-word page's longest task, main-thread time and frames while
 *   scrolling, and a 50 ms ticker's mutation → mark time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseHTML } from 'linkedom';
import { build } from 'wxt';

import { mayHoldCopy } from '../lib/content/quote-page';
import { findQuotesInDom } from '../lib/dom/find-quotes';
import type { CopyRequest, QuoteRequest } from '../lib/messaging/protocol';

import { OPEN_DELAY_MS } from '../lib/content/hover';
import {
  highlightCount,
  launchExtension,
  markedCopies,
  REPO,
  waitForVerbatim,
  type Extension,
} from '../tests/e2e/fixtures';
import { longPage } from '../tests/e2e/long-page';
import {
  clockCost,
  clockPage,
  launchPlain,
  loadCost,
  type Frames,
  type MainThread,
  scrollWhileMarking,
  tickerLatency,
  tickerPage,
} from './dynamic-bench';
import { ArticlePage } from '../tests/e2e/page-objects';
import { VerbatimUi } from '../tests/e2e/verbatim-ui';

const NEWS = 'tests/fixtures/pages/news-report-2022-01-08.html';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number`);
  return value;
}

const RUNS = option('--runs', 5);
/** `--copies`: only the unmarked-copy comparison. */
const COPIES_ONLY = process.argv.includes('--copies');
const DYNAMIC_ONLY = process.argv.includes('--dynamic-only');
const HOVERS = option('--hovers', 15);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const range = (xs: number[]) =>
  `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;

interface LoadRun {
  fromNavigation: number;
  fromStart: number;
  /** Navigation start → marks first drawn. */
  drawn: number;
  /** The scan's start → marks first drawn (the page's own loading left out). */
  scanToDrawn: number;
  marked: number;
  copies: number;
  longestTask?: number;
  longTasks?: number;
  /** The same for the tasks that ran Verbatim's code (a script of the extension's in them). */
  longestOurs?: number;
  longOurs?: number;
  /** (copies) Main-thread task time from the scan's start to 100 ms after everything was marked. */
  busy?: number;
  /** (copies) Of the page's main thread, the time in Verbatim's own functions (its script's calls). */
  ours?: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    frame?: string;
    data?: { frame?: string; documentLoaderURL?: string; url?: string };
  };
}

/**
 * The page's renderer main thread in a trace, and the trace time (µs) of the document's time
 * origin: both from the page's `navigationStart` (made on that thread).
 */
function mainThread(events: TraceEvent[], url: string) {
  const start = events.filter(
    e => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url,
  );
  const last = start.at(-1);
  return last && { pid: last.pid, tid: last.tid, origin: last.ts };
}

/** Load `url` once; with `trace`, also the main thread's tasks during Verbatim's work. */
async function loadOnce(ext: Extension, url: string, trace: boolean): Promise<LoadRun> {
  const page = await ext.context.newPage();
  const cdp = trace ? await ext.context.newCDPSession(page) : undefined;
  const events: TraceEvent[] = [];
  if (cdp) {
    cdp.on('Tracing.dataCollected', ({ value }) =>
      events.push(...(value as unknown as TraceEvent[])),
    );
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
      transferMode: 'ReportEvents',
    });
  }
  await page.goto(url);
  const activity = await waitForVerbatim(page);
  await page.evaluate(
    () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const idle = activity.firstIdleAt ?? NaN;
  const run: LoadRun = {
    fromNavigation: idle,
    fromStart: idle - activity.startedAt,
    drawn: activity.firstDrawAt ?? NaN,
    scanToDrawn: (activity.firstDrawAt ?? NaN) - (activity.firstScanAt ?? NaN),
    marked: await highlightCount(page),
    copies: (await markedCopies(page)).length,
  };
  if (cdp) {
    const done = new Promise<void>(resolve => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    // The page's renderer main thread, from the scan's start (before it, the page does its
    // own first layout) to 100 ms after the page was marked.
    const thread = mainThread(events, url);
    if (thread && activity.firstScanAt !== null) {
      const from = thread.origin + activity.firstScanAt * 1000;
      const to = thread.origin + idle * 1000 + 100_000;
      const tasks = events.filter(
        e =>
          e.name === 'RunTask' &&
          e.ph === 'X' &&
          e.pid === thread.pid &&
          e.tid === thread.tid &&
          e.ts + (e.dur ?? 0) > from &&
          e.ts <= to,
      );
      const durations = tasks.map(e => (e.dur ?? 0) / 1000);
      run.longestTask = Math.max(0, ...durations);
      run.longTasks = durations.filter(d => d > 50).length;
      // Verbatim's: a task in which one of the extension's scripts ran (called, evaluated).
      const calls = events.filter(
        e =>
          e.pid === thread.pid &&
          e.tid === thread.tid &&
          (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
          (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
      );
      const ours = tasks
        .filter(t => calls.some(c => c.ts >= t.ts && c.ts <= t.ts + (t.dur ?? 0)))
        .map(e => (e.dur ?? 0) / 1000);
      run.longestOurs = Math.max(0, ...ours);
      run.longOurs = ours.filter(d => d > 50).length;
      run.busy = durations.reduce((a, b) => a + b, 0);
      // Verbatim's own calls on the page's main thread (timers, frames, messages into its
      // content script), outermost only: the work a busy machine slows alike with or without.
      const fnCalls = events
        .filter(
          e =>
            e.name === 'FunctionCall' &&
            e.ph === 'X' &&
            e.pid === thread.pid &&
            e.tid === thread.tid &&
            (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
        )
        .sort((a, b) => a.ts - b.ts);
      let ownTime = 0;
      let until = 0;
      for (const e of fnCalls) {
        if (e.ts < until) continue;
        ownTime += (e.dur ?? 0) / 1000;
        until = e.ts + (e.dur ?? 0);
      }
      run.ours = ownTime;
    }
  }
  await page.close();
  return run;
}

async function loads(ext: Extension, label: string, url: string, trace: boolean) {
  const runs: LoadRun[] = [];
  // One warm-up load (service worker start, index load) is not counted.
  await loadOnce(ext, url, false);
  for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(ext, url, trace));
  console.log(`${label}: ${runs[0]!.marked} quotes marked`);
  console.log(`  navigation start → all marked: ${range(runs.map(r => r.fromNavigation))}`);
  console.log(`  content script start → all marked: ${range(runs.map(r => r.fromStart))}`);
  if (trace && runs.every(r => r.longestTask !== undefined)) {
    console.log(
      `  main thread while Verbatim works: longest task ${range(runs.map(r => r.longestTask!))}; ` +
        `tasks over 50 ms per load: ${runs.map(r => r.longTasks).join(', ')}`,
    );
    console.log(
      `  of those, tasks running Verbatim's code: longest ${range(runs.map(r => r.longestOurs!))}; ` +
        `over 50 ms per load: ${runs.map(r => r.longOurs).join(', ')}`,
    );
  }
}

async function hovers(ext: Extension) {
  const page = await ext.context.newPage();
  const article = await new ArticlePage(page).open(ext.serve(NEWS));
  const quotes = await article.markedQuotes();
  const times: number[] = [];
  for (let i = 0; i < HOVERS; i++) {
    const quote = quotes[i % quotes.length]!;
    await page.mouse.move(1270, 5);
    await article.popover.waitClosed();
    // In the page: when the pointer arrives, and when the popover is drawn in place.
    // In Verbatim's own world: the page cannot see into its closed shadow root.
    const measured = VerbatimUi.of(page).evaluate(
      root =>
        new Promise<number>(resolve => {
          let moved = 0;
          addEventListener('mousemove', () => (moved ||= performance.now()), { capture: true });
          if (!root) throw new Error('no Verbatim UI');
          const observer = new MutationObserver(() => {
            const dialog = root.querySelector('[role="dialog"]');
            if (moved && dialog && getComputedStyle(dialog).visibility === 'visible') {
              observer.disconnect();
              resolve(performance.now() - moved);
            }
          });
          observer.observe(root, { subtree: true, childList: true, attributes: true });
        }),
    );
    await page.waitForTimeout(50);
    await page.mouse.move(quote.x, quote.y);
    times.push(await measured);
  }
  await page.close();
  console.log(`hover → popover on the news report (${HOVERS} hovers): ${range(times)}`);
  console.log(
    `  of which the deliberate hover delay is ${OPEN_DELAY_MS} ms; the rest (event, hit-test, render, placement): ` +
      `median ${ms(median(times) - OPEN_DELAY_MS)}`,
  );
}

if (!process.argv.includes('--no-build')) {
  console.log('Building the extension…');
  await build({ root: REPO });
}
const ext = await launchExtension();
const long = longPage();
console.log(
  `Chromium ${ext.context.browser()?.version() ?? ''} with Verbatim; ${RUNS} runs per page after a warm-up\n`,
);
if (!DYNAMIC_ONLY && !COPIES_ONLY) {
  await loads(ext, 'news report (7 quotes)', ext.serve(NEWS), false);
  await loads(
    ext,
    `long page (${long.words.toLocaleString('en')} words, ${long.quotes} quotes)`,
    ext.serve(long.html),
    true,
  );
  await hovers(ext);
}

/**
 * (copies) What a page sends the background, as the content script reads it (the same block
 * reader and quote finder, on linkedom): its quotes, and its paragraphs that may hold a copy.
 */
function pageRequests(html: string): { quotes: QuoteRequest[]; blocks: CopyRequest[] } {
  const { document } = parseHTML(html);
  const root = document.body as unknown as Element;
  const quotes: QuoteRequest[] = [];
  const blocks: CopyRequest[] = [];
  const found = findQuotesInDom(root, {
    onBlock: (block, quoted) => {
      if (!mayHoldCopy(block.text)) return;
      blocks.push(quoted.length ? { text: block.text, exclude: quoted } : { text: block.text });
    },
  });
  for (const q of found) {
    quotes.push(q.attribution ? { text: q.text, attribution: q.attribution } : { text: q.text });
  }
  return { quotes, blocks };
}

/**
 * (copies) The background's work for a page, timed from an extension page (message included),
 * alternately: `matchQuotes` for its quotes, `findCopies` for its paragraphs. Medians.
 */
async function backgroundCost(html: string) {
  const { quotes, blocks } = pageRequests(html);
  const time = async (f: () => Promise<{ ok: boolean }>) => {
    const t0 = performance.now();
    const reply = await f();
    if (!reply.ok) throw new Error('the background failed');
    return performance.now() - t0;
  };
  const match: number[] = [];
  const copies: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const a = await time(() => ext.callBackground('matchQuotes', { quotes }));
    const b = await time(() => ext.callBackground('findCopies', { blocks }));
    if (i > 0) {
      match.push(a);
      copies.push(b);
    }
  }
  return {
    quotes: quotes.length,
    blocks: blocks.length,
    match: median(match),
    copies: median(copies),
  };
}

/**
 * (copies) The same page loaded with the unmarked-copy check on and off (`markCopies`),
 * alternately, after a warm-up of each: what the check adds to the page scan.
 */
async function copyCost(label: string, url: string, trace: boolean, html: string) {
  const runs: Record<'on' | 'off', LoadRun[]> = { on: [], off: [] };
  const set = (markCopies: boolean) => ext.callBackground('updateSettings', { markCopies });
  for (let i = 0; i <= RUNS; i++) {
    for (const mode of i % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      await set(mode === 'on');
      const run = await loadOnce(ext, url, trace);
      if (i > 0) runs[mode].push(run);
    }
  }
  await set(true);
  const [on, off] = [runs.on, runs.off];
  if (process.env.VERBOSE) console.log(JSON.stringify(runs));
  const m = (xs: LoadRun[], f: (r: LoadRun) => number) => median(xs.map(f));
  console.log(
    `${label}: ${on[0]!.marked} quotes and ${on[0]!.copies} unmarked copies marked with the check, ` +
      `${off[0]!.marked} quotes and ${off[0]!.copies} copies without`,
  );
  const navOn = m(on, r => r.fromNavigation);
  const navOff = m(off, r => r.fromNavigation);
  console.log(
    `  navigation start → everything marked: ${ms(navOn)} with the copy check, ${ms(navOff)} without ` +
      `(×${(navOn / navOff).toFixed(2)}, +${ms(navOn - navOff)}); with: ${range(on.map(r => r.fromNavigation))}; without: ${range(off.map(r => r.fromNavigation))}`,
  );
  console.log(
    `  navigation start → the quotes' marks drawn: ${ms(m(on, r => r.drawn))} with the copy check, ${ms(m(off, r => r.drawn))} without; ` +
      `from the scan's start: ${ms(m(on, r => r.scanToDrawn))} with, ${ms(m(off, r => r.scanToDrawn))} without`,
  );
  const bg = await backgroundCost(html);
  console.log(
    `  in the background (timed from an extension page): findCopies for its ${bg.blocks} paragraphs of 12+ words ${ms(bg.copies)}, ` +
      `matchQuotes for its ${bg.quotes} quotes ${ms(bg.match)} (×${(bg.copies / bg.match).toFixed(1)})`,
  );
  if (trace && [...on, ...off].every(r => r.longestTask !== undefined)) {
    console.log(
      `  Verbatim's own functions on the page's main thread: ${ms(m(on, r => r.ours!))} with the check, ${ms(m(off, r => r.ours!))} without`,
    );
    console.log(
      `  main thread from the scan's start to 100 ms after everything was marked: ${ms(m(on, r => r.busy!))} of tasks with the check, ` +
        `${ms(m(off, r => r.busy!))} without; longest task ${ms(m(on, r => r.longestTask!))} with, ${ms(m(off, r => r.longestTask!))} without; ` +
        `tasks over 50 ms per load: ${on.map(r => r.longTasks).join(', ')} with, ${off.map(r => r.longTasks).join(', ')} without`,
    );
  }
}

if (!DYNAMIC_ONLY) {
  console.log(
    '\nunmarked copies: the page scan with the copy check against without it (same run, interleaved)',
  );
  await copyCost('news report', ext.serve(NEWS), false, readFileSync(join(REPO, NEWS), 'utf8'));
  await copyCost(
    `long page (${long.words.toLocaleString('en')} words, ${long.quotes} quotes)`,
    ext.serve(long.html),
    true,
    long.html,
  );
}

if (COPIES_ONLY) {
  await ext.close();
  process.exit(0);
}

// Pages that change, and the biggest page, beside the same pages without Verbatim.
const plain = await launchPlain();
const cost = (m: MainThread) =>
  `${ms(m.withVerbatim)} with Verbatim (${((100 * m.withVerbatim) / m.window).toFixed(1)} % CPU), ` +
  `${ms(m.without)} without (${((100 * m.without) / m.window).toFixed(1)} %): ` +
  `Verbatim's ${ms(m.withVerbatim - m.without)}, ×${(m.withVerbatim / m.without).toFixed(2)} the page's own`;
const CLOCK_WINDOW_MS = 20_000;
console.log(
  `\nlive article with a 1 Hz clock inside <article> (main-thread time over ${CLOCK_WINDOW_MS / 1000} s, after it settled):`,
);
console.log(`  ${cost(await clockCost(ext, plain, ext.serve(clockPage()), CLOCK_WINDOW_MS))}`);

const huge = longPage(3_000, 64);
const hugeUrl = ext.serve(huge.html);
console.log(
  `\nhuge page (${huge.words.toLocaleString('en')} words, ${huge.quotes.toLocaleString('en')} quotes):`,
);
const hugeRuns = [];
// One warm-up load, as for the other pages.
await loadOnce(ext, hugeUrl, false);
for (let i = 0; i < Math.min(RUNS, 3); i++) hugeRuns.push(await loadOnce(ext, hugeUrl, true));
console.log(`  ${hugeRuns[0]!.marked} quotes marked`);
console.log(`  navigation start → all marked: ${range(hugeRuns.map(r => r.fromNavigation))}`);
console.log(
  `  main thread while Verbatim works: longest task ${range(hugeRuns.map(r => r.longestTask ?? NaN))}; ` +
    `tasks over 50 ms per load: ${hugeRuns.map(r => r.longTasks).join(', ')}`,
);
console.log(
  `  of those, tasks running Verbatim's code: longest ${range(hugeRuns.map(r => r.longestOurs ?? NaN))}; ` +
    `over 50 ms per load: ${hugeRuns.map(r => r.longOurs).join(', ')}`,
);
console.log(
  `  main-thread time from navigation to marked + 1 s: ${cost(await loadCost(ext, plain, hugeUrl))}`,
);

const frames = (f: Frames) =>
  `${f.frames} frames, worst gap ${ms(f.worst)}, p95 ${ms(f.p95)}, ${f.over50} gaps over 50 ms`;
for (let i = 0; i < Math.min(RUNS, 3); i++) {
  const scroll = await scrollWhileMarking(ext, plain, hugeUrl);
  console.log(
    `  scrolling 40 px a frame from navigation to marked + 1 s (${ms(scroll.window)}): ` +
      `with Verbatim ${frames(scroll.withVerbatim)}; without ${frames(scroll.without)}`,
  );
}

const latencies = await tickerLatency(ext, ext.serve(tickerPage()), 7);
console.log(
  `\nquote added under a 50 ms ticker → marked (${latencies.length} quotes): ${range(latencies)}`,
);
await plain.close();
await ext.close();
