/**
 * The word index over a whole corpus, built once and queried for every quote.
 *
 * All documents' words are laid end to end ("global positions"); each
 * position's term id is held in 2 bytes (a vocabulary under 65,536 words) or
 * 3 (`termAt`: the matcher reads a region's words at random). Each distinct word has a postings list of the
 * positions where it occurs, stored compressed: the gaps between successive
 * positions as variable-byte integers (7 bits a byte), about 1.5–2 bytes a
 * word, decoded only for the rare words a quote looks up. The vocabulary is
 * one sorted table (binary search), not a hash map.
 *
 * Documents are kept lean: their kind in a byte, their metadata and speakers
 * as one JSON string each (read for the few documents a result names), their
 * sentences and speaker turns packed in typed arrays (16 and 20 bytes each),
 * materialised for the few documents a result is read from
 * ({@link CorpusIndex.record}). Their **texts are not required**: matching
 * and retrieval read only the arrays, and a text is needed only to show a
 * passage (its words, its context, the diff) or to re-read a window of it.
 * An index built from parsed documents keeps every text by default; one
 * restored from a snapshot keeps none, and its owner loads texts on demand
 * ({@link CorpusIndex.addTexts}), a bounded number at a time.
 *
 * Code that needs texts is written as {@link TextSteps}: a generator that
 * yields the documents whose texts it needs before it reads them
 * ({@link withTexts}) and resumes once they are loaded. {@link runWithTexts}
 * runs one at once over an index that holds every text (the command line,
 * the tests).
 *
 * A word's offsets in its document's text are not stored either: they are
 * found again by re-reading that one document when a passage is shown
 * (`wordStart`/`wordEnd`, a few documents kept).
 *
 * The snapshot (for the background's cache) holds these arrays and the
 * documents' metadata, never their texts (stored once, in the corpus); it is
 * written as one binary file (`snapshotToBytes`) whose arrays are read back as
 * views, without copying or decoding anything.
 */
import { DeletionTable } from './deletion-table';
import { canonicalWords, scanWords, typoBudget } from './normalize';
import {
  DOCUMENT_KINDS,
  type Attribution,
  type DocumentKind,
  type DocumentMeta,
  type ParsedDocument,
  type PassageDocument,
  type Segment,
  type Span,
  type Speaker,
} from './types';

/** A document of the index, without its text; its sentences and turns are in the index's arrays. */
export interface IndexedDocument {
  /** What the document is (its metadata and speakers: {@link CorpusIndex.meta}, `speakers`). */
  kind: DocumentKind;
  /** First global position of the document's words. */
  first: number;
  /** One past its last global position. */
  last: number;
  /** Its sentences: global segment numbers `segmentsFrom` to `segmentsTo` (exclusive). */
  segmentsFrom: number;
  segmentsTo: number;
  /** Its speaker turns: rows `attributionsFrom` to `attributionsTo` (exclusive) of the packed table. */
  attributionsFrom: number;
  attributionsTo: number;
  /** Whether it has labelled speaker turns (a transcript's shape, whatever its kind). */
  hasTurns: boolean;
}

/** A document's parse without its text (and without aliases): what {@link CorpusIndex.record} gives. */
export type DocumentRecord = Omit<PassageDocument, 'text'>;

/** A plain-data snapshot of an index, for caching (structured-clone friendly). */
export interface CorpusIndexSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** Each document's metadata and speakers, as JSON of `{ meta, speakers }`. */
  documents: string[];
  /** Each document's kind, as its index in `DOCUMENT_KINDS`. */
  kinds: Uint8Array;
  /** Each document's first and last global position, in pairs. */
  bounds: Int32Array;
  /** Each document's number of segments; the segments as `SEGMENT_FIELDS` rows. */
  segmentCounts: Int32Array;
  segments: Int32Array;
  /** Each document's number of attributions; the attributions as `ATTRIBUTION_FIELDS` rows. */
  attributionCounts: Int32Array;
  attributions: Int32Array;
  /** The vocabulary, in term-id order, joined by newlines; and term ids in word order. */
  vocabulary: string;
  sortedTerms: Int32Array;
  /** Each global position's term id: its low 16 bits, and its high 8 when the vocabulary needs them. */
  termLow: Uint16Array;
  termHigh: Uint8Array | null;
  frequencies: Int32Array;
  postingOffsets: Int32Array;
  postings: Uint8Array;
  /** Global segment number → first global position of its words. */
  segmentFirst: Int32Array;
}

