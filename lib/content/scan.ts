/**
 * Scanning a page for quotes without blocking it: `scanQuotesInDom` in
 * slices of a few milliseconds, giving the main thread back in between, so
 * scrolling and typing stay smooth on long pages.
 */
import { type DomQuote, type FindOptions, scanQuotesInDom } from '../dom/find-quotes';
import { nextTask } from '../platform/next-task';

/** Work per slice (ms) before the scan gives the main thread back. */
export const SLICE_MS = 4;
/** Blocks (paragraphs) per step of the scanner: small, so a slice ends close to `SLICE_MS`. */
const BLOCKS_PER_STEP = 8;

/**
 * How a slice scan waits and measures time. In a content script: `nextTask` (not a timer:
 * nested `setTimeout`s wait 4 ms each) and `performance.now`.
 */
export interface SliceScheduler {
  /** Run `fn` later, as a new task. */
  defer(fn: () => void): void;
  now(): number;
}

/** `nextTask` and `performance.now()`. */
export const DEFAULT_SCHEDULER: SliceScheduler = {
  defer: fn => void nextTask().then(fn),
  now: () => performance.now(),
};

/** A part of the page to scan: a subtree, or (`shallow`) one block's own text. */
export interface ScanRegion {
  root: Element;
  shallow?: boolean;
}

/**
 * Scan the given roots for quotes, one after the other, in slices of about `SLICE_MS`.
 * Resolves with every quote found (in root order), or with what was found so far
 * if `signal` aborts. A root no longer in the document is skipped.
 *
 * @param scheduler - Test seam: how to wait between slices and read the clock.
 */
export function scanInSlices(
  roots: readonly (Element | ScanRegion)[],
  options: FindOptions = {},
  scheduler: SliceScheduler = DEFAULT_SCHEDULER,
  signal?: AbortSignal,
): Promise<DomQuote[]> {
  const found: DomQuote[] = [];
  const pending = roots.map(r => ('root' in r ? r : { root: r }));
  let chunks: Generator<DomQuote[], void, undefined> | undefined;
  return new Promise((resolve, reject) => {
    const step = () => {
      try {
        const until = scheduler.now() + SLICE_MS;
        for (;;) {
          if (signal?.aborted) return resolve(found);
          if (!chunks) {
            const region = pending.shift();
            if (!region) return resolve(found);
            if (!region.root.isConnected) continue;
            chunks = scanQuotesInDom(region.root, {
              chunkSize: BLOCKS_PER_STEP,
              ...options,
              shallow: !!region.shallow,
            });
          }
          const next = chunks.next();
          if (next.done) chunks = undefined;
          else for (const q of next.value) found.push(q);
          if (scheduler.now() >= until) return scheduler.defer(step);
        }
      } catch (e) {
        reject(e);
      }
    };
    step();
  });
}
