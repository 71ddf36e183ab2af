/**
 * Verbatim on one page: finds the quotes, asks the background for their
 * sources, marks the matched ones and keeps the marks up to date as the page
 * and the corpus change. The content script builds one and wires it to the
 * browser; everything it needs comes in through `QuotePageDeps`, so tests
 * drive it with fakes.
 *
 * Cost on a page without quotes: one `getSettings` call, one scan, and a
 * mutation observer; no UI, no `matchQuotes` call, nothing drawn. (The second
 * stage runs only where the first look saw a possible quotation; there, the
 * paragraphs long enough to hold an unmarked copy are also sent, in batches,
 * to `findCopies`: see `askCopies`.)
 *
 * What the page can observe does not depend on what the corpus holds: the UI host comes
 * with the first quote checked, and every quote checked gets a box of the same size in
 * the same pass, matched or not; (copies) so does every paragraph checked for copies,
 * whether one was found in it or not (`highlighter.ts`).
 */
import type { CopySpan } from '../core/text-reuse';
import type { QuoteMatch, Span } from '../core/types';
import {
  blockStretch,
  closestBlock,
  type DomQuote,
  type FindOptions,
  isBlockElement,
  type TextBlock,
} from '../dom/find-quotes';
import type {
  CopyRequest,
  PageQuote,
  PageReport,
  QuoteRequest,
  Result,
  Settings,
} from '../messaging/protocol';
import { type MarkKind, markKind } from '../ui/findings';
import { DEFAULT_SETTINGS } from '../messaging/protocol';
import { HitTester } from './hit-test';
import { type Box, unionBox } from './position';
import { HoverController, type HoverOverlay } from './hover';
import type { Highlighter } from './highlighter';
import { createMark, type Mark } from './marks';
import { MutationWatcher, type PageChange } from './mutation-watcher';
import { type ScanRegion, scanInSlices, SLICE_MS, type SliceScheduler } from './scan';
import { isSiteDisabled } from './sites';

/** Quotes longer than this (characters) are not sent (the background refuses them). */
export const MAX_QUOTE_CHARS = 20_000;
/** (ui) Faint "no source" marks drawn at most per page (a page of thousands is noise, not news). */
export const MAX_FAINT_MARKS = 300;
/** Quotes per `matchQuotes` call at most (the background's limit). */
export const MAX_BATCH = 2_000;
/**
 * (copies) A paragraph needs at least this many words to be checked for an unmarked copy
 * (`COPY_MIN_WORDS` of `lib/core/text-reuse.ts`, which is not imported here: it would bring
 * the matcher into the content script).
 */
export const COPY_MIN_WORDS = 12;
/** (copies) Characters of paragraph text per `findCopies` call at most: replies come in steps. */
export const COPY_BATCH_CHARS = 60_000;
/** (copies) Paragraphs per `findCopies` call at most. */
export const COPY_BATCH_BLOCKS = 400;
/** (copies) The `mark` of an unmarked copy's `DomQuote` (it has no quotation marks). */
export const COPY_MARK = 'copy';

/** What Verbatim found on the page (the popup's `getPageStats`). */
export interface PageStats {
  host: string;
  /** Quotes found on the page (each occurrence). */
  found: number;
  /** Of those, quotes with a source. */
  matched: number;
  /** (copies) Unmarked copies of a source marked on the page. */
  copies: number;
  /** Verbatim is switched off for this site. */
  paused: boolean;
}

/** The overlay as the page drives it: the hover controller's view of it plus marks. */
export interface PageOverlay extends HoverOverlay {
  readonly focusedId: number | undefined;
  setMarks(marks: readonly Mark[]): void;
  /** Say at `anchor` that the corpus has no source for `text` (a sourced selection). */
  openNotice(text: string, anchor: Box): void;
  /** Resolves when the marks' focusable proxies are all in place. */
  settled(): Promise<void>;
  destroy(): void;
}

export interface QuotePageDeps {
  /** The page (its `body` is scanned and watched). */
  doc: Document;
  /** `location.hostname`. */
  host: string;
  /** The background's calls (`callBackground`). */
  getSettings(): Promise<Result<Settings>>;
  matchQuotes(req: { quotes: QuoteRequest[] }): Promise<Result<Array<QuoteMatch | null>>>;
  /** (copies) The background's `findCopies`; without it, no paragraph is checked for copies. */
  findCopies?(req: { blocks: CopyRequest[] }): Promise<Result<CopySpan[][]>>;
  /** Mount the UI (first matched quote only); its host element is returned with it. */
  mountOverlay(): Promise<{ overlay: PageOverlay; host: Element }>;
  highlighter: Highlighter;
  /** Timers: `ctx.setTimeout` etc. in a content script. */
  scheduler: SliceScheduler & {
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(id: unknown): void;
    requestAnimationFrame(fn: () => void): unknown;
  };
  /** Options for the quote finder (`isHidden` in a browser). */
  find?: FindOptions;
  /** Test seam: options for the mutation watcher (debounce, longest wait). */
  debounceMs?: number;
  maxWaitMs?: number;
  /** Told about failures (console in the content script). */
  onError?: (message: string, error?: unknown) => void;
  /**
   * Told each time the page is up to date: the first pass (scan, match, marks) or a later
   * update is done, or the site is paused. For tests and measurement.
   */
  onIdle?: () => void;
  /** Told when the first scan starts (after the page's first frame). For measurement. */
  onScan?: () => void;
  /** (copies) Told when marks are drawn (quotes first, copies later). For measurement. */
  onDraw?: () => void;
  /** (ui) Told when the number of matched quotes changes (the toolbar badge). */
  onCount?: (matched: number) => void;
  /** (ui) Test seam: the clock of the report's `checkedAt`. */
  clock?: () => Date;
}

