import { describe, expect, it } from 'vitest';

import { canonicalWord, isTypoOf, tokenize, withinEditDistance } from '../../../lib/core/normalize';

describe('tokenize', () => {
  it('keeps offsets into the original text', () => {
    const text = 'NATO’s “door” remains open.';
    const tokens = tokenize(text);
    expect(tokens.map(t => text.slice(t.start, t.end))).toEqual([
      'NATO’s',
      'door',
      'remains',
      'open',
    ]);
  });

  it('splits on hyphens and dashes, so one-sided and one sided are the same words', () => {
    expect(tokenize('one-sided').map(t => t.norm)).toEqual(tokenize('one sided').map(t => t.norm));
    expect(tokenize('build-up — and').map(t => t.norm)).toEqual(['build', 'up', 'and']);
  });

  it('reads numbers with separators as one word', () => {
    expect(tokenize('40,000 troops and 1.5 million').map(t => t.norm)).toEqual([
      '40000',
      'troops',
      'and',
      '1.5',
      'million',
    ]);
  });

  it('tokenises only the range asked for', () => {
    const text = 'alpha beta gamma delta';
    expect(tokenize(text, 6, 16).map(t => [t.norm, t.start])).toEqual([
      ['beta', 6],
      ['gamma', 11],
    ]);
  });

  it('reads contractions as the words they stand for, but not possessives', () => {
    expect(tokenize('We’re sure it’s Russia’s call; they can’t').map(t => t.norm)).toEqual([
      'we',
      'are',
      'sure',
      'it',
      'is',
      "russia's",
      'call',
      'they',
      'can',
      'not',
    ]);
  });

  it('skips soft hyphens and zero-width characters inside a word', () => {
    const text = 'negot\u00adiable co\u200bmmunity';
    const tokens = tokenize(text);
    expect(tokens.map(t => t.norm)).toEqual(['negotiable', 'community']);
    expect(text.slice(tokens[0]!.start, tokens[0]!.end)).toBe('negot\u00adiable');
  });

  it('keeps letters outside the Basic Multilingual Plane inside their word', () => {
    expect(tokenize('a 𝒳y b').map(t => t.norm)).toEqual(['a', '𝒳y', 'b']);
  });
});

describe('canonicalWord', () => {
  it.each([
    ['Sørsdahl', 'sorsdahl'],
    ['Élysée', 'elysee'],
    ['Russia’s', "russia's"],
    ['modernising', 'modernizing'],
    ['modernisation', 'modernization'],
    ['behaviour', 'behavior'],
    ['neighbours', 'neighbors'],
    ['armoured', 'armored'],
    ['defence', 'defense'],
    ['dialogue', 'dialog'],
    ['centre', 'center'],
    ['travelled', 'traveled'],
    ['programme', 'program'],
    ['Five', '5'],
  ])('folds %s to %s', (word, canonical) => {
    expect(canonicalWord(word)).toBe(canonical);
  });

  it.each([
    'flour',
    'hour',
    'your',
    'raise',
    'rise',
    'are',
    'here',
    'more',
    'called',
    'filled',
    'rolling',
  ])('leaves %s alone (the spelling rules do not merge unrelated words)', word => {
    expect(canonicalWord(word)).toBe(word);
  });
});

describe('typos', () => {
  it.each([
    ['internatonal', 'international', true],
    ['comunity', 'community', true],
    ['goverment', 'government', true],
    ['recieve', 'receive', true],
    ['war', 'was', false],
    ['Russia', 'Prussia', false],
    ['2014', '2015', false],
  ])('isTypoOf(%s, %s) is %s', (a, b, expected) => {
    expect(isTypoOf(canonicalWord(a), canonicalWord(b))).toBe(expected);
  });

  it('counts transpositions as one edit', () => {
    expect(withinEditDistance('recieve', 'receive', 1)).toBe(true);
    expect(withinEditDistance('abcdef', 'badcfe', 2)).toBe(false);
  });
});