// Bump when tokenisation or the arrays change: older snapshots are then rebuilt, not misread.
const SNAPSHOT_VERSION = 6;
/** Term ids are held in 3 bytes at most. */
const MAX_TERMS = 1 << 24;
/** Documents whose word offsets are kept (passages shown lately). */
const OFFSET_CACHE_DOCUMENTS = 8;
/** Documents whose sentences and turns are kept as objects (results read lately). */
const RECORD_CACHE_DOCUMENTS = 32;
/** Documents whose metadata and speakers are kept parsed. */
const DETAIL_CACHE_DOCUMENTS = 256;
/** A segment row: start, end, paragraph, speaker + 1 (0: the publisher). */
const SEGMENT_FIELDS = 4;
/** An attribution row: start, end, speaker, label start, label end (-1, -1: no label). */
const ATTRIBUTION_FIELDS = 5;

/**
 * The text budget for an owner that reads texts on demand (the background): 2 M characters,
 * 4 MB at most, a few hundred press conferences, so the passages a page's quotes come from
 * are read once.
 */
export const TEXT_BUDGET = 2_000_000;

/**
 * The misprint table's budget for such an owner: 16 MB, the parts of a few dozen misprinted
 * words (a 10,000-document corpus's whole table is ~90 MB).
 */
export const MISPRINT_BUDGET = 16_000_000;

export interface IndexOptions {
  /**
   * How many characters of documents' texts the index keeps at most (the texts used last;
   * one step's texts are always kept together, whatever their length). Default: all.
   */
  textBudget?: number;
  /** Bytes of the misprint look-up's table kept at most (see `DeletionTable`). Default: all. */
  misprintBudget?: number;
}

/**
 * A computation over an index that may need documents' texts: it yields the numbers of the
 * documents whose texts it needs next (all it knows of at that point, some perhaps loaded
 * already) and expects them all loaded when it resumes (`addTexts(missing, needed)`); it
 * returns its result.
 */
export type TextSteps<T> = Generator<readonly number[], T, void>;

/** Step: make sure the texts of `docs` are loaded before going on. */
export function* withTexts(index: CorpusIndex, docs: Iterable<number>): TextSteps<void> {
  const wanted = [...new Set(docs)];
  // Asked again after each load: another computation may have evicted one meanwhile.
  while (index.missingTexts(wanted).length > 0) yield wanted;
}

/**
 * Run `steps` at once, over an index that holds the texts it needs (one built with every
 * text, as the command line and tests build them).
 *
 * @throws Error if a text is not loaded.
 */
export function runWithTexts<T>(steps: TextSteps<T>): T {
  const r = steps.next();
  if (!r.done) throw new Error(`the texts of documents ${r.value.join(', ')} are not all loaded`);
  return r.value;
}

/** The parts an index is made of; built by {@link CorpusIndexBuilder} or restored from a snapshot. */
interface Parts {
  documents: IndexedDocument[];
  /** Each document's `{ meta, speakers }` as JSON. */
  details: string[];
  words: string[];
  sortedTerms: Int32Array;
  terms: TermArray;
  frequencies: Int32Array;
  postingOffsets: Int32Array;
  postings: Uint8Array;
  segments: Int32Array;
  attributions: Int32Array;
  segmentFirst: Int32Array;
  texts: Map<number, string>;
  textBudget: number;
  misprintBudget: number;
}

export class CorpusIndex {
  /** Documents in index order. */
  readonly documents: readonly IndexedDocument[];
  /** Term id → canonical word. */
  readonly words: readonly string[];
  /** Global position → term id: its low 16 bits, and the high 8 when the vocabulary needs them. */
  private readonly termLow: Uint16Array;
  private readonly termHigh: Uint8Array | undefined;
  /** Term id → occurrences in the corpus. */
  private readonly frequencies: Int32Array;
  /** Term id → byte offset of its postings in `postings` (length: terms + 1). */
  private readonly postingOffsets: Int32Array;
  /** Per term, ascending positions as variable-byte gaps (the first from -1). */
  private readonly postings: Uint8Array;
  /** Term ids sorted by word: the vocabulary look-up, and prefix look-ups. */
  private readonly sortedTerms: Int32Array;
  /** Documents' first global positions, for finding a position's document. */
  private readonly firsts: Int32Array;
  /** Documents' first global segment numbers, for finding a segment's document. */
  private readonly segmentFirsts: Int32Array;
  /** Global segment number → first global position of its words. */
  private readonly segmentFirst: Int32Array;
  /** Segments as `SEGMENT_FIELDS` rows, in global segment order. */
  private readonly segmentRows: Int32Array;
  /** Attributions as `ATTRIBUTION_FIELDS` rows, document after document. */
  private readonly attributionRows: Int32Array;
  /** Loaded texts by document number, least recently used first. */
  private readonly texts: Map<number, string>;
  private textChars = 0;
  private textBudget: number;
  private readonly misprintBudget: number;
  /** Each document's `{ meta, speakers }` as JSON, and those parsed lately. */
  private readonly details: readonly string[];
  private readonly parsedDetails = new Map<
    number,
    { meta: DocumentMeta; speakers: readonly Speaker[] }
  >();
  /** Records materialised lately (document number → record), least recently used first. */
  private readonly records = new Map<number, DocumentRecord>();
  /** Word offsets of the documents read last (document number → starts, ends). */
  private readonly offsets = new Map<number, { starts: Int32Array; ends: Int32Array }>();
  /** Deletion neighbourhoods of the vocabulary, for typo look-ups (built on first use). */
  private deletions: DeletionTable | undefined;

