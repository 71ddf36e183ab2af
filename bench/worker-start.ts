/**
 * How long a restarted service worker takes to answer its first quote, in a
 * real Chromium: with the corpus index restored from the IndexedDB cache, and
 * rebuilt (cache cleared: every document parsed and indexed again).
 *
 *   npx tsx bench/worker-start.ts             # bundled corpus, then +500 generated documents
 *   DOCS=10000 npx tsx bench/worker-start.ts  # a bigger generated corpus (rebuilt once only)
 *
 * The generated documents are written straight into the extension's database from one of
 * its pages (in batches: a 100 MB corpus is more than one message may carry), then the worker
 * is restarted: it finds a corpus it has not indexed and builds the index once.
 *
 * Builds the background alone into `bench/.cache/worker-start/`, loads it
 * unpacked into headless Chromium (`/usr/bin/chromium`, or `CHROMIUM`), and
 * asks from an extension page. A restart is `ServiceWorker.stopAllWorkers`
 * (DevTools protocol), so each figure includes starting the worker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Page } from 'playwright-core';
import { build } from 'wxt';

import { BUNDLED_CORPUS_DIR, readCorpusDir } from '../cli/corpus-dir';
import { textFingerprint } from '../lib/storage/fingerprint';
import { generateCorpus } from './generate-corpus';

const QUOTE = '“The risk of conflict is real”';
const ROUNDS = 5;
const OUT_DIR = resolve('bench/.cache/worker-start');

await build({ outDir: OUT_DIR, filterEntrypoints: ['background'] });
const extension = join(OUT_DIR, 'chrome-mv3');
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'verbatim-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
});
const loads: string[] = [];
context.on('console', message => {
  const text = message.text();
  if (text.startsWith('Verbatim: corpus index') || text.startsWith('Verbatim: read')) {
    loads.push(text);
  }
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const page = await context.newPage();
page.on('console', message => {
  if (message.type() === 'warning') console.log(`  (page: ${message.text()})`);
});
// Any page of the extension's origin may message the background and open its database.
await page.goto(`chrome-extension://${new URL(worker.url()).host}/manifest.json`);
const cdp = await context.newCDPSession(page);
await cdp.send('ServiceWorker.enable');

type Chrome = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** Send a call to the background; the reply and the time it took (ms). */
function call(p: Page, type: string, args: unknown[]) {
  return p.evaluate(
    async ({ type, args }) => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ verbatim: 1, type, args });
      return { ms: performance.now() - started, reply: reply as { ok: boolean; value?: unknown } };
    },
    { type, args },
  );
}

async function firstAnswer(): Promise<number> {
  const { ms, reply } = await call(page, 'matchQuotes', [{ quotes: [{ text: QUOTE }] }]);
  if (!reply.ok || !(reply.value as unknown[])[0])
    throw new Error(`no match: ${JSON.stringify(reply)}`);
  return ms;
}

/** Documents in the cached index (-1: none cached); with `clear`, drop the cache first. */
function cachedDocuments(clear: boolean): Promise<number> {
  return page.evaluate(
    clear =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('verbatim');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('cache', 'readwrite');
          const store = tx.objectStore('cache');
          if (clear) store.clear();
          const rows = store.getAll();
          tx.oncomplete = () => {
            db.close();
            const row = rows.result[0] as { revs?: string[]; file?: string } | undefined;
            if (row && !row.file) console.warn('the cached index is not a file');
            resolve(row?.revs?.length ?? -1);
          };
        };
      }),
    clear,
  );
}

async function stopWorker() {
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise(r => setTimeout(r, 300));
}

