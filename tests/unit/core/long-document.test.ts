import { describe, expect, it } from 'vitest';

import { CLOSING_SENTENCE, longTranscript } from '../../../bench/long-document';
import { CorpusIndex } from '../../../lib/core/corpus-index';
import { matchQuote } from '../../../lib/core/match-quote';
import { parseDocument } from '../../../lib/core/parse-document';
import { bundledDocuments, PRESS_CONFERENCE } from './helpers';

// The time this takes against a 100,000-character document is a benchmark figure
// (`npm run bench`), not an assertion: here, what the parse finds.
describe('a 1,000,000-character transcript', () => {
  const seed = bundledDocuments().find(d => d.id === PRESS_CONFERENCE)!;

  it.each([
    ['with quotations and apostrophes', true],
    ['with no quotation mark at all', false],
  ])('parses %s to the end, speakers and sentences included', (_name, marks) => {
    const doc = longTranscript(seed, 1_000_000, marks);
    expect(doc.text.length).toBeGreaterThanOrEqual(1_000_000);
    const parsed = parseDocument(doc);
    const short = parseDocument(longTranscript(seed, 100_000, marks));
    // Ten times the text, about ten times the sentences.
    expect(parsed.segments.length / short.segments.length).toBeGreaterThan(8);
    const last = parsed.segments.at(-1)!;
    expect(doc.text.slice(last.start, last.end)).toBe(CLOSING_SENTENCE);
    expect(parsed.speakers[last.speaker!]?.name).toMatch(/Stoltenberg|Secretary General/);

    const match = matchQuote(CorpusIndex.build([parsed]), `“${CLOSING_SENTENCE}”`);
    expect(match?.verdict).toBe('verbatim');
    expect(match?.start).toBe(last.start);
  });
});
