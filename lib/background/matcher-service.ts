/**
 * The background's matching state: the corpus index and search, built from
 * the store on first use and after every corpus change.
 *
 * A service worker is stopped when idle and started again by the next
 * message, so start-up is on the path of a reader's first quote. The index is
 * cached in the database under the corpus revision: a restarted worker
 * restores it (no parsing, no tokenising) and only a changed corpus or a new
 * build parses again, and then only the documents it has not parsed before.
 *
 * Requests that arrive while the index loads wait for it; none is dropped.
 */
import { CorpusIndex } from '../core/corpus-index';
import { findSource } from '../core/find-source';
import type { MatchOptions } from '../core/match-quote';
import { parseDocument } from '../core/parse-document';
import { CorpusSearch } from '../core/search-index';
import { findCopies, type CopySpan } from '../core/text-reuse';
import type { ParsedDocument, QuoteMatch, SearchHit, SourceDocument } from '../core/types';
import type { CopyRequest, IndexStatus, QuoteRequest, Settings } from '../messaging/protocol';
import type { CorpusStore } from '../storage/corpus-store';
import type { StoredDocument } from '../storage/db';

/** `Settings.sensitivity` → the matcher's minimum score (see `MATCH_DEFAULTS`). */
export const MIN_SCORE: Readonly<Record<Settings['sensitivity'], number>> = {
  strict: 0.75,
  balanced: 0.6,
  loose: 0.5,
};

/** Quotes per `matchQuotes` call at most. */
export const MAX_QUOTES = 2_000;
/** Characters per quote at most. */
export const MAX_QUOTE_CHARS = 20_000;
/** A search query is read up to this many characters. */
export const MAX_QUERY_CHARS = 500;
/** Matching yields to other messages after this much work (ms), so a big page does not block the popup. */
const SLICE_MS = 30;

/** How the current index was obtained, for diagnostics and measurement. */
export interface LoadInfo {
  source: 'cache' | 'build';
  /** Documents in the index, and how many had to be parsed for it. */
  documents: number;
  parsed: number;
  /** Wall time of the load, in ms. */
  ms: number;
}

interface Loaded {
  generation: number;
  index: CorpusIndex;
  search: CorpusSearch;
  /** Parses by document `rev`, reused by the next build and by the corpus list. */
  parsedByRev: Map<string, ParsedDocument>;
  info: LoadInfo;
}

export interface MatcherServiceOptions {
  /**
   * Identifies the code that parses documents; a cached index made by another
   * build is not used. The extension's version in production.
   */
  build?: string;
  /** Loading waits for this first (seeding the bundled corpus). */
  after?: Promise<unknown>;
  /** Test seam: the document parser. */
  parse?: (doc: SourceDocument) => ParsedDocument;
}

export class MatcherService {
  private readonly build: string;
  private readonly after: Promise<unknown>;
  private readonly parse: (doc: SourceDocument) => ParsedDocument;
  private readonly unsubscribe: () => void;
  /** Bumped by every corpus change; an index of an older generation is stale. */
  private generation = 0;
  private loaded: Loaded | undefined;
  private loading: Promise<Loaded> | undefined;
  private cacheWrite: Promise<unknown> = Promise.resolve();
  /** Progress of the load under way: documents read (parsed or reused) of all. */
  private progress: { done: number; total: number } | undefined;

  constructor(
    private readonly store: CorpusStore,
    options: MatcherServiceOptions = {},
  ) {
    this.build = options.build ?? 'dev';
    this.after = (options.after ?? Promise.resolve()).catch(() => undefined);
    this.parse = options.parse ?? parseDocument;
    this.unsubscribe = store.subscribe(change => {
      if (change.corpus) this.invalidate();
    });
  }

