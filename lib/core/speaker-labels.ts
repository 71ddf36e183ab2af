/**
 * Speaker labels of a transcript: where a turn starts and who is said to
 * speak it. The forms read here (each a line of text in, a label out):
 *
 * - a colon after a label at the start of a line: `NATO Secretary General
 *   Jens Stoltenberg:`, `Max Delany (AFP):`, `MODERATOR:`, with the turn on the
 *   same line, glued to the colon (`CHUCK TODD:Can Hillary…`) or on the next
 *   line; after a list or caption marker (`  • AMNA NAWAZ:`, `>> mr. graham:`);
 *   with decorations in parentheses or brackets anywhere (`Mrs PHILLIPS
 *   (Gilmore) (14:05):`, `REP. NANCY PELOSI (D-CA), SPEAKER OF THE HOUSE:`,
 *   `Name [Outlet]:`), a timestamp after it (`Tarik Jasarevic: (00:00)`);
 * - the same with a timestamp, anywhere in a line: transcripts whose turns
 *   run on one line (`… the statute. Mr. Stewart: (00:29) I guess …`);
 * - a full stop after a label at the start of a line: `Mr. SCHUMER.`, `CHAIR
 *   POWELL.`, `The PRESIDING OFFICER.`, `President.`, `Barroso,
 *   President-designate of the Commission.`, `Poettering (PPE-DE).`;
 * - `Q` followed by two spaces, a tab, `.` or a line break (`Q    Thank you`);
 * - a name in square brackets alone on its line (`[Rose Kimeu Craigue]`);
 * - a caption's voice tag (`<v Speaker 1>Hello, and welcome`);
 * - a header line naming the speaker above the speech, as parliaments
 *   publish debates (see `header-labels.ts`).
 *
 * A label is a short run of capitalised words (lower-case connectors such as
 * `of`, `de`, `von`, `al` inside it). A sentence that happens to end with a
 * colon (`NATO remains committed to our dual-track approach to Russia:`) has
 * lower-case words and is no label; nor is a field or headline whose text on
 * the same line is no sentence (`Full Debate: Read Full Debate`, `IBAN: DE85
 * …`, `Question Time: Last Two Weeks Of Parliament`), nor a title with a
 * number (`Mitch Part 4:`). A single plain word (`Finally:`) is a label only
 * if it is written in capitals (`Q:`, `STOLTENBERG:`), names a role
 * (`Moderator:`), labels at least two turns, or, once among other labels,
 * is a name the text uses elsewhere (`Raza: Raza from the Hindustan Times.`).
 */
import { isBlank, isDigit, isLetter, isLower, isSpace, isUpper } from './char-class';
import { findHeaderLabels } from './header-labels';
import { isBulletAt } from './segment';
import {
  aliasKey,
  CAPITALISED_FUNCTION_WORDS,
  hasHeadTitle,
  honorificOf,
  isLabelTitle,
  isNameWord,
  isRoleSequence,
  isRoleWord,
  isTitleWord,
  parseSpeakerLabel,
  splitDecorations,
  wordsOf,
  type PersonParts,
} from './speakers';

/** How a label is marked in the text. */
export type LabelForm = 'colon' | 'inline' | 'stop' | 'question' | 'bracket' | 'header' | 'voice';

/** A speaker label found in a text. */
export interface SpeakerLabel {
  /** Start of the label (first character of its first word). */
  start: number;
  /** End of the label: after its colon or full stop, its bracket, or its header's last line. */
  end: number;
  /** The label as written, without the colon: `NATO Spokesperson`; a header line cleaned of its furniture. */
  text: string;
  /** Where the turn's text starts (first non-space character after the label and any timestamp), or the text's length. */
  bodyStart: number;
  form: LabelForm;
  /** The person as a header line gives them (other forms are parsed from `text`). */
  parts?: PersonParts;
}

