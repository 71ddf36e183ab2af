/**
 * People in a document: splitting `NATO Secretary General Jens Stoltenberg`
 * into role and name, and a registry that resolves every way a document
 * refers to someone (full label, bare role, surname, user alias) to one
 * speaker.
 *
 * Roles are recognised with a generic lexicon of title words (Secretary,
 * Minister, Spokesperson, ...), organisation words and capitalised acronyms
 * (NATO, EU), never with names of particular people.
 */
import { isLetter, isLower, isSpace, isUpper } from './char-class';
import type { Speaker } from './types';

/** Nouns that name a position a person holds (lower case). */
const HEAD_TITLES = new Set([
  'secretary',
  'general',
  'minister',
  'president',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'ambassador',
  'chancellor',
  'senator',
  'commissioner',
  'director',
  'chair',
  'chairman',
  'chairwoman',
  'chairperson',
  'chief',
  'governor',
  'mayor',
  'king',
  'queen',
  'prince',
  'princess',
  'emperor',
  'pope',
  'premier',
  'envoy',
  'adviser',
  'advisor',
  'counsellor',
  'counselor',
  'councillor',
  'representative',
  'congressman',
  'congresswoman',
  'lawmaker',
  'mp',
  'mep',
  'speaker',
  'moderator',
  'host',
  'author',
  'clerk',
  'counsel',
  'witness',
  'interpreter',
  'bailiff',
  'juror',
  'petitioner',
  'appellant',
  'writer',
  'columnist',
  'commentator',
  'strategist',
  'presenter',
  'anchor',
  'interviewer',
  'correspondent',
  'reporter',
  'journalist',
  'editor',
  'officer',
  'executive',
  'ceo',
  'admiral',
  'colonel',
  'lieutenant',
  'captain',
  'major',
  'commander',
  'marshal',
  'sergeant',
  'brigadier',
  'judge',
  'attorney',
  'prosecutor',
  'professor',
  'dean',
  'rector',
  'bishop',
  'archbishop',
  'cardinal',
  'head',
  'leader',
  'member',
  'delegate',
  'official',
  'consul',
  'emir',
  'sultan',
  'sheikh',
  'coordinator',
  'manager',
  'founder',
  'analyst',
  'economist',
  'diplomat',
  'negotiator',
  'rapporteur',
  'registrar',
  'treasurer',
  'vice-president',
  'secretary-general',
  'director-general',
  'president-elect',
]);

/** Words that qualify a position (lower case): `Deputy`, `Prime`, `Foreign`, `Affairs`. */
const MODIFIER_TITLES = new Set([
  'prime',
  'vice',
  'deputy',
  'assistant',
  'under',
  'acting',
  'interim',
  'former',
  'foreign',
  'defence',
  'defense',
  'affairs',
  'state',
  'home',
  'interior',
  'finance',
  'treasury',
  'justice',
  'health',
  'education',
  'trade',
  'energy',
  'environment',
  'economy',
  'economic',
  'security',
  'national',
  'supreme',
  'allied',
  'high',
  'special',
  'permanent',
  'senior',
  'principal',
  'first',
  'press',
  'communications',
  'public',
  'diplomacy',
  'political',
  'military',
  'joint',
  'staff',
  'opposition',
  'shadow',
  'majority',
  'minority',
  'white',
  'lord',
  'lady',
  'dame',
  'sir',
  'his',
  'her',
  'majesty',
  'excellency',
  'honourable',
  'honorable',
  'rt',
  'hon',
  'chief',
  'development',
  'cooperation',
  'transport',
  'agriculture',
  'culture',
  'labour',
  'labor',
  'industry',
  'digital',
  'intelligence',
  'cyber',
  'policy',
  'strategy',
  'relations',
  'european',
  'designate',
  'elect',
  'presiding',
  'managing',
  'courtroom',
  'plaintiff',
  'plaintiffs',
  'prosecution',
  'baroness',
  'baron',
  'lord',
  'earl',
  'duke',
  'duchess',
  'countess',
  'viscount',
  'marquess',
]);

/** Words of organisation, place and event names; never part of a personal name (lower case). */
const ORG_WORDS = new Set([
  'council',
  'commission',
  'committee',
  'assembly',
  'parliament',
  'parliamentary',
  'government',
  'alliance',
  'union',
  'nations',
  'united',
  'states',
  'kingdom',
  'republic',
  'federation',
  'ministry',
  'department',
  'office',
  'agency',
  'organisation',
  'organization',
  'bank',
  'fund',
  'court',
  'senate',
  'house',
  'congress',
  'party',
  'forces',
  'force',
  'army',
  'navy',
  'summit',
  'meeting',
  'ministerial',
  'conference',
  'treaty',
  'act',
  'charter',
  'format',
  'dialogue',
  'news',
  'times',
  'journal',
  'post',
  'television',
  'radio',
  'service',
  'group',
  'institute',
  'university',
  'foundation',
  'association',
  'company',
  'corporation',
  'europe',
  'atlantic',
  'north',
  'south',
  'east',
  'west',
  'eastern',
  'western',
  'northern',
  'southern',
  'central',
  'international',
  'global',
  'world',
  'sea',
  'ocean',
  'city',
  'region',
  'article',
  'response',
  'partners',
  'partnership',
  'programme',
  'program',
  'mission',
  'operation',
  'strategic',
  'stability',
  'final',
  'ally',
  'allies',
  'nato',
  'federal',
  'district',
  'province',
  'county',
  'capital',
  'press',
  'media',
  'network',
  'broadcasting',
  'daily',
  'weekly',
  'review',
  'herald',
  'tribune',
  'gazette',
  'shimbun',
  'telegraph',
  'magazine',
  'channel',
  'newspaper',
  'wire',
]);

/** Months and weekdays (lower case): capitalised, but never names of people. */
const CALENDAR_WORDS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/**
 * Capitalised function words that start sentences and clauses (lower case):
 * never part of a name, and a run of capitalised words starting with one is
 * read from the next word.
 */
export const CAPITALISED_FUNCTION_WORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'but',
  'or',
  'so',
  'then',
  'this',
  'that',
  'these',
  'those',
  'we',
  'i',
  "i'm",
  'i’m',
  "i've",
  'i’ve',
  "i'll",
  'i’ll',
  "i'd",
  'i’d',
  "we're",
  'we’re',
  'it',
  'he',
  'she',
  'they',
  'you',
  'our',
  'my',
  'your',
  'his',
  'her',
  'their',
  'its',
  'there',
  'here',
  'if',
  'when',
  'while',
  'as',
  'with',
  'in',
  'on',
  'at',
  'for',
  'from',
  'to',
  'by',
  'of',
  'after',
  'before',
  'since',
  'through',
  'during',
  'asked',
  'speaking',
  'according',
  'separately',
  'meanwhile',
  'however',
  'also',
  'let',
  'finally',
  'first',
  'second',
  'third',
  'thirdly',
  'secondly',
  'firstly',
  'note',
  'example',
  'yes',
  'no',
  'thanks',
  'thank',
  'good',
  'hello',
  'hi',
  'dear',
  'today',
  'yesterday',
  'tomorrow',
  'last',
  'next',
  'both',
  'all',
  'some',
  'many',
  'most',
  'what',
  'how',
  'why',
  'who',
  'where',
  'which',
  'is',
  'are',
  'was',
  'were',
  'not',
  'every',
  'each',
  'one',
  'two',
  'three',
]);