export class QuotePage {
  private settings: Settings = DEFAULT_SETTINGS;
  private paused = false;
  private started = false;
  private destroyed = false;
  /** Every quote found, in the order found. */
  private quotes: DomQuote[] = [];
  /** The quotes found, by the text node they start in: a rescan keeps those it finds again. */
  private byStart = new WeakMap<Node, DomQuote[]>();
  /** Elements left out of a scan because they were hidden: scanned again when they may show. */
  private hidden = new Set<Element>();
  /** Each quote's mark, kept while the quote and its source stay the same. */
  private markOf = new WeakMap<DomQuote, Mark>();
  /** The quotes drawn last time (matched or not), in order, and how many got a faint mark. */
  private checkedShown: DomQuote[] = [];
  private faintCount = 0;
  /** Sources by quote text (null: none); cleared when the corpus changes. */
  private matches = new Map<string, QuoteMatch | null>();
  private ids = new WeakMap<DomQuote, number>();
  private nextId = 1;
  private marks: Mark[] = [];
  /** Bumped when earlier match results become stale (corpus change, pause, destroy). */
  private generation = 0;
  /** Bumped when queued work must not run any more (pause, destroy). */
  private epoch = 0;
  /** Serialises scans and matching: one update at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private pendingTasks = 0;
  private abort = new AbortController();
  private watcher: MutationWatcher | undefined;
  private ui: Promise<{ overlay: PageOverlay; host: Element }> | undefined;
  private overlay: PageOverlay | undefined;
  private hostElement: Element | undefined;
  private hover: HoverController | undefined;
  private readonly hits = new HitTester<Mark>(mark =>
    mark.ranges.flatMap(r => [...r.getClientRects()]),
  );
  private resizeObserver: ResizeObserver | undefined;
  private observedBody: Element | undefined;
  private layoutPending = false;
  /** (ui) When the marks were last drawn (ISO 8601). */
  private checkedAt = '';
  /** (ui) The count last told to `onCount`. */
  private counted = -1;
  /** (ui) Ranges of the quotes without a source (see `unmatchedRanges`). */
  private faintRanges = new WeakMap<DomQuote, Range[]>();
  /** (ui) The quote `stepQuote` went to last. */
  private stepped: number | undefined;
  /** A page change whose update is queued and has not started yet (see `onPageChange`). */
  private waitingChange: PageChange | undefined;
  /** (copies) The page's paragraphs long enough to hold an unmarked copy, as last scanned. */
  private copyBlocks: CopyBlock[] = [];
  /** (copies) `findCopies` answers by paragraph (text and quoted stretches); cleared when the corpus changes. */
  private copyAnswers = new Map<string, CopySpan[]>();
  /** (copies) Each copy's source. */
  private copyMatch = new WeakMap<DomQuote, QuoteMatch>();

  constructor(private readonly deps: QuotePageDeps) {}

  /** Read the settings, then scan, match and mark the page. Resolves when the first pass is done. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const settings = await this.deps.getSettings();
    if (this.destroyed) return;
    if (settings.ok) this.settings = settings.value;
    else this.deps.onError?.(`cannot read the settings (${settings.error}); using the defaults`);
    if (isSiteDisabled(this.deps.host, this.settings.disabledSites)) {
      this.paused = true;
      this.deps.onIdle?.();
      return;
    }
    await this.run();
  }

  /** What the popup shows. */
  stats(): PageStats {
    const found = this.quotes.filter(q => q.element.isConnected).length;
    const copies = this.marks.filter(isCopyMark).length;
    return {
      host: this.deps.host,
      found,
      matched: this.marks.length - copies,
      copies,
      paused: this.paused,
    };
  }

  /** The marked quotes (tests, measurement). */
  get marked(): readonly Mark[] {
    return this.marks;
  }

  /**
   * The corpus or the settings changed: read the settings again; on a newly
   * disabled site remove everything, on a newly enabled one start; else match
   * the quotes already found again and redraw the marks.
   */
  async corpusChanged(): Promise<void> {
    const settings = await this.deps.getSettings();
    if (this.destroyed || !settings.ok) return;
    this.settings = settings.value;
    const disabled = isSiteDisabled(this.deps.host, this.settings.disabledSites);
    if (disabled) {
      if (!this.paused) this.pause();
      this.deps.onIdle?.();
      return;
    }
    if (!this.started) return;
    if (this.paused) {
      this.paused = false;
      await this.run();
      return;
    }
    this.generation++;
    this.matches.clear();
    this.copyAnswers.clear();
    for (const b of this.copyBlocks) b.copies = undefined;
    await this.enqueue(async () => {
      // (copies) Switched on since the last scan: its paragraphs were not kept, so read them.
      const body = this.deps.doc.body;
      if (this.copiesOn() && this.copyBlocks.length === 0 && body) {
        await this.scan([{ root: body }]);
      }
      await this.matchAndMark();
    });
  }

  /** Remove every mark, the UI and all listeners. */
  destroy(): void {
    this.destroyed = true;
    this.pause();
  }

