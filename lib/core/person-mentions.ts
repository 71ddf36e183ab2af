/**
 * References to people in running text, and whether they are the subject of
 * a verb of saying: `NATO Secretary General Jens Stoltenberg regretted`,
 * `the Secretary General stressed`, `Mr Stoltenberg made clear`, `he
 * stated`, `said Jens Stoltenberg`, `according to Jens Stoltenberg`.
 *
 * Words are read with one linear scan; quotations are skipped (the quoted
 * words are the speaker's, not the report's), and `**bold**` markup is
 * transparent.
 */
import { isAlnum, isApostrophe, isMarkup, isSpace } from './char-class';
import type { Quotation } from './quotations';
import {
  CAPITALISED_FUNCTION_WORDS,
  hasHeadTitle,
  honorificOf,
  isCapitalised,
  isInitial,
  isNameWord,
  isPluralTitle,
  isPossessive,
  NAME_PARTICLES,
  splitNameRole,
  wordsOf,
  type PersonParts,
} from './speakers';

/** A word of running text. */
export interface Word {
  start: number;
  end: number;
  text: string;
  /** Punctuation between the previous word and this one (`,`, `”,`); empty if only spaces or markup. */
  gap: string;
}

/** Verbs of saying and thinking that report a person's words (lower case). */
const SPEECH_VERBS = new Set(
  [
    'said says say stated states stressed stresses noted notes warned warns regretted regrets',
    'reiterated reiterates thanked thanks condemned condemns welcomed welcomes insisted insists',
    'added adds argued argues told tells explained explains emphasised emphasized emphasises',
    'emphasizes underlined underlines underscored underscores highlighted highlights recalled',
    'recalls announced announces declared declares claimed claims acknowledged acknowledges',
    'admitted admits affirmed affirms reaffirmed reaffirms confirmed confirms urged urges',
    'rejected rejects challenged challenges asked asks answered answers replied replies',
    'responded responds suggested suggests believed believes thought thinks hoped hopes feared',
    'fears praised praises criticised criticized criticises criticizes denied denies promised',
    'promises vowed vows pledged pledges observed observes remarked remarks commented comments',
    'concluded concludes wrote writes tweeted mentioned mentions indicated indicates accused',
    'accuses dismissed dismisses assured assures cautioned cautions expressed expresses voiced',
    'recognised recognized agreed agrees repeated repeats maintained maintains contended',
    'proposed proposes recommended appealed demanded demands requested predicted conceded',
    'lamented deplored denounced denounces hailed applauded echoed signalled signaled reminded',
    'reassured described describes spoke speaks briefed informed considered felt',
  ]
    .join(' ')
    .split(' '),
);

/** Verbs that count only with the word after them: `made clear`, `pointed out`. */
const PHRASAL_VERBS = new Map<string, ReadonlySet<string>>([
  ['made', new Set(['clear', 'plain'])],
  ['makes', new Set(['clear', 'plain'])],
  ['pointed', new Set(['out'])],
  ['points', new Set(['out'])],
  ['called', new Set(['for', 'on', 'upon'])],
  ['calls', new Set(['for', 'on', 'upon'])],
  ['went', new Set(['on'])],
  ['goes', new Set(['on'])],
  ['set', new Set(['out'])],
]);

/** Verbs that may come before their subject: `”, said Jens Stoltenberg`. */
const INVERTED_VERBS = new Set([
  'said',
  'says',
  'added',
  'adds',
  'asked',
  'noted',
  'stressed',
  'explained',
  'wrote',
  'continued',
  'replied',
  'insisted',
  'warned',
  'concluded',
  'stated',
]);

/** Words that may stand between a subject and its verb (`also`, `has`, `once again`). */
const GAP_WORDS = new Set([
  'also',
  'again',
  'once',
  'then',
  'later',
  'further',
  'has',
  'have',
  'had',
  'was',
  'is',
  'would',
  'will',
  'did',
  'does',
  'already',
  'even',
  'not',
  'only',
  'subsequently',
]);
const MAX_GAP_WORDS = 3;

