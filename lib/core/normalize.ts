/**
 * Text normalisation for matching: words, their canonical forms, and how
 * close two words are.
 *
 * Nothing here rewrites a document's text. Tokens keep their offsets into the
 * original string, so every match maps back to the exact characters a reader
 * sees; only the token's `norm` is canonical.
 */

/** A word of a text, with its offsets and its canonical form. */
export interface Token {
  /** Canonical form (see {@link canonicalWord}). */
  norm: string;
  start: number;
  end: number;
}

/**
 * Words: runs of letters and digits, with inner apostrophes (`Russia’s`,
 * `don't`) and numbers with separators (`40,000`, `1.5`). Hyphens, dashes,
 * slashes and every other mark separate words, so `one-sided` and `one sided`
 * tokenise alike.
 *
 * A hand-written scanner rather than a regular expression with Unicode
 * classes: tokenising is most of the time it takes to index a corpus, and
 * this is about three times faster.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  scanWords(text, from, to, (word, start, end) => {
    for (const norm of canonicalWords(word)) tokens.push({ norm, start, end });
  });
  return tokens;
}

/**
 * Visit the words of `text[from, to)` in order, as written (not canonical),
 * without allocating tokens: the form indexing uses.
 */
export function scanWords(
  text: string,
  from: number,
  to: number,
  visit: (word: string, start: number, end: number) => void,
): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (!isWordCode(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c >= 48 && c <= 57) {
      // A number, with digit-group or decimal separators between digits.
      while (i < to && isDigitCode(text.charCodeAt(i))) i++;
      while (
        i + 1 < to &&
        (text.charCodeAt(i) === 44 || text.charCodeAt(i) === 46) &&
        isDigitCode(text.charCodeAt(i + 1))
      ) {
        i++;
        while (i < to && isDigitCode(text.charCodeAt(i))) i++;
      }
    }
    // Letters and digits, with apostrophes between them; soft hyphens and zero-width
    // characters inside a word (web pages use them for line breaking) are skipped.
    let invisible = false;
    for (;;) {
      while (i < to && isWordCode(text.charCodeAt(i))) i++;
      const next = text.charCodeAt(i);
      if (i + 1 < to && isApostropheCode(next) && isWordCode(text.charCodeAt(i + 1))) i++;
      else if (i + 1 < to && isInvisibleCode(next) && isWordCode(text.charCodeAt(i + 1))) {
        invisible = true;
        i++;
      } else break;
    }
    const word = text.slice(start, i);
    visit(invisible ? word.replace(INVISIBLE_RE, '') : word, start, i);
  }
}

/** Letter, combining mark or digit: 1 yes, 2 no, 0 not yet known (for code units ≥ 128). */
const WORD_CODE = new Uint8Array(65536);
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let known = WORD_CODE[c]!;
  if (known === 0) {
    // Surrogate halves count as word characters: astral letters (rare) stay inside words.
    known = (c >= 0xd800 && c <= 0xdfff) || WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CODE[c] = known;
  }
  return known === 1;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Soft hyphen, zero-width space/joiners, word joiner, BOM. */
function isInvisibleCode(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}
const INVISIBLE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** ' ’ ʼ ‘ ` ´ */
function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc || c === 0x2018 || c === 96 || c === 0xb4;
}

/**
 * Contractions read as the words they stand for, so `we’re` and `we are`
 * match (reporters expand and contract freely). Possessives (`Russia’s`)
 * are not contractions and stay one word.
 */
const CONTRACTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    "i'm": 'i am',
    "i've": 'i have',
    "i'll": 'i will',
    "i'd": 'i would',
    "you're": 'you are',
    "you've": 'you have',
    "you'll": 'you will',
    "we're": 'we are',
    "we've": 'we have',
    "we'll": 'we will',
    "we'd": 'we would',
    "they're": 'they are',
    "they've": 'they have',
    "they'll": 'they will',
    "they'd": 'they would',
    "he's": 'he is',
    "she's": 'she is',
    "it's": 'it is',
    "that's": 'that is',
    "there's": 'there is',
    "what's": 'what is',
    "who's": 'who is',
    "here's": 'here is',
    "let's": 'let us',
    "there'll": 'there will',
    "that'll": 'that will',
    "it'll": 'it will',
    "isn't": 'is not',
    "aren't": 'are not',
    "wasn't": 'was not',
    "weren't": 'were not',
    "don't": 'do not',
    "doesn't": 'does not',
    "didn't": 'did not',
    "haven't": 'have not',
    "hasn't": 'has not',
    "hadn't": 'had not',
    "won't": 'will not',
    "wouldn't": 'would not',
    "can't": 'can not',
    cannot: 'can not',
    "couldn't": 'could not',
    "shouldn't": 'should not',
    "mustn't": 'must not',
  }).map(([short, long]) => [short, long.split(' ')]),
);

const wordsCache = new Map<string, readonly string[]>();

/**
 * The canonical words a written word stands for: one, or two for a
 * contraction (`we’re` → `we`, `are`).
 */
export function canonicalWords(word: string): readonly string[] {
  let words = wordsCache.get(word);
  if (words === undefined) {
    const norm = canonicalWord(word);
    words = CONTRACTIONS.get(norm) ?? [norm];
    if (wordsCache.size < CANONICAL_CACHE_LIMIT) wordsCache.set(word, words);
  }
  return words;
}