/** Wait until the index of a corpus of `documents` documents is cached (a minute per 1,000). */
async function waitForCache(documents: number) {
  const deadline = Date.now() + 20_000 + documents * 60;
  while (Date.now() < deadline && (await cachedDocuments(false)) !== documents) {
    // A message now and then keeps a worker that is building from being stopped as idle.
    await call(page, 'indexStatus', []);
    await new Promise(r => setTimeout(r, 1000));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const show = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (${xs.map(x => x.toFixed(0)).join(', ')})`;

/** What a popup user types: every prefix is one keystroke (as `bench.ts` types them). */
const SEARCHES = ['dialogue with rusia', 'risk of conflict', 'finland sweden door'];

/** Popup search per keystroke in a freshly restarted worker (its texts cold). */
async function searchKeystrokes(): Promise<string> {
  await stopWorker();
  await firstAnswer();
  const from = loads.length;
  const times: number[] = [];
  for (const query of SEARCHES) {
    for (let i = 1; i <= query.length; i++) {
      const { ms, reply } = await call(page, 'searchCorpus', [{ query: query.slice(0, i) }]);
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      times.push(ms);
    }
  }
  const reads = loads.slice(from).filter(l => l.startsWith('Verbatim: read'));
  const texts = reads.reduce((sum, l) => sum + Number(/read (\d+) texts/.exec(l)?.[1] ?? 0), 0);
  times.sort((a, b) => a - b);
  const p95 = times[Math.floor(times.length * 0.95)]!;
  return `median ${median(times).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${times.length} keystrokes (${texts} texts read in ${reads.length} reads)`;
}

async function measure(label: string, documents: number, rebuilds = ROUNDS) {
  await waitForCache(documents);
  loads.length = 0;
  const restored: number[] = [];
  const rebuilt: number[] = [];
  // Restarts from the cache first: a rebuild's writes and deletions of a big row make the
  // database busy for a while after.
  const readsFrom = loads.length;
  for (let i = 0; i < ROUNDS; i++) {
    await stopWorker();
    restored.push(await firstAnswer());
  }
  const reads = loads.slice(readsFrom).filter(l => l.startsWith('Verbatim: read'));
  for (let i = 0; i < rebuilds; i++) {
    await stopWorker();
    await cachedDocuments(true);
    rebuilt.push(await firstAnswer());
    await waitForCache(documents);
  }
  const inWorker = (kind: string, re = /in ([\d.]+) ms/) =>
    loads
      .filter(l => l.includes(kind))
      .map(l => Number(re.exec(l)?.[1]))
      .filter(Number.isFinite);
  console.log(`${label}:`);
  console.log(
    `  restored from cache: ${show(restored)}; index load in the worker ${show(inWorker('restored'))}` +
      `, of which reading the cached index ${show(inWorker('restored', /([\d.]+) ms reading/))}`,
  );
  const readMs = reads.map(l => Number(/in ([\d.]+) ms/.exec(l)?.[1]));
  console.log(`  texts read for those first answers: ${reads.length} reads, ${show(readMs)}`);
  console.log(`  popup search per keystroke after a restart: ${await searchKeystrokes()}`);
  if (rebuilt.length) {
    console.log(
      `  rebuilt:             ${show(rebuilt)}; index load in the worker ${show(inWorker('built'))}`,
    );
  }
}

/** Write documents into the corpus from the extension page, in batches, as stored rows. */
async function writeDocuments(docs: ReturnType<typeof generateCorpus>) {
  const updated = new Date().toISOString();
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((d, k) => ({
      ...d,
      origin: 'user',
      updated,
      fingerprint: textFingerprint(d.text),
      rev: `bench-${i + k}-${Math.random().toString(36).slice(2)}`,
    }));
    await page.evaluate(
      rows =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('verbatim');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['documents', 'meta'], 'readwrite');
            for (const row of rows) tx.objectStore('documents').put(row);
            // Written without the store: its stamp goes, as a schema upgrade's would.
            tx.objectStore('meta').delete('corpusStamp');
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      rows,
    );
  }
}

console.log(
  `Chromium ${context.browser()?.version() ?? ''}, first matchQuotes after a worker restart:`,
);
console.log(`  first answer after install: ${(await firstAnswer()).toFixed(0)} ms`);
await measure('bundled corpus (2 documents, 35 k characters)', 2);

const docs = Number(process.env.DOCS ?? 500);
const generated = generateCorpus(await readCorpusDir(BUNDLED_CORPUS_DIR), {
  documents: docs,
  averageChars: 10_000,
});
const chars = generated.reduce((sum, d) => sum + d.text.length, 0);
await writeDocuments(generated);
// A worker that finds the corpus changed behind its back builds the index once.
await stopWorker();
const built = performance.now();
await waitForCache(docs + 2);
console.log(
  `  first build of ${docs + 2} documents, to cached: ${((performance.now() - built) / 1000).toFixed(1)} s`,
);
await measure(
  `bundled + ${docs} generated documents (${(chars / 1e6).toFixed(1)} M characters)`,
  docs + 2,
  docs > 2000 ? 0 : ROUNDS,
);
await context.close();
