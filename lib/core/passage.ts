/**
 * Facts about a span of a parsed document: who says it, and the sentences
 * around it. Shared by quote matching and corpus search.
 */
import { isAlnum, isSpace, wordsBetween } from './char-class';
import { pageAt } from './pages';
import { findMentions } from './person-mentions';
import { findQuotations } from './quotations';
import type {
  ParsedDocument,
  PassageDocument,
  PassageRecord,
  PassageRef,
  Span,
  Speaker,
} from './types';

/** What `speakerOf` reads of a document: no text needed. */
export type SpeakerSource = Pick<ParsedDocument, 'meta' | 'speakers' | 'attributions'>;

/**
 * Who the document attributes `span` to: the attribution overlapping most of
 * it, or the publisher when no speaker's words overlap it.
 */
export function speakerOf(doc: SpeakerSource, span: Span): Speaker {
  const index = attributionIndexOf(doc, span);
  const attribution = index < 0 ? undefined : doc.attributions[index];
  const speaker = attribution ? doc.speakers[attribution.speaker] : undefined;
  return speaker ?? { name: doc.meta.publisher };
}

/** Index of the attribution overlapping most of `span`, or -1 if none overlaps it. */
export function attributionIndexOf(doc: Pick<ParsedDocument, 'attributions'>, span: Span): number {
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
export function segmentIndexAt(doc: Pick<ParsedDocument, 'segments'>, offset: number): number {
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
export function contextOf(doc: PassageDocument, span: Span): { before: string; after: string } {
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
export function passageRef(doc: PassageDocument, span: Span): PassageRef {
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
    record: recordOf(doc, span),
    start: span.start,
    end: span.end,
    passage: doc.text.slice(span.start, span.end),
  };
}

/** Quotations shorter than this (in words) are scare quotes, not quoted speech. */
const MIN_QUOTED_WORDS = 3;

/** Documents with labelled speaker turns (computed once per parsed document). */
const HAS_TURNS = new WeakMap<PassageDocument, boolean>();
function hasTurns(doc: PassageDocument): boolean {
  let turns = HAS_TURNS.get(doc);
  if (turns === undefined) HAS_TURNS.set(doc, (turns = doc.attributions.some(a => a.label)));
  return turns;
}

/** The paragraph `offset` stands in, from its segments (opening marks and spaces included). */
function paragraphAround(doc: PassageDocument, offset: number): Span | null {
  const { segments, text } = doc;
  const at = Math.min(segmentIndexAt(doc, offset), segments.length - 1);
  if (at < 0) return null;
  const paragraph = segments[at]!.paragraph;
  let first = at;
  while (first > 0 && segments[first - 1]!.paragraph === paragraph) first--;
  let last = at;
  while (last + 1 < segments.length && segments[last + 1]!.paragraph === paragraph) last++;
  // A sentence may start after its opening mark: take in marks and spaces on the same line.
  let start = segments[first]!.start;
  const floor = first > 0 ? segments[first - 1]!.end : 0;
  while (
    start > floor &&
    start > segments[first]!.start - 4 &&
    !isAlnum(text[start - 1]) &&
    text[start - 1] !== '\n'
  )
    start--;
  let end = segments[last]!.end;
  const ceiling = last + 1 < segments.length ? segments[last + 1]!.start : text.length;
  while (
    end < ceiling &&
    end < segments[last]!.end + 4 &&
    !isAlnum(text[end]) &&
    text[end] !== '\n'
  )
    end++;
  return { start: Math.min(start, offset), end };
}

/** Whether most of `span` stands inside one quotation of its paragraph (a scare quote does not count). */
function insideQuotation(doc: PassageDocument, span: Span): boolean {
  const paragraph = paragraphAround(doc, span.start);
  if (!paragraph) return false;
  const end = Math.max(paragraph.end, span.end);
  let length = 0;
  for (let i = span.start; i < span.end; i++) if (!isSpace(doc.text[i])) length++;
  return findQuotations(doc.text, paragraph.start, end).some(q => {
    if (wordsBetween(doc.text, q.start, q.end) < MIN_QUOTED_WORDS) return false;
    let inside = 0;
    for (let i = Math.max(q.start, span.start); i < Math.min(q.end, span.end); i++)
      if (!isSpace(doc.text[i])) inside++;
    return inside >= 0.8 * length;
  });
}

/**
 * Whether `span` opens as reported speech inside a speaker's turn: its sentence has someone
 * (named, by role, or `he`/`she`) as the subject of a verb of saying before it (`the minister
 * said that ...`): the turn's speaker reports another's words.
 */
function reportedInTurn(doc: PassageDocument, span: Span): boolean {
  const at = segmentIndexAt(doc, span.start);
  const sentence = doc.segments[at];
  if (!sentence || sentence.start > span.start) return false;
  const quotes = findQuotations(doc.text, sentence.start, sentence.end);
  return findMentions(doc.text, sentence.start, span.start, quotes).some(
    m => m.subject && m.verb !== undefined && m.verb.end <= span.start,
  );
}

/**
 * What `span` of `doc` is as a record of its speaker's words (see {@link PassageRecord}),
 * by the passage itself: a speaker turn is a primary record whatever kind the document
 * declares; words a turn or a brief puts in quotation marks are quoted, not recorded; the
 * running text of a brief or article reports speech, and so does a turn's sentence that
 * says what someone else said (`the minister said that ...`).
 */
export function recordOf(doc: PassageDocument, span: Span): PassageRecord {
  const index = attributionIndexOf(doc, span);
  if (index < 0) return 'publisher';
  const kind = doc.meta.kind;
  const turns = hasTurns(doc);
  const speech = turns || kind === 'transcript' || kind === 'statement';
  if (insideQuotation(doc, span)) return 'quoted';
  if (!speech || reportedInTurn(doc, span)) return 'reported';
  return turns || kind === 'transcript' ? 'turn' : 'statement';
}