  private constructor(parts: Parts) {
    this.documents = parts.documents;
    this.details = parts.details;
    this.words = parts.words;
    this.termLow = parts.terms.low;
    this.termHigh = parts.terms.high;
    this.frequencies = parts.frequencies;
    this.postingOffsets = parts.postingOffsets;
    this.postings = parts.postings;
    this.sortedTerms = parts.sortedTerms;
    this.segmentFirst = parts.segmentFirst;
    this.segmentRows = parts.segments;
    this.attributionRows = parts.attributions;
    this.firsts = Int32Array.from(parts.documents, d => d.first);
    this.segmentFirsts = Int32Array.from(parts.documents, d => d.segmentsFrom);
    this.texts = parts.texts;
    for (const text of this.texts.values()) this.textChars += text.length;
    this.textBudget = parts.textBudget;
    this.misprintBudget = parts.misprintBudget;
  }

  /** Index parsed documents. Only words inside segments (the documents' sentences) are indexed. */
  static build(docs: readonly PassageDocument[], options: IndexOptions = {}): CorpusIndex {
    const builder = new CorpusIndexBuilder(options);
    for (const doc of docs) builder.add(doc);
    return builder.finish();
  }

  /** @internal Used by {@link CorpusIndexBuilder}. */
  static fromParts(parts: Parts): CorpusIndex {
    return new CorpusIndex(parts);
  }

  /** A snapshot from which {@link CorpusIndex.restore} rebuilds the index without re-tokenising. */
  snapshot(): CorpusIndexSnapshot {
    const docs = this.documents;
    return {
      version: SNAPSHOT_VERSION,
      documents: [...this.details],
      kinds: Uint8Array.from(docs, d => DOCUMENT_KINDS.indexOf(d.kind)),
      bounds: Int32Array.from(docs.flatMap(d => [d.first, d.last])),
      segmentCounts: Int32Array.from(docs, d => d.segmentsTo - d.segmentsFrom),
      segments: this.segmentRows,
      attributionCounts: Int32Array.from(docs, d => d.attributionsTo - d.attributionsFrom),
      attributions: this.attributionRows,
      vocabulary: this.words.join('\n'),
      sortedTerms: this.sortedTerms,
      termLow: this.termLow,
      termHigh: this.termHigh ?? null,
      frequencies: this.frequencies,
      postingOffsets: this.postingOffsets,
      postings: this.postings,
      segmentFirst: this.segmentFirst,
    };
  }

