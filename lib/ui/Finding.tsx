/**
 * What Verbatim found about a quote, shown the same way in the popover, the
 * popup's page list and the report page: the mark's line style as a swatch
 * (the legend), the verdict with what differs in plain words, the diff's key,
 * and the source's strength. Props only.
 */
import type { QuoteMatch } from '../core/types';
import {
  ambiguityText,
  describeDiff,
  type MarkKind,
  MARK_KINDS,
  MARK_LEGEND,
  misattributionText,
  sameSpeakerSameDocument,
  sourceStrength,
  verdictHeadline,
} from './findings';

/** A short stretch of underline drawn as the page draws the mark (style and colour). */
export function MarkSwatch({ kind }: { kind: MarkKind }) {
  return <span class={`vb-swatch vb-swatch-${kind}`} aria-hidden="true" />;
}

/** Every kind of mark with its line and meaning. */
export function MarkLegend({ id }: { id?: string }) {
  return (
    <ul class="vb-legend" id={id} data-testid="legend">
      {MARK_KINDS.map(kind => (
        <li key={kind} data-kind={kind}>
          <MarkSwatch kind={kind} />
          <span class="vb-legend-label">{MARK_LEGEND[kind].label}</span>
          <span class="vb-legend-meaning">
            {' '}
            — {MARK_LEGEND[kind].meaning} ({MARK_LEGEND[kind].line})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The label of a kind with its swatch (`data-kind` for tests). */
export function FindingTag({ kind }: { kind: MarkKind }) {
  return (
    <span class={`vb-tag vb-tag-${kind}`} data-kind={kind} data-testid="finding">
      <MarkSwatch kind={kind} />
      {MARK_LEGEND[kind].label}
    </span>
  );
}

export interface FindingSummaryProps {
  match: QuoteMatch;
  kind: MarkKind;
  pageSpeaker?: string;
  misattributed: boolean;
}

/**
 * The finding first: the verdict as a headline with what differs in plain words, then
 * the misattribution or ambiguity said as what the corpus holds, then the source's strength.
 */
export function FindingSummary({ match, kind, pageSpeaker, misattributed }: FindingSummaryProps) {
  const changes = match.verdict === 'verbatim' ? [] : describeDiff(match.diff);
  const strength = sourceStrength(match);
  return (
    <div class="vb-finding" data-testid="verdict" data-verdict={match.verdict} data-kind={kind}>
      <p class="vb-finding-head">
        <FindingTag kind={kind} />
        <span class="vb-finding-title">{verdictHeadline(kind)}</span>
      </p>
      {kind === 'misattributed' && match.verdict !== 'verbatim' && (
        <p class="vb-finding-sub">{verdictHeadline(match.verdict)}.</p>
      )}
      {kind === 'copy' && (
        <p class="vb-finding-sub" data-testid="copy-note">
          The page prints these words as its own text, not as a quote
          {match.verdict === 'verbatim' ? ': they are the source’s, word for word.' : '.'}
        </p>
      )}
      {changes.length > 0 && (
        <ul class="vb-changes" data-testid="changes">
          {changes.map(c => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {misattributed && pageSpeaker && (
        <p class="vb-alert" role="note" data-testid="misattribution">
          {misattributionText(match, pageSpeaker)}
        </p>
      )}
      {match.ambiguous && (
        <p class={sameSpeakerSameDocument(match) ? 'vb-note' : 'vb-alert'} data-testid="ambiguity">
          {ambiguityText(match)}
        </p>
      )}
      <p
        class={`vb-strength ${strength.primary ? 'vb-primary-source' : 'vb-reported'}`}
        data-testid="strength"
        data-primary={String(strength.primary)}
      >
        {strength.text}
      </p>
    </div>
  );
}

/** The diff's key: what struck, highlighted and boxed words mean. */
export function DiffKey() {
  return (
    <p class="vb-diff-key" data-testid="diff-key">
      <span>
        <del class="vb-del">struck</del> in the source, not on the page
      </span>
      <span>
        <ins class="vb-ins">green</ins> printed on the page
      </span>
      <span>
        <del class="vb-del vb-elided">double-struck</del> cut with “…”
      </span>
    </p>
  );
}
