/**
 * The word index over a whole corpus, built once and queried for every quote.
 *
 * All documents' words are laid end to end ("global positions"); `terms`
 * holds each position's term id (4 bytes a word: the matcher reads a
 * region's words at random). Each distinct word has a postings list of the
 * positions where it occurs, stored compressed: the gaps between successive
 * positions as variable-byte integers (7 bits a byte), about 1.5–2 bytes a
 * word, decoded only for the rare words a quote looks up. A word's offsets in
 * its document's text are not stored: they are found again by re-reading that
 * one document when a passage is shown (`wordStart`/`wordEnd`, a few
 * documents kept). Sentences are found from a position by binary search over
 * their first positions. The vocabulary is one sorted table (binary search),
 * not a hash map.
 *
 * The snapshot (for the background's cache) holds these arrays and the
 * documents' parses without their text: the text is already stored once, in
 * the corpus, and is handed back to {@link CorpusIndex.restore}.
 */
import { DeletionTable } from './deletion-table';
import { canonicalWords, scanWords, typoBudget } from './normalize';
import type { ParsedDocument, Segment } from './types';

/** Where a document's words sit in the global positions. */
export interface IndexedDocument {
  doc: ParsedDocument;
  /** First global position of the document's words. */
  first: number;
  /** One past its last global position. */
  last: number;
}

/** A parsed document as the snapshot keeps it: no text, sentences packed. */
export type SnapshotDocument = Omit<ParsedDocument, 'text' | 'segments'>;

/** A plain-data snapshot of an index, for caching (structured-clone friendly). */
export interface CorpusIndexSnapshot {
  version: typeof SNAPSHOT_VERSION;
  documents: SnapshotDocument[];
  /** Each document's first and last global position, in pairs. */
  bounds: Int32Array;
  /** Each document's number of segments, and the segments as (start, end, paragraph, speaker + 1) quadruples. */
  segmentCounts: Int32Array;
  segments: Int32Array;
  /** The vocabulary, in term-id order, joined by newlines. */
  vocabulary: string;
  terms: Int32Array;
  frequencies: Int32Array;
  postingOffsets: Int32Array;
  postings: Uint8Array;
  /** Global segment number → first global position of its words. */
  segmentFirst: Int32Array;
}

// Bump when tokenisation or the arrays change: older snapshots are then rebuilt, not misread.
const SNAPSHOT_VERSION = 3;
/** Documents whose word offsets are kept (passages shown lately). */
const OFFSET_CACHE_DOCUMENTS = 8;

/** The parts an index is made of; built by {@link CorpusIndex.build} or restored from a snapshot. */
interface Parts {
  documents: IndexedDocument[];
  words: string[];
  terms: Int32Array;
  frequencies: Int32Array;
  postingOffsets: Int32Array;
  postings: Uint8Array;
  segmentFirst: Int32Array;
}

export class CorpusIndex {
  /** Documents in index order. */
  readonly documents: readonly IndexedDocument[];
  /** Term id → canonical word. */
  readonly words: readonly string[];
  /** Global position → term id. */
  readonly terms: Int32Array;
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
  /** Global segment number → first global position of its words. */
  private readonly segmentFirst: Int32Array;
  /** Global segment number → document number, and → segment index within its document. */
  readonly segmentDocument: Int32Array;
  readonly segmentLocal: Int32Array;
  /** Word offsets of the documents read last (document number → starts, ends). */
  private readonly offsets = new Map<number, { starts: Int32Array; ends: Int32Array }>();
  /** Deletion neighbourhoods of the vocabulary, for typo look-ups (built on first use). */
  private deletions: DeletionTable | undefined;

  private constructor(parts: Parts) {
    const { documents, words, terms } = parts;
    this.documents = documents;
    this.words = words;
    this.terms = terms;
    this.frequencies = parts.frequencies;
    this.postingOffsets = parts.postingOffsets;
    this.postings = parts.postings;
    this.firsts = Int32Array.from(documents, d => d.first);
    const sorted = Int32Array.from(words.keys());
    sorted.sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
    this.sortedTerms = sorted;

    const segmentCount = documents.reduce((sum, d) => sum + d.doc.segments.length, 0);
    this.segmentDocument = new Int32Array(segmentCount);
    this.segmentLocal = new Int32Array(segmentCount);
    this.segmentFirst = parts.segmentFirst;
    let base = 0;
    documents.forEach((d, docNumber) => {
      const segments = d.doc.segments;
      for (let i = 0; i < segments.length; i++) {
        this.segmentDocument[base + i] = docNumber;
        this.segmentLocal[base + i] = i;
      }
      base += segments.length;
    });
  }

