import { describe, expect, it } from 'vitest';

import { parseQuote } from '../../../lib/core/quote-text';

describe('parseQuote', () => {
  it.each([
    'a b ... c d',
    'a b … c d',
    'a b [...] c d',
    'a b (...) c d',
    'a b [… ] c d',
    'a b . . . c d',
  ])('splits "%s" into two pieces at the ellipsis', quote => {
    const parsed = parseQuote(quote);
    expect(parsed.tokens.map(t => [t.norm, t.piece])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 1],
      ['d', 1],
    ]);
    expect(parsed.pieceBreaks).toBe(1);
  });

  it('opens no empty piece for an ellipsis at the start or two in a row', () => {
    const parsed = parseQuote('… a b … … c');
    expect(parsed.tokens.map(t => t.piece)).toEqual([0, 0, 1]);
  });

  it('marks words in square brackets as the editor’s, with no weight', () => {
    const parsed = parseQuote('[NATO] will act');
    expect(parsed.tokens.map(t => [t.norm, t.editorial, t.weight > 0])).toEqual([
      ['nato', true, false],
      ['will', false, true],
      ['act', false, true],
    ]);
    expect(parsed.words).toBe(2);
  });

  it('drops the quotation marks around the quote but keeps offsets into it', () => {
    const quote = '“Risk is real.”';
    const parsed = parseQuote(quote);
    expect(parsed.tokens.map(t => quote.slice(t.start, t.end))).toEqual(['Risk', 'is', 'real']);
  });
});
