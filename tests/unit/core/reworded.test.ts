import { describe, expect, it } from 'vitest';

import { findSource } from '../../../lib/core/find-source';
import { matchQuote } from '../../../lib/core/match-quote';
import { CorpusIndex } from '../../../lib/core/corpus-index';
import { parseDocument } from '../../../lib/core/parse-document';
import { conceptOf, conceptTerms, matchReworded } from '../../../lib/core/reworded';
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

  it('is what findSource answers when nothing matches word for word', () => {
    const m = findSource(index, REWORDED[0]!.quote);
    expect(m?.reworded).toBe(true);
    expect(findSource(index, REWORDED[0]!.quote, { reworded: false })).toBeNull();
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
});

describe('conceptOf', () => {
  it.each([
    ['diplomacy', 'diplomatic'],
    ['consultations', 'consulting'],
    ['risk', 'danger'],
    ['ready', 'prepared'],
    ['path', 'way'],
  ])('takes %s and %s for one concept', (a, b) => {
    expect(conceptOf(a)).toBe(conceptOf(b));
  });

  it.each([
    ['russia', 'ukraine'],
    ['allies', 'alliance'],
    ['troops', 'trust'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(conceptOf(a)).not.toBe(conceptOf(b));
  });

  it('has no concept for function words', () => {
    expect(conceptOf('the')).toBeUndefined();
    expect(conceptOf('would')).toBeUndefined();
  });
});

describe('conceptTerms', () => {
  it('finds exactly the terms a reading of the whole vocabulary finds, in term order', () => {
    const extra = parseDocument({
      id: 'extra',
      title: 'Extra',
      kind: 'other',
      date: '2024',
      publisher: 'P',
      text: 'The allies and the ally. Policies, a policy. Worries, worry, worrying. Talking and talks. Rapidly, quickly. Countries of the country. Dangers.',
    });
    const bundled = bundledIndex();
    const mixed = CorpusIndex.build([
      ...bundled.documents.map((_, n) => bundled.document(n)),
      extra,
    ]);
    for (const idx of [bundled, mixed]) {
      const table = new Map<string, number[]>();
      idx.words.forEach((word, term) => {
        const c = conceptOf(word);
        if (c !== undefined) table.set(c, [...(table.get(c) ?? []), term]);
      });
      expect(table.size).toBeGreaterThan(100);
      for (const [concept, terms] of table) expect(conceptTerms(idx, concept)).toEqual(terms);
    }
    expect(
      conceptTerms(mixed, '=concern')
        .map(t => mixed.words[t])
        .sort(),
    ).toEqual(expect.arrayContaining(['worries', 'worry', 'worrying']));
  });
});