  /** Index parsed documents. Only words inside segments (the documents' sentences) are indexed. */
  static build(docs: readonly ParsedDocument[]): CorpusIndex {
    const termIds = new Map<string, number>();
    const words: string[] = [];
    // About one word per five characters of text; grown when a corpus is wordier.
    let capacity = Math.max(1024, Math.ceil(docs.reduce((sum, d) => sum + d.text.length, 0) / 5));
    let terms: Int32Array = new Int32Array(capacity);
    let n = 0;
    // Words as written → term ids: most words repeat, so most take one look-up.
    const writtenIds = new Map<string, number[]>();
    const termOf = (norm: string): number => {
      let id = termIds.get(norm);
      if (id === undefined) {
        id = words.length;
        termIds.set(norm, id);
        words.push(norm);
      }
      return id;
    };
    const visit = (word: string) => {
      let ids = writtenIds.get(word);
      if (ids === undefined) {
        ids = canonicalWords(word).map(termOf);
        writtenIds.set(word, ids);
      }
      for (const id of ids) {
        if (n === capacity) {
          capacity *= 2;
          const bigger = new Int32Array(capacity);
          bigger.set(terms);
          terms = bigger;
        }
        terms[n++] = id;
      }
    };
    const documents: IndexedDocument[] = [];
    const segmentFirst = new Int32Array(docs.reduce((sum, d) => sum + d.segments.length, 0));
    let s = 0;
    for (const doc of docs) {
      const first = n;
      for (const segment of doc.segments) {
        segmentFirst[s++] = n;
        scanWords(doc.text, segment.start, segment.end, visit);
      }
      documents.push({ doc, first, last: n });
    }
    terms = terms.slice(0, n);
    return new CorpusIndex({
      documents,
      words,
      terms,
      segmentFirst,
      ...compressPostings(terms, words.length),
    });
  }

  /** A snapshot from which {@link CorpusIndex.restore} rebuilds the index without re-tokenising. */
  snapshot(): CorpusIndexSnapshot {
    const segmentCounts = Int32Array.from(this.documents, d => d.doc.segments.length);
    const segments = new Int32Array(this.segmentDocument.length * 4);
    let k = 0;
    for (const { doc } of this.documents) {
      for (const s of doc.segments) {
        segments[k++] = s.start;
        segments[k++] = s.end;
        segments[k++] = s.paragraph;
        segments[k++] = s.speaker === null ? 0 : s.speaker + 1;
      }
    }
    return {
      version: SNAPSHOT_VERSION,
      documents: this.documents.map(({ doc }) => {
        const { text: _text, segments: _segments, ...rest } = doc;
        return rest;
      }),
      bounds: Int32Array.from(this.documents.flatMap(d => [d.first, d.last])),
      segmentCounts,
      segments,
      vocabulary: this.words.join('\n'),
      terms: this.terms,
      frequencies: this.frequencies,
      postingOffsets: this.postingOffsets,
      postings: this.postings,
      segmentFirst: this.segmentFirst,
    };
  }

