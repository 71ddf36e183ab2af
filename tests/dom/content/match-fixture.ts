/** A `QuoteMatch` for component and content-script tests, with overrides. */
import type { PassageRef, QuoteMatch } from '../../../lib/core/types';

export const CONFERENCE_TITLE =
  'Press conference by NATO Secretary General Jens Stoltenberg following the extraordinary meeting of NATO Ministers of Foreign Affairs';

export function brief(overrides: Partial<PassageRef> = {}): PassageRef {
  return {
    documentId: 'nato-pa-policy-brief-2022-01-07',
    title: 'NATO Foreign Ministers’ extraordinary online meeting: key takeaways',
    kind: 'brief',
    date: '2022-01-07',
    publisher: 'NATO Parliamentary Assembly',
    speaker: { name: 'Jens Stoltenberg', role: 'NATO Secretary General' },
    passage: 'the risk of conflict is real',
    start: 2100,
    end: 2128,
    ...overrides,
  };
}

export function quoteMatch(overrides: Partial<QuoteMatch> = {}): QuoteMatch {
  return {
    documentId: 'nato-sg-press-conference-2022-01-07',
    title: CONFERENCE_TITLE,
    kind: 'transcript',
    date: '2022-01-07',
    publisher: 'NATO',
    sourceUrl: 'https://www.nato.int/cps/en/natohq/opinions_190508.htm',
    speaker: { name: 'Jens Stoltenberg', role: 'NATO Secretary General' },
    passage: 'The risk of conflict is real',
    start: 1000,
    end: 1028,
    contextBefore: 'And a track record of using force against neighbours.\n\n',
    contextAfter:
      '.\nRussia’s aggressive actions seriously undermine the security order in Europe.',
    score: 1,
    verdict: 'verbatim',
    diff: [
      { op: 'same', quote: 'The risk of conflict is real', source: 'The risk of conflict is real' },
    ],
    alsoIn: [],
    ambiguous: false,
    alternatives: [],
    ...overrides,
  };
}
