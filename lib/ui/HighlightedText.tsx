/**
 * Text with some ranges marked (`<mark>`), built from slices of the text:
 * never parsed as markup. Props only.
 */
import type { Span } from '../core/types';

export interface HighlightedTextProps {
  text: string;
  /** Ranges of `text` to mark, in any order; overlapping or out-of-range ones are merged or clipped. */
  highlights: readonly Span[];
}

export function HighlightedText({ text, highlights }: HighlightedTextProps) {
  const parts: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const { start, end } of mergeSpans(highlights, text.length)) {
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((part, i) =>
        part.marked ? (
          <mark key={i} class="vb-hit-mark">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** Spans sorted, clipped to `[0, length)`, empty ones dropped, overlapping or touching ones merged. */
export function mergeSpans(spans: readonly Span[], length: number): Span[] {
  const sorted = spans
    .map(s => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter(s => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
