/**
 * Speaker labels of a transcript: `NATO Secretary General Jens Stoltenberg:`,
 * `Max Delany (AFP):`, `MODERATOR:` at the start of a line.
 *
 * A label is a short run of capitalised words (lower-case connectors such as
 * `of`, `de`, `von`, `al` inside it), optionally followed by `, Descriptor`
 * and/or `(Outlet)`, then a colon followed by whitespace. Its line may hold
 * the turn's first words or nothing else (the text starts on the next line).
 * A sentence that happens to end with a colon (`NATO remains committed to
 * our dual-track approach to Russia:`) has lower-case words and is no label.
 * A single plain word (`Finally:`) is a label only if it is written in
 * capitals (`Q:`, `STOLTENBERG:`), names a role (`Moderator:`), or labels
 * at least two turns.
 */
import { isBlank, isDigit, isLetter, isLower, isSpace, isUpper } from './char-class';
import { isBulletAt } from './segment';
import {
  aliasKey,
  CAPITALISED_FUNCTION_WORDS,
  hasHeadTitle,
  isTitleWord,
  parseSpeakerLabel,
  wordsOf,
} from './speakers';

/** A speaker label found in a text. */
export interface SpeakerLabel {
  /** Start of the label (first character of its first word). */
  start: number;
  /** End of the label, after its colon. */
  end: number;
  /** The label as written, without the colon: `NATO Spokesperson`. */
  text: string;
  /** Where the turn's text starts (first non-space character after the label), or the text's length. */
  bodyStart: number;
}

/** A colon that may end a label: whitespace or the end of the text follows it. */
const COLON_RE = /:(?=\s|$)/g;

/** Longest label considered, colon excluded. */
const MAX_LABEL_LENGTH = 100;
const MAX_LABEL_WORDS = 8;
/** How far back from a colon the start of its line is looked for (label plus indentation). */
const MAX_LINE_PREFIX = MAX_LABEL_LENGTH + 40;
const MAX_PARENTHESIS_LENGTH = 60;

/** Lower-case words allowed inside a label. */
const LABEL_CONNECTORS = new Set([
  'of',
  'for',
  'the',
  'and',
  'on',
  'to',
  'at',
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
]);

/** Single words that are labels without being written in capitals. */
const SINGLE_WORD_LABELS = new Set([
  'question',
  'answer',
  'audience',
  'participant',
  'voice',
  'narrator',
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

/** Whether `candidate` (the text before a colon at the start of a line) reads as a speaker label. */
export function labelVerdict(candidate: string): Verdict {
  let main = candidate.trim();
  if (main.length === 0 || main.length > MAX_LABEL_LENGTH) return 'no';
  let decorated = false;
  if (main.endsWith(')')) {
    const open = main.lastIndexOf('(');
    const inner = open < 0 ? '' : main.slice(open + 1, -1);
    if (open <= 0 || inner.trim().length === 0 || inner.length > MAX_PARENTHESIS_LENGTH)
      return 'no';
    if (/[()]/u.test(inner) || ![...inner].some(isLetter)) return 'no';
    main = main.slice(0, open).trim();
    decorated = true;
  }
  const comma = main.indexOf(',');
  if (comma >= 0) {
    if (
      !wordsValid(
        main
          .slice(comma + 1)
          .trim()
          .split(/\s+/u),
      )
    )
      return 'no';
    main = main.slice(0, comma).trim();
    decorated = true;
  }
  const words = main.split(/\s+/u).filter(w => w.length > 0);
  if (!wordsValid(words)) return 'no';
  const first = words[0]!.toLowerCase().replace(/\.$/u, ''); // `I.` of `I. RUSSIA:` is the pronoun's form
  const shout = words.length === 1 && !decorated && !/\p{Ll}/u.test(words[0]!); // `Q:`, `A:`
  if (
    !shout &&
    CAPITALISED_FUNCTION_WORDS.has(first) &&
    !(first === 'the' && words.length > 1 && isTitleWord(words[1]!))
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
 * Speaker labels at the starts of lines of `text`, in order. Linear: the
 * colons are found by one search, and from each at most
 * {@link MAX_LINE_PREFIX} characters are read back to its line's start.
 */
export function findSpeakerLabels(text: string): SpeakerLabel[] {
  const found: Array<SpeakerLabel & { verdict: Verdict }> = [];
  const verdicts = new Map<string, Verdict>(); // labels recur: judge each once
  COLON_RE.lastIndex = 0;
  for (let m = COLON_RE.exec(text); m; m = COLON_RE.exec(text)) {
    const colon = m.index;
    // The line's start, looking back no further than a label can be long.
    let lineStart = colon;
    while (
      lineStart > 0 &&
      text.charCodeAt(lineStart - 1) !== 10 &&
      colon - lineStart <= MAX_LINE_PREFIX
    ) {
      lineStart--;
    }
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) continue;
    let s = lineStart;
    while (s < colon && isBlank(text[s])) s++;
    if (colon - s > MAX_LABEL_LENGTH || colon === s) continue;
    const label = text.slice(s, colon).trimEnd();
    if (label.includes(':')) continue; // a label ends at the line's first colon
    let verdict = verdicts.get(label);
    if (verdict === undefined) verdicts.set(label, (verdict = labelVerdict(label)));
    if (verdict === 'no') continue;
    let lineEnd = colon + 1;
    while (lineEnd < text.length && isBlank(text[lineEnd])) lineEnd++;
    let body = lineEnd;
    while (body < text.length && isSpace(text[body])) body++;
    const alone = body > lineEnd;
    // A label alone on its line needs a turn after it, not a continuation or a list.
    if (body < text.length && !(alone && (isLower(text[body]) || isBulletAt(text, body)))) {
      found.push({ start: s, end: colon + 1, text: label, bodyStart: body, verdict });
    }
  }
  const counts = new Map<string, number>();
  for (const l of found) counts.set(aliasKey(l.text), (counts.get(aliasKey(l.text)) ?? 0) + 1);
  return found
    .filter(l => l.verdict === 'label' || (counts.get(aliasKey(l.text)) ?? 0) >= 2)
    .map(({ start, end, text: label, bodyStart }) => ({ start, end, text: label, bodyStart }));
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
  const parts = parseSpeakerLabel(labels[0]!.text);
  return (
    parts.name !== undefined || (parts.role !== undefined && hasHeadTitle(wordsOf(parts.role)))
  );
}
