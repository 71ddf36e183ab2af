import { describe, expect, it } from 'vitest';

import { checkAttribution } from '../../../lib/core/attribution';

const stoltenberg = { name: 'Jens Stoltenberg', role: 'NATO Secretary General' };

describe('checkAttribution', () => {
  it.each([
    ['Stoltenberg', 'same'],
    ['Jens Stoltenberg', 'same'],
    ['Mr. Stoltenberg', 'same'],
    ['Secretary General', 'same'],
    ['the NATO Secretary General', 'same'],
    ['Blinken', 'different'],
    ['Tony Blinken', 'different'],
    ['US Secretary of State', 'different'],
    ['he', 'unknown'],
    ['NATO news release', 'unknown'],
    [undefined, 'unknown'],
    ['', 'unknown'],
  ] as const)('page "%s" against Jens Stoltenberg is %s', (page, expected) => {
    expect(checkAttribution(page, stoltenberg)).toBe(expected);
  });

  it('ignores accents and case', () => {
    expect(
      checkAttribution('ELIN SORSDAHL', { name: 'Elin Sørsdahl', affiliation: 'TV2 Norway' }),
    ).toBe('same');
  });
});
