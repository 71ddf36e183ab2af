import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { detectQuotes } from '../../../lib/core/detect-quotes';
import { findCopies } from '../../../lib/core/text-reuse';
import { bundledIndex, PRESS_CONFERENCE } from './helpers';

const index = bundledIndex();

/** The paragraphs of the bundled news report (plain text, one blank line between paragraphs). */
const REPORT = readFileSync(
  new URL('../../fixtures/news-report-2022-01-08.txt', import.meta.url),
  'utf8',
)
  .split(/\n\s*\n/)
  .map(p => p.trim())
  .filter(Boolean);

describe('findCopies', () => {
  it('finds sentences of the press conference pasted into a paragraph without marks', () => {
    const text =
      'The alliance met by video link on Friday. The Russian military build-up continues. ' +
      'With tens of thousands of combat troops, and heavy capabilities. As well as threatening ' +
      'rhetoric. Reporters were not told more.';
    const copies = findCopies(index, text);
    expect(copies).toHaveLength(1);
    const [copy] = copies;
    expect(text.slice(copy!.start, copy!.end)).toBe(
      'The Russian military build-up continues. With tens of thousands of combat troops, and heavy capabilities. As well as threatening rhetoric.',
    );
    expect(copy!.match.documentId).toBe(PRESS_CONFERENCE);
    expect(copy!.match.speaker.name).toBe('Jens Stoltenberg');
    expect(copy!.match.verdict).not.toBe('paraphrase');
  });

  it('finds a copied sentence with a misprint, as edited', () => {
    const text =
      'Russia’s agressive actions seriously undermine the security order in Europe, and NATO remains committed to our dual-track approach.';
    const [copy] = findCopies(index, text);
    expect(copy?.match.documentId).toBe(PRESS_CONFERENCE);
  });

  it('finds no copy in the news report outside its quotation marks', () => {
    for (const paragraph of REPORT) {
      const exclude = detectQuotes([paragraph]).map(q => ({ start: q.start, end: q.end }));
      expect(findCopies(index, paragraph, { exclude })).toEqual([]);
    }
  });

  it.each([
    [
      'a paraphrase',
      'Stoltenberg said the alliance would talk to Moscow honestly and about real issues, but it had to be ready for talks to collapse.',
    ],
    [
      'the same topic in other words',
      'NATO foreign ministers met on Friday to discuss the Russian troop build-up near Ukraine and the consequences for security in Europe.',
    ],
    ['a short common phrase', 'Thank you very much. The risk of conflict is real.'],
  ])('finds no copy in %s', (_what, text) => {
    expect(findCopies(index, text)).toEqual([]);
  });

  it('leaves out what is already quoted', () => {
    const text =
      'He said: The Russian military build-up continues. With tens of thousands of combat troops, and heavy capabilities.';
    expect(findCopies(index, text, { exclude: [{ start: 0, end: text.length }] })).toEqual([]);
  });
});
