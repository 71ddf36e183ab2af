import { describe, expect, it } from 'vitest';

import {
  encodeFragmentText,
  textDirective,
  textFragmentUrl,
} from '../../../lib/content/text-fragment';

describe('encodeFragmentText', () => {
  it.each([
    ['plain words', 'plain%20words'],
    ['dual-track', 'dual%2Dtrack'],
    ['faith, and', 'faith%2C%20and'],
    ['Q&A', 'Q%26A'],
    ['Russia’s actions', 'Russia%E2%80%99s%20actions'],
  ])('encodes %j as %j', (text, encoded) => {
    expect(encodeFragmentText(text)).toBe(encoded);
  });
});

describe('textDirective', () => {
  it('quotes a short passage whole', () => {
    expect(textDirective('The risk of conflict is real')).toBe(
      'text=The%20risk%20of%20conflict%20is%20real',
    );
  });

  it('gives the first and last words of a long passage', () => {
    expect(
      textDirective('NATO will engage in dialogue with Russia in good faith, and on substance'),
    ).toBe('text=NATO%20will%20engage%20in%20dialogue,good%20faith%2C%20and%20on%20substance');
  });

  it('collapses white space and line breaks', () => {
    expect(textDirective('  The risk\n\nof   conflict ')).toBe('text=The%20risk%20of%20conflict');
  });

  it('is empty for a passage without words', () => {
    expect(textDirective(' \n ')).toBe('');
  });
});

describe('textFragmentUrl', () => {
  const passage = 'The risk of conflict is real';

  it('adds the directive to an address', () => {
    expect(textFragmentUrl('https://example.org/a?b=1', passage)).toBe(
      'https://example.org/a?b=1#:~:text=The%20risk%20of%20conflict%20is%20real',
    );
  });

  it('keeps an existing fragment and replaces an existing directive', () => {
    expect(textFragmentUrl('https://example.org/a#top', passage)).toBe(
      'https://example.org/a#top:~:text=The%20risk%20of%20conflict%20is%20real',
    );
    expect(textFragmentUrl('https://example.org/a#top:~:text=old', passage)).toBe(
      'https://example.org/a#top:~:text=The%20risk%20of%20conflict%20is%20real',
    );
  });

  it('leaves other addresses alone', () => {
    expect(textFragmentUrl('mailto:press@example.org', passage)).toBe('mailto:press@example.org');
    expect(textFragmentUrl('not a url', passage)).toBe('not a url');
  });
});
