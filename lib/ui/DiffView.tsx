/**
 * A quote as printed against its source, word by word: the words the quote
 * changes, adds or leaves out are marked. Rendered in passage order from
 * `DiffPart`s (see `lib/core/types.ts`):
 *
 * - `same`: plain text (as the quote prints it);
 * - `changed`: the source's words struck (`<del>`), then the quote's (`<ins>`);
 * - `added`: the quote's words (`<ins>`);
 * - `removed`: the source's words struck (`<del>`);
 * - `elided`: the source's words the quote replaced with an ellipsis, struck and labelled.
 *
 * Screen readers do not announce `<del>`/`<ins>` by default, so each mark
 * carries visually hidden words ("source:", "page:"). Props only.
 */
import type { DiffPart } from '../core/types';

export interface DiffViewProps {
  diff: readonly DiffPart[];
  /**
   * Words of unchanged text kept on each side of a difference; longer unchanged stretches
   * are shortened to `…`. Default: everything is shown.
   */
  context?: number;
}

/** A `same` part shortened by {@link compactDiff}: `…` stands for the words left out. */
type Shown = DiffPart | { op: 'gap' };

/**
 * The diff with long unchanged stretches shortened: `context` words are kept next to each
 * difference, the rest becomes a gap. A diff without differences is returned as is.
 */
export function compactDiff(diff: readonly DiffPart[], context: number): Shown[] {
  if (!hasDifferences(diff)) return [...diff];
  const out: Shown[] = [];
  diff.forEach((part, i) => {
    if (part.op !== 'same') {
      out.push(part);
      return;
    }
    const words = part.quote.split(/\s+/).filter(Boolean);
    const keepStart = i > 0 ? context : 0;
    const keepEnd = i < diff.length - 1 ? context : 0;
    if (words.length <= keepStart + keepEnd + 1) {
      out.push(part);
      return;
    }
    if (keepStart > 0) {
      const head = words.slice(0, keepStart).join(' ');
      out.push({ op: 'same', quote: head, source: head });
    }
    out.push({ op: 'gap' });
    if (keepEnd > 0) {
      const tail = words.slice(-keepEnd).join(' ');
      out.push({ op: 'same', quote: tail, source: tail });
    }
  });
  return out;
}

/** True when a diff has something to show: any part that is not `same`. */
export function hasDifferences(diff: readonly DiffPart[]): boolean {
  return diff.some(p => p.op !== 'same');
}

/** Source words left out or replaced beyond which, in a compact diff, the middle is counted, not shown. */
const LONG_CUT_WORDS = 10;

/**
 * A long stretch of source words, compact: its first and last words with the count of the
 * rest between (`And we provide … [21 words] … to discuss`). Short ones are returned whole.
 */
export function shortenCut(text: string): { head: string; hidden: number; tail: string } | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= LONG_CUT_WORDS) return null;
  return {
    head: words.slice(0, 4).join(' '),
    hidden: words.length - 7,
    tail: words.slice(-3).join(' '),
  };
}

/** Source words, shortened in a compact diff. */
function SourceWords({ text, compact }: { text: string; compact: boolean }) {
  const cut = compact ? shortenCut(text) : null;
  if (!cut) return <>{text}</>;
  return (
    <>
      {cut.head} <span class="vb-cut">… [{cut.hidden} more words] …</span> {cut.tail}
    </>
  );
}

export function DiffView({ diff, context }: DiffViewProps) {
  const compact = context !== undefined;
  const shown: Shown[] = context === undefined ? [...diff] : compactDiff(diff, context);
  const parts = shown.map((part, i) => {
    switch (part.op) {
      case 'gap':
        return (
          <span key={i} class="vb-gap" title="Unchanged words left out">
            …
          </span>
        );
      case 'same':
        return <span key={i}>{part.quote}</span>;
      case 'changed':
        return (
          <span key={i} class="vb-diff-changed" data-op="changed">
            <del class="vb-del">
              <span class="vb-sr-only">source: </span>
              <SourceWords text={part.source} compact={compact} />
            </del>{' '}
            <ins class={part.editorial ? 'vb-ins vb-editorial' : 'vb-ins'}>
              <span class="vb-sr-only">{part.editorial ? 'editor’s insert: ' : 'page: '}</span>
              {part.quote}
            </ins>
          </span>
        );
      case 'added':
        return (
          <ins key={i} class="vb-ins" data-op="added">
            <span class="vb-sr-only">page adds: </span>
            {part.quote}
          </ins>
        );
      case 'removed':
        return (
          <del key={i} class="vb-del" data-op="removed">
            <span class="vb-sr-only">page leaves out: </span>
            <SourceWords text={part.source} compact={compact} />
          </del>
        );
      case 'elided':
        return (
          <del key={i} class="vb-del vb-elided" data-op="elided" title="Left out with an ellipsis">
            <span class="vb-sr-only">page leaves out, with an ellipsis: </span>
            <SourceWords text={part.source} compact={compact} />
          </del>
        );
    }
  });
  // Parts are words and phrases: a space between each, as in running text.
  const spaced = parts.flatMap((p, i) => (i === 0 ? [p] : [' ', p]));
  return (
    <p class="vb-diff" data-testid="diff">
      {spaced}
    </p>
  );
}