/** A colon that may end a label: whitespace, the end of the text, or (glued) a capital or opening quote follows. */
const COLON_RE = /:(?=\s|$|[\p{Lu}"“‘«(])/gu;

/** Longest label considered, colon excluded. */
const MAX_LABEL_LENGTH = 120;
const MAX_LABEL_WORDS = 12;
/** How far back from a colon the start of its line is looked for (label plus indentation). */
const MAX_LINE_PREFIX = MAX_LABEL_LENGTH + 40;
const MAX_DECORATION_LENGTH = 80;
/** Longest label before a full stop. */
const MAX_STOP_LABEL = 90;
/** Longest text after a label that may be a heading or a field's value. */
const MAX_HEADLINE = 120;
/** A line of at least this many characters before a label-like line may be wrapped text. */
const MIN_WRAPPED_LINE = 45;

/** Lower-case words allowed inside a label. */
const LABEL_CONNECTORS = new Set([
  'of',
  'for',
  'the',
  'and',
  'on',
  'to',
  'at',
  'with',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'des',
  'der',
  'den',
  'van',
  'von',
  'al',
  'el',
  'la',
  'le',
  'bin',
  'ibn',
  'ben',
  'y',
  '&',
  'pro',
  'tempore',
]);

/** Single words that are labels without being written in capitals. */
const SINGLE_WORD_LABELS = new Set([
  'question',
  'answer',
  'audience',
  'participant',
  'voice',
  'narrator',
  'reporter',
  'journalist',
  'interpreter',
  'translator',
  'announcer',
  'caller',
  'questioner',
]);

/** Words a number may follow in a label (`Speaker 2`, `Caller 1`, `Unidentified Male 3`). */
const NUMBERED_WORDS = new Set([
  ...SINGLE_WORD_LABELS,
  'speaker',
  'man',
  'woman',
  'male',
  'female',
  'person',
  'member',
  'delegate',
  'witness',
  'panelist',
  'panellist',
  'student',
  'juror',
  'justice',
  'judge',
  'senator',
  'representative',
  'guest',
  'host',
  'moderator',
  'interviewer',
  'respondent',
  'officer',
  'official',
  'commissioner',
  'councillor',
  'councilor',
  'mp',
]);

/** How a candidate reads: a label, a label if it recurs, or no label. */
type Verdict = 'label' | 'recurring' | 'no';

function isLabelWord(word: string, last: boolean): boolean {
  if (LABEL_CONNECTORS.has(word)) return true;
  if (/^(?:al|el|bin|ibn|ben)-\p{Lu}/u.test(word)) return true; // `al-Sabah`
  const first = word[0];
  if (!isUpper(first) && !(last && isDigit(first))) return false;
  for (const ch of word) {
    if (!(isLetter(ch) || isDigit(ch) || ch === '-' || ch === "'" || ch === '’' || ch === '.'))
      return false;
  }
  return true;
}

function wordsValid(words: readonly string[]): boolean {
  if (words.length === 0 || words.length > MAX_LABEL_WORDS) return false;
  if (LABEL_CONNECTORS.has(words[0]!) || LABEL_CONNECTORS.has(words[words.length - 1]!))
    return false;
  return words.every((w, i) => isLabelWord(w, i === words.length - 1));
}

/** `mr. graham`, `sen. lindsey graham`: a caption label in lower case, opened by an honorific or title. */
function isLowerCaseLabel(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  if (!words.every(w => /^[\p{Ll}][\p{Ll}'’.-]*$/u.test(w))) return false;
  const first = words[0]!;
  const capitalised = first[0]!.toUpperCase() + first.slice(1);
  return honorificOf(capitalised) !== null || isLabelTitle(first);
}

/** A number standing last (`Speaker 2`) follows a word for a participant; `Part 4` is a title. */
function numberedValid(words: readonly string[]): boolean {
  const last = words[words.length - 1]!;
  if (!/^\d+$/u.test(last)) return true;
  return words.length >= 2 && NUMBERED_WORDS.has(words[words.length - 2]!.toLowerCase());
}

/** Whether `candidate` (the text before a colon at the start of a line) reads as a speaker label. */
export function labelVerdict(candidate: string): Verdict {
  const label = candidate.trim();
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return 'no';
  const split = splitDecorations(label);
  if (!split) return 'no';
  const { main, groups, descriptors } = split;
  for (const g of groups) {
    if (g.trim().length === 0 || g.length > MAX_DECORATION_LENGTH) return 'no';
    if (![...g].some(ch => isLetter(ch) || isDigit(ch))) return 'no';
  }
  for (const d of descriptors) if (!wordsValid(wordsOf(d))) return 'no';
  const decorated = groups.length > 0 || descriptors.length > 0;
  const words = wordsOf(main);
  if (isLowerCaseLabel(words)) return 'label';
  if (!wordsValid(words) || !numberedValid(words)) return 'no';
  const first = words[0]!.toLowerCase().replace(/\.$/u, ''); // `I.` of `I. RUSSIA:` is the pronoun's form
  const shout = words.length === 1 && !decorated && !/\p{Ll}/u.test(words[0]!); // `Q:`, `A:`
  // `A. Suvorova`: an initial before a surname in mixed case (not `A. RUSSIA'S BUILD-UP`, a heading).
  const initialled = /^\p{Lu}\.$/u.test(words[0]!) && words.slice(1).every(w => /\p{Ll}/u.test(w));
  if (
    !shout &&
    !initialled &&
    CAPITALISED_FUNCTION_WORDS.has(first) &&
    !(first === 'the' && words.length > 1 && (isTitleWord(words[1]!) || isRoleWord(words[1]!)))
  ) {
    return 'no';
  }
  if (words.length > 1 || decorated) return 'label';
  const word = words[0]!;
  if (!/\p{Ll}/u.test(word) || isTitleWord(word) || SINGLE_WORD_LABELS.has(word.toLowerCase()))
    return 'label';
  return 'recurring';
}

/**
 * Whether a label is strong enough that a short text after it is a turn even
 * without a full stop: written in capitals or opened by an honorific.
 */
function isStrongLabel(label: string): boolean {
  let strong = STRONG.get(label);
  if (strong === undefined) {
    strong = computeStrong(label);
    if (STRONG.size >= 10_000) STRONG.clear();
    STRONG.set(label, strong);
  }
  return strong;
}

/** Labels judged so far (they recur); bounded. */
const STRONG = new Map<string, boolean>();

function computeStrong(label: string): boolean {
  const letters = label.replace(/\([^)]*\)|\[[^\]]*\]/gu, '').replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && !/\p{Ll}/u.test(letters)) return true;
  const first = wordsOf(label)[0];
  return first !== undefined && honorificOf(first) !== null;
}

/** Whether a line's text after a label ends as a turn does: a sentence's end, a dash, a comma. */
function endsLikeSpeech(body: string): boolean {
  return /[.?!…,;:\-–—"”’'»)\]]$/u.test(body);
}

/**
 * Whether the text a label has on its own line is a heading or a field's
 * value, not a turn: it does not end like a sentence, and it has no
 * lower-case letter or is mostly capitalised words (`Read Full Debate`,
 * `Julie Kozack, Director, Communications Department, December 4, 2025`).
 * A strong label keeps a short turn in lower case (`BANGA: Thank you`).
 */
export function isHeadlineBody(body: string, strong: boolean): boolean {
  const b = body.trim();
  if (b.length === 0 || b.length > MAX_HEADLINE || endsLikeSpeech(b)) return false;
  if (!/\p{Ll}/u.test(b)) return true;
  if (strong) return false;
  const words = wordsOf(b).filter(w => w.replace(/[^\p{L}]/gu, '').length >= 4);
  if (words.length === 0) return false;
  const capitalised = words.filter(w => isUpper(w.replace(/^[^\p{L}]+/u, '')[0])).length;
  return capitalised * 2 >= words.length;
}

/** Index after a timestamp at `i` (`(00:38)`, `[01:02:03]`, `00:38`) and the spaces after it; `i` if none. */
export function skipTimestamp(text: string, i: number): number {
  const m = /^[([]?(?:\d{1,2}:)?\d{1,2}:\d{2}[)\]]?(?=\s|$)/u.exec(text.slice(i, i + 14));
  if (!m) return i;
  let j = i + m[0].length;
  while (j < text.length && isSpace(text[j])) j++;
  return j;
}

/** Whether `text[from, to)` has a colon outside parentheses, brackets and quotes (a label ends at its first). */
function balancedWithoutColon(text: string, from: number, to: number): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      if (--depth < 0) return false;
    } else if (ch === '"' || ch === '“' || ch === '”')
      quoted = ch === '“' ? true : ch === '”' ? false : !quoted;
    else if (ch === ':' && depth === 0 && !quoted) return false;
  }
  return depth === 0;
}

