/**
 * Does the page name the same speaker as the source? A reader should be told
 * plainly when a page puts someone else's words in a speaker's mouth.
 */
import { tokenize } from './normalize';
import type { Speaker } from './types';

/**
 * - `same`: the page's name is the speaker's (or part of it: `Stoltenberg`), or their
 *   role (`the Secretary General`).
 * - `different`: the page names someone else.
 * - `unknown`: the page names nobody usable (no attribution, or only a pronoun).
 */
export type AttributionCheck = 'same' | 'different' | 'unknown';

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them']);
/** Words that make an attribution a document or an institution, not a person: nothing to compare. */
const NOT_A_PERSON = new Set([
  'release',
  'statement',
  'report',
  'communique',
  'brief',
  'document',
  'website',
  'transcript',
  'declaration',
  'readout',
  'press',
  'office',
  'ministry',
  'government',
  'alliance',
  'officials',
  'sources',
  'source',
  'spokespeople',
]);
const IGNORED = new Set([
  'the',
  'a',
  'an',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'sir',
  'dame',
  'prof',
  'of',
  'and',
]);

/** Canonical words (case and accents folded, as in matching), possessives dropped. */
function words(text: string): string[] {
  return tokenize(text)
    .map(t => t.norm.replace(/'s$/, ''))
    .filter(w => !IGNORED.has(w));
}

/**
 * Compare the attribution a page prints beside a quote with the speaker the
 * source gives.
 *
 * @param page - Who the page says said it, as written (`Stoltenberg`, `said Blinken`'s `Blinken`).
 * @param speaker - The source's speaker.
 */
export function checkAttribution(page: string | undefined, speaker: Speaker): AttributionCheck {
  if (!page) return 'unknown';
  const said = words(page);
  if (said.length === 0 || said.every(w => PRONOUNS.has(w))) return 'unknown';
  if (said.some(w => NOT_A_PERSON.has(w))) return 'unknown';
  const name = words(speaker.name);
  // Any distinctive part of the name (a surname, a first name) is the same person.
  if (said.some(w => w.length >= 3 && name.includes(w))) return 'same';
  // A role the speaker holds ("the Secretary General", "NATO's chief" is not).
  const role = words(`${speaker.role ?? ''} ${speaker.affiliation ?? ''}`);
  if (role.length > 0 && said.every(w => role.includes(w))) return 'same';
  return 'different';
}