  /**
   * Rebuild an index from a snapshot and the documents' texts (in the
   * snapshot's document order). Returns null if the snapshot is from another
   * version of Verbatim or inconsistent, so the caller rebuilds from the
   * documents instead.
   */
  static restore(snapshot: CorpusIndexSnapshot, texts: readonly string[]): CorpusIndex | null {
    if (snapshot?.version !== SNAPSHOT_VERSION) return null;
    const { terms, bounds, segmentCounts, segments, frequencies, postingOffsets, postings } =
      snapshot;
    const { segmentFirst } = snapshot;
    const count = snapshot.documents.length;
    if (texts.length !== count || bounds.length !== count * 2 || segmentCounts.length !== count)
      return null;
    const words = snapshot.vocabulary === '' ? [] : snapshot.vocabulary.split('\n');
    if (frequencies.length !== words.length || postingOffsets.length !== words.length + 1)
      return null;
    if (postingOffsets[words.length] !== postings.length) return null;
    let k = 0;
    const documents: IndexedDocument[] = [];
    for (let i = 0; i < count; i++) {
      const list: Segment[] = [];
      for (let j = 0; j < segmentCounts[i]!; j++, k += 4) {
        if (k + 4 > segments.length) return null;
        const speaker = segments[k + 3]!;
        list.push({
          start: segments[k]!,
          end: segments[k + 1]!,
          paragraph: segments[k + 2]!,
          speaker: speaker === 0 ? null : speaker - 1,
        });
      }
      const doc: ParsedDocument = { ...snapshot.documents[i]!, text: texts[i]!, segments: list };
      documents.push({ doc, first: bounds[2 * i]!, last: bounds[2 * i + 1]! });
    }
    const consistent = documents.every(
      (d, i) => d.first <= d.last && d.first === (i === 0 ? 0 : documents[i - 1]!.last),
    );
    if (!consistent || k !== segments.length || (documents.at(-1)?.last ?? 0) !== terms.length)
      return null;
    if (segmentFirst.length * 4 !== segments.length) return null;
    for (let i = 1; i < segmentFirst.length; i++)
      if (segmentFirst[i]! < segmentFirst[i - 1]!) return null;
    return new CorpusIndex({
      documents,
      words,
      terms,
      frequencies,
      postingOffsets,
      postings,
      segmentFirst,
    });
  }

  /** Number of indexed words. */
  get size(): number {
    return this.terms.length;
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
    return segment < this.segmentFirst.length ? this.segmentFirst[segment]! : this.terms.length;
  }

  /** Number of segments in the whole corpus. */
  get segmentCount(): number {
    return this.segmentDocument.length;
  }

  /** Offset in its document's text where the word at a global position starts. */
  wordStart(position: number): number {
    return this.offsetsAt(position).starts[position - this.documentAt(position).first]!;
  }

  /** Offset in its document's text just past the word at a global position. */
  wordEnd(position: number): number {
    return this.offsetsAt(position).ends[position - this.documentAt(position).first]!;
  }

  /** Bytes held by the index's own arrays (not the documents' parses or texts). */
  get byteLength(): number {
    const arrays = [
      this.terms,
      this.frequencies,
      this.postingOffsets,
      this.postings,
      this.sortedTerms,
      this.firsts,
      this.segmentFirst,
      this.segmentDocument,
      this.segmentLocal,
    ];
    // Vocabulary strings: one byte a character (V8 stores ASCII strings so) plus a header each.
    const vocabulary = this.words.reduce((sum, w) => sum + w.length + 16, 0);
    return arrays.reduce((sum, a) => sum + a.byteLength, 0) + vocabulary;
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
    const starts = new Int32Array(entry.last - entry.first);
    const ends = new Int32Array(entry.last - entry.first);
    let n = 0;
    const { text, segments } = entry.doc;
    for (const segment of segments) {
      scanWords(text, segment.start, segment.end, (word, start, end) => {
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

  /**
   * Terms that start with `prefix`, most frequent first, at most `limit`
   * (for search as you type, where the last word is still being typed).
   */
  prefixCandidates(prefix: string, limit: number): number[] {
    const sorted = this.sortedTerms;
    const found: number[] = [];
    for (
      let k = this.lowerBound(prefix);
      k < sorted.length && this.words[sorted[k]!]!.startsWith(prefix);
      k++
    )
      found.push(sorted[k]!);
    found.sort((a, b) => this.frequency(b) - this.frequency(a));
    return found.slice(0, limit);
  }

  /** The document holding a global position. */
  documentAt(position: number): IndexedDocument {
    return this.documents[this.documentNumberAt(position)]!;
  }

  /** Index order number of the document holding a global position. */
  private documentNumberAt(position: number): number {
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
    this.deletions ??= new DeletionTable(this.words);
    return this.deletions;
  }
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
