/**
 * Every message Verbatim's parts send each other, with its reply type. One
 * call map per direction, written as method signatures; the client and the
 * dispatcher are typed from these maps, so a message and its handler cannot
 * disagree.
 *
 * Errors cross as `Result` values, never as thrown `Error` objects, which do
 * not survive structured cloning reliably.
 */
import type { UiSnapshot } from '../content/ui-inspect';
import type { CorpusFile } from '../core/corpus-file';
import type { CopySpan } from '../core/text-reuse';
import type {
  DocumentKind,
  DocumentMeta,
  ParsedDocument,
  QuoteMatch,
  SearchHit,
  SourceDocument,
  Span,
} from '../core/types';

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** A quote spotted on a page, as sent for matching. */
export interface QuoteRequest {
  /** The quoted words as printed (without the quotation marks). */
  text: string;
  /** Who the page says said it, if it names anyone. */
  attribution?: string;
}

/** A paragraph of a page to look for unmarked copies in (`findCopies`). */
export interface CopyRequest {
  text: string;
  /** Stretches of `text` already taken as quotes. */
  exclude?: Span[];
}

/** A row of the corpus list (options page). */
export interface DocumentSummary extends DocumentMeta {
  /** Bundled with Verbatim, or imported/edited by the user. */
  origin: 'bundled' | 'user';
  /** Distinct speakers the parser found. */
  speakers: number;
  /** Sentences (segments). */
  passages: number;
  /** Length of the text in characters. */
  size: number;
  /** When the document was added or last edited (ISO 8601). */
  updated: string;
}

/** User settings, stored in the database and applied at once everywhere. */
export interface Settings {
  /** How loose a match may be: `strict` finds near-verbatim quotes only, `loose` also paraphrases. */
  sensitivity: 'strict' | 'balanced' | 'loose';
  /** Quotes with fewer words are ignored. */
  minQuoteWords: number;
  /** Host names where Verbatim never runs (`example.com` also covers `www.example.com`). */
  disabledSites: string[];
  /** Draw a faint mark under quotes that were checked and have no source in the corpus. */
  markUnmatched?: boolean;
  /** (copies) Look for, and mark, paragraphs that copy a source without quotation marks. */
  markCopies?: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  sensitivity: 'balanced',
  minQuoteWords: 4,
  disabledSites: [],
  markUnmatched: true,
  markCopies: true,
};

/** Metadata fields a user may edit on a stored document. */
export type DocumentChanges = Partial<
  Pick<DocumentMeta, 'title' | 'kind' | 'date' | 'publisher' | 'sourceUrl'> & {
    aliases: Record<string, string>;
  }
>;

/** What to do when an imported document's id or text is already stored. */
export type ConflictPolicy = 'fail' | 'replace' | 'keep-both';

/** One quote of a page's report, in reading order (ui: popup list, report page). */
export interface PageQuote {
  /** Stable for the life of the page (the popover's mark id for matched quotes). */
  id: number;
  /**
   * (copies) `copy`: not a quote but words the page prints without quotation marks that
   * reproduce a source (an unmarked copy; it always has a `match`). Absent: a quote.
   */
  kind?: 'quote' | 'copy';
  /** The quoted words as the page prints them. */
  text: string;
  /** Who the page says said it, as written. */
  pageSpeaker?: string;
  /** The source; null when the corpus has none. */
  match: QuoteMatch | null;
  /** The page names someone other than the source's speaker. */
  misattributed: boolean;
}

/** Everything Verbatim found on a page (ui: popup list, report page). */
export interface PageReport {
  url: string;
  title: string;
  /** When the quotes were last matched (ISO 8601). */
  checkedAt: string;
  quotes: PageQuote[];
}

