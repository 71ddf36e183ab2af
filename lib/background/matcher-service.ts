/**
 * The background's matching state: the corpus index and search, built from
 * the store on first use and after every corpus change.
 *
 * A service worker is stopped when idle and started again by the next
 * message, so start-up is on the path of a reader's first quote. The index is
 * cached in the database under the corpus revision: a restarted worker
 * restores it (no parsing, no tokenising, no document text read) and only a
 * changed corpus or a new build parses again, and then only the documents it
 * has not parsed before.
 *
 * Documents' texts are not held: the index answers from its arrays, and the
 * texts of the few documents an answer is read from are read from the store
 * when it asks for them (`TextSteps`), at most `TEXT_BUDGET` characters kept.
 *
 * Requests that arrive while the index loads wait for it; none is dropped.
 */
import {
  CorpusIndex,
  CorpusIndexBuilder,
  MISPRINT_BUDGET,
  TEXT_BUDGET,
  type IndexOptions,
  type TextSteps,
} from '../core/corpus-index';
import { findSourceSteps } from '../core/find-source';
import type { MatchOptions } from '../core/match-quote';
import { parseDocument } from '../core/parse-document';
import { CorpusSearch } from '../core/search-index';
import { findCopiesSteps, type CopySpan } from '../core/text-reuse';
import type { ParsedDocument, QuoteMatch, SearchHit, SourceDocument } from '../core/types';
import type { CopyRequest, IndexStatus, QuoteRequest, Settings } from '../messaging/protocol';
import { nextTask } from '../platform/next-task';
import {
  countsOf,
  type CachedIndex,
  type CorpusStore,
  type DocumentCounts,
} from '../storage/corpus-store';
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
/** Documents read from the store at a time when the index is built. */
const READ_BATCH = 200;
/** Times a request starts again on a newer index when the corpus changes under it. */
const MAX_RETRIES = 5;

/** How the current index was obtained, for diagnostics and measurement. */
export interface LoadInfo {
  source: 'cache' | 'build';
  /** Documents in the index, and how many had to be parsed for it. */
  documents: number;
  parsed: number;
  /**
   * Wall time of the load, in ms (from its start, waiting for the bundled documents' check
   * included); of which, for a restore, until the cached index was read.
   */
  ms: number;
  readMs?: number;
}

interface Loaded {
  generation: number;
  index: CorpusIndex;
  search: CorpusSearch;
  /** Each indexed document's `rev`, in index order. */
  revs: readonly string[];
  /** `rev` → document number in the index. */
  numberByRev: Map<string, number>;
  info: LoadInfo;
}

/** The corpus changed while a request read texts for an older index: it starts again. */
class StaleIndex extends Error {}

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
  /** Test seam: characters of texts kept in memory (default `TEXT_BUDGET`). */
  textBudget?: number;
}

export class MatcherService {
  private readonly build: string;
  private readonly after: Promise<unknown>;
  private readonly parse: (doc: SourceDocument) => ParsedDocument;
  private readonly indexOptions: IndexOptions;
  private readonly unsubscribe: () => void;
  /** Bumped by every corpus change; an index of an older generation is stale. */
  private generation = 0;
  private loaded: Loaded | undefined;
  private loading: Promise<Loaded> | undefined;
  private cacheWrite: Promise<unknown> = Promise.resolve();
  /** Progress of the load under way. */
  private progress: { step: 'indexing' | 'loading'; done: number; total: number } | undefined;
  /** Texts read from the store since the index was loaded (documents, characters). */
  private textReads = { documents: 0, chars: 0 };

  constructor(
    private readonly store: CorpusStore,
    options: MatcherServiceOptions = {},
  ) {
    this.build = options.build ?? 'dev';
    this.after = (options.after ?? Promise.resolve()).catch(() => undefined);
    this.parse = options.parse ?? parseDocument;
    this.indexOptions = {
      textBudget: options.textBudget ?? TEXT_BUDGET,
      misprintBudget: MISPRINT_BUDGET,
    };
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
    const options = matchOptions(await this.store.getSettings());
    return this.each(quotes, (index, quote) =>
      findSourceSteps(index, quote.text, { ...options, attribution: quote.attribution }),
    );
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
    return this.each(blocks, (index, block) =>
      findCopiesSteps(index, block.text, { exclude: block.exclude }),
    );
  }