  /**
   * Rebuild an index from a snapshot, without any text unless `texts` gives them all (in the
   * snapshot's document order). Returns null if the snapshot is from another version of
   * Verbatim or inconsistent, so the caller rebuilds from the documents instead.
   */
  static restore(
    snapshot: CorpusIndexSnapshot,
    options: IndexOptions & { texts?: readonly string[] } = {},
  ): CorpusIndex | null {
    if (snapshot?.version !== SNAPSHOT_VERSION) return null;
    const { termLow, termHigh, bounds, segmentCounts, segments } = snapshot;
    const { attributionCounts, attributions } = snapshot;
    const size = termLow.length;
    const { frequencies, postingOffsets, postings, segmentFirst, sortedTerms } = snapshot;
    const count = snapshot.documents.length;
    if (bounds.length !== count * 2 || segmentCounts.length !== count) return null;
    if (snapshot.kinds.length !== count) return null;
    if (attributionCounts.length !== count) return null;
    if (options.texts && options.texts.length !== count) return null;
    const words = snapshot.vocabulary === '' ? [] : snapshot.vocabulary.split('\n');
    if (frequencies.length !== words.length || postingOffsets.length !== words.length + 1)
      return null;
    if (sortedTerms.length !== words.length) return null;
    if (postingOffsets[words.length] !== postings.length) return null;
    if (segmentFirst.length * SEGMENT_FIELDS !== segments.length) return null;
    const documents: IndexedDocument[] = [];
    let s = 0;
    let a = 0;
    for (let i = 0; i < count; i++) {
      const kind = DOCUMENT_KINDS[snapshot.kinds[i]!];
      if (kind === undefined || typeof snapshot.documents[i] !== 'string') return null;
      const segmentsTo = s + segmentCounts[i]!;
      const attributionsTo = a + attributionCounts[i]!;
      let hasTurns = false;
      for (let k = a; k < attributionsTo && !hasTurns; k++)
        hasTurns = attributions[k * ATTRIBUTION_FIELDS + 3]! >= 0;
      documents.push({
        kind,
        first: bounds[2 * i]!,
        last: bounds[2 * i + 1]!,
        segmentsFrom: s,
        segmentsTo,
        attributionsFrom: a,
        attributionsTo,
        hasTurns,
      });
      s = segmentsTo;
      a = attributionsTo;
    }
    const consistent = documents.every(
      (d, i) => d.first <= d.last && d.first === (i === 0 ? 0 : documents[i - 1]!.last),
    );
    if (!consistent || (documents.at(-1)?.last ?? 0) !== size) return null;
    if (s !== segmentFirst.length || a * ATTRIBUTION_FIELDS !== attributions.length) return null;
    for (let i = 1; i < segmentFirst.length; i++)
      if (segmentFirst[i]! < segmentFirst[i - 1]!) return null;
    if (words.length > MAX_TERMS) return null;
    let occurrences = 0;
    for (let t = 0; t < frequencies.length; t++) occurrences += frequencies[t]!;
    if (occurrences !== size) return null;
    if (words.length > 0x10000 ? termHigh?.length !== size : termHigh) return null;
    const terms: TermArray = { low: termLow, high: termHigh ?? undefined };
    const texts = new Map<number, string>();
    options.texts?.forEach((text, i) => texts.set(i, text));
    return new CorpusIndex({
      documents,
      details: snapshot.documents,
      words,
      sortedTerms,
      terms,
      frequencies,
      postingOffsets,
      postings,
      segments,
      attributions,
      segmentFirst,
      texts,
      textBudget: options.textBudget ?? Infinity,
      misprintBudget: options.misprintBudget ?? Infinity,
    });
  }

  // ---- Texts -------------------------------------------------------------------

  /**
   * The text of document `doc`.
   *
   * @throws Error if it is not loaded (see {@link withTexts}).
   */
  text(doc: number): string {
    const text = this.texts.get(doc);
    if (text === undefined) throw new Error(`the text of document ${doc} is not loaded`);
    return text;
  }

  /** Which of `docs` have no text loaded, in the order given. */
  missingTexts(docs: Iterable<number>): number[] {
    const missing: number[] = [];
    for (const d of docs) if (!this.texts.has(d)) missing.push(d);
    return missing;
  }

  /**
   * Load documents' texts (by document number). Texts beyond the budget go, least recently
   * used first, never one of these nor of `needed` (a step's documents, some loaded before).
   *
   * @throws RangeError for a document number the index does not have.
   */
  addTexts(entries: Iterable<readonly [number, string]>, needed: Iterable<number> = []): void {
    const added = new Set<number>();
    for (const doc of needed) {
      const text = this.texts.get(doc);
      if (text === undefined) continue;
      // Used now: most recently used last.
      this.texts.delete(doc);
      this.texts.set(doc, text);
      added.add(doc);
    }
    for (const [doc, text] of entries) {
      if (!Number.isInteger(doc) || doc < 0 || doc >= this.documents.length) {
        throw new RangeError(`no document ${doc} in the index`);
      }
      const old = this.texts.get(doc);
      if (old !== undefined) {
        this.textChars -= old.length;
        this.texts.delete(doc);
      }
      this.texts.set(doc, text);
      this.textChars += text.length;
      added.add(doc);
    }
    this.evictTexts(added);
  }

  /** Keep at most `chars` characters of texts from now on (see {@link IndexOptions.textBudget}). */
  setTextBudget(chars: number): void {
    this.textBudget = chars;
    this.evictTexts(new Set());
  }

  /** Characters of texts loaded now. */
  get loadedTextChars(): number {
    return this.textChars;
  }

  private evictTexts(keep: ReadonlySet<number>): void {
    for (const [doc, text] of this.texts) {
      if (this.textChars <= this.textBudget) break;
      if (keep.has(doc)) continue;
      this.texts.delete(doc);
      this.textChars -= text.length;
      this.offsets.delete(doc);
    }
  }

  // ---- Documents ---------------------------------------------------------------

  /** Document `doc`'s metadata. */
  meta(doc: number): DocumentMeta {
    return this.detail(doc).meta;
  }

