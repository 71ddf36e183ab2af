/**
 * Facts about a span of a parsed document: who says it, and the sentences
 * around it. Shared by quote matching and corpus search.
 */
import { pageAt } from './pages';
import type { ParsedDocument, PassageRef, Span, Speaker } from './types';

/**
 * Who the document attributes `span` to: the attribution overlapping most of
 * it, or the publisher when no speaker's words overlap it.
 */
export function speakerOf(doc: ParsedDocument, span: Span): Speaker {
  const index = attributionIndexOf(doc, span);
  const attribution = index < 0 ? undefined : doc.attributions[index];
  const speaker = attribution ? doc.speakers[attribution.speaker] : undefined;
  return speaker ?? { name: doc.meta.publisher };
}

/** Index of the attribution overlapping most of `span`, or -1 if none overlaps it. */
export function attributionIndexOf(doc: ParsedDocument, span: Span): number {
  const list = doc.attributions;
  // First attribution that ends after the span starts.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestOverlap = 0;
  for (let i = lo; i < list.length && list[i]!.start < span.end; i++) {
    const a = list[i]!;
    const overlap = Math.min(a.end, span.end) - Math.max(a.start, span.start);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = i;
    }
  }
  return best;
}

/** Index of the segment containing (or, failing that, following) `offset`; segments.length if none. */
export function segmentIndexAt(doc: ParsedDocument, offset: number): number {
  const list = doc.segments;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The text around a passage: before it, the start of its sentence and the
 * whole sentence before that; after it, the rest of its sentence and the
 * sentence after. Context never crosses into another speaker's turn.
 */
export function contextOf(doc: ParsedDocument, span: Span): { before: string; after: string } {
  const { segments, text } = doc;
  if (segments.length === 0) return { before: '', after: '' };
  const firstIndex = Math.min(segmentIndexAt(doc, span.start), segments.length - 1);
  const lastIndex = Math.min(
    segmentIndexAt(doc, Math.max(span.start, span.end - 1)),
    segments.length - 1,
  );
  const turn = attributionIndexOf(doc, span);
  const sameTurn = (i: number): boolean => {
    const s = segments[i];
    return s !== undefined && attributionIndexOf(doc, s) === turn;
  };

  const first = segments[firstIndex]!;
  let from = Math.min(first.start, span.start);
  if (firstIndex > 0 && sameTurn(firstIndex - 1)) from = segments[firstIndex - 1]!.start;
  const last = segments[lastIndex]!;
  let to = Math.max(last.end, span.end);
  if (lastIndex + 1 < segments.length && sameTurn(lastIndex + 1)) to = segments[lastIndex + 1]!.end;
  return { before: text.slice(from, span.start), after: text.slice(span.end, to) };
}

/** A reference to `span` of `doc`, with its speaker. */
export function passageRef(doc: ParsedDocument, span: Span): PassageRef {
  const { meta } = doc;
  return {
    documentId: meta.id,
    title: meta.title,
    kind: meta.kind,
    date: meta.date,
    publisher: meta.publisher,
    ...(meta.sourceUrl ? { sourceUrl: meta.sourceUrl } : {}),
    ...(meta.pages ? { page: pageAt(meta.pages, span.start) } : {}),
    speaker: speakerOf(doc, span),
    start: span.start,
    end: span.end,
    passage: doc.text.slice(span.start, span.end),
  };
}
