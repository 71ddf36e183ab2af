import { describe, expect, it } from 'vitest';

import { findSource } from '../../../lib/core/find-source';
import { matchQuote } from '../../../lib/core/match-quote';
import { CorpusIndex } from '../../../lib/core/corpus-index';
import { conceptOf, matchReworded, matchRewordedSteps } from '../../../lib/core/reworded';
import { bundledIndex, fixtureRows, PRESS_CONFERENCE } from './helpers';

const index = bundledIndex();

/** Back-translations (through German and French) of press-conference passages, as outlets print them. */
const REWORDED = [
  {
    quote:
      'NATO will engage in dialogue with Russia in good faith and to the point. But we must also be prepared for diplomatic methods to fail.',
    passage: /^NATO will engage in dialogue with Russia in good faith, and on substance/,
  },
  {
    quote:
      'We are always prepared to hear Russian concerns, and NATO will do everything to find a political path forward.',
    passage: /^We are always ready to listen to Russian concerns/,
  },
  // Word order turned round, as a translation from Spanish prints it (cvbj.biz).
  {
    quote: 'The aggressive actions of Russia seriously undermine the security order in Europe',
    passage: /^Russia’s aggressive actions seriously undermine the security order in Europe/,
  },
  // A phrase moved and words swapped, as Interfax's English version of its Russian report
  // prints it: "conscientious and meaningful dialogue" for "dialogue … on substance", "the
  // failure of diplomacy" for "diplomacy will fail".
  {
    quote:
      'NATO will enter into a conscientious and meaningful dialogue with Russia. But we must also prepare for the possibility of a failure of diplomacy',
    passage:
      /^NATO will engage in dialogue with Russia in good faith, and on substance\.\s+But we must also be prepared for the possibility that diplomacy will fail/,
  },
];

