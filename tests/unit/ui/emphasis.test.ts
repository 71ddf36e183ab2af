import { describe, expect, it } from 'vitest';

import { withEmphasis } from '../../../lib/ui/emphasis';

const plain = (runs: ReturnType<typeof withEmphasis>) =>
  runs.map(r => `${r.strong ? 'S' : ''}${r.em ? 'E' : ''}[${r.text}]`).join('');

describe('withEmphasis', () => {
  it('shows **strong** and *em* without their markers', () => {
    expect(plain(withEmphasis([{ text: 'A **key** point, *really*.' }]))).toBe(
      '[A ]S[key][ point, ]E[really][.]',
    );
  });

  it('keeps the pieces a passage mark cut, across a marker', () => {
    const runs = withEmphasis([
      { text: 'The **risk of', mark: false },
      { text: ' conflict** is real', mark: true },
    ]);
    expect(runs.map(r => [r.text, r.strong, r.from.mark])).toEqual([
      ['The ', false, false],
      ['risk of', true, false],
      [' conflict', true, true],
      [' is real', false, true],
    ]);
  });

  it('leaves lone asterisks, snake_case and arithmetic alone', () => {
    expect(plain(withEmphasis([{ text: 'a * b and file_name_here' }]))).toBe(
      '[a * b and file_name_here]',
    );
  });
});
