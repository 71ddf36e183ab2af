/**
 * Verbatim's IndexedDB database (Dexie), opened by the background only.
 *
 * Tables:
 * - `documents`: the corpus. Each row is a `SourceDocument` as the user gave
 *   it (or as bundled) plus bookkeeping: where it came from, when it changed,
 *   a fingerprint of its text for duplicate detection, and a revision token.
 *   This is the only table holding user data.
 * - `settings`: one row, key `settings`.
 * - `cache`: the parsed corpus index keyed by the corpus revision and the
 *   build that made it, so a restarted service worker restores the index
 *   instead of parsing every document again: the name of its snapshot file in
 *   the origin private file system (`snapshot-files.ts`), or, where there is
 *   none, the file's bytes. At most one row. Derived data only: it may be
 *   dropped at any time.
 * - `meta`: small bookkeeping records (which bundled documents were ever
 *   seeded, so a bundled document the user deleted does not come back).
 *
 * Upgrade path. Parsed data lives only in `cache`, so a parser change never
 * touches stored documents: a new build misses the cache (its key includes
 * the build) and rebuilds. A schema change is a new version declared below
 * the existing ones, never an edit of them (Dexie upgrades from any older
 * version by running every later `upgrade()` in order):
 *
 * ```ts
 * db.version(2)
 *   .stores({ documents: 'id, fingerprint, rev, language' }) // only the tables that change
 *   .upgrade(async tx => {
 *     // Rewrite rows in place; give each a new `rev` so the corpus revision changes.
 *     await tx.table('documents').toCollection().modify(doc => { doc.language = 'en'; doc.rev = newRev(); });
 *     await tx.table('cache').clear(); // derived data: cheaper to rebuild than to migrate
 *     await tx.table('meta').delete('corpusStamp'); // documents written: the stamp goes
 *   });
 * ```
 *
 * `documents` rows are never deleted by an upgrade; a field a new version no
 * longer needs is left in place (or moved), so opening the database with a
 * newer Verbatim cannot lose a user's documents.
 */
// Before `dexie`: Dexie loads without listeners a background never needs (see the module).
import { restoreAddEventListener } from './no-bfcache-listeners';
import Dexie, { type EntityTable } from 'dexie';

import type { SourceDocument } from '../core/types';
import type { Settings } from '../messaging/protocol';

restoreAddEventListener();

export const DB_NAME = 'verbatim';

/** A corpus document as stored. */
export interface StoredDocument extends SourceDocument {
  /** `bundled` while the document equals the one Verbatim ships; `user` once imported or edited. */
  origin: 'bundled' | 'user';
  /** When the document was added or last changed (ISO 8601). */
  updated: string;
  /** `textFingerprint(text)`: equal for texts that differ only in case, spacing, quote marks or dashes. */
  fingerprint: string;
  /** A token that changes on every write of the row; the corpus revision is derived from these. */
  rev: string;
}

export interface SettingsRow {
  key: 'settings';
  value: Partial<Settings>;
}

export interface CacheRow {
  /** `cacheKey(build, revision)`. */
  key: string;
  build: string;
  revision: string;
  /** The corpus's stamp (`meta` row `corpusStamp`) when the index was stored. */
  stamp?: string;
  /** The `rev` of each indexed document, in index order (matches the snapshot's documents). */
  revs: string[];
  /** The snapshot file's name (`snapshotToBytes`), when it is kept as a file. */
  file?: string;
  /** Otherwise the snapshot file's bytes. */
  bytes?: ArrayBuffer;
  created: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type VerbatimDb = Dexie & {
  documents: EntityTable<StoredDocument, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  cache: EntityTable<CacheRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
};

/** Schema version 1. Later versions go below it, each with its `upgrade()` (see above). */
const SCHEMA_V1 = {
  documents: 'id, fingerprint, rev',
  settings: 'key',
  cache: 'key',
  meta: 'key',
};

/**
 * Open (lazily, on first use) Verbatim's database.
 *
 * @param name - Test seam: a fresh name gives a fresh database.
 */
export function createDb(name = DB_NAME): VerbatimDb {
  const db = new Dexie(name) as VerbatimDb;
  db.version(1).stores(SCHEMA_V1);
  return db;
}

/** The key of a cached index: the build that parsed the corpus and the corpus revision. */
export function cacheKey(build: string, revision: string): string {
  return `${build}|${revision}`;
}

/** A fresh revision token for a document row. */
export function newRev(): string {
  return `${Date.now().toString(36)}-${crypto.randomUUID()}`;
}
