/**
 * The reader's view of a parsed document: paragraphs (from the parser's
 * sentences), grouped into speaker turns, with a passage to emphasise cut out
 * of them as text slices. Pure: the reader renders the result with Preact.
 */
import type { ParsedDocument, Speaker, Span } from '../core/types';

/** A run of a paragraph's text; `mark` runs are the passage. */
export interface ReaderPiece {
  text: string;
  mark: boolean;
}

export interface ReaderParagraph extends Span {
  pieces: ReaderPiece[];
  /** Whether part of the passage is in this paragraph. */
  marked: boolean;
}

/** Consecutive paragraphs of one speaker (null: the publisher's own text, or no turns). */
export interface ReaderSection {
  speaker: Speaker | null;
  paragraphs: ReaderParagraph[];
}

/**
 * Whether the document is speech with turns (a transcript, or text with speaker labels):
 * then speakers head their turns. In running text (briefs, articles) quoted and reported
 * words stay inside the publisher's paragraphs.
 */
export function hasTurns(parsed: ParsedDocument): boolean {
  return (
    parsed.meta.kind === 'transcript' ||
    parsed.meta.kind === 'statement' ||
    parsed.attributions.some(a => a.label)
  );
}

/** Lay out `parsed` as sections of paragraphs, with `passage` (if any) marked. */
export function layoutDocument(parsed: ParsedDocument, passage?: Span): ReaderSection[] {
  const turns = hasTurns(parsed);
  const sections: ReaderSection[] = [];
  let current: ReaderSection | undefined;
  const segments = parsed.segments;
  for (let i = 0; i < segments.length;) {
    const first = segments[i]!;
    let j = i;
    const votes = new Map<number | null, number>();
    while (j < segments.length && segments[j]!.paragraph === first.paragraph) {
      const s = segments[j]!;
      votes.set(s.speaker, (votes.get(s.speaker) ?? 0) + (s.end - s.start));
      j++;
    }
    const last = segments[j - 1]!;
    const speakerIndex = turns ? majority(votes) : null;
    const speaker = speakerIndex === null ? null : (parsed.speakers[speakerIndex] ?? null);
    const paragraph = cut(parsed.text, first.start, last.end, passage);
    if (!current || current.speaker !== speaker) {
      current = { speaker, paragraphs: [] };
      sections.push(current);
    }
    current.paragraphs.push(paragraph);
    i = j;
  }
  return sections;
}

function majority(votes: Map<number | null, number>): number | null {
  let best: number | null = null;
  let most = -1;
  for (const [speaker, chars] of votes) {
    if (chars > most) {
      best = speaker;
      most = chars;
    }
  }
  return best;
}

/** The paragraph `text[start, end)` in pieces, the passage's part marked. */
function cut(text: string, start: number, end: number, passage?: Span): ReaderParagraph {
  const from = passage ? Math.max(start, passage.start) : end;
  const to = passage ? Math.min(end, passage.end) : end;
  if (!passage || from >= to) {
    return { start, end, pieces: [{ text: text.slice(start, end), mark: false }], marked: false };
  }
  const pieces: ReaderPiece[] = [];
  if (from > start) pieces.push({ text: text.slice(start, from), mark: false });
  pieces.push({ text: text.slice(from, to), mark: true });
  if (to < end) pieces.push({ text: text.slice(to, end), mark: false });
  return { start, end, pieces, marked: true };
}
