/**
 * Every read and write of the corpus and the settings, behind one class that
 * takes the database. Writes are validated first and run in one Dexie
 * transaction each, so a call changes everything it should or nothing.
 *
 * Errors meant for the user (a duplicate, a bad value) are thrown as
 * `CorpusError` with a message that names the document or setting.
 *
 * A write cut off part-way still loses nothing: a write that replaces documents stores the new
 * ones before it deletes the old. A transaction is all or nothing only while its script runs
 * to the end: when Firefox shuts down it cancels the extension's scripts, and IndexedDB then
 * commits the requests already made if the script was cancelled in a promise continuation,
 * where Dexie continues a transaction (measured; README, "Testing in Firefox").
 */
import type { CorpusIndexSnapshot } from '../core/corpus-index';
import { checkDocument, metaOf, toCorpusFile, type CorpusFile } from '../core/corpus-file';
import { parseDocument } from '../core/parse-document';
import { snapshotFromBytes, snapshotToBytes } from '../core/snapshot-file';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type ParsedDocument,
  type SourceDocument,
} from '../core/types';
import {
  DEFAULT_SETTINGS,
  type ConflictPolicy,
  type DocumentChanges,
  type DocumentSummary,
  type Settings,
} from '../messaging/protocol';
import { nextTask } from '../platform/next-task';
import { BUNDLED_DOCUMENTS } from './bundled';
import { cacheKey, newRev, type CacheRow, type StoredDocument, type VerbatimDb } from './db';
import { revisionOf, textFingerprint } from './fingerprint';
import { opfsSnapshotFiles, type SnapshotFiles } from './snapshot-files';

/** A refusal the user should read: the message names what is wrong. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/** What a committed write changed. */
export interface StoreChange {
  corpus: boolean;
  settings: boolean;
}

/** A cached index as read back: the documents' revs and the snapshot. */
export interface CachedIndex {
  revs: string[];
  snapshot: CorpusIndexSnapshot;
}

export interface CorpusStoreOptions {
  /** Test seam: the documents Verbatim ships. */
  bundled?: readonly SourceDocument[];
  /**
   * Where snapshot files go (default: the origin private file system where there is one);
   * null: none, the snapshot's bytes are kept in the database.
   */
  files?: SnapshotFiles | null;
  /** Test seam: the clock. */
  now?: () => Date;
}

/** How many of a document's speakers and sentences the corpus list shows. */
export interface DocumentCounts {
  speakers: number;
  passages: number;
}

/** How far a save of documents has got: `done` of `total` documents written. */
export interface SaveProgress {
  done: number;
  total: number;
}

/** Preparing documents to save gives the thread back after this much work (ms). */
const PREPARE_SLICE_MS = 30;

/** Most host names in `disabledSites`. */
export const MAX_DISABLED_SITES = 1000;
/** `minQuoteWords` bounds. */
export const MIN_QUOTE_WORDS_RANGE = { min: 1, max: 50 } as const;

const SENSITIVITIES: readonly Settings['sensitivity'][] = ['strict', 'balanced', 'loose'];
/** `meta` row: ids of every bundled document ever seeded, so deleted ones stay deleted. */
const SEEDED_KEY = 'seededBundled';
const SETTINGS_KEY = 'settings';
/**
 * `meta` row: a token written anew by every transaction that writes documents, so that a
 * restarted background can tell that the corpus is still the one its cached index was made
 * from without reading every document's `rev` (a read of every row: ~1 s at 10,000 documents
 * in Chromium). Code that writes documents without this store (a schema upgrade) deletes it.
 */
const CORPUS_STAMP_KEY = 'corpusStamp';
const EDITABLE_FIELDS = ['title', 'kind', 'date', 'publisher', 'sourceUrl', 'aliases'] as const;