/** Where a line's content starts: after blanks, a list or caption marker (`•`, `-`, `>>`) and the blanks after it. */
function contentStart(text: string, lineStart: number, to: number): number {
  let s = lineStart;
  while (s < to && isBlank(text[s])) s++;
  // A court reporter's line number (`14   MR. BROWN:`, `1-09        THE COURT:`).
  if (isDigit(text[s])) {
    const number = /^\d{1,4}(?:-\d{1,3})?[ \t]+(?=\p{Lu})/u.exec(
      text.slice(s, Math.min(to, s + 40)),
    );
    if (number) s += number[0].length;
  }
  if (text[s] === '>') {
    let j = s;
    while (j < to && text[j] === '>') j++;
    if (j < to && isBlank(text[j])) s = j;
  } else if (isBulletAt(text, s, to)) s++;
  while (s < to && isBlank(text[s])) s++;
  return s;
}

/** A candidate before it is accepted: the label, its verdict and its line's text after it. */
interface Candidate extends SpeakerLabel {
  verdict: Verdict;
  /** The label's line after the label (empty when the turn starts on the next line). */
  rest: string;
}

/** Labels ending with a colon at the start of a line. */
function colonLabels(text: string, verdicts: Map<string, Verdict>): Candidate[] {
  const found: Candidate[] = [];
  COLON_RE.lastIndex = 0;
  for (let m = COLON_RE.exec(text); m; m = COLON_RE.exec(text)) {
    const colon = m.index;
    let lineStart = colon;
    while (
      lineStart > 0 &&
      text.charCodeAt(lineStart - 1) !== 10 &&
      colon - lineStart <= MAX_LINE_PREFIX
    ) {
      lineStart--;
    }
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) continue;
    const s = contentStart(text, lineStart, colon);
    if (colon - s > MAX_LABEL_LENGTH || colon === s) continue;
    if (!balancedWithoutColon(text, s, colon)) continue;
    const label = text.slice(s, colon).trimEnd();
    let verdict = verdicts.get(label);
    if (verdict === undefined) verdicts.set(label, (verdict = labelVerdict(label)));
    if (verdict === 'no') continue;
    const glued = colon + 1 < text.length && !isSpace(text[colon + 1]);
    if (glued && (verdict !== 'label' || (wordsOf(label).length < 2 && !isStrongLabel(label))))
      continue;
    let lineEnd = text.indexOf('\n', colon);
    if (lineEnd < 0) lineEnd = text.length;
    let body = colon + 1;
    while (body < lineEnd && isBlank(text[body])) body++;
    body = skipTimestamp(text, body);
    const rest = text.slice(body, lineEnd).trim();
    const alone = body >= lineEnd;
    while (body < text.length && isSpace(text[body])) body++;
    if (body >= text.length) continue;
    // A label alone on its line needs a turn after it, not a continuation or a list.
    if (alone && (isLower(text[body]) || isBulletAt(text, body))) continue;
    if (!alone && isHeadlineBody(rest, isStrongLabel(label))) continue;
    found.push({
      start: s,
      end: colon + 1,
      text: label,
      bodyStart: body,
      form: 'colon',
      verdict,
      rest,
    });
  }
  return found;
}