  private async run(): Promise<void> {
    const body = this.deps.doc.body;
    if (!body) return;
    this.abort = new AbortController();
    this.watcher = new MutationWatcher(this.deps.doc, change => void this.onPageChange(change), {
      debounceMs: this.deps.debounceMs,
      maxWaitMs: this.deps.maxWaitMs,
      holdsQuote: block =>
        this.quotes.some(q => q.element === block) ||
        this.copyBlocks.some(b => b.block.element === block && !!b.copies?.length),
      // (copies) A stretch of text long enough to be a copy may make one, quotation marks or not.
      mayMatter: text => this.copiesOn() && mayHoldCopy(text),
      setTimeout: (fn, ms) => this.deps.scheduler.setTimeout(fn, ms),
      clearTimeout: id => this.deps.scheduler.clearTimeout(id),
    });
    await this.enqueue(async () => {
      // Let the page lay itself out and paint first: at document_idle a big page may not have
      // had its first frame yet, and scanning would then force that layout in our task.
      await this.afterNextFrame();
      this.deps.onScan?.();
      // The body now, not the one at the start: the page may have replaced it meanwhile.
      const current = this.deps.doc.body;
      if (current) await this.scan([{ root: current }]);
      await this.matchAndMark();
    });
  }

  private afterNextFrame(): Promise<void> {
    const { scheduler } = this.deps;
    return new Promise(resolve =>
      scheduler.requestAnimationFrame(() => void scheduler.setTimeout(resolve, 0)),
    );
  }

  private pause(): void {
    this.paused = true;
    this.waitingChange = undefined;
    this.generation++;
    this.epoch++;
    this.abort.abort();
    this.watcher?.destroy();
    this.watcher = undefined;
    this.hover?.destroy();
    this.hover = undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.deps.highlighter.destroy();
    this.overlay?.destroy();
    this.overlay = undefined;
    this.hostElement?.remove();
    this.hostElement = undefined;
    // A mount still under way is undone when it completes (see ensureOverlay).
    this.ui = undefined;
    this.quotes = [];
    this.byStart = new WeakMap();
    this.hidden.clear();
    this.markOf = new WeakMap();
    this.checkedShown = [];
    this.faintCount = 0;
    this.matches.clear();
    this.copyBlocks = [];
    this.copyAnswers.clear();
    this.marks = [];
    this.observedBody = undefined;
    this.count(0);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const epoch = this.epoch;
    this.pendingTasks++;
    const next = this.queue
      .then(() => (epoch === this.epoch ? task() : undefined))
      .catch(e => this.deps.onError?.('update failed', e))
      .finally(() => {
        if (--this.pendingTasks === 0 && !this.destroyed) this.deps.onIdle?.();
      });
    this.queue = next;
    return next;
  }

  /**
   * Scan what changed: added subtrees, blocks whose text changed (their own text only), and
   * content hidden at its scan that may show now. Marks are redrawn only if a quote came or
   * went: a page that changes without changing its quotes (a clock) costs a line's scan.
   */
  private async onPageChange(next: PageChange): Promise<void> {
    // One update waiting at most: changes reported while it waits join it, so a page that
    // changes faster than an update takes never builds a queue (and Verbatim gets idle).
    if (this.waitingChange) {
      mergeChange(this.waitingChange, next);
      return;
    }
    this.waitingChange = next;
    await this.enqueue(async () => {
      // After the page's next frame: its own change is laid out by then, so the visibility
      // checks of the scan find the style clean instead of computing it a second time.
      await this.afterNextFrame();
      const change = this.waitingChange ?? next;
      this.waitingChange = undefined;
      const live = (el: Element) => el.isConnected;
      change.roots = change.roots.filter(live);
      change.blocks = change.blocks.filter(
        el => live(el) && !change.roots.some(r => r.contains(el)),
      );
      change.revealed = change.revealed.filter(live);
      const regions: ScanRegion[] = [];
      for (const root of change.roots) regions.push({ root });
      for (const root of change.blocks) regions.push({ root, shallow: true });
      regions.push(...this.mayShow(change));
      const changed = regions.length > 0 && (await this.scan(regions));
      if (changed || change.removed || change.bodyReplaced) await this.matchAndMark();
      if (change.bodyReplaced) this.observeBody();
    });
  }

  /** Regions to scan again because content left out as hidden may be shown now. */
  private mayShow(change: PageChange): ScanRegion[] {
    if (!change.styles && change.revealed.length === 0) return [];
    const regions: ScanRegion[] = [];
    for (const el of this.hidden) {
      if (!el.isConnected) {
        this.hidden.delete(el);
        continue;
      }
      if (!change.styles && !change.revealed.some(t => t === el || t.contains(el))) continue;
      // The scan reports it again if it is still hidden.
      this.hidden.delete(el);
      regions.push({ root: el });
      if (!isBlockElement(el)) {
        // Inline: its text joins its block's.
        const block = el.parentElement && closestBlock(el.parentElement);
        if (block) regions.push({ root: block, shallow: true });
      }
    }
    return regions;
  }