export class CorpusStore {
  private readonly bundled: readonly SourceDocument[];
  private readonly bundledById: Map<string, SourceDocument>;
  private readonly now: () => Date;
  private readonly files: SnapshotFiles | undefined;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private settingsCache: Settings | undefined;
  private saving: SaveProgress | undefined;

  /**
   * @param db - The database (`createDb()`).
   * @param options - Test seams.
   */
  constructor(
    readonly db: VerbatimDb,
    options: CorpusStoreOptions = {},
  ) {
    this.bundled = options.bundled ?? BUNDLED_DOCUMENTS;
    this.bundledById = new Map(this.bundled.map(d => [d.id, d]));
    this.now = options.now ?? (() => new Date());
    this.files = options.files === null ? undefined : (options.files ?? opfsSnapshotFiles());
  }

  /** Call `listener` after every committed change. Returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- Reading ---------------------------------------------------------------

  /**
   * The corpus list, in id order.
   *
   * @param counts - A document's speakers and sentences (the matcher gives its index's; by
   *   default the document is parsed).
   */
  async list(
    counts: (doc: StoredDocument) => DocumentCounts | null = doc =>
      countsOf(safeParse(parseDocument, doc)),
  ): Promise<DocumentSummary[]> {
    const docs = await this.db.documents.toArray();
    return docs.map(doc => toSummary(doc, counts(doc)));
  }

  /** A stored document, or undefined. */
  async get(id: string): Promise<StoredDocument | undefined> {
    return this.db.documents.get(id);
  }

  /** Every document and the corpus revision they make, read consistently. */
  async readCorpus(): Promise<{ revision: string; documents: StoredDocument[] }> {
    return this.db.transaction('r', this.db.documents, async () => {
      const documents = await this.db.documents.toArray();
      return { revision: revisionOf(documents.map(d => d.rev)), documents };
    });
  }

  /**
   * The corpus in batches of `size` documents in id order, with the revision at the start, for
   * reading a big corpus without holding every text at once. The batches are read in separate
   * transactions: a write between two of them changes the revision (compare it after).
   */
  async *readCorpusBatches(
    size: number,
  ): AsyncGenerator<{ revision: string; total: number; documents: StoredDocument[] }> {
    const revision = await this.revision();
    const total = await this.db.documents.count();
    let last: string | undefined;
    for (;;) {
      const documents = await (
        last === undefined
          ? this.db.documents.orderBy(':id')
          : this.db.documents.where(':id').above(last)
      )
        .limit(size)
        .toArray();
      if (documents.length === 0) return;
      last = documents[documents.length - 1]!.id;
      yield { revision, total, documents };
      if (documents.length < size) return;
    }
  }

  /**
   * The texts of documents `{ id, rev }` as they were when indexed: undefined for one that
   * has changed since (another `rev`) or is gone.
   */
  async readTexts(
    docs: ReadonlyArray<{ id: string; rev: string }>,
  ): Promise<Array<string | undefined>> {
    const rows = await this.db.documents.bulkGet(docs.map(d => d.id));
    return rows.map((row, i) => (row && row.rev === docs[i]!.rev ? row.text : undefined));
  }

  /** How many documents the corpus holds, and its revision (no text is read). */
  async size(): Promise<{ revision: string; documents: number }> {
    return this.db.transaction('r', this.db.documents, async () => ({
      revision: await this.revision(),
      documents: await this.db.documents.count(),
    }));
  }

  /** The current corpus revision (reads only the revision index, not the texts). */
  async revision(): Promise<string> {
    const revs = (await this.db.documents.orderBy('rev').keys()) as string[];
    return revisionOf(revs);
  }

  // ---- Index cache -----------------------------------------------------------

