/**
 * The reader: a whole document from the corpus with its speaker turns and
 * metadata, scrolled to a passage (`?doc=<id>&start=<n>&end=<n>`) that is
 * marked with `<mark>` elements cut from the text. Props only: the page's
 * `main.tsx` passes the background call.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

import type { ParsedDocument, SourceDocument, Span } from '@/lib/core/types';
import type { Result } from '@/lib/messaging/protocol';
import { withEmphasis } from '@/lib/ui/emphasis';
import { formatDate, KIND_LABELS } from '@/lib/ui/format';
import type { ReaderTarget } from '@/lib/ui/reader-link';
import { hasTurns, layoutDocument } from '@/lib/ui/reader-layout';
import { SpeakerLine } from '@/lib/ui/SpeakerLine';

export interface AppProps {
  /** From the address; null when it names no document. */
  target: ReaderTarget | null;
  loadDocument(id: string): Promise<Result<{ document: SourceDocument; parsed: ParsedDocument }>>;
  /** Set the window's title. */
  onTitle?(title: string): void;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; document: SourceDocument; parsed: ParsedDocument };

export function App({ target, loadDocument, onTitle }: AppProps) {
  const [state, setState] = useState<State>(
    target ? { status: 'loading' } : { status: 'error', message: 'No document was given.' },
  );

  useEffect(() => {
    if (!target) return;
    let live = true;
    void loadDocument(target.documentId).then(result => {
      if (!live) return;
      if (result.ok) setState({ status: 'ready', ...result.value });
      else
        setState({
          status: 'error',
          message: `There is no document “${target.documentId}” in your Verbatim corpus. It may have been deleted or renamed.`,
        });
    });
    return () => {
      live = false;
    };
  }, [target?.documentId]);

  useEffect(() => {
    if (state.status === 'ready') onTitle?.(`${state.document.title} — Verbatim reader`);
    else if (state.status === 'error') onTitle?.('Document not found — Verbatim reader');
  }, [state]);

  if (state.status === 'loading') {
    return (
      <main class="rd-page" aria-busy="true">
        <p class="rd-status" role="status">
          Loading…
        </p>
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main class="rd-page">
        <h1 class="rd-title">Document not found</h1>
        <p class="rd-error" role="alert" data-testid="reader-error">
          {state.message}
        </p>
      </main>
    );
  }
  const passage =
    target?.start !== undefined && target.end !== undefined
      ? { start: target.start, end: target.end }
      : undefined;
  return <DocumentView document={state.document} parsed={state.parsed} passage={passage} />;
}

interface DocumentViewProps {
  document: SourceDocument;
  parsed: ParsedDocument;
  passage?: Span;
}

function DocumentView({ document: doc, parsed, passage }: DocumentViewProps) {
  const firstMark = useRef<HTMLElement>(null);
  const sections = layoutDocument(parsed, passage);
  const turns = hasTurns(parsed);
  let markSeen = false;

  useEffect(() => {
    const mark = firstMark.current;
    if (!mark) return;
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
  }, [doc.id, passage?.start, passage?.end]);

  const meta = [KIND_LABELS[doc.kind], doc.publisher, doc.date && formatDate(doc.date)].filter(
    Boolean,
  );
  return (
    <main class="rd-page">
      <header class="rd-header">
        <p class="rd-kicker">Verbatim reader</p>
        <h1 class="rd-title" data-testid="reader-title">
          {doc.title}
        </h1>
        <p class="rd-meta" data-testid="reader-meta">
          {meta.join(' · ')}
        </p>
        {doc.sourceUrl && (
          <p class="rd-source">
            <a href={doc.sourceUrl} target="_blank" rel="noopener noreferrer">
              Original page
            </a>
          </p>
        )}
        {!turns && parsed.speakers.length > 0 && (
          <p class="rd-speakers">Quoted: {parsed.speakers.map(s => s.name).join(', ')}</p>
        )}
      </header>
      <article class="rd-document" aria-label={doc.title}>
        {sections.map((section, i) => (
          <section
            key={i}
            class={section.speaker ? 'rd-turn' : 'rd-turn rd-narration'}
            data-testid="reader-turn"
          >
            {section.speaker && <SpeakerLine speaker={section.speaker} as="h2" />}
            {section.paragraphs.map(p => (
              <p key={p.start} class="rd-paragraph">
                {withEmphasis(p.pieces).map((run, k) => {
                  const { from: piece } = run;
                  const text = run.strong ? (
                    <strong>{run.em ? <em>{run.text}</em> : run.text}</strong>
                  ) : run.em ? (
                    <em>{run.text}</em>
                  ) : (
                    run.text
                  );
                  if (!piece.mark) return <span key={k}>{text}</span>;
                  const first = !markSeen;
                  markSeen = true;
                  return (
                    <mark
                      key={k}
                      class="rd-mark"
                      data-testid="reader-mark"
                      ref={first ? firstMark : undefined}
                      tabIndex={first ? -1 : undefined}
                      aria-label={first ? 'Quoted passage' : undefined}
                    >
                      {text}
                    </mark>
                  );
                })}
              </p>
            ))}
          </section>
        ))}
      </article>
    </main>
  );
}
