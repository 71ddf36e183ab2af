/**
 * What a matched passage is as a record of its speaker's words, decided by the passage
 * itself and not by the document's kind: a speaker turn is a primary record, words a turn
 * or a brief quotes or reports are not (issue #9, "source strength").
 */
import { describe, expect, it } from 'vitest';

import { parseDocument } from '../../../lib/core/parse-document';
import { recordOf } from '../../../lib/core/passage';
import type { DocumentKind, PassageRecord, SourceDocument } from '../../../lib/core/types';
import { BRIEF, bundledDocuments, PRESS_CONFERENCE } from './helpers';

function doc(text: string, kind: DocumentKind): SourceDocument {
  const title = text.slice(0, text.indexOf('\n'));
  return { id: 'test', title, kind, date: '2023', publisher: 'Harbour Office', text };
}

/** The record of the first place `words` stand in the parsed document. */
function recordAt(source: SourceDocument, words: string): PassageRecord {
  const parsed = parseDocument(source);
  const start = parsed.text.indexOf(words);
  expect(start, `"${words}" is in the document`).toBeGreaterThanOrEqual(0);
  return recordOf(parsed, { start, end: start + words.length });
}

const TURNS = `Press conference on the harbour strike

MODERATOR: Good morning. The minister will open with a statement.

MINISTER ANNA HALVORSEN: We will reopen the northern quay on Monday and every crew will be paid for the lost days.

Q (Coastal Radio): Minister, yesterday the union leader Per Lund said that the harbour board had never offered a written guarantee to the crews.

MINISTER ANNA HALVORSEN: As the governor told parliament, “no crew will lose a single day of pay because of this strike”. That is still our position.

MODERATOR: Thank you.`;

describe('recordOf', () => {
  it('calls a speaker’s own words in a transcript turn a turn', () => {
    expect(recordAt(doc(TURNS, 'transcript'), 'We will reopen the northern quay on Monday')).toBe(
      'turn',
    );
  });

  it('calls words a turn puts in quotation marks quoted, not the turn’s speaker’s record', () => {
    expect(
      recordAt(doc(TURNS, 'transcript'), 'no crew will lose a single day of pay because of this'),
    ).toBe('quoted');
    // The rest of the same turn is the minister's own.
    expect(recordAt(doc(TURNS, 'transcript'), 'That is still our position')).toBe('turn');
  });

  it('calls what a turn says someone else said reported speech', () => {
    expect(
      recordAt(
        doc(TURNS, 'transcript'),
        'the harbour board had never offered a written guarantee to the crews',
      ),
    ).toBe('reported');
  });

  it('calls a labelled turn a turn even when the document is filed as a brief', () => {
    expect(recordAt(doc(TURNS, 'brief'), 'We will reopen the northern quay on Monday')).toBe(
      'turn',
    );
  });

  it('tells a brief’s quotation from its reported speech and from its own text', () => {
    const brief = doc(
      `Harbour strike: key points

The minister opened the meeting with an update on the northern quay.

Minister Anna Halvorsen said the northern quay would reopen on Monday and that crews would be paid for the lost days.

“No crew will lose a single day of pay because of this strike”, the minister stated.

Shipping companies have moved most of their traffic to the southern terminal.`,
      'brief',
    );
    expect(recordAt(brief, 'the northern quay would reopen on Monday')).toBe('reported');
    expect(recordAt(brief, 'No crew will lose a single day of pay')).toBe('quoted');
    expect(recordAt(brief, 'moved most of their traffic to the southern terminal')).toBe(
      'publisher',
    );
  });

  it('calls a statement’s own text a statement', () => {
    const statement = doc(
      `Statement by Minister Anna Halvorsen on the harbour strike

The northern quay will reopen on Monday. Every crew will be paid for the lost days.`,
      'statement',
    );
    expect(recordAt(statement, 'Every crew will be paid for the lost days')).toBe('statement');
  });

  it('reads the bundled documents passage by passage', () => {
    const docs = bundledDocuments();
    const transcript = docs.find(d => d.id === PRESS_CONFERENCE)!;
    const brief = docs.find(d => d.id === BRIEF)!;
    expect(recordAt(transcript, 'NATO will engage in dialogue')).toBe('turn');
    expect(recordAt(brief, 'The whole idea that Ukraine is a threat to Russia')).toBe('quoted');
    expect(recordAt(brief, 'even if Ukraine is not covered by the Alliance')).toBe('reported');
  });
});
