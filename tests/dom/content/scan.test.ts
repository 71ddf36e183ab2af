// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import { scanInSlices, type SliceScheduler } from '../../../lib/content/scan';
import { findQuotesInDom } from '../../../lib/dom/find-quotes';

function load(body: string) {
  document.open();
  document.write(`<!doctype html><html><body>${body}</body></html>`);
  document.close();
}

/** A clock that moves 1 ms per reading, and a scheduler that counts its deferrals. */
function fakeScheduler() {
  let t = 0;
  const scheduler: SliceScheduler & { deferred: number } = {
    deferred: 0,
    defer: fn => {
      scheduler.deferred++;
      setTimeout(fn, 0);
    },
    now: () => t++,
  };
  return scheduler;
}

const PAGE = Array.from(
  { length: 200 },
  (_, i) => `<p>Paragraph ${i}: “Quote number ${i} has words,” a speaker said.</p>`,
).join('');

describe('scanInSlices', () => {
  it('finds what a single scan finds, giving the main thread back between slices', async () => {
    load(PAGE);
    const scheduler = fakeScheduler();
    const found = await scanInSlices([document.body], {}, scheduler);
    expect(found.map(q => q.text)).toEqual(findQuotesInDom(document.body).map(q => q.text));
    expect(found).toHaveLength(200);
    expect(scheduler.deferred).toBeGreaterThan(5);
  });

  it('scans several roots in order and skips detached ones', async () => {
    load(
      '<div id="a"><p>“First quote with words here,” A said.</p></div><div id="b"><p>“Second quote with words here,” B said.</p></div>',
    );
    const detached = document.createElement('div');
    const found = await scanInSlices(
      [document.getElementById('b')!, detached, document.getElementById('a')!],
      {},
      fakeScheduler(),
    );
    expect(found.map(q => q.text)).toEqual([
      'Second quote with words here',
      'First quote with words here',
    ]);
  });

  it('stops when aborted', async () => {
    load(PAGE);
    const abort = new AbortController();
    abort.abort();
    expect(await scanInSlices([document.body], {}, fakeScheduler(), abort.signal)).toEqual([]);
  });
});
