/**
 * The page report's exports: JSON (the documented shape below), Markdown and
 * CSV. Pure.
 *
 * ```json
 * { "url", "title", "checkedAt", "corpus": { "documents", "version" },
 *   "quotes": [{ "kind", "text", "pageSpeaker", "verdict", "score", "ambiguous", "misattributed",
 *                "source": null | { "document", "title", "date", "speaker", "role",
 *                                   "passage", "start", "end", "kind", "primary" },
 *                "diff" }] }
 * ```
 *
 * A quote without a source has `verdict`, `score` and `source` null and an
 * empty `diff`; `pageSpeaker` is null when the page names nobody. `kind` is
 * `quote`, or `copy` for an unmarked copy (words the page prints without
 * quotation marks that reproduce the source: it always has a source, and
 * `pageSpeaker` null). The list is in reading order, copies among the quotes.
 */
import type { DiffPart, DocumentKind, Verdict } from '../core/types';
import type { PageQuote, PageReport } from '../messaging/protocol';
import { isPrimaryRecord, markKind, MARK_LEGEND, passageRecord, RECORD_LABEL } from './findings';
import { formatDate } from './format';

export interface ReportJson {
  url: string;
  title: string;
  checkedAt: string;
  corpus: { documents: number; version: string };
  quotes: ReportQuoteJson[];
}

export interface ReportQuoteJson {
  /** (copies) `copy`: an unmarked copy, not a quote. */
  kind: 'quote' | 'copy';
  text: string;
  pageSpeaker: string | null;
  verdict: Verdict | null;
  score: number | null;
  ambiguous: boolean;
  misattributed: boolean;
  source: null | {
    document: string;
    title: string;
    date: string;
    speaker: string;
    role: string | null;
    passage: string;
    start: number;
    end: number;
    kind: DocumentKind;
    primary: boolean;
  };
  diff: DiffPart[];
}

export type CorpusInfo = ReportJson['corpus'];

export function reportJson(report: PageReport, corpus: CorpusInfo): ReportJson {
  return {
    url: report.url,
    title: report.title,
    checkedAt: report.checkedAt,
    corpus: { documents: corpus.documents, version: corpus.version },
    quotes: report.quotes.map(quoteJson),
  };
}

function quoteJson(q: PageQuote): ReportQuoteJson {
  const m = q.match;
  return {
    kind: q.kind ?? 'quote',
    text: q.text,
    pageSpeaker: q.pageSpeaker ?? null,
    verdict: m ? m.verdict : null,
    score: m ? Math.round(m.score * 1000) / 1000 : null,
    ambiguous: !!m?.ambiguous,
    misattributed: q.misattributed,
    source: m
      ? {
          document: m.documentId,
          title: m.title,
          date: m.date,
          speaker: m.speaker.name,
          role: m.speaker.role ?? null,
          passage: m.passage,
          start: m.start,
          end: m.end,
          kind: m.kind,
          primary: isPrimaryRecord(m),
        }
      : null,
    diff: m ? m.diff : [],
  };
}

/** The diff as one line of text: `{source → page}`, `[-left out-]`, `{+added+}`, `[…left out…]`. */
export function diffText(diff: readonly DiffPart[]): string {
  return diff
    .map(p => {
      switch (p.op) {
        case 'same':
          return p.quote;
        case 'changed':
          return `{${p.source} → ${p.quote}}`;
        case 'added':
          return `{+${p.quote}+}`;
        case 'removed':
          return `[-${p.source}-]`;
        case 'elided':
          return `[…${p.source}…]`;
      }
    })
    .join(' ');
}

/** A one-word label of a quote's finding (the legend's). */
export function findingLabel(q: PageQuote): string {
  return MARK_LEGEND[markKind(q.match, q.misattributed, q.kind === 'copy')].label;
}

function mdEscape(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

export function reportMarkdown(report: PageReport, corpus: CorpusInfo): string {
  const lines = [
    `# Quotes on “${mdEscape(report.title || report.url)}”`,
    '',
    `${report.url}  `,
    `Checked ${report.checkedAt} against ${corpus.documents} documents (corpus ${corpus.version}).`,
    '',
  ];
  report.quotes.forEach((q, i) => {
    lines.push(`## ${i + 1}. ${findingLabel(q)}`, '', `> ${mdEscape(q.text)}`, '');
    if (q.kind === 'copy') lines.push('- Printed without quotation marks');
    else lines.push(`- Page names: ${q.pageSpeaker ? mdEscape(q.pageSpeaker) : 'nobody'}`);
    const m = q.match;
    if (!m) {
      lines.push('- Source: none in the corpus', '');
      return;
    }
    const role = m.speaker.role ? `, ${mdEscape(m.speaker.role)}` : '';
    lines.push(
      `- Source: ${mdEscape(m.speaker.name)}${role}, *${mdEscape(m.title)}*${m.date ? ` (${formatDate(m.date)})` : ''}, ${m.kind} (${RECORD_LABEL[passageRecord(m)]})`,
      `- Verdict: ${m.verdict}, score ${m.score.toFixed(2)}${m.ambiguous ? ', ambiguous' : ''}${q.misattributed ? ', attributed to someone else by the page' : ''}`,
      `- Passage: “${mdEscape(m.passage)}”`,
    );
    if (m.verdict !== 'verbatim') lines.push(`- Differences: ${mdEscape(diffText(m.diff))}`);
    lines.push('');
  });
  return lines.join('\n');
}

const CSV_COLUMNS = [
  'kind',
  'text',
  'pageSpeaker',
  'verdict',
  'score',
  'ambiguous',
  'misattributed',
  'sourceSpeaker',
  'sourceRole',
  'document',
  'title',
  'date',
  'kind',
  'primary',
  'passage',
  'start',
  'end',
  'diff',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quoted always; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function reportCsv(report: PageReport, corpus: CorpusInfo): string {
  const json = reportJson(report, corpus);
  const rows = json.quotes.map(q =>
    [
      q.kind,
      q.text,
      q.pageSpeaker,
      q.verdict,
      q.score,
      q.ambiguous,
      q.misattributed,
      q.source?.speaker,
      q.source?.role,
      q.source?.document,
      q.source?.title,
      q.source?.date,
      q.source?.kind,
      q.source?.primary,
      q.source?.passage,
      q.source?.start,
      q.source?.end,
      q.diff.length ? diffText(q.diff) : '',
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.map(csvCell).join(','), ...rows].join('\r\n') + '\r\n';
}