  /**
   * The current revision and, if one was stored for it by `build`, the cached index. No
   * document's text is read: the snapshot has none, and they are read when a passage is
   * shown (`readTexts`). A snapshot file that is missing or damaged is no entry.
   */
  async readCachedIndex(build: string): Promise<{ revision: string; entry?: CachedIndex }> {
    const { revision, row } = await this.db.transaction(
      'r',
      this.db.documents,
      this.db.cache,
      async () => {
        const revision = await this.revision();
        return { revision, row: await this.db.cache.get(cacheKey(build, revision)) };
      },
    );
    const entry = row && (await this.readCacheRow(row));
    return entry ? { revision, entry } : { revision };
  }

  /**
   * The index `build` cached last, whatever the corpus is now, and the corpus revision it was
   * made for; undefined if there is none (or its file is missing or damaged). Reads no
   * document: a restarted background reads the snapshot file while it checks that the corpus
   * is the one the index was made from: by its `stamp`, the same as `corpusStamp()` if no
   * document was written since (a single row), else by comparing `revision` with the corpus's
   * (`revision()`, a read of every document's `rev`).
   */
  async readLatestCachedIndex(
    build: string,
  ): Promise<(CachedIndex & { revision: string; stamp?: string }) | undefined> {
    // At most one row (`writeCachedIndex` clears the others). Read from the cache alone: a
    // transaction over the documents or the stamp would wait for the bundled documents' check.
    const row = await this.db.cache.where('key').startsWith(cacheKey(build, '')).last();
    const entry = row && (await this.readCacheRow(row));
    return entry && { ...entry, revision: row.revision, stamp: row.stamp };
  }

  /**
   * The token of the last write of documents (see `CORPUS_STAMP_KEY`): a cached index that
   * holds it is of the corpus as it is; undefined if there is none.
   */
  async corpusStamp(): Promise<string | undefined> {
    const value = (await this.db.meta.get(CORPUS_STAMP_KEY))?.value;
    return typeof value === 'string' ? value : undefined;
  }

  /** Mark the corpus as written (inside a transaction over `documents` and `meta`). */
  private async stampCorpus(): Promise<void> {
    await this.db.meta.put({ key: CORPUS_STAMP_KEY, value: newRev() });
  }

  /** A cache row's snapshot (from its file, or its bytes); undefined if it cannot be read. */
  private async readCacheRow(row: CacheRow): Promise<CachedIndex | undefined> {
    let bytes = row.bytes;
    if (row.file !== undefined) {
      bytes = await this.files?.read(row.file).catch(e => {
        // A read the browser aborted (it is quitting, or stopping the event page) is no fault
        // of the file; either way the index is built again from the documents.
        if ((e as { name?: string } | null)?.name === 'AbortError') {
          console.debug('Verbatim: reading the cached index file was aborted');
        } else {
          console.warn('Verbatim: cannot read the cached index file', e);
        }
        return undefined;
      });
    }
    const snapshot = bytes && snapshotFromBytes(bytes);
    return snapshot ? { revs: row.revs, snapshot } : undefined;
  }

  /**
   * Store an index for `row.revision`, replacing any other: as a file where there are files
   * (written first, so a row never names a file not yet whole), else in the database. Does
   * nothing if the corpus changed since (the index is already stale). Returns whether it
   * stored it.
   */
  async writeCachedIndex(row: {
    build: string;
    revision: string;
    revs: string[];
    snapshot: CorpusIndexSnapshot;
  }): Promise<boolean> {
    const bytes = snapshotToBytes(row.snapshot);
    const key = cacheKey(row.build, row.revision);
    let file: string | undefined = `index-${textFingerprint(key)}.bin`;
    try {
      if (!this.files) throw new Error('no files');
      await this.files.write(file, bytes);
    } catch {
      file = undefined;
    }
    const { documents, cache, meta } = this.db;
    const stored = await this.db.transaction('rw', documents, cache, meta, async () => {
      if ((await this.revision()) !== row.revision) return false;
      // A corpus without a stamp (written by an upgrade, or before stamps) gets one now: it
      // marks the documents as they are, of which this index is made.
      let stamp = await this.corpusStamp();
      if (stamp === undefined) {
        stamp = newRev();
        await this.db.meta.put({ key: CORPUS_STAMP_KEY, value: stamp });
      }
      await this.db.cache.clear();
      await this.db.cache.put({
        key,
        build: row.build,
        revision: row.revision,
        stamp,
        revs: row.revs,
        ...(file !== undefined ? { file } : { bytes: bytes.buffer }),
        created: this.now().toISOString(),
      });
      return true;
    });
    // The files of older rows (or this one, not stored) go.
    await this.files?.removeAllBut(stored && file ? [file] : []).catch(() => undefined);
    return stored;
  }

