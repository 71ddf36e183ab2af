/**
 * Markdown emphasis in a document's text (`**strong**`, `__strong__`,
 * `*em*`, `_em_`), for the reader: the words are shown emphasised and the
 * markers are not shown. The text itself (and every offset into it) is
 * untouched; this only decides how pieces of it are drawn. Pure.
 */

export interface StyledPiece<T> {
  text: string;
  strong: boolean;
  em: boolean;
  /** The piece this text came from. */
  from: T;
}

const STRONG = /(\*\*|__)(?=\S)([^\n]*?\S)\1/g;
const EM = /(?<![*_\p{L}\p{N}])([*_])(?![\s*_])([^*_\n]*?[^\s*_])\1(?![*_\p{L}\p{N}])/gu;

/**
 * Cut `pieces` (consecutive slices of one paragraph) where emphasis starts or
 * ends, dropping the markers; each result keeps the piece it came from.
 */
export function withEmphasis<T extends { text: string }>(pieces: readonly T[]): StyledPiece<T>[] {
  const text = pieces.map(p => p.text).join('');
  const hidden = new Uint8Array(text.length);
  const strong = new Uint8Array(text.length);
  const em = new Uint8Array(text.length);
  for (const m of text.matchAll(STRONG)) {
    const start = m.index;
    const end = start + m[0].length;
    hidden.fill(1, start, start + 2);
    hidden.fill(1, end - 2, end);
    strong.fill(1, start + 2, end - 2);
  }
  for (const m of text.matchAll(EM)) {
    const start = m.index;
    const end = start + m[0].length;
    if (hidden[start] || hidden[end - 1]) continue;
    hidden[start] = 1;
    hidden[end - 1] = 1;
    em.fill(1, start + 1, end - 1);
  }
  const out: StyledPiece<T>[] = [];
  let offset = 0;
  for (const piece of pieces) {
    let run = '';
    let runStrong = false;
    let runEm = false;
    const flush = () => {
      if (run) out.push({ text: run, strong: runStrong, em: runEm, from: piece });
      run = '';
    };
    for (let i = 0; i < piece.text.length; i++) {
      const at = offset + i;
      if (hidden[at]) continue;
      const s = strong[at] === 1;
      const e = em[at] === 1;
      if (run && (s !== runStrong || e !== runEm)) flush();
      if (!run) {
        runStrong = s;
        runEm = e;
      }
      run += piece.text[i];
    }
    flush();
    offset += piece.text.length;
  }
  return out;
}
