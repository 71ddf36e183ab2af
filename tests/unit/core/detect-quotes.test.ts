import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { countWords, createQuoteScanner, detectQuotes } from '../../../lib/core/detect-quotes';
import type { DetectedQuote } from '../../../lib/core/types';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** The quoted words of every quote, in order. */
function texts(blocks: readonly string[], options?: Parameters<typeof detectQuotes>[1]): string[] {
  return detectQuotes(blocks, options).map(q => q.text);
}

/** The single quote found in `blocks`; fails the test if there is not exactly one. */
function only(blocks: readonly string[]): DetectedQuote {
  const quotes = detectQuotes(blocks);
  expect(quotes).toHaveLength(1);
  return quotes[0] as DetectedQuote;
}

describe('detectQuotes', () => {
  describe('quotation-mark styles', () => {
    it.each([
      ['English double', 'He said, “We will defend every inch of allied territory.”', '“'],
      ['straight double', 'He said, "We will defend every inch of allied territory."', '"'],
      ['English single', 'He said: ‘We will defend every inch of allied territory.’', '‘'],
      ['straight single', "He said: 'We will defend every inch of allied territory.'", "'"],
      [
        'French guillemets with spaces',
        'Il a dit : « Nous défendrons chaque centimètre allié. »',
        '«',
      ],
      ['French single guillemets', 'Il a dit ‹ nous ne céderons jamais rien ›', '‹'],
      ['German reversed guillemets', 'Er sagte: »Wir werden jeden Zentimeter verteidigen.«', '»'],
      ['German low-high double', 'Er sagte: „Wir werden jeden Zentimeter verteidigen.“', '„'],
      ['German low-high single', 'Er sagte: ‚Wir werden jeden Zentimeter verteidigen.‘', '‚'],
      [
        'Polish low-high double',
        'Powiedział: „Będziemy bronić każdego centymetra terytorium.”',
        '„',
      ],
      ['Swedish right-right double', 'Han sade: ”Vi kommer att försvara varje tum.”', '”'],
      ['Japanese corner brackets', '彼は「私たちは同盟国の領土を守る」と述べた。', '「'],
      ['Japanese white corner brackets', '彼は『私たちは同盟国の領土を守る』と述べた。', '『'],
    ])('finds a quote in %s marks, without the marks', (_style, block, mark) => {
      const q = only([block]);
      expect(q.mark).toBe(mark);
      expect(q.text).not.toMatch(/^[\s"'«»‹›“”„‘’‚「」『』]|[\s"'«»‹›“”„‘’‚「」『』]$/);
      expect(block.slice(q.start, q.end)).toBe(q.text);
      expect(countWords(q.text)).toBeGreaterThanOrEqual(4);
    });

    it('drops the comma that belongs to the reporting sentence but keeps a full stop', () => {
      expect(texts(['“We are ready to talk,” he said. He added: “We are not naive.”'])).toEqual([
        'We are ready to talk',
        'We are not naive.',
      ]);
    });

    it('reports several quotes of one paragraph in reading order', () => {
      const block = '“First quote has four words,” he said, and then “the second one has five.”';
      expect(texts([block])).toEqual(['First quote has four words', 'the second one has five.']);
    });
  });

  describe('apostrophes are not quotation marks', () => {
    it.each([
      [
        'curly',
        'Back in the ’90s, rock ’n’ roll fans and O’Brien’s friends didn’t care about the Allies’ plans.',
      ],
      [
        'straight',
        "Back in the '90s, rock 'n' roll fans and O'Brien's friends didn't mind James' plans 'til dawn.",
      ],
      [
        'mixed with years',
        'Russia’s build-up since ’14 worries the Allies’ capitals, as it did in the ’90s.',
      ],
    ])('finds no quote in text whose %s marks are all apostrophes', (_kind, block) => {
      expect(detectQuotes([block])).toEqual([]);
    });

    it.each([
      [
        '‘Russia’s actions threaten the Allies’ security,’ he said.',
        'Russia’s actions threaten the Allies’ security',
      ],
      [
        '‘We’re keeping the ’90s rock ’n’ roll spirit alive,’ she said.',
        'We’re keeping the ’90s rock ’n’ roll spirit alive',
      ],
      [
        "'We're not giving up O'Brien's plan for the '90s,' she said.",
        "We're not giving up O'Brien's plan for the '90s",
      ],
      [
        '“Russia’s actions threaten the Allies’ security,” he said.',
        'Russia’s actions threaten the Allies’ security',
      ],
    ])('keeps apostrophes inside a quote: %s', (block, quote) => {
      expect(texts([block])).toEqual([quote]);
    });

    it('closes a single-quoted quote on a plural possessive when nothing else closes it', () => {
      expect(texts(['She said ‘we spoke with all the Allies’ and then went home.'])).toEqual([
        'we spoke with all the Allies',
      ]);
    });
  });

  describe('nesting', () => {
    it.each([
      [
        '“He told me ‘we will never accept this’ and left,” she said.',
        'He told me ‘we will never accept this’ and left',
      ],
      [
        '"He told me \'we will never accept this\' and left," she said.',
        "He told me 'we will never accept this' and left",
      ],
      [
        '„Er sagte ‚wir akzeptieren das niemals‘ und ging“, sagte sie.',
        'Er sagte ‚wir akzeptieren das niemals‘ und ging',
      ],
      [
        '« Il a dit “nous ne céderons jamais rien” hier », a-t-elle dit.',
        'Il a dit “nous ne céderons jamais rien” hier',
      ],
    ])('reports only the outer quote of %s', (block, outer) => {
      expect(texts([block])).toEqual([outer]);
    });

    it('also reports inner quotes, without attribution, when asked to', () => {
      const quotes = detectQuotes(
        ['Blinken said: “He told me ‘we will never accept this’ and left.”'],
        {
          nested: true,
        },
      );
      expect(quotes.map(q => [q.text, q.attribution])).toEqual([
        ['He told me ‘we will never accept this’ and left.', 'Blinken'],
        ['we will never accept this', undefined],
      ]);
    });
  });

  describe('continuation over paragraphs', () => {
    it('joins a quote whose paragraph ends open and whose next paragraph reopens it', () => {
      const blocks = [
        'Stoltenberg said: “We will engage in dialogue with Russia.',
        '“But we must also be prepared for the possibility that diplomacy will fail,” he added.',
      ];
      const q = only(blocks);
      expect(q.text).toBe(
        'We will engage in dialogue with Russia. But we must also be prepared for the possibility that diplomacy will fail',
      );
      expect(q.attribution).toBe('Stoltenberg');
      expect(q.pieces?.map(p => blocks[p.block]?.slice(p.start, p.end))).toEqual([
        'We will engage in dialogue with Russia.',
        'But we must also be prepared for the possibility that diplomacy will fail',
      ]);
      expect([q.block, q.start, q.end]).toEqual([0, 19, 58]);
    });

    it('continues over three paragraphs', () => {
      const q = only([
        '“One two three four.',
        '“Five six seven eight.',
        '“Nine ten eleven twelve.”',
      ]);
      expect(q.pieces?.map(p => p.block)).toEqual([0, 1, 2]);
    });

    it('continues French guillemets reopened with either guillemet', () => {
      const q = only([
        '« Nous sommes prêts au dialogue.',
        '» Mais nous restons prudents, très prudents. »',
      ]);
      expect(q.pieces).toHaveLength(2);
    });

    it('runs a quote never closed to the end of its paragraph when the next does not reopen it', () => {
      const quotes = detectQuotes([
        'Stoltenberg said: “this one never closes and goes on and on',
        'Another paragraph with a “proper quote of several words” here.',
      ]);
      expect(quotes.map(q => q.text)).toEqual([
        'this one never closes and goes on and on',
        'proper quote of several words',
      ]);
      expect(quotes[0]).toMatchObject({ block: 0, unclosed: true, attribution: 'Stoltenberg' });
      expect(quotes[1]?.unclosed).toBeUndefined();
    });

    it('runs a quote never closed in the last paragraph to the end of the text', () => {
      const scanner = createQuoteScanner();
      expect(scanner.push('He said “we will engage in dialogue in good faith')).toEqual([]);
      expect(scanner.finish().map(q => q.text)).toEqual([
        'we will engage in dialogue in good faith',
      ]);
    });

    it('takes a credit line alone after a quote never closed as its speaker', () => {
      const quotes = detectQuotes([
        '“We must also be prepared for the possibility that diplomacy will fail.',
        'Jens Stoltenberg.',
      ]);
      expect(quotes).toHaveLength(1);
      expect(quotes[0]).toMatchObject({ unclosed: true, attribution: 'Jens Stoltenberg' });
    });

    it('continues a quote never closed over paragraphs that reopen it, then ends it there', () => {
      const quotes = detectQuotes([
        '“NATO will engage in dialogue with Russia in good faith.',
        '“But we must also be prepared for diplomacy to fail.',
        'The meeting ended at noon.',
      ]);
      expect(quotes).toHaveLength(1);
      expect(quotes[0]?.pieces?.map(p => p.block)).toEqual([0, 1]);
      expect(quotes[0]?.unclosed).toBe(true);
    });

    it.each([
      ['a single mark (apostrophes look alike)', 'He called it ‘a problem we will solve later on'],
      ['a short fragment', 'He said “not now'],
    ])('reports no quote never closed for %s', (_what, block) => {
      expect(detectQuotes([block, 'Next paragraph without marks.'])).toEqual([]);
    });

    it('reports the pieces as soon as the closing paragraph is pushed to a scanner', () => {
      const scanner = createQuoteScanner();
      expect(scanner.push('He said: “We will engage in dialogue.')).toEqual([]);
      const [q] = scanner.push('“But we must be prepared for failure.” That was all.');
      expect(q?.pieces?.map(p => p.block)).toEqual([0, 1]);
      expect(q?.block).toBe(0);
    });
  });

  describe('unbalanced marks', () => {
    it('never pairs marks across paragraphs', () => {
      const blocks = [
        'He said “this opens here and',
        'this paragraph has no marks at all',
        'nor does this one',
        'and this one closes it” much later.',
      ];
      // The open one ends with its paragraph; the stray closing mark pairs with nothing.
      expect(detectQuotes(blocks).map(q => q.text)).toEqual(['this opens here and']);
    });

    it('does not take a run of more than three reopened paragraphs as one quote', () => {
      const blocks = [
        '“One two three four.',
        '“Five six seven eight.',
        '“Nine ten eleven twelve.',
        '“Thirteen fourteen fifteen sixteen.”',
      ];
      const quotes = detectQuotes(blocks);
      expect(quotes.every(q => (q.pieces?.length ?? 1) <= 3)).toBe(true);
      expect(quotes.map(q => q.text)).toEqual(['Thirteen fourteen fifteen sixteen.']);
    });

    it.each([
      [
        'a curly opening and a straight closing mark',
        'He warned of a “real" risk. “The risk of conflict is real," he said.',
      ],
      [
        'a straight opening and a curly closing mark',
        'He warned of a "real” risk. "The risk of conflict is real,” he said.',
      ],
    ])('pairs %s', (_what, block) => {
      expect(texts([block])).toEqual(['The risk of conflict is real']);
    });

    it('ignores a stray closing mark and finds the real quote after it', () => {
      expect(texts(['A stray ” mark and then “a real quote with words” inside.'])).toEqual([
        'a real quote with words',
      ]);
    });

    it('lets a new opening mark replace one left open in the same paragraph', () => {
      expect(
        texts(['“This one is never closed. “But this one is closed properly,” he said.']),
      ).toEqual(['But this one is closed properly']);
    });

    // Copy that passed through a translation system prints closing marks as opening ones,
    // glued to the credit that follows (cvbj.biz, 7 January 2022).
    it.each([
      [
        '“We regret that Russia has not taken steps to de-escalate, “Stoltenberg said at a press conference.',
        'We regret that Russia has not taken steps to de-escalate',
        'Stoltenberg',
      ],
      [
        '“Russia’s aggressive actions seriously undermine the security order in Europe “said the Secretary General of NATO.',
        'Russia’s aggressive actions seriously undermine the security order in Europe',
        'Secretary General of NATO',
      ],
      [
        'He said an attack will have “significant consequences and a high price for Russia, “specifying that sanctions are ready.',
        'significant consequences and a high price for Russia',
        undefined,
      ],
    ])(
      'closes an open quote at an opening mark glued to the credit after it: %s',
      (block, text, who) => {
        const [q, ...rest] = detectQuotes([block]);
        expect(rest).toEqual([]);
        expect(q).toMatchObject({ text, mark: '“' });
        expect(q?.unclosed).toBeUndefined();
        if (who) expect(q?.attribution).toBe(who);
      },
    );

    it('does not let such a quote run into the next paragraph that opens with a mark', () => {
      const quotes = detectQuotes([
        '“We regret that Russia has not taken steps to de-escalate, “Stoltenberg said.',
        '“The aggressive actions of Russia undermine the security order “said the Secretary General, for whom “there is a risk of a new armed conflict” on the continent.',
      ]);
      expect(quotes.map(q => [q.text, q.attribution])).toEqual([
        ['We regret that Russia has not taken steps to de-escalate', 'Stoltenberg'],
        ['The aggressive actions of Russia undermine the security order', 'Secretary General'],
        ['there is a risk of a new armed conflict', 'Secretary General'],
      ]);
    });

    it('keeps an opening mark glued to words that are no credit as an inner quote', () => {
      expect(texts(['“The plan, “NATO first” as they call it, failed,” she said.'])).toEqual([
        'The plan, “NATO first” as they call it, failed',
      ]);
    });

    it('keeps a mid-sentence opening mark inside an open quote as an inner quote', () => {
      expect(texts(['“He said “no” to the proposal,” she said.'])).toEqual([
        'He said “no” to the proposal',
      ]);
    });

    it('keeps inch marks and an unclosed straight quote from swallowing the next paragraph', () => {
      expect(
        texts([
          'The pipes were 12" long and "cheap',
          'Next paragraph with "a real quote in it" today.',
        ]),
      ).toEqual(['a real quote in it']);
    });
  });

  describe('minimum length', () => {
    it.each([
      ['a one-word scare quote', 'Moscow calls it a “so-called” threat.'],
      ['a three-word euphemism', 'Moscow calls it a “special military operation” instead.'],
      ['a single-quoted phrase', 'The ‘red lines’ were drawn early.'],
    ])('skips %s', (_what, block) => {
      expect(detectQuotes([block])).toEqual([]);
    });

    it('reports a quote of exactly four words', () => {
      expect(texts(['He said “four words are enough” to me.'])).toEqual(['four words are enough']);
    });

    it('honours a custom minimum', () => {
      expect(
        texts(['Moscow calls it a “special military operation” instead.'], { minWords: 3 }),
      ).toEqual(['special military operation']);
    });
  });

  describe('attribution', () => {
    it.each([
      ['Stoltenberg said, “NATO will engage in good faith.”', 'Stoltenberg'],
      ['“NATO will engage in good faith,” Stoltenberg said.', 'Stoltenberg'],
      ['“A diplomatic path is still open,” said Blinken.', 'Blinken'],
      [
        'NATO Secretary General Jens Stoltenberg said, “NATO will engage in good faith.”',
        'Jens Stoltenberg',
      ],
      [
        'US Secretary of State Tony Blinken said: “A diplomatic path is still open.”',
        'Tony Blinken',
      ],
      [
        '“A diplomatic path is still open,” said U.S. Secretary of State Antony J. Blinken.',
        'Antony J. Blinken',
      ],
      ['The Secretary General said, “NATO will engage in good faith.”', 'Secretary General'],
      ['“NATO will engage in good faith,” the spokesperson said.', 'spokesperson'],
      ['Stoltenberg told reporters in Brussels: “NATO will engage in good faith.”', 'Stoltenberg'],
      [
        'Stoltenberg insisted that NATO would “match any threat to allied territory”.',
        'Stoltenberg',
      ],
      ['Stoltenberg also warned on Friday that “the build-up has not stopped”.', 'Stoltenberg'],
      ['According to Stoltenberg, “NATO will engage in good faith.”', 'Stoltenberg'],
      ['“NATO will engage in good faith,” according to a NATO news release.', 'NATO news release'],
      [
        'Jens Stoltenberg, NATO’s Secretary General, said: “NATO will engage in good faith.”',
        'Jens Stoltenberg',
      ],
      ['“NATO will engage in good faith,” Stoltenberg, the NATO chief, said.', 'Stoltenberg'],
      [
        '“NATO will engage in good faith,” Russian Foreign Minister Sergei Lavrov said.',
        'Sergei Lavrov',
      ],
      [
        '“We stand with Ukraine and its people,” Commission President Ursula von der Leyen said.',
        'Ursula von der Leyen',
      ],
      [
        '“We will never accept this,” Foreign Minister Dmytro Kuleba of Ukraine said.',
        'Dmytro Kuleba',
      ],
      ['Mr. Stoltenberg said: “NATO will engage in good faith.”', 'Stoltenberg'],
      [
        'Speaking after the meeting, Stoltenberg said, “NATO will engage in talks,” Blinken said.',
        'Stoltenberg',
      ],
      ['Blinken met Lavrov, who warned that “the talks will be very difficult”.', 'Lavrov'],
      [
        'According to the release, “NATO will engage in good faith,” Stoltenberg said.',
        'Stoltenberg',
      ],
      ['“We have troops, we have forces,” he said.', undefined],
      ['“We have troops, we have forces,” they said.', undefined],
      ['The Alliance continues “to stand with Ukraine and its people”.', undefined],
      ['Officials met on Friday. “The talks will continue next week.”', undefined],
    ])('attributes %s to %s', (block, who) => {
      expect(only([block]).attribution).toBe(who);
    });

    it('gives a second quote of the paragraph the speaker of the first', () => {
      const quotes = detectQuotes([
        '“NATO will engage in good faith,” Stoltenberg said. “But we must be prepared.”',
      ]);
      expect(quotes.map(q => q.attribution)).toEqual(['Stoltenberg', 'Stoltenberg']);
    });

    it('resolves “he” to the speaker of a quote in an earlier paragraph', () => {
      const quotes = detectQuotes([
        '“NATO will engage in good faith,” Stoltenberg said.',
        'Asked about troops, he added, “The build-up has not stopped.”',
      ]);
      expect(quotes.map(q => q.attribution)).toEqual(['Stoltenberg', 'Stoltenberg']);
    });

    it('resolves “he” to the nearest person reported speaking, even without a quote', () => {
      const quotes = detectQuotes([
        '“NATO will engage in good faith,” Stoltenberg said.',
        'Blinken said the path was open. “A diplomatic path is still possible,” he said.',
      ]);
      expect(quotes.map(q => q.attribution)).toEqual(['Stoltenberg', 'Blinken']);
    });

    it('takes the speaker from a lead-in paragraph ending in a colon', () => {
      expect(
        only(['Stoltenberg told reporters in Brussels:', '“NATO will engage in good faith.”'])
          .attribution,
      ).toBe('Stoltenberg');
    });

    it('does not take a previous paragraph that ends a sentence as a lead-in', () => {
      expect(
        only(['Stoltenberg said he spoke in Brussels.', '“NATO will engage in good faith.”'])
          .attribution,
      ).toBe(undefined);
    });
  });

  describe('marked quotes (HTML <q> and <blockquote>)', () => {
    it('reports a marked stretch as a quote with its mark and the attribution around it', () => {
      const text = 'Stoltenberg said NATO will engage in good faith, as agreed.';
      const start = text.indexOf('NATO');
      const end = text.indexOf(', as');
      const [q] = createQuoteScanner().push(text, [{ start, end, mark: 'q' }]);
      expect(q).toEqual({
        text: 'NATO will engage in good faith',
        block: 0,
        start,
        end,
        mark: 'q',
        attribution: 'Stoltenberg',
      });
    });

    it('does not report a marked quote twice when marks surround it too', () => {
      const text = 'He said “NATO will engage in good faith” today.';
      const start = text.indexOf('NATO');
      const quotes = createQuoteScanner().push(text, [
        { start, end: text.indexOf('”'), mark: 'q' },
      ]);
      expect(quotes.map(q => q.text)).toEqual(['NATO will engage in good faith']);
    });

    it('continues a marked quote over paragraphs and takes the attribution the markup gives', () => {
      const scanner = createQuoteScanner();
      const a = 'We will engage in dialogue with Russia.';
      const b = 'But we must also be prepared for failure.';
      expect(
        scanner.push(a, [{ start: 0, end: a.length, mark: 'blockquote', continues: true }]),
      ).toEqual([]);
      const [q] = scanner.push(b, [
        { start: 0, end: b.length, mark: 'blockquote', attribution: 'Jens Stoltenberg' },
      ]);
      expect(q?.text).toBe(`${a} ${b}`);
      expect(q?.attribution).toBe('Jens Stoltenberg');
      expect(q?.mark).toBe('blockquote');
    });
  });

  describe('the news report fixture', () => {
    const text = readFileSync(new URL('news-report-2022-01-08.txt', FIXTURES), 'utf8');
    const expected = JSON.parse(
      readFileSync(new URL('pages/news-report-2022-01-08.expected.json', FIXTURES), 'utf8'),
    ) as { quotes: Array<{ text: string; attribution?: string }> };

    it('finds the quotes a reader sees, with their speakers', () => {
      const quotes = detectQuotes(text.split(/\n\s*\n/));
      expect(quotes.map(q => ({ text: q.text, attribution: q.attribution }))).toEqual(
        expected.quotes.map(q => ({ text: q.text, attribution: q.attribution })),
      );
    });

    it('does not take the reported speech of Blinken for a quote', () => {
      const quotes = detectQuotes(text.split(/\n\s*\n/));
      expect(quotes.some(q => q.text.includes('diplomatic resolution'))).toBe(false);
    });
  });

  describe('long texts', () => {
    /** About `words` words of news prose with a quote of each form every paragraph or so. */
    function longText(words: number): { blocks: string[]; quotes: number; byBlinken: number } {
      const filler =
        'the alliance said that Russia’s forces and the Allies’ plans were discussed at length in Brussels'.split(
          ' ',
        );
      const blocks: string[] = [];
      let n = 0;
      let quotes = 0;
      let byBlinken = 0;
      while (n < words) {
        const parts: string[] = [];
        for (let s = 0; s < 4; s++) {
          const len = 20 + ((n + s) % 13);
          parts.push(
            Array.from({ length: len }, (_, i) => filler[(n + i) % filler.length]).join(' ') + '.',
          );
          n += len;
        }
        if (blocks.length % 2 === 0) {
          parts.splice(
            2,
            0,
            'Stoltenberg said, “We will not go into the exact numbers, it’s ’90s thinking,” he added.',
          );
          quotes += 1;
        } else {
          parts.push(
            '“Rock ’n’ roll is ‘not dead’ at all, O’Brien insists,” said Blinken. “And that is final.”',
          );
          quotes += 2;
          byBlinken += 2;
        }
        n += 16;
        blocks.push(parts.join(' '));
      }
      return { blocks, quotes, byBlinken };
    }

    // Its speed is measured by `npm run bench`, not asserted here.
    it('finds every one of 300+ quotes in a 50,000-word text, each with its speaker', () => {
      const { blocks, quotes, byBlinken } = longText(50_000);
      expect(quotes).toBeGreaterThan(300);
      const found: DetectedQuote[] = detectQuotes(blocks);
      expect(found).toHaveLength(quotes);
      expect(found.filter(q => q.attribution === 'Blinken')).toHaveLength(byBlinken);
      expect(found.filter(q => q.attribution === 'Stoltenberg')).toHaveLength(quotes - byBlinken);
    });

    it.each([
      ['opening marks that never close', '“word '.repeat(20_000)],
      ['straight marks back to back', '"'.repeat(40_000)],
      ['possessives inside an open single quote', '‘Allies’ '.repeat(20_000)],
      ['nested marks', '“a ‘b «c „d ‚e '.repeat(10_000)],
    ])('returns on %s without a quote swallowing the page', (_what, block) => {
      // A scan that backtracked would not return within the test's time-out.
      const found = detectQuotes([block, block]);
      for (const q of found) expect(q.end - q.start).toBeLessThan(block.length / 2);
    });
  });
});

describe('countWords', () => {
  it.each([
    ['so-called', 1],
    ['special military operation', 3],
    ["don't stop now", 3],
    ['in 2022, the', 3],
    ['— , . …', 0],
    ['私たちは', 4],
    ['Jens Stoltenberg’s remarks', 3],
  ])('counts %j as %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});
