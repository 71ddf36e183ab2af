/**
 * References to people in running text, and whether they are the subject of
 * a verb of saying: `NATO Secretary General Jens Stoltenberg regretted`,
 * `the Secretary General stressed`, `Mr Stoltenberg made clear`, `he
 * stated`, `said Jens Stoltenberg`, `according to Jens Stoltenberg`.
 *
 * Words are read with one linear scan into parallel arrays (no object per
 * word: running text has millions); quotations are skipped (the quoted words
 * are the speaker's, not the report's), and `**bold**` markup is transparent.
 */
import { isAlnumCode, isSpaceCode, isUpperCode } from './char-class';
import type { Quotation } from './quotations';
import {
  hasHeadTitle,
  honorificOf,
  isInitial,
  isNameWord,
  isPluralTitle,
  NAME_PARTICLES,
  splitNameRole,
  wordInfo,
  wordsOf,
  type PersonParts,
} from './speakers';
import type { Span } from './types';

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
  'now',
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

/** Word flags: starts with a capital. */
const CAP = 1;
/** Word flags: punctuation (or a quotation) stands between the previous word and this one. */
const GAP = 2;
/** Word flags: that punctuation is a single comma. */
const COMMA = 4;

/**
 * The words of one stretch of text as parallel arrays. One instance is
 * reused by every call of {@link findMentions} (calls do not nest).
 */
class Words {
  count = 0;
  start = new Int32Array(256);
  end = new Int32Array(256);
  flags = new Uint8Array(256);
  text = '';

  reset(text: string): void {
    this.text = text;
    this.count = 0;
  }

