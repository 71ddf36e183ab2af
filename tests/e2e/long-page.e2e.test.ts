/**
 * A long page (≥ 50,000 words, ≥ 300 quotes, generated from the corpus at test
 * time): every quote is marked and reachable by keyboard. How long Verbatim's tasks on the
 * main thread are is a figure of `npm run bench` (`bench/browser-bench.ts`), not an
 * assertion here: a timing depends on the machine's load, and the test logs it only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Extension, highlightCount, launchExtension, waitForVerbatim } from './fixtures';
import { VerbatimUi } from './verbatim-ui';
import { longPage } from './long-page';

let ext: Extension;
let page: Page;

beforeAll(async () => {
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
});

interface Timings {
  start: number;
  scan: number;
  idle: number;
  longTasks: Array<{ start: number; duration: number }>;
  marked: number;
  proxies: number;
}

describe('a long page', () => {
  it('is marked in full, every mark with its keyboard stand-in', async () => {
    const generated = longPage();
    expect(generated.words).toBeGreaterThanOrEqual(50_000);
    expect(generated.quotes).toBeGreaterThanOrEqual(300);

    page = await ext.context.newPage();
    // Record every long task from the start of the page.
    await page.addInitScript(() => {
      const tasks: Array<{ start: number; duration: number }> = [];
      (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(ext.serve(generated.html));
    const activity = await waitForVerbatim(page);
    // Long tasks are reported after they end: let the last frames settle.
    await page.evaluate(
      () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    // (No inner functions in evaluated code: the TypeScript transform may wrap them.)
    const t: Timings = await page.evaluate(
      activity => ({
        start: activity.startedAt,
        scan: activity.firstScanAt ?? -1,
        idle: activity.firstIdleAt ?? -1,
        longTasks: (window as unknown as { longTasks: Timings['longTasks'] }).longTasks,
        marked: 0,
        proxies: 0,
      }),
      activity,
    );
    t.marked = await highlightCount(page);
    t.proxies = await VerbatimUi.of(page).locator('button.vb-proxy').count();

    // Every quote with a source is marked (the matcher finds 357 of the 360 quotes).
    expect(t.marked).toBeGreaterThanOrEqual(300);
    expect(t.proxies).toBe(t.marked);
    const stats = await ext.pageStats(page);
    expect(stats).toMatchObject({ ok: true, value: { found: generated.quotes } });

    // Long tasks while Verbatim worked: from the start of its scan (it waits for the page's
    // first frame, whose layout is the page's own work) to the page being marked, plus the
    // frames that paint the marks.
    const ours = t.longTasks.filter(task => task.start + task.duration > t.scan);
    const max = Math.max(0, ...ours.map(task => task.duration));
    console.log(
      `long page: ${generated.words} words, ${generated.quotes} quotes, ${t.marked} marked ` +
        `${(t.idle - t.start).toFixed(0)} ms after the content script started ` +
        `(scan started after ${(t.scan - t.start).toFixed(0)} ms); long tasks while Verbatim ` +
        `worked: ${ours.length}${ours.length ? ` (max ${max.toFixed(0)} ms)` : ''}; ` +
        `the page's own before that: ${t.longTasks.length - ours.length}` +
        ` (max ${Math.max(0, ...t.longTasks.filter(x => !ours.includes(x)).map(x => x.duration)).toFixed(0)} ms)`,
    );
  });
});
