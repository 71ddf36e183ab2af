/**
 * Full names for short references. A transcript often names a person in full
 * once (a header, a lead, a self-introduction: `I'm Kelly McEvers`, a chapter
 * list, `Foreign Minister MOTEGI Toshimitsu`) and then labels them by surname
 * (`MCEVERS:`, `Minister MOTEGI:`). The full name is the surname as written
 * elsewhere with a given name before it (or, for a family name in capitals,
 * after it); when the text gives two different full names for one surname,
 * none is chosen.
 */
import { isLetter } from './char-class';
import {
  honorificOf,
  isCalendarWord,
  isFunctionWord,
  isInitial,
  isLabelTitle,
  isNameWord,
  isPartyWord,
  isTitleWord,
  NAME_PARTICLES,
} from './speakers';

/** How many uses of a surname are read (a long transcript repeats it in every label). */
const MAX_USES = 400;

/**
 * Whether a word may be a given name before a surname: a capitalised name
 * word, no title or function word; in capitals only before a surname in
 * capitals (`BENJAMIN WITTES`).
 */
function givenName(written: string, capitals = false): boolean {
  // A word in capitals is read as its capitalised form (`FRED` as `Fred`, not an acronym).
  const word =
    capitals && !/\p{Ll}/u.test(written) ? written[0]! + written.slice(1).toLowerCase() : written;
  return (
    word.length >= 2 &&
    isNameWord(word, false) &&
    /\p{Ll}/u.test(word) &&
    honorificOf(word) === null &&
    !isTitleWord(word) &&
    !isLabelTitle(word) &&
    !isFunctionWord(word) &&
    !isCalendarWord(word) &&
    !isPartyWord(word)
  );
}

/** The word ending at `end` (letters, `.`, `-`, apostrophes) on the same line, with its start; null if none. */
function wordBefore(text: string, end: number): { word: string; start: number } | null {
  let e = end;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\u00a0')) e--;
  if (e === end) return null; // no space: glued to something
  let s = e;
  while (s > 0 && (isLetter(text[s - 1]) || "-.'’".includes(text[s - 1]!))) s--;
  if (s === e) return null;
  return { word: text.slice(s, e), start: s };
}

/** The word starting at `start` after one space, on the same line. */
function wordAfter(text: string, start: number): string | null {
  if (text[start] !== ' ') return null;
  let e = start + 1;
  while (e < text.length && (isLetter(text[e]) || text[e] === '-')) e++;
  return e > start + 1 ? text.slice(start + 1, e) : null;
}

/**
 * The full name `text` gives the person it otherwise calls `surname`
 * (`Psaki` → `Jen Psaki`, `MOTEGI` → `Toshimitsu MOTEGI`), or null when it
 * gives none or several.
 *
 * @param lower - `text` in lower case (computed once per document by the caller); the
 *   same length as `text`, so offsets agree.
 */
export function fullNameIn(
  text: string,
  surname: string,
  lower: string = lowerSameLength(text),
): string | null {
  if (surname.length < 2 || !isLetter(surname[0])) return null;
  const key = surname.toLowerCase();
  const found = new Map<string, string>();
  let uses = 0;
  for (let i = lower.indexOf(key); i >= 0 && uses < MAX_USES; i = lower.indexOf(key, i + 1)) {
    const end = i + key.length;
    if ((i > 0 && isLetter(text[i - 1])) || (end < text.length && isLetter(text[end]))) continue;
    uses++;
    const written = text.slice(i, end);
    // A given name before it, after any particles (`Ursula von der Leyen`) and a middle initial.
    let at = i;
    const parts: string[] = [];
    let before = wordBefore(text, at);
    while (before && NAME_PARTICLES.has(before.word) && parts.length < 3) {
      parts.unshift(before.word);
      at = before.start;
      before = wordBefore(text, at);
    }
    const capitals = !/\p{Ll}/u.test(written);
    if (before && isInitial(before.word)) {
      const initial = before;
      const given = wordBefore(text, initial.start);
      if (given && givenName(given.word, capitals)) {
        const name = [given.word, initial.word, ...parts, written].join(' ');
        found.set(given.word.toLowerCase(), name);
        continue;
      }
    }
    if (before && givenName(before.word, capitals)) {
      found.set(before.word.toLowerCase(), [before.word, ...parts, written].join(' '));
      continue;
    }
    // A family name in capitals, the given name after it: `MOTEGI Toshimitsu`.
    if (capitals) {
      const given = wordAfter(text, end);
      // … and the name ends there (`MOTEGI Toshimitsu`, not `HIATT Editorial Page Editor`).
      const next = given ? text.slice(end + 1 + given.length, end + given.length + 3) : '';
      if (given && givenName(given) && !/^ \p{Lu}/u.test(next))
        found.set(given.toLowerCase(), `${given} ${written}`);
    }
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** `text` in lower case, character for character (a letter whose lower case is longer stays). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/[^]/gu, c => {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  });
}
