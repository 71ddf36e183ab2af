import { describe, expect, it } from 'vitest';

import { findQuotations } from '../../../lib/core/quotations';

const quoted = (text: string): string[] =>
  findQuotations(text).map(q => text.slice(q.start, q.end));

describe('findQuotations', () => {
  it.each([
    ['curly double quotes', 'He said “the risk is real” today.', ['the risk is real']],
    ['straight double quotes', 'He said "the risk is real", twice.', ['the risk is real']],
    [
      'a straight opening with a curly closing',
      '"We cannot end up there”, he stated.',
      ['We cannot end up there'],
    ],
    ['guillemets', 'Il a dit «non merci» hier.', ['non merci']],
    [
      'single quotes that are not apostrophes',
      'Allies’ stance, ‘firm and fair’, held.',
      ['firm and fair'],
    ],
    ['several quotations', '“One,” he said, “two.”', ['One,', 'two.']],
    [
      'a quotation inside markup',
      '**"Russia\'s actions undermine security"**, he stressed.',
      ["Russia's actions undermine security"],
    ],
    ['no apostrophes', "Ukraine’s right and the Allies' position don't change.", []],
  ])('finds %s', (_name, text, expected) => {
    expect(quoted(text)).toEqual(expected);
  });

  it('drops an unclosed quotation', () => {
    expect(quoted('He said “this never ends.')).toEqual([]);
  });

  it('reports the marks around the quoted words', () => {
    const text = 'a “ b ” c';
    expect(findQuotations(text)).toEqual([{ open: 2, start: 4, end: 5, close: 7 }]);
  });

  it('reads only the given range', () => {
    const text = '“one” and “two”';
    expect(findQuotations(text, 6).map(q => text.slice(q.start, q.end))).toEqual(['two']);
  });
});
