/**
 * What IndexedDB keeps of a transaction whose script Firefox cancels when it quits (the
 * finding behind the write order in `lib/storage/corpus-store.ts`; README, "Testing in
 * Firefox"). Run after `npm run build:firefox`:
 *
 *   npx tsx scripts/firefox-idb-shutdown.ts
 *
 * In an extension page of Verbatim's Firefox build, a transaction writes key 1, then keeps
 * its script busy for 15 s before it would write key 2, and the browser quits during the
 * wait; the browser then starts again on the same profile and reads what was committed. The
 * busy wait runs in the request's success handler (`handler`) or in a promise continuation
 * after it (`continuation`, where Dexie continues a transaction); `control` writes both keys
 * at once and lets the transaction finish before quitting.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchFirefox } from '../tests/e2e-firefox/firefox';

const MODES = ['control', 'handler', 'continuation'] as const;

/** Page code (a string: it runs in the page as written). */
function start(mode: (typeof MODES)[number]): string {
  return `setTimeout(() => {
    const open = indexedDB.open('shutdown-probe', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onsuccess = () => {
      const store = open.result.transaction('kv', 'readwrite').objectStore('kv');
      const busyThenWrite = () => {
        const until = Date.now() + 15000;
        while (Date.now() < until) {}
        store.put('two', 2);
      };
      store.put('one', 1).onsuccess = () => {
        if (${JSON.stringify(mode)} === 'control') store.put('two', 2);
        else if (${JSON.stringify(mode)} === 'handler') busyThenWrite();
        else Promise.resolve().then(busyThenWrite);
      };
    };
  }, 0); undefined`;
}

const READ = `new Promise(resolve => {
  const open = indexedDB.open('shutdown-probe', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('kv');
  open.onsuccess = () => {
    const keys = open.result.transaction('kv').objectStore('kv').getAllKeys();
    keys.onsuccess = () => resolve(keys.result);
  };
})`;

for (const mode of MODES) {
  const profileDir = await mkdtemp(join(tmpdir(), 'verbatim-idb-probe-'));
  let fx = await launchFirefox({ profileDir });
  const page = await fx.openExtensionPage('reader.html');
  await page.evaluate(start(mode));
  // Well inside the busy wait (or, for the control, well after the transaction finished).
  await new Promise(resolve => setTimeout(resolve, 1500));
  await fx.close();
  fx = await launchFirefox({ profileDir });
  const keys = await (await fx.openExtensionPage('reader.html')).evaluate(READ);
  await fx.close();
  await rm(profileDir, { recursive: true, force: true });
  console.log(`${mode}: keys committed ${JSON.stringify(keys)}`);
}
