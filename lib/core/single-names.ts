/**
 * Surnames and given names used alone in running text (`Laura now asks
 * whether Starmer would …`): which capitalised single words a report uses as
 * a person's name. A place, body or thing (`Moscow warned`, `the Kremlin
 * said`) is as capitalised, so a word counts as a name only when the text
 * writes it at least twice, once or more inside a sentence on its own, never
 * after an article or a preposition (`in Moscow`, `the Commons`, `to
 * Russia`), and never in lower case; and the lexicon does not know it as a
 * title, organisation, month or function word. One linear pass.
 */
import { isLetter, isUpper } from './char-class';
import { isNameWord, isPartyWord } from './speakers';

/** Words before a place, body or thing, never (or rarely) before a person's name alone (lower case). */
const BEFORE_THINGS = new Set(
  (
    'the a an in at from into onto near across inside outside throughout within of towards toward ' +
    'around against on to with for by over about between among under after before than like ' +
    'including and or'
  ).split(' '),
);

/** Words before a noun (lower case). */
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'their',
  'its',
  'our',
  'these',
  'those',
  'all',
  'many',
  'more',
  'most',
  'some',
]);

/** A capitalised word: a capital, then at least one lower-case letter. */
const CAPITALISED_RE = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}[\p{L}]*(?![\p{L}])/gu;
const LOWER_RE = /(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu;

/** The single words `text` uses as people's names (see the module comment). */
export function singleNamePeople(text: string): Set<string> {
  const lower = new Set<string>();
  // Nouns: lower-case words the text writes after an article or determiner (`the refugees`).
  const nouns = new Set<string>();
  let previous = '';
  for (const m of text.matchAll(LOWER_RE)) {
    const word = m[0];
    lower.add(word);
    if (DETERMINERS.has(previous) && text[m.index - 1] === ' ') nouns.add(word);
    previous = word;
  }
  const stats = new Map<string, { total: number; alone: number; bad: boolean }>();
  for (const m of text.matchAll(CAPITALISED_RE)) {
    const word = m[0];
    const at = m.index;
    let st = stats.get(word);
    if (!st) stats.set(word, (st = { total: 0, alone: 0, bad: false }));
    st.total++;
    let j = at - 1;
    while (j >= 0 && text[j] === ' ') j--;
    if (j < 0 || /[.!?\n:"“‘(•]/u.test(text[j]!)) continue; // opening a sentence or a line
    let k = j;
    while (k >= 0 && isLetter(text[k])) k--;
    const prev = text.slice(k + 1, j + 1);
    // After an article or preposition, a number (`900 Syrian refugees`), or before a noun: no name.
    const after = /^ (\p{Ll}+)/u.exec(text.slice(at + word.length, at + word.length + 30));
    if (
      BEFORE_THINGS.has(prev.toLowerCase()) ||
      /\d/u.test(text[j]!) ||
      (after !== null && nouns.has(after[1]!))
    ) {
      st.bad = true;
      continue;
    }
    // Inside a run of capitalised words (`Keir Starmer`, `British Summer Time`) it is not alone.
    const next = text[at + word.length + 1];
    if (isUpper(prev[0]) || (text[at + word.length] === ' ' && isUpper(next))) continue;
    st.alone++;
  }
  const people = new Set<string>();
  for (const [word, st] of stats) {
    if (st.bad || st.total < 2 || st.alone < 1) continue;
    if (lower.has(word.toLowerCase()) || !isNameWord(word) || isPartyWord(word)) continue;
    people.add(word);
  }
  return people;
}