  /**
   * Find the quotes in `regions`; keep those found before, add the new ones and forget those
   * in the regions that are not found again. (copies) The same for the regions' paragraphs
   * long enough to hold an unmarked copy. Resolves to whether any quote or such paragraph
   * came or went.
   */
  private async scan(regions: ScanRegion[]): Promise<boolean> {
    const blocks: CopyBlock[] = [];
    const copies = this.copiesOn();
    const find: FindOptions = {
      ...this.deps.find,
      onHidden: el => void this.hidden.add(el),
      onShadowRoot: root => this.watcher?.observe(root),
    };
    if (copies) {
      find.onBlock = (block, quoted) => {
        if (mayHoldCopy(block.text)) blocks.push({ block, quoted, key: copyKey(block, quoted) });
      };
    }
    const signal = this.abort.signal;
    const found = await scanInSlices(regions, find, this.deps.scheduler, signal);
    const copiesChanged = copies && !signal.aborted && this.keepCopyBlocks(regions, blocks);
    const kept = new Set<DomQuote>();
    let changed = false;
    for (const q of found) {
      if (q.text.length > MAX_QUOTE_CHARS) continue;
      const first = q.positions[0];
      if (!first) continue;
      let list = this.byStart.get(first.startNode);
      const old = list?.find(o => sameQuote(o, q));
      if (old) {
        kept.add(old);
        continue;
      }
      if (!list) this.byStart.set(first.startNode, (list = []));
      list.push(q);
      kept.add(q);
      this.quotes.push(q);
      changed = true;
    }
    // Quotes in a region scanned again that were not found again are gone.
    const inRegion = (q: DomQuote) =>
      regions.some(r => (r.shallow ? q.element === r.root : r.root.contains(q.element)));
    const before = this.quotes.length;
    this.quotes = this.quotes.filter(q => {
      if (kept.has(q) || !inRegion(q)) return true;
      const list = q.positions[0] && this.byStart.get(q.positions[0].startNode);
      if (list) list.splice(list.indexOf(q), 1);
      return false;
    });
    // (ui) Kept in reading order: content added later may sit anywhere in the page.
    if (changed) this.quotes = inReadingOrder(this.quotes);
    return changed || this.quotes.length !== before || copiesChanged;
  }

  /**
   * (copies) The paragraphs of scanned regions replace those found there before; one whose
   * text, quotes and text nodes are unchanged is kept as it was (with its copies' marks).
   * Returns whether any paragraph came or went.
   */
  private keepCopyBlocks(regions: readonly ScanRegion[], found: CopyBlock[]): boolean {
    const inRegion = (el: Element) =>
      regions.some(r => (r.shallow ? el === r.root : r.root.contains(el)));
    const old = new Map<Element, CopyBlock[]>();
    const kept: CopyBlock[] = [];
    for (const b of this.copyBlocks) {
      if (!inRegion(b.block.element)) kept.push(b);
      else {
        const list = old.get(b.block.element);
        if (list) list.push(b);
        else old.set(b.block.element, [b]);
      }
    }
    let changed = false;
    for (const b of found) {
      const list = old.get(b.block.element);
      const at = list ? list.findIndex(o => sameBlock(o, b)) : -1;
      if (list && at >= 0) {
        kept.push(list[at]!);
        list.splice(at, 1);
      } else {
        kept.push(b);
        changed = true;
      }
    }
    for (const list of old.values()) if (list.length > 0) changed = true;
    this.copyBlocks = kept;
    return changed;
  }

  /** Ask for the sources of quotes not asked about yet (one call per 2,000 texts), then redraw. */
  private async matchAndMark(): Promise<void> {
    const generation = this.generation;
    // Quotes the page has removed are forgotten.
    this.quotes = this.quotes.filter(q => {
      if (q.element.isConnected && q.positions[0]?.startNode.isConnected) return true;
      const list = q.positions[0] && this.byStart.get(q.positions[0].startNode);
      if (list) list.splice(list.indexOf(q), 1);
      return false;
    });
    const asked = new Map<string, QuoteRequest>();
    for (const q of this.quotes) {
      if (this.matches.has(q.text) || asked.has(q.text)) continue;
      const request: QuoteRequest = { text: q.text };
      if (q.attribution) request.attribution = q.attribution;
      asked.set(q.text, request);
    }
    const requests = [...asked.values()];
    for (let i = 0; i < requests.length; i += MAX_BATCH) {
      const batch = requests.slice(i, i + MAX_BATCH);
      const reply = await this.deps.matchQuotes({ quotes: batch });
      if (generation !== this.generation) return;
      if (!reply.ok) {
        this.deps.onError?.(`cannot match the page's quotes (${reply.error})`);
        return;
      }
      batch.forEach((q, j) => this.matches.set(q.text, reply.value[j] ?? null));
    }
    // (copies) The quotes' marks first, when copies are still to be asked about (they come
    // from a longer read of the page): drawn while the background reads the paragraphs.
    if (!this.copiesOn()) this.copyBlocks = [];
    this.copyBlocks = this.copyBlocks.filter(
      b => b.block.element.isConnected && b.block.segments.every(s => s.node.isConnected),
    );
    if (this.copyBlocks.some(b => !this.copyAnswers.has(b.key))) {
      // `mark` draws before its first `await`: the request (whose serialisation is main-thread
      // work) goes after the quotes' marks are on the page.
      const drawn = requests.length > 0 ? this.mark(generation) : Promise.resolve();
      const asked = this.askCopies(generation).catch(e => {
        this.deps.onError?.('cannot look for unmarked copies', e);
        return false;
      });
      await drawn;
      if (!(await asked) || generation !== this.generation) return;
    }
    await this.mark(generation);
  }

