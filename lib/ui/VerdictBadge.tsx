/** The verdict on a quote (Verbatim / Edited / Paraphrase) as a coloured label. Props only. */
import type { Verdict } from '../core/types';
import { VERDICT_EXPLANATIONS, VERDICT_LABELS } from './format';

export interface VerdictBadgeProps {
  verdict: Verdict;
  /** Also show the one-sentence explanation after the label. */
  explain?: boolean;
}

export function VerdictBadge({ verdict, explain = false }: VerdictBadgeProps) {
  return (
    <p class="vb-verdict" data-testid="verdict" data-verdict={verdict}>
      <span class={`vb-badge vb-badge-${verdict}`}>{VERDICT_LABELS[verdict]}</span>
      {explain && <span class="vb-verdict-text"> {VERDICT_EXPLANATIONS[verdict]}</span>}
    </p>
  );
}
