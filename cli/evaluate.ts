/**
 * Scoring a matcher on a set of quotes with known sources: the rules of
 * `tests/fixtures/dev.jsonl` (see its README in the project's history):
 * a match is correct when it names the expected document and its passage
 * overlaps the expected one (at least half of the shorter one's word
 * trigrams shared); the speaker is right when every word of the expected
 * name is a word of the returned one, ignoring case and accents (`John
 * Kirby` is right for `John F. Kirby`; `Kirby` for `John Kirby`).
 */
import { tokenize } from '../lib/core/normalize';

export interface EvalRow {
  id: string;
  quote: string;
  kind?: string;
  origin?: string;
  expect: { document: string; speaker: string; passage: string } | null;
}

/** What a matcher answered for one quote. */
export interface EvalAnswer {
  document: string;
  speaker: string;
  passage: string;
}

export interface EvalResult {
  rows: number;
  answered: number;
  correct: number;
  expected: number;
  speakerRight: number;
  precision: number;
  recall: number;
  /** Right speaker among expected rows (a missing or wrong match counts as wrong). */
  speakerAccuracy: number;
  failures: Array<{ id: string; kind?: string; why: string }>;
}

export function parseEvalRows(jsonl: string): EvalRow[] {
  return jsonl
    .split('\n')
    .filter(line => line.trim())
    .map(line => JSON.parse(line) as EvalRow);
}

/** Word trigrams of a text (canonical words). */
function trigrams(text: string): Set<string> {
  const words = tokenize(text).map(t => t.norm);
  const out = new Set<string>();
  if (words.length < 3) out.add(words.join(' '));
  for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(' '));
  return out;
}

/** Whether two passages overlap: at least half of the shorter one's trigrams shared. */
export function passagesOverlap(a: string, b: string): boolean {
  const ta = trigrams(a);
  const tb = trigrams(b);
  const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return small.size > 0 && shared * 2 >= small.size;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ø/g, 'o')
    .toLowerCase();
}

/** The words of a name, folded: `Ó Fearghaíl` → `o`, `fearghail`. */
function nameWords(name: string): string[] {
  return fold(name)
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter(w => w.length > 0);
}

/** Whether every word of the expected name is a word of the answer's speaker. */
export function speakerMatches(got: string, expected: string): boolean {
  const words = new Set(nameWords(got));
  const wanted = nameWords(expected);
  return wanted.length > 0 && wanted.every(w => words.has(w));
}

export function evaluate(
  rows: readonly EvalRow[],
  answer: (row: EvalRow) => EvalAnswer | null,
): EvalResult {
  let answered = 0;
  let correct = 0;
  let expected = 0;
  let speakerRight = 0;
  const failures: EvalResult['failures'] = [];
  for (const row of rows) {
    const got = answer(row);
    if (row.expect) expected++;
    if (got) answered++;
    if (!row.expect) {
      if (got)
        failures.push({
          id: row.id,
          kind: row.kind,
          why: `expected no match, got ${got.document}: "${got.passage}"`,
        });
      continue;
    }
    if (!got) {
      failures.push({ id: row.id, kind: row.kind, why: 'no match' });
      continue;
    }
    const right =
      got.document === row.expect.document && passagesOverlap(got.passage, row.expect.passage);
    if (!right) {
      failures.push({
        id: row.id,
        kind: row.kind,
        why: `wrong passage ${got.document}: "${got.passage}"`,
      });
      continue;
    }
    correct++;
    if (speakerMatches(got.speaker, row.expect.speaker)) speakerRight++;
    else
      failures.push({
        id: row.id,
        kind: row.kind,
        why: `speaker "${got.speaker}", expected "${row.expect.speaker}"`,
      });
  }
  return {
    rows: rows.length,
    answered,
    correct,
    expected,
    speakerRight,
    precision: answered ? correct / answered : 1,
    recall: expected ? correct / expected : 1,
    speakerAccuracy: expected ? speakerRight / expected : 1,
    failures,
  };
}

/** Words that may not open a display name: honorifics and titles belong in the role. */
const LEADING_TITLES =
  /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|rev|hon|gov|sen|rep|gen|col|capt|lt|sgt|adm|president|senator|governor|minister|secretary|chair|chairman|chairwoman|judge|justice|ambassador|general|the|shri|smt|his|her)\b\.?/iu;

/**
 * Whether a speaker is a clean display name: a person's name in normal case
 * (`Mitch McConnell`, `Anthony Albanese`, `Reporter`): not empty, no word of
 * two or more letters written all in capitals, no leading honorific or title.
 */
export function isCleanDisplayName(name: string): boolean {
  const n = name.trim();
  if (!n) return false;
  if (LEADING_TITLES.test(n)) return false;
  return !n.split(/[\s-]+/u).some(w => {
    const letters = w.replace(/[^\p{L}]/gu, '');
    return letters.length >= 2 && !/\p{Ll}/u.test(letters);
  });
}