/** A colon and a timestamp after it, anywhere in a line: `Mr. Stewart: (00:29)`. */
const INLINE_RE = /:[ \t]*[([](?:\d{1,2}:)?\d{1,2}:\d{2}[)\]]/gu;

/** Labels with a timestamp inside a line (turns run on one line). */
function inlineLabels(text: string, verdicts: Map<string, Verdict>): Candidate[] {
  const found: Candidate[] = [];
  INLINE_RE.lastIndex = 0;
  for (let m = INLINE_RE.exec(text); m; m = INLINE_RE.exec(text)) {
    const colon = m.index;
    // Read words back from the colon while they can be a label's.
    let start = colon;
    let words = 0;
    let i = colon;
    while (words < 5) {
      let end = i;
      while (end > 0 && isBlank(text[end - 1])) end--;
      let s = end;
      while (s > 0 && !isSpace(text[s - 1])) s--;
      if (s === end) break;
      const word = text.slice(s, end);
      const ends =
        /[.?!,;:]$/u.test(word) && honorificOf(word) === null && !/^\p{Lu}\.$/u.test(word);
      if (ends || !isLabelWord(word.replace(/[.]$/u, ''), words === 0)) break;
      start = s;
      words++;
      i = s;
      if (s > 0 && text[s - 1] === '\n') break;
    }
    if (words === 0) continue;
    const label = text.slice(start, colon).trim();
    let verdict = verdicts.get(label);
    if (verdict === undefined) verdicts.set(label, (verdict = labelVerdict(label)));
    if (verdict === 'no') continue;
    let body = skipTimestamp(text, colon + 1 + /^[ \t]*/u.exec(text.slice(colon + 1))![0].length);
    while (body < text.length && isSpace(text[body])) body++;
    if (body >= text.length) continue;
    found.push({
      start,
      end: colon + 1,
      text: label,
      bodyStart: body,
      form: 'inline',
      verdict,
      rest: 'x.',
    });
  }
  return found;
}

