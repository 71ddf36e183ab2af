/**
 * The background's answers to `BackgroundCalls`: thin adapters from a call's
 * arguments to the store and the matcher. Validation of shapes happens in the
 * dispatcher; the store validates meaning and throws `CorpusError`, which the
 * dispatcher turns into `{ ok: false, error }`.
 */
import { ok, type Handlers, type Sender } from '../messaging/dispatch';
import type { BackgroundCalls } from '../messaging/protocol';
import { toSource, toSummary, type CorpusStore } from '../storage/corpus-store';
import { readerHref } from '../ui/reader-link';
import type { MatcherService } from './matcher-service';
import type { SourceActions } from './sources';

export interface BackgroundDeps {
  store: CorpusStore;
  matcher: MatcherService;
  /** Open an extension page (the reader's address) in a new tab (`tabs.create`). */
  openTab?: (url: string) => Promise<unknown>;
  /** The reader page's address (`runtime.getURL('/reader.html')`), with `openTab`. */
  readerBase?: string;
  /** "Find source in Verbatim" and the corpus search opened from a page (see `sources.ts`). */
  sources?: SourceActions;
  /** Every call waits for this first (seeding the bundled corpus), so nobody sees an empty corpus at install. */
  ready?: Promise<unknown>;
  /** (ui) Show a tab's count of matched quotes on the toolbar icon. */
  setBadge?: (tabId: number, matched: number) => void | Promise<void>;
  /** (scale) Inject the content script's second stage into a tab's frame (`scripting.executeScript`). */
  injectPageScript?: (tabId: number, frameId: number) => Promise<unknown>;
}

/** Calls a content script may make (the rest are for the popup and options page). */
export const CONTENT_SCRIPT_CALLS: readonly (keyof BackgroundCalls)[] = [
  'matchQuotes',
  'findCopies',
  'searchCorpus',
  'getDocument',
  'getSettings',
  'openReader',
  'openSearch',
  'setPageCount',
  'loadPageScript',
];

export function createBackgroundHandlers({
  store,
  matcher,
  ready,
  openTab,
  readerBase,
  sources,
  setBadge,
  injectPageScript,
}: BackgroundDeps): Handlers<BackgroundCalls> {
  const started = (ready ?? Promise.resolve()).catch(() => undefined);
  return {
    async matchQuotes({ quotes }) {
      await started;
      return ok(await matcher.matchQuotes(quotes));
    },
    async findCopies({ blocks }) {
      await started;
      return ok(await matcher.findCopies(blocks));
    },
    async searchCorpus({ query, limit }) {
      await started;
      return ok(await matcher.search(query, limit));
    },
    async listDocuments() {
      await started;
      // The index holds every document's counts: wait for it rather than parse them all again.
      await matcher.ready().catch(() => undefined);
      return ok(await store.list(doc => matcher.counts(doc)));
    },
    async getDocument({ id }) {
      await started;
      const doc = await store.get(id);
      if (!doc) return { ok: false, error: `no document "${id}" in the corpus` };
      return ok({ document: toSource(doc), parsed: matcher.parsed(doc) });
    },
    async saveDocuments({ documents, onConflict }) {
      await started;
      return ok(await store.saveDocuments(documents, onConflict));
    },
    async updateDocument({ id, changes }) {
      await started;
      const doc = await store.updateDocument(id, changes);
      return ok(toSummary(doc, matcher.counts(doc)));
    },
    async deleteDocuments({ ids }) {
      await started;
      return ok({ deleted: await store.deleteDocuments(ids) });
    },
    async exportCorpus({ ids }) {
      await started;
      return ok(await store.exportCorpus(ids));
    },
    async resetCorpus() {
      await started;
      return ok({ documents: await store.resetCorpus() });
    },
    async openReader(target) {
      if (!openTab || !readerBase) return { ok: false, error: 'cannot open tabs here' };
      await openTab(readerHref(readerBase, target));
      return ok(null);
    },
    indexStatus() {
      return ok(matcher.status());
    },
    async getSettings() {
      await started;
      return ok(await store.getSettings());
    },
    async updateSettings(changes) {
      await started;
      return ok(await store.updateSettings(changes));
    },
    async findSelectionSource({ tabId, text }) {
      if (!sources) return { ok: false, error: 'not available here' };
      return sources.findSelectionSource(tabId, text);
    },
    async openSearch({ query }) {
      if (!sources) return { ok: false, error: 'not available here' };
      await sources.openSearch(query);
      return ok(null);
    },
    // ---- ui: badge and report ----
    async setPageCount({ matched }, sender?: Sender) {
      const tabId = tabIdOf(sender);
      if (tabId === undefined) return { ok: false, error: 'setPageCount comes from a tab' };
      await setBadge?.(tabId, matched);
      return ok(null);
    },
    // ---- scale: the content script's second stage ----
    async loadPageScript(sender?: Sender) {
      const tabId = tabIdOf(sender);
      const frameId = sender?.frameId ?? 0;
      if (tabId === undefined || !Number.isInteger(frameId) || frameId < 0) {
        return { ok: false, error: 'loadPageScript comes from a tab' };
      }
      if (!injectPageScript) return { ok: false, error: 'not available here' };
      await injectPageScript(tabId, frameId);
      return ok(null);
    },
    async corpusInfo() {
      await started;
      const { revision, documents } = await store.size();
      return ok({ documents, version: revision });
    },
  };
}

/** The id of the tab a message came from (undefined for extension pages and the worker). */
function tabIdOf(sender: Sender | undefined): number | undefined {
  const tab = sender?.tab;
  if (typeof tab !== 'object' || tab === null) return undefined;
  const id = (tab as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
}
