/**
 * End-to-end harness: the built extension (`.output/chrome-mv3`, made by
 * `npm run test:e2e` before the tests run) loaded into Debian's Chromium
 * (`/usr/bin/chromium`, or `$CHROMIUM`), plus a static HTTP server on
 * 127.0.0.1 for fixture pages. Reusable by every e2e test file:
 *
 * ```ts
 * const ext = await launchExtension();
 * const page = await ext.context.newPage();
 * await page.goto(ext.serve('tests/fixtures/pages/news-report-2022-01-08.html'));
 * await waitForVerbatim(page);
 * const popup = await ext.context.newPage();
 * await popup.goto(ext.extensionUrl('popup.html'));
 * ...
 * await ext.close();
 * ```
 *
 * - `serve(pathOrHtml)`: a file path relative to the repository (served with its
 *   directory, so relative links and images resolve) or an HTML string (served under
 *   a fresh name); returns the page's URL.
 * - `callBackground(type, ...args)`: a `BackgroundCalls` call made from an extension
 *   page, as the popup and options page make them (e.g. `updateSettings`).
 * - `pageStats(page)`: the content script's `getPageStats` answer for a tab.
 * - `waitForVerbatim(page)` / `verbatimActivity(page)`: when the content script is done
 *   with a page, asked through the service worker (`getActivity`), never through anything
 *   the page can see.
 * - `requests`: every request the browser made (pages, subresources, the extension's
 *   pages and service worker), for asserting that Verbatim goes nowhere.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

import { UNDERLINE_ROOM } from '../../lib/content/highlighter';
import type {
  BackgroundCalls,
  CallArgs,
  CallResult,
  ContentCalls,
} from '../../lib/messaging/protocol';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The unpacked extension under test. */
export const EXTENSION_DIR = resolve(
  process.env.VERBATIM_EXTENSION_DIR ?? join(REPO, '.output/chrome-mv3'),
);
/** Screenshots and other things the tests leave behind (gitignored). */
export const ARTIFACTS_DIR = join(REPO, 'tests/e2e/artifacts');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** `prefers-color-scheme` of every page. Default light. */
  colorScheme?: 'light' | 'dark';
  /** Viewport of new pages. Default 1280×800. */
  viewport?: { width: number; height: number };
  /** Run headed (needs a display). */
  headed?: boolean;
}

export interface Extension {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker. */
  worker: Worker;
  /** The fixture server's origin: `http://127.0.0.1:<port>`. */
  origin: string;
  /** Serve a file (path relative to the repository) or an HTML string; returns its URL. */
  serve(pathOrHtml: string): string;
  /** `chrome-extension://<id>/<path>`. */
  extensionUrl(path: string): string;
  /** Make a background call from an extension page. */
  callBackground<K extends keyof BackgroundCalls & string>(
    type: K,
    ...args: CallArgs<BackgroundCalls, K>
  ): Promise<CallResult<BackgroundCalls, K>>;
  /** The content script's `getPageStats` for the page (brought to the front to find its tab). */
  pageStats(page: Page): Promise<CallResult<ContentCalls, 'getPageStats'>>;
  /** Every request URL seen so far (pages, extension pages and the service worker). */
  requests: string[];
  /** Of those, the ones the extension's service worker made. */
  workerRequests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content script's `getActivity` answer. */
export type Activity = Extract<CallResult<ContentCalls, 'getActivity'>, { ok: true }>['value'];

/** The service worker of each launched extension's context (for `verbatimActivity`). */
const WORKERS = new WeakMap<BrowserContext, Worker>();
/** The tab each page was last found in (tab ids survive navigation). */
const TAB_IDS = new WeakMap<Page, number>();

/**
 * What Verbatim's content script has done in `page` (the top frame), or null while it has
 * not started there. Asked through the service worker with `tabs.sendMessage`, like the
 * popup asks: the tab is the one whose content script runs at `page.url()`.
 */
export async function verbatimActivity(page: Page): Promise<Activity | null> {
  const worker = WORKERS.get(page.context());
  if (!worker) throw new Error('the page is not in a context made by launchExtension');
  const url = page.url();
  const found = await worker.evaluate(
    async ({ url, cached }) => {
      const chrome = (
        globalThis as unknown as {
          chrome: {
            tabs: {
              query(q: object): Promise<Array<{ id?: number; active?: boolean }>>;
              sendMessage(id: number, m: unknown, o: { frameId: number }): Promise<unknown>;
            };
          };
        }
      ).chrome;
      const message = { verbatim: 1, type: 'getActivity', args: [] };
      const ids =
        cached === undefined
          ? (await chrome.tabs.query({})).flatMap(tab => (tab.id === undefined ? [] : [tab.id]))
          : [cached];
      const replies = await Promise.all(
        ids.map(id =>
          chrome.tabs
            .sendMessage(id, message, { frameId: 0 })
            .then(reply => ({ id, reply: reply as { ok?: boolean; value?: { url?: string } } }))
            .catch(() => ({ id, reply: undefined })),
        ),
      );
      const hits = replies.filter(r => r.reply?.ok && r.reply.value?.url === url);
      return hits.map(hit => ({ id: hit.id, value: hit.reply!.value }));
    },
    { url, cached: TAB_IDS.get(page) },
  );
  if (found.length === 0 && TAB_IDS.has(page)) {
    // The page may have moved to another tab's id (it cannot, but be safe): look again.
    TAB_IDS.delete(page);
    return verbatimActivity(page);
  }
  if (found.length > 1) {
    // Several tabs show the same address: tell them apart by which one is in front.
    await page.bringToFront();
    const active = await worker.evaluate(async () => {
      const chrome = (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } };
        }
      ).chrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id;
    });
    const hit = found.find(f => f.id === active);
    if (!hit) return null;
    TAB_IDS.set(page, hit.id);
    return hit.value as Activity;
  }
  const [hit] = found;
  if (!hit) return null;
  TAB_IDS.set(page, hit.id);
  return hit.value as Activity;
}

