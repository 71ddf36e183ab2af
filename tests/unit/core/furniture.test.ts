import { describe, expect, it } from 'vitest';

import { isDateLine, isFurniture, isFurnitureLine } from '../../../lib/core/furniture';

describe('isFurnitureLine', () => {
  it.each([
    '  • 07 Jan. 2022 -',
    '  • |',
    '  • Last updated: 07 Jan. 2022 21:37',
    '(As delivered)',
    '[Check against delivery]',
    '7 January 2022',
    'Wednesday, 12 January 2022',
    'Brussels, 7 January 2022',
    '003 SPE 22 E | Original: English | January 2022',
    'Published 8 January 2022',
    '-',
  ])('takes %s for furniture', line => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  it.each([
    'Good afternoon.',
    'Press conference',
    'Updated guidance was issued on 12 March.',
    'The NATO-Russia Council meets on 12 January.',
    '(Reuters) - NATO ministers met on Friday to discuss the crisis in Ukraine at length.',
    'In 2021, the build-up began.',
  ])('takes %s for text', line => {
    expect(isFurnitureLine(line)).toBe(false);
  });
});

describe('isDateLine', () => {
  it('needs a number', () => {
    expect(isDateLine('January')).toBe(false);
    expect(isDateLine('January 2022')).toBe(true);
  });
});

describe('isFurniture', () => {
  it('needs every line of the span to be furniture', () => {
    const text = '• 07 Jan. 2022 -\n• |\nGood afternoon.';
    expect(isFurniture(text, { start: 0, end: 20 })).toBe(true);
    expect(isFurniture(text, { start: 0, end: text.length })).toBe(false);
  });
});
