/**
 * The misprint look-up of a vocabulary: which words a misspelt word may stand for, by the
 * "symmetric delete" method — two words are candidates when deleting up to a few letters
 * from each gives the same string. Pure.
 *
 * The vocabulary side is kept as 32-bit hashes, never as strings: every deletion variant of
 * every word is hashed straight from the word's characters (no string is made) and the word
 * ids are laid out by hash bucket in one `Int32Array` (a counting sort). A look-up hashes the
 * misspelt word's own variants, reads their buckets and keeps a word only if the variant
 * really is that word with letters deleted, so hash collisions never add a candidate: the
 * answer is exactly that of a map from variant strings to words, at about 8 bytes per
 * (variant, word) pair instead of a string and a map entry each, and built ~10× faster.
 */
import { typoBudget } from './normalize';

/** Letters a word of `length` may lose in the table (its misprint budget, at most 2). */
export function deletionBudget(length: number): number {
  return Math.min(typoBudget(length + 1), 2);
}

/** Strings no shorter than this lose no more letters (see `deletionVariants`). */
const MIN_DELETE_LENGTH = 4;

/** A word and every string made from it by deleting up to `budget` letters. */
export function deletionVariants(word: string, budget: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < budget; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      if (w.length < MIN_DELETE_LENGTH) continue;
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `s` without the characters at `skip1` and `skip2` (-1: none). */
function hashWithout(s: string, skip1: number, skip2: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    if (i === skip1 || i === skip2) continue;
    h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** Whether `variant` is `word` with at most `budget` letters deleted. */
function isDeletionOf(variant: string, word: string, budget: number): boolean {
  const extra = word.length - variant.length;
  if (extra < 0 || extra > budget) return false;
  if (extra === 0) return variant === word;
  let j = 0;
  for (let i = 0; i < word.length && j < variant.length; i++) {
    if (word.charCodeAt(i) === variant.charCodeAt(j)) j++;
  }
  return j === variant.length;
}

/** One part of the table: the variants of the words of one length that start with one character. */
interface Part {
  /** Word ids, grouped by the bucket of their variants' hashes. */
  ids: Int32Array;
  /** Bucket → first index in `ids` (length: buckets + 1). */
  starts: Int32Array;
  mask: number;
  /** When it was last used (a look-up counter). */
  used: number;
}

/** A word that may lose letters: at most this many characters long is worth a part. */
const MAX_LENGTH = 64;

export class DeletionTable {
  /** Word ids by length (words with digits, and words too short to misprint, left out). */
  private readonly byLength: Int32Array[];
  /** Parts built so far, by `length * 65536 + first character code`. */
  private readonly parts = new Map<number, Part>();
  /** Look-ups so far: parts used least lately go first when over budget. */
  private clock = 0;
  private pairs = 0;
  private bytes = 0;

  /**
   * @param words - The vocabulary (term id → canonical word). Parts are built on first use:
   *   a look-up needs only the words within two letters of its length, and only their
   *   variants that start with one of the look-up's own variants' first characters.
   * @param budget - Bytes of parts kept at most: beyond it the parts used least lately go,
   *   and are built again if needed (the answers are the same; only their cost differs).
   */
  constructor(
    private readonly words: readonly string[],
    private readonly budget = Infinity,
  ) {
    const lists: number[][] = [];
    words.forEach((word, id) => {
      if (deletionBudget(word.length) === 0 || word.length > MAX_LENGTH || /\d/.test(word)) return;
      (lists[word.length] ??= []).push(id);
    });
    this.byLength = Array.from(lists, list => Int32Array.from(list ?? []));
  }

  /** (Variant, word) pairs held in the parts built so far. */
  get size(): number {
    return this.pairs;
  }

  /** Bytes of the parts built so far. */
  get byteLength(): number {
    return this.bytes;
  }

  /** Build every part (what the first look-ups would build bit by bit). */
  buildAll(): this {
    for (let length = 0; length < this.byLength.length; length++) {
      const firsts = new Set<number>();
      for (const id of this.byLength[length] ?? []) {
        const word = this.words[id]!;
        for (let k = 0; k <= deletionBudget(length) && k < length; k++)
          firsts.add(word.charCodeAt(k));
      }
      for (const c of firsts) this.part(length, c);
    }
    return this;
  }

  /**
   * Ids of the words that share a deletion variant with `word` when it may lose `budget`
   * letters itself: the words it may be a misprint of.
   */
  candidates(word: string, budget: number): number[] {
    this.clock++;
    const found = new Set<number>();
    const out: number[] = [];
    const fresh: number[] = [];
    for (const variant of deletionVariants(word, budget)) {
      const hash = hashWithout(variant, -1, -1);
      const first = variant.charCodeAt(0);
      fresh.length = 0;
      // A word of length n loses at most 2 letters to give the variant.
      for (let n = variant.length; n <= variant.length + 2 && n < this.byLength.length; n++) {
        if (!this.byLength[n]?.length || n - variant.length > deletionBudget(n)) continue;
        const part = this.part(n, first);
        const bucket = hash & part.mask;
        for (let k = part.starts[bucket]!; k < part.starts[bucket + 1]!; k++) {
          const id = part.ids[k]!;
          if (found.has(id)) continue;
          const candidate = this.words[id]!;
          if (isDeletionOf(variant, candidate, deletionBudget(candidate.length))) {
            found.add(id);
            fresh.push(id);
          }
        }
      }
      // In the order of a map from variants to ascending ids: variant by variant, by id.
      if (fresh.length > 1) fresh.sort((a, b) => a - b);
      for (const id of fresh) out.push(id);
    }
    return out;
  }

  /** The part of words of `length` and their variants starting with character `first`. */
  private part(length: number, first: number): Part {
    const key = length * 65536 + first;
    let part = this.parts.get(key);
    if (part) {
      part.used = this.clock;
      return part;
    }
    let hashes = new Uint32Array(64);
    let owners = new Int32Array(64);
    let n = 0;
    const push = (hash: number, id: number) => {
      if (n === hashes.length) {
        const h = new Uint32Array(n * 2);
        h.set(hashes);
        hashes = h;
        const o = new Int32Array(n * 2);
        o.set(owners);
        owners = o;
      }
      hashes[n] = hash;
      owners[n++] = id;
    };
    const budget = deletionBudget(length);
    const deletable = length >= MIN_DELETE_LENGTH;
    const twice = budget >= 2 && length - 1 >= MIN_DELETE_LENGTH;
    for (const id of this.byLength[length] ?? []) {
      const word = this.words[id]!;
      // The variant starts with the first letter not deleted: letter 0, 1 (0 deleted) or 2.
      if (word.charCodeAt(0) === first) {
        push(hashWithout(word, -1, -1), id);
        if (!deletable) continue;
        for (let i = 1; i < length; i++) {
          // Deleting either letter of a double gives the same string: once is enough.
          if (i > 1 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue;
          push(hashWithout(word, i, -1), id);
          if (!twice) continue;
          for (let j = i + 1; j < length; j++) {
            if (j > i + 1 && word.charCodeAt(j) === word.charCodeAt(j - 1)) continue;
            push(hashWithout(word, i, j), id);
          }
        }
      }
      if (!deletable) continue;
      if (word.charCodeAt(1) === first) {
        push(hashWithout(word, 0, -1), id);
        if (twice) for (let j = 2; j < length; j++) push(hashWithout(word, 0, j), id);
      }
      if (twice && word.charCodeAt(2) === first) push(hashWithout(word, 0, 1), id);
    }
    let buckets = 1;
    while (buckets < n) buckets <<= 1;
    const mask = buckets - 1;
    const starts = new Int32Array(buckets + 1);
    for (let k = 0; k < n; k++) starts[(hashes[k]! & mask) + 1]!++;
    for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
    const fill = starts.slice(0, buckets);
    const ids = new Int32Array(n);
    for (let k = 0; k < n; k++) ids[fill[hashes[k]! & mask]!++] = owners[k]!;
    part = { ids, starts, mask, used: this.clock };
    this.parts.set(key, part);
    this.pairs += n;
    this.bytes += ids.byteLength + starts.byteLength;
    if (this.bytes > this.budget) this.evict();
    return part;
  }

  /** Drop the parts used least lately (none used by the look-up under way) down to the budget. */
  private evict(): void {
    const old = [...this.parts].filter(([, p]) => p.used < this.clock);
    old.sort((a, b) => a[1].used - b[1].used);
    for (const [key, part] of old) {
      if (this.bytes <= this.budget) break;
      this.parts.delete(key);
      this.pairs -= part.ids.length;
      this.bytes -= part.ids.byteLength + part.starts.byteLength;
    }
  }
}