  /** Corpus sentences matching `query`, best first. */
  async search(query: string, limit?: number): Promise<SearchHit[]> {
    return this.run(loaded => loaded.search.searchSteps(query.slice(0, MAX_QUERY_CHARS), limit));
  }

  /** A stored document's parse, whole (the reader and the editor show it). */
  parsed(doc: StoredDocument): ParsedDocument {
    return this.parse(doc);
  }

  /**
   * A stored document's counts of speakers and sentences (the corpus list): the index's when
   * it holds the document as it is now, else from a parse; null if it cannot be parsed.
   */
  counts(doc: StoredDocument): DocumentCounts | null {
    const n = this.loaded?.numberByRev.get(doc.rev);
    if (n !== undefined) {
      const entry = this.loaded!.index.documents[n]!;
      return {
        speakers: this.loaded!.index.speakers(n).length,
        passages: entry.segmentsTo - entry.segmentsFrom,
      };
    }
    try {
      return countsOf(this.parse(doc));
    } catch (e) {
      console.error(`Verbatim: cannot parse "${doc.id}"`, e);
      return null;
    }
  }

  /**
   * What is under way and how far: documents saved, documents indexed of all, or the cached
   * index being read (the popup and options page show it). Answered at once: saving and
   * indexing yield between documents, so this call is not kept waiting.
   */
  status(): IndexStatus {
    const saving = this.store.saveProgress();
    if (saving) return { indexing: true, step: 'saving', ...saving };
    const p = this.progress;
    if (this.loading && p) return { indexing: true, step: p.step, done: p.done, total: p.total };
    const total = this.loaded?.index.documents.length ?? 0;
    if (this.loading) return { indexing: true, step: 'loading', done: 0, total: 0 };
    return { indexing: false, done: total, total };
  }

  /** Wait for an up-to-date index (loading it if needed); returns how it was obtained. */
  async ready(): Promise<LoadInfo> {
    return (await this.current()).info;
  }

  /** For measurement and tests: the current index, and the texts read since it was loaded. */
  async inspect(): Promise<{
    index: CorpusIndex;
    textReads: { documents: number; chars: number };
  }> {
    const { index } = await this.current();
    return { index, textReads: { ...this.textReads } };
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

  /**
   * `steps` for each item in order, yielding to other messages every `SLICE_MS`.
   */
  private async each<I, T>(
    items: readonly I[],
    steps: (index: CorpusIndex, item: I) => TextSteps<T>,
  ): Promise<T[]> {
    const results: T[] = [];
    let sliceStart = performance.now();
    for (const item of items) {
      results.push(await this.run(loaded => steps(loaded.index, item)));
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTask();
        sliceStart = performance.now();
      }
    }
    return results;
  }

