/**
 * Verbatim's corpus file format, and reading documents from plain files.
 *
 * The export format is a versioned JSON object, not a database dump, so files
 * written by one version of Verbatim import into later ones:
 *
 * ```json
 * {
 *   "format": "verbatim-corpus",
 *   "version": 1,
 *   "exported": "2026-11-23T12:00:00.000Z",
 *   "documents": [
 *     { "id": "…", "title": "…", "kind": "transcript", "date": "2022-01-07",
 *       "publisher": "…", "sourceUrl": "https://…", "aliases": { "NATO Secretary General": "Jens Stoltenberg" },
 *       "text": "…" }
 *   ]
 * }
 * ```
 *
 * A JSON file holding one document object (the same fields) or an array of
 * them is accepted too.
 */
import { DOCUMENT_KINDS, type DocumentKind, type DocumentMeta, type SourceDocument } from './types';

export const CORPUS_FORMAT = 'verbatim-corpus';
export const CORPUS_FORMAT_VERSION = 1;

export interface CorpusFile {
  format: typeof CORPUS_FORMAT;
  version: typeof CORPUS_FORMAT_VERSION;
  exported: string;
  documents: SourceDocument[];
}

/** Largest document text Verbatim accepts (characters). */
export const MAX_DOCUMENT_CHARS = 5_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Build an export file from documents. */
export function toCorpusFile(documents: readonly SourceDocument[], now = new Date()): CorpusFile {
  return {
    format: CORPUS_FORMAT,
    version: CORPUS_FORMAT_VERSION,
    exported: now.toISOString(),
    documents: documents.map(normaliseDocument),
  };
}

/**
 * Read documents from JSON text (an export file, one document, or an array of
 * documents). Every document is checked; one bad document fails the whole
 * file with a message naming it, so nothing is half-imported.
 */
export function parseCorpusJson(json: string): Parsed<SourceDocument[]> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  let list: unknown[];
  if (Array.isArray(data)) list = data;
  else if (isObject(data) && 'documents' in data) {
    if (data.format !== undefined && data.format !== CORPUS_FORMAT) {
      return {
        ok: false,
        error: `unknown format "${String(data.format)}" (expected "${CORPUS_FORMAT}")`,
      };
    }
    if (typeof data.version === 'number' && data.version > CORPUS_FORMAT_VERSION) {
      return {
        ok: false,
        error: `written by a newer Verbatim (format version ${data.version}; this one reads up to ${CORPUS_FORMAT_VERSION})`,
      };
    }
    if (!Array.isArray(data.documents)) return { ok: false, error: '"documents" is not a list' };
    list = data.documents;
  } else if (isObject(data)) list = [data];
  else return { ok: false, error: 'expected a Verbatim corpus file or a document object' };

  const documents: SourceDocument[] = [];
  const seen = new Set<string>();
  for (const [i, item] of list.entries()) {
    const checked = checkDocument(item);
    if (!checked.ok) return { ok: false, error: `document ${i + 1}: ${checked.error}` };
    if (seen.has(checked.value.id)) {
      return { ok: false, error: `document ${i + 1}: id "${checked.value.id}" appears twice` };
    }
    seen.add(checked.value.id);
    documents.push(checked.value);
  }
  if (documents.length === 0) return { ok: false, error: 'the file holds no documents' };
  return { ok: true, value: documents };
}

/** Check the shape of one document; never throws. */
export function checkDocument(item: unknown): Parsed<SourceDocument> {
  if (!isObject(item)) return { ok: false, error: 'not an object' };
  const { id, title, kind, date, publisher, sourceUrl, aliases, pages, text } = item;
  if (typeof id !== 'string' || !id.trim()) return { ok: false, error: 'missing "id"' };
  if (typeof text !== 'string') return { ok: false, error: `"${id}" has no "text"` };
  if (!text.trim()) return { ok: false, error: `"${id}" has an empty text` };
  if (text.length > MAX_DOCUMENT_CHARS) {
    return {
      ok: false,
      error: `"${id}" is too long (${text.length} characters; the limit is ${MAX_DOCUMENT_CHARS})`,
    };
  }
  if (title !== undefined && typeof title !== 'string')
    return { ok: false, error: `"${id}": "title" is not text` };
  if (kind !== undefined && !DOCUMENT_KINDS.includes(kind as DocumentKind)) {
    return {
      ok: false,
      error: `"${id}": unknown kind "${String(kind)}" (one of ${DOCUMENT_KINDS.join(', ')})`,
    };
  }
  if (
    date !== undefined &&
    (typeof date !== 'string' || !/^(\d{4})(-\d{2}(-\d{2})?)?$|^$/.test(date))
  ) {
    return { ok: false, error: `"${id}": "date" must be YYYY, YYYY-MM or YYYY-MM-DD` };
  }
  if (publisher !== undefined && typeof publisher !== 'string') {
    return { ok: false, error: `"${id}": "publisher" is not text` };
  }
  if (sourceUrl !== undefined && sourceUrl !== '' && !isWebUrl(sourceUrl)) {
    return { ok: false, error: `"${id}": "sourceUrl" is not an http(s) address` };
  }
  if (
    aliases !== undefined &&
    (!isObject(aliases) || Object.values(aliases).some(v => typeof v !== 'string'))
  ) {
    return { ok: false, error: `"${id}": "aliases" must map names to names` };
  }
  if (pages !== undefined && !isPageMap(pages, text.length)) {
    return {
      ok: false,
      error: `"${id}": "pages" must list where each page starts in the text, from 0, in order`,
    };
  }
  return {
    ok: true,
    value: normaliseDocument({
      id: id.trim(),
      title: typeof title === 'string' && title.trim() ? title.trim() : id.trim(),
      kind: (kind as DocumentKind | undefined) ?? 'other',
      date: typeof date === 'string' ? date : '',
      publisher: typeof publisher === 'string' ? publisher.trim() : '',
      ...(typeof sourceUrl === 'string' && sourceUrl ? { sourceUrl } : {}),
      ...(aliases ? { aliases: aliases as Record<string, string> } : {}),
      ...(pages ? { pages: pages as number[] } : {}),
      text,
    }),
  };
}

/** A document's metadata alone (no text, no aliases). */
export function metaOf(doc: DocumentMeta): DocumentMeta {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    date: doc.date,
    publisher: doc.publisher,
    ...(doc.sourceUrl ? { sourceUrl: doc.sourceUrl } : {}),
    ...(doc.pages ? { pages: doc.pages } : {}),
  };
}

/** A document with exactly the known fields, in a stable order. */
function normaliseDocument(d: SourceDocument): SourceDocument {
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    date: d.date,
    publisher: d.publisher,
    ...(d.sourceUrl ? { sourceUrl: d.sourceUrl } : {}),
    ...(d.aliases && Object.keys(d.aliases).length ? { aliases: { ...d.aliases } } : {}),
    ...(d.pages ? { pages: [...d.pages] } : {}),
    text: d.text,
  };
}

export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `[0, …]`: increasing page starts inside a text of `length` characters. */
function isPageMap(pages: unknown, length: number): boolean {
  if (!Array.isArray(pages) || pages.length === 0 || pages.length > 100_000 || pages[0] !== 0) {
    return false;
  }
  return pages.every(
    (p, i) =>
      Number.isInteger(p) && (p as number) <= length && (i === 0 || (p as number) > pages[i - 1]),
  );
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A document id from a file name: its stem (`nato-brief.txt` → `nato-brief`). */
export function idFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]+$/, '');
}