  /** Drop the cached index (after an update of Verbatim: the parser may have changed). */
  async clearCache(): Promise<void> {
    await this.db.cache.clear();
    await this.files?.removeAllBut([]).catch(() => undefined);
  }

  // ---- Writing documents -----------------------------------------------------

  /**
   * Store documents in one transaction: all are saved or none is.
   *
   * A conflict is a stored (or earlier in `documents`) document with the same
   * id, or with the same text under another id. `fail` refuses the whole call,
   * naming the document; `replace` puts the new document in the place of the
   * ones it conflicts with; `keep-both` stores it under a fresh id
   * (`<id>-2`, `<id>-3`, …) if its id is taken, and alongside an equal text.
   *
   * @param documents - Unchecked input: each is validated with `checkDocument`.
   * @returns The ids the documents were saved under, in order.
   * @throws CorpusError naming the first bad or conflicting document.
   */
  async saveDocuments(
    documents: readonly unknown[],
    onConflict: ConflictPolicy,
  ): Promise<{ saved: string[] }> {
    // Under way from the first moment: a status asked right after the call sees it.
    const progress: SaveProgress = { done: 0, total: documents.length };
    this.saving = progress;
    try {
      return await this.save(documents, onConflict, progress);
    } finally {
      if (this.saving === progress) this.saving = undefined;
    }
  }

  /** The save under way, if any: how many of its documents are written ({@link saveDocuments}). */
  saveProgress(): SaveProgress | undefined {
    return this.saving && { ...this.saving };
  }

  private async save(
    documents: readonly unknown[],
    onConflict: ConflictPolicy,
    progress: SaveProgress,
  ): Promise<{ saved: string[] }> {
    if (!['fail', 'replace', 'keep-both'].includes(onConflict)) {
      throw new CorpusError(`unknown conflict policy "${String(onConflict)}"`);
    }
    const checked = documents.map((item, i) => {
      const result = checkDocument(item);
      if (!result.ok) throw new CorpusError(`document ${i + 1}: ${result.error}`);
      return result.value;
    });
    const seen = new Set<string>();
    for (const doc of checked) {
      if (seen.has(doc.id)) throw new CorpusError(`"${doc.id}" appears twice in the documents`);
      seen.add(doc.id);
    }
    if (checked.length === 0) return { saved: [] };
    // Fingerprints before the transaction (it must not wait on anything but the database),
    // giving the thread back now and then: a thousand files take a while.
    const incoming: StoredDocument[] = [];
    let sliceStart = performance.now();
    for (const doc of checked) {
      incoming.push(this.toStored(doc));
      if (performance.now() - sliceStart > PREPARE_SLICE_MS) {
        await nextTask();
        sliceStart = performance.now();
      }
    }

    const saved = await this.db.transaction('rw', this.db.documents, this.db.meta, async () => {
      await this.stampCorpus();
      progress.done = 0;
      const ids: string[] = [];
      for (const doc of incoming) {
        const byId = await this.db.documents.get(doc.id);
        const sameText = (
          await this.db.documents.where('fingerprint').equals(doc.fingerprint).toArray()
        ).filter(d => d.id !== doc.id);
        if (onConflict === 'fail') {
          if (byId) {
            throw new CorpusError(`"${doc.id}" is already in the corpus ("${byId.title}")`);
          }
          if (sameText[0]) {
            throw new CorpusError(
              `"${doc.id}" has the same text as "${sameText[0].id}" ("${sameText[0].title}"), already in the corpus`,
            );
          }
        } else if (onConflict === 'keep-both' && (byId || ids.includes(doc.id))) {
          doc.id = await this.freshId(doc.id, ids);
        }
        await this.db.documents.put(this.withOrigin(doc));
        if (!ids.includes(doc.id)) ids.push(doc.id);
        // The documents it replaces go only once it is stored (see the top of this file).
        if (onConflict === 'replace') {
          for (const other of sameText) {
            await this.db.documents.delete(other.id);
            const k = ids.indexOf(other.id);
            if (k >= 0) ids.splice(k, 1);
          }
        }
        progress.done++;
      }
      return ids;
    });
    this.emit({ corpus: true, settings: false });
    return { saved };
  }