/** Letters that Unicode decomposition does not reduce to ASCII. */
const FOLD_LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const FOLD_LETTERS_RE = /[øæœßłđðþı]/g;
const APOSTROPHES_RE = /[’ʼ‘`´]/g;
const ASCII_WORD_RE = /^[a-z0-9']+$/;

/** Canonical forms are cached: a corpus has few distinct words and many repeats. */
const canonicalCache = new Map<string, string>();
const CANONICAL_CACHE_LIMIT = 200_000;

/**
 * The canonical form of a word: lower case, accents and ligatures folded
 * (`Sørsdahl` → `sorsdahl`), apostrophes straightened, digit-group separators
 * dropped (`40,000` → `40000`), and British spellings folded to American ones
 * (`modernising` → `modernizing`, `behaviour` → `behavior`, `defence` →
 * `defense`, `dialogue` → `dialog`, `travelled` → `traveled`, `centre` →
 * `center`). Two words are "the same word" for Verbatim when their canonical
 * forms are equal.
 */
export function canonicalWord(word: string): string {
  const cached = canonicalCache.get(word);
  if (cached !== undefined) return cached;
  let w = word.toLowerCase();
  if (!ASCII_WORD_RE.test(w)) {
    w = w
      .replace(APOSTROPHES_RE, "'")
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(FOLD_LETTERS_RE, c => FOLD_LETTERS[c] ?? c);
  }
  if (/^\d/.test(w)) w = w.replace(/,(?=\d{3}\b)/g, '');
  else w = NUMBER_WORDS.get(w) ?? foldSpelling(w);
  if (canonicalCache.size < CANONICAL_CACHE_LIMIT) canonicalCache.set(word, w);
  return w;
}

/** Number words read as digits, so `day one` and `day 1`, `Article Five` and `Article 5` are the same words. */
const NUMBER_WORDS = new Map(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((word, n) => [word, String(n)]),
);

const BRITISH_ENCE = new Set(['defence', 'offence', 'licence', 'pretence']);
const VOWEL_GROUPS_RE = /[aeiouy]+/g;

/**
 * Fold British spellings to American ones. The rules apply to both sides of
 * every comparison, so a rule that also rewrites an unrelated word (say
 * `exercise` → `exercize`) is harmless; the rules only need to avoid merging
 * two different words, which is why the stems have minimum lengths.
 */
function foldSpelling(w: string): string {
  if (w.length < 5) return w;
  // defence → defense; the -ence words that differ are few and listed.
  if (BRITISH_ENCE.has(w)) return w.slice(0, -2) + 'se';
  // modernise/modernising/modernisation → -ize; analyse → analyze. Stems of 3+ letters
  // keep `raise`, `rise`, `wise` apart.
  let m = /^(.{3,}[^aeiou])is(e|es|ed|ing|ation|ations|er|ers)$/.exec(w);
  if (m) return `${m[1]}iz${m[2]}`;
  m = /^(.{3,})ys(e|es|ed|ing)$/.exec(w);
  if (m) return `${m[1]}yz${m[2]}`;
  // behaviour/neighbours/armoured → -or; stems of 3+ letters keep `four`, `hour`, `your` apart.
  m = /^(.{3,})our(s|ed|ing|ite|ites|able|ably|less)?$/.exec(w);
  if (m) return `${m[1]}or${m[2] ?? ''}`;
  // dialogue/catalogue → -og.
  m = /^(.{3,})ogue(s)?$/.exec(w);
  if (m) return `${m[1]}og${m[2] ?? ''}`;
  // centre/theatre/metres → -er, only after a consonant (not `are`, `here`, `more`, `sure`).
  m = /^(.{3,}[bcdfgkmptv])re(s|d)?$/.exec(w);
  if (m) return `${m[1]}er${m[2] ?? ''}`;
  // travelled/modelling/cancelled → one l, only for stems of two or more syllables
  // (not `called`, `filled`, `rolling`).
  m = /^(.+[aeiou])ll(ed|ing|er|ers)$/.exec(w);
  if (m && (m[1]!.match(VOWEL_GROUPS_RE)?.length ?? 0) >= 2) return `${m[1]}l${m[2]}`;
  if (w === 'programme' || w === 'programmes') return w.replace('mme', 'm');
  return w;
}

/**
 * Function words: they carry little evidence that two texts are the same
 * quote, so they weigh less in scores (see {@link wordWeight}).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet for of to in on at by with from into onto upon about as than then ' +
    "that this these those there here it its it's is are was were be been being am do does did done " +
    'have has had having will would shall should can could may might must not no yes if when while ' +
    'which who whom whose what where why how all any both each every some such only own same other ' +
    'very too also just even more most much many few less least i me my we us our you your he him his ' +
    'she her they them their one up out over under again further once because until against between ' +
    "through during before after above below off we're we've we'll i'm i've i'll they're that's there's " +
    "let's what's don't didn't doesn't isn't aren't wasn't won't can't"
  ).split(/\s+/),
);

/** Weight of a function word relative to a content word (1). */
export const STOPWORD_WEIGHT = 0.35;

/**
 * How much a word counts as evidence in a match score. Fixed, not learnt from
 * the corpus, so a quote's score against a passage does not change when
 * unrelated documents are added.
 */
export function wordWeight(norm: string): number {
  return STOPWORDS.has(norm) ? STOPWORD_WEIGHT : 1;
}

/**
 * Whether `a` and `b` are within `max` edits (insertions, deletions,
 * substitutions, and transpositions of neighbours: restricted
 * Damerau–Levenshtein). Stops early once the bound is exceeded.
 */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return false;
  // Three rolling rows for the transposition case.
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb]! <= max;
}

/**
 * How many edits a misprint of a word of this length may have and still
 * count as the same word: none for short words (`war`/`was` differ in
 * meaning), one from five letters, two from nine.
 */
export function typoBudget(length: number): number {
  if (length < 5) return 0;
  return length < 9 ? 1 : 2;
}

/**
 * Whether `quoteWord` reads as a misprint of `sourceWord` (both canonical):
 * within the typo budget of the longer word and sharing the first letter,
 * which typists rarely get wrong.
 */
export function isTypoOf(quoteWord: string, sourceWord: string): boolean {
  if (quoteWord === sourceWord) return true;
  if (quoteWord.charCodeAt(0) !== sourceWord.charCodeAt(0)) return false;
  if (/\d/.test(quoteWord) || /\d/.test(sourceWord)) return false;
  const budget = typoBudget(Math.min(quoteWord.length, sourceWord.length) + 1);
  return budget > 0 && withinEditDistance(quoteWord, sourceWord, budget);
}