/** Calls that the content script, popup and options page make to the background. */
export type BackgroundCalls = {
  /** Find the source of each quote spotted on a page; one answer per quote, in order (null: no source). */
  matchQuotes(req: { quotes: QuoteRequest[] }): Result<Array<QuoteMatch | null>>;
  /**
   * Unmarked copies: for each paragraph of a page (with the parts already taken as quotes),
   * the stretches that reproduce a corpus passage without quotation marks; one list per paragraph.
   */
  findCopies(req: { blocks: CopyRequest[] }): Result<CopySpan[][]>;
  /** Fuzzy search over every sentence of the corpus (popup). */
  searchCorpus(req: { query: string; limit?: number }): Result<SearchHit[]>;
  /** The corpus list (options page). */
  listDocuments(): Result<DocumentSummary[]>;
  /** One document with its parse (reader page, options page). */
  getDocument(req: { id: string }): Result<{ document: SourceDocument; parsed: ParsedDocument }>;
  /**
   * Store documents in one transaction: all are saved or none is. With policy
   * `fail`, a document whose id or text is already stored fails the call and
   * the error names it.
   */
  saveDocuments(req: {
    documents: SourceDocument[];
    onConflict: ConflictPolicy;
  }): Result<{ saved: string[] }>;
  /** Edit a stored document's metadata or speaker aliases. */
  updateDocument(req: { id: string; changes: DocumentChanges }): Result<DocumentSummary>;
  /** Delete documents; returns them whole, so the caller can offer an undo by saving them back. */
  deleteDocuments(req: { ids: string[] }): Result<{ deleted: SourceDocument[] }>;
  /** The corpus (or the given documents) in Verbatim's versioned export format. */
  exportCorpus(req: { ids?: string[] }): Result<CorpusFile>;
  /** Replace the whole corpus with the bundled documents. */
  resetCorpus(): Result<{ documents: number }>;
  getSettings(): Result<Settings>;
  updateSettings(req: Partial<Settings>): Result<Settings>;
  /**
   * Open the reader on a document (and passage) in a new tab. The quote popover asks for
   * it: the reader is not web-accessible, so a page's content script cannot link to it.
   */
  openReader(req: { documentId: string; start?: number; end?: number }): Result<null>;

  // Sources from where the reader is (#10).
  /**
   * "Find source in Verbatim" on a selection: what the context menu item does (tests call it
   * too). Asks the tab to source its selection as a quote and show the answer there.
   */
  findSelectionSource(req: { tabId: number; text: string }): Result<{ found: boolean }>;
  /** Open the corpus search (the popup, as a tab) with `query` typed in. */
  openSearch(req: { query: string }): Result<null>;
  /** Whether the corpus is being indexed, and how far (answered at once, also while indexing). */
  indexStatus(): Result<IndexStatus>;
  /** (ui) A content script's count of matched quotes, shown on the toolbar icon of its tab. */
  setPageCount(req: { matched: number }): Result<null>;
  /** (ui) How many documents the corpus holds and its revision (the report's export). */
  corpusInfo(): Result<{ documents: number; version: string }>;

  // (scale) The content script in two stages (`lib/content/stages.ts`).
  /** Inject the content script's second stage into the sender's frame (its first stage asks). */
  loadPageScript(): Result<null>;
};

/** Progress of the background's indexing of the corpus: `done` of `total` documents read. */
/**
 * What the background is doing to the corpus, for a progress bar: `indexing` is true while a
 * step is under way; `step` says which (none: the index is ready), `done` of `total` documents.
 * - `saving`: documents being written to the corpus (an import, an undo);
 * - `indexing`: documents being read, parsed and indexed (after a change, or a restart
 *   without a cached index);
 * - `loading`: the cached index being read (no count: `total` is 0).
 */
export interface IndexStatus {
  indexing: boolean;
  step?: 'saving' | 'indexing' | 'loading';
  done: number;
  total: number;
}

/** Calls that the background and the popup make to a tab's content script. */
export type ContentCalls = {
  /** The page as it is now, serialised, for "Add this page" (read by the options page). */
  getPageSource(): Result<{ url: string; html: string }>;
  /** Source the reader's selection (`text`) as a quote and open the answer at the selection. */
  sourceSelection(req: { text: string }): Result<{ found: boolean }>;
  /** The corpus or the settings changed: match the page again. */
  corpusChanged(): Result<null>;
  /** What Verbatim found on this page (popup). */
  getPageStats(): Result<{
    host: string;
    found: number;
    matched: number;
    /** (copies) Unmarked copies marked (absent from older content scripts). */
    copies?: number;
    paused: boolean;
  }>;
  /**
   * How far the content script has got (scans, updates, their times): how the e2e tests,
   * benchmarks and demo learn, through the service worker, that a page is marked. Nothing
   * of it is visible to the page.
   */
  getActivity(): Result<{
    url: string;
    startedAt: number;
    firstScanAt: number | null;
    firstIdleAt: number | null;
    /** (copies) When marks were first drawn. */
    firstDrawAt?: number | null;
    lastIdleAt: number | null;
    scans: number;
    idles: number;
  }>;
  /**
   * What the UI in the closed shadow root shows (popover parts, stand-ins, focus): for the
   * extension's own test tools where a driver cannot enter the content script's world.
   */
  inspectUi(): Result<UiSnapshot>;
  /** (ui) Every quote on the page in reading order, matched or not. */
  getPageReport(): Result<PageReport>;
  /** (ui) Scroll to a quote and open its popover (no popover for a quote without a source). */
  revealQuote(req: { id: number }): Result<boolean>;
  /** (ui) Open the next or previous matched quote's popover; the id opened, null when none. */
  stepQuote(req: { direction: 'next' | 'previous' }): Result<number | null>;
};

/** A message on the wire: the call's name and its arguments. */
export interface Envelope<Calls> {
  /** Marks Verbatim's own messages among whatever else the runtime carries. */
  verbatim: 1;
  type: keyof Calls & string;
  args: unknown[];
}

export type CallArgs<Calls, K extends keyof Calls> = Calls[K] extends (...args: infer A) => unknown
  ? A
  : never;
export type CallResult<Calls, K extends keyof Calls> = Calls[K] extends (
  ...args: never[]
) => infer R
  ? R
  : never;

export type { DocumentKind };
export type { UiSnapshot };