/** Lower-case particles inside personal names: `Ursula von der Leyen`. */
export const NAME_PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'des',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'ben',
  'ter',
  'ten',
  'y',
]);

/** Lower-case words that join the parts of a role: `Minister of Foreign Affairs`. */
export const ROLE_CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on', 'to', '&']);

/** Forms of address before a name, with the gender they imply when they imply one. */
const HONORIFICS = new Map<string, 'm' | 'f' | undefined>([
  ['mr', 'm'],
  ['mrs', 'f'],
  ['ms', 'f'],
  ['miss', 'f'],
  ['mx', undefined],
  ['dr', undefined],
  ['prof', undefined],
  ['sir', 'm'],
  ['dame', 'f'],
  ['madam', 'f'],
  ['madame', 'f'],
  ['mme', 'f'],
  ['monsieur', 'm'],
  ['herr', 'm'],
  ['frau', 'f'],
]);

/** First letters of {@link HONORIFICS}, capitalised. */
const HONORIFIC_INITIALS = 'MDPSFH';

/** Honorific forms registered as aliases of a speaker's surname once their gender is known. */
const ALIAS_HONORIFICS: Record<'m' | 'f', readonly string[]> = {
  m: ['Mr', 'Mr.'],
  f: ['Ms', 'Ms.', 'Mrs', 'Mrs.'],
};

/**
 * An honorific and the capitalised word after it (`Mr. Stoltenberg`); linear,
 * no nested repetition. That no letter precedes it is checked in code (a
 * look-behind would keep the engine from scanning for the first letters).
 */
