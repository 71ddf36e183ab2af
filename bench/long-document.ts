/**
 * One very long transcript, for the parse-time benchmark and the test that
 * a 1,000,000-character document parses: the bundled press conference's
 * paragraphs over and over (its speaker turns, quotations and apostrophes
 * included) up to the length asked for, then a closing turn that no other
 * paragraph has.
 */
import type { SourceDocument } from '../lib/core/types';

/** The closing turn's sentence: found at the end of the document only. */
export const CLOSING_SENTENCE =
  'With that, I close this exceptionally long meeting of the Allies in Brussels.';

/**
 * A transcript of about `chars` characters made from `seed`'s paragraphs.
 *
 * @param marks - Keep quotation marks and apostrophes (false: strip them, a
 *   transcript with no quotation at all).
 */
export function longTranscript(seed: SourceDocument, chars: number, marks = true): SourceDocument {
  const paragraphs = seed.text.split(/\n\s*\n/).filter(p => p.trim());
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    let p = paragraphs[i % paragraphs.length]!;
    if (!marks) p = p.replace(/["'\u00ab\u00bb\u2018-\u201f]/g, '');
    parts.push(p);
    size += p.length + 2;
  }
  parts.push(`NATO Secretary General: ${CLOSING_SENTENCE}`);
  return {
    ...seed,
    id: `${seed.id}-long`,
    title: `${seed.title} (long)`,
    text: parts.join('\n\n'),
  };
}
