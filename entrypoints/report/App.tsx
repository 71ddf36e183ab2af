/**
 * The report of one tab's quotes: each quote as the page prints it, its
 * finding, the page's attribution against the source's, the source passage
 * and the diff; export as Markdown, CSV or JSON (`lib/ui/report-export.ts`).
 * Props only: `main.tsx` passes the actions for the tab.
 */
import { useEffect, useState } from 'preact/hooks';

import type { PageQuote, PageReport } from '@/lib/messaging/protocol';
import type { ReportActions } from '@/lib/ui/actions';
import { BrandMark } from '@/lib/ui/BrandMark';
import { DiffView, hasDifferences } from '@/lib/ui/DiffView';
import { DiffKey, FindingSummary, FindingTag, MarkLegend } from '@/lib/ui/Finding';
import { type MarkKind, MARK_KINDS, MARK_LEGEND, markKind } from '@/lib/ui/findings';
import { documentLine, speakerDetail } from '@/lib/ui/format';
import { PassageView } from '@/lib/ui/PassageView';
import { type CorpusInfo, reportCsv, reportJson, reportMarkdown } from '@/lib/ui/report-export';

export interface AppProps {
  /** Null when the address names no tab. */
  actions: ReportActions | null;
  onTitle?(title: string): void;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; report: PageReport; corpus: CorpusInfo };

