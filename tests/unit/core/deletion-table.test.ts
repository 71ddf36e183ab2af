import { describe, expect, it } from 'vitest';

import { DeletionTable, deletionBudget, deletionVariants } from '../../../lib/core/deletion-table';
import { typoBudget } from '../../../lib/core/normalize';
import { bundledIndex } from './helpers';

/** The plain way: a map from every variant string to the words that give it. */
function referenceCandidates(words: readonly string[]) {
  const map = new Map<string, number[]>();
  words.forEach((word, id) => {
    const budget = deletionBudget(word.length);
    if (budget === 0 || /\d/.test(word)) return;
    for (const v of deletionVariants(word, budget)) {
      const ids = map.get(v);
      if (ids) ids.push(id);
      else map.set(v, [id]);
    }
  });
  return (word: string, budget: number) => {
    const found = new Set<number>();
    for (const v of deletionVariants(word, budget))
      for (const id of map.get(v) ?? []) found.add(id);
    return [...found];
  };
}

/** Misprints of `word`: a letter dropped, doubled, swapped with the next, replaced. */
function misprints(word: string, seed: number): string[] {
  const i = seed % word.length;
  const j = Math.min(word.length - 1, i + 1);
  const letter = String.fromCharCode(97 + (seed % 26));
  return [
    word.slice(0, i) + word.slice(i + 1),
    word.slice(0, i) + word[i] + word.slice(i),
    word.slice(0, i) + word[j] + word[i] + word.slice(j + 1),
    word.slice(0, i) + letter + word.slice(i + 1),
    word.slice(0, i) + letter + word.slice(i),
  ];
}

describe('DeletionTable', () => {
  const words = bundledIndex().words;
  const table = new DeletionTable(words);
  const reference = referenceCandidates(words);

  it('gives exactly the candidates of a map of variant strings, for misprints of every word', () => {
    let compared = 0;
    words.forEach((word, id) => {
      for (const query of [word, ...misprints(word, id)]) {
        const budget = Math.min(typoBudget(query.length), 2);
        if (budget === 0) continue;
        // The same words in the same order (the matcher's seeds follow it).
        expect(table.candidates(query, budget), query).toEqual(reference(query, budget));
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(4_000);
  });

  it('finds the word a misprint stands for, and nothing for a word far from all', () => {
    const id = words.indexOf('negotiation');
    expect(id).toBeGreaterThanOrEqual(0);
    expect(table.candidates('negotation', 2)).toContain(id);
    expect(table.candidates('negotaition', 2)).toContain(id);
    expect(table.candidates('zzzzzqqqqq', 2)).toEqual([]);
  });

  it('builds only the parts a look-up needs, and all of them on demand, in typed arrays', () => {
    const fresh = new DeletionTable(words);
    fresh.candidates('negotation', 2);
    const first = fresh.size;
    expect(first).toBeGreaterThan(0);
    fresh.buildAll();
    expect(first).toBeLessThan(fresh.size / 5);
    expect(fresh.size).toBeGreaterThan(words.length);
    expect(fresh.byteLength).toBeLessThan(fresh.size * 12);
  });

  it('keeps within its budget by dropping the parts used least lately, with the same answers', () => {
    const full = new DeletionTable(words).buildAll();
    const budget = Math.floor(full.byteLength / 10);
    const small = new DeletionTable(words, budget);
    let largest = 0;
    words.forEach((word, id) => {
      if (id % 7 !== 0) return;
      for (const query of misprints(word, id)) {
        const b = Math.min(typoBudget(query.length), 2);
        if (b === 0) continue;
        expect(small.candidates(query, b), query).toEqual(table.candidates(query, b));
        largest = Math.max(largest, small.byteLength);
        if (id % 35 === 0) {
          // Over budget only by the parts this look-up needs (what it alone builds).
          const alone = new DeletionTable(words);
          alone.candidates(query, b);
          expect(small.byteLength).toBeLessThanOrEqual(budget + alone.byteLength);
        }
      }
    });
    expect(largest).toBeGreaterThan(budget / 2);
  });
});