/**
 * A label in capitals inside a line, after the end of a sentence (transcripts
 * whose line breaks were lost: `… over to you. MR. HIATT: Thank you, Ben.`):
 * an honorific and a surname, or two to four words, all in capitals.
 */
const CAPS_INLINE_RE =
  /(?<=[.?!…"”)\]—-][ \t]{1,3}(?:\d{1,3}[ \t]+)?)((?:(?:MR|MS|MRS|DR|Mr|Ms|Mrs|Dr)\.?[ \t]+)?\p{Lu}[\p{Lu}'’.-]+(?:[ \t]+\p{Lu}[\p{Lu}'’.-]+){0,3}):[ \t]+(?=\p{Lu}|["“])/gu;

/** Labels in capitals inside a line (see {@link CAPS_INLINE_RE}). */
function capsInlineLabels(text: string, verdicts: Map<string, Verdict>): Candidate[] {
  const found: Candidate[] = [];
  // Only lines long enough to hold several turns: where the breaks between turns were lost.
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart >= MIN_RUN_ON_LINE)
      found.push(...capsInlineIn(text, lineStart, lineEnd, verdicts));
    lineStart = lineEnd + 1;
  }
  return found;
}

/** Longest stretch read back from a colon for a label in capitals inside a line. */
const MAX_CAPS_INLINE = 60;

/** Shortest line searched for labels inside it. */
const MIN_RUN_ON_LINE = 160;

function capsInlineIn(
  text: string,
  from: number,
  to: number,
  verdicts: Map<string, Verdict>,
): Candidate[] {
  const found: Candidate[] = [];
  // From each colon, read back at most a label's length; the pattern checks that stretch.
  for (
    let colon = text.indexOf(':', from);
    colon >= 0 && colon < to;
    colon = text.indexOf(':', colon + 1)
  ) {
    if (!isBlank(text[colon + 1]) || !isUpper(text[colon - 1])) continue;
    const back = Math.max(from, colon - MAX_CAPS_INLINE);
    const stretch = text.slice(back, Math.min(to, colon + 4));
    CAPS_INLINE_RE.lastIndex = 0;
    let m: RegExpExecArray | null = null;
    for (let k = CAPS_INLINE_RE.exec(stretch); k; k = CAPS_INLINE_RE.exec(stretch))
      if (back + k.index + k[1]!.length === colon) m = k;
    if (!m) continue;
    const label = m[1]!;
    const words = wordsOf(label);
    if (words.length < 2) continue; // `NOTE:`, `UPDATE:`
    let verdict = verdicts.get(label);
    if (verdict === undefined) verdicts.set(label, (verdict = labelVerdict(label)));
    if (verdict === 'no') continue;
    const start = back + m.index;
    found.push({
      start,
      end: start + label.length + 1,
      text: label,
      bodyStart: start + m[0].length,
      form: 'inline',
      verdict,
      rest: 'x.',
    });
  }
  return found;
}

/** A word in capitals, allowing a `Mc`/`Mac`/`O'` prefix in mixed case: `SCHUMER`, `McCONNELL`. */
function isCapitalsWord(word: string): boolean {
  const w = word.replace(/^(?:Ma?c|O['’]|D['’])/u, '');
  const letters = w.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !/\p{Ll}/u.test(letters);
}

