/**
 * (ui) The page report in the popup: every quote on the active tab in reading
 * order, with its finding, the source's speaker and document (or "no source"),
 * and the legend of the marks. Choosing a quote (click, or Enter/Space on it;
 * ↑/↓ move between them) scrolls the page to it and opens its popover;
 * "Open report" opens the full report page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

import type { PageQuote } from '@/lib/messaging/protocol';
import type { PopupActions } from '@/lib/ui/actions';
import { FindingTag, MarkLegend } from '@/lib/ui/Finding';
import { markKind } from '@/lib/ui/findings';
import { truncateWords } from '@/lib/ui/format';

export interface PageQuotesProps {
  actions: PopupActions;
  /** Bumped by the page panel's refresh: ask for the list again. */
  refresh: number;
}

export function PageQuotes({ actions, refresh }: PageQuotesProps) {
  const [quotes, setQuotes] = useState<PageQuote[] | null>(null);
  const [error, setError] = useState('');
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    let live = true;
    void actions.pageReport().then(r => {
      if (!live) return;
      if (r.ok) {
        setQuotes(r.value.quotes);
        setError('');
      } else setQuotes(null);
    });
    return () => {
      live = false;
    };
  }, [actions, refresh]);

  if (!quotes || quotes.length === 0) return null;

  async function reveal(id: number) {
    const result = await actions.revealQuote(id);
    if (!result.ok) setError(result.error);
    else if (!result.value) setError('That quote is no longer on the page.');
    else setError('');
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  return (
    <section class="page-quotes" aria-labelledby="page-quotes-title" data-testid="page-quotes">
      <div class="page-quotes-head">
        <h2 id="page-quotes-title" class="section-title">
          {quotes.some(q => q.kind === 'copy')
            ? 'Quotes and copies on this page'
            : 'Quotes on this page'}
        </h2>
        <button
          type="button"
          class="link-button"
          onClick={() => void actions.openReport().then(() => actions.close())}
          data-testid="open-report"
        >
          Open report
        </button>
      </div>
      <ol class="quote-list" ref={list} onKeyDown={onKeyDown}>
        {quotes.map(q => {
          const kind = markKind(q.match, q.misattributed, q.kind === 'copy');
          const who = q.match ? q.match.speaker.name : 'No source in your corpus';
          const text = truncateWords(q.text, 110);
          return (
            <li key={q.id} data-testid="page-quote" data-kind={kind} data-id={q.id}>
              <button type="button" class="quote-item" onClick={() => void reveal(q.id)}>
                <FindingTag kind={kind} />
                {/* (copies) An unmarked copy is shown as printed: without quotation marks. */}
                <span class="quote-text">{kind === 'copy' ? text : `“${text}”`}</span>
                <span class="quote-source muted" data-testid="page-quote-source">
                  {who}
                  {q.match && ` · ${truncateWords(q.match.title, 60)}`}
                  {q.misattributed && q.pageSpeaker && ` · page names ${q.pageSpeaker}`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <details class="legend-box">
        <summary>What the underlines mean</summary>
        <MarkLegend />
      </details>
    </section>
  );
}