  /** Document `doc`'s speakers. */
  speakers(doc: number): readonly Speaker[] {
    return this.detail(doc).speakers;
  }

  private detail(doc: number): { meta: DocumentMeta; speakers: readonly Speaker[] } {
    let detail = this.parsedDetails.get(doc);
    if (detail) {
      // Most recently used last.
      this.parsedDetails.delete(doc);
    } else {
      const json = this.details[doc];
      if (json === undefined) throw new RangeError(`no document ${doc} in the index`);
      detail = JSON.parse(json) as { meta: DocumentMeta; speakers: Speaker[] };
      if (this.parsedDetails.size >= DETAIL_CACHE_DOCUMENTS)
        this.parsedDetails.delete(this.parsedDetails.keys().next().value!);
    }
    this.parsedDetails.set(doc, detail);
    return detail;
  }

  /** Document `doc`'s parse without its text: metadata, speakers, turns and sentences. */
  record(doc: number): DocumentRecord {
    let record = this.records.get(doc);
    if (record) {
      // Most recently used last.
      this.records.delete(doc);
      this.records.set(doc, record);
      return record;
    }
    const entry = this.documents[doc]!;
    const segments: Segment[] = [];
    for (let s = entry.segmentsFrom; s < entry.segmentsTo; s++) segments.push(this.segment(s));
    const attributions: Attribution[] = [];
    const rows = this.attributionRows;
    for (let k = entry.attributionsFrom; k < entry.attributionsTo; k++) {
      const at = k * ATTRIBUTION_FIELDS;
      const attribution: Attribution = {
        start: rows[at]!,
        end: rows[at + 1]!,
        speaker: rows[at + 2]!,
      };
      if (rows[at + 3]! >= 0) attribution.label = { start: rows[at + 3]!, end: rows[at + 4]! };
      attributions.push(attribution);
    }
    const { meta, speakers } = this.detail(doc);
    record = { meta, speakers: [...speakers], attributions, segments };
    this.records.set(doc, record);
    if (this.records.size > RECORD_CACHE_DOCUMENTS)
      this.records.delete(this.records.keys().next().value!);
    return record;
  }

  /**
   * Document `doc` whole, with its text.
   *
   * @throws Error if its text is not loaded (see {@link withTexts}).
   */
  document(doc: number): PassageDocument {
    return { ...this.record(doc), text: this.text(doc) };
  }

