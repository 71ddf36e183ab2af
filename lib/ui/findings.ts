/**
 * What Verbatim found about one quote, in the reader's words: which kind of
 * mark it gets on the page, what the page changed (in plain words, not a
 * score), and how strong the source is. Pure: shared by the popover, the
 * popup's page list and the report page.
 */
import type {
  DiffPart,
  DocumentKind,
  PassageMatch,
  PassageRecord,
  PassageRef,
  QuoteMatch,
  Speaker,
} from '../core/types';

/**
 * The kinds of mark a quote gets on the page, one line style each (so they
 * differ without colour): `nosource` is a quote Verbatim checked and found no
 * source for in the corpus; `copy` is not a quote but words the page prints
 * without quotation marks that reproduce a source (an unmarked copy).
 */
export type MarkKind =
  'verbatim' | 'edited' | 'paraphrase' | 'misattributed' | 'ambiguous' | 'copy' | 'nosource';

export const MARK_KINDS: readonly MarkKind[] = [
  'verbatim',
  'edited',
  'paraphrase',
  'misattributed',
  'ambiguous',
  'copy',
  'nosource',
];

/** The legend: each kind's name, line style and one line of meaning. */
export const MARK_LEGEND: Readonly<
  Record<MarkKind, { label: string; line: string; meaning: string }>
> = {
  verbatim: { label: 'Verbatim', line: 'solid line', meaning: 'word for word' },
  edited: { label: 'Edited', line: 'dashed line', meaning: 'some words changed' },
  paraphrase: { label: 'Paraphrase', line: 'dotted line', meaning: 'wording differs' },
  misattributed: {
    label: 'Other speaker',
    line: 'wavy line',
    meaning: 'the page names someone else',
  },
  ambiguous: { label: 'Several sources', line: 'double line', meaning: 'more than one place' },
  copy: {
    label: 'Unmarked copy',
    line: 'lines above and below',
    meaning: 'a source’s words without quotation marks',
  },
  nosource: { label: 'No source', line: 'faint thin dots', meaning: 'not in your corpus' },
};

/**
 * The mark for a quote: a misattribution outranks everything (it is what a
 * reader most needs to see), then ambiguity, then the verdict. An unmarked
 * copy (`copy`: words printed without quotation marks) is always `copy`: the
 * page attributes it to nobody, and a copy is near-verbatim with one source.
 */
export function markKind(match: QuoteMatch | null, misattributed: boolean, copy = false): MarkKind {
  if (!match) return 'nosource';
  if (copy) return 'copy';
  if (misattributed) return 'misattributed';
  if (match.ambiguous && !sameSpeakerSameDocument(match)) return 'ambiguous';
  return match.verdict;
}

/**
 * True when every near-equal alternative is the same speaker in the same
 * document: the words were said more than once there, which is not doubt
 * about the source.
 */
export function sameSpeakerSameDocument(match: QuoteMatch): boolean {
  if (!match.ambiguous || match.alternatives.length === 0) return false;
  return match.alternatives.every(
    alt => alt.documentId === match.documentId && sameSpeaker(alt.speaker, match.speaker),
  );
}