  push(start: number, end: number, flags: number): void {
    if (this.count === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      this.start = grow(this.start, new Int32Array(this.count * 2));
      this.end = grow(this.end, new Int32Array(this.count * 2));
      this.flags = grow(this.flags, new Uint8Array(this.count * 2));
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.flags[this.count] = flags;
    this.count++;
  }

  /** The word as written. */
  word(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }

  /** The word in lower case; empty past the end. */
  lower(i: number): string {
    return i >= 0 && i < this.count ? this.word(i).toLowerCase() : '';
  }

  cap(i: number): boolean {
    return i >= 0 && i < this.count && (this.flags[i]! & CAP) !== 0;
  }

  /** Only spaces or markup between word `i - 1` and word `i`. */
  joined(i: number): boolean {
    return i >= 0 && i < this.count && (this.flags[i]! & GAP) === 0;
  }

  /** A single comma between word `i - 1` and word `i`. */
  comma(i: number): boolean {
    return i >= 0 && i < this.count && (this.flags[i]! & COMMA) !== 0;
  }

  span(i: number): Span {
    return { start: this.start[i]!, end: this.end[i]! };
  }
}

const WORDS = new Words();

/** Read the words of `text[from, to)` into {@link WORDS}, skipping the quotations `walls`. */
function scan(text: string, from: number, to: number, walls: readonly Quotation[]): Words {
  const words = WORDS;
  words.reset(text);
  let gap = 0; // punctuation characters since the last word
  let comma = false;
  let w = 0;
  while (w < walls.length && walls[w]!.close <= from) w++;
  let i = from;
  while (i < to) {
    const wall = walls[w];
    if (wall && i >= wall.open) {
      gap += 2;
      i = Math.max(i, wall.close);
      w++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!isAlnumCode(c)) {
      if (!isSpaceCode(c) && c !== 42 && c !== 95) {
        gap++;
        comma = c === 44;
      }
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      const d = text.charCodeAt(j);
      if (j >= to) break;
      if ((d >= 97 && d <= 122) || isAlnumCode(d)) j++;
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
    if (cap && j < to && after === 46 && j - i <= 9) {
      const word = text.slice(i, j);
      if (honorificOf(word) || isInitial(word) || word.includes('.')) j++; // `Mr.`, `J.`, `U.S.`
    }
    words.push(i, j, (cap ? CAP : 0) | (gap > 0 ? GAP : 0) | (gap === 1 && comma ? COMMA : 0));
    gap = 0;
    comma = false;
    i = j;
  }
  return words;
}

/** A comma, an apposition without sentence punctuation, a comma, then a verb (`…, for the Office of …, said`). */
const APPOSITION_RE =
  /^,\s+[^.;:!?"“”\n]{2,160}?,\s+(?:(?:also|then|further|later|again)\s+)?(\p{Ll}+)(?=[\s,.:;])/u;

/**
 * The verb of saying after an apposition that follows a name (`Jenifer
 * Fenton, for the Office of the Special Envoy for Syria (OSE), said that`),
 * or `read` a statement; null if none.
 */
function appositionVerb(text: string, end: number, to: number): Span | null {
  if (text[end] !== ',') return null;
  const m = APPOSITION_RE.exec(text.slice(end, Math.min(to, end + 220)));
  if (!m) return null;
  const verb = m[1]!;
  const reads = verb === 'read' && /^\s+(?:the|a|out|this)\b/u.test(text.slice(end + m[0].length));
  if (!SPEECH_VERBS.has(verb) && !reads) return null;
  const start = end + m[0].length - verb.length;
  return { start, end: start + verb.length };
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

/**
 * The verb of saying that follows word `j` (after up to three adverbs or
 * auxiliaries), as the index of its last word; -1 if none.
 */
function verbAfter(words: Words, j: number, allowComma = false): number {
  let gaps = 0;
  for (let k = j + 1; k < words.count; k++) {
    if (!words.joined(k) && !(allowComma && k === j + 1 && words.comma(k))) return -1;
    if (words.cap(k)) return -1;
    const t = words.lower(k);
    if (SPEECH_VERBS.has(t)) return k;
    const particle = PHRASAL_VERBS.get(t);
    if (particle) return words.joined(k + 1) && particle.has(words.lower(k + 1)) ? k + 1 : -1;
    if (!GAP_WORDS.has(t) && !(t.endsWith('ly') && t.length > 3)) return -1;
    if (++gaps > MAX_GAP_WORDS) return -1;
  }
  return -1;
}

/**
 * The word that introduces word `i` as a speaker (`”, said Jens
 * Stoltenberg`, `according to`), as its index; -1 if none.
 */
function introducedBefore(words: Words, i: number): number {
  if (i === 0 || !words.joined(i)) return -1;
  const verb = words.lower(i - 1);
  if (INVERTED_VERBS.has(verb) && (!words.joined(i - 1) || i - 1 === 0)) return i - 1;
  return verb === 'to' && words.joined(i - 1) && words.lower(i - 2) === 'according' ? i - 2 : -1;
}

/** Whether all words can be part of a personal name. */
function nameWords(words: readonly string[]): boolean {
  return (
    words.length > 0 && words.every(w => isNameWord(w) || isInitial(w) || NAME_PARTICLES.has(w))
  );
}

/** A mention of `kind` covering words `first..last`. */
function mentionOf(
  words: Words,
  first: number,
  last: number,
  kind: Mention['kind'],
  parts: PersonParts,
): { mention: Mention; first: number } {
  const start = words.start[first]!;
  const end = words.end[last]!;
  return {
    mention: { start, end, written: words.text.slice(start, end), kind, parts, subject: false },
    first,
  };
}

/** A word without its possessive ending (`Ukraine’s` → `Ukraine`, `Allies’` → `Allies`). */
function withoutPossessive(word: string): string {
  const n = word.length;
  const last = word.charCodeAt(n - 1);
  if ((last === 39 || last === 0x2019) && word.charCodeAt(n - 2) === 115) return word.slice(0, -1);
  const before = word.charCodeAt(n - 2);
  if (last === 115 && (before === 39 || before === 0x2019)) return word.slice(0, -2);
  return word;
}

/**
 * Read one run of capitalised words (`words[first..last]`) as a reference to
 * a person, if it is one; with the index of its first word (leading function
 * words such as `The` are dropped).
 */
function readRun(
  words: Words,
  first: number,
  last: number,
): { mention: Mention; first: number } | null {
  const read = readRunOnce(words, first, last);
  if (read) return read;
  // `Transcript of Chair Powell`, `Office of the Spokesperson`: the person after the last connector.
  for (let k = last - 1; k > first; k--) {
    if (!words.cap(k) && ROLE_CONNECTORS_LOWER.has(words.lower(k))) {
      let from = k + 1;
      while (from <= last && !words.cap(from)) from++;
      return from <= last && from > first ? readRunOnce(words, from, last) : null;
    }
  }
  // A title in title case (`President Biden Before Marine One Departure`): a person at its start.
  for (let end = Math.min(last - 1, first + MAX_TITLE_RUN); end > first; end--) {
    const read = readRunOnce(words, first, end);
    if (read?.mention.kind === 'person') return read;
  }
  return null;
}

/** How many words of a title-case run are tried for a person at its start. */
const MAX_TITLE_RUN = 8;

/** Connectors after which a run may start again (lower case). */
const ROLE_CONNECTORS_LOWER = new Set(['of', 'for']);

function readRunOnce(
  words: Words,
  first: number,
  last: number,
): { mention: Mention; first: number } | null {
  let word = words.word(first);
  while (first <= last && words.cap(first) && wordInfo(word).functionWord) {
    first++;
    if (first <= last) word = words.word(first);
  }
  if (first > last || !words.cap(first)) return null;

  if (first === last) {
    // The common case: a sentence's first word, a place, an acronym.
    word = withoutPossessive(word);
    const known = wordInfo(word);
    if (known.name) return mentionOf(words, first, last, 'name', { name: word });
    if (known.head && !known.plural) return mentionOf(words, first, last, 'role', { role: word });
    return null;
  }
  const texts: string[] = [word];
  for (let k = first + 1; k <= last; k++) texts.push(words.word(k));
  texts[texts.length - 1] = withoutPossessive(texts[texts.length - 1]!);

  if (honorificOf(texts[0]!)) {
    return nameWords(texts.slice(1))
      ? mentionOf(words, first, last, 'person', splitNameRole(texts))
      : null;
  }
  const parts = splitNameRole(texts);
  if (parts.role !== undefined) {
    const roleWords = wordsOf(parts.role);
    const singular = !isPluralTitle(roleWords[roleWords.length - 1]!);
    if (!hasHeadTitle(roleWords) || !singular) {
      return parts.name !== undefined && nameWords(wordsOf(parts.name))
        ? mentionOf(words, first, last, 'name', { name: parts.name })
        : null;
    }
    return mentionOf(words, first, last, parts.name === undefined ? 'role' : 'person', parts);
  }
  return parts.name !== undefined && nameWords(texts)
    ? mentionOf(words, first, last, 'name', parts)
    : null;
}

/** `he` or `she` if word `i` is that pronoun (any case), else empty; without slicing every word. */
function pronounAt(words: Words, i: number): '' | 'he' | 'she' {
  const start = words.start[i]!;
  const length = words.end[i]! - start;
  const text = words.text;
  const e = text.charCodeAt(start + length - 1) | 32;
  const h = text.charCodeAt(start + length - 2) | 32;
  if (e !== 101 || h !== 104) return '';
  if (length === 2) return 'he';
  return length === 3 && (text.charCodeAt(start) | 32) === 115 ? 'she' : '';
}

/** Whether word `i` ends with a possessive (`Powell’s`, `Allies’`). */
function endsPossessive(words: Words, i: number): boolean {
  const last = words.text.charCodeAt(words.end[i]! - 1);
  const before = words.text.charCodeAt(words.end[i]! - 2);
  return (
    ((last === 115 || last === 83) && (before === 39 || before === 0x2019)) ||
    ((last === 39 || last === 0x2019) && (before === 115 || before === 83))
  );
}

/** Whether word `i` is a lower-case word joining a run of capitalised words (`of`, `von`). */
function isRunConnector(words: Words, i: number): boolean {
  return (
    i < words.count &&
    !words.cap(i) &&
    words.end[i]! - words.start[i]! <= 5 &&
    RUN_CONNECTORS.has(words.word(i))
  );
}

/**
 * References to people in `text[from, to)` (one sentence), in order, each
 * marked as the subject of a verb of saying or not. Words inside the
 * quotations `walls` are not read. A bare name followed by `,` and a role
 * (`Jens Stoltenberg, Secretary General of NATO,`) takes the role.
 */
export function findMentions(
  text: string,
  from = 0,
  to = text.length,
  walls: readonly Quotation[] = [],
): Mention[] {
  const words = scan(text, from, to, walls);
  const mentions: Mention[] = [];
  const n = words.count;
  let i = 0;
  while (i < n) {
    const t = pronounAt(words, i);
    const pronounVerb = t ? verbAfter(words, i) : -1;
    if (pronounVerb >= 0) {
      mentions.push({
        start: words.start[i]!,
        end: words.end[i]!,
        written: words.word(i),
        kind: 'pronoun',
        parts: { gender: t === 'he' ? 'm' : 'f' },
        subject: true,
        verb: words.span(pronounVerb),
      });
      i++;
      continue;
    }
    if (!words.cap(i)) {
      i++;
      continue;
    }
    let j = i;
    let titled = wordInfo(words.word(i)).title;
    while (j + 1 < n && words.joined(j + 1)) {
      // A possessive after a title and a name ends the person: `Chair Powell’s Press Conference`.
      if (j > i && titled && endsPossessive(words, j)) break;
      if (words.cap(j + 1)) {
        if (!titled && wordInfo(words.word(j + 1)).title) titled = true;
        j++;
        continue;
      }
      // Connectors inside a name or role: `Minister of the Interior`, `von der Leyen`.
      let c = j + 1;
      while (c < n && c - j <= 3 && isRunConnector(words, c) && words.joined(c + 1)) c++;
      if (c > j + 1 && c < n && words.joined(c) && words.cap(c)) {
        j = c;
        if (!titled && wordInfo(words.word(j)).title) titled = true;
        continue;
      }
      break;
    }
    const run = readRun(words, i, j);
    if (run) {
      const { mention, first } = run;
      const after = verbAfter(words, j);
      const verb = after >= 0 ? after : introducedBefore(words, first);
      mention.subject = verb >= 0;
      if (verb >= 0) mention.verb = words.span(verb);
      else if (mention.kind === 'name' || mention.kind === 'person') {
        // `Andrej Mahecic, for the UN Refugee Agency (UNHCR), read the following statement:`
        const apposition = appositionVerb(text, mention.end, to);
        if (apposition) {
          mention.subject = true;
          mention.verb = apposition;
        }
      }
      const previous = mentions[mentions.length - 1];
      if (
        mention.kind === 'role' &&
        words.comma(first) &&
        previous?.kind === 'name' &&
        previous.parts.role === undefined &&
        words.end[first - 1] === previous.end
      ) {
        // An apposition: `Jens Stoltenberg, Secretary General of NATO, said`.
        previous.parts = { ...previous.parts, role: mention.parts.role };
        const appositionVerb = verbAfter(words, j, true);
        if (appositionVerb >= 0 && !previous.subject) {
          previous.subject = true;
          previous.verb = words.span(appositionVerb);
        }
      } else {
        mentions.push(mention);
      }
    }
    i = j + 1;
  }
  words.reset(''); // do not keep the document alive
  return mentions;
}