  /**
   * Index among document `doc`'s attributions of the one overlapping most of `span`, or -1
   * if none does: `attributionIndexOf` of its record, read from the packed rows (no record
   * made).
   */
  attributionAt(doc: number, span: Span): number {
    const entry = this.documents[doc]!;
    const rows = this.attributionRows;
    const base = entry.attributionsFrom;
    const count = entry.attributionsTo - base;
    const start = (k: number) => rows[(base + k) * ATTRIBUTION_FIELDS]!;
    const end = (k: number) => rows[(base + k) * ATTRIBUTION_FIELDS + 1]!;
    // First attribution that ends after the span starts.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end(mid) <= span.start) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestOverlap = 0;
    for (let k = lo; k < count && start(k) < span.end; k++) {
      const overlap = Math.min(end(k), span.end) - Math.max(start(k), span.start);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = k;
      }
    }
    return best;
  }

  /** Global segment `s` as a sentence of its document. */
  segment(s: number): Segment {
    const rows = this.segmentRows;
    const at = s * SEGMENT_FIELDS;
    const speaker = rows[at + 3]!;
    return {
      start: rows[at]!,
      end: rows[at + 1]!,
      paragraph: rows[at + 2]!,
      speaker: speaker === 0 ? null : speaker - 1,
    };
  }

  /**
   * Global segment `s`'s words in their canonical form, joined by spaces (read from the
   * index, no text needed): what search ranks sentences by.
   */
  segmentWords(s: number): string {
    const from = this.segmentFirst[s]!;
    const to = s + 1 < this.segmentFirst.length ? this.segmentFirst[s + 1]! : this.size;
    const words: string[] = [];
    for (let g = from; g < to; g++) words.push(this.words[this.termAt(g)]!);
    return words.join(' ');
  }

  /** Where global segment `s` lies in its document's text. */
  segmentSpan(s: number): Span {
    const at = s * SEGMENT_FIELDS;
    return { start: this.segmentRows[at]!, end: this.segmentRows[at + 1]! };
  }

  /** The number of the document holding global segment `s`. */
  segmentDocument(s: number): number {
    const firsts = this.segmentFirsts;
    let lo = 0;
    let hi = firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid]! <= s) lo = mid;
      else hi = mid - 1;
    }
    // Documents without sentences share their first segment number with the next one.
    while (lo < this.documents.length - 1 && this.documents[lo]!.segmentsTo <= s) lo++;
    return lo;
  }

  /** Global segment `s`'s index among its document's segments. */
  segmentLocal(s: number): number {
    return s - this.documents[this.segmentDocument(s)]!.segmentsFrom;
  }

  // ---- Words -------------------------------------------------------------------

  /** Number of indexed words. */
  get size(): number {
    return this.termLow.length;
  }

  /** The term id at global position `g`; -1 outside the corpus. */
  termAt(g: number): number {
    if (g < 0 || g >= this.termLow.length) return -1;
    const low = this.termLow[g]!;
    return this.termHigh ? low | (this.termHigh[g]! << 16) : low;
  }

  /** Term id of a canonical word, or undefined if the corpus never uses it. */
  termId(norm: string): number | undefined {
    const sorted = this.sortedTerms;
    const at = this.lowerBound(norm);
    return at < sorted.length && this.words[sorted[at]!] === norm ? sorted[at] : undefined;
  }

  /** How often a term occurs in the whole corpus. */
  frequency(term: number): number {
    return this.frequencies[term]!;
  }

  /** Global positions of a term, ascending (decoded from its compressed postings). */
  positions(term: number): Int32Array {
    const out = new Int32Array(this.frequencies[term]!);
    const bytes = this.postings;
    let i = this.postingOffsets[term]!;
    let g = -1;
    for (let k = 0; k < out.length; k++) {
      let gap = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = bytes[i++]!;
        gap += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      g += gap;
      out[k] = g;
    }
    return out;
  }

  /** Global segment number of a global position. */
  segmentAt(position: number): number {
    const firsts = this.segmentFirst;
    let lo = 0;
    let hi = firsts.length - 1;
    // The last segment starting at or before the position (empty segments share their first position with the next).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Global segment numbers of ascending positions (a term's postings), walked forward rather
   * than searched one by one.
   */
  segmentsOf(positions: Int32Array): Int32Array {
    const out = new Int32Array(positions.length);
    const firsts = this.segmentFirst;
    const last = firsts.length - 1;
    let g = positions.length > 0 ? this.segmentAt(positions[0]!) : 0;
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k]!;
      if (g < last && firsts[g + 1]! <= p) {
        // Gallop forward, then search the last step: the last segment starting at or before p.
        let lo = g + 1;
        let step = 1;
        while (lo + step <= last && firsts[lo + step]! <= p) {
          lo += step;
          step *= 2;
        }
        let hi = Math.min(last, lo + step - 1);
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (firsts[mid]! <= p) lo = mid;
          else hi = mid - 1;
        }
        g = lo;
      }
      out[k] = g;
    }
    return out;
  }

  /** Global position of a segment's first word; for `segmentCount`, the number of indexed words. */
  segmentStart(segment: number): number {
    return segment < this.segmentFirst.length ? this.segmentFirst[segment]! : this.size;
  }

  /** Number of segments in the whole corpus. */
  get segmentCount(): number {
    return this.segmentFirst.length;
  }

  /**
   * Offset in its document's text where the word at a global position starts.
   *
   * @throws Error if that document's text is not loaded.
   */
  wordStart(position: number): number {
    return this.offsetsAt(position).starts[position - this.documentAt(position).first]!;
  }

  /**
   * Offset in its document's text just past the word at a global position.
   *
   * @throws Error if that document's text is not loaded.
   */
  wordEnd(position: number): number {
    return this.offsetsAt(position).ends[position - this.documentAt(position).first]!;
  }

  /** Bytes held by the index's arrays, vocabulary and documents' metadata (not loaded texts). */
  get byteLength(): number {
    const arrays = [
      this.termLow,
      ...(this.termHigh ? [this.termHigh] : []),
      this.frequencies,
      this.postingOffsets,
      this.postings,
      this.sortedTerms,
      this.firsts,
      this.segmentFirsts,
      this.segmentFirst,
      this.segmentRows,
      this.attributionRows,
    ];
    // Vocabulary and metadata strings: a byte a character (V8 stores Latin-1 strings so; a
    // few hold other characters, at two) plus a header each.
    const strings = [...this.words, ...this.details].reduce((sum, w) => sum + w.length + 16, 0);
    return arrays.reduce((sum, a) => sum + a.byteLength, 0) + strings;
  }

  /** Word offsets of the document holding `position`, re-read from its text and kept for a while. */
  private offsetsAt(position: number): { starts: Int32Array; ends: Int32Array } {
    const number = this.documentNumberAt(position);
    const entry = this.documents[number]!;
    let offsets = this.offsets.get(number);
    if (offsets) {
      // Most recently used last.
      this.offsets.delete(number);
      this.offsets.set(number, offsets);
      return offsets;
    }
    const text = this.text(number);
    const starts = new Int32Array(entry.last - entry.first);
    const ends = new Int32Array(entry.last - entry.first);
    let n = 0;
    for (let s = entry.segmentsFrom; s < entry.segmentsTo; s++) {
      const span = this.segmentSpan(s);
      scanWords(text, span.start, span.end, (word, start, end) => {
        for (let k = canonicalWords(word).length; k > 0; k--) {
          starts[n] = start;
          ends[n] = end;
          n++;
        }
      });
    }
    offsets = { starts, ends };
    this.offsets.set(number, offsets);
    if (this.offsets.size > OFFSET_CACHE_DOCUMENTS)
      this.offsets.delete(this.offsets.keys().next().value!);
    return offsets;
  }

  /** Index in `sortedTerms` of the first word not less than `word`. */
  private lowerBound(word: string): number {
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[sorted[mid]!]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every term that starts with `prefix`, in word order. */
  prefixTerms(prefix: string): number[] {
    const sorted = this.sortedTerms;
    const found: number[] = [];
    for (
      let k = this.lowerBound(prefix);
      k < sorted.length && this.words[sorted[k]!]!.startsWith(prefix);
      k++
    )
      found.push(sorted[k]!);
    return found;
  }

  /**
   * Terms that start with `prefix`, most frequent first, at most `limit`
   * (for search as you type, where the last word is still being typed).
   */
  prefixCandidates(prefix: string, limit: number): number[] {
    const found = this.prefixTerms(prefix);
    found.sort((a, b) => this.frequency(b) - this.frequency(a));
    return found.slice(0, limit);
  }

  /** The document holding a global position. */
  documentAt(position: number): IndexedDocument {
    return this.documents[this.documentNumberAt(position)]!;
  }

  /** Index order number of the document holding a global position. */
  documentNumberAt(position: number): number {
    let lo = 0;
    let hi = this.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    // Empty documents share their first position with the next one: skip them.
    while (lo < this.documents.length - 1 && this.documents[lo]!.last <= position) lo++;
    return lo;
  }

  /**
   * Corpus words that `word` may be a misprint of (see `typoBudget`), found
   * through deletion neighbourhoods (every word with up to `budget` letters
   * deleted, the "symmetric delete" method): no scan of the vocabulary.
   */
  typoCandidates(word: string): number[] {
    const budget = Math.min(typoBudget(word.length), 2);
    if (budget === 0) return [];
    return this.deletionTable().candidates(word, budget);
  }

  /** The misprint look-up's table (built on first use; measured by the benchmark). */
  deletionTable(): DeletionTable {
    this.deletions ??= new DeletionTable(this.words, this.misprintBudget);
    return this.deletions;
  }
}