  /**
   * (copies) Ask the background which of the page's paragraphs not asked about yet copy a
   * source without quotation marks, in batches of `COPY_BATCH_CHARS` characters (the parts
   * of a paragraph that are quotes are left out). Resolves to false if the answers are stale
   * or the background failed.
   */
  private async askCopies(generation: number): Promise<boolean> {
    const findCopies = this.deps.findCopies;
    if (!findCopies) return true;
    // In a task of its own: on a page of thousands of paragraphs, making the requests is
    // work of its own, not to be added to the slice of marks drawn before it.
    await new Promise<void>(resolve => this.deps.scheduler.defer(resolve));
    if (generation !== this.generation) return false;
    // A page that keeps rewriting its paragraphs leaves answers behind: keep those in use.
    if (this.copyAnswers.size > 2 * this.copyBlocks.length + 500) {
      const inUse = new Set(this.copyBlocks.map(b => b.key));
      for (const key of this.copyAnswers.keys()) if (!inUse.has(key)) this.copyAnswers.delete(key);
    }
    const pending = new Map<string, CopyRequest>();
    const { scheduler } = this.deps;
    let until = scheduler.now() + SLICE_MS;
    for (const b of [...this.copyBlocks]) {
      if (scheduler.now() >= until) {
        await new Promise<void>(resolve => scheduler.defer(resolve));
        if (generation !== this.generation) return false;
        until = scheduler.now() + SLICE_MS;
      }
      if (!this.copyAnswers.has(b.key) && !pending.has(b.key)) pending.set(b.key, copyRequest(b));
    }
    const requests = [...pending];
    for (let i = 0; i < requests.length;) {
      const batch: Array<[string, CopyRequest]> = [];
      let chars = 0;
      while (i < requests.length && batch.length < COPY_BATCH_BLOCKS) {
        const next = requests[i]!;
        if (batch.length > 0 && chars + next[1].text.length > COPY_BATCH_CHARS) break;
        batch.push(next);
        chars += next[1].text.length;
        i++;
      }
      const reply = await findCopies({ blocks: batch.map(([, r]) => r) });
      if (generation !== this.generation) return false;
      if (!reply.ok) {
        this.deps.onError?.(`cannot look for unmarked copies (${reply.error})`);
        return false;
      }
      batch.forEach(([key], j) => this.copyAnswers.set(key, reply.value[j] ?? []));
    }
    return true;
  }

  /** (copies) A paragraph's copies as marked quotes, built once from its answer. */
  private copiesOf(b: CopyBlock): DomQuote[] {
    if (b.copies) return b.copies;
    const answer = this.copyAnswers.get(b.key);
    if (!answer) return [];
    b.copies = [];
    for (const span of answer) {
      const quote = blockStretch(b.block, span.start, span.end, COPY_MARK);
      if (!quote) continue;
      this.copyMatch.set(quote, span.match);
      b.copies.push(quote);
    }
    return b.copies;
  }

  /** (copies) A paragraph checked for copies as one stretch, and its ranges (kept: they are live). */
  private wholeBlock(b: CopyBlock): { quote: DomQuote; ranges: Range[] } | undefined {
    if (b.whole && !b.whole.ranges.every(r => r.collapsed)) return b.whole;
    const quote = blockStretch(b.block, 0, b.block.text.length, COPY_MARK);
    const ranges = quote && safeRanges(quote);
    b.whole = quote && ranges ? { quote, ranges } : undefined;
    return b.whole;
  }

  /** (copies) Whether the reader wants unmarked copies looked for (and the background can). */
  private copiesOn(): boolean {
    return !!this.deps.findCopies && this.settings.markCopies !== false;
  }

  /** (ui) A quote without a source: its ranges, kept between redraws (they are live). */
  private unmatchedRanges(q: DomQuote): Range[] | undefined {
    const kept = this.faintRanges.get(q);
    if (kept && !kept.every(r => r.collapsed)) return kept;
    const ranges = safeRanges(q);
    if (ranges) this.faintRanges.set(q, ranges);
    return ranges;
  }

  /** The quote's id, stable for the life of the page. */
  private idOf(q: DomQuote): number {
    let id = this.ids.get(q);
    if (id === undefined) this.ids.set(q, (id = this.nextId++));
    return id;
  }

