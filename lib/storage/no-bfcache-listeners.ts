/**
 * Loads Dexie without its back-forward-cache listeners. Import this module right before
 * `dexie`, and call `restoreAddEventListener()` right after (see `db.ts`).
 *
 * When Dexie loads it adds `pagehide` and `pageshow` listeners to its global, to close its
 * databases when a web page goes into the back-forward cache and reopen them when it comes
 * back (`event.persisted`). Verbatim opens its database only in the background — a Firefox
 * event page, a Chrome service worker — which is never put in that cache, so the listeners
 * never act. But when Firefox shuts down, it first tells the extension's process to cancel
 * any of the extension's scripts that run from then on (`dom.abort_script_on_child_shutdown`),
 * then unloads the event page, firing `pagehide`: Dexie's listener was the only script left
 * to run, so it was cancelled, and Firefox printed "Script terminated by timeout" for
 * background.js at every shutdown. Without it, no script of Verbatim runs at an idle shutdown.
 */

/** The events Dexie listens to for the back-forward cache. */
const DROPPED = new Set(['pagehide', 'pageshow']);

type Global = { addEventListener?: (type: string, ...rest: unknown[]) => void };
const global = globalThis as Global;
const original = global.addEventListener;

if (typeof original === 'function') {
  global.addEventListener = function (this: unknown, type: string, ...rest: unknown[]) {
    if (DROPPED.has(type)) return;
    original.call(this ?? globalThis, type, ...rest);
  };
}

/** Put the global `addEventListener` back (once Dexie has loaded). */
export function restoreAddEventListener(): void {
  if (typeof original === 'function') global.addEventListener = original;
}
