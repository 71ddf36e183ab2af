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

export interface ResultListProps {
  hits: readonly SearchHit[];
  active: number;
  onActivate: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  busy: boolean;
}

export function ResultList({ hits, active, onActivate, onOpen, busy }: ResultListProps) {
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
          class={i === active ? 'result active' : 'result'}
          data-testid="result"
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
