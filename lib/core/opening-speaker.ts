/**
 * Who speaks where no label says so: the person a title, byline or lead names
 * as the one speaking (`Statement by President von der Leyen …`, `Prime
 * Minister Boris Johnson’s opening remarks …`, `Press stake-out with NATO
 * Secretary General Mark Rutte`, `… noon briefing by Stéphane Dujarric`), and
 * people who introduce themselves (`Hey, I'm Kelly McEvers.`).
 *
 * A line names a speaker only when it speaks of one person's speech (a
 * statement, remarks, a speech, a briefing, a press conference, a stake-out)
 * and not of a dialogue (an interview, a debate, a hearing, a conversation):
 * the lead of an interview names the guest, who does not open it.
 */
import { findMentions, type Mention } from './person-mentions';
import { wordsOf } from './speakers';
import type { Span } from './types';

/** Words for one person's speech (lower case). */
const MONOLOGUE = new Set([
  'statement',
  'statements',
  'remarks',
  'speech',
  'address',
  'briefing',
  'conference',
  'stake-out',
  'stakeout',
  'doorstep',
  'lecture',
  'keynote',
  'message',
  'testimony',
  'announcement',
  'declaration',
  'sermon',
  'eulogy',
  'homily',
  'op-ed',
  'delivers',
  'transcript',
]);

/** Words for a dialogue, whose lead names a guest who does not open it (lower case). */
const DIALOGUE = new Set([
  'interview',
  'interviews',
  'conversation',
  'debate',
  'debates',
  'discussion',
  'hearing',
  'hearings',
  'panel',
  'roundtable',
  'town',
  'townhall',
  'q&a',
  'podcast',
  'show',
  'exchange',
  'dialogue',
  'meeting',
  'lunch',
  'dinner',
]);

/** Words that may link a speech noun to its speaker: `by`, `with`, `of`. */
const LINKS = new Set(['by', 'with', 'of', 'from']);

/** How far after a possessive (`Johnson’s`) the speech noun may stand: `opening remarks`, `annual news conference`. */
const MAX_POSSESSIVE_GAP = 3;

function lowerWords(line: string): string[] {
  return wordsOf(line).map(w => w.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}&-]+$/gu, ''));
}

/**
 * The person `text[span]` (a title, a byline, a lead) names as the one
 * speaking, or null: a named person after `by`/`with` or before `’s` and a
 * speech noun, in a line about one person's speech.
 */
export function speakerNamedIn(text: string, span: Span): Mention | null {
  const line = text.slice(span.start, span.end);
  const words = lowerWords(line);
  if (words.some(w => DIALOGUE.has(w))) return null;
  if (!words.some(w => MONOLOGUE.has(w))) return null;
  for (const m of findMentions(text, span.start, span.end)) {
    if (m.kind === 'pronoun') continue;
    if (m.kind === 'name' && !/\s/u.test(m.parts.name ?? '')) {
      // A lone capitalised word is often the title's first word (`Statement`).
      if (!possessiveBefore(text, m, span.end)) continue;
    }
    if (possessiveBefore(text, m, span.end) || linkBefore(text, m, span.start)) return m;
  }
  return null;
}

/** `Johnson’s opening remarks`: the mention ends with a possessive, a speech noun soon after. */
function possessiveBefore(text: string, m: Mention, end: number): boolean {
  if (!/['’]s$/u.test(m.written)) return false;
  const after = lowerWords(text.slice(m.end, Math.min(end, m.end + 80))).slice(
    0,
    MAX_POSSESSIVE_GAP,
  );
  return after.some(w => MONOLOGUE.has(w));
}

/** `… by Stéphane Dujarric`, `… with NATO Secretary General Mark Rutte`: a link word just before. */
function linkBefore(text: string, m: Mention, start: number): boolean {
  const before = lowerWords(text.slice(Math.max(start, m.start - 12), m.start));
  const last = before[before.length - 1];
  const link = last === 'the' ? before[before.length - 2] : last;
  return link !== undefined && LINKS.has(link);
}

/** `I'm Kelly McEvers`, `I am Neal Conan`, `My name is Rose Craigue`: a speaker introducing themselves. */
const INTRODUCTION_RE =
  /(?:^|[\s,.;:!?"“])(?:I['’]m|I am|[Mm]y name is)\s+(\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+|von|van|de|der|da|di|del|la|le)){1,3})/u;

/** The person introducing themselves in `text[span]`, as written; null if nobody does. */
export function selfIntroduction(text: string, span: Span): string | null {
  const part = text.slice(span.start, span.end);
  const m = INTRODUCTION_RE.exec(part);
  if (!m) return null;
  const name = m[1]!;
  // A name in mixed case (`TALK OF THE NATION` is a programme).
  return /\p{Ll}/u.test(name) ? name : null;
}

/** First-person words (lower case): a speaker's own text uses them, a report of it rarely outside quotations. */
const FIRST_PERSON = new Set([
  'i',
  "i'm",
  'i’m',
  "i've",
  'i’ve',
  "i'll",
  'i’ll',
  "i'd",
  'i’d',
  'me',
  'my',
  'we',
  "we're",
  'we’re',
  "we've",
  'we’ve',
  'our',
  'us',
]);

/** Quotation marks: a line holding one may quote someone in the first person. */
const QUOTE_MARKS = /["“”«»„]/u;

/**
 * Whether `text[span]` speaks in the first person outside quotations, as a
 * statement or a speech does: at least {@link MIN_FIRST_PERSON} such words on
 * lines without quotation marks, and one in every 150 words of them.
 */
export function speaksInFirstPerson(text: string, span: Span): boolean {
  let words = 0;
  let first = 0;
  for (const line of text.slice(span.start, span.end).split('\n')) {
    if (QUOTE_MARKS.test(line)) continue;
    for (const w of wordsOf(line)) {
      words++;
      if (
        FIRST_PERSON.has(
          w
            .toLowerCase()
            .replace(/[^\p{L}'’]+$/u, '')
            .replace(/^[^\p{L}]+/u, ''),
        )
      )
        first++;
    }
  }
  return first >= MIN_FIRST_PERSON && first * 150 >= words;
}

/** Fewest first-person words for a text to be a speaker's own. */
const MIN_FIRST_PERSON = 3;

/** The outlet a questioner names after their name: `Raza from the Hindustan Times`, `Sudhi Ranjan from Bloomberg`. */
export function outletIntroduced(text: string, span: Span, name: string): string | null {
  const part = text.slice(span.start, Math.min(span.end, span.start + 200));
  for (const word of wordsOf(name)) {
    const at = part.indexOf(word);
    if (at < 0) continue;
    const m = OUTLET_RE.exec(part.slice(at + word.length));
    if (m) return m[1]!.replace(/^the\s+/iu, '');
  }
  return null;
}

/** ` from the Hindustan Times`, ` of Reuters`: up to five capitalised words. */
const OUTLET_RE =
  /^\s+(?:from|of|with)\s+((?:the\s+)?\p{Lu}[\p{L}&'’-]*(?:[ \t]+(?:\p{Lu}[\p{L}&'’-]*|&)){0,4})/u;
