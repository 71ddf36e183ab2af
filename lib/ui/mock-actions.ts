/**
 * In-memory actions for tests and previews of the popup and the options
 * page. The corpus lives in a `Map`, parsed and searched with the real core
 * (so search tolerates typos and word order, as in the extension), and
 * writes follow the background's rules: all-or-nothing saves, duplicates by
 * id or by text, deletes that return the documents, reset to the bundled
 * set. Every call is logged in `calls`; browser-side effects (opened tabs,
 * downloads, closing) are recorded instead of happening.
 */
import { checkDocument, metaOf, toCorpusFile } from '../core/corpus-file';
import { CorpusIndex } from '../core/corpus-index';
import { parseDocument } from '../core/parse-document';
import { CorpusSearch } from '../core/search-index';
import type { ParsedDocument, QuoteMatch, SourceDocument } from '../core/types';
import {
  DEFAULT_SETTINGS,
  type ConflictPolicy,
  type DocumentSummary,
  type PageReport,
  type Result,
  type IndexStatus,
  type Settings,
} from '../messaging/protocol';
import type { CorpusActions, PageStatus, PopupActions, ReaderTarget } from './actions';
import { readerHref } from './reader-link';

/** Two short documents to preview and test with: a press conference and a statement. */
export const SAMPLE_DOCUMENTS: readonly SourceDocument[] = [
  {
    id: 'harbour-press-conference-2025-03-14',
    title:
      'Press conference by Minister of Coastal Affairs Ingrid Halvorsen on the fishing quota agreement',
    kind: 'transcript',
    date: '2025-03-14',
    publisher: 'Ministry of Coastal Affairs',
    sourceUrl: 'https://coastal.example/press/2025-03-14',
    text: [
      'Press conference',
      '',
      'Minister of Coastal Affairs Ingrid Halvorsen: Good morning. This morning the government signed a ten-year fishing quota agreement with our northern neighbours. It protects the spawning grounds of cod and herring.',
      '',
      'Tomas Reyes (Harbour Daily): Fishermen in the western ports say they were not consulted. What do you say to them?',
      '',
      'Minister of Coastal Affairs Ingrid Halvorsen: I have met the fishermen’s associations eleven times in the past year. No one was left out of the room.',
    ].join('\n'),
  },
  {
    id: 'river-council-statement-2024-11-02',
    title: 'Statement by Mayor Lena Okafor on the river flood defences',
    kind: 'statement',
    date: '2024-11-02',
    publisher: 'Riverton City Council',
    text: [
      'Statement by Mayor Lena Okafor on the river flood defences',
      '',
      'The new flood barrier will be finished before next winter. Every household on the east bank will be protected by the end of the year. We will publish the engineers’ report in full, so that residents can judge the work for themselves.',
    ].join('\n'),
  },
];

export interface MockOptions {
  /** The corpus at the start (default: `SAMPLE_DOCUMENTS`). */
  documents?: readonly SourceDocument[];
  /** What a reset restores (default: the starting corpus). */
  bundled?: readonly SourceDocument[];
  settings?: Partial<Settings>;
  /** What `pageStatus` reports (default: a page with 5 quotes found, 3 matched). */
  page?: PageStatus;
  /** When the clock reads this, for `updated` and export dates. */
  now?: () => Date;
}

/** A call made through the mock, for assertions. */
export interface MockCall {
  name: string;
  args: unknown[];
}

interface Row {
  doc: SourceDocument;
  updated: string;
  parsed: ParsedDocument;
}

/** The mock's state and records, shared by its corpus and popup actions. */
export class MockBackend {
  readonly calls: MockCall[] = [];
  readonly opened: ReaderTarget[] = [];
  readonly downloads: Array<{ fileName: string; contents: string; mimeType: string }> = [];
  optionsOpened = 0;
  closed = 0;
  page: PageStatus;
  /** (ui) What `checkQuote` answers, by text (default: no source). */
  quoteSources = new Map<string, QuoteMatch>();
  /** (ui) What `pageReport` answers (default: no quotes). */
  report: PageReport = { url: 'https://news.example/a', title: 'A', checkedAt: '', quotes: [] };
  settings: Settings;
  /** What `indexStatus` answers (tests set it to show indexing in progress). */
  index: IndexStatus = { indexing: false, done: 0, total: 0 };
  private readonly rows = new Map<string, Row>();
  private readonly bundled: readonly SourceDocument[];
  private readonly now: () => Date;
  private search: CorpusSearch | undefined;

  constructor(options: MockOptions = {}) {
    const documents = options.documents ?? SAMPLE_DOCUMENTS;
    this.bundled = options.bundled ?? documents;
    this.now = options.now ?? (() => new Date('2026-01-15T10:00:00Z'));
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.settings.disabledSites = [...this.settings.disabledSites];
    this.page = options.page ?? {
      running: true,
      host: 'news.example',
      found: 5,
      matched: 3,
      paused: false,
    };
    for (const doc of documents) this.put(doc);
  }

