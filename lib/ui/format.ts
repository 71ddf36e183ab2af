/**
 * Text formatting shared by Verbatim's pages and the quote popover. Pure: no
 * browser or storage access.
 */
import type { DocumentKind, PassageRef, Speaker, Verdict } from '../core/types';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A document date for readers: `2022-01-07` → `7 January 2022`, `2022-01` →
 * `January 2022`, `2022` → `2022`. Anything else is returned as written.
 */
export function formatDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso.trim());
  if (!m) return iso;
  const [, year, month, day] = m;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year ?? iso;
  if (!day) return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** What the speaker is, for a line under their name: role, then affiliation. */
export function speakerDetail(speaker: Speaker): string {
  return [speaker.role, speaker.affiliation].filter(Boolean).join(', ');
}

/** Reader-facing names of the verdicts. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  verbatim: 'Verbatim',
  edited: 'Edited',
  paraphrase: 'Paraphrase',
};

/** One sentence per verdict, saying what it means for the quote on the page. */
export const VERDICT_EXPLANATIONS: Readonly<Record<Verdict, string>> = {
  verbatim: 'The page quotes the source word for word.',
  edited: 'The page changes some of the words.',
  paraphrase: 'The page’s wording differs from the source.',
};

/** Reader-facing names of document kinds. */
export const KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  transcript: 'Transcript',
  statement: 'Statement',
  brief: 'Brief',
  article: 'Article',
  other: 'Document',
};

/** `Title (Publisher, 7 January 2022)`: a one-line reference to a document. */
export function documentLine(ref: Pick<PassageRef, 'title' | 'publisher' | 'date'>): string {
  const details = [ref.publisher, ref.date && formatDate(ref.date)].filter(Boolean).join(', ');
  return details ? `${ref.title} (${details})` : ref.title;
}

/** Shortens `text` to at most `max` characters at a word boundary, with an ellipsis. */
export function truncateWords(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