/** Lower-case words a run of capitalised words may contain (`Minister of the Interior`, `von der Leyen`). */
const RUN_CONNECTORS = new Set(['of', 'for', 'the', ...NAME_PARTICLES]);

/**
 * Words of `text[from, to)`, skipping the quotations `walls` (each counts as
 * punctuation in the next word's gap).
 */
export function scanWords(
  text: string,
  from: number,
  to: number,
  walls: readonly Quotation[] = [],
): Word[] {
  const words: Word[] = [];
  let gap = '';
  let w = 0;
  while (w < walls.length && walls[w]!.close <= from) w++;
  let i = from;
  while (i < to) {
    const wall = walls[w];
    if (wall && i >= wall.open) {
      gap += '"';
      i = Math.max(i, wall.close);
      w++;
      continue;
    }
    const ch = text[i];
    if (!isAlnum(ch)) {
      if (!isSpace(ch) && !isMarkup(ch) && gap.length < 8) gap += ch;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to) {
      const c = text[j];
      if (isAlnum(c)) j++;
      else if ((c === '-' || c === '.' || isApostrophe(c)) && j + 1 < to && isAlnum(text[j + 1]))
        j += 2;
      else break;
    }
    if (j < to && isApostrophe(text[j]) && text[j - 1] === 's' && !isAlnum(text[j + 1])) j++; // `Allies’`
    if (j < to && text[j] === '.') {
      const word = text.slice(i, j);
      if (honorificOf(word) || isInitial(word) || word.includes('.')) j++; // `Mr.`, `J.`, `U.S.`
    }
    words.push({ start: i, end: j, text: text.slice(i, j), gap });
    gap = '';
    i = j;
  }
  return words;
}

/** A reference to a person found in a sentence. */
export interface Mention {
  /** The words referring to the person, as a span of the text. */
  start: number;
  end: number;
  /** The reference as written (`NATO Secretary General Jens Stoltenberg`, `Secretary General`). */
  written: string;
  /**
   * - `person`: a name with a role or an honorific (`Mr Stoltenberg`);
   * - `role`: a position only (`the Secretary General`);
   * - `name`: a bare personal name (`Olga Stefanishyna`), which may also be a
   *   place or body's name: trust it when it is a subject or already known;
   * - `pronoun`: `he`/`she` as the subject of a verb of saying.
   */
  kind: 'person' | 'role' | 'name' | 'pronoun';
  parts: PersonParts;
  /** The reference is the subject of a verb of saying. */
  subject: boolean;
}

function lower(word: Word | undefined): string {
  return word ? word.text.toLowerCase() : '';
}

/** Whether a verb of saying follows word `j` (after up to three adverbs or auxiliaries). */
function verbAfter(words: readonly Word[], j: number, allowComma = false): boolean {
  let gaps = 0;
  for (let k = j + 1; k < words.length; k++) {
    const w = words[k]!;
    if (w.gap !== '' && !(allowComma && k === j + 1 && w.gap === ',')) return false;
    const t = lower(w);
    if (SPEECH_VERBS.has(t)) return true;
    const particle = PHRASAL_VERBS.get(t);
    if (particle) return words[k + 1]?.gap === '' && particle.has(lower(words[k + 1]));
    if (!GAP_WORDS.has(t) && !(t.endsWith('ly') && t.length > 3)) return false;
    if (++gaps > MAX_GAP_WORDS) return false;
  }
  return false;
}

/** Whether word `i` is introduced as a speaker by what precedes it (`”, said`, `according to`). */
function introducedBefore(words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  if (w.gap !== '' || i === 0) return false;
  const prev = words[i - 1]!;
  if (INVERTED_VERBS.has(lower(prev)) && (prev.gap !== '' || i - 1 === 0)) return true;
  return lower(prev) === 'to' && prev.gap === '' && lower(words[i - 2]) === 'according';
}

