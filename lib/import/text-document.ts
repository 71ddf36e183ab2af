/**
 * Plain text, Markdown or pasted text → a document to preview: the text
 * cleaned of markup where that is safe, and first guesses at its metadata
 * (title, date, kind) for the user to correct before saving.
 */
import { idFromFileName } from '../core/corpus-file';
import { isMonologue, parseDocument } from '../core/parse-document';
import { splitBlocks } from '../core/segment';
import type { DocumentKind, SourceDocument } from '../core/types';

/** Metadata known before guessing (from a page's tags, front matter, the file name). */
export interface KnownMeta {
  title?: string;
  date?: string;
  kind?: DocumentKind;
  publisher?: string;
  sourceUrl?: string;
}

/** How far into a text a date is looked for. */
const DATE_WINDOW = 2000;
/** A first line longer than this is a sentence, not a title. */
const MAX_TITLE_CHARS = 160;

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY_MONTH_YEAR = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`,
  'i',
);
const MONTH_DAY_YEAR = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
  'i',
);
const ISO_DATE = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/;

/**
 * A document from text, with `known` metadata where given and guesses
 * elsewhere. The text is kept exactly (line breaks normalised to `\n`).
 *
 * @param fileName - The file's name (for the id and fallbacks), or a name for pasted text.
 */
export function documentFromText(
  text: string,
  fileName: string,
  known: KnownMeta = {},
): SourceDocument {
  const clean = normaliseNewlines(text);
  const id = idFromFileName(fileName).trim() || 'document';
  const doc: SourceDocument = {
    id,
    title: known.title?.trim() || guessTitle(clean) || titleFromFileName(fileName),
    kind: known.kind ?? 'other',
    date: known.date || guessDate(clean) || guessDate(fileName) || '',
    publisher: known.publisher?.trim() ?? '',
    ...(known.sourceUrl ? { sourceUrl: known.sourceUrl } : {}),
    text: clean,
  };
  if (!known.kind) doc.kind = guessKind(doc);
  return doc;
}

/** `\r\n` and `\r` → `\n`; a leading BOM dropped. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Words that name an occasion of speech, or an official paper on one (a brief, a readout, a
 * communiqué): a line holding one, near the top, is the title. A first line without one is
 * often a masthead (`NATO PARLIAMENTARY ASSEMBLY`) or the site's furniture.
 */
const OCCASION_RE =
  /\b(?:briefing|press conference|news conference|remarks|speech|statement|address|transcript|interview|debates?|hearing|q&a|lecture|town ?hall|stake-?out|doorstep|testimony|proceedings|keynote|conversation|roundtable|press stake-out|meeting|summit|communiqu[eé]|declaration|readout|press release|fact sheet|policy brief|key takeaways)\b/i;
/** How many lines from the top are read for the line naming the occasion. */
const TITLE_LINES = 15;

/**
 * The line near the top of a page that names the occasion (`Pentagon Press
 * Secretary Conducts On-Camera Press Briefing`, `Transcript of Chair
 * Powell’s Press Conference`) when the first line does not: pages as copied
 * open with their site's furniture (`An official website of the United
 * States Government`, `Speech`, `Watch the replay`). Three words or more, no
 * sentence (no final full stop), not a speaker's turn.
 */
function occasionLine(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map(l => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, TITLE_LINES);
  return lines.find(isOccasionTitle);
}

/** A line that titles an occasion of speech (see {@link occasionLine}). */
function isOccasionTitle(line: string): boolean {
  const words = line.split(' ').length;
  if (words < 3 || line.length > MAX_TITLE_CHARS || /[.!?]$/.test(line)) return false;
  if (/^by\s/i.test(line)) return false; // the second half of a title (`Speech` + `by …`)
  const colon = /^([^.!?]{0,80}):(\s|$)/.exec(line);
  if (colon && !OCCASION_RE.test(colon[1]!)) return false; // `Name: …` opens a turn
  // Not fields (`a | b`) or a breadcrumb trail (`Home > Remarks`).
  return OCCASION_RE.test(line) && !line.includes(' | ') && !line.includes(' > ');
}

/**
 * The title a text announces: its first line joined with a following
 * `by …` line (`Press conference` + `by Minister … on …`); else, when the
 * first line does not name the occasion and a line near the top does, that
 * line; else the first line when short.
 */
export function guessTitle(text: string): string | undefined {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map(p => p.trim())
    .filter(Boolean);
  const first = paragraphs[0]?.split('\n')[0]?.replace(/\s+/g, ' ').trim();
  const next = paragraphs[1]?.replace(/\s+/g, ' ');
  if (
    first &&
    next &&
    paragraphs[0] === first &&
    /^by\s/i.test(next) &&
    first.length + next.length < MAX_TITLE_CHARS * 1.5
  ) {
    return `${first} ${next}`;
  }
  const occasion = occasionLine(text);
  // A first line naming the occasion stays the title, not a bare word (`Speech`).
  if (occasion && first && !isOccasionTitle(first)) return occasion;
  // A long first line is a sentence; one with a colon starts a speaker turn or a list.
  if (!first || first.length > MAX_TITLE_CHARS || /^[^.!?]{0,80}:(\s|$)/.test(first)) {
    return undefined;
  }
  return first;
}

/** The first date a text states (`2022-01-07`, `7 January 2022`, `Jan. 7, 2022`), as ISO, else undefined. */
export function guessDate(text: string): string | undefined {
  const head = text.slice(0, DATE_WINDOW);
  const found: Array<{ at: number; iso: string }> = [];
  const iso = ISO_DATE.exec(head);
  if (iso) found.push({ at: iso.index, iso: `${iso[1]}-${iso[2]}-${iso[3]}` });
  const dmy = DAY_MONTH_YEAR.exec(head);
  if (dmy) {
    const date = toIso(dmy[3]!, dmy[2]!, dmy[1]!);
    if (date) found.push({ at: dmy.index, iso: date });
  }
  const mdy = MONTH_DAY_YEAR.exec(head);
  if (mdy) {
    const date = toIso(mdy[3]!, mdy[1]!, mdy[2]!);
    if (date) found.push({ at: mdy.index, iso: date });
  }
  found.sort((a, b) => a.at - b.at);
  return found[0]?.iso;
}

function toIso(year: string, month: string, day: string): string | undefined {
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
  const d = Number(day);
  if (m < 1 || d < 1 || d > 31) return undefined;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * `transcript` when the parser reads speaker turns in the text (the same rule
 * `parseDocument` applies to a document of any kind); `statement` when it
 * reads one person's speech without labels (a title or lead naming who
 * speaks, a text in the first person); else `other`.
 */
export function guessKind(doc: SourceDocument): DocumentKind {
  try {
    const parsed = parseDocument({ ...doc, kind: 'other' });
    if (parsed.attributions.some(a => a.label)) return 'transcript';
    return isMonologue(doc, splitBlocks(doc.text)) ? 'statement' : 'other';
  } catch {
    return 'other';
  }
}

/** `nato-press-conference` → `Nato press conference`. */
export function titleFromFileName(fileName: string): string {
  const stem = idFromFileName(fileName).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return stem ? stem[0]!.toUpperCase() + stem.slice(1) : 'Untitled document';
}

/**
 * Markdown → plain text and the metadata of its front matter. Keeps the
 * words and the paragraph structure (list bullets stay, as in the bundled
 * texts); drops link targets, images, comments, heading marks, emphasis
 * marks and code backticks, which a page quoting the text would not print.
 */
export function markdownToText(markdown: string): { text: string; meta: KnownMeta } {
  let md = normaliseNewlines(markdown);
  const meta: KnownMeta = {};
  const front = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/.exec(md);
  if (front) {
    md = md.slice(front[0].length);
    for (const line of front[1]!.split('\n')) {
      const m = /^(\w+)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      const key = m[1]!.toLowerCase();
      const value = m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
      if (!value) continue;
      if (key === 'title') meta.title = value;
      else if (key === 'date') meta.date = guessDate(value) ?? /^\d{4}(-\d{2})?$/.exec(value)?.[0];
      else if (key === 'publisher' || key === 'source' || key === 'author') {
        if (/^https?:\/\//i.test(value)) meta.sourceUrl = value;
        else meta.publisher ??= value;
      } else if (key === 'url' || key === 'sourceurl') {
        if (/^https?:\/\//i.test(value)) meta.sourceUrl = value;
      }
    }
  }
  const text = md
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$/gm, '')
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, '')
    .replace(/\[([^\]\n]+)\]\([^)\n]*\)/g, '$1')
    .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1')
    .replace(/^(\S[^\n]*)\n(?:=+|-+)[ \t]*$/gm, '$1')
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm, (_, heading: string) => {
      if (!meta.title) meta.title = heading.trim();
      return heading;
    })
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w\\])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^```[^\n]*$/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, meta };
}

/** Longest id made from a title. */
const MAX_SLUG_CHARS = 60;

/**
 * A document from pasted text: like a file, with an id made from the title it
 * announces (`press-conference-by-…`), or `pasted-text`.
 */
export function pastedDocument(text: string): SourceDocument {
  const slug = (guessTitle(normaliseNewlines(text)) ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/^-+|-+$/g, '');
  return documentFromText(text, `${slug || 'pasted-text'}.txt`);
}