  /**
   * Edit a stored document's metadata or speaker aliases. An empty `sourceUrl`
   * removes it; empty `aliases` removes them all.
   *
   * @throws CorpusError if there is no such document or a value is invalid.
   */
  async updateDocument(id: string, changes: DocumentChanges): Promise<StoredDocument> {
    if (typeof changes !== 'object' || changes === null) {
      throw new CorpusError('no changes given');
    }
    const unknown = Object.keys(changes).filter(
      k => !(EDITABLE_FIELDS as readonly string[]).includes(k),
    );
    if (unknown.length) {
      throw new CorpusError(`cannot edit ${unknown.map(k => `"${k}"`).join(', ')}`);
    }
    if (
      changes.title !== undefined &&
      (typeof changes.title !== 'string' || !changes.title.trim())
    ) {
      throw new CorpusError(`"${id}": the title cannot be empty`);
    }
    if (changes.kind !== undefined && !DOCUMENT_KINDS.includes(changes.kind as DocumentKind)) {
      throw new CorpusError(`"${id}": unknown kind "${String(changes.kind)}"`);
    }
    const aliases = changes.aliases === undefined ? undefined : cleanAliases(id, changes.aliases);

    const updated = await this.db.transaction('rw', this.db.documents, this.db.meta, async () => {
      const stored = await this.db.documents.get(id);
      if (!stored) throw new CorpusError(`no document "${id}" in the corpus`);
      await this.stampCorpus();
      const merged: Record<string, unknown> = { ...toSource(stored), ...changes };
      if (aliases !== undefined) merged.aliases = aliases;
      if (merged.sourceUrl === '') delete merged.sourceUrl;
      const checked = checkDocument(merged);
      if (!checked.ok) throw new CorpusError(checked.error);
      const doc = this.withOrigin({
        ...checked.value,
        origin: 'user',
        updated: this.now().toISOString(),
        fingerprint: stored.fingerprint,
        rev: newRev(),
      });
      await this.db.documents.put(doc);
      return doc;
    });
    this.emit({ corpus: true, settings: false });
    return updated;
  }

  /**
   * Delete documents (ids not stored are skipped).
   *
   * @returns The deleted documents whole, in the order asked: saving them back undoes the delete.
   */
  async deleteDocuments(ids: readonly string[]): Promise<SourceDocument[]> {
    const deleted = await this.db.transaction('rw', this.db.documents, this.db.meta, async () => {
      const found = (await this.db.documents.bulkGet([...new Set(ids)])).filter(
        (d): d is StoredDocument => d !== undefined,
      );
      if (found.length > 0) await this.stampCorpus();
      await this.db.documents.bulkDelete(found.map(d => d.id));
      return found;
    });
    if (deleted.length) this.emit({ corpus: true, settings: false });
    return deleted.map(toSource);
  }