  /** The stored documents, in id order. */
  documents(): SourceDocument[] {
    return [...this.rows.values()].map(r => r.doc).sort((a, b) => a.id.localeCompare(b.id));
  }

  log(name: string, args: unknown[]): void {
    this.calls.push({ name, args: structuredClone(args) });
  }

  /** Calls made, by name. */
  callsTo(name: string): MockCall[] {
    return this.calls.filter(c => c.name === name);
  }

  list(): DocumentSummary[] {
    return [...this.rows.values()]
      .sort((a, b) => a.doc.id.localeCompare(b.doc.id))
      .map(row => this.summary(row));
  }

  get(id: string): Row | undefined {
    return this.rows.get(id);
  }

  save(documents: SourceDocument[], onConflict: ConflictPolicy): Result<{ saved: string[] }> {
    const checked: SourceDocument[] = [];
    for (const [i, item] of documents.entries()) {
      const result = checkDocument(item);
      if (!result.ok) return { ok: false, error: `document ${i + 1}: ${result.error}` };
      if (checked.some(d => d.id === result.value.id)) {
        return { ok: false, error: `"${result.value.id}" appears twice in the documents` };
      }
      checked.push(result.value);
    }
    // All or nothing: work on a copy, commit at the end.
    const next = new Map(this.rows);
    const ids: string[] = [];
    for (const doc of checked) {
      const byId = next.get(doc.id);
      const sameText = [...next.values()].filter(
        r => r.doc.id !== doc.id && r.doc.text === doc.text,
      );
      let id = doc.id;
      if (onConflict === 'fail') {
        if (byId) {
          return { ok: false, error: `"${doc.id}" is already in the corpus ("${byId.doc.title}")` };
        }
        if (sameText[0]) {
          const other = sameText[0].doc;
          return {
            ok: false,
            error: `"${doc.id}" has the same text as "${other.id}" ("${other.title}"), already in the corpus`,
          };
        }
      } else if (onConflict === 'replace') {
        for (const other of sameText) {
          next.delete(other.doc.id);
          const k = ids.indexOf(other.doc.id);
          if (k >= 0) ids.splice(k, 1);
        }
      } else if (byId || ids.includes(id)) {
        for (let n = 2; next.has(id) || ids.includes(id); n++) id = `${doc.id}-${n}`;
      }
      next.set(id, this.row({ ...doc, id }));
      if (!ids.includes(id)) ids.push(id);
    }
    this.rows.clear();
    for (const [k, v] of next) this.rows.set(k, v);
    this.search = undefined;
    return { ok: true, value: { saved: ids } };
  }

  put(doc: SourceDocument): void {
    this.rows.set(doc.id, this.row(doc));
    this.search = undefined;
  }

  delete(ids: string[]): SourceDocument[] {
    const deleted = [...new Set(ids)].flatMap(id => {
      const row = this.rows.get(id);
      if (!row) return [];
      this.rows.delete(id);
      return [row.doc];
    });
    this.search = undefined;
    return deleted;
  }

  reset(): number {
    this.rows.clear();
    for (const doc of this.bundled) this.put(doc);
    return this.bundled.length;
  }

  searchIndex(): CorpusSearch {
    this.search ??= new CorpusSearch(CorpusIndex.build([...this.rows.values()].map(r => r.parsed)));
    return this.search;
  }

  exportFile(ids?: string[]) {
    return toCorpusFile(ids ? ids.map(id => this.rows.get(id)!.doc) : this.documents(), this.now());
  }

  private row(doc: SourceDocument): Row {
    return { doc, updated: this.now().toISOString(), parsed: parseDocument(doc) };
  }

