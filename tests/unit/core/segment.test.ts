import { describe, expect, it } from 'vitest';

import { splitBlocks, splitParagraphs, splitSentences } from '../../../lib/core/segment';

const sentences = (text: string, from?: number, to?: number): string[] =>
  splitSentences(text, from, to).map(s => text.slice(s.start, s.end));
const paragraphs = (text: string): string[] =>
  splitParagraphs(text).map(s => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    [
      'ends sentences at full stops, question and exclamation marks',
      'It is real. Is it? Yes!',
      ['It is real.', 'Is it?', 'Yes!'],
    ],
    [
      'keeps a title abbreviation with its name',
      'Mr. Stoltenberg spoke. Then Dr. Who left.',
      ['Mr. Stoltenberg spoke.', 'Then Dr. Who left.'],
    ],
    [
      'keeps an initialism before a capitalised non-opener',
      'The U.S. President spoke to St. Petersburg.',
      ['The U.S. President spoke to St. Petersburg.'],
    ],
    [
      'ends a sentence after an initialism before a sentence opener',
      'He lives in the U.S. The weather is fine.',
      ['He lives in the U.S.', 'The weather is fine.'],
    ],
    [
      'keeps decimals and thousands inside a sentence',
      'Prices rose 1.5 per cent to 40,000 units. Then fell.',
      ['Prices rose 1.5 per cent to 40,000 units.', 'Then fell.'],
    ],
    [
      'keeps e.g., i.e., incl. and etc. before lower-case words',
      'Support, e.g. training, i.e. advice, incl. heavy kit, etc. and more.',
      ['Support, e.g. training, i.e. advice, incl. heavy kit, etc. and more.'],
    ],
    [
      'keeps a month abbreviation before a number',
      'On 07 Jan. 2022 ministers met. No. 5 was absent.',
      ['On 07 Jan. 2022 ministers met.', 'No. 5 was absent.'],
    ],
    ['keeps initials with the surname', 'J. R. Smith arrived late.', ['J. R. Smith arrived late.']],
    [
      'keeps an ellipsis before a lower-case word',
      'This is… these are principles. By … or in Moscow.',
      ['This is… these are principles.', 'By … or in Moscow.'],
    ],
    [
      'ends a sentence at an ellipsis before a capitalised word',
      'We waited... Then it happened.',
      ['We waited...', 'Then it happened.'],
    ],
    [
      'includes closing quotes and brackets after the full stop',
      'He said "No." Then “It is real.” (Really.) Fine.',
      ['He said "No."', 'Then “It is real.”', '(Really.)', 'Fine.'],
    ],
    [
      'does not end at a question mark inside a quote followed by lower case',
      '“Is it?” he asked.',
      ['“Is it?” he asked.'],
    ],
    [
      'does not end before a dash',
      'the right “to decide.” – a principle Russia signed.',
      ['the right “to decide.” – a principle Russia signed.'],
    ],
    [
      'includes markup after the full stop',
      '**in and around Ukraine**. This is new.',
      ['**in and around Ukraine**.', 'This is new.'],
    ],
    [
      'splits at a missing full stop before a capitalised pronoun',
      'rights were not negotiable She condemned it.',
      ['rights were not negotiable', 'She condemned it.'],
    ],
    [
      'ends a sentence at a line break',
      'Good afternoon.\nWe have just concluded.',
      ['Good afternoon.', 'We have just concluded.'],
    ],
    [
      'ends an unpunctuated line at a line break',
      'Agenda\nRussia and Ukraine',
      ['Agenda', 'Russia and Ukraine'],
    ],
    [
      'joins a wrapped line that continues in lower case',
      'committed to our approach to Russia:\nstrong deterrence and defence.',
      ['committed to our approach to Russia:\nstrong deterrence and defence.'],
    ],
    [
      'joins a line after a trailing comma',
      'EXTRAORDINARY MEETING,\n7 JANUARY 2022',
      ['EXTRAORDINARY MEETING,\n7 JANUARY 2022'],
    ],
    [
      'bridges a page break inside a long sentence',
      '"We cannot end up in a situation where we cannot end\n\nup in it”, he stated.',
      ['"We cannot end up in a situation where we cannot end\n\nup in it”, he stated.'],
    ],
    [
      'does not bridge a blank line after a short title line',
      'Press conference\n\nby the Secretary General',
      ['Press conference', 'by the Secretary General'],
    ],
    [
      'leaves bullet markers out of sentences',
      '- First point\n - Nested point.\n• Third',
      ['First point', 'Nested point.', 'Third'],
    ],
    [
      'does not end a list enumerator',
      'I. RUSSIA: BUILD-UP\nA. DEFENCE\n1. Introduction',
      ['I. RUSSIA: BUILD-UP', 'A. DEFENCE', '1. Introduction'],
    ],
    ['drops spans without letters or digits', '• |\n-\nText.', ['Text.']],
    [
      'handles non-ASCII capitals',
      'Det er greit. Øvrige saker følger.',
      ['Det er greit.', 'Øvrige saker følger.'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('returns trimmed spans that index the original text', () => {
    const text = '  Hello there.   General Kenobi!  \n\n  - You are a bold one.  ';
    const spans = splitSentences(text);
    expect(spans.map(s => text.slice(s.start, s.end))).toEqual([
      'Hello there.',
      'General Kenobi!',
      'You are a bold one.',
    ]);
    for (const s of spans) {
      expect(text[s.start]).not.toMatch(/\s/);
      expect(text[s.end - 1]).not.toMatch(/\s/);
    }
  });

  it('reads only the range it is given', () => {
    const text = 'Label: First sentence. Second one.\nNext: Other.';
    const from = text.indexOf('First');
    const to = text.indexOf('\nNext');
    expect(sentences(text, from, to)).toEqual(['First sentence.', 'Second one.']);
  });

  it('returns nothing for an empty or blank range', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n\n  ')).toEqual([]);
    expect(splitSentences('abc', 2, 1)).toEqual([]);
  });

  it('returns on pathological input with sentences inside the text', () => {
    // A splitter that backtracked would not return within the test's time-out.
    const text =
      '.'.repeat(200_000) + ' A. '.repeat(50_000) + '\n'.repeat(100_000) + 'a '.repeat(100_000);
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans)
      expect(text.slice(s.start, s.end).trim()).toBe(text.slice(s.start, s.end));
  });
});

describe('splitParagraphs', () => {
  it('separates paragraphs at blank lines', () => {
    expect(paragraphs('One.\nStill one.\n\nTwo.\n\n\n  Three.')).toEqual([
      'One.\nStill one.',
      'Two.',
      'Three.',
    ]);
  });

  it('makes each list item a paragraph, without its marker', () => {
    expect(paragraphs('Intro:\n- First\n- Second item\n  wrapped\n\nAfter.')).toEqual([
      'Intro:',
      'First',
      'Second item\n  wrapped',
      'After.',
    ]);
  });

  it('bridges a page break inside a sentence', () => {
    const text =
      '- The Secretary General rejected the demands. "We cannot end\n\nup in a situation”, he stated.';
    expect(paragraphs(text)).toHaveLength(1);
  });

  it('drops marker-only and punctuation-only lines', () => {
    expect(paragraphs('• |\n\n-\n\nText')).toEqual(['Text']);
  });

  it('records list status and indentation of blocks', () => {
    const text = 'Heading\n\n- item\n   - nested';
    expect(splitBlocks(text).map(b => [b.bullet, b.indent])).toEqual([
      [false, 0],
      [true, 0],
      [true, 3],
    ]);
  });
});