  /**
   * The source of each quote, in order (null: none found, or shorter than the
   * user's minimum). The quotes' `attribution` is not used here: the content
   * script compares it with the match's speaker.
   *
   * @throws RangeError past `MAX_QUOTES` quotes or `MAX_QUOTE_CHARS` characters in one quote.
   */
  async matchQuotes(quotes: readonly QuoteRequest[]): Promise<Array<QuoteMatch | null>> {
    if (quotes.length > MAX_QUOTES) {
      throw new RangeError(
        `too many quotes in one request (${quotes.length}; at most ${MAX_QUOTES})`,
      );
    }
    const long = quotes.findIndex(q => q.text.length > MAX_QUOTE_CHARS);
    if (long >= 0) {
      throw new RangeError(
        `quote ${long + 1} is too long (${quotes[long]!.text.length} characters; at most ${MAX_QUOTE_CHARS})`,
      );
    }
    if (quotes.length === 0) return [];
    const [{ index }, settings] = await Promise.all([this.current(), this.store.getSettings()]);
    const options = matchOptions(settings);
    const results: Array<QuoteMatch | null> = [];
    let sliceStart = performance.now();
    for (const quote of quotes) {
      results.push(findSource(index, quote.text, { ...options, attribution: quote.attribution }));
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise(resolve => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
    return results;
  }

  /**
   * The unmarked copies of corpus passages in each of a page's paragraphs (see `findCopies`
   * in the core). Yields to other messages as `matchQuotes` does.
   *
   * @throws RangeError past `MAX_QUOTES` paragraphs or `MAX_QUOTE_CHARS` characters in one.
   */
  async findCopies(blocks: readonly CopyRequest[]): Promise<CopySpan[][]> {
    if (blocks.length > MAX_QUOTES) {
      throw new RangeError(
        `too many paragraphs in one request (${blocks.length}; at most ${MAX_QUOTES})`,
      );
    }
    const long = blocks.findIndex(b => b.text.length > MAX_QUOTE_CHARS);
    if (long >= 0) {
      throw new RangeError(
        `paragraph ${long + 1} is too long (${blocks[long]!.text.length} characters; at most ${MAX_QUOTE_CHARS})`,
      );
    }
    if (blocks.length === 0) return [];
    const { index } = await this.current();
    const results: CopySpan[][] = [];
    let sliceStart = performance.now();
    for (const block of blocks) {
      results.push(findCopies(index, block.text, { exclude: block.exclude }));
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise(resolve => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
    return results;
  }

  /** Corpus sentences matching `query`, best first. */
  async search(query: string, limit?: number): Promise<SearchHit[]> {
    const { search } = await this.current();
    return search.search(query.slice(0, MAX_QUERY_CHARS), limit);
  }

  /** A stored document's parse: the indexed one if the document has not changed since. */
  parsed(doc: StoredDocument): ParsedDocument {
    return this.loaded?.parsedByRev.get(doc.rev) ?? this.parse(doc);
  }

  /**
   * Whether the index is being loaded and how far: `done` of `total`
   * documents read (the popup and options page show it). Answered at once:
   * a build yields between documents, so this call is not kept waiting.
   */
  status(): IndexStatus {
    const p = this.progress;
    if (this.loading && p) return { indexing: true, done: p.done, total: p.total };
    const total = this.loaded?.index.documents.length ?? 0;
    return { indexing: this.loading !== undefined, done: total, total };
  }

  /** Wait for an up-to-date index (loading it if needed); returns how it was obtained. */
  async ready(): Promise<LoadInfo> {
    return (await this.current()).info;
  }

  /** The corpus changed: the next request uses a new index, and loading it starts now. */
  invalidate(): void {
    this.generation++;
    this.current().catch(e => console.error('Verbatim: cannot rebuild the corpus index', e));
  }

  /** Wait until the last built index is written to the cache (tests, measurement). */
  async flush(): Promise<void> {
    await this.cacheWrite;
  }

  /** Stop following corpus changes. */
  destroy(): void {
    this.unsubscribe();
  }

  private async current(): Promise<Loaded> {
    for (;;) {
      const loaded = this.loaded;
      if (loaded && loaded.generation === this.generation) return loaded;
      if (!this.loading) {
        this.loading = this.load(this.generation).finally(() => {
          this.loading = undefined;
        });
      }
      // If the corpus changed during this load, the loop loads again.
      this.loaded = await this.loading;
    }
  }

  private async load(generation: number): Promise<Loaded> {
    await this.after;
    const started = performance.now();
    const cached = await this.store.readCachedIndex(this.build);
    if (cached.entry && cached.texts) {
      const index = CorpusIndex.restore(cached.entry.snapshot, cached.texts);
      if (index && cached.entry.revs.length === index.documents.length) {
        const parsedByRev = new Map(
          cached.entry.revs.map((rev, i) => [rev, index.documents[i]!.doc] as const),
        );
        return this.loadedFrom(generation, index, parsedByRev, {
          source: 'cache',
          documents: index.documents.length,
          parsed: 0,
          ms: performance.now() - started,
        });
      }
    }

    const { revision, documents } = await this.store.readCorpus();
    const progress = { done: 0, total: documents.length };
    this.progress = progress;
    let sliceStart = performance.now();
    const previous = this.loaded?.parsedByRev;
    const parsedByRev = new Map<string, ParsedDocument>();
    const revs: string[] = [];
    const parsedDocs: ParsedDocument[] = [];
    let parsed = 0;
    for (const doc of documents) {
      if (performance.now() - sliceStart > SLICE_MS) {
        // Let other messages in: a status query is answered while a big corpus is parsed.
        await new Promise(resolve => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
      progress.done++;
      let result = previous?.get(doc.rev);
      if (!result) {
        try {
          result = this.parse(doc);
          parsed++;
        } catch (e) {
          // One document the parser cannot read must not take matching down for all the others.
          console.error(`Verbatim: cannot parse "${doc.id}"; it is left out of matching`, e);
          continue;
        }
      }
      parsedByRev.set(doc.rev, result);
      revs.push(doc.rev);
      parsedDocs.push(result);
    }
    const index = CorpusIndex.build(parsedDocs);
    const ms = performance.now() - started;
    this.progress = undefined;
    this.cacheWrite = this.store
      .writeCachedIndex({ build: this.build, revision, revs, snapshot: index.snapshot() })
      .catch(e => console.warn('Verbatim: cannot cache the corpus index', e));
    return this.loadedFrom(generation, index, parsedByRev, {
      source: 'build',
      documents: parsedDocs.length,
      parsed,
      ms,
    });
  }

  private loadedFrom(
    generation: number,
    index: CorpusIndex,
    parsedByRev: Map<string, ParsedDocument>,
    info: LoadInfo,
  ): Loaded {
    console.debug(
      `Verbatim: corpus index ${info.source === 'cache' ? 'restored' : 'built'} in ${info.ms.toFixed(1)} ms ` +
        `(${info.documents} documents, ${info.parsed} parsed)`,
    );
    return { generation, index, search: new CorpusSearch(index), parsedByRev, info };
  }
}

/** The matcher options for the user's settings. */
export function matchOptions(settings: Settings): MatchOptions {
  return { minScore: MIN_SCORE[settings.sensitivity], minWords: settings.minQuoteWords };
}