  /**
   * The corpus, or the documents `ids` in that order, in the export format.
   *
   * @throws CorpusError naming an id that is not stored.
   */
  async exportCorpus(ids?: readonly string[]): Promise<CorpusFile> {
    let docs: StoredDocument[];
    if (ids) {
      const unique = [...new Set(ids)];
      const found = await this.db.documents.bulkGet(unique);
      const missing = unique.find((_, i) => !found[i]);
      if (missing !== undefined) throw new CorpusError(`no document "${missing}" in the corpus`);
      docs = found as StoredDocument[];
    } else {
      docs = await this.db.documents.toArray();
    }
    return toCorpusFile(docs.map(toSource), this.now());
  }

  /** Replace the whole corpus with the bundled documents, in one transaction. Returns their number. */
  async resetCorpus(): Promise<number> {
    await this.db.transaction('rw', this.db.documents, this.db.meta, async () => {
      // The bundled documents first, then the others go (see the top of this file).
      await this.stampCorpus();
      await this.db.documents.bulkPut(this.bundled.map(d => this.bundledRow(d)));
      const keep = new Set(this.bundled.map(d => d.id));
      const ids = (await this.db.documents.toCollection().primaryKeys()) as string[];
      await this.db.documents.bulkDelete(ids.filter(id => !keep.has(id)));
      await this.db.meta.put({ key: SEEDED_KEY, value: this.bundled.map(d => d.id) });
    });
    this.emit({ corpus: true, settings: false });
    return this.bundled.length;
  }

  /**
   * Bring the bundled documents in, without touching the user's own.
   *
   * - An empty corpus (first install, or everything deleted) gets every bundled document.
   * - Otherwise (an update, a restart): a bundled document never seeded before
   *   is added unless its text is already stored; one still as shipped
   *   (`origin: 'bundled'`) is refreshed if this version ships it changed; one
   *   the user edited (`origin: 'user'`) or deleted is left alone.
   *
   * Safe to call at every start: it writes only when something differs.
   */
  async seed(): Promise<{ added: string[]; refreshed: string[] }> {
    const result = await this.db.transaction('rw', this.db.documents, this.db.meta, async () => {
      const added: string[] = [];
      const refreshed: string[] = [];
      const row = await this.db.meta.get(SEEDED_KEY);
      const seeded = new Set(Array.isArray(row?.value) ? (row.value as string[]) : []);
      const seededBefore = seeded.size;
      // Not `count()`: Chromium counts by reading every row (0.35 s at 10,000 documents).
      const empty = (await this.db.documents.limit(1).primaryKeys()).length === 0;
      for (const bundled of this.bundled) {
        if (empty) {
          await this.db.documents.put(this.bundledRow(bundled));
          added.push(bundled.id);
        } else {
          const stored = await this.db.documents.get(bundled.id);
          if (stored) {
            if (stored.origin === 'bundled' && !sameContent(toSource(stored), bundled)) {
              await this.db.documents.put(this.bundledRow(bundled));
              refreshed.push(bundled.id);
            }
          } else if (!seeded.has(bundled.id)) {
            const fresh = this.bundledRow(bundled);
            const duplicate = await this.db.documents
              .where('fingerprint')
              .equals(fresh.fingerprint)
              .count();
            if (!duplicate) {
              await this.db.documents.put(fresh);
              added.push(bundled.id);
            }
          }
        }
        seeded.add(bundled.id);
      }
      if (!row || seeded.size !== seededBefore) {
        await this.db.meta.put({ key: SEEDED_KEY, value: [...seeded] });
      }
      if (added.length || refreshed.length) await this.stampCorpus();
      return { added, refreshed };
    });
    if (result.added.length || result.refreshed.length) {
      this.emit({ corpus: true, settings: false });
    }
    return result;
  }

  // ---- Settings --------------------------------------------------------------

  /** The settings (defaults for anything never set). */
  async getSettings(): Promise<Settings> {
    if (!this.settingsCache) {
      const row = await this.db.settings.get(SETTINGS_KEY);
      this.settingsCache = mergeSettings(row?.value);
    }
    return cloneSettings(this.settingsCache);
  }

