/**
 * The word index over a whole corpus, built once and queried for every quote.
 *
 * All documents' words are laid end to end in typed arrays ("global
 * positions"), and each distinct word has a postings list of the global
 * positions where it occurs (compressed sparse rows: one offsets array and one
 * positions array). That keeps a 10 MB corpus in a few tens of megabytes,
 * builds in one counting pass plus one filling pass, and lets a query read
 * only the postings of the rarest words of a quote.
 */
import { canonicalWords, scanWords, typoBudget } from './normalize';
import type { ParsedDocument } from './types';

/** Where a document's words sit in the global arrays. */
export interface IndexedDocument {
  doc: ParsedDocument;
  /** First global position of the document's words. */
  first: number;
  /** One past its last global position. */
  last: number;
}

/** A plain-data snapshot of an index, for caching (structured-clone friendly). */
export interface CorpusIndexSnapshot {
  version: typeof SNAPSHOT_VERSION;
  documents: ParsedDocument[];
  /** Each document's first and last global position, in pairs. */
  bounds: Int32Array;
  words: string[];
  terms: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

// Bump when tokenisation or the arrays change: older snapshots are then rebuilt, not misread.
const SNAPSHOT_VERSION = 2;

export class CorpusIndex {
  /** Documents in index order. */
  readonly documents: readonly IndexedDocument[];
  /** Term id → canonical word. */
  readonly words: readonly string[];
  /** Canonical word → term id. */
  private readonly termIds: Map<string, number>;
  /** Global position → term id. */
  readonly terms: Int32Array;
  /** Global position → start / end offset of the word in its document's text. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Term id → index into `postings` where its positions begin (length: terms + 1). */
  private readonly postingOffsets: Int32Array;
  /** Global positions grouped by term, ascending within each term. */
  private readonly postings: Int32Array;
  /** Documents' first global positions, for finding a position's document. */
  private readonly firsts: Int32Array;
  /** Global position → global segment number. */
  private readonly segmentOfPosition: Int32Array;
  /** Global segment number → document number, and → segment index within its document. */
  readonly segmentDocument: Int32Array;
  readonly segmentLocal: Int32Array;
  /** Term ids sorted by word, for prefix look-ups (built on first use). */
  private sortedTerms: Int32Array | undefined;
  /** Deletion neighbourhoods of the vocabulary, for typo look-ups (built on first use). */
  private deletions: Map<string, number[]> | undefined;

  private constructor(
    documents: IndexedDocument[],
    words: string[],
    termIds: Map<string, number>,
    terms: Int32Array,
    starts: Int32Array,
    ends: Int32Array,
  ) {
    this.documents = documents;
    this.words = words;
    this.termIds = termIds;
    this.terms = terms;
    this.starts = starts;
    this.ends = ends;
    this.firsts = Int32Array.from(documents, d => d.first);

    // Counting pass, then filling pass: postings end up sorted by position.
    const counts = new Int32Array(words.length + 1);
    for (let g = 0; g < terms.length; g++) counts[terms[g]! + 1]!++;
    for (let t = 1; t < counts.length; t++) counts[t]! += counts[t - 1]!;
    this.postingOffsets = counts;
    const cursor = counts.slice(0, words.length);
    const postings = new Int32Array(terms.length);
    for (let g = 0; g < terms.length; g++) postings[cursor[terms[g]!]!++] = g;
    this.postings = postings;

    // Segments: number them globally and map each position to its segment.
    const segmentCount = documents.reduce((sum, d) => sum + d.doc.segments.length, 0);
    this.segmentDocument = new Int32Array(segmentCount);
    this.segmentLocal = new Int32Array(segmentCount);
    this.segmentOfPosition = new Int32Array(terms.length);
    let base = 0;
    documents.forEach((d, docNumber) => {
      const segments = d.doc.segments;
      let k = 0;
      for (let g = d.first; g < d.last; g++) {
        while (k < segments.length - 1 && segments[k]!.end <= starts[g]!) k++;
        this.segmentOfPosition[g] = base + k;
      }
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
    let starts: Int32Array = new Int32Array(capacity);
    let ends: Int32Array = new Int32Array(capacity);
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
    const visit = (word: string, start: number, end: number) => {
      let ids = writtenIds.get(word);
      if (ids === undefined) {
        ids = canonicalWords(word).map(termOf);
        writtenIds.set(word, ids);
      }
      for (const id of ids) {
        if (n === capacity) {
          capacity *= 2;
          terms = grow(terms, capacity);
          starts = grow(starts, capacity);
          ends = grow(ends, capacity);
        }
        terms[n] = id;
        starts[n] = start;
        ends[n] = end;
        n++;
      }
    };
    const documents: IndexedDocument[] = [];
    for (const doc of docs) {
      const first = n;
      for (const segment of doc.segments) scanWords(doc.text, segment.start, segment.end, visit);
      documents.push({ doc, first, last: n });
    }
    return new CorpusIndex(
      documents,
      words,
      termIds,
      terms.slice(0, n),
      starts.slice(0, n),
      ends.slice(0, n),
    );
  }

  /** A snapshot from which {@link CorpusIndex.restore} rebuilds the index without re-tokenising. */
  snapshot(): CorpusIndexSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      documents: this.documents.map(d => d.doc),
      bounds: Int32Array.from(this.documents.flatMap(d => [d.first, d.last])),
      words: [...this.words],
      terms: this.terms,
      starts: this.starts,
      ends: this.ends,
    };
  }