  private summary({ doc, updated, parsed }: Row): DocumentSummary {
    const bundled = this.bundled.find(b => b.id === doc.id);
    return {
      ...metaOf(doc),
      origin: bundled && JSON.stringify(bundled) === JSON.stringify(doc) ? 'bundled' : 'user',
      speakers: parsed.speakers.length,
      passages: parsed.segments.length,
      size: doc.text.length,
      updated,
    };
  }
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Options-page actions over a `MockBackend`. */
export function createMockCorpusActions(backend = new MockBackend()): CorpusActions {
  const logged = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => {
    return async (...args: A): Promise<R> => {
      backend.log(name, args);
      // A turn of the event loop, as a message would take.
      await Promise.resolve();
      return fn(...args);
    };
  };
  return {
    listDocuments: logged('listDocuments', () => ok(backend.list())),
    getDocument: logged('getDocument', (id: string) => {
      const row = backend.get(id);
      return row
        ? ok({ document: structuredClone(row.doc), parsed: row.parsed })
        : { ok: false as const, error: `no document "${id}" in the corpus` };
    }),
    saveDocuments: logged(
      'saveDocuments',
      (documents: SourceDocument[], onConflict: ConflictPolicy) =>
        backend.save(structuredClone(documents), onConflict),
    ),
    updateDocument: logged('updateDocument', (id: string, changes) => {
      const row = backend.get(id);
      if (!row) return { ok: false as const, error: `no document "${id}" in the corpus` };
      const merged: Record<string, unknown> = { ...row.doc, ...changes };
      if (merged.sourceUrl === '') delete merged.sourceUrl;
      const checked = checkDocument(merged);
      if (!checked.ok) return { ok: false as const, error: checked.error };
      backend.put(checked.value);
      return ok(backend.list().find(s => s.id === id)!);
    }),
    deleteDocuments: logged('deleteDocuments', (ids: string[]) =>
      ok({ deleted: backend.delete(ids) }),
    ),
    exportCorpus: logged('exportCorpus', (ids?: string[]) => {
      const missing = ids?.find(id => !backend.get(id));
      if (missing !== undefined) {
        return { ok: false as const, error: `no document "${missing}" in the corpus` };
      }
      return ok(backend.exportFile(ids));
    }),
    resetCorpus: logged('resetCorpus', () => ok({ documents: backend.reset() })),
    indexStatus: logged('indexStatus', () => ok({ ...backend.index })),
    getSettings: logged('getSettings', () => ok(structuredClone(backend.settings))),
    updateSettings: logged('updateSettings', (changes: Partial<Settings>) => {
      if (
        changes.minQuoteWords !== undefined &&
        (!Number.isInteger(changes.minQuoteWords) ||
          changes.minQuoteWords < 1 ||
          changes.minQuoteWords > 50)
      ) {
        return {
          ok: false as const,
          error: `minimum quote length must be a whole number of words from 1 to 50 (got ${JSON.stringify(changes.minQuoteWords)})`,
        };
      }
      const bad = changes.disabledSites?.find(s => !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(s.trim()));
      if (bad !== undefined) {
        return {
          ok: false as const,
          error: `"${bad.trim()}" is not a host name (like example.com)`,
        };
      }
      backend.settings = {
        ...backend.settings,
        ...changes,
        ...(changes.disabledSites
          ? { disabledSites: [...new Set(changes.disabledSites.map(s => s.trim().toLowerCase()))] }
          : {}),
      };
      return ok(structuredClone(backend.settings));
    }),
    readerUrl: target => readerHref('chrome-extension://mock/reader.html', target),
    downloadFile(fileName, contents, mimeType) {
      backend.log('downloadFile', [fileName, mimeType]);
      backend.downloads.push({ fileName, contents, mimeType });
    },
    async readTab(tabId) {
      backend.log('readTab', [tabId]);
      await Promise.resolve();
      return { ok: false, error: 'no such tab' };
    },
  };
}

/** Popup actions over a `MockBackend`. */
export function createMockPopupActions(backend = new MockBackend()): PopupActions {
  const corpus = createMockCorpusActions(backend);
  return {
    async searchCorpus(query, limit) {
      backend.log('searchCorpus', [query, limit]);
      await Promise.resolve();
      return ok(backend.searchIndex().search(query, limit));
    },
    indexStatus: corpus.indexStatus,
    async corpusSize() {
      backend.log('corpusSize', []);
      await Promise.resolve();
      const list = backend.list();
      return ok({
        documents: list.length,
        passages: list.reduce((sum, d) => sum + d.passages, 0),
      });
    },
    async pageStatus() {
      backend.log('pageStatus', []);
      await Promise.resolve();
      return structuredClone(backend.page);
    },
    getSettings: corpus.getSettings,
    updateSettings: corpus.updateSettings,
    async openReader(target) {
      backend.log('openReader', [target]);
      backend.opened.push(target);
    },
    async openOptions() {
      backend.log('openOptions', []);
      backend.optionsOpened++;
    },
    async addPage() {
      backend.log('addPage', []);
      return { ok: true, value: null };
    },
    async openWelcome() {
      backend.log('openWelcome', []);
    },
    close() {
      backend.log('close', []);
      backend.closed++;
    },
    async pageReport() {
      backend.log('pageReport', []);
      await Promise.resolve();
      return ok(structuredClone(backend.report));
    },
    async revealQuote(id) {
      backend.log('revealQuote', [id]);
      await Promise.resolve();
      return ok(backend.report.quotes.some(q => q.id === id));
    },
    async openReport() {
      backend.log('openReport', []);
    },
    async checkQuote(text) {
      backend.log('checkQuote', [text]);
      await Promise.resolve();
      return ok(backend.quoteSources.get(text) ?? null);
    },
  };
}
