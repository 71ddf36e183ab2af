/**
 * End-to-end harness for Firefox: the built extension (`.output/firefox-mv3`, made by
 * `npm run test:e2e:firefox` before the tests run) installed as a temporary add-on in
 * Debian's Firefox ESR (`/usr/bin/firefox-esr`, or `$FIREFOX`), driven by `puppeteer-core`
 * over WebDriver BiDi (Playwright needs its own patched Firefox). Fixture pages come from
 * the Chromium harness's loopback server code (`respond` in tests/e2e/fixtures.ts).
 *
 * ```ts
 * const fx = await launchFirefox();
 * const page = await fx.newPage();
 * await page.goto(fx.serve('tests/fixtures/pages/news-report-2022-01-08.html'));
 * await fx.waitForVerbatim(page);
 * const popup = await fx.openExtensionPage(`popup.html?tab=${await fx.tabIdOf(page)}`);
 * ...
 * await fx.close();
 * ```
 *
 * What a test can rely on (measured on Firefox ESR 153):
 * - `-remote-allow-system-access` is needed for BiDi to navigate to `moz-extension://` pages;
 *   `page.goto()` to one may never report the load, so `openExtensionPage` navigates
 *   without waiting and polls the page's address and `readyState`.
 * - The extension's address is fixed by the pref `extensions.webextensions.uuids`.
 * - `devtools.console.stdout.content` prints every console message (the extension's
 *   included) on Firefox's stdout, with script errors and warnings: `extensionConsole`.
 * - `extensions.background.idle.timeout` is the event page's idle time (`idleTimeoutMs`).
 * - `layout.css.prefers-color-scheme.content-override` 0 = dark, 1 = light.
 * - With `keepStorageOnUninstall` the add-on's IndexedDB outlives the browser, so a second
 *   launch on the same profile (`profileDir`) sees what the first one wrote.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import puppeteer, { type Browser, type Page } from 'puppeteer-core';

import type {
  BackgroundCalls,
  CallArgs,
  CallResult,
  ContentCalls,
} from '../../lib/messaging/protocol';
import { REPO, respond, waitUntil } from '../e2e/fixtures';

export { ARTIFACTS_DIR, REPO, waitUntil } from '../e2e/fixtures';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/** The unpacked Firefox build under test. */
export const FIREFOX_EXTENSION_DIR = resolve(
  process.env.VERBATIM_FIREFOX_EXTENSION_DIR ?? join(REPO, '.output/firefox-mv3'),
);
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'verbatim@verbatim-extension.invalid';
/** The fixed internal UUID the tests give the add-on (its `moz-extension://` host). */
export const EXTENSION_UUID = '5e1f0c1a-7b3d-4c2e-9a55-0d6c3f1e2b7a';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface FirefoxOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** The event page's idle timeout (ms); Firefox's default is 30 s. */
  idleTimeoutMs?: number;
  /** A profile directory to use (and keep); by default a fresh one, removed on close. */
  profileDir?: string;
}

export interface Firefox {
  browser: Browser;
  /** The fixture server's origin: `http://127.0.0.1:<port>`. */
  origin: string;
  profileDir: string;
  /** Serve a file (path relative to the repository) or an HTML string; returns its URL. */
  serve(pathOrHtml: string): string;
  /** `moz-extension://<uuid>/<path>`. */
  extensionUrl(path: string): string;
  /** A new tab with the test viewport. */
  newPage(): Promise<Page>;
  /** A new tab showing one of the extension's pages, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Make a background call from an extension page, as the popup and options page do. */
  callBackground<K extends keyof BackgroundCalls & string>(
    type: K,
    ...args: CallArgs<BackgroundCalls, K>
  ): Promise<CallResult<BackgroundCalls, K>>;
  /** Make a content-script call to the tab showing `page`, as the popup does. */
  callContent<K extends keyof ContentCalls & string>(
    page: Page,
    type: K,
    ...args: CallArgs<ContentCalls, K>
  ): Promise<CallResult<ContentCalls, K>>;
  /** The extension's tab id for `page` (found by its address), or for the tab showing `url`. */
  tabIdOf(page: Page | string): Promise<number>;
  /** Wait until the content script has finished with `page` (first scan, match, marks). */
  waitForVerbatim(page: Page): Promise<void>;
  /**
   * Serve `html` as a page that never finishes loading (its response stays open until
   * `close`): a tab whose content script has not started yet.
   */
  serveLoading(html: string): string;
  /** Set a Firefox preference while it runs (from the browser's own window, over BiDi). */
  setPref(name: string, value: number | boolean | string): Promise<void>;
  /** `prefers-color-scheme` of every page from now on. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /**
   * When the extension's event page started (its `performance.timeOrigin`), or null while it
   * is not running; asked without waking it.
   */
  backgroundStartedAt(): Promise<number | null>;
  /**
   * Reload the extension (`runtime.reload()`, as about:debugging's Reload): its pages close,
   * its event page starts again; resolves once the background answers.
   */
  reloadExtension(): Promise<void>;
  /**
   * The background's cached index as the extension's storage holds it: its database row
   * (at most one) and, when the row names a snapshot file, that file's size in the origin
   * private file system (null if the file is missing). Null when nothing is cached.
   */
  cachedIndex(): Promise<{
    file: string | null;
    fileBytes: number | null;
    bytes: number | null;
  } | null>;
  /** Every line Firefox printed that comes from the extension (console and script errors). */
  extensionConsole(): string[];
  /** Of those, the errors and warnings. */
  extensionProblems(): string[];
  close(): Promise<void>;
}