describe('matchReworded', () => {
  it.each(REWORDED)('finds the passage a translation rewords: $quote', ({ quote, passage }) => {
    const m = matchReworded(index, quote);
    expect(m).not.toBeNull();
    expect(m!.documentId).toBe(PRESS_CONFERENCE);
    expect(m!.passage).toMatch(passage);
    expect(m!.speaker.name).toBe('Jens Stoltenberg');
    expect(m!.verdict).toBe('paraphrase');
    expect(m!.reworded).toBe(true);
    expect(m!.score).toBeLessThan(0.75);
  });

  it('reads an index without texts, asking only for the text of the passage it shows', () => {
    const lean = CorpusIndex.restore(structuredClone(index.snapshot()))!;
    const steps = matchRewordedSteps(lean, REWORDED[0]!.quote);
    let step = steps.next();
    const asked: number[] = [];
    while (!step.done) {
      asked.push(...step.value);
      lean.addTexts(
        step.value.map(n => [n, index.text(n)] as const),
        step.value,
      );
      step = steps.next();
    }
    expect(step.value).toEqual(matchReworded(index, REWORDED[0]!.quote));
    expect(new Set(asked.map(n => lean.meta(n).id))).toEqual(new Set([PRESS_CONFERENCE]));
  });

  it('is what findSource answers when nothing matches word for word', () => {
    const m = findSource(index, REWORDED[0]!.quote);
    expect(m?.reworded).toBe(true);
    expect(findSource(index, REWORDED[0]!.quote, { reworded: false })).toBeNull();
  });

  it('is not what findSource answers when a stricter minimum score asks for close matches', () => {
    expect(findSource(index, REWORDED[0]!.quote, { minScore: 0.5 })?.reworded).toBe(true);
    expect(findSource(index, REWORDED[0]!.quote, { minScore: 0.75 })).toBeNull();
  });

  it('looks only among the words of the speaker the page names', () => {
    expect(matchReworded(index, REWORDED[1]!.quote, { attribution: 'Stoltenberg' })).not.toBeNull();
    expect(matchReworded(index, REWORDED[1]!.quote, { attribution: 'Antony Blinken' })).toBeNull();
  });

  // Rewording adds no wrong answer: every quote without a source that the word-by-word
  // matcher rightly rejects gets none here either.
  const negatives = [...fixtureRows('dev.jsonl'), ...fixtureRows('heldout.jsonl')].filter(
    r => !r.expect && !matchQuote(index, r.quote),
  );
  it('is tried on the negatives of both quote sets', () => {
    expect(negatives.length).toBeGreaterThanOrEqual(15);
  });
  it.each(negatives.map(r => [r.id, r.quote] as const))(
    '%s has no source and gets none: "%s"',
    (_id, quote) => {
      expect(matchReworded(index, quote)).toBeNull();
    },
  );

  it('gives no answer to a quote too short to carry a meaning of its own', () => {
    expect(matchReworded(index, 'The danger of a conflict is real.')).toBeNull();
  });

  it('gives no answer to a rewording that negates what the passage says', () => {
    const said =
      'We are always prepared to hear Russian concerns, and NATO will do everything to find a political path forward.';
    expect(matchReworded(index, said)).not.toBeNull();
    expect(matchReworded(index, said.replace('always', 'never'))).toBeNull();
  });

  it('reads “no matter how” and “not only” as no negation', () => {
    const m = matchReworded(
      index,
      'All countries, no matter how big they are or who their neighbours are, have the fundamental right to choose their own path and their alliances.',
    );
    expect(m?.passage).toMatch(/^All countries, regardless of their size/);
  });

  // Said by Stoltenberg at the opening of the same meeting, hours earlier: the same phrases,
  // and a clause of its own that the press conference's sentence does not have.
  it('gives no answer to a sentence said on another occasion with a clause of its own', () => {
    expect(
      matchReworded(
        index,
        'This is an opportunity for Russia to demonstrate it is serious about dialogue, diplomacy and its international commitments.',
      ),
    ).toBeNull();
  });

  it('takes no passage from what a brief says in its own words', () => {
    // The brief's own line: "The NATO-Russia Council will meet on Wednesday 12 January, for
    // the first time since July 2019." A page quotes people, not a brief's summary.
    expect(
      matchReworded(
        index,
        'The NATO-Russia Council will convene on Wednesday, 12 January, for the first time since July 2019.',
      ),
    ).toBeNull();
  });

  it('answers with the transcript, not the brief that quotes the same sentence', () => {
    const m = matchReworded(
      index,
      'The entire notion that Ukraine threatens Russia turns the whole thing upside down',
    );
    expect(m?.documentId).toBe(PRESS_CONFERENCE);
    expect(m?.ambiguous).toBe(false);
  });
});

describe('conceptOf', () => {
  it.each([
    ['diplomacy', 'diplomatic'],
    ['consultations', 'consulting'],
    ['worried', 'worry'],
    ['humbled', 'humble'],
    ['meetings', 'met'],
    ['began', 'beginning'],
    ['buildup', 'build'],
    ['largest', 'large'],
    ['risk', 'danger'],
    ['ready', 'prepared'],
    ['path', 'way'],
    ['price', 'cost'],
    ['stressed', 'emphasised'],
    ['calls', 'appeals'],
  ])('takes %s and %s for one concept', (a, b) => {
    expect(conceptOf(a)).toBe(conceptOf(b));
  });

  it.each([
    ['russia', 'ukraine'],
    ['allies', 'alliance'],
    ['troops', 'trust'],
    ['family', 'fame'],
    ['protest', 'protect'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(conceptOf(a)).not.toBe(conceptOf(b));
  });

  it.each(['the', 'would', 'need', 'said', 'therefore', 'really', 'ourselves', 'towards', '7'])(
    'has no concept for %s (function, light or reporting words, a single digit)',
    word => {
      expect(conceptOf(word)).toBeUndefined();
    },
  );

  it('keeps numbers of two digits or more', () => {
    expect(conceptOf('1945')).toBe('1945');
  });
});
