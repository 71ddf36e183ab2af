/**
 * The popover beside a marked quote: who said it, where and when, how
 * faithfully the page quotes it, the source passage in its context, and
 * links to read more. Renders props and calls callbacks only (positioning
 * and focus belong to `QuoteOverlay`).
 *
 * Layout (ui): the finding first — the verdict and what differs in plain
 * words, the misattribution or ambiguity, the source's strength —, then the
 * diff with its key, then the passage in its context, the document, and the
 * actions. One scroll container (the popover itself, with its scroll bar
 * shown) when the viewport is short of room: nothing hides in an inner region.
 */
import { useEffect, useState } from 'preact/hooks';

import type { PopoverView } from '@/lib/content/quote-overlay';
import { DiffView, hasDifferences } from '@/lib/ui/DiffView';
import { DiffKey, FindingSummary } from '@/lib/ui/Finding';
import { markKind, sameSpeakerSameDocument } from '@/lib/ui/findings';
import { documentLine, formatDate, KIND_LABELS, truncateWords } from '@/lib/ui/format';
import { PassageView } from '@/lib/ui/PassageView';
import { SpeakerLine } from '@/lib/ui/SpeakerLine';

/** What the overlay decided to show (see `PopoverView`), and what the buttons do. */
export interface QuotePopoverProps extends Omit<PopoverView, 'id'> {
  /** Close; `restoreFocus` returns focus to the quote. */
  onClose(restoreFocus: boolean): void;
  /** Copy the citation; resolves to whether it worked. */
  onCopy(): Promise<boolean>;
}

/** `alsoIn` entries listed at most; the rest are counted. */
const MAX_ALSO_IN = 3;
/** Alternatives listed at most when a match is ambiguous. */
const MAX_ALTERNATIVES = 3;
/** Unchanged words shown around each difference (the reader has the whole text). */
const DIFF_CONTEXT_WORDS = 5;
/** Characters of context shown before and after the passage. */
const CONTEXT_CHARS = 140;
/** On a short or narrow window (placement gives less room than this, px), less context. */
const SHORT_ROOM = 520;

type CopyState = 'idle' | 'copied' | 'failed';
const COPY_LABELS: Readonly<Record<CopyState, string>> = {
  idle: 'Copy citation',
  copied: 'Copied',
  failed: 'Could not copy',
};

