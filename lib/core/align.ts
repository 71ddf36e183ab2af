/**
 * Word-level alignment of a quote against a stretch of a document.
 *
 * Semi-global alignment with affine gaps (Gotoh): every word of the quote is
 * either aligned to a source word or left out, while the source stretch may
 * start and end anywhere. Opening a gap costs more than extending it, so a
 * quote that skips a whole clause pays once, not per word. Where the quote
 * prints an ellipsis, skipping source words costs nothing.
 */
import { isTypoOf } from './normalize';
import type { QuoteToken } from './quote-text';

/** Score of an aligned pair relative to the quote word's weight. */
export const FUZZY_CREDIT = 0.7;
/** Cost of printing a different word in place of the source's. */
const SUBSTITUTION_COST = 0.15;
/** Cost of starting / continuing a run of quote words the source does not have. */
const QUOTE_GAP_OPEN = 0.3;
const QUOTE_GAP_EXTEND = 0;
/** Cost of starting / continuing a run of source words the quote leaves out (without an ellipsis). */
const SOURCE_GAP_OPEN = 0.6;
const SOURCE_GAP_EXTEND = 0.04;

/** What happened to one word in an alignment. */
export type AlignOp =
  /** Quote word `q` and source word `s` are the same word (`fuzzy`: a misprint of it; `substituted`: another word). */
  | { kind: 'pair'; q: number; s: number; match: 'exact' | 'fuzzy' | 'substituted' }
  /** Quote word `q` is not in the source. */
  | { kind: 'quote'; q: number }
  /** Source word `s` is not in the quote (`elided`: where the quote prints an ellipsis). */
  | { kind: 'source'; s: number; elided: boolean };

export interface Alignment {
  /** Operations in order; source indices are relative to the aligned window. */
  ops: AlignOp[];
  /** Weight of the quote's words found in the source (fuzzy ones at reduced credit). */
  matched: number;
  /** Index in the window of the first and last aligned source word (-1 if none). */
  first: number;
  last: number;
}

const NEG = -1e9;
// Back-pointer codes: which state a cell came from.
const FROM_M = 0;
const FROM_X = 1;
const FROM_Y = 2;
const FROM_START = 3;

/** DP matrices, reused between calls (alignment is synchronous, so one set suffices). */
let buffers = allocate(0);

function allocate(cells: number) {
  return {
    cells,
    M: new Float64Array(cells),
    X: new Float64Array(cells),
    Y: new Float64Array(cells),
    bM: new Uint8Array(cells),
    bX: new Uint8Array(cells),
    bY: new Uint8Array(cells),
  };
}

/**
 * Align `quote` against a source window.
 *
 * @param quote - The quote's words, with weights and pieces.
 * @param source - The window's words as indices into `vocabulary`, in order.
 * @param vocabulary - The distinct canonical words of the window.
 * @returns The best alignment, or null when no quote word aligns.
 */
