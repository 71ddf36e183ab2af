/**
 * (ui) The matcher's answer for a search that looks like a whole quote: its
 * source, or a plain "no source" so that loosely related results are not
 * taken for one.
 */
import type { QuoteMatch } from '@/lib/core/types';
import { FindingTag } from '@/lib/ui/Finding';
import { markKind } from '@/lib/ui/findings';
import { documentLine } from '@/lib/ui/format';

export function QuoteCheck({
  match,
  onOpen,
}: {
  match: QuoteMatch | null;
  onOpen(target: { documentId: string; start: number; end: number }): void;
}) {
  if (!match) {
    return (
      <p class="quote-check no-source" data-testid="quote-check" data-found="false">
        <FindingTag kind="nosource" />
        <span>
          No document in your corpus is the source of these words. The passages below only share
          some of them.
        </span>
      </p>
    );
  }
  return (
    <p class="quote-check" data-testid="quote-check" data-found="true">
      <FindingTag kind={markKind(match, false)} />
      <span>
        Source: <strong>{match.speaker.name}</strong>,{' '}
        <button type="button" class="link-button" onClick={() => onOpen(match)}>
          {documentLine(match)}
        </button>
      </span>
    </p>
  );
}