/**
 * Whether the text before a full stop reads as a speaker label: `Mr.
 * SCHUMER`, `CHAIR POWELL`, `The PRESIDING OFFICER`, `The SPEAKER pro
 * tempore`, `President`, `Barroso, President-designate of the Commission`,
 * `Poettering (PPE-DE)`. 'recurring' when only a second use makes it one.
 */
export function stopLabelVerdict(candidate: string): Verdict {
  const split = splitDecorations(candidate);
  if (!split || candidate.length > MAX_STOP_LABEL) return 'no';
  const { main, groups, descriptors } = split;
  const words = wordsOf(main.replace(/\s+pro\s+tempore$/iu, ''));
  if (words.length === 0 || words.length > 5) return 'no';
  if (descriptors.length > 1) return 'no';
  if (descriptors.length === 1) {
    // `Barroso, President-designate of the Commission`
    const role = wordsOf(descriptors[0]!);
    const nameOk = words.length <= 3 && words.every(w => isNameWord(w, false));
    return nameOk && groups.length === 0 && isRoleSequence(role) && hasHeadTitle(role)
      ? 'label'
      : 'no';
  }
  if (groups.length > 0) {
    // `Poettering (PPE-DE)`: a name and a group in capitals.
    const nameOk = words.length <= 3 && words.every(w => isNameWord(w, false));
    return nameOk && groups.length === 1 && !/\p{Ll}/u.test(groups[0]!) ? 'label' : 'no';
  }
  const last = words[words.length - 1]!;
  const lead = words.slice(0, -1);
  const titled = (w: string) => honorificOf(w) !== null || isTitleWord(w) || isLabelTitle(w);
  if (isCapitalsWord(last)) {
    if (!lead.every(w => titled(w) || w === 'The' || isCapitalsWord(w))) return 'no';
    if (lead.some(titled) || (lead[0] === 'The' && lead.length > 0) || isTitleWord(last))
      return 'label';
    return lead.length <= 2 ? 'recurring' : 'no';
  }
  // `President`, `The Chairman`: a role alone.
  const role = words[0] === 'The' ? words.slice(1) : words;
  return role.length > 0 &&
    role.length <= 3 &&
    role.every(w => isUpper(w[0]) && isTitleWord(w)) &&
    hasHeadTitle(role)
    ? 'label'
    : 'no';
}

/** Whether `text[from, to)` has a word starting in lower case that is no label connector (`of`, `von`). */
function lowerWordIn(text: string, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    if (!isLower(text[i]) || !isBlank(text[i - 1])) continue;
    let j = i;
    while (j < to && !isSpace(text[j])) j++;
    if (!LABEL_CONNECTORS.has(text.slice(i, j))) return true;
  }
  return false;
}

/** Labels ending with a full stop at the start of a line: `Mr. SCHUMER. Madam President, …`. */
function stopLabels(text: string, verdicts: Map<string, Verdict>): Candidate[] {
  const found: Candidate[] = [];
  let prevLineLength = 0;
  let prevEndsSentence = true;
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const s = contentStart(text, lineStart, lineEnd);
    // A label starts a turn: the line before is short or blank, or ends a sentence.
    const fresh = prevEndsSentence || prevLineLength < MIN_WRAPPED_LINE;
    if (fresh && s < lineEnd && isUpper(text[s])) {
      const limit = Math.min(lineEnd, s + MAX_STOP_LABEL + 1);
      for (
        let dot = text.indexOf('.', s);
        dot >= 0 && dot < limit;
        dot = text.indexOf('.', dot + 1)
      ) {
        let after = dot + 1;
        if (after >= lineEnd || !isBlank(text[after])) continue;
        while (after < lineEnd && isBlank(text[after])) after++;
        const next = text[after];
        if (!(isUpper(next) || '"“‘«(–—-'.includes(next ?? '~'))) continue;
        // The common case, a sentence: a word in lower case (not a connector) before the dot.
        if (lowerWordIn(text, s, dot)) break;
        const label = text.slice(s, dot).trim();
        const lastWord = wordsOf(label).pop() ?? '';
        if (honorificOf(`${lastWord}.`) !== null || /^\p{Lu}$/u.test(lastWord)) continue; // `Mr.`, `J.`
        let verdict = verdicts.get(`.${label}`);
        if (verdict === undefined) verdicts.set(`.${label}`, (verdict = stopLabelVerdict(label)));
        if (verdict !== 'no') {
          let body = after;
          // `– (DE) Mr President`: a dash and a language tag after the label.
          const lead = /^[–—-]\s+/u.exec(text.slice(body, body + 3));
          if (lead) body += lead[0].length;
          const tag = /^\([A-Z]{2}\)\s+/u.exec(text.slice(body, body + 8));
          if (tag) body += tag[0].length;
          found.push({
            start: s,
            end: dot + 1,
            text: label,
            bodyStart: body,
            form: 'stop',
            verdict,
            rest: 'x.',
          });
          break;
        }
      }
    }
    let e = lineEnd;
    while (e > s && isSpace(text[e - 1])) e--;
    prevLineLength = e - s;
    prevEndsSentence = e === s || '.?!…:"”’)'.includes(text[e - 1]!);
    lineStart = lineEnd + 1;
  }
  return found;
}