/**
 * Builds an index one document at a time, so a caller can yield and report progress between
 * documents (the background indexing thousands of them).
 */
export class CorpusIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly words: string[] = [];
  /** Words as written → term ids: most words repeat, so most take one look-up. */
  private readonly writtenIds = new Map<string, readonly number[]>();
  private readonly terms = new GrowableInt32(1 << 16);
  private readonly segments = new GrowableInt32(1 << 12);
  private readonly attributions = new GrowableInt32(1 << 10);
  private readonly segmentFirst = new GrowableInt32(1 << 10);
  private readonly documents: IndexedDocument[] = [];
  private readonly details: string[] = [];
  private readonly texts = new Map<number, string>();
  private textChars = 0;
  private readonly textBudget: number;
  private readonly misprintBudget: number;
  private finished = false;

  constructor(options: IndexOptions = {}) {
    this.textBudget = options.textBudget ?? Infinity;
    this.misprintBudget = options.misprintBudget ?? Infinity;
  }

  /** Documents added so far. */
  get count(): number {
    return this.documents.length;
  }

  /** Add a parsed document (its aliases, if any, are not kept). */
  add(doc: PassageDocument | ParsedDocument): void {
    if (this.finished) throw new Error('the index is already built');
    const first = this.terms.length;
    const segmentsFrom = this.segmentFirst.length;
    const visit = (word: string) => {
      let ids = this.writtenIds.get(word);
      if (ids === undefined) {
        ids = canonicalWords(word).map(norm => this.termOf(norm));
        this.writtenIds.set(word, ids);
      }
      for (const id of ids) this.terms.push(id);
    };
    for (const segment of doc.segments) {
      this.segmentFirst.push(this.terms.length);
      this.segments.pushRow(
        segment.start,
        segment.end,
        segment.paragraph,
        segment.speaker === null ? 0 : segment.speaker + 1,
      );
      scanWords(doc.text, segment.start, segment.end, visit);
    }
    const attributionsFrom = this.attributions.length / ATTRIBUTION_FIELDS;
    let hasTurns = false;
    for (const a of doc.attributions) {
      if (a.label) hasTurns = true;
      this.attributions.pushRow(
        a.start,
        a.end,
        a.speaker,
        a.label?.start ?? -1,
        a.label?.end ?? -1,
      );
    }
    const number = this.documents.length;
    this.details.push(JSON.stringify({ meta: doc.meta, speakers: doc.speakers }));
    this.documents.push({
      kind: doc.meta.kind,
      first,
      last: this.terms.length,
      segmentsFrom,
      segmentsTo: this.segmentFirst.length,
      attributionsFrom,
      attributionsTo: this.attributions.length / ATTRIBUTION_FIELDS,
      hasTurns,
    });
    this.texts.set(number, doc.text);
    this.textChars += doc.text.length;
    for (const [n, text] of this.texts) {
      if (this.textChars <= this.textBudget || n === number) break;
      this.texts.delete(n);
      this.textChars -= text.length;
    }
  }

  /** The index of every document added. The builder cannot be used after. */
  finish(): CorpusIndex {
    this.finished = true;
    const terms = this.terms.toArray();
    const words = this.words;
    if (words.length > MAX_TERMS) throw new RangeError(`more than ${MAX_TERMS} distinct words`);
    const sortedTerms = Int32Array.from(words.keys());
    sortedTerms.sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
    return CorpusIndex.fromParts({
      documents: this.documents,
      details: this.details,
      words,
      sortedTerms,
      segments: this.segments.toArray(),
      attributions: this.attributions.toArray(),
      segmentFirst: this.segmentFirst.toArray(),
      texts: this.texts,
      textBudget: this.textBudget,
      misprintBudget: this.misprintBudget,
      ...compressPostings(terms, words.length),
      terms: packTerms(terms, words.length),
    });
  }

  private termOf(norm: string): number {
    let id = this.termIds.get(norm);
    if (id === undefined) {
      id = this.words.length;
      this.termIds.set(norm, id);
      this.words.push(norm);
    }
    return id;
  }
}