function sameSpeaker(a: Speaker, b: Speaker): boolean {
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/** Whether a document kind is a record of speech itself, not someone's account of it. */
export function isPrimaryKind(kind: DocumentKind): boolean {
  return kind === 'transcript' || kind === 'statement';
}

/**
 * What the passage is as a record of its speaker's words: the core's reading of the passage
 * itself (a turn, a quotation, reported speech), else what the document's kind implies.
 */
export function passageRecord(match: Pick<PassageRef, 'kind' | 'record'>): PassageRecord {
  if (match.record) return match.record;
  if (match.kind === 'transcript') return 'turn';
  if (match.kind === 'statement') return 'statement';
  return 'reported';
}

/** Whether the passage is a primary record of the speech (a turn or the speaker's statement). */
export function isPrimaryRecord(match: Pick<PassageRef, 'kind' | 'record'>): boolean {
  const record = passageRecord(match);
  return record === 'turn' || record === 'statement';
}

/** The record in a few words, for exports: `primary record: speaker turn`, `reported speech`. */
export const RECORD_LABEL: Readonly<Record<PassageRecord, string>> = {
  turn: 'primary record: speaker turn',
  statement: 'primary record: statement',
  quoted: 'quoted speech',
  reported: 'reported speech',
  publisher: 'the publisher’s own text',
};

const KIND_NOUNS: Readonly<Record<DocumentKind, string>> = {
  transcript: 'transcript',
  statement: 'statement',
  brief: 'brief',
  article: 'article',
  other: 'document',
};

/** How strong the source is, as a short line for the reader, by what the passage is. */
export function sourceStrength(match: Pick<PassageRef, 'kind' | 'record' | 'speaker'>): {
  primary: boolean;
  text: string;
} {
  const name = match.speaker.name;
  const noun = KIND_NOUNS[match.kind];
  // A record of speech: its speaker turns speak for themselves.
  const speech = isPrimaryKind(match.kind);
  switch (passageRecord(match)) {
    case 'turn':
      return {
        primary: true,
        text:
          match.kind === 'transcript'
            ? `Primary record: ${name}’s turn in a transcript.`
            : `Primary record: ${name}’s own turn, in a ${noun} of speaker turns.`,
      };
    case 'statement':
      return { primary: true, text: `Primary record: a statement published by the speaker.` };
    case 'quoted':
      return {
        primary: false,
        text: speech
          ? `Quoted speech: ${name} quotes these words in the ${noun}; they are not a record of ${name}’s own.`
          : `Quoted speech: a ${noun} quoting ${name}, not a record of the speech.`,
      };
    case 'reported':
      return {
        primary: false,
        text: speech
          ? `Reported speech: ${name} tells in the ${noun} what someone else said, not a record of the words.`
          : `Reported speech: a ${noun}’s account of what ${name} said, not a record of the speech.`,
      };
    case 'publisher':
      return {
        primary: false,
        text: `Not attributed: the ${noun}’s own text, which names no speaker for these words.`,
      };
  }
}

/** The misattribution notice, as what the corpus says (not as a fact about the world). */
export function misattributionText(
  match: Pick<PassageMatch, 'speaker'>,
  pageSpeaker: string,
): string {
  return `Your corpus has these words from ${match.speaker.name}; the page names ${pageSpeaker}.`;
}

/** The ambiguity notice: "said twice" when it is one speaker in one document. */
export function ambiguityText(match: QuoteMatch): string {
  if (sameSpeakerSameDocument(match)) {
    const times = match.alternatives.length + 1;
    return `${match.speaker.name} said this ${times === 2 ? 'twice' : `${times} times`} in this document.`;
  }
  const names: string[] = [];
  for (const m of [match, ...match.alternatives]) {
    if (!names.some(n => sameSpeaker({ name: n }, m.speaker))) names.push(m.speaker.name);
  }
  if (names.length > 1) {
    const list =
      names.length === 2
        ? `${names[0]} and from ${names[1]}`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `Your corpus has these words from ${list}: which of them the page quotes is uncertain.`;
  }
  const documents = new Set([match, ...match.alternatives].map(m => m.documentId)).size;
  if (documents > 1) {
    return `${match.speaker.name} said this in ${documents} documents: which one the page quotes is uncertain.`;
  }
  return 'Other passages match about as well: the source is uncertain.';
}

/** The verdict as a headline. */
export function verdictHeadline(kind: MarkKind): string {
  switch (kind) {
    case 'verbatim':
      return 'Quoted word for word';
    case 'edited':
      return 'Quoted with changes';
    case 'paraphrase':
      return 'A paraphrase, not the speaker’s words';
    case 'misattributed':
      return 'Words of another speaker';
    case 'ambiguous':
      return 'Found in more than one place';
    case 'copy':
      return 'Printed without quotation marks';
    case 'nosource':
      return 'No source in your corpus';
  }
}

/** Words in a stretch of text. */
function words(text: string): string[] {
  return text.split(/\s+/).filter(w => /[\p{L}\p{N}]/u.test(w));
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Letters and digits only, lower case: "Allies’" → "allies". */
function bare(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Edit distance, small strings only (a misprint check). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** A change of spelling only: the same word with a letter or two different. */
function isSpelling(part: { quote: string; source: string }): boolean {
  const q = words(part.quote);
  const s = words(part.source);
  if (q.length !== s.length) return false;
  return q.every((w, i) => {
    const a = bare(w);
    const b = bare(s[i]!);
    if (a === b) return true;
    const d = distance(a, b);
    return a.length >= 4 && b.length >= 4 && d <= (Math.min(a.length, b.length) >= 8 ? 2 : 1);
  });
}

function quoted(text: string, max = 40): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return `‘${clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean}’`;
}

/** Unchanged source words beyond which leaving words out joins two separate passages. */
const JOIN_WORDS = 15;

/**
 * What the page changed, in plain words, most telling first:
 * `2 words left out without an ellipsis`, `‘our Allies’ printed as ‘all allies’`,
 * `joins two sentences 40 words apart`, `spelling only`. Empty for a word-for-word quote.
 */
export function describeDiff(diff: readonly DiffPart[], max = 3): string[] {
  const changes = diff.filter(p => p.op !== 'same');
  if (changes.length === 0) return [];
  const out: string[] = [];
  const substitutions = changes.filter(
    (p): p is Extract<DiffPart, { op: 'changed' }> => p.op === 'changed' && !p.editorial,
  );
  const spelling = substitutions.filter(isSpelling);
  if (spelling.length === changes.length) return ['spelling only'];

  // Long cuts first: they change what the quote means the most.
  for (const part of changes) {
    if (part.op !== 'elided' && part.op !== 'removed') continue;
    const n = words(part.source).length;
    if (n >= JOIN_WORDS) {
      out.push(
        `joins two passages ${n} words apart${part.op === 'removed' ? ' without an ellipsis' : ''}`,
      );
    }
  }
  const silent = changes
    .filter(p => p.op === 'removed')
    .reduce((n, p) => n + (words(p.source).length < JOIN_WORDS ? words(p.source).length : 0), 0);
  if (silent > 0) out.push(`${count(silent, 'word')} left out without an ellipsis`);
  const marked = changes
    .filter(p => p.op === 'elided')
    .reduce((n, p) => n + (words(p.source).length < JOIN_WORDS ? words(p.source).length : 0), 0);
  if (marked > 0) out.push(`${count(marked, 'word')} left out with an ellipsis`);

  // A long stretch of source words replaced by a few: two passages joined, not a word changed.
  for (const part of substitutions) {
    const n = words(part.source).length;
    if (n >= JOIN_WORDS && words(part.quote).length <= n / 3) {
      out.push(`joins two passages ${n} words apart, printed as ${quoted(part.quote)}`);
    }
  }
  const real = substitutions.filter(
    p =>
      !isSpelling(p) &&
      !(
        words(p.source).length >= JOIN_WORDS && words(p.quote).length <= words(p.source).length / 3
      ),
  );
  for (const part of real.slice(0, 2)) {
    out.push(`${quoted(part.source)} printed as ${quoted(part.quote)}`);
  }
  if (real.length > 2) out.push(`${count(real.length - 2, 'other word change')}`);

  const added = changes
    .filter(p => p.op === 'added')
    .reduce((n, p) => n + words((p as { quote: string }).quote).length, 0);
  if (added > 0) out.push(`${count(added, 'word')} added that the source does not have`);

  const editorial = changes.filter(p => p.op === 'changed' && p.editorial).length;
  if (editorial > 0) out.push(`${count(editorial, 'editor’s insertion')} in [brackets]`);
  if (spelling.length > 0) out.push(`${count(spelling.length, 'spelling difference')}`);
  if (out.length === 0) out.push('punctuation only');
  return out.slice(0, max);
}