  /**
   * Change some settings. Host names in `disabledSites` are normalised (lower
   * case, scheme and trailing dot removed, duplicates dropped).
   *
   * @throws CorpusError naming the bad setting; nothing is changed then.
   */
  async updateSettings(changes: Partial<Settings>): Promise<Settings> {
    const clean = checkSettingsChanges(changes);
    const { settings, changed } = await this.db.transaction('rw', this.db.settings, async () => {
      const row = await this.db.settings.get(SETTINGS_KEY);
      const current = mergeSettings(row?.value);
      const next = { ...current, ...clean };
      await this.db.settings.put({ key: SETTINGS_KEY, value: next });
      return { settings: next, changed: JSON.stringify(next) !== JSON.stringify(current) };
    });
    this.settingsCache = settings;
    // Every open page matches again on a change: not for a save that changes nothing.
    if (changed) this.emit({ corpus: false, settings: true });
    return cloneSettings(settings);
  }

  // ---- Helpers ---------------------------------------------------------------

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (e) {
        console.error('Verbatim: a corpus change listener failed', e);
      }
    }
  }

  private toStored(doc: SourceDocument): StoredDocument {
    return {
      ...doc,
      origin: 'user',
      updated: this.now().toISOString(),
      fingerprint: textFingerprint(doc.text),
      rev: newRev(),
    };
  }

  private bundledRow(doc: SourceDocument): StoredDocument {
    return { ...this.toStored(doc), origin: 'bundled' };
  }

  /** `bundled` exactly when the document is the one Verbatim ships (an undo, a re-import, an edit reverted). */
  private withOrigin(doc: StoredDocument): StoredDocument {
    const bundled = this.bundledById.get(doc.id);
    const origin = bundled && sameContent(toSource(doc), bundled) ? 'bundled' : 'user';
    return { ...doc, origin };
  }

  /** `<id>-2`, `<id>-3`, …: the first id neither stored nor `taken`. */
  private async freshId(id: string, taken: readonly string[]): Promise<string> {
    for (let n = 2; ; n++) {
      const candidate = `${id}-${n}`;
      if (!taken.includes(candidate) && !(await this.db.documents.get(candidate))) {
        return candidate;
      }
    }
  }
}

/** The options-page row of a stored document (`counts` null: it cannot be parsed). */
export function toSummary(doc: StoredDocument, counts: DocumentCounts | null): DocumentSummary {
  return {
    ...metaOf(doc),
    origin: doc.origin,
    speakers: counts?.speakers ?? 0,
    passages: counts?.passages ?? 0,
    size: doc.text.length,
    updated: doc.updated,
  };
}

/** A stored document without the store's bookkeeping. */
export function toSource(doc: StoredDocument): SourceDocument {
  const { origin: _origin, updated: _updated, fingerprint: _fp, rev: _rev, ...source } = doc;
  return source;
}

/** A parse's counts for the corpus list (null: no parse). */
export function countsOf(parsed: ParsedDocument | null): DocumentCounts | null {
  return parsed && { speakers: parsed.speakers.length, passages: parsed.segments.length };
}

function safeParse(
  parse: (doc: StoredDocument) => ParsedDocument,
  doc: StoredDocument,
): ParsedDocument | null {
  try {
    return parse(doc);
  } catch (e) {
    console.error(`Verbatim: cannot parse "${doc.id}"`, e);
    return null;
  }
}

function sameContent(a: SourceDocument, b: SourceDocument): boolean {
  const ca = checkDocument(a);
  const cb = checkDocument(b);
  return ca.ok && cb.ok && JSON.stringify(ca.value) === JSON.stringify(cb.value);
}

