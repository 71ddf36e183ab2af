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
import { isAlnumCode, isSpaceCode, isUpperCode } from './char-class';
import type { Quotation } from './quotations';
import type { Span } from './types';
import {
  hasHeadTitle,
  honorificOf,
  isFunctionWord,
  isHeadTitle,
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
  /** The word starts with a capital. */
  cap: boolean;
  /** The word as written; only for capitalised words (read the text for the others). */
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
    const c = text.charCodeAt(i);
    if (!isAlnumCode(c)) {
      if (!isSpaceCode(c) && c !== 42 && c !== 95 && gap.length < 8) gap += text[i];
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to) {
      const d = text.charCodeAt(j);
      if (isAlnumCode(d)) j++;
      else if (
        (d === 45 || d === 46 || d === 39 || d === 0x2019) &&
        j + 1 < to &&
        isAlnumCode(text.charCodeAt(j + 1))
      ) {
        j += 2;
      } else break;
    }
    const after = text.charCodeAt(j);
    if (
      (after === 39 || after === 0x2019) &&
      j < to &&
      text.charCodeAt(j - 1) === 115 &&
      !isAlnumCode(text.charCodeAt(j + 1))
    ) {
      j++; // `Allies’`
    }
    const cap = isUpperCode(c);
    if (cap && j < to && after === 46) {
      const word = text.slice(i, j);
      if (honorificOf(word) || isInitial(word) || word.includes('.')) j++; // `Mr.`, `J.`, `U.S.`
    }
    words.push({ start: i, end: j, cap, text: cap ? text.slice(i, j) : '', gap });
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
  /** That verb (`said`, `made clear`), when the reference is its subject. */
  verb?: Span;
}

/** A word in lower case. */
function lower(text: string, word: Word | undefined): string {
  if (!word) return '';
  return (word.cap ? word.text : text.slice(word.start, word.end)).toLowerCase();
}

/**
 * The verb of saying that follows word `j` (after up to three adverbs or
 * auxiliaries), as the index of its last word; -1 if none.
 */
function verbAfter(text: string, words: readonly Word[], j: number, allowComma = false): number {
  let gaps = 0;
  for (let k = j + 1; k < words.length; k++) {
    const w = words[k]!;
    if (w.gap !== '' && !(allowComma && k === j + 1 && w.gap === ',')) return -1;
    const t = lower(text, w);
    if (SPEECH_VERBS.has(t)) return k;
    const particle = PHRASAL_VERBS.get(t);
    if (particle) {
      return words[k + 1]?.gap === '' && particle.has(lower(text, words[k + 1])) ? k + 1 : -1;
    }
    if (!GAP_WORDS.has(t) && !(t.endsWith('ly') && t.length > 3)) return -1;
    if (++gaps > MAX_GAP_WORDS) return -1;
  }
  return -1;
}

/**
 * The word that introduces word `i` as a speaker (`”, said Jens
 * Stoltenberg`, `according to`), as its index; -1 if none.
 */
function introducedBefore(text: string, words: readonly Word[], i: number): number {
  const w = words[i]!;
  if (w.gap !== '' || i === 0) return -1;
  const prev = words[i - 1]!;
  const verb = lower(text, prev);
  if (INVERTED_VERBS.has(verb) && (prev.gap !== '' || i - 1 === 0)) return i - 1;
  return verb === 'to' && prev.gap === '' && lower(text, words[i - 2]) === 'according' ? i - 2 : -1;
}

/** The verb's span, for a mention that is its subject. */
function verbSpan(words: readonly Word[], k: number): Span | undefined {
  const w = words[k];
  return w ? { start: w.start, end: w.end } : undefined;
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
  while (first <= last && words[first]!.cap && isFunctionWord(words[first]!.text)) first++;
  if (first > last || !words[first]!.cap) return null;
  const texts: string[] = [];
  for (let k = first; k <= last; k++) {
    const w = words[k]!;
    texts.push(w.cap ? w.text : text.slice(w.start, w.end));
  }
  const lastText = texts[texts.length - 1]!;
  if (isPossessive(lastText)) texts[texts.length - 1] = lastText.replace(/(?:['’]s|['’])$/u, '');
  const start = words[first]!.start;
  const end = words[last]!.end;
  const make = (
    kind: Mention['kind'],
    parts: PersonParts,
  ): { mention: Mention; first: number } => ({
    mention: { start, end, written: text.slice(start, end), kind, parts, subject: false },
    first,
  });

  if (texts.length === 1) {
    // The common case: a sentence's first word, a place, an acronym.
    const word = texts[0]!;
    if (isNameWord(word)) return make('name', { name: word });
    if (isHeadTitle(word) && !isPluralTitle(word)) return make('role', { role: word });
    return null;
  }
  if (honorificOf(texts[0]!)) {
    return nameWords(texts.slice(1)) ? make('person', splitNameRole(texts)) : null;
  }
  const parts = splitNameRole(texts);
  if (parts.role !== undefined) {
    const roleWords = wordsOf(parts.role);
    const singular = !isPluralTitle(roleWords[roleWords.length - 1]!);
    if (!hasHeadTitle(roleWords) || !singular) {
      return parts.name !== undefined && nameWords(wordsOf(parts.name))
        ? make('name', { name: parts.name })
        : null;
    }
    return make(parts.name === undefined ? 'role' : 'person', parts);
  }
  return parts.name !== undefined && nameWords(texts) ? make('name', parts) : null;
}

/** Whether a lower-case word joins a run of capitalised words (`of`, `von`). */
function isRunConnector(text: string, w: Word | undefined): boolean {
  return (
    w !== undefined &&
    !w.cap &&
    w.end - w.start <= 5 &&
    RUN_CONNECTORS.has(text.slice(w.start, w.end))
  );
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
    const t = w.end - w.start <= 3 ? lower(text, w) : '';
    const pronounVerb = t === 'he' || t === 'she' ? verbAfter(text, words, i) : -1;
    if (pronounVerb >= 0) {
      mentions.push({
        start: w.start,
        end: w.end,
        written: text.slice(w.start, w.end),
        kind: 'pronoun',
        parts: { gender: t === 'he' ? 'm' : 'f' },
        subject: true,
        verb: verbSpan(words, pronounVerb),
      });
      i++;
      continue;
    }
    if (!w.cap) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && words[j + 1]!.gap === '') {
      if (words[j + 1]!.cap) {
        j++;
        continue;
      }
      const after = words[j + 2];
      if (isRunConnector(text, words[j + 1]) && after && after.gap === '' && after.cap) {
        j += 2;
        continue;
      }
      break;
    }
    const run = readRun(text, words, i, j);
    if (run) {
      const { mention, first: firstWord } = run;
      const after = verbAfter(text, words, j);
      const verb = after >= 0 ? after : introducedBefore(text, words, firstWord);
      mention.subject = verb >= 0;
      if (verb >= 0) mention.verb = verbSpan(words, verb);
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
        const verb = verbAfter(text, words, j, true);
        if (verb >= 0 && !previous.subject) {
          previous.subject = true;
          previous.verb = verbSpan(words, verb);
        }
      } else {
        mentions.push(mention);
      }
    }
    i = j + 1;
  }
  return mentions;
}