  /**
   * Draw the marks for every quote with a source (and the faint ones without). Marks of
   * quotes that did not change are kept as they are; if no mark came or went, nothing is
   * drawn again.
   */
  private async mark(generation: number): Promise<void> {
    let marks: Mark[] = [];
    const kinds: Partial<Record<MarkKind, Range[]>> = {};
    const add = (kind: MarkKind, ranges: Range[]) => (kinds[kind] ??= []).push(...ranges);
    // Every quote checked gets a box of the same size whatever was found (the page can tell
    // where Verbatim draws, not what: highlighter.ts), so each one's ranges, in reading order.
    const checked: Range[] = [];
    const checkedQuotes: DomQuote[] = [];
    const paragraphs = new Set<Range>();
    let faint = 0;
    const { scheduler } = this.deps;
    let until = scheduler.now() + SLICE_MS;
    for (const q of [...this.quotes]) {
      // Thousands of quotes are made into marks a slice at a time (the page stays responsive).
      if (scheduler.now() >= until) {
        await new Promise<void>(resolve => scheduler.defer(resolve));
        if (generation !== this.generation) return;
        until = scheduler.now() + SLICE_MS;
      }
      const match = this.matches.get(q.text);
      if (match === undefined) continue;
      const id = this.idOf(q);
      if (!match) {
        const ranges = this.unmatchedRanges(q);
        if (!ranges) continue;
        checked.push(...ranges);
        checkedQuotes.push(q);
        if (this.settings.markUnmatched !== false && faint++ < MAX_FAINT_MARKS) {
          add('nosource', ranges);
        }
        continue;
      }
      let mark = this.markOf.get(q);
      if (!mark || mark.match !== match) {
        mark = createMark(id, q, match);
        if (mark) this.markOf.set(q, mark);
      }
      if (!mark) continue;
      marks.push(mark);
      checked.push(...mark.ranges);
      checkedQuotes.push(q);
      add(markKind(match, mark.attribution === 'different'), mark.ranges);
    }
    // (copies) Their own kind of mark, not the quotes' tint; in reading order among the quotes.
    // Every paragraph checked for copies gets an unpainted box over all its lines whatever
    // was found (a copy's box lies inside it), so the page cannot tell where a copy was found.
    const copyMarks: Mark[] = [];
    for (const b of [...this.copyBlocks]) {
      // Thousands of paragraphs too, a slice at a time.
      if (scheduler.now() >= until) {
        await new Promise<void>(resolve => scheduler.defer(resolve));
        if (generation !== this.generation) return;
        until = scheduler.now() + SLICE_MS;
      }
      if (!this.copyAnswers.has(b.key)) continue;
      const whole = this.wholeBlock(b);
      if (whole) {
        checked.push(...whole.ranges);
        for (const r of whole.ranges) paragraphs.add(r);
        checkedQuotes.push(whole.quote);
      }
      for (const q of this.copiesOf(b)) {
        const match = this.copyMatch.get(q)!;
        let mark = this.markOf.get(q);
        if (!mark) {
          mark = createMark(this.idOf(q), q, match);
          if (mark) this.markOf.set(q, mark);
        }
        if (!mark) continue;
        copyMarks.push(mark);
        add('copy', mark.ranges);
      }
    }
    if (copyMarks.length > 0) marks = marksInReadingOrder([...marks, ...copyMarks]);
    // Drawing them (the boxes' entries, the UI, its stand-ins) is work of its own: after a
    // pause if this slice has been spent (thousands of quotes).
    if (scheduler.now() >= until - SLICE_MS / 2) {
      await new Promise<void>(resolve => scheduler.defer(resolve));
      if (generation !== this.generation) return;
      until = scheduler.now() + SLICE_MS;
    }
    // The page removed Verbatim's UI (or replaced the body it was in): build it again.
    if (this.hostElement && !this.hostElement.isConnected) this.dropOverlay();
    const same =
      marks.length === this.marks.length &&
      marks.every((m, i) => m === this.marks[i]) &&
      checkedQuotes.length === this.checkedShown.length &&
      checkedQuotes.every((q, i) => q === this.checkedShown[i]) &&
      faint === this.faintCount &&
      (checked.length === 0 || !!this.overlay);
    if (same) return;
    this.marks = marks;
    this.checkedShown = checkedQuotes;
    this.faintCount = faint;
    this.checkedAt = (this.deps.clock?.() ?? new Date()).toISOString();
    this.deps.highlighter.show(
      marks.flatMap(m => (isCopyMark(m) ? [] : m.ranges)),
      kinds,
      checked,
      paragraphs,
    );
    this.count(marks.length);
    if (marks.length > 0) this.deps.onDraw?.();
    this.hits.setItems(marks);
    // The UI (and the boxes) come with the first quote checked, found or not.
    if (checked.length === 0 && !this.overlay) return;
    if (!this.overlay && scheduler.now() >= until - SLICE_MS / 2) {
      // Making the UI is work of its own too.
      await new Promise<void>(resolve => scheduler.defer(resolve));
      if (generation !== this.generation) return;
    }
    const overlay = await this.ensureOverlay();
    if (generation !== this.generation || !overlay) return;
    overlay.setMarks(this.marks);
    this.updateActive();
    // Done when every mark is drawn and a keyboard user can reach every quote.
    await Promise.all([overlay.settled(), this.deps.highlighter.settled()]);
  }

  private dropOverlay(): void {
    this.hover?.destroy();
    this.hover = undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observedBody = undefined;
    this.overlay?.destroy();
    this.overlay = undefined;
    this.hostElement?.remove();
    this.hostElement = undefined;
    this.ui = undefined;
  }

  /** Follow the layout of the current `<body>` (the page may have replaced it). */
  private observeBody(): void {
    const body = this.deps.doc.body;
    if (!this.resizeObserver || !body || body === this.observedBody) return;
    if (this.observedBody) this.resizeObserver.unobserve(this.observedBody);
    this.resizeObserver.observe(body);
    this.observedBody = body;
  }

  private async ensureOverlay(): Promise<PageOverlay | undefined> {
    if (this.overlay) return this.overlay;
    this.ui ??= this.deps.mountOverlay();
    const ui = this.ui;
    const { overlay, host } = await ui;
    if (this.ui !== ui) {
      // Paused while mounting.
      overlay.destroy();
      host.remove();
      return undefined;
    }
    this.overlay = overlay;
    this.hostElement = host;
    const { scheduler } = this.deps;
    this.hover = new HoverController(this.hits, overlay, {
      doc: this.deps.doc,
      host,
      setTimeout: (fn, ms) => scheduler.setTimeout(fn, ms),
      clearTimeout: id => scheduler.clearTimeout(id),
      requestAnimationFrame: fn => scheduler.requestAnimationFrame(fn),
      onHoverChange: () => this.updateActive(),
    });
    const win = this.deps.doc.defaultView;
    if (win && 'ResizeObserver' in win) {
      // Images and fonts that load late, and expanding content, move the quotes. (The
      // observer also reports once at the start: the overlay has just been laid out.)
      let first = true;
      this.resizeObserver = new win.ResizeObserver(() => {
        if (first) first = false;
        else this.scheduleLayout();
      });
      this.observeBody();
    }
    return overlay;
  }

