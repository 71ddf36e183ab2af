/**
 * What the popup and the options page may do, as interfaces: the pages
 * receive an implementation and never touch `browser` themselves. The real
 * one (`browser-actions.ts`) sends messages to the background and the active
 * tab; the mock (`mock-actions.ts`) keeps a corpus in memory for tests and
 * previews.
 *
 * Every call that can fail resolves to a `Result` whose error is a sentence
 * for the user; none rejects.
 */
import type { CorpusFile } from '../core/corpus-file';
import type { ParsedDocument, QuoteMatch, SearchHit, SourceDocument } from '../core/types';
import type {
  ConflictPolicy,
  DocumentChanges,
  DocumentSummary,
  PageReport,
  Result,
  IndexStatus,
  Settings,
} from '../messaging/protocol';
import type { ReaderTarget } from './reader-link';

export type { ReaderTarget };

/** What Verbatim does on the active tab. */
export type PageStatus =
  | {
      running: true;
      host: string;
      /** Quotes Verbatim found on the page. */
      found: number;
      /** Of those, the ones it matched to a source. */
      matched: number;
      /** (copies) Paragraphs that copy a source without quotation marks, marked. */
      copies?: number;
      /** The content script's own view of whether it is paused there. */
      paused: boolean;
    }
  | {
      running: false;
      /** The page's host name, when known (so the site can still be paused). */
      host?: string;
      /**
       * False when the browser withholds Verbatim's access to web sites (the user turned it
       * off): a page whose address is hidden may then be a site rather than a browser page.
       */
      siteAccess?: boolean;
    };

/** The corpus and the settings: the options page. */
export interface CorpusActions {
  listDocuments(): Promise<Result<DocumentSummary[]>>;
  getDocument(id: string): Promise<Result<{ document: SourceDocument; parsed: ParsedDocument }>>;
  /** Save documents in one transaction (all or nothing); `fail` refuses duplicates, naming them. */
  saveDocuments(
    documents: SourceDocument[],
    onConflict: ConflictPolicy,
  ): Promise<Result<{ saved: string[] }>>;
  updateDocument(id: string, changes: DocumentChanges): Promise<Result<DocumentSummary>>;
  /** Delete documents; the result holds them whole, for an undo. */
  deleteDocuments(ids: string[]): Promise<Result<{ deleted: SourceDocument[] }>>;
  /** The corpus, or the documents `ids`, in the export format. */
  exportCorpus(ids?: string[]): Promise<Result<CorpusFile>>;
  /** Replace the corpus with the bundled documents. */
  resetCorpus(): Promise<Result<{ documents: number }>>;
  getSettings(): Promise<Result<Settings>>;
  updateSettings(changes: Partial<Settings>): Promise<Result<Settings>>;
  /** Whether the background is indexing the corpus, and how far it has got. */
  indexStatus(): Promise<Result<IndexStatus>>;
  /** The address of the reader page at `target`, for links. */
  readerUrl(target: ReaderTarget): string;
  /** Offer `contents` to the user as a downloaded file. */
  downloadFile(fileName: string, contents: string, mimeType: string): void;
  /** The page open in tab `tabId`, serialised by Verbatim's content script there ("Add this page"). */
  readTab(tabId: number): Promise<Result<{ url: string; html: string }>>;
}

/** Search and the active tab: the popup. */
export interface PopupActions {
  /** Corpus passages matching `query`, best first. */
  searchCorpus(query: string, limit?: number): Promise<Result<SearchHit[]>>;
  /** How big the corpus is. */
  corpusSize(): Promise<Result<{ documents: number; passages: number }>>;
  /** Whether the background is indexing the corpus, and how far it has got. */
  indexStatus(): Promise<Result<IndexStatus>>;
  /** What Verbatim does on the active tab. */
  pageStatus(): Promise<PageStatus>;
  getSettings(): Promise<Result<Settings>>;
  updateSettings(changes: Partial<Settings>): Promise<Result<Settings>>;
  /** Open the reader page at `target` in a new tab. */
  openReader(target: ReaderTarget): Promise<void>;
  /** Open the options page (corpus management). */
  openOptions(): Promise<void>;
  /** "Add this page": open the options page's import preview for the page the popup reports on. */
  addPage(): Promise<Result<null>>;
  /** Open the first-run page (what Verbatim does, how to add sources). */
  openWelcome(): Promise<void>;
  /** Close the popup. */
  close(): void;
  /** (ui) Every quote on the active tab, in reading order. */
  pageReport(): Promise<Result<PageReport>>;
  /** (ui) Scroll the active tab to a quote and open its popover. */
  revealQuote(id: number): Promise<Result<boolean>>;
  /** (ui) Open the full report of the active tab's quotes in a new tab. */
  openReport(): Promise<void>;
  /** (ui) The source of a whole quote typed into the search (the page matcher's answer), null for none. */
  checkQuote(text: string): Promise<Result<QuoteMatch | null>>;
}

/** (ui) What the report page (`report.html?tab=<id>`) may do. */
export interface ReportActions {
  pageReport(): Promise<Result<PageReport>>;
  corpusInfo(): Promise<Result<{ documents: number; version: string }>>;
  /** Bring the tab forward, scrolled to the quote with its popover open. */
  revealQuote(id: number): Promise<Result<boolean>>;
  readerUrl(target: ReaderTarget): string;
  downloadFile(fileName: string, contents: string, mimeType: string): void;
}

/**
 * Whether a refusal of `saveDocuments` with policy `fail` is a duplicate
 * (same id or same text already stored), which the user may resolve by
 * replacing or keeping both. The store says so in its messages: see
 * `CorpusStore.saveDocuments`.
 */
export function isDuplicateError(error: string): boolean {
  return /already in the corpus/.test(error);
}