/** Whether all words can be part of a personal name. */
function nameWords(words: readonly string[]): boolean {
  return (
    words.length > 0 && words.every(w => isNameWord(w) || isInitial(w) || NAME_PARTICLES.has(w))
  );
}

/**
 * Read one run of capitalised words (`words[first..last]`) as a reference to
 * a person, if it is one; with the index of its first word (leading function
 * words such as `The` are dropped).
 */
function readRun(
  text: string,
  words: readonly Word[],
  first: number,
  last: number,
): { mention: Mention; first: number } | null {
  while (first <= last) {
    const t = words[first]!.text.replace(/\.$/u, '').toLowerCase();
    if (CAPITALISED_FUNCTION_WORDS.has(t) || RUN_CONNECTORS.has(words[first]!.text)) first++;
    else break;
  }
  if (first > last) return null;
  const texts = words.slice(first, last + 1).map(w => w.text);
  const lastText = texts[texts.length - 1]!;
  if (isPossessive(lastText)) texts[texts.length - 1] = lastText.replace(/(?:['’]s|['’])$/u, '');
  const start = words[first]!.start;
  const end = words[last]!.end;
  const base = { start, end, written: text.slice(start, end), subject: false };

  if (honorificOf(texts[0]!) && texts.length > 1) {
    const parts = splitNameRole(texts);
    return nameWords(texts.slice(1))
      ? { mention: { ...base, kind: 'person', parts }, first }
      : null;
  }
  const parts = splitNameRole(texts);
  if (parts.role !== undefined) {
    const roleWords = wordsOf(parts.role);
    const singular = !isPluralTitle(roleWords[roleWords.length - 1]!);
    if (!hasHeadTitle(roleWords) || !singular) {
      return parts.name !== undefined && nameWords(wordsOf(parts.name))
        ? { mention: { ...base, kind: 'name', parts: { name: parts.name } }, first }
        : null;
    }
    return {
      mention: { ...base, kind: parts.name === undefined ? 'role' : 'person', parts },
      first,
    };
  }
  if (parts.name !== undefined && nameWords(texts))
    return { mention: { ...base, kind: 'name', parts }, first };
  return null;
}

/**
 * References to people in `words` (one sentence), in order, each marked as
 * the subject of a verb of saying or not. A bare name followed by `,` and a
 * role (`Jens Stoltenberg, Secretary General of NATO,`) takes the role.
 */
export function findMentions(text: string, words: readonly Word[]): Mention[] {
  const mentions: Mention[] = [];
  const n = words.length;
  let i = 0;
  while (i < n) {
    const w = words[i]!;
    const t = lower(w);
    if ((t === 'he' || t === 'she') && verbAfter(words, i)) {
      mentions.push({
        start: w.start,
        end: w.end,
        written: w.text,
        kind: 'pronoun',
        parts: { gender: t === 'he' ? 'm' : 'f' },
        subject: true,
      });
      i++;
      continue;
    }
    if (!isCapitalised(w.text)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && words[j + 1]!.gap === '') {
      const next = words[j + 1]!.text;
      if (isCapitalised(next)) {
        j++;
        continue;
      }
      const after = words[j + 2];
      if (RUN_CONNECTORS.has(next) && after && after.gap === '' && isCapitalised(after.text)) {
        j += 2;
        continue;
      }
      break;
    }
    const run = readRun(text, words, i, j);
    if (run) {
      const { mention, first: firstWord } = run;
      mention.subject = verbAfter(words, j) || introducedBefore(words, firstWord);
      const previous = mentions[mentions.length - 1];
      if (
        mention.kind === 'role' &&
        words[firstWord]!.gap === ',' &&
        previous?.kind === 'name' &&
        previous.parts.role === undefined &&
        words[firstWord - 1]?.end === previous.end
      ) {
        // An apposition: `Jens Stoltenberg, Secretary General of NATO, said`.
        previous.parts = { ...previous.parts, role: mention.parts.role };
        previous.subject ||= verbAfter(words, j, true);
      } else {
        mentions.push(mention);
      }
    }
    i = j + 1;
  }
  return mentions;
}