/** Start the fixture server and Firefox ESR with the extension installed. */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<Firefox> {
  const inline = new Map<string, string>();
  const loading = new Map<string, string>();
  const open = new Set<import('node:http').ServerResponse>();
  let served = 0;
  const server = createServer((req, res) => {
    const stalled = loading.get(req.url ?? '');
    if (stalled !== undefined) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.write(stalled);
      open.add(res);
      return;
    }
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

  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'verbatim-firefox-')));
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    defaultViewport: viewport,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'devtools.console.stdout.content': true,
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      ...(options.idleTimeoutMs !== undefined
        ? { 'extensions.background.idle.timeout': options.idleTimeoutMs }
        : {}),
    },
  });
  const output: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer | string) => {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines);
  };
  browser.process()?.stdout?.on('data', collect);
  browser.process()?.stderr?.on('data', collect);

  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const extensionUrl = (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`;

  const newPage = async () => {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    return page;
  };

  const openExtensionPage = async (path: string) => {
    const page = await newPage();
    const url = extensionUrl(path);
    // BiDi may never report the load of a moz-extension:// page: do not wait for it.
    void page.goto(url, { timeout: 30_000 }).catch(() => undefined);
    await waitUntil(async () => {
      const state = await page
        .evaluate(() => [location.href, document.readyState])
        .catch(() => ['', '']);
      return state[0] === url && state[1] === 'complete';
    }, 30_000);
    return page;
  };

  // An extension page to make calls from (as the popup would); opened on first use.
  let helper: Page | undefined;
  const helperPage = async () => {
    if (!helper || helper.isClosed()) helper = await openExtensionPage('reader.html');
    return helper;
  };

  // The browser's own window, where `Services` is (BiDi with -remote-allow-system-access).
  type Send = (method: string, params: object) => Promise<{ result: unknown }>;
  const send = (browser as unknown as { connection: { send: Send } }).connection.send.bind(
    (browser as unknown as { connection: unknown }).connection,
  ) as Send;
  const chromeScript = async (expression: string) => {
    const tree = (await send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: Array<{ context: string }>;
    };
    const reply = (
      await send('script.evaluate', {
        expression,
        target: { context: tree.contexts[0]!.context },
        awaitPromise: false,
      })
    ).result as { type: string; exceptionDetails?: { text?: string } };
    if (reply.type !== 'success')
      throw new Error(`chrome script failed: ${reply.exceptionDetails?.text}`);
  };
  const setPref = (name: string, value: number | boolean | string) => {
    const kind = typeof value === 'number' ? 'Int' : typeof value === 'boolean' ? 'Bool' : 'String';
    return chromeScript(
      `Services.prefs.set${kind}Pref(${JSON.stringify(name)}, ${JSON.stringify(value)})`,
    );
  };

  const tabIdOf = async (page: Page | string) => {
    const url = typeof page === 'string' ? page : page.url();
    const ids = await (
      await helperPage()
    ).evaluate(async url => {
      const api = (
        globalThis as unknown as {
          browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
        }
      ).browser;
      return (await api.tabs.query({})).filter(t => t.url === url).map(t => t.id);
    }, url);
    if (ids.length !== 1 || ids[0] === undefined) {
      throw new Error(`${ids.length} tabs show ${url}: cannot tell which is the page`);
    }
    return ids[0];
  };

  const callContent = async (page: Page, type: string, ...args: unknown[]) => {
    const tab = await tabIdOf(page);
    return (await helperPage()).evaluate(
      ({ tab, type, args }) =>
        (
          globalThis as unknown as {
            browser: { tabs: { sendMessage(id: number, m: unknown, o: object): Promise<never> } };
          }
        ).browser.tabs
          .sendMessage(tab, { verbatim: 1, type, args }, { frameId: 0 })
          .catch((error: unknown) => ({ ok: false as const, error: String(error) })),
      { tab, type, args },
    );
  };

  const callBackground = async (type: string, ...args: unknown[]) =>
    (await helperPage()).evaluate(
      ({ type, args }) =>
        (
          globalThis as unknown as {
            browser: { runtime: { sendMessage(m: unknown): Promise<never> } };
          }
        ).browser.runtime.sendMessage({ verbatim: 1, type, args }),
      { type, args },
    );

  const backgroundStartedAt = async (): Promise<number | null> =>
    (await helperPage()).evaluate(() => {
      const views = (
        globalThis as unknown as {
          browser: { extension: { getViews(): Window[] } };
        }
      ).browser.extension.getViews();
      const background = views.find(
        view => view.location.pathname === '/_generated_background_page.html',
      );
      return background ? background.performance.timeOrigin : null;
    });

  const cachedIndex = async () =>
    (await helperPage()).evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('verbatim');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        if (!db.objectStoreNames.contains('cache')) return null;
        const rows = await new Promise<Array<{ file?: string; bytes?: ArrayBuffer }>>(
          (resolve, reject) => {
            const get = db.transaction('cache').objectStore('cache').getAll();
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error);
          },
        );
        const row = rows[0];
        if (!row) return null;
        let fileBytes: number | null = null;
        if (row.file !== undefined) {
          try {
            const root = await navigator.storage.getDirectory();
            const dir = await root.getDirectoryHandle('verbatim-index');
            fileBytes = (await (await dir.getFileHandle(row.file)).getFile()).size;
          } catch {
            fileBytes = null;
          }
        }
        return { file: row.file ?? null, fileBytes, bytes: row.bytes?.byteLength ?? null };
      } finally {
        db.close();
      }
    });

  const extensionLines = () =>
    output.filter(
      line => line.includes(EXTENSION_ORIGIN) || /^console\.\w+: "?Verbatim\b/.test(line),
    );

  return {
    browser,
    origin,
    profileDir,
    serve(pathOrHtml) {
      if (pathOrHtml.trimStart().startsWith('<')) {
        const name = `/inline/firefox-page-${++served}.html`;
        inline.set(name, pathOrHtml);
        return origin + name;
      }
      return `${origin}/${pathOrHtml.replace(/^\//, '')}`;
    },
    extensionUrl,
    newPage,
    openExtensionPage,
    callBackground: callBackground as Firefox['callBackground'],
    callContent: callContent as Firefox['callContent'],
    tabIdOf,
    async waitForVerbatim(page) {
      // The content script's own report of its first finished update, asked as the popup
      // asks: nothing the page can see.
      await waitUntil(async () => {
        const activity = (await callContent(page, 'getActivity')) as CallResult<
          ContentCalls,
          'getActivity'
        >;
        return activity.ok && activity.value.idles >= 1;
      }, 30_000);
    },
    serveLoading(html) {
      const name = `/loading/firefox-page-${++served}.html`;
      loading.set(name, html);
      return origin + name;
    },
    setPref,
    setColorScheme: scheme =>
      setPref('layout.css.prefers-color-scheme.content-override', scheme === 'dark' ? 0 : 1),
    backgroundStartedAt,
    async reloadExtension() {
      const started = await backgroundStartedAt();
      const page = await openExtensionPage('reader.html');
      // The extension's pages close with it: the helper is opened again afterwards.
      helper = undefined;
      void page
        .evaluate(() =>
          (
            globalThis as unknown as { browser: { runtime: { reload(): void } } }
          ).browser.runtime.reload(),
        )
        .catch(() => undefined);
      await waitUntil(async () => {
        const now = await backgroundStartedAt().catch(() => undefined);
        if (now === undefined) helper = undefined;
        return now !== undefined && now !== null && now !== started;
      }, 30_000);
      await page.close().catch(() => undefined);
      await waitUntil(
        async () =>
          ((await callBackground('listDocuments').catch(() => ({}))) as { ok?: boolean }).ok ===
          true,
        30_000,
      );
    },
    cachedIndex,
    extensionConsole: extensionLines,
    extensionProblems: () =>
      extensionLines().filter(line =>
        /^(console\.(error|warn)|JavaScript (error|warning))\b|Error/i.test(line),
      ),
    async close() {
      for (const res of open) res.end();
      server.closeAllConnections();
      await browser.close().catch(() => undefined);
      await new Promise(done => server.close(done));
      if (ownProfile) await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