/** An `Int32Array` that grows by doubling. */
class GrowableInt32 {
  private data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Push a row of values. */
  pushRow(...values: number[]): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    for (const v of values) this.data[this.length++] = v;
  }

  /** A copy of exactly the values pushed. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }

  private grow(needed: number): void {
    const bigger = new Int32Array(Math.max(this.data.length * 2, needed));
    bigger.set(this.data);
    this.data = bigger;
  }
}

/** Term ids of every position, in 2 or 3 bytes. */
interface TermArray {
  low: Uint16Array;
  high: Uint8Array | undefined;
}

function packTerms(terms: Int32Array, termCount: number): TermArray {
  const low = new Uint16Array(terms.length);
  for (let g = 0; g < terms.length; g++) low[g] = terms[g]! & 0xffff;
  if (termCount <= 0x10000) return { low, high: undefined };
  const high = new Uint8Array(terms.length);
  for (let g = 0; g < terms.length; g++) high[g] = terms[g]! >>> 16;
  return { low, high };
}

/**
 * Postings of every term, compressed: for each term its positions in
 * ascending order as gaps from the previous one (the first from -1), each a
 * variable-byte integer (7 bits a byte, high bit set on all but the last).
 */
function compressPostings(
  terms: Int32Array,
  termCount: number,
): { frequencies: Int32Array; postingOffsets: Int32Array; postings: Uint8Array } {
  const frequencies = new Int32Array(termCount);
  const last = new Int32Array(termCount).fill(-1);
  const sizes = new Int32Array(termCount);
  for (let g = 0; g < terms.length; g++) {
    const t = terms[g]!;
    frequencies[t]!++;
    sizes[t]! += varintSize(g - last[t]!);
    last[t] = g;
  }
  const postingOffsets = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) postingOffsets[t + 1] = postingOffsets[t]! + sizes[t]!;
  const postings = new Uint8Array(postingOffsets[termCount]!);
  const cursor = postingOffsets.slice(0, termCount);
  last.fill(-1);
  for (let g = 0; g < terms.length; g++) {
    const t = terms[g]!;
    let gap = g - last[t]!;
    last[t] = g;
    let i = cursor[t]!;
    while (gap >= 0x80) {
      postings[i++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 128);
    }
    postings[i++] = gap;
    cursor[t] = i;
  }
  return { frequencies, postingOffsets, postings };
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}