export function align(
  quote: readonly QuoteToken[],
  source: ArrayLike<number>,
  vocabulary: readonly string[],
): Alignment | null {
  const m = quote.length;
  const n = source.length;
  if (m === 0 || n === 0) return null;
  const w = n + 1;
  const cells = (m + 1) * w;
  if (buffers.cells < cells) buffers = allocate(Math.max(cells, buffers.cells * 2));
  // Three states per cell: M (pair), X (quote word left out), Y (source word left out).
  const { M, X, Y, bM, bX, bY } = buffers;
  M.fill(NEG, 0, cells);
  X.fill(NEG, 0, cells);
  Y.fill(NEG, 0, cells);
  // Row 0: the alignment may start at any source word for free.
  for (let j = 0; j <= n; j++) {
    M[j] = 0;
    bM[j] = FROM_START;
  }
  // Pair scores of every quote word against every distinct window word.
  const L = vocabulary.length;
  const pairs = new Float64Array(m * L);
  for (let i = 0; i < m; i++) {
    for (let v = 0; v < L; v++) pairs[i * L + v] = pairScore(quote[i]!, vocabulary[v]!);
  }

  for (let i = 1; i <= m; i++) {
    const qt = quote[i - 1]!;
    // Leaving source words out is free at an ellipsis: between the last word of one
    // piece and the first word of the next.
    const next = quote[i];
    const atBreak = next !== undefined && next.piece !== qt.piece;
    const sOpen = atBreak ? 0 : SOURCE_GAP_OPEN;
    const sExt = atBreak ? 0 : SOURCE_GAP_EXTEND;
    const qOpen = qt.editorial ? 0 : QUOTE_GAP_OPEN;
    const qExt = qt.editorial ? 0 : QUOTE_GAP_EXTEND;
    const row = i * w;
    const prow = (i - 1) * w;
    for (let j = 0; j <= n; j++) {
      const c = row + j;
      // X: quote word i left out.
      {
        const a = M[prow + j]! - qOpen;
        const b = X[prow + j]! - qExt;
        const d = Y[prow + j]! - qOpen;
        if (a >= b && a >= d) {
          X[c] = a;
          bX[c] = FROM_M;
        } else if (b >= d) {
          X[c] = b;
          bX[c] = FROM_X;
        } else {
          X[c] = d;
          bX[c] = FROM_Y;
        }
      }
      if (j === 0) continue;
      // M: quote word i paired with source word j.
      {
        const p = prow + j - 1;
        const s = pairs[(i - 1) * L + source[j - 1]!]!;
        const a = M[p]!;
        const b = X[p]!;
        const d = Y[p]!;
        if (a >= b && a >= d) {
          M[c] = a + s;
          bM[c] = FROM_M;
        } else if (b >= d) {
          M[c] = b + s;
          bM[c] = FROM_X;
        } else {
          M[c] = d + s;
          bM[c] = FROM_Y;
        }
      }
      // Y: source word j left out, after quote word i.
      {
        const a = M[c - 1]! - sOpen;
        const b = Y[c - 1]! - sExt;
        const d = X[c - 1]! - sOpen;
        if (a >= b && a >= d) {
          Y[c] = a;
          bY[c] = FROM_M;
        } else if (b >= d) {
          Y[c] = b;
          bY[c] = FROM_Y;
        } else {
          Y[c] = d;
          bY[c] = FROM_X;
        }
      }
    }
  }

  // The alignment may end at any source word: best M or X cell in the last row.
  let best = NEG;
  let bestJ = 0;
  let state = FROM_M;
  const last = m * w;
  for (let j = 0; j <= n; j++) {
    if (M[last + j]! > best) {
      best = M[last + j]!;
      bestJ = j;
      state = FROM_M;
    }
    if (X[last + j]! > best) {
      best = X[last + j]!;
      bestJ = j;
      state = FROM_X;
    }
  }

  // Trace back.
  const ops: AlignOp[] = [];
  let i = m;
  let j = bestJ;
  while (i > 0) {
    const c = i * w + j;
    if (state === FROM_M) {
      const from = bM[c]!;
      const qt = quote[i - 1]!;
      ops.push({
        kind: 'pair',
        q: i - 1,
        s: j - 1,
        match: pairKind(qt, vocabulary[source[j - 1]!]!),
      });
      i--;
      j--;
      state = from;
    } else if (state === FROM_X) {
      const from = bX[c]!;
      ops.push({ kind: 'quote', q: i - 1 });
      i--;
      state = from;
    } else if (state === FROM_Y) {
      const from = bY[c]!;
      const qt = quote[i - 1]!;
      const next = quote[i];
      ops.push({ kind: 'source', s: j - 1, elided: next !== undefined && next.piece !== qt.piece });
      j--;
      state = from;
    } else break;
  }
  ops.reverse();

  let matched = 0;
  let firstS = -1;
  let lastS = -1;
  for (const op of ops) {
    if (op.kind !== 'pair') continue;
    const qt = quote[op.q]!;
    if (op.match === 'exact') matched += qt.weight;
    else if (op.match === 'fuzzy') matched += qt.weight * FUZZY_CREDIT;
    else if (!qt.editorial) continue;
    if (firstS < 0) firstS = op.s;
    lastS = op.s;
  }
  if (firstS < 0) return null;
  // Source words left out before the first or after the last pair are outside the passage.
  const trimmed = ops.filter(op => op.kind !== 'source' || (op.s > firstS && op.s < lastS));
  return { ops: trimmed, matched, first: firstS, last: lastS };
}

function pairKind(qt: QuoteToken, s: string): 'exact' | 'fuzzy' | 'substituted' {
  if (qt.norm === s) return 'exact';
  if (!qt.editorial && isTypoOf(qt.norm, s)) return 'fuzzy';
  return 'substituted';
}

function pairScore(qt: QuoteToken, s: string): number {
  if (qt.norm === s) return qt.weight;
  if (qt.editorial) return 0;
  // Cheap rejections first: misprints keep the first letter and roughly the length.
  if (qt.norm.charCodeAt(0) !== s.charCodeAt(0) || Math.abs(qt.norm.length - s.length) > 2) {
    return -SUBSTITUTION_COST;
  }
  return isTypoOf(qt.norm, s) ? qt.weight * FUZZY_CREDIT : -SUBSTITUTION_COST;
}

/**
 * Align each ellipsis-separated piece of the quote on its own, in whatever
 * order the pieces occur in the source (quotes sometimes splice sentences out
 * of order), and join the results in source order. Returns null unless every
 * piece aligns, without overlapping another.
 */
export function alignPieces(
  quote: readonly QuoteToken[],
  source: ArrayLike<number>,
  vocabulary: readonly string[],
): Alignment | null {
  const results: Alignment[] = [];
  let start = 0;
  while (start < quote.length) {
    let end = start + 1;
    while (end < quote.length && quote[end]!.piece === quote[start]!.piece) end++;
    const piece = align(quote.slice(start, end), source, vocabulary);
    if (!piece) return null;
    const offset = start;
    results.push({
      ...piece,
      ops: piece.ops.map(op => (op.kind === 'source' ? op : { ...op, q: op.q + offset })),
    });
    start = end;
  }
  results.sort((a, b) => a.first - b.first);
  const ops: AlignOp[] = [];
  let matched = 0;
  for (const [k, r] of results.entries()) {
    const prev = results[k - 1];
    if (prev) {
      if (r.first <= prev.last) return null;
      for (let s = prev.last + 1; s < r.first; s++) ops.push({ kind: 'source', s, elided: true });
    }
    ops.push(...r.ops);
    matched += r.matched;
  }
  return { ops, matched, first: results[0]!.first, last: results[results.length - 1]!.last };
}
