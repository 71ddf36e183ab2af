/**
 * Search results as a listbox: each option shows the passage with the
 * matched words marked, then who said it, in which document, and when.
 * The search box owns the focus and points at the active option with
 * `aria-activedescendant`.
 */
import { useEffect, useRef } from 'preact/hooks';

import type { SearchHit, Span } from '@/lib/core/types';
import { formatDate, KIND_LABELS } from '@/lib/ui/format';
import { HighlightedText } from '@/lib/ui/HighlightedText';

export const LISTBOX_ID = 'vb-results';

/** The id of the option for result `index`. */
export function optionId(index: number): string {
  return `vb-result-${index}`;
}

/**
 * A passage for display: emphasis marks of Markdown-like sources (`**`, `__`) removed, with
 * the highlights moved to match. The words stay exactly as in the document.
 */
export function displayPassage(
  text: string,
  highlights: readonly Span[],
): { text: string; highlights: Span[] } {
  const removed: number[] = [];
  const out = text.replace(/\*{2,}|_{2,}/g, (run, at: number) => {
    for (let i = 0; i < run.length; i++) removed.push(at + i);
    return '';
  });
  if (removed.length === 0) return { text, highlights: [...highlights] };
  const shift = (offset: number) => offset - removed.filter(r => r < offset).length;
  return {
    text: out,
    highlights: highlights.map(h => ({ start: shift(h.start), end: shift(h.end) })),
  };
}

/** (ui) How well a result matches the query, for the reader: a weak one is shown as weak. */
export function matchQuality(score: number, noSource = false): 'close' | 'partial' | 'weak' {
  if (noSource || score < 0.4) return 'weak';
  return score >= 0.75 ? 'close' : 'partial';
}

const QUALITY_LABELS = { close: 'close match', partial: 'partial match', weak: 'weak match' };

export interface ResultListProps {
  /** (ui) The query is a whole quote the matcher found no source for: every hit is weak. */
  noSource?: boolean;
  hits: readonly SearchHit[];
  active: number;
  onActivate: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  busy: boolean;
}

export function ResultList({
  hits,
  active,
  onActivate,
  onOpen,
  busy,
  noSource = false,
}: ResultListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const option = listRef.current?.querySelector<HTMLElement>(`#${optionId(active)}`);
    // Not every DOM implements it (happy-dom).
    option?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <ul
      ref={listRef}
      id={LISTBOX_ID}
      class="results"
      role="listbox"
      aria-label="Passages matching your search"
      aria-busy={busy}
      data-testid="results"
    >
      {hits.map((hit, i) => (
        <li
          key={`${hit.documentId}:${hit.start}`}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          class={`result${i === active ? ' active' : ''} quality-${matchQuality(hit.score, noSource)}`}
          data-testid="result"
          data-quality={matchQuality(hit.score, noSource)}
          onMouseMove={() => i !== active && onActivate(i)}
          // Keep the focus in the search box.
          onMouseDown={e => e.preventDefault()}
          onClick={() => onOpen(hit)}
        >
          <p class="result-passage" data-testid="result-passage">
            <HighlightedText {...displayPassage(hit.passage, hit.highlights)} />
          </p>
          <p class="result-source">
            <span class="result-speaker" data-testid="result-speaker">
              {hit.speaker.name}
            </span>
            <span class="result-quality" data-testid="result-quality">
              {' '}
              · {QUALITY_LABELS[matchQuality(hit.score, noSource)]}
            </span>
            <span class="vb-sr-only">, </span>
            <span class="result-doc">
              <span class="result-title">{hit.title}</span>
              <span class="vb-sr-only">, </span>
              <span class="result-meta">
                {[KIND_LABELS[hit.kind], hit.date && formatDate(hit.date)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}