function cleanAliases(id: string, aliases: unknown): Record<string, string> {
  if (typeof aliases !== 'object' || aliases === null || Array.isArray(aliases)) {
    throw new CorpusError(`"${id}": aliases must map names to names`);
  }
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(aliases)) {
    if (typeof value !== 'string') {
      throw new CorpusError(`"${id}": the alias "${key}" must map to a name`);
    }
    const k = key.trim().replace(/\s+/g, ' ');
    const v = value.trim().replace(/\s+/g, ' ');
    if (!k) continue;
    if (!v) throw new CorpusError(`"${id}": the alias "${k}" has no name`);
    clean[k] = v;
  }
  return clean;
}

// ---- Settings validation -----------------------------------------------------

function mergeSettings(stored: Partial<Settings> | undefined): Settings {
  // Field by field, so a value a later version stored in another shape falls back to the default.
  const merged = cloneSettings(DEFAULT_SETTINGS);
  if (!stored) return merged;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (stored[key] === undefined) continue;
    try {
      Object.assign(merged, checkSettingsChanges({ [key]: stored[key] }));
    } catch {
      // Keep the default.
    }
  }
  return merged;
}

function cloneSettings(s: Settings): Settings {
  return { ...s, disabledSites: [...s.disabledSites] };
}

/**
 * Validate and normalise a settings change.
 *
 * @throws CorpusError naming the bad setting.
 */
export function checkSettingsChanges(changes: unknown): Partial<Settings> {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new CorpusError('settings must be an object');
  }
  const input = changes as Record<string, unknown>;
  const out: Partial<Settings> = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (value === undefined) continue;
    switch (key) {
      case 'sensitivity':
        if (!SENSITIVITIES.includes(value as Settings['sensitivity'])) {
          throw new CorpusError(
            `sensitivity must be one of ${SENSITIVITIES.join(', ')} (got ${JSON.stringify(value)})`,
          );
        }
        out.sensitivity = value as Settings['sensitivity'];
        break;
      case 'minQuoteWords': {
        const { min, max } = MIN_QUOTE_WORDS_RANGE;
        if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
          throw new CorpusError(
            `minimum quote length must be a whole number of words from ${min} to ${max} (got ${JSON.stringify(value)})`,
          );
        }
        out.minQuoteWords = value as number;
        break;
      }
      case 'disabledSites':
        out.disabledSites = checkSites(value);
        break;
      case 'markUnmatched':
      case 'markCopies':
        if (typeof value !== 'boolean') {
          throw new CorpusError(`${key} must be true or false (got ${JSON.stringify(value)})`);
        }
        out[key] = value;
        break;
      default:
        throw new CorpusError(`unknown setting "${key}"`);
    }
  }
  return out;
}

function checkSites(value: unknown): string[] {
  if (!Array.isArray(value)) throw new CorpusError('disabled sites must be a list of host names');
  const hosts = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'string') {
      throw new CorpusError('disabled sites must be a list of host names');
    }
    if (!entry.trim()) continue;
    const host = normaliseHost(entry);
    if (!host) throw new CorpusError(`"${entry.trim()}" is not a host name (like example.com)`);
    hosts.add(host);
  }
  if (hosts.size > MAX_DISABLED_SITES) {
    throw new CorpusError(`too many disabled sites (${hosts.size}; at most ${MAX_DISABLED_SITES})`);
  }
  return [...hosts];
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * `example.com` from `Example.COM`, `https://example.com/page`, `example.com.`
 * or `*.example.com`; null if `entry` is not a host name (or a web address).
 * International names come out in their ASCII (punycode) form, as `location.hostname` has them.
 */
function normaliseHost(entry: string): string | null {
  let s = entry.trim();
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
  if (!isUrl) {
    s = s.replace(/^\*\./, '');
    // A bare host name: a path, query or port would be silently ignored, so refuse them.
    if (/[/?#:@\s]/.test(s)) return null;
  }
  let host: string;
  try {
    const url = new URL(isUrl ? s : `http://${s}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    host = url.hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '');
  return HOST_NAME.test(host) ? host : null;
}
