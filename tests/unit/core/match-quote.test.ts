import { describe, expect, it } from 'vitest';

import { passagesOverlap } from '../../../cli/evaluate';
import { CorpusIndex } from '../../../lib/core/corpus-index';
import { matchQuote } from '../../../lib/core/match-quote';
import { parseDocument } from '../../../lib/core/parse-document';
import type { DiffPart, SourceDocument } from '../../../lib/core/types';
import { BRIEF, bundledIndex, fixtureRows, PRESS_CONFERENCE } from './helpers';

const index = bundledIndex();
const dev = fixtureRows('dev.jsonl');

function ops(diff: DiffPart[]): string[] {
  return diff.map(p => p.op);
}

describe('matchQuote on the development set', () => {
  it.each(dev.filter(r => r.expect).map(r => [r.id, r.kind, r] as const))(
    '%s (%s) finds its source passage and speaker',
    (_id, _kind, row) => {
      const m = matchQuote(index, row.quote);
      expect(m).not.toBeNull();
      expect(m!.documentId).toBe(row.expect!.document);
      expect(passagesOverlap(m!.passage, row.expect!.passage)).toBe(true);
      expect(m!.speaker.name).toContain(row.expect!.speaker);
    },
  );

  it.each(dev.filter(r => !r.expect).map(r => [r.id, r.quote] as const))(
    '%s has no source: "%s"',
    (_id, quote) => {
      expect(matchQuote(index, quote)).toBeNull();
    },
  );
});