  private scheduleLayout(): void {
    if (this.layoutPending) return;
    this.layoutPending = true;
    this.deps.scheduler.requestAnimationFrame(() => {
      this.layoutPending = false;
      this.hover?.onLayout();
      this.deps.highlighter.layout();
    });
  }

  /**
   * "Find source in Verbatim": match the reader's selection as a quote (no quotation marks
   * needed) and open the answer at the selection: the source's popover, or a notice that the
   * corpus has none. Resolves to whether a source was found.
   */
  async sourceSelection(text: string): Promise<boolean> {
    const doc = this.deps.doc;
    const selection = doc.getSelection();
    const range =
      selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    const reply = await this.deps.matchQuotes({ quotes: [{ text }] });
    if (!reply.ok) throw new Error(reply.error);
    const match = reply.value[0] ?? null;
    const overlay = await this.ensureOverlay();
    if (!overlay) return false;
    const rects = range ? [...range.getClientRects()] : [];
    const anchor: Box = unionBox(
      rects
        .filter(r => r.width > 0 && r.height > 0)
        .map(r => ({ left: r.left, top: r.top, width: r.width, height: r.height })),
    ) ?? {
      left: (doc.defaultView?.innerWidth ?? 800) / 2,
      top: 80,
      width: 1,
      height: 1,
    };
    if (!match) {
      overlay.openNotice(text, anchor);
      return false;
    }
    const id = this.nextId++;
    const element =
      (range?.commonAncestorContainer.nodeType === 1
        ? (range.commonAncestorContainer as Element)
        : range?.commonAncestorContainer.parentElement) ?? doc.body;
    const quote: DomQuote = {
      text,
      block: 0,
      start: 0,
      end: text.length,
      mark: 'selection',
      element,
      positions: [],
      ranges: () => (range ? [range] : []),
    };
    const mark: Mark = { id, quote, ranges: range ? [range] : [], match, attribution: 'unknown' };
    overlay.setMarks([...this.marks, mark]);
    overlay.open(id, 'keyboard', anchor);
    return true;
  }

  private count(matched: number): void {
    if (matched === this.counted) return;
    this.counted = matched;
    this.deps.onCount?.(matched);
  }

  // ---- ui: the page's report, going to a quote ----

  /** Every quote on the page in reading order, with its source (null: none) (popup, report page). */
  report(): PageReport {
    const doc = this.deps.doc;
    const byId = new Map(this.marks.map(m => [m.id, m]));
    const quotes: PageQuote[] = [];
    const copies = this.marks.filter(isCopyMark);
    const items = copies.length
      ? inReadingOrder([...this.quotes, ...copies.map(m => m.quote)])
      : this.quotes;
    for (const q of items) {
      if (q.mark === COPY_MARK) {
        const mark = byId.get(this.idOf(q))!;
        quotes.push({
          id: mark.id,
          kind: 'copy',
          text: q.text,
          match: mark.match,
          misattributed: false,
        });
        continue;
      }
      if (!q.element.isConnected || !this.matches.has(q.text)) continue;
      const id = this.idOf(q);
      const mark = byId.get(id);
      const item: PageQuote = {
        id,
        text: q.text,
        match: mark ? mark.match : null,
        misattributed: mark?.attribution === 'different',
      };
      if (q.attribution) item.pageSpeaker = q.attribution;
      quotes.push(item);
    }
    return {
      url: doc.defaultView?.location.href ?? doc.URL,
      title: doc.title,
      checkedAt: this.checkedAt || (this.deps.clock?.() ?? new Date()).toISOString(),
      quotes,
    };
  }

  /** Scroll quote `id` into view and open its popover (keyboard focus); false if it is gone. */
  reveal(id: number): boolean {
    const quote =
      this.quotes.find(q => this.ids.get(q) === id && q.element.isConnected) ??
      this.marks.find(m => m.id === id && isCopyMark(m) && m.quote.element.isConnected)?.quote;
    if (!quote) return false;
    const ranges = safeRanges(quote);
    if (!ranges) return false;
    const win = this.deps.doc.defaultView;
    const rect = ranges[0]!.getBoundingClientRect();
    // Near the top, so the popover below it has the most room.
    const margin = win ? Math.min(80, win.innerHeight * 0.08) : 0;
    if (win && Math.abs(rect.top - margin) > 4) {
      win.scrollBy({ top: rect.top - margin, behavior: 'instant' });
    }
    this.stepped = id;
    const mark = this.marks.find(m => m.id === id);
    if (mark && this.overlay) {
      this.overlay.open(id, 'keyboard');
      this.updateActive();
    } else {
      // No source, so no popover: the quote is emphasised until something else is.
      this.overlay?.close();
      this.deps.highlighter.setActive(this.unmatchedRanges(quote) ?? ranges);
    }
    return true;
  }

  /** Open the next (or previous) matched quote's popover, from the open, focused or last one. */
  step(direction: 'next' | 'previous'): number | null {
    const marks = this.marks;
    if (marks.length === 0) return null;
    const current = this.overlay?.openId ?? this.overlay?.focusedId ?? this.stepped;
    const at = marks.findIndex(m => m.id === current);
    let index: number;
    if (at < 0) index = direction === 'next' ? 0 : marks.length - 1;
    else index = (at + (direction === 'next' ? 1 : -1) + marks.length) % marks.length;
    const id = marks[index]!.id;
    return this.reveal(id) ? id : null;
  }

