import { describe, expect, it } from 'vitest';

import type { DiffPart } from '../../../lib/core/types';
import {
  ambiguityText,
  describeDiff,
  markKind,
  misattributionText,
  sourceStrength,
} from '../../../lib/ui/findings';
import { quoteMatch } from '../../dom/content/match-fixture';

const same = (t: string): DiffPart => ({ op: 'same', quote: t, source: t });

describe('describeDiff', () => {
  it('says nothing of a word-for-word quote', () => {
    expect(describeDiff([same('we stand with Ukraine')])).toEqual([]);
  });

  it('counts words left out without an ellipsis', () => {
    expect(
      describeDiff([same('we will'), { op: 'removed', source: 'always, always' }, same('listen')]),
    ).toEqual(['2 words left out without an ellipsis']);
  });

  it('names a changed word, as source then page', () => {
    expect(
      describeDiff([
        same('protect'),
        { op: 'changed', quote: 'all', source: 'our' },
        same('allies'),
      ]),
    ).toEqual(['‘our’ printed as ‘all’']);
  });

  it('calls misprints "spelling only"', () => {
    expect(
      describeDiff([same('the'), { op: 'changed', quote: 'secuirty', source: 'security' }]),
    ).toEqual(['spelling only']);
  });

  it('says when a cut joins two passages far apart, with or without an ellipsis', () => {
    const forty = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(describeDiff([same('a b'), { op: 'elided', source: forty }, same('c d')])).toEqual([
      'joins two passages 40 words apart',
    ]);
    expect(describeDiff([same('a b'), { op: 'removed', source: forty }, same('c d')])).toEqual([
      'joins two passages 40 words apart without an ellipsis',
    ]);
  });

  it('tells added words and editor’s brackets apart', () => {
    expect(
      describeDiff([
        { op: 'changed', quote: '[NATO]', source: 'we', editorial: true },
        same('will'),
        { op: 'added', quote: 'very firmly' },
      ]),
    ).toEqual([
      '2 words added that the source does not have',
      '1 editor’s insertion in [brackets]',
    ]);
  });
});

describe('markKind', () => {
  it('puts a misattribution first, then ambiguity, then the verdict; null is no source', () => {
    expect(markKind(null, false)).toBe('nosource');
    expect(markKind(quoteMatch({ verdict: 'edited' }), true)).toBe('misattributed');
    const other = { ...quoteMatch({ documentId: 'other' }), speaker: { name: 'Oana Lungescu' } };
    expect(markKind(quoteMatch({ ambiguous: true, alternatives: [other] }), false)).toBe(
      'ambiguous',
    );
    expect(markKind(quoteMatch({ verdict: 'paraphrase' }), false)).toBe('paraphrase');
  });

  it('does not call one speaker saying it twice in one document ambiguous', () => {
    const again = quoteMatch({ start: 5000, end: 5030 });
    const match = quoteMatch({ ambiguous: true, alternatives: [again] });
    expect(markKind(match, false)).toBe('verbatim');
    expect(ambiguityText(match)).toBe('Jens Stoltenberg said this twice in this document.');
  });

  it('names the speakers when the same words come from several', () => {
    const other = {
      ...quoteMatch({ documentId: 'defence-briefing' }),
      speaker: { name: 'Tomas Reid' },
    };
    const match = quoteMatch({ ambiguous: true, alternatives: [other] });
    expect(markKind(match, false)).toBe('ambiguous');
    expect(ambiguityText(match)).toBe(
      'Your corpus has these words from Jens Stoltenberg and from Tomas Reid: which of them the page quotes is uncertain.',
    );
    const elsewhere = quoteMatch({ documentId: 'other-conference' });
    expect(ambiguityText(quoteMatch({ ambiguous: true, alternatives: [elsewhere] }))).toBe(
      'Jens Stoltenberg said this in 2 documents: which one the page quotes is uncertain.',
    );
  });
});

describe('source strength and attribution', () => {
  it('tells a transcript turn from reported speech in a brief', () => {
    expect(sourceStrength(quoteMatch())).toEqual({
      primary: true,
      text: 'Primary record: Jens Stoltenberg’s turn in a transcript.',
    });
    const brief = sourceStrength(quoteMatch({ kind: 'brief' }));
    expect(brief.primary).toBe(false);
    expect(brief.text).toContain(
      'Reported speech: a brief’s account of what Jens Stoltenberg said',
    );
  });

  it('decides by what the passage is, not by the document’s kind', () => {
    // A speaker turn in a document filed as a brief is a primary record.
    const turn = sourceStrength(quoteMatch({ kind: 'brief', record: 'turn' }));
    expect(turn).toEqual({
      primary: true,
      text: 'Primary record: Jens Stoltenberg’s own turn, in a brief of speaker turns.',
    });
    // Words a transcript turn quotes or reports are not the turn speaker's record.
    const quotedInTurn = sourceStrength(quoteMatch({ record: 'quoted' }));
    expect(quotedInTurn.primary).toBe(false);
    expect(quotedInTurn.text).toMatch(/^Quoted speech: Jens Stoltenberg quotes these words/);
    const reportedInTurn = sourceStrength(quoteMatch({ record: 'reported' }));
    expect(reportedInTurn.primary).toBe(false);
    expect(reportedInTurn.text).toMatch(/^Reported speech: Jens Stoltenberg tells/);
    // A brief quoting a speaker, and a brief's own text.
    expect(sourceStrength(quoteMatch({ kind: 'brief', record: 'quoted' })).text).toBe(
      'Quoted speech: a brief quoting Jens Stoltenberg, not a record of the speech.',
    );
    expect(
      sourceStrength(
        quoteMatch({ kind: 'brief', record: 'publisher', speaker: { name: 'NATO PA' } }),
      ),
    ).toEqual({
      primary: false,
      text: 'Not attributed: the brief’s own text, which names no speaker for these words.',
    });
  });

  it('words a misattribution as what the corpus holds', () => {
    expect(misattributionText(quoteMatch(), 'Blinken')).toBe(
      'Your corpus has these words from Jens Stoltenberg; the page names Blinken.',
    );
  });
});