describe('matchQuote', () => {
  it('returns the passage as an exact span of the document', () => {
    const m = matchQuote(index, 'The risk of conflict is real')!;
    const doc = index.documents.findIndex((_, n) => index.meta(n).id === m.documentId);
    expect(index.text(doc).slice(m.start, m.end)).toBe(m.passage);
    expect(m.passage).toBe('The risk of conflict is real');
  });

  it('gives the sentences around the passage as context, within the speaker’s turn', () => {
    const m = matchQuote(index, 'The risk of conflict is real')!;
    expect(m.contextBefore).toContain('And a track record of using force against neighbours.');
    expect(m.contextAfter).toContain('Russia’s aggressive actions seriously undermine');
    // The opening statement's first sentence has no sentence of the same turn before it… but
    // a journalist's question never bleeds into the answer's context.
    const answer = matchQuote(
      index,
      'It was a very strong and unified message from all Allies today',
    )!;
    expect(answer.contextBefore).not.toContain('Thank you very much');
  });

  it('names the speaker with role and outlet kept apart', () => {
    const sg = matchQuote(index, 'Ukraine is a sovereign, independent nation')!;
    expect(sg.speaker).toMatchObject({ name: 'Jens Stoltenberg', role: 'NATO Secretary General' });
    const journalist = matchQuote(
      index,
      'So can you give a guarantee now that there will be no concessions',
    )!;
    expect(journalist.speaker).toMatchObject({ name: 'Max Delany', affiliation: 'AFP' });
  });

  it.each([
    ['case', 'one sided demands on nato, no'],
    [
      'curly and straight apostrophes',
      'Russia’s aggressive actions seriously undermine the security order in Europe',
    ],
    [
      'straight apostrophes',
      "Russia's aggressive actions seriously undermine the security order in Europe",
    ],
    ['punctuation', 'NATO will engage in dialogue with Russia in good faith and on substance'],
    ['American spelling', 'doesn’t talking to Russia now, next week, encourage their behavior?'],
    ['dashes for hyphens', 'Russia has not taken steps to de–escalate'],
    ['surrounding quotation marks', '“The risk of conflict is real.”'],
    [
      'expanded contractions',
      'we are also increasing the threshold for Russia to use force against Ukraine',
    ],
    ['a soft hyphen from a web page', 'Ukraine is not a threat to Rus\u00adsia'],
  ])('calls a quote verbatim despite differences of %s', (_what, quote) => {
    const m = matchQuote(index, quote)!;
    expect(m.verdict).toBe('verbatim');
    expect(m.score).toBe(1);
    expect(ops(m.diff)).toEqual(['same']);
  });

  it('calls a quote with misprints edited and marks the misprinted words', () => {
    const m = matchQuote(
      index,
      'despite the calls of the internatonal comunity, over many weeks, Russia has not taken steps to de-escalate',
    )!;
    expect(m.verdict).toBe('edited');
    const changed = m.diff.filter(p => p.op === 'changed');
    expect(changed).toEqual([
      { op: 'changed', quote: 'internatonal comunity', source: 'international community' },
    ]);
  });

  it.each([
    [
      '...',
      'We have tripled the size of the NATO Response Force ... more presence in the Black Sea region',
    ],
    [
      '…',
      'We have tripled the size of the NATO Response Force … more presence in the Black Sea region',
    ],
    [
      '[...]',
      'We have tripled the size of the NATO Response Force [...] more presence in the Black Sea region',
    ],
    [
      '(…)',
      'We have tripled the size of the NATO Response Force (…) more presence in the Black Sea region',
    ],
  ])('reads an ellipsis printed as %s as words left out', (_mark, quote) => {
    const m = matchQuote(index, quote)!;
    expect(m.documentId).toBe(PRESS_CONFERENCE);
    expect(m.verdict).toBe('edited');
    expect(m.diff.find(p => p.op === 'elided')).toEqual({
      op: 'elided',
      source: 'and we see air policing, we see also',
    });
    expect(m.passage).toMatch(/^We have tripled .* Black Sea region$/);
  });

  it('finds quotes spliced out of order around an ellipsis', () => {
    const m = matchQuote(
      index,
      "Russia's aggressive actions seriously undermine the security order in Europe ... The risk of conflict is real",
    )!;
    expect(m.documentId).toBe(PRESS_CONFERENCE);
    expect(m.score).toBe(1);
    expect(m.verdict).toBe('edited');
  });

  it('reads an editor’s bracket as an editorial change, not a difference of words', () => {
    const m = matchQuote(
      index,
      '[NATO] cannot end up in a situation where we have kind of second class NATO members',
    )!;
    expect(m.documentId).toBe(PRESS_CONFERENCE);
    expect(m.verdict).toBe('edited');
    expect(m.diff[0]).toEqual({ op: 'changed', quote: 'NATO', source: 'we', editorial: true });
  });

  it('matches a five-sentence quote to the whole stretch it spans', () => {
    const quote =
      'But I will say that we have significant capabilities. We have troops, we have forces. We have the readiness. We have the plans to be able to defend, protect all allies, and we are constantly adapting, and also actually investing more now than we had done for many years in modernizing our military capabilities to make sure that we preserve peace in Europe';
    const m = matchQuote(index, quote)!;
    expect(m.passage.startsWith('But I will say that we have significant capabilities')).toBe(true);
    expect(m.passage.endsWith('to make sure that we preserve peace in Europe')).toBe(true);
    expect(m.verdict).toBe('edited');
    expect(m.diff.filter(p => p.op === 'changed')).toEqual([
      { op: 'changed', quote: 'all', source: 'our' },
      { op: 'changed', quote: 'had', source: 'are' },
    ]);
  });

  it('gives the transcript as the source of words the brief quotes, and lists the brief as also in', () => {
    const m = matchQuote(
      index,
      'The whole idea that Ukraine is a threat to Russia is to put the whole thing upside down',
    )!;
    expect(m.documentId).toBe(PRESS_CONFERENCE);
    expect(m.alsoIn.map(r => r.documentId)).toEqual([BRIEF]);
    expect(m.alsoIn[0]!.speaker.name).toBe('Jens Stoltenberg');
    expect(m.ambiguous).toBe(false);
  });

  it('attributes words only the brief holds to the person it reports', () => {
    const m = matchQuote(index, "Ukraine's sovereign rights were not negotiable")!;
    expect(m.documentId).toBe(BRIEF);
    expect(m.speaker.name).toBe('Olga Stefanishyna');
  });

  it('says a quote is ambiguous when two passages hold it equally, and returns both', () => {
    const m = matchQuote(index, "NATO's door remains open")!;
    expect(m.ambiguous).toBe(true);
    expect(m.alternatives).toHaveLength(1);
    expect(m.alternatives[0]!.start).not.toBe(m.start);
    expect(m.alternatives[0]!.passage).toBe(m.passage);
  });

  it('is not ambiguous when one passage holds the quote word for word and the other with a change', () => {
    const doc = (id: string, text: string): SourceDocument => ({
      id,
      title: id,
      kind: 'transcript',
      date: '2022-01-10',
      publisher: 'Test',
      text,
    });
    const small = CorpusIndex.build(
      [
        doc(
          'a',
          'Minister Ann Lee: We will stand firm against every threat to our common security.',
        ),
        doc(
          'b',
          'Minister Ann Lee: We will stand very firm against every threat to our common security.',
        ),
      ].map(parseDocument),
    );
    const m = matchQuote(small, 'We will stand firm against every threat to our common security')!;
    expect(m.documentId).toBe('a');
    expect(m.ambiguous).toBe(false);
  });

  it.each([
    ['a two-word scare quote', 'so-called'],
    ['a three-word phrase', 'special military operation'],
    ['an empty string', ''],
    ['only punctuation', '“ … ”'],
  ])('returns null for %s', (_what, quote) => {
    expect(matchQuote(index, quote)).toBeNull();
  });

  it.each([
    // Sentences said elsewhere that share many words with corpus sentences.
    [
      'We are ready to listen to Russian concerns, but NATO will never accept spheres of influence in Europe',
    ],
    [
      'Russia has continued its military build-up along the border and has deployed tens of thousands of troops to Belarus',
    ],
    [
      'We will not compromise on the right of Ukraine to join the European Union and to choose its own security arrangements',
    ],
    ['NATO will always be ready to defend every inch of Allied territory'],
  ])('returns null for a near-miss said elsewhere: "%s"', quote => {
    expect(matchQuote(index, quote)).toBeNull();
  });

  it('finds a loose paraphrase only as loosely as asked', () => {
    const paraphrase =
      'to stand with Ukraine and fully support its sovereignty and territorial integrity, as well as the principle that all countries have the right to decide on their own path and their alliances';
    const m = matchQuote(index, paraphrase)!;
    expect(m.verdict).toBe('paraphrase');
    expect(m.score).toBeLessThan(0.75);
    expect(matchQuote(index, paraphrase, { minScore: 0.75 })).toBeNull();
  });

  it('ignores quotes shorter than the minimum number of words asked', () => {
    expect(matchQuote(index, 'NATO’s door remains open', { minWords: 5 })).toBeNull();
    expect(matchQuote(index, 'NATO’s door remains open', { minWords: 4 })).not.toBeNull();
  });

  it('returns null on an empty corpus', () => {
    expect(matchQuote(CorpusIndex.build([]), 'The risk of conflict is real')).toBeNull();
  });
});