  /**
   * Rebuild an index from a snapshot. Returns null if the snapshot is from
   * another version of Verbatim or inconsistent, so the caller rebuilds from
   * the documents instead.
   */
  static restore(snapshot: CorpusIndexSnapshot): CorpusIndex | null {
    if (snapshot?.version !== SNAPSHOT_VERSION) return null;
    const { terms, starts, ends, words } = snapshot;
    if (terms.length !== starts.length || terms.length !== ends.length) return null;
    const termIds = new Map<string, number>();
    words.forEach((w, i) => termIds.set(w, i));
    const { bounds } = snapshot;
    if (bounds.length !== snapshot.documents.length * 2) return null;
    const documents = snapshot.documents.map((doc, i) => ({
      doc,
      first: bounds[2 * i]!,
      last: bounds[2 * i + 1]!,
    }));
    const consistent = documents.every(
      (d, i) => d.first <= d.last && d.first === (i === 0 ? 0 : documents[i - 1]!.last),
    );
    if (!consistent || (documents.at(-1)?.last ?? 0) !== terms.length) return null;
    return new CorpusIndex(documents, [...words], termIds, terms, starts, ends);
  }

  /** Number of indexed words. */
  get size(): number {
    return this.terms.length;
  }

  /** Term id of a canonical word, or undefined if the corpus never uses it. */
  termId(norm: string): number | undefined {
    return this.termIds.get(norm);
  }

  /** How often a term occurs in the whole corpus. */
  frequency(term: number): number {
    return this.postingOffsets[term + 1]! - this.postingOffsets[term]!;
  }

  /** Global positions of a term, ascending. */
  positions(term: number): Int32Array {
    return this.postings.subarray(this.postingOffsets[term]!, this.postingOffsets[term + 1]!);
  }

  /** Global segment number of a global position. */
  segmentAt(position: number): number {
    return this.segmentOfPosition[position]!;
  }

  /** Number of segments in the whole corpus. */
  get segmentCount(): number {
    return this.segmentDocument.length;
  }

  /**
   * Terms that start with `prefix`, most frequent first, at most `limit`
   * (for search as you type, where the last word is still being typed).
   */
  prefixCandidates(prefix: string, limit: number): number[] {
    if (!this.sortedTerms) {
      const ids = Int32Array.from(this.words.keys());
      ids.sort((a, b) =>
        this.words[a]! < this.words[b]! ? -1 : this.words[a]! > this.words[b]! ? 1 : 0,
      );
      this.sortedTerms = ids;
    }
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let k = lo; k < sorted.length && this.words[sorted[k]!]!.startsWith(prefix); k++)
      found.push(sorted[k]!);
    found.sort((a, b) => this.frequency(b) - this.frequency(a));
    return found.slice(0, limit);
  }

  /** The document holding a global position. */
  documentAt(position: number): IndexedDocument {
    let lo = 0;
    let hi = this.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    // Empty documents share their first position with the next one: skip them.
    while (lo < this.documents.length - 1 && this.documents[lo]!.last <= position) lo++;
    return this.documents[lo]!;
  }

  /**
   * Corpus words that `word` may be a misprint of (see `typoBudget`), found
   * through deletion neighbourhoods (every word with up to `budget` letters
   * deleted, the "symmetric delete" method): no scan of the vocabulary.
   */
  typoCandidates(word: string): number[] {
    const budget = Math.min(typoBudget(word.length), 2);
    if (budget === 0) return [];
    const deletions = this.deletionIndex();
    const found = new Set<number>();
    for (const variant of deletionVariants(word, budget)) {
      const ids = deletions.get(variant);
      if (ids) for (const id of ids) found.add(id);
    }
    return [...found];
  }

  private deletionIndex(): Map<string, number[]> {
    if (this.deletions) return this.deletions;
    const deletions = new Map<string, number[]>();
    this.words.forEach((word, id) => {
      const budget = Math.min(typoBudget(word.length + 1), 2);
      if (budget === 0 || /\d/.test(word)) return;
      for (const variant of deletionVariants(word, budget)) {
        const ids = deletions.get(variant);
        if (ids) ids.push(id);
        else deletions.set(variant, [id]);
      }
    });
    this.deletions = deletions;
    return deletions;
  }
}

/** A word and every string made from it by deleting up to `budget` letters. */
function deletionVariants(word: string, budget: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < budget; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      if (w.length <= 3) continue;
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return out;
}

function grow(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}