/** The content script's `inspectUi` answer: what its closed UI root holds. */
export type UiState = Extract<CallResult<ContentCalls, 'inspectUi'>, { ok: true }>['value'];
/** One mark as drawn (`Highlighter.snapshot`). */
export type DrawnMark = UiState['marks'][number];

/**
 * What Verbatim's UI in the page's top frame holds, marks included, from the content script
 * (`inspectUi`, through the service worker): the marks are drawn inside a closed shadow root
 * that page script cannot read.
 */
export async function uiState(page: Page, frameUrl?: string): Promise<UiState> {
  if (!(await verbatimActivity(page))) throw new Error('Verbatim is not running in the page');
  const worker = WORKERS.get(page.context())!;
  const reply = await worker.evaluate(
    async ({ id, frameUrl }) => {
      const chrome = (
        globalThis as unknown as {
          chrome: {
            tabs: { sendMessage(id: number, m: unknown, o: { frameId: number }): Promise<unknown> };
            scripting: {
              executeScript(o: {
                target: { tabId: number; allFrames: boolean };
                func: () => string;
              }): Promise<Array<{ frameId: number; result?: string }>>;
            };
          };
        }
      ).chrome;
      let frameId = 0;
      if (frameUrl) {
        // A frame's id, found by its address (the harness has no other way to name it).
        const frames = await chrome.scripting.executeScript({
          target: { tabId: id, allFrames: true },
          func: () => location.href,
        });
        const frame = frames.find(f => f.result === frameUrl);
        if (!frame) return { ok: false };
        frameId = frame.frameId;
      }
      return chrome.tabs.sendMessage(id, { verbatim: 1, type: 'inspectUi', args: [] }, { frameId });
    },
    { id: TAB_IDS.get(page)!, frameUrl },
  );
  const answer = reply as { ok: boolean; value?: UiState };
  if (!answer.ok || !answer.value) throw new Error('inspectUi failed');
  return answer.value;
}

/**
 * The marks drawn in the page's top frame (or the frame at `frameUrl`), in reading order ([]
 * when Verbatim is not running there): the quotes' and copies', not the unpainted boxes of
 * paragraphs checked for copies (`paragraphBoxes`).
 */
export async function pageMarks(page: Page, frameUrl?: string): Promise<DrawnMark[]> {
  try {
    return (await uiState(page, frameUrl)).marks.filter(m => !m.paragraph);
  } catch {
    return [];
  }
}

/** (copies) The unpainted boxes of the paragraphs checked for unmarked copies, in reading order. */
export async function paragraphBoxes(page: Page): Promise<DrawnMark[]> {
  try {
    return (await uiState(page)).marks.filter(m => m.paragraph);
  } catch {
    return [];
  }
}