export function App({ actions, onTitle }: AppProps) {
  const [state, setState] = useState<State>(
    actions
      ? { status: 'loading' }
      : { status: 'error', message: 'No tab was given: open the report from Verbatim’s popup.' },
  );
  const [notice, setNotice] = useState('');

  async function load() {
    if (!actions) return;
    const [report, corpus] = await Promise.all([actions.pageReport(), actions.corpusInfo()]);
    if (!report.ok) {
      setState({
        status: 'error',
        message:
          'Verbatim cannot reach that page any more: its tab was closed, navigated away, or is a page Verbatim does not run on.',
      });
      return;
    }
    setState({
      status: 'ready',
      report: report.value,
      corpus: corpus.ok ? corpus.value : { documents: 0, version: 'unknown' },
    });
  }

  useEffect(() => void load(), [actions]);

  useEffect(() => {
    if (state.status === 'ready') {
      onTitle?.(`Quotes on “${state.report.title || state.report.url}” — Verbatim report`);
    }
  }, [state]);

  if (state.status === 'loading') {
    return (
      <main class="rp-page" aria-busy="true">
        <p role="status">Loading the page’s quotes…</p>
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main class="rp-page">
        <h1 class="rp-title">Verbatim report</h1>
        <p class="rp-error" role="alert">
          {state.message}
        </p>
      </main>
    );
  }

  const { report, corpus } = state;
  const counts = new Map<MarkKind, number>();
  for (const q of report.quotes) {
    const kind = markKind(q.match, q.misattributed, q.kind === 'copy');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const copies = counts.get('copy') ?? 0;
  const quotes = report.quotes.length - copies;
  const matched = report.quotes.filter(q => q.match && q.kind !== 'copy').length;
  const base = fileBase(report);

  function download(kind: 'json' | 'md' | 'csv') {
    if (!actions) return;
    const [contents, mime] =
      kind === 'json'
        ? [JSON.stringify(reportJson(report, corpus), null, 2) + '\n', 'application/json']
        : kind === 'md'
          ? [reportMarkdown(report, corpus), 'text/markdown']
          : [reportCsv(report, corpus), 'text/csv'];
    actions.downloadFile(`${base}.${kind}`, contents, `${mime};charset=utf-8`);
    setNotice(`Saved ${base}.${kind}.`);
  }

  async function reveal(q: PageQuote) {
    const result = await actions?.revealQuote(q.id);
    if (!result?.ok) setNotice(result?.error ?? 'Cannot reach the page.');
    else if (!result.value) setNotice('That quote is no longer on the page.');
  }

  return (
    <main class="rp-page">
      <header class="rp-header">
        <p class="rp-brand">
          <BrandMark size={20} /> Verbatim report
        </p>
        <h1 class="rp-title" data-testid="report-title">
          {report.title || report.url}
        </h1>
        <p class="rp-meta">
          <a href={report.url} rel="noopener noreferrer">
            {report.url}
          </a>
          <br />
          Checked {new Date(report.checkedAt).toLocaleString('en-GB')} against {corpus.documents}{' '}
          {corpus.documents === 1 ? 'document' : 'documents'} · {quotes}{' '}
          {quotes === 1 ? 'quote' : 'quotes'}, {matched} with a source
          {copies > 0 && ` · ${copies} unmarked ${copies === 1 ? 'copy' : 'copies'} of a source`}
        </p>
        <ul class="rp-counts" aria-label="Findings">
          {MARK_KINDS.filter(k => counts.has(k)).map(k => (
            <li key={k}>
              <FindingTag kind={k} /> {counts.get(k)}
            </li>
          ))}
        </ul>
        <div class="rp-toolbar">
          <span class="rp-toolbar-label">Export:</span>
          <button type="button" class="rp-button" onClick={() => download('md')}>
            Markdown
          </button>
          <button type="button" class="rp-button" onClick={() => download('csv')}>
            CSV
          </button>
          <button
            type="button"
            class="rp-button"
            onClick={() => download('json')}
            data-testid="export-json"
          >
            JSON
          </button>
          <button type="button" class="rp-button" onClick={() => void load()}>
            Check again
          </button>
        </div>
        <p class="rp-notice" role="status">
          {notice}
        </p>
        <details class="rp-legend">
          <summary>What the underlines on the page mean</summary>
          <MarkLegend />
        </details>
      </header>

      {report.quotes.length === 0 && (
        <p>Verbatim found no quotes, and no unmarked copies of a source, on this page.</p>
      )}
      <ol class="rp-list">
        {report.quotes.map((q, i) => (
          <ReportItem
            key={q.id}
            n={i + 1}
            quote={q}
            actions={actions!}
            onReveal={() => void reveal(q)}
          />
        ))}
      </ol>
    </main>
  );
}

function ReportItem({
  n,
  quote,
  actions,
  onReveal,
}: {
  n: number;
  quote: PageQuote;
  actions: ReportActions;
  onReveal(): void;
}) {
  const m = quote.match;
  const copy = quote.kind === 'copy';
  const kind = markKind(m, quote.misattributed, copy);
  const headingId = `rp-q-${quote.id}`;
  return (
    <li class="rp-item" data-testid="report-quote" data-kind={kind} aria-labelledby={headingId}>
      <h2 class="rp-item-head" id={headingId}>
        <span class="rp-n">{n}.</span> {MARK_LEGEND[kind].label}
        <span class="vb-sr-only">: </span>
      </h2>
      <div class="rp-grid">
        <section aria-label="On the page">
          <h3 class="rp-label">
            {copy ? 'As the page prints it, without quotation marks' : 'As the page prints it'}
          </h3>
          <blockquote class="rp-quote" data-testid="report-quote-text">
            {copy ? quote.text : `“${quote.text}”`}
          </blockquote>
          {!copy && (
            <p class="rp-attr">
              Page names: <strong>{quote.pageSpeaker ?? 'nobody'}</strong>
            </p>
          )}
          <button type="button" class="rp-button" onClick={onReveal}>
            Show on the page
          </button>
        </section>
        <section aria-label="In your corpus">
          <h3 class="rp-label">In your corpus</h3>
          {m ? (
            <>
              <p class="rp-attr" data-testid="report-source-speaker">
                <strong>{m.speaker.name}</strong>
                {speakerDetail(m.speaker) && `, ${speakerDetail(m.speaker)}`}
              </p>
              <p class="rp-doc">
                <a href={actions.readerUrl(m)} target="_blank" rel="noopener">
                  {documentLine(m)}
                </a>
              </p>
              <FindingSummary
                match={m}
                kind={kind}
                pageSpeaker={quote.pageSpeaker}
                misattributed={quote.misattributed}
              />
              <PassageView
                passage={m.passage}
                contextBefore={m.contextBefore}
                contextAfter={m.contextAfter}
                maxContext={200}
              />
              {m.verdict !== 'verbatim' && hasDifferences(m.diff) && (
                <div class="vb-diff-box">
                  <DiffView diff={m.diff} context={8} />
                  <DiffKey />
                </div>
              )}
            </>
          ) : (
            <p class="rp-none">
              No source in your corpus. Verbatim checked these words against every document you
              have; add the original on the options page.
            </p>
          )}
        </section>
      </div>
    </li>
  );
}

/** `verbatim-report-<host>-<date>`. */
function fileBase(report: PageReport): string {
  let host = 'page';
  try {
    host = new URL(report.url).hostname || host;
  } catch {
    // keep "page"
  }
  return `verbatim-report-${host}-${report.checkedAt.slice(0, 10)}`.replace(/[^\w.-]+/g, '-');
}