  /**
   * Run a computation over the current index, reading the texts it asks for from the store;
   * if the corpus changed meanwhile (a text it needs is no longer the indexed one), start it
   * again over the new index.
   */
  private async run<T>(start: (loaded: Loaded) => TextSteps<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.current();
      try {
        const steps = start(loaded);
        for (let r = steps.next(); ; r = steps.next()) {
          if (r.done) return r.value;
          await this.readTexts(loaded, r.value);
        }
      } catch (e) {
        if (!(e instanceof StaleIndex) || attempt >= MAX_RETRIES) throw e;
      }
    }
  }

  /** Load the texts of documents `needed` of `loaded`'s index that it lacks from the store. */
  private async readTexts(loaded: Loaded, needed: readonly number[]): Promise<void> {
    const { index, revs } = loaded;
    const docs = index.missingTexts(needed);
    const wanted = docs.map(n => ({ id: index.meta(n).id, rev: revs[n]! }));
    const started = performance.now();
    const texts = await this.store.readTexts(wanted);
    console.debug(
      `Verbatim: read ${docs.length} texts in ${(performance.now() - started).toFixed(1)} ms`,
    );
    if (texts.some(t => t === undefined)) {
      // A document changed or went since this index was made: the store's change has made
      // (or will make) a newer one.
      if (loaded.generation === this.generation) this.invalidate();
      throw new StaleIndex('the corpus changed');
    }
    index.addTexts(
      docs.map((n, i) => [n, texts[i]!] as const),
      needed,
    );
    this.textReads.documents += docs.length;
    for (const t of texts) this.textReads.chars += t!.length;
  }

  private async current(): Promise<Loaded> {
    for (;;) {
      const loaded = this.loaded;
      if (loaded && loaded.generation === this.generation) return loaded;
      if (!this.loading) {
        this.loading = this.load(this.generation).finally(() => {
          this.loading = undefined;
          this.progress = undefined;
        });
      }
      // If the corpus changed during this load, the loop loads again.
      this.loaded = await this.loading;
      this.textReads = { documents: 0, chars: 0 };
    }
  }

  private async load(generation: number): Promise<Loaded> {
    const started = performance.now();
    // A restarted background reads the index it cached last while the bundled documents are
    // checked, and uses it if no document was written since it was made (the corpus's stamp
    // says so) or, failing that, if it was made for the corpus's revision. Later loads follow
    // a corpus change: the cache is looked up for the new revision only.
    const latest =
      this.loaded === undefined
        ? this.store.readLatestCachedIndex(this.build).catch(() => undefined)
        : undefined;
    await this.after;
    this.progress = { step: 'loading', done: 0, total: 0 };
    let entry: CachedIndex | undefined;
    if (latest) {
      const stamp = await this.store.corpusStamp();
      const found = await latest;
      const current =
        found !== undefined &&
        ((found.stamp !== undefined && found.stamp === stamp) ||
          found.revision === (await this.store.revision()));
      if (current) entry = found;
    } else {
      entry = (await this.store.readCachedIndex(this.build)).entry;
    }
    const readMs = performance.now() - started;
    if (entry) {
      const index = CorpusIndex.restore(entry.snapshot, this.indexOptions);
      if (index && entry.revs.length === index.documents.length) {
        return this.loadedFrom(generation, index, entry.revs, {
          source: 'cache',
          documents: index.documents.length,
          parsed: 0,
          ms: performance.now() - started,
          readMs,
        });
      }
    }

    // Parses of the previous index's documents, by `rev`: only new or changed documents are parsed.
    const previous = this.loaded;
    const reuse = (doc: StoredDocument) => {
      const n = previous?.numberByRev.get(doc.rev);
      return n === undefined ? undefined : { ...previous!.index.record(n), text: doc.text };
    };
    const builder = new CorpusIndexBuilder(this.indexOptions);
    const revs: string[] = [];
    let revision: string | undefined;
    let parsed = 0;
    let sliceStart = performance.now();
    for await (const batch of this.store.readCorpusBatches(READ_BATCH)) {
      revision ??= batch.revision;
      const progress = (this.progress = {
        step: 'indexing' as const,
        done: revs.length,
        total: batch.total,
      });
      for (const doc of batch.documents) {
        if (performance.now() - sliceStart > SLICE_MS) {
          // Let other messages in: a status query is answered while a big corpus is indexed.
          await nextTask();
          sliceStart = performance.now();
        }
        progress.done++;
        let result = reuse(doc);
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
        builder.add(result);
        revs.push(doc.rev);
      }
    }
    const index = builder.finish();
    const ms = performance.now() - started;
    if (revision !== undefined) {
      this.cacheWrite = this.store
        .writeCachedIndex({ build: this.build, revision, revs, snapshot: index.snapshot() })
        .catch(e => console.warn('Verbatim: cannot cache the corpus index', e));
    }
    return this.loadedFrom(generation, index, revs, {
      source: 'build',
      documents: revs.length,
      parsed,
      ms,
    });
  }

  private loadedFrom(
    generation: number,
    index: CorpusIndex,
    revs: readonly string[],
    info: LoadInfo,
  ): Loaded {
    console.debug(
      `Verbatim: corpus index ${info.source === 'cache' ? 'restored' : 'built'} in ${info.ms.toFixed(1)} ms ` +
        `(${info.documents} documents, ${info.parsed} parsed` +
        `${info.readMs === undefined ? '' : `; ${info.readMs.toFixed(1)} ms reading it`})`,
    );
    return {
      generation,
      index,
      search: new CorpusSearch(index),
      revs,
      numberByRev: new Map(revs.map((rev, i) => [rev, i])),
      info,
    };
  }
}

/** The matcher options for the user's settings. */
export function matchOptions(settings: Settings): MatchOptions {
  return { minScore: MIN_SCORE[settings.sensitivity], minWords: settings.minQuoteWords };
}
