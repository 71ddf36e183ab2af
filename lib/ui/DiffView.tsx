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
}

/** True when a diff has something to show: any part that is not `same`. */
export function hasDifferences(diff: readonly DiffPart[]): boolean {
  return diff.some(p => p.op !== 'same');
}

export function DiffView({ diff }: DiffViewProps) {
  const parts = diff.map((part, i) => {
    switch (part.op) {
      case 'same':
        return <span key={i}>{part.quote}</span>;
      case 'changed':
        return (
          <span key={i} class="vb-diff-changed" data-op="changed">
            <del class="vb-del">
              <span class="vb-sr-only">source: </span>
              {part.source}
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
            {part.source}
          </del>
        );
      case 'elided':
        return (
          <del key={i} class="vb-del vb-elided" data-op="elided" title="Left out with an ellipsis">
            <span class="vb-sr-only">page leaves out, with an ellipsis: </span>
            {part.source}
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