/** `Q` followed by two blanks, a tab, a full stop or a line break: a question's label. */
function questionLabels(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf('Q'); i >= 0; i = text.indexOf('Q', i + 1)) {
    let ls = i;
    while (ls > 0 && isBlank(text[ls - 1])) ls--;
    if (ls > 0 && text[ls - 1] !== '\n') continue;
    const after = text.slice(i + 1, i + 4);
    let body: number;
    // `Q    Thank you`, `Q. Why`, `Q` alone on its line; `Q Hello.` with one space only if it recurs.
    let verdict: Verdict = 'label';
    if (/^(?:\.[ \t]|[ \t]{2}|\t)/u.test(after)) body = i + 2;
    else if (after.startsWith('\n') || after.startsWith('\r\n')) body = i + 1;
    else if (/^ \p{Lu}/u.test(after)) {
      body = i + 2;
      verdict = 'recurring';
    } else continue;
    while (body < text.length && isSpace(text[body])) body++;
    if (body >= text.length || !(isUpper(text[body]) || '"“‘'.includes(text[body]!))) continue;
    found.push({
      start: i,
      end: text[i + 1] === '.' ? i + 2 : i + 1,
      text: 'Q',
      bodyStart: body,
      form: 'question',
      verdict,
      rest: 'x.',
    });
  }
  return found;
}

/** `[Rose Kimeu Craigue]` alone on a line, the turn on the next. */
function bracketLabels(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    let ls = i;
    while (ls > 0 && isBlank(text[ls - 1])) ls--;
    if (ls > 0 && text[ls - 1] !== '\n') continue;
    const close = text.indexOf(']', i);
    if (close < 0 || close - i > 70) continue;
    let lineEnd = close + 1;
    while (lineEnd < text.length && isBlank(text[lineEnd])) lineEnd++;
    if (lineEnd < text.length && text[lineEnd] !== '\n') continue;
    const inner = text.slice(i + 1, close).trim();
    const words = wordsOf(inner);
    if (words.length < 2 || words.length > 6 || /[\d[\]()]/u.test(inner)) continue;
    const parts = parseSpeakerLabel(inner);
    if (
      !parts.name ||
      !wordsOf(parts.name).every(w => isNameWord(w, false) || /^\p{Lu}\.?$/u.test(w))
    )
      continue;
    let body = lineEnd;
    while (body < text.length && isSpace(text[body])) body++;
    if (body >= text.length || !isUpper(text[body])) continue;
    const from = text.indexOf(inner, i);
    found.push({
      start: from,
      end: from + inner.length,
      text: inner,
      bodyStart: body,
      form: 'bracket',
      verdict: 'label',
      rest: '',
    });
  }
  return found;
}

/** A WebVTT caption's voice tag at the start of a line: `<v Speaker 1>Hello`, `<v Jane Doe>`. */
function voiceLabels(text: string, verdicts: Map<string, Verdict>): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf('<v '); i >= 0; i = text.indexOf('<v ', i + 1)) {
    if (i > 0 && text[i - 1] !== '\n') continue;
    const close = text.indexOf('>', i);
    if (close < 0 || close - i > 80) continue;
    const label = text.slice(i + 3, close).trim();
    let verdict = verdicts.get(label);
    if (verdict === undefined) verdicts.set(label, (verdict = labelVerdict(label)));
    if (verdict === 'no') continue;
    let body = close + 1;
    while (body < text.length && isBlank(text[body])) body++;
    if (body >= text.length || text[body] === '\n') continue;
    const start = i + 3 + text.slice(i + 3, close).indexOf(label);
    found.push({
      start,
      end: start + label.length,
      text: label,
      bodyStart: body,
      form: 'voice',
      verdict: 'label',
      rest: 'x.',
    });
  }
  return found;
}