/** Start the fixture server and Chromium with the extension loaded. */
export async function launchExtension(options: LaunchOptions = {}): Promise<Extension> {
  const inline = new Map<string, string>();
  let served = 0;
  const server = createServer((req, res) => {
    void respond(req.url ?? '/', inline).then(
      ({ status, type, body }) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const profile = await mkdtemp(join(tmpdir(), 'verbatim-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: !options.headed,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  const workerRequests: string[] = [];
  context.on('request', request => {
    requests.push(request.url());
    if (request.serviceWorker()) workerRequests.push(request.url());
  });

  const worker =
    context.serviceWorkers().find(w => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', {
      predicate: w => w.url().startsWith('chrome-extension://'),
      timeout: 30_000,
    }));
  WORKERS.set(context, worker);
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) =>
    `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  // An extension page to make calls from (as the popup would); opened on first use.
  let helper: Page | undefined;
  const helperPage = async () => {
    if (!helper || helper.isClosed()) {
      helper = await context.newPage();
      await helper.goto(extensionUrl('manifest.json'));
    }
    return helper;
  };

  return {
    context,
    extensionId,
    worker,
    origin,
    requests,
    workerRequests,
    serve(pathOrHtml) {
      if (pathOrHtml.trimStart().startsWith('<')) {
        const name = `/inline/page-${++served}.html`;
        inline.set(name, pathOrHtml);
        return origin + name;
      }
      return `${origin}/${pathOrHtml.replace(/^\//, '')}`;
    },
    extensionUrl,
    async callBackground(type, ...args) {
      const page = await helperPage();
      return page.evaluate(
        ({ type, args }) =>
          (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(m: unknown): Promise<never> } };
            }
          ).chrome.runtime.sendMessage({ verbatim: 1, type, args }),
        { type, args: args as unknown[] },
      );
    },
    async pageStats(page) {
      await page.bringToFront();
      return worker.evaluate(async () => {
        const chrome = (
          globalThis as unknown as {
            chrome: {
              tabs: {
                query(q: object): Promise<Array<{ id?: number }>>;
                sendMessage(id: number, m: unknown, o: { frameId: number }): Promise<never>;
              };
            };
          }
        ).chrome;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        if (tab?.id === undefined) return { ok: false as const, error: 'no active tab' };
        // The top frame, as the popup asks (frames run content scripts of their own).
        const message = { verbatim: 1, type: 'getPageStats', args: [] };
        return chrome.tabs.sendMessage(tab.id, message, { frameId: 0 });
      });
    },
    async close() {
      await context.close().catch(() => undefined);
      await new Promise(done => server.close(done));
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

export async function respond(
  url: string,
  inline: Map<string, string>,
): Promise<{ status: number; type: string; body: string | Buffer }> {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const page = inline.get(path);
  if (page !== undefined) return { status: 200, type: TYPES['.html']!, body: page };
  // Files under tests/ only.
  const file = normalize(join(REPO, path));
  if (!file.startsWith(join(REPO, 'tests') + sep)) return notFound();
  try {
    return {
      status: 200,
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      body: await readFile(file),
    };
  } catch {
    return notFound();
  }
}

function notFound() {
  return { status: 404, type: 'text/plain', body: 'not found' };
}

/**
 * Wait until Verbatim has finished with the page: the first scan, match and marks, or the
 * decision that the site is paused (asked through the service worker: `verbatimActivity`).
 * @param times - Wait for this many updates (a later update after the first).
 * @returns The content script's activity at that point.
 */
export async function waitForVerbatim(page: Page, times = 1, timeout = 30_000): Promise<Activity> {
  let last: Activity | null = null;
  try {
    await waitUntil(async () => {
      last = await verbatimActivity(page);
      return (last?.idles ?? 0) >= times;
    }, timeout);
  } catch {
    throw new Error(
      `Verbatim did not finish with ${page.url()} within ${timeout} ms ` +
        `(${last ? `${(last as Activity).idles} of ${times} updates` : 'no content script answered'})`,
    );
  }
  return last!;
}

/**
 * Poll `check` until it returns true (every 50 ms, at most `timeout` ms). Functions run in
 * the page must not declare inner functions: the TypeScript transform may wrap them in a
 * helper that does not exist there.
 */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/**
 * Quotes marked as matched on the page (0 when there are none): their ranges, each drawn
 * with at least one box. Faint marks of quotes checked without a source are not counted.
 */
export async function highlightCount(page: Page): Promise<number> {
  return (await pageMarks(page)).filter(m => m.matched && m.boxes.length > 0).length;
}

/** The matched quotes' texts and a point on each (the middle of its first line), in page order. */
export async function markedQuotes(
  page: Page,
): Promise<Array<{ text: string; x: number; y: number }>> {
  return (await pageMarks(page))
    .filter(m => m.matched)
    .map(m => {
      const box = m.boxes[0];
      return {
        text: m.text.replace(/\s+/g, ' ').trim(),
        x: box ? box.x + Math.min(box.width / 2, 40) : -1,
        y: box ? box.y + (box.height - UNDERLINE_ROOM) / 2 : -1,
      };
    });
}

/**
 * (copies) The unmarked copies marked on the page (the `copy` kind's boxes), with a point on
 * each (the middle of its first line's start), in page order; [] when none.
 */
export async function markedCopies(
  page: Page,
): Promise<Array<{ text: string; x: number; y: number }>> {
  return (await pageMarks(page))
    .filter(m => m.kind === 'copy')
    .map(m => {
      const box = m.boxes[0];
      return {
        text: m.text.replace(/\s+/g, ' ').trim(),
        x: box ? box.x + Math.min(box.width / 2, 40) : -1,
        y: box ? box.y + (box.height - UNDERLINE_ROOM) / 2 : -1,
      };
    });
}
