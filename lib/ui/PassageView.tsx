/**
 * A source passage in its context: the text just before and after it in
 * muted type, the passage itself emphasised. `contextBefore`, `passage` and
 * `contextAfter` are consecutive slices of the document (a passage may start
 * or end mid-sentence), so they are joined as they are, white space collapsed.
 * Props only.
 */
export interface PassageViewProps {
  passage: string;
  contextBefore?: string;
  contextAfter?: string;
  /** Context longer than this (characters) is shortened at a word, with an ellipsis. */
  maxContext?: number;
}

export function PassageView({
  passage,
  contextBefore = '',
  contextAfter = '',
  maxContext = 240,
}: PassageViewProps) {
  const before = shortenStart(squash(contextBefore).trimStart(), maxContext);
  const after = shortenEnd(squash(contextAfter).trimEnd(), maxContext);
  return (
    <blockquote class="vb-passage" data-testid="passage">
      {before && <span class="vb-context">{before}</span>}
      <mark class="vb-passage-text" data-testid="passage-text">
        {squash(passage).trim()}
      </mark>
      {after && <span class="vb-context">{after}</span>}
    </blockquote>
  );
}

/** White space runs (paragraph breaks included) to one space; ends kept. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The end of `text`, at most `max` characters, cut at a word. */
function shortenStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(text.length - max);
  const space = cut.indexOf(' ');
  return `…${space >= 0 && space < max / 2 ? cut.slice(space + 1) : cut}`;
}

/** The start of `text`, at most `max` characters, cut at a word. */
function shortenEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