/** Whether `word` stands elsewhere in the text as a name: capitalised, not opening a sentence. */
function namedElsewhere(text: string, word: string, except: number): boolean {
  if (word.length < 2) return false;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (i === except) continue;
    if (i > 0 && isLetter(text[i - 1])) continue;
    const after = text[i + word.length];
    if (after !== undefined && isLetter(after)) continue;
    let j = i - 1;
    while (j >= 0 && text[j] === ' ') j--;
    if (j < 0 || text[j] === '\n' || /[.?!:"“]/u.test(text[j]!)) {
      // Opening a sentence, but a name when it introduces the speaker (`Raza from …`).
      if (!/^\s+from\s/u.test(text.slice(i + word.length, i + word.length + 7))) continue;
    }
    return true;
  }
  return false;
}

/**
 * Speaker labels of `text`, in order. Linear: each form is found by one
 * search, and from each hit at most a label's length is read back.
 */
export function findSpeakerLabels(text: string): SpeakerLabel[] {
  const verdicts = new Map<string, Verdict>(); // labels recur: judge each once
  const all = [
    ...colonLabels(text, verdicts),
    ...inlineLabels(text, verdicts),
    ...capsInlineLabels(text, verdicts),
    ...stopLabels(text, verdicts),
    ...questionLabels(text),
    ...voiceLabels(text, verdicts),
    ...bracketLabels(text),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const found: Candidate[] = [];
  for (const l of all) {
    const prev = found[found.length - 1];
    if (prev && l.start < prev.bodyStart) continue; // a second reading of the same label
    found.push(l);
  }
  const counts = new Map<string, number>();
  for (const l of found) counts.set(aliasKey(l.text), (counts.get(aliasKey(l.text)) ?? 0) + 1);
  const sure = found.filter(l => l.verdict === 'label' || (counts.get(aliasKey(l.text)) ?? 0) >= 2);
  const first = sure[0]?.start ?? Infinity;
  const kept = found.filter(
    l =>
      l.verdict === 'label' ||
      (counts.get(aliasKey(l.text)) ?? 0) >= 2 ||
      // `NICK TIMIRAOS.` once, among other full-stop labels.
      (l.form === 'stop' && sure.some(x => x.form === 'stop')) ||
      // A label used once, among others: a name the text uses elsewhere, before a sentence.
      (sure.length >= 2 &&
        l.start > first &&
        l.form === 'colon' &&
        endsLikeSpeech(l.rest) &&
        namedElsewhere(text, l.text, l.start)),
  );
  const labels: SpeakerLabel[] = kept.map(({ start, end, text: label, bodyStart, form }) => ({
    start,
    end,
    text: label,
    bodyStart,
    form,
  }));
  const headers = findHeaderLabels(text);
  if (headers.length === 0) return labels;
  // Header lines and other labels: the header wins where they overlap.
  const merged = [
    ...headers,
    ...labels.filter(l => !headers.some(h => l.start < h.bodyStart && h.start < l.bodyStart)),
  ];
  return merged.sort((a, b) => a.start - b.start);
}

/**
 * Whether labels make a text a transcript even when its kind says otherwise:
 * two labels or more, or one that names a person or a position
 * (`Secretary-General:`, `MS. PSAKI:`): a stake-out, a statement or a pasted
 * excerpt is short and may have a single turn.
 */
export function looksLikeTranscript(labels: readonly SpeakerLabel[]): boolean {
  if (labels.length >= 2) return true;
  if (labels.length === 0) return false;
  const parts = labels[0]!.parts ?? parseSpeakerLabel(labels[0]!.text);
  return (
    parts.name !== undefined ||
    parts.role === 'Question' || // `Q`: a question at a briefing
    (parts.role !== undefined && hasHeadTitle(wordsOf(parts.role)))
  );
}
