/**
 * Argument checks for every call, run by the dispatcher before a handler: a
 * message that crossed a process boundary is untrusted input. Small
 * hand-written combinators, no schema library. Each check returns an error
 * message naming the bad part, or null when the value is fine.
 *
 * These check shape (types, required fields, no unknown fields); the handlers
 * check meaning (a duplicate id, a value out of range).
 */
import { checkDocument } from '../core/corpus-file';
import { DOCUMENT_KINDS } from '../core/types';
import type { BackgroundCalls, ContentCalls } from './protocol';

/** Checks a call's argument list. */
export type Validator = (args: readonly unknown[]) => string | null;

/** One validator per call of a call map: the type makes a missing one a compile error. */
export type Validators<Calls> = { readonly [K in keyof Calls]-?: Validator };

type Check = (value: unknown, path: string) => string | null;

const str: Check = (v, path) => (typeof v === 'string' ? null : `${path} must be text`);

const num: Check = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) ? null : `${path} must be a number`;

const bool: Check = (v, path) => (typeof v === 'boolean' ? null : `${path} must be true or false`);

function optional(check: Check): Check & { optional: true } {
  return Object.assign((v: unknown, path: string) => (v === undefined ? null : check(v, path)), {
    optional: true as const,
  });
}

function oneOf(values: readonly string[]): Check {
  return (v, path) =>
    typeof v === 'string' && values.includes(v)
      ? null
      : `${path} must be one of ${values.join(', ')}`;
}

function int(min: number, max: number): Check {
  return (v, path) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? null
      : `${path} must be a whole number from ${min} to ${max}`;
}

function arrayOf(item: Check, max = Infinity): Check {
  return (v, path) => {
    if (!Array.isArray(v)) return `${path} must be a list`;
    if (v.length > max) return `${path} has ${v.length} items (at most ${max})`;
    for (let i = 0; i < v.length; i++) {
      const error = item(v[i], `${path}[${i}]`);
      if (error) return error;
    }
    return null;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with exactly these fields (optional ones may be absent); no others. */
function obj(shape: Record<string, Check & { optional?: true }>): Check {
  return (v, path) => {
    if (!isPlainObject(v)) return `${path} must be an object`;
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key)) return `${path} has an unknown field "${key}"`;
    }
    for (const [key, check] of Object.entries(shape)) {
      if (!check.optional && v[key] === undefined) return `${path}.${key} is missing`;
      const error = check(v[key], `${path}.${key}`);
      if (error) return error;
    }
    return null;
  };
}

function recordOf(value: Check): Check {
  return (v, path) => {
    if (!isPlainObject(v)) return `${path} must be an object`;
    for (const [key, item] of Object.entries(v)) {
      const error = value(item, `${path}["${key}"]`);
      if (error) return error;
    }
    return null;
  };
}

const sourceDocument: Check = (v, path) => {
  const checked = checkDocument(v);
  return checked.ok ? null : `${path}: ${checked.error}`;
};

/** A call without arguments. */
const none: Validator = args =>
  args.length === 0 ? null : `expected no arguments, got ${args.length}`;

/** A call with one argument. */
function one(check: Check): Validator {
  return args =>
    args.length === 1 ? check(args[0], 'argument') : `expected 1 argument, got ${args.length}`;
}

/** Quotes per `matchQuotes` call at most (the matcher enforces it too, with a clearer message). */
const MAX_QUOTES_SHAPE = 100_000;
/** Documents per `saveDocuments` call at most. */
export const MAX_DOCUMENTS_PER_SAVE = 10_000;
/** Ids per `deleteDocuments` / `exportCorpus` call at most. */
const MAX_IDS = 100_000;

export const BACKGROUND_VALIDATORS: Validators<BackgroundCalls> = {
  matchQuotes: one(
    obj({
      quotes: arrayOf(obj({ text: str, attribution: optional(str) }), MAX_QUOTES_SHAPE),
    }),
  ),
  findCopies: one(
    obj({
      blocks: arrayOf(
        obj({
          text: str,
          exclude: optional(
            arrayOf(
              obj({ start: int(0, Number.MAX_SAFE_INTEGER), end: int(0, Number.MAX_SAFE_INTEGER) }),
              1_000,
            ),
          ),
        }),
        MAX_QUOTES_SHAPE,
      ),
    }),
  ),
  searchCorpus: one(obj({ query: str, limit: optional(int(1, 200)) })),
  listDocuments: none,
  getDocument: one(obj({ id: str })),
  saveDocuments: one(
    obj({
      documents: arrayOf(sourceDocument, MAX_DOCUMENTS_PER_SAVE),
      onConflict: oneOf(['fail', 'replace', 'keep-both']),
    }),
  ),
  updateDocument: one(
    obj({
      id: str,
      changes: obj({
        title: optional(str),
        kind: optional(oneOf(DOCUMENT_KINDS)),
        date: optional(str),
        publisher: optional(str),
        sourceUrl: optional(str),
        aliases: optional(recordOf(str)),
      }),
    }),
  ),
  deleteDocuments: one(obj({ ids: arrayOf(str, MAX_IDS) })),
  exportCorpus: one(obj({ ids: optional(arrayOf(str, MAX_IDS)) })),
  resetCorpus: none,
  getSettings: none,
  indexStatus: none,
  updateSettings: one(
    obj({
      sensitivity: optional(oneOf(['strict', 'balanced', 'loose'])),
      minQuoteWords: optional(num),
      disabledSites: optional(arrayOf(str)),
      markUnmatched: optional(bool),
      markCopies: optional(bool),
    }),
  ),
  openReader: one(obj({ documentId: str, start: optional(num), end: optional(num) })),
  findSelectionSource: one(obj({ tabId: int(0, Number.MAX_SAFE_INTEGER), text: str })),
  openSearch: one(obj({ query: str })),
  setPageCount: one(obj({ matched: int(0, 1_000_000) })),
  corpusInfo: none,
  loadPageScript: none,
};

export const CONTENT_VALIDATORS: Validators<ContentCalls> = {
  getPageSource: none,
  sourceSelection: one(obj({ text: str })),
  corpusChanged: none,
  getPageStats: none,
  getActivity: none,
  inspectUi: none,
  getPageReport: none,
  revealQuote: one(obj({ id: int(0, Number.MAX_SAFE_INTEGER) })),
  stepQuote: one(obj({ direction: oneOf(['next', 'previous']) })),
};