export function QuotePopover(props: QuotePopoverProps) {
  const { match, titleId, placement, readerUrl } = props;
  const [copy, setCopy] = useState<CopyState>('idle');
  // Another quote in the same popover starts afresh.
  useEffect(() => setCopy('idle'), [match.documentId, match.start, match.end]);

  const style = placement
    ? { left: placement.left, top: placement.top, maxHeight: placement.maxHeight }
    : { left: 0, top: 0, visibility: 'hidden' as const };
  const kind = markKind(match, props.misattributed, props.copy);
  // A narrow window (the popover spans it): fewer unchanged words around each difference.
  const narrow = !!props.narrow;
  const context = placement && placement.maxHeight < SHORT_ROOM ? CONTEXT_CHARS / 2 : CONTEXT_CHARS;
  const docMeta = [
    KIND_LABELS[match.kind],
    match.publisher,
    match.date && formatDate(match.date),
    match.page && `p. ${match.page}`,
  ]
    .filter(Boolean)
    .join(' · ');

  const onCopy = async () => {
    const done = await props.onCopy().catch(() => false);
    setCopy(done ? 'copied' : 'failed');
  };

  return (
    <div
      class={`vb-popover${placement ? ` vb-${placement.side}` : ''}`}
      role="dialog"
      aria-labelledby={`${titleId}-kicker ${titleId}`}
      tabIndex={-1}
      style={style}
      data-testid="popover"
      onKeyDown={e => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose(true);
        }
      }}
      onFocusOut={e => {
        const next = e.relatedTarget as Node | null;
        // Focus moved elsewhere on the page (not a window switch, where it is null).
        if (next && !e.currentTarget.contains(next)) props.onClose(false);
      }}
    >
      <div class="vb-head">
        <div class="vb-head-text">
          <p class="vb-kicker" id={`${titleId}-kicker`}>
            {match.ambiguous ? 'Possible source' : 'Source found'}
          </p>
          <SpeakerLine speaker={match.speaker} id={titleId} as="h2" />
        </div>
        <button
          type="button"
          class="vb-close"
          aria-label="Close"
          title="Close (Esc)"
          data-testid="close"
          onClick={() => props.onClose(true)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path
              d="M4 4l8 8M12 4l-8 8"
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linecap="round"
            />
          </svg>
        </button>
      </div>

      <div class="vb-body">
        <FindingSummary
          match={match}
          kind={kind}
          pageSpeaker={props.pageAttribution}
          misattributed={props.misattributed}
        />

        {match.verdict !== 'verbatim' && hasDifferences(match.diff) && (
          <div class="vb-diff-box">
            <p class="vb-label">
              {props.copy ? 'The words on the page' : 'The quote on the page'}, against the source:
            </p>
            <DiffView diff={match.diff} context={narrow ? 3 : DIFF_CONTEXT_WORDS} />
            <DiffKey />
          </div>
        )}

        <PassageView
          passage={match.passage}
          contextBefore={match.contextBefore}
          contextAfter={match.contextAfter}
          maxContext={context}
        />

        <p class="vb-doc" data-testid="document">
          <span class="vb-doc-title">{match.title}</span>
          <span class="vb-doc-meta">{docMeta}</span>
        </p>

        {match.ambiguous && match.alternatives.length > 0 && (
          <div class="vb-section vb-ambiguous" data-testid="ambiguous">
            <p class="vb-label">
              {sameSpeakerSameDocument(match)
                ? 'The other time in this document:'
                : 'Other passages that match about as well:'}
            </p>
            <ul class="vb-list">
              {match.alternatives.slice(0, MAX_ALTERNATIVES).map(alt => (
                <li key={`${alt.documentId}:${alt.start}`} data-testid="alternative">
                  <a href={readerUrl(alt)} target="_blank" rel="noopener">
                    {alt.speaker.name}, {documentLine(alt)}
                  </a>
                  <span class="vb-alt-passage">“{truncateWords(alt.passage, 120)}”</span>
                </li>
              ))}
            </ul>
          </div>
        )}

        {match.alsoIn.length > 0 && (
          <p class="vb-also" data-testid="also-in">
            <span class="vb-label-inline">Also in: </span>
            {match.alsoIn.slice(0, MAX_ALSO_IN).map((ref, i) => (
              <span key={`${ref.documentId}:${ref.start}`}>
                {i > 0 && '; '}
                <a href={readerUrl(ref)} target="_blank" rel="noopener">
                  {documentLine(ref)}
                </a>
              </span>
            ))}
            {match.alsoIn.length > MAX_ALSO_IN && ` and ${match.alsoIn.length - MAX_ALSO_IN} more`}
          </p>
        )}
      </div>

      <div class="vb-actions">
        <a
          class="vb-button vb-primary"
          href={readerUrl(match)}
          target="_blank"
          rel="noopener"
          data-testid="open-reader"
        >
          Open in Verbatim reader
        </a>
        {props.sourceLink && (
          <a
            class="vb-button"
            href={props.sourceLink}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="source-link"
          >
            Original page
          </a>
        )}
        <button type="button" class="vb-button" onClick={onCopy} data-testid="copy">
          {COPY_LABELS[copy]}
        </button>
        {/* Announced by screen readers; the button's own label shows the same to sighted readers. */}
        <span class="vb-sr-only" role="status" data-testid="copy-status">
          {copy === 'idle' ? '' : COPY_LABELS[copy]}
        </span>
      </div>
    </div>
  );
}