  /** Emphasise the quote that is open, focused or under the pointer. */
  updateActive(): void {
    const id = this.overlay?.openId ?? this.overlay?.focusedId ?? this.hover?.hovered;
    const mark = id === undefined ? undefined : this.marks.find(m => m.id === id);
    this.deps.highlighter.setActive(mark ? mark.ranges : null);
  }
}

/** The same quote at the same place (a rescan found it again). */
function sameQuote(a: DomQuote, b: DomQuote): boolean {
  if (a.text !== b.text || a.positions.length !== b.positions.length) return false;
  return a.positions.every((p, i) => {
    const q = b.positions[i]!;
    return (
      p.startNode === q.startNode &&
      p.startOffset === q.startOffset &&
      p.endNode === q.endNode &&
      p.endOffset === q.endOffset
    );
  });
}

/** A quote's live ranges, or undefined when the page changed the text under it. */
function safeRanges(q: DomQuote): Range[] | undefined {
  try {
    const ranges = q.ranges();
    return ranges.length > 0 && !ranges.every(r => r.collapsed) ? ranges : undefined;
  } catch {
    return undefined;
  }
}

/** Quotes in the order a reader meets them (later scans append content found anywhere). */
function inReadingOrder(quotes: DomQuote[]): DomQuote[] {
  const before = (a: DomQuote, b: DomQuote) => {
    const pa = a.positions[0];
    const pb = b.positions[0];
    if (!pa || !pb) return 0;
    if (pa.startNode === pb.startNode) return pa.startOffset - pb.startOffset;
    const rel = pa.startNode.compareDocumentPosition(pb.startNode);
    if (rel & 4) return -1; // b follows a
    if (rel & 2) return 1;
    return 0;
  };
  // Usually in order already (one scan of the whole page): one pass to tell.
  let sorted = true;
  for (let i = 1; i < quotes.length && sorted; i++)
    sorted = before(quotes[i - 1]!, quotes[i]!) <= 0;
  return sorted ? quotes : [...quotes].sort(before);
}

/** Add `more` to `into` (a page change not handled yet). */
function mergeChange(into: PageChange, more: PageChange): void {
  // Outermost subtrees only, each once (as the watcher reports them).
  for (const root of more.roots) {
    if (into.roots.some(r => r.contains(root))) continue;
    into.roots = into.roots.filter(r => !root.contains(r));
    into.roots.push(root);
  }
  into.blocks = [...new Set([...into.blocks, ...more.blocks])];
  into.revealed = [...new Set([...into.revealed, ...more.revealed])];
  into.styles ||= more.styles;
  into.removed ||= more.removed;
  into.bodyReplaced ||= more.bodyReplaced;
}

/** (copies) A paragraph of the page long enough to hold an unmarked copy. */
interface CopyBlock {
  block: TextBlock;
  /** The stretches of its text that are quotes (not read for copies). */
  quoted: Span[];
  /** Its text and quoted stretches: what its `findCopies` answer depends on. */
  key: string;
  /** Its copies as marked, once answered (see `QuotePage.copiesOf`). */
  copies?: DomQuote[];
  /** The whole paragraph as one stretch and its ranges: its unpainted box (see `QuotePage.mark`). */
  whole?: { quote: DomQuote; ranges: Range[] };
}

/**
 * (copies) Whether a text has at least `COPY_MIN_WORDS` words, counted cheaply as runs
 * between spaces (the background counts exactly): shorter text cannot hold a copy.
 */
export function mayHoldCopy(text: string): boolean {
  if (text.length < COPY_MIN_WORDS * 2) return false;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32 || text.charCodeAt(i) === 0xa0;
    if (!space && !inWord && ++words >= COPY_MIN_WORDS) return true;
    inWord = !space;
  }
  return false;
}

function copyKey(block: TextBlock, quoted: readonly Span[]): string {
  return quoted.length === 0
    ? block.text
    : `${quoted.map(s => `${s.start}-${s.end}`).join(',')}\u0000${block.text}`;
}

/** (copies) What is sent for a paragraph: at most `MAX_QUOTE_CHARS` of its text. */
function copyRequest(b: CopyBlock): CopyRequest {
  const text = b.block.text.slice(0, MAX_QUOTE_CHARS);
  const exclude = b.quoted
    .filter(s => s.start < text.length)
    .slice(0, 1_000)
    .map(s => ({ start: s.start, end: Math.min(s.end, text.length) }));
  return exclude.length > 0 ? { text, exclude } : { text };
}

/** (copies) The same paragraph at the same place: same text, quotes and text nodes. */
function sameBlock(a: CopyBlock, b: CopyBlock): boolean {
  return (
    a.key === b.key &&
    a.block.segments.length === b.block.segments.length &&
    a.block.segments.every((s, i) => {
      const t = b.block.segments[i]!;
      return s.node === t.node && s.start === t.start && s.nodeOffset === t.nodeOffset;
    })
  );
}

/** (copies) Whether a mark is an unmarked copy's. */
export function isCopyMark(mark: Mark): boolean {
  return mark.quote.mark === COPY_MARK;
}

/** Marks in the order a reader meets them. */
function marksInReadingOrder(marks: Mark[]): Mark[] {
  const order = new Map(inReadingOrder(marks.map(m => m.quote)).map((q, i) => [q, i]));
  return [...marks].sort((a, b) => order.get(a.quote)! - order.get(b.quote)!);
}
