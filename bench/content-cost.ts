/**
 * What Verbatim's content script costs a page where there is nothing to do.
 *
 *   npx tsx bench/content-cost.ts [--runs N] [--no-build]
 *
 * Builds the extension (unless `--no-build`) and prints:
 * - the gzip size of what every page loads (the first stage, `quotes-look.js`) and of what a
 *   page with a possible quotation loads on top (`quotes.js`: finder, matching, popover, Preact);
 * - on a generated 20,000-word article without a quotation mark: the content script's look
 *   at the page (its `getActivity` times: scan start → up to date) against a bare `TreeWalker`
 *   pass reading every text node in the page itself, and the same article with one quotation
 *   at its end (the second stage loads and scans it all), with the unmarked-copy check on and
 *   off (what the check would cost a quote-free page if it ran there);
 * - main-thread time per load of the quote-free article in Chromium with Verbatim against the
 *   same page in Chromium without it (DevTools trace: every task of the page's renderer main
 *   thread from navigation start to 1.5 s later), and the content scripts' own evaluation time.
 * Medians over the runs, after a warm-up load.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'wxt';

import { article } from './content-cost-page';
import { launchExtension, REPO, waitForVerbatim, type Extension } from '../tests/e2e/fixtures';

const RUNS = (() => {
  const i = process.argv.indexOf('--runs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 7;
  if (!Number.isInteger(n) || n < 1) throw new Error('--runs needs a whole number');
  return n;
})();
const WINDOW_MS = 1_500;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { documentLoaderURL?: string; url?: string } };
}

/** Main-thread task time (ms) of `url`'s renderer within `WINDOW_MS` of navigation start. */
async function traceLoad(page: Page, url: string, after: (page: Page) => Promise<unknown>) {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  await cdp.send('Tracing.start', {
    categories:
      'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,v8.execute',
    transferMode: 'ReportEvents',
  });
  await page.goto(url);
  await after(page);
  await page.waitForTimeout(WINDOW_MS);
  const done = new Promise<void>(resolve => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  const start = events
    .filter(e => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url)
    .at(-1);
  if (!start) throw new Error('no navigationStart in the trace');
  const onThread = (e: TraceEvent) =>
    e.pid === start.pid &&
    e.tid === start.tid &&
    e.ph === 'X' &&
    e.ts >= start.ts &&
    e.ts <= start.ts + WINDOW_MS * 1000;
  const tasks = events.filter(e => e.name === 'RunTask' && onThread(e));
  const scripts = events.filter(
    e =>
      e.name === 'EvaluateScript' &&
      onThread(e) &&
      (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
  );
  const sum = (xs: TraceEvent[]) => xs.reduce((t, e) => t + (e.dur ?? 0), 0) / 1000;
  return { mainThread: sum(tasks), scripts: sum(scripts) };
}

/** A bare pass over the page's text nodes (source: it is evaluated in a world of its own). */
const BARE_PASS = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.data.length;
  const t = performance.now() - t0;
  if (chars === 0) throw new Error('no text');
  return t;
})()`;

/**
 * The floor for any content script's look at a page's text: a bare TreeWalker pass on a fresh
 * load of the page (in the browser without extensions), run in an isolated world of its own as
 * a content script runs (wrapping each node for another world is part of what a content script
 * pays; a second pass over nodes already touched takes a fraction of the first's time). Also
 * the same pass in the page's own world, for reference.
 */
async function treeWalkerPass(page: Page): Promise<{ isolated: number; main: number }> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'bare pass',
  });
  const reply = await cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    expression: BARE_PASS,
    returnByValue: true,
  });
  await cdp.detach();
  if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.text);
  // The page's world: a second pass, over nodes the first touched.
  const main = (await page.evaluate(BARE_PASS)) as number;
  return { isolated: reply.result.value as number, main };
}

async function look(ext: Extension, url: string) {
  const looks: number[] = [];
  const walks: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await ext.context.newPage();
    await page.goto(url);
    const activity = await waitForVerbatim(page);
    await page.close();
    const bare = await plain.newPage();
    await bare.goto(url);
    await bare.waitForLoadState('load');
    const walk = await treeWalkerPass(bare);
    await bare.close();
    if (i > 0) {
      looks.push((activity.firstIdleAt ?? NaN) - (activity.firstScanAt ?? NaN));
      walks.push(walk.isolated);
      warm.push(walk.main);
    }
  }
  return { look: median(looks), walk: median(walks), warm: median(warm) };
}

if (!process.argv.includes('--no-build')) {
  console.log('Building the extension…');
  await build({ root: REPO, logLevel: 'warn' } as Parameters<typeof build>[0]);
}
const out = join(REPO, '.output/chrome-mv3/content-scripts');
const gz = (name: string) => gzipSync(readFileSync(join(out, name)), { level: 9 }).length;
const raw = (name: string) => readFileSync(join(out, name)).length;
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
console.log(
  `content script loaded on every page (quotes-look.js): ${kb(gz('quotes-look.js'))} gzip (${kb(raw('quotes-look.js'))})`,
);
console.log(
  `  loaded on top where a quotation may be (quotes.js): ${kb(gz('quotes.js'))} gzip (${kb(raw('quotes.js'))})`,
);

const ext = await launchExtension();
// The same browser in the same mode: without any extension, and with an extension whose
// content script does nothing (the floor of any content script: its isolated world's set-up).
const profiles: string[] = [];
async function chromiumWith(extensionDir?: string): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'verbatim-bench-'));
  profiles.push(profile);
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(extensionDir
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
const emptyDir = await mkdtemp(join(tmpdir(), 'verbatim-bench-empty-'));
profiles.push(emptyDir);
await writeFile(
  join(emptyDir, 'manifest.json'),
  JSON.stringify({
    manifest_version: 3,
    name: 'Empty content script',
    version: '1.0',
    content_scripts: [{ matches: ['http://*/*'], js: ['empty.js'], run_at: 'document_idle' }],
  }),
);
await writeFile(join(emptyDir, 'empty.js'), 'void 0;\n');
const plain = await chromiumWith();
const empty = await chromiumWith(emptyDir);
try {
  const none = ext.serve(article(20_000, false));
  const one = ext.serve(article(20_000, true));
  console.log(
    `\n20,000-word article, no quotation mark (Chromium ${ext.context.browser()?.version() ?? ''}, ${RUNS} runs after a warm-up):`,
  );
  const a = await look(ext, none);
  console.log(
    `  Verbatim's look at the page: ${ms(a.look)}; bare TreeWalker pass over its text on a fresh load, in an isolated world: ${ms(a.walk)} (${(a.look / a.walk).toFixed(1)}×; a second pass in the page's world: ${ms(a.warm)})`,
  );
  const b = await look(ext, one);
  console.log(
    `  the same article ending with one quotation (second stage loaded, whole page scanned and matched): ${ms(b.look)} (${(b.look / b.walk).toFixed(0)}× the TreeWalker pass)`,
  );
  // (copies) What the unmarked-copy check adds there: what it would cost every quote-free
  // page if it ran on pages whose first look found no quotation mark.
  await ext.callBackground('updateSettings', { markCopies: false });
  const c = await look(ext, one);
  await ext.callBackground('updateSettings', { markCopies: true });
  console.log(
    `  of which the unmarked-copy check of its ${article(20_000, true).split('<p>').length - 1} paragraphs: ${ms(b.look - c.look)} (${ms(c.look)} with the check off)`,
  );

  const runs: Record<
    'verbatim' | 'empty' | 'none',
    Array<{ mainThread: number; scripts: number }>
  > = { verbatim: [], empty: [], none: [] };
  for (let i = 0; i <= RUNS; i++) {
    for (const [key, context] of [
      ['verbatim', ext.context],
      ['empty', empty],
      ['none', plain],
    ] as const) {
      const page = await context.newPage();
      const run = await traceLoad(page, none, p =>
        key === 'verbatim' ? waitForVerbatim(p) : p.waitForLoadState('load'),
      );
      await page.close();
      if (i > 0) runs[key].push(run);
    }
  }
  const main = (key: keyof typeof runs) => median(runs[key].map(r => r.mainThread));
  const evaluated = (key: keyof typeof runs) => median(runs[key].map(r => r.scripts));
  console.log(
    `  main thread per load (every task from navigation start to ${WINDOW_MS} ms later): ` +
      `${ms(main('verbatim'))} with Verbatim, ${ms(main('none'))} without an extension, ` +
      `${ms(main('empty'))} with an empty content script`,
  );
  console.log(
    `  content script evaluation (its isolated world's set-up, then the look): ${ms(evaluated('verbatim'))} ` +
      `for Verbatim, ${ms(evaluated('empty'))} for an empty content script`,
  );
} finally {
  await plain.close();
  await empty.close();
  for (const dir of profiles) await rm(dir, { recursive: true, force: true });
  await ext.close();
}