const HONORIFIC_RE =
  /(Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame|Madam|Mme)(\.?)[ \t\u00a0]+(\p{Lu}[\p{L}'’-]*)/gu;

/** A word without trailing dots and apostrophes, in lower case: `Mr.` → `mr`. */
function bare(word: string): string {
  let end = word.length;
  while (end > 0 && (word[end - 1] === '.' || word[end - 1] === '’' || word[end - 1] === "'"))
    end--;
  return (end === word.length ? word : word.slice(0, end)).toLowerCase();
}

/** Gender implied by an honorific (`Mr`, `Ms.`), `null` if the word is no honorific. */
export function honorificOf(word: string): { gender?: 'm' | 'f' } | null {
  if (word.length > 9 || !isUpper(word[0]) || !HONORIFIC_INITIALS.includes(word[0]!)) return null;
  const key = bare(word);
  if (!HONORIFICS.has(key)) return null;
  const gender = HONORIFICS.get(key);
  return gender ? { gender } : {};
}

/** Whether a word is written as a capitalised word: first letter upper case. */
export function isCapitalised(word: string): boolean {
  return isUpper(word[0]);
}

/** An all-capitals acronym (`NATO`, `EU`, `TV2`, `G7`). */
export function isAcronym(word: string): boolean {
  if (word.length < 2 || word.length > 8) return false;
  let letters = 0;
  for (const ch of word) {
    if (isLower(ch)) return false;
    if (isUpper(ch)) letters++;
  }
  return letters >= 1 && isUpper(word[0]);
}

/** A possessive (`Ukraine’s`, `Allies’`): a role's organisation, never a name. */
export function isPossessive(word: string): boolean {
  return /(?:['’]s|s['’])$/u.test(word);
}

function lexical(word: string): string {
  return bare(word);
}

function computePluralTitle(word: string): boolean {
  const lower = lexical(word);
  if (lower.length < 4 || !lower.endsWith('s')) return false;
  const stems = [
    lower.slice(0, -1),
    lower.slice(0, -2),
    lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : '',
  ];
  return stems.some(s => HEAD_TITLES.has(s) || ORG_WORDS.has(s));
}

function computeTitleWord(word: string): boolean {
  const lower = lexical(word);
  if (HEAD_TITLES.has(lower) || MODIFIER_TITLES.has(lower)) return true;
  if (lower.includes('-'))
    return lower.split('-').every(p => HEAD_TITLES.has(p) || MODIFIER_TITLES.has(p));
  return false;
}

function computeHeadTitle(word: string): boolean {
  const lower = lexical(word);
  if (HEAD_TITLES.has(lower)) return true;
  if (lower.includes('-')) {
    const parts = lower.split('-');
    return (
      parts.some(p => HEAD_TITLES.has(p)) &&
      parts.every(p => HEAD_TITLES.has(p) || MODIFIER_TITLES.has(p))
    );
  }
  return false;
}

/** A word of an organisation's or place's name, an acronym or a possessive. */
function isOrgWord(word: string): boolean {
  if (isAcronym(word) || isPossessive(word)) return true;
  const lower = lexical(word);
  if (ORG_WORDS.has(lower)) return true;
  if (lower.includes('-'))
    return word.split('-').some(p => isAcronym(p) || ORG_WORDS.has(p.toLowerCase()));
  return false;
}

/** What the lexicon says about a word; computed once per distinct word. */
export interface WordInfo {
  title: boolean;
  head: boolean;
  plural: boolean;
  role: boolean;
  /** May be part of a personal name in running text (strict) and in a label (loose). */
  name: boolean;
  nameLoose: boolean;
  calendar: boolean;
  /** A capitalised function word (`The`, `In`, `Asked`). */
  functionWord: boolean;
}

/** Words seen so far; cleared when it grows past {@link WORD_CACHE_LIMIT} so memory stays bounded. */
const WORD_CACHE = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 50_000;

function info(word: string): WordInfo {
  let known = WORD_CACHE.get(word);
  if (known) return known;
  const title = computeTitleWord(word);
  const plural = computePluralTitle(word);
  const role = title || isOrgWord(word) || plural;
  const lower = lexical(word);
  let name = isCapitalised(word) && word.length >= 2 && !role;
  name &&=
    !CALENDAR_WORDS.has(lower) && !CAPITALISED_FUNCTION_WORDS.has(lower) && !HONORIFICS.has(lower);
  if (name)
    for (const part of word.split('-')) if (part.length > 0 && !isUpper(part[0])) name = false;
  known = {
    title,
    head: computeHeadTitle(word),
    plural,
    role,
    name: name && /\p{Ll}/u.test(word),
    nameLoose: name,
    calendar: CALENDAR_WORDS.has(lower),
    functionWord: CAPITALISED_FUNCTION_WORDS.has(lower),
  };
  if (WORD_CACHE.size >= WORD_CACHE_LIMIT) WORD_CACHE.clear();
  WORD_CACHE.set(word, known);
  return known;
}

/** What the lexicon says about a word (cached; do not modify). */
export function wordInfo(word: string): Readonly<WordInfo> {
  return info(word);
}

/** A function word that may open a sentence (`The`, `In`, `Asked`): never part of a reference. */
export function isFunctionWord(word: string): boolean {
  return info(word).functionWord;
}

/** A plural of a title or organisation word (`Ministers`, `Allies`, `Officials`): a group, not a person. */
export function isPluralTitle(word: string): boolean {
  return info(word).plural;
}

/** A word naming a position or a part of one: `Secretary`, `Foreign`, `Vice-President`. */
export function isTitleWord(word: string): boolean {
  return info(word).title;
}

/** A word that names a position (not merely qualifies one): `Minister`, `Spokesperson`. */
export function isHeadTitle(word: string): boolean {
  return info(word).head;
}

/** A word that may stand in a role: title, organisation word, acronym, possessive. */
export function isRoleWord(word: string): boolean {
  return info(word).role;
}

/** A single capital, possibly with a full stop: an initial (`J.`). */
export function isInitial(word: string): boolean {
  return (
    (word.length === 1 && isUpper(word)) ||
    (word.length === 2 && isUpper(word[0]) && word[1] === '.')
  );
}

/**
 * Whether a word may be part of a personal name: capitalised, and no title,
 * organisation, calendar or function word. `strict` (running text) also
 * rejects all-capitals words, which are acronyms there.
 */
export function isNameWord(word: string, strict = true): boolean {
  return strict ? info(word).name : info(word).nameLoose;
}

/**
 * Whether words form a role: title words, organisation words and acronyms,
 * joined by connectors, with capitalised objects after a connector
 * (`Deputy Prime Minister of Ukraine`, `Minister for Foreign Affairs`).
 */
export function isRoleSequence(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  let afterConnector = false;
  let titled = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.toLowerCase();
    if (ROLE_CONNECTORS.has(lower)) {
      if (i === 0 || i === words.length - 1) return false;
      afterConnector = true;
      continue;
    }
    if (isRoleWord(w)) {
      titled = true;
      continue;
    }
    if (afterConnector && isCapitalised(w)) continue;
    return false;
  }
  return titled;
}

/** Whether a role names a position (has a head title), not just an organisation. */
export function hasHeadTitle(words: readonly string[]): boolean {
  return words.some(isHeadTitle);
}

/** Where the personal name ends a run of words, read from the end; `words.length` if none. */
function nameStartOf(words: readonly string[], strict: boolean): number {
  const n = words.length;
  if (n === 0 || !isNameWord(words[n - 1]!, strict)) return n;
  let k = n - 1;
  let given = 0;
  while (k > 0) {
    const w = words[k - 1]!;
    if (NAME_PARTICLES.has(w) && k - 1 > 0) {
      k--;
      continue;
    }
    const object = k - 2 >= 0 && ROLE_CONNECTORS.has(words[k - 2]!.toLowerCase());
    if ((isNameWord(w, strict) || isInitial(w)) && given < 3 && !object) {
      k--;
      given++;
      continue;
    }
    break;
  }
  // Particles after a title are the surname's (`President von der Leyen`), else not a name's start.
  const titled = k > 0 && (isTitleWord(words[k - 1]!) || honorificOf(words[k - 1]!) !== null);
  if (!titled) while (k < n - 1 && NAME_PARTICLES.has(words[k]!)) k++;
  return k;
}

/** A person reference split into parts; all optional (a bare role has no name). */
export interface PersonParts {
  name?: string;
  role?: string;
  affiliation?: string;
  /** Gender implied by an honorific in the reference. */
  gender?: 'm' | 'f';
  /** A short form the label declares for the person: `VK` of `Vassy Kapelos (VK)`. */
  alias?: string;
}

/**
 * Split a run of capitalised words into role and name:
 * `NATO Secretary General Jens Stoltenberg` → role `NATO Secretary General`,
 * name `Jens Stoltenberg`; `NATO Spokesperson` → role only; `Mr Stoltenberg`
 * → name `Stoltenberg` (an honorific is neither). When the words before the
 * name do not form a role (`Mary Jane Smith`), they are part of the name.
 *
 * @param strict - Running text: all-capitals words are acronyms, not names.
 */
export function splitNameRole(words: readonly string[], strict = true): PersonParts {
  if (words.length === 0) return {};
  const honorific = honorificOf(words[0]!);
  if (honorific && words.length > 1) {
    return { name: words.slice(1).join(' '), ...honorific };
  }
  if (!strict && words.every(w => !/\p{Ll}/u.test(w))) {
    // An all-capitals label: `JENS STOLTENBERG`, `NATO SECRETARY GENERAL JENS STOLTENBERG`.
    let lastTitle = -1;
    words.forEach((w, i) => {
      if (isTitleWord(w)) lastTitle = i;
    });
    if (lastTitle < 0) return { name: words.join(' ') };
    // `MADELEINE KING`, `JOHN MAJOR`: a surname that is also a title, after a given name.
    if (
      lastTitle === words.length - 1 &&
      lastTitle > 0 &&
      SURNAME_TITLES.has(words[lastTitle]!.toLowerCase()) &&
      words.slice(0, lastTitle).every(w => !isTitleWord(w) && isNameWord(titleCase(w), false))
    ) {
      return { name: words.join(' ') };
    }
    const name = words.slice(lastTitle + 1).join(' ');
    const role = words.slice(0, lastTitle + 1).join(' ');
    return name ? { name, role } : { role };
  }
  const start = nameStartOf(words, strict);
  if (start >= words.length)
    return isRoleSequence(words) ? { role: words.join(' ') } : { name: words.join(' ') };
  const role = words.slice(0, start);
  const name = words.slice(start).join(' ');
  if (role.length === 0) return { name };
  if (isRoleSequence(role)) {
    // `Foreign Minister MOTEGI Toshimitsu`: a family name in capitals before the given name.
    const family = role[role.length - 1]!;
    if (
      start === words.length - 1 &&
      role.length > 1 &&
      isShouted(family) &&
      family.length >= 3 &&
      !KEEP_CAPITALS.has(family) &&
      !isTitleWord(family) &&
      !ORG_WORDS.has(family.toLowerCase())
    ) {
      return { name: `${name} ${family}`, role: role.slice(0, -1).join(' ') };
    }
    return { name, role: role.join(' ') };
  }
  return { name: words.join(' ') };
}

/** Titles that are also common surnames (`King`, `Major`, `Bishop`). */
const SURNAME_TITLES = new Set([
  'king',
  'major',
  'bishop',
  'dean',
  'marshal',
  'pope',
  'prince',
  'chancellor',
  'judge',
  'mayor',
  'chief',
  'sergeant',
  'knight',
]);

/** `MADELEINE` → `Madeleine`. */
function titleCase(word: string): string {
  return word[0]! + word.slice(1).toLowerCase();
}

/** A month or weekday name or abbreviation (`January`, `Jan.`, `Friday`). */
export function isCalendarWord(word: string): boolean {
  return info(word).calendar;
}

/** Words of a label or phrase: split on whitespace. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text[i]);
    if (space && start >= 0) {
      words.push(text.slice(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return words;
}

/**
 * Parse a speaker label as written before a turn (without its colon):
 * `NATO Secretary General Jens Stoltenberg`, `NATO Spokesperson`,
 * `Max Delany (AFP)`, `Jens Stoltenberg, Secretary General of NATO`.
 * A parenthesis or a part after a comma is the role when it reads as one,
 * else the affiliation (outlet, organisation).
 */
export function parseSpeakerLabel(label: string): PersonParts {
  let text = label.trim().replace(/:$/u, '').trim();
  // A caption label in lower case (`mr. graham`): read as if capitalised.
  if (!/\p{Lu}/u.test(text)) text = capitaliseWords(text);
  if (text === 'Q' || text === 'Q.') return { role: 'Question' };
  const split = splitDecorations(text) ?? { main: text, groups: [], descriptors: [] };
  // `Speaker 2`, `Caller 1`: a participant the transcript does not name.
  if (/^\p{Lu}[\p{L}]*(?:\s+\p{L}+)?\s+\d{1,3}$/u.test(split.main) && split.groups.length === 0)
    return { name: split.main };
  const parts = moveTitlesToRole(parseMain(split.main));
  dropAddressFromRole(parts);
  if (parts.name) parts.name = givenNameFirst(parts.name);
  let party: string | undefined;
  for (const group of split.groups) {
    const kind = groupKind(group, parts);
    if (kind === 'party') party ??= group;
    else if (kind === 'alias') parts.alias ??= group;
    else if (kind === 'text') addDescriptor(parts, group);
  }
  const descriptors = split.descriptors;
  // `Yomiuri Shimbun, Yokobori`: an outlet, then the questioner's name.
  if (
    parts.name &&
    !parts.role &&
    descriptors.length === 1 &&
    wordsOf(parts.name).some(isOrgWord) &&
    isPersonalName(descriptors[0]!)
  ) {
    return { ...parts, name: descriptors[0]!, affiliation: parts.name };
  }
  // `Deputy Chief of Staff – Presidential Press Secretary Dmitry Peskov`: the name after a role.
  if (!parts.name) {
    for (const d of descriptors) {
      const inner = moveTitlesToRole(parseMain(d));
      if (inner.name && inner.role) {
        return { ...parts, name: inner.name, role: inner.role };
      }
    }
  }
  for (const d of descriptors) addDescriptor(parts, d, true);
  if (party) {
    // Party and state stay as written: `Senator (R-Iowa)`; a party outranks a seat.
    if (parts.role) parts.role = `${normalRoleCase(parts.role)} (${party})`;
    else parts.affiliation = party;
  }
  return parts;
}

/** `mr. graham` → `Mr. Graham`; particles stay in lower case. */
function capitaliseWords(text: string): string {
  return text.replace(/\p{L}[\p{L}'’.-]*/gu, (w, at: number) =>
    at > 0 && NAME_PARTICLES.has(w) ? w : w[0]!.toUpperCase() + w.slice(1),
  );
}

/**
 * A label split at its decorations: the parts in parentheses or brackets
 * anywhere (`(D-CA)`, `(14:05)`, `[AFP]`) and the parts after commas outside
 * them. Null when the brackets do not balance.
 */
export function splitDecorations(
  label: string,
): { main: string; groups: string[]; descriptors: string[] } | null {
  let depth = 0;
  let top = '';
  let group = '';
  const groups: string[] = [];
  for (const ch of label) {
    if (ch === '(' || ch === '[') {
      if (depth > 0) group += ch;
      else group = '';
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        groups.push(group.trim());
        top += ' ';
      } else group += ch;
    } else if (depth > 0) group += ch;
    else top += ch;
  }
  if (depth !== 0) return null;
  // A spaced dash separates descriptors as a comma does (`Deputy Chief of Staff – Press Secretary Dmitry Peskov`).
  const pieces = top.split(/,|\s[–—]\s/u).map(p => p.replace(/\s+/gu, ' ').trim());
  const main = pieces[0] ?? '';
  const descriptors = pieces.slice(1);
  if (descriptors.some(d => d.length === 0)) return null;
  return { main, groups, descriptors };
}

/** The part of a label before its decorations → name and role. */
function parseMain(main: string): PersonParts {
  let words = wordsOf(main);
  // `THE COURT:`, `THE WITNESS:`: a participant a court record names by role.
  if (words.length === 2 && /^the$/iu.test(words[0]!)) {
    const role = words[1]!.toLowerCase();
    if (COURT_ROLES.has(role)) return { role: COURT_ROLES.get(role)! };
  }
  // `The Minister:`, `The Chair:`: the article in front of a role.
  if (words.length > 1 && /^(?:The|THE)$/u.test(words[0]!) && isRoleSequence(words.slice(1)))
    words = words.slice(1);
  return splitNameRole(words, false);
}

/** Participants of a court record labelled `THE …` → how they are shown. */
const COURT_ROLES = new Map([
  ['court', 'Judge'],
  ['witness', 'Witness'],
  ['clerk', 'Clerk'],
  ['defendant', 'Defendant'],
  ['interpreter', 'Interpreter'],
  ['juror', 'Juror'],
  ['bailiff', 'Bailiff'],
]);

/** Forms of address that name no position: dropped from a role. */
const ADDRESS_WORDS = new Set([
  'right',
  'honourable',
  'honorable',
  'hon',
  'rt',
  'his',
  'her',
  'excellency',
  'the',
  'shri',
  'smt',
  'sri',
]);

/** `RIGHT HONOURABLE` is no role: a role made only of forms of address is dropped, and they leave any other. */
function dropAddressFromRole(parts: PersonParts): void {
  if (!parts.role) return;
  const words = wordsOf(parts.role);
  let k = 0;
  while (k < words.length && ADDRESS_WORDS.has(titleKey(words[k]!))) k++;
  if (k === 0) return;
  if (k === words.length) delete parts.role;
  else parts.role = words.slice(k).join(' ');
}

/**
 * A family name written first in capitals (`ONO Hikariko`, `MOTEGI
 * Toshimitsu`, as Japanese and Chinese official texts write names) → given
 * name first: `Hikariko ONO`.
 */
export function givenNameFirst(name: string): string {
  const words = wordsOf(name);
  if (words.length < 2 || words.length > 3) return name;
  const [family, ...given] = words;
  if (!isShouted(family!) || !given.every(w => /\p{Ll}/u.test(w) && isNameWord(w))) return name;
  return [...given, family].join(' ');
}

/** Party and state: `D-CA`, `R-Iowa`, `D-Ill.`, `R-S.C.`; Westminster's `Con`, `Lab`, `LD`, `SNP`. */
const PARTY_RE =
  /^(?:[DRI]-[\p{Lu}][\p{L}.]*|Con|Lab|LD|Lib Dem|SNP|DUP|SDLP|UUP|Ind|PC|Green|Reform|Alliance|SF)$/u;

/** What a label's parenthesis holds: a time, a stage direction, a party, initials the label declares, or text. */
function groupKind(group: string, parts: PersonParts): 'drop' | 'party' | 'alias' | 'text' {
  const g = group.trim();
  if (/^(?:\d{1,2}:)?\d{1,2}:\d{2}$/u.test(g)) return 'drop'; // `(14:05)`, `(00:38)`
  if (/^\p{Ll}/u.test(g) || /^(?:VO|OC|SOT|V\/O|O\/C|on camera|voice-over)$/iu.test(g))
    return 'drop'; // `(voice-over)`, `(on camera)`, `(through translator)`
  if (PARTY_RE.test(g)) return 'party';
  if (/^\p{Lu}{2,6}$/u.test(g) && declaresInitials(g, parts)) return 'alias';
  return 'text';
}

/** Whether `initials` (`VK`, `PMJT`) are the first letters of the label's words, in order. */
function declaresInitials(initials: string, parts: PersonParts): boolean {
  const firsts = wordsOf(`${parts.role ?? ''} ${parts.name ?? ''}`)
    .flatMap(w => w.split('-'))
    .filter(w => w.length > 0 && !ROLE_CONNECTORS.has(w.toLowerCase()))
    .map(w => w[0]!.toUpperCase());
  let k = 0;
  for (const f of firsts) if (k < initials.length && f === initials[k]) k++;
  return k === initials.length && initials[0] === firsts[0];
}

/** Words that make a part of a parenthesis a party's name (lower case). */
const PARTY_WORDS = new Set([
  'party',
  'labor',
  'labour',
  'liberal',
  'liberals',
  'conservative',
  'conservatives',
  'democrat',
  'democrats',
  'democratic',
  'republican',
  'republicans',
  'green',
  'greens',
  'ndp',
  'fianna',
  'fáil',
  'fail',
  'gael',
  'sinn',
  'féin',
  'fein',
  'socialist',
  'independent',
  'bloc',
  'nationals',
  'unionist',
  'bq',
  'cpc',
  'lpc',
]);

/**
 * A decoration (a parenthesis's text, or a part after a comma) → role or
 * affiliation: each of its parts split at commas and dashes is the role
 * when it names a position, else a party or an outlet is the affiliation.
 */
function addDescriptor(parts: PersonParts, text: string, replaceTitleRole = false): void {
  const pieces = text
    .split(/\s*[,—–]\s*|\s+-\s+/u)
    .map(p => p.trim())
    .filter(p => p.length > 0);
  let affiliation: string | undefined;
  for (const piece of pieces) {
    const words = wordsOf(piece);
    const role = isRoleSequence(words) && hasHeadTitle(words);
    if (role && (!parts.role || (replaceTitleRole && isTitleOnlyRole(parts.role)))) {
      parts.role = piece;
      continue;
    }
    if (role) continue;
    const party = words.some(w => PARTY_WORDS.has(w.toLowerCase()));
    if (affiliation === undefined || party) affiliation = party ? piece : (affiliation ?? piece);
  }
  // A parenthesis with a quoted title after the role (`Author, "Bill Moyers Journal: …"`) keeps only the role.
  if (affiliation !== undefined && !parts.affiliation && !/^["“]/u.test(affiliation))
    parts.affiliation = affiliation;
}

/** Whether a word is part of a political party's name or a party itself (`Liberal`, `NDP`-like words, `Fianna`). */
export function isPartyWord(word: string): boolean {
  return PARTY_WORDS.has(word.toLowerCase());
}

/** A role that is only a label title (`Representative` from `REP.`): a fuller descriptor replaces it. */
function isTitleOnlyRole(role: string): boolean {
  return [...LABEL_TITLES.values()].includes(role);
}

/** Whether a text is a personal name alone: one to three name words. */
function isPersonalName(text: string): boolean {
  const words = wordsOf(text);
  return words.length >= 1 && words.length <= 3 && words.every(w => isNameWord(w, false));
}

/**
 * Abbreviated and spelled-out titles that stand before a name in labels
 * (`SEN. MARCO RUBIO`, `Shri Arindam Bagchi`, `RIGHT HONOURABLE JUSTIN
 * TRUDEAU`, `Minister MOTEGI`) → the role they give; `''` for a form of
 * address that gives none.
 */
const LABEL_TITLES = new Map<string, string>([
  ['sen', 'Senator'],
  ['senator', 'Senator'],
  ['rep', 'Representative'],
  ['representative', 'Representative'],
  ['gov', 'Governor'],
  ['governor', 'Governor'],
  ['sec', 'Secretary'],
  ['secretary', 'Secretary'],
  ['pres', 'President'],
  ['president', 'President'],
  ['gen', 'General'],
  ['amb', 'Ambassador'],
  ['ambassador', 'Ambassador'],
  ['lt', 'Lieutenant'],
  ['col', 'Colonel'],
  ['adm', 'Admiral'],
  ['chair', 'Chair'],
  ['chairman', 'Chairman'],
  ['chairwoman', 'Chairwoman'],
  ['speaker', 'Speaker'],
  ['minister', 'Minister'],
  ['justice', 'Justice'],
  ['judge', 'Judge'],
  ['frage', 'Question'], // German `FRAGE HOENIG`: a question by Hoenig
  ['sts', 'State Secretary'], // German `StS`, Staatssekretär
  ['staatssekretär', 'State Secretary'],
  ['staatssekretärin', 'State Secretary'],
  ['vors', 'Chair'], // German `Vors.`, Vorsitzender
  ['bundeskanzler', 'Chancellor'],
  ['bundeskanzlerin', 'Chancellor'],
  ['bundesminister', 'Minister'],
  ['bundesministerin', 'Minister'],
  ['ministerin', 'Minister'],
  ['shri', ''],
  ['smt', ''],
  ['sri', ''],
  ['hon', ''],
  ['honourable', ''],
  ['honorable', ''],
  ['right', ''],
  ['rt', ''],
  ['his', ''],
  ['her', ''],
  ['excellency', ''],
]);

/** A word of a label without its trailing full stop, in lower case. */
function titleKey(word: string): string {
  return word.replace(/\.$/u, '').toLowerCase();
}

/** Whether a word is a title or form of address that stands before a name in labels (`SEN.`, `Shri`, `StS`). */
export function isLabelTitle(word: string): boolean {
  return LABEL_TITLES.has(titleKey(word));
}

/**
 * Titles and forms of address in front of a label's name go to the role:
 * `SEN. MARCO RUBIO` → name `MARCO RUBIO`, role `Senator`; `Shri Arindam
 * Bagchi` → name `Arindam Bagchi`. A trailing run of capitals after titles
 * in a mixed-case label is the surname (`Minister MOTEGI`, `Foreign Press
 * Secretary ONO`).
 */
function moveTitlesToRole(parts: PersonParts): PersonParts {
  const out = { ...parts };
  // `Minister MOTEGI`: read as a role, but its last words are a name in capitals.
  if (!out.name && out.role) {
    const words = wordsOf(out.role);
    let k = words.length;
    while (k > 0 && isShouted(words[k - 1]!) && !isTitleWord(words[k - 1]!)) k--;
    if (k > 0 && k < words.length && words.slice(0, k).some(w => /\p{Ll}/u.test(w))) {
      out.name = words.slice(k).join(' ');
      out.role = words.slice(0, k).join(' ');
    }
  }
  if (!out.name) return out;
  let words = wordsOf(out.name);
  // `Presidential Press Secretary Dmitry Peskov`: a position the lexicon reads only in part.
  let lastTitle = -1;
  words.forEach((w, i) => {
    if (isHeadTitle(w)) lastTitle = i;
  });
  if (!out.role && lastTitle >= 0 && lastTitle <= words.length - 2 && /\p{Ll}/u.test(out.name)) {
    out.role = words.slice(0, lastTitle + 1).join(' ');
    words = words.slice(lastTitle + 1);
    out.name = words.join(' ');
  }
  const roles: string[] = [];
  while (words.length > 1 && LABEL_TITLES.has(titleKey(words[0]!))) {
    const role = LABEL_TITLES.get(titleKey(words[0]!))!;
    if (role) roles.push(role);
    words = words.slice(1);
  }
  if (roles.length === 0 && words.length === wordsOf(out.name).length) return out;
  out.name = words.join(' ');
  if (roles.length > 0 && !out.role) out.role = roles.join(' ');
  return out;
}

/** A word written in capitals (two letters or more). */
function isShouted(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !/\p{Ll}/u.test(letters);
}

/** Words never re-cased: acronyms that stand in names and roles. */
const KEEP_CAPITALS = new Set([
  'II',
  'III',
  'IV',
  'JR',
  'SR',
  'UN',
  'EU',
  'NATO',
  'US',
  'UK',
  'CNN',
  'CBS',
  'NBC',
  'NPR',
  'PBS',
  'BBC',
  'ABC',
  'CDC',
  'CIA',
  'FBI',
  'IMF',
  'WHO',
]);

/**
 * A name written in capitals, in normal case: `DANA BASH` → `Dana Bash`,
 * `MCCONNELL` → `McConnell`, `O'BRIEN` → `O'Brien`, `VON DER LEYEN` → `von
 * der Leyen`, `BARRON-LOPEZ` → `Barron-Lopez`. Words already in mixed case
 * are kept.
 */
export function normalCase(text: string): string {
  const words = wordsOf(text);
  // A lone short word in capitals is initials (`IH`, `TAG`), not a name to re-case.
  if (words.length === 1 && isInitials(words[0]!)) return text;
  return words
    .map((w, i) => {
      // `McCONNELL`, `MacDONALD`: a prefix in mixed case before capitals.
      const mc = /^(Ma?c)(\p{Lu}{2,})$/u.exec(w);
      if (mc) return mc[1]! + mc[2]![0]! + mc[2]!.slice(1).toLowerCase();
      if (!isShouted(w) || KEEP_CAPITALS.has(w.replace(/[.,]/gu, ''))) return w;
      const lower = w.toLowerCase();
      if (i < words.length - 1 && NAME_PARTICLES.has(lower)) return lower;
      return lower
        .replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
        .replace(/^(Ma?c)(\p{L})(?=\p{L}{2})/u, (_, mc: string, ch: string) =>
          mc === 'Mc' ? mc + ch.toUpperCase() : mc + ch,
        );
    })
    .join(' ');
}

/**
 * Two to five capitals and nothing else: initials as a label (`IH`, `PMJT`,
 * `TAG`); four or five with a vowel read as a surname (`BASH`, `TRUMP`).
 */
export function isInitials(word: string): boolean {
  if (!/^\p{Lu}{2,5}$/u.test(word) || KEEP_CAPITALS.has(word)) return false;
  return word.length <= 3 || !/[AEIOUY]/u.test(word);
}

/** Normal case for a role or outlet written in capitals (`CNN CHIEF POLITICAL CORRESPONDENT`). */
export function normalRoleCase(text: string): string {
  const words = wordsOf(text);
  if (words.some(w => /\p{Ll}/u.test(w))) return text;
  return words
    .map((w, i) => {
      const bare = w.replace(/[.,()]/gu, '');
      if (i > 0 && ROLE_CONNECTORS.has(w.toLowerCase())) return w.toLowerCase();
      if (
        KEEP_CAPITALS.has(bare) ||
        (bare.length <= 3 && !isTitleWord(w) && !LABEL_TITLES.has(titleKey(w)))
      )
        return w;
      const lower = w.toLowerCase();
      if (i > 0 && ROLE_CONNECTORS.has(lower)) return lower;
      return lower.replace(
        /(^|[-(])(\p{L})/gu,
        (_, sep: string, ch: string) => sep + ch.toUpperCase(),
      );
    })
    .join(' ');
}

/** The family name: the last word, with the particles before it (`von der Leyen`). */
export function surnameOf(name: string): string {
  let surname = SURNAME_CACHE.get(name);
  if (surname === undefined) {
    surname = computeSurname(name);
    if (SURNAME_CACHE.size >= WORD_CACHE_LIMIT) SURNAME_CACHE.clear();
    SURNAME_CACHE.set(name, surname);
  }
  return surname;
}

/** Surnames computed so far; bounded like {@link WORD_CACHE}. */
const SURNAME_CACHE = new Map<string, string>();

function computeSurname(name: string): string {
  const words = wordsOf(name);
  let k = words.length - 1;
  while (k > 0 && NAME_PARTICLES.has(words[k - 1]!)) k--;
  return words.slice(Math.max(0, k)).join(' ');
}

/** A role's position and organisation, for comparing roles written differently. */
export interface RoleKey {
  /** The position, lower case: `secretary general`, `deputy prime minister`. */
  core: string;
  /** The organisation or country, lower case: `nato`, `ukraine`; empty if none. */
  org: string;
  /** The position as written: `Secretary General`. */
  coreText: string;
}

/**
 * Split a role into position and organisation: `NATO Secretary General` and
 * `Secretary General of NATO` both give position `secretary general`,
 * organisation `nato`.
 */
export function roleKey(role: string): RoleKey {
  let key = ROLE_CACHE.get(role);
  if (key === undefined) {
    key = computeRoleKey(role);
    if (ROLE_CACHE.size >= WORD_CACHE_LIMIT) ROLE_CACHE.clear();
    ROLE_CACHE.set(role, key);
  }
  return key;
}

/** Role keys computed so far; bounded like {@link WORD_CACHE}. */
const ROLE_CACHE = new Map<string, RoleKey>();

function computeRoleKey(role: string): RoleKey {
  const words = wordsOf(role).filter(w => w.toLowerCase() !== 'the');
  // The position runs from the first title word to the last; the rest is the organisation.
  let first = -1;
  let last = -1;
  words.forEach((w, i) => {
    if (isTitleWord(w)) {
      if (first < 0) first = i;
      last = i;
    }
  });
  if (first < 0) return { core: '', org: words.join(' ').toLowerCase(), coreText: '' };
  const core = words.slice(first, last + 1);
  const org = [...words.slice(0, first), ...words.slice(last + 1)]
    .filter(w => !ROLE_CONNECTORS.has(w.toLowerCase()))
    .map(w => w.replace(/['’]s?$/u, ''));
  return {
    core: core.join(' ').toLowerCase(),
    org: org.join(' ').toLowerCase(),
    coreText: core.join(' '),
  };
}

/** Whether two roles can name the same position (same position; organisations equal or unstated). */
export function sameRole(a: RoleKey, b: RoleKey): boolean {
  return a.core !== '' && a.core === b.core && (a.org === '' || b.org === '' || a.org === b.org);
}

/** Keys computed so far (names and labels recur); bounded like {@link WORD_CACHE}. */
const KEY_CACHE = new Map<string, string>();

/** Normalised lookup key for names, labels and aliases. */
export function aliasKey(text: string): string {
  let key = KEY_CACHE.get(text);
  if (key === undefined) {
    key = computeAliasKey(text);
    if (KEY_CACHE.size >= WORD_CACHE_LIMIT) KEY_CACHE.clear();
    KEY_CACHE.set(text, key);
  }
  return key;
}

function computeAliasKey(text: string): string {
  // One pass: lower case, one space for any whitespace run, one apostrophe.
  let out = '';
  let space = false;
  let decomposed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const c = ch.charCodeAt(0);
    if (isSpace(ch)) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c >= 0x300 && c <= 0x36f) decomposed = true;
    out += ch === '’' || ch === 'ʼ' ? "'" : ch;
  }
  out = out.toLowerCase();
  if (decomposed) out = out.normalize('NFC');
  if (out.endsWith(':')) out = out.slice(0, -1).trimEnd();
  if (out.startsWith('the ')) out = out.slice(4);
  return out;
}

/** A person the document refers to. */
export interface Entity {
  /** Display name; the role as written when no name is known. */
  name: string;
  /** Whether a personal name is known. */
  named: boolean;
  role?: string;
  affiliation?: string;
  gender?: 'm' | 'f';
  /** Where the document first refers to them. */
  firstPos: number;
  /** Where it last did (so far). */
  lastPos: number;
  /** Every reference as written that resolved to them. */
  written: Set<string>;
}

/**
 * The people of one document and every reference to them. References are
 * resolved in document order; `pos` is where each one is written.
 */
export class SpeakerRegistry {
  readonly entities: Entity[] = [];
  private readonly user = new Map<string, string>();
  /** Name key → first person of that name. */
  private readonly nameIndex = new Map<string, number>();
  /** Surname key → the person of that surname, -1 when several share it. */
  private readonly surnameIndex = new Map<string, number>();
  private readonly userKeys: Array<[string, string]>;

  /** @param userAliases - The user's aliases: label or name as written → display name. */
  constructor(userAliases: Record<string, string> = {}) {
    this.userKeys = Object.entries(userAliases).filter(([k, v]) => k.trim() && v.trim());
    for (const [written, display] of this.userKeys)
      this.user.set(aliasKey(written), display.trim());
  }

  /** The display name the user set for a reference, if any. */
  userAlias(written: string | undefined): string | undefined {
    if (written === undefined || this.user.size === 0) return undefined;
    return this.user.get(aliasKey(written));
  }

  /** Index of the person with this name (case-insensitive), -1 if none. */
  findByName(name: string): number {
    return this.nameIndex.get(aliasKey(name)) ?? -1;
  }

  /** Index of the only named person with this surname, -1 if none or several. */
  findBySurname(surname: string): number {
    return this.surnameIndex.get(aliasKey(surname)) ?? -1;
  }

  /** Add person `i` to the name indices. */
  private index(i: number): void {
    const e = this.entities[i]!;
    if (!e.named) return;
    const key = aliasKey(e.name);
    if (!this.nameIndex.has(key)) this.nameIndex.set(key, i);
    const surname = aliasKey(surnameOf(e.name));
    const other = this.surnameIndex.get(surname);
    this.surnameIndex.set(surname, other === undefined || other === i ? i : -1);
  }

  /** Rebuild the name indices after a person is renamed (rare). */
  private reindex(): void {
    this.nameIndex.clear();
    this.surnameIndex.clear();
    for (let i = 0; i < this.entities.length; i++) this.index(i);
    for (const [key, i] of this.declared) if (!this.nameIndex.has(key)) this.nameIndex.set(key, i);
  }

  /** Short forms labels declare (`VK` of `Vassy Kapelos (VK)`) → person. */
  private readonly declared = new Map<string, number>();

  /** Declare `alias` a name of person `i` (initials a label declares). */
  declare(alias: string, i: number): void {
    const key = aliasKey(alias);
    if (this.declared.has(key)) return;
    this.declared.set(key, i);
    if (!this.nameIndex.has(key)) this.nameIndex.set(key, i);
    this.entities[i]!.written.add(alias);
  }

  /**
   * The person whose name ends with `name`, or with whose name `name` ends,
   * two words or more in common (`Embedded Mitch McConnell` and `Mitch
   * McConnell`); the shorter name is kept. -1 if none.
   */
  private findBySuffix(name: string): number {
    const key = aliasKey(name);
    const surname = aliasKey(surnameOf(name));
    for (let i = 0; i < this.entities.length; i++) {
      const e = this.entities[i]!;
      if (!e.named || aliasKey(surnameOf(e.name)) !== surname) continue;
      const other = aliasKey(e.name);
      if (other.split(' ').length < 2) continue;
      if (key.endsWith(` ${other}`)) return i;
      if (other.endsWith(` ${key}`)) {
        e.written.add(e.name);
        e.name = name;
        this.reindex();
        return i;
      }
    }
    return -1;
  }

  /** Give person `i` a fuller name found in the text (`Psaki` → `Jen Psaki`). */
  rename(i: number, name: string): void {
    const e = this.entities[i]!;
    e.written.add(e.name);
    e.name = name;
    e.named = true;
    this.reindex();
  }

  /**
   * The one person whose initials are `initials` (`VK` → Vassy Kapelos,
   * `PMJT` → Prime Minister Justin Trudeau, `SG` → the Secretary-General):
   * initials of the name, of the role and name, or of the role. -1 if none or several.
   */
  findByInitials(initials: string): number {
    let found = -1;
    for (let i = 0; i < this.entities.length; i++) {
      const e = this.entities[i]!;
      const name = e.named ? wordsOf(e.name) : [];
      const role = e.role ? wordsOf(e.role) : [];
      const forms = [initialsOf(name), initialsOf([...role, ...name]), initialsOf(role)];
      if (!forms.includes(initials)) continue;
      if (found >= 0 && found !== i) return -1;
      found = i;
    }
    return found;
  }

  /**
   * Index of the person holding `role` at `pos`: among those already
   * introduced, the one referred to last; else the first introduced later.
   */
  findByRole(role: string, pos: number): number {
    const key = roleKey(role);
    let before = -1;
    let after = -1;
    for (let i = 0; i < this.entities.length; i++) {
      const e = this.entities[i]!;
      if (!e.role || !sameRole(roleKey(e.role), key)) continue;
      if (e.firstPos <= pos) {
        if (before < 0 || e.lastPos > this.entities[before]!.lastPos) before = i;
      } else if (after < 0 || e.firstPos < this.entities[after]!.firstPos) after = i;
    }
    if (before >= 0 || after >= 0) return before >= 0 ? before : after;
    return this.findByShortRole(key);
  }

  /**
   * A shortened role with no organisation (`The Minister`) names the one
   * person whose position contains it (`Minister of Coastal Affairs`); with
   * two such people it names nobody (-1).
   */
  private findByShortRole(key: RoleKey): number {
    if (key.core === '' || key.org !== '') return -1;
    const words = key.core.split(' ');
    let found = -1;
    for (let i = 0; i < this.entities.length; i++) {
      const e = this.entities[i]!;
      if (!e.named || !e.role) continue;
      const position = roleKey(e.role).core.split(' ');
      if (!words.every(w => position.includes(w))) continue;
      if (found >= 0) return -1;
      found = i;
    }
    return found;
  }

  /**
   * Register the honorific forms the text uses for known people (`Mr.
   * Stoltenberg`) as written, and the gender they imply. One linear pass.
   */
  noteHonorifics(text: string): void {
    const bySurname = new Map<string, number>();
    this.entities.forEach((e, i) => {
      if (!e.named) return;
      const key = aliasKey(surnameOf(e.name));
      bySurname.set(key, bySurname.has(key) ? -1 : i);
    });
    HONORIFIC_RE.lastIndex = 0;
    for (let m = HONORIFIC_RE.exec(text); m; m = HONORIFIC_RE.exec(text)) {
      if (m.index > 0 && isLetter(text[m.index - 1])) continue;
      const i = bySurname.get(aliasKey(m[3]!)) ?? -1;
      if (i < 0) continue;
      const e = this.entities[i]!;
      e.written.add(`${m[1]}${m[2]} ${m[3]}`);
      const gender = honorificOf(m[1]!)?.gender;
      if (gender && !e.gender) e.gender = gender;
    }
  }

  /** Record a reference to person `i` at `pos`. */
  touch(i: number, pos: number, written?: string): number {
    const e = this.entities[i]!;
    if (pos > e.lastPos) e.lastPos = pos;
    if (pos < e.firstPos) e.firstPos = pos;
    if (written) e.written.add(written.trim());
    return i;
  }

  private create(
    entity: Omit<Entity, 'written' | 'firstPos' | 'lastPos'>,
    pos: number,
    written?: string,
  ): number {
    this.entities.push({ ...entity, firstPos: pos, lastPos: pos, written: new Set() });
    this.index(this.entities.length - 1);
    return this.touch(this.entities.length - 1, pos, written);
  }

  /**
   * Resolve a reference to a person, creating them if new. A reference with
   * a name joins the person of that name (or upgrades a person so far known
   * only by surname or by role); one without joins the holder of the role.
   *
   * @param written - The reference as written (a label, a mention), for aliases.
   * @param create - Whether an unknown role-only reference creates a person.
   * @returns The person's index, or -1 if unknown and not created.
   */
  resolve(parts: PersonParts, pos: number, written?: string, create = true): number {
    const display = this.userAlias(written) ?? this.userAlias(parts.name) ?? parts.name;
    if (display === undefined) {
      if (!parts.role) return -1;
      const userDisplay = this.userAlias(parts.role);
      if (userDisplay !== undefined)
        return this.resolve({ ...parts, name: userDisplay }, pos, written, create);
      let i = this.findByRole(parts.role, pos);
      // A role the lexicon does not know (`Question`): the same words are the same participant.
      if (i < 0) {
        const key = aliasKey(parts.role);
        i = this.entities.findIndex(
          e => !e.named && e.role !== undefined && aliasKey(e.role) === key,
        );
      }
      if (i >= 0) return this.merge(i, parts, pos, written);
      if (!create) return -1;
      return this.create(
        { name: parts.role, named: false, role: parts.role, ...pick(parts) },
        pos,
        written,
      );
    }
    let i = this.findByName(display);
    if (i < 0 && wordsOf(display).length > 1) {
      // Upgrade a person known so far by surname only (`Mr Stoltenberg`).
      i = this.findByName(surnameOf(display));
      if (i >= 0) {
        this.entities[i]!.name = display;
        this.reindex();
      }
    }
    if (i < 0 && wordsOf(display).length > 1) i = this.findBySuffix(display);
    if (i < 0) {
      // `A. Suvorova`: an initial and a surname → the one person of that surname and initial.
      const [initial, surname, ...more] = wordsOf(display);
      if (initial && surname && more.length === 0 && isInitial(initial)) {
        const j = this.findBySurname(surname);
        if (j >= 0 && this.entities[j]!.name[0] === initial[0]) i = j;
      }
    }
    if (i < 0 && wordsOf(display).length === 1) i = this.findBySurname(display);
    if (i < 0 && isInitials(display)) {
      // `SG`, `PMJT`: initials of someone the document names in full, else a position's abbreviation.
      i = this.findByInitials(display);
      if (i < 0 && ROLE_ABBREVIATIONS.has(display)) {
        const role = ROLE_ABBREVIATIONS.get(display)!;
        const holder = this.findByRole(role, pos);
        if (holder >= 0) return this.touch(holder, pos, written);
        return this.create(
          { name: `${role} (name not in the document)`, named: false, role, ...pick(parts) },
          pos,
          written,
        );
      }
    }
    if (i < 0 && parts.role) {
      // Upgrade a person known so far by role only (`the Secretary General said`).
      const key = roleKey(parts.role);
      i = this.entities.findIndex(
        e => !e.named && e.role !== undefined && sameRole(roleKey(e.role), key),
      );
      if (i >= 0) {
        this.entities[i]!.name = display;
        this.entities[i]!.named = true;
        this.reindex();
      }
    }
    if (i < 0) {
      i = this.create({ name: display, named: true, ...pick(parts) }, pos, written);
      if (parts.alias) this.declare(parts.alias, i);
      return i;
    }
    return this.merge(i, parts, pos, written);
  }

  private merge(i: number, parts: PersonParts, pos: number, written?: string): number {
    const e = this.entities[i]!;
    if (parts.alias) this.declare(parts.alias, i);
    if (parts.role && !e.role) e.role = parts.role;
    if (parts.affiliation && !e.affiliation) e.affiliation = parts.affiliation;
    if (parts.gender && !e.gender) e.gender = parts.gender;
    return this.touch(i, pos, written);
  }

  /**
   * The speakers `used` (entity indices, in output order) and every alias
   * that refers to one of them: user aliases, references as written, names,
   * roles; then derived forms (surname; `Mr Surname`/`Ms Surname` once an
   * honorific or pronoun has told the gender; the role without its
   * organisation) unless they would be ambiguous.
   */
  export(used: readonly number[]): { speakers: Speaker[]; aliases: Record<string, number> } {
    const speakers: Speaker[] = used.map(i => {
      const e = this.entities[i]!;
      return {
        name: e.named ? normalCase(e.name) : normalRoleCase(e.name),
        ...(e.role ? { role: normalRoleCase(e.role) } : {}),
        ...(e.affiliation ? { affiliation: normalRoleCase(e.affiliation) } : {}),
      };
    });
    const found = new Map<string, number>();
    const add = (alias: string, index: number): void => {
      const a = alias.trim();
      if (a && !found.has(a)) found.set(a, index);
    };
    for (const [written, display] of this.userKeys) {
      const index = speakers.findIndex(s => aliasKey(s.name) === aliasKey(display));
      if (index >= 0) add(written, index);
    }
    used.forEach((i, index) => {
      const e = this.entities[i]!;
      for (const w of e.written) add(w, index);
      add(e.name, index);
      if (e.role) add(e.role, index);
    });
    const derived = new Map<string, Set<number>>();
    const derive = (alias: string, index: number): void => {
      const a = alias.trim();
      if (!a) return;
      const set = derived.get(a) ?? new Set<number>();
      set.add(index);
      derived.set(a, set);
    };
    used.forEach((i, index) => {
      const e = this.entities[i]!;
      if (e.named && wordsOf(e.name).length > 1) {
        const surname = surnameOf(e.name);
        derive(surname, index);
        if (e.gender) for (const h of ALIAS_HONORIFICS[e.gender]) derive(`${h} ${surname}`, index);
      }
      if (e.role) {
        const { coreText } = roleKey(e.role);
        if (coreText) derive(coreText, index);
      }
    });
    for (const [alias, set] of derived) if (set.size === 1) add(alias, [...set][0]!);
    return { speakers, aliases: Object.fromEntries(found) };
  }
}

/** Capital initials of words, hyphenated parts counted apart, connectors skipped: `Secretary-General` → `SG`. */
function initialsOf(words: readonly string[]): string {
  let out = '';
  for (const w of words) {
    for (const part of w.split('-')) {
      if (part.length === 0 || ROLE_CONNECTORS.has(part.toLowerCase())) continue;
      out += part[0]!.toUpperCase();
    }
  }
  return out;
}

/** Abbreviations of positions that stand as labels (`SG:`), for when nobody holding one is named. */
const ROLE_ABBREVIATIONS = new Map<string, string>([
  ['SG', 'Secretary-General'],
  ['DSG', 'Deputy Secretary-General'],
  ['USG', 'Under-Secretary-General'],
  ['ASG', 'Assistant Secretary-General'],
  ['SRSG', 'Special Representative of the Secretary-General'],
  ['PM', 'Prime Minister'],
  ['DPM', 'Deputy Prime Minister'],
  ['FM', 'Foreign Minister'],
  ['VP', 'Vice President'],
  ['MD', 'Managing Director'],
  ['DG', 'Director-General'],
]);

function pick(parts: PersonParts): Pick<Entity, 'role' | 'affiliation' | 'gender'> {
  return {
    ...(parts.role ? { role: parts.role } : {}),
    ...(parts.affiliation ? { affiliation: parts.affiliation } : {}),
    ...(parts.gender ? { gender: parts.gender } : {}),
  };
}
