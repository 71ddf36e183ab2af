/**
 * The answer to "Find source in Verbatim" when the corpus has none: said
 * plainly at the selection, with a way on (search the corpus with the
 * selection typed in). Props only.
 */
import type { NoticeView } from '@/lib/content/quote-overlay';
import { truncateWords } from '@/lib/ui/format';

export interface SourceNoticeProps {
  notice: NoticeView;
  onSearch(): void;
  onClose(): void;
}

export function SourceNotice({ notice, onSearch, onClose }: SourceNoticeProps) {
  const { placement, titleId } = notice;
  const style = placement
    ? { left: placement.left, top: placement.top, maxHeight: placement.maxHeight }
    : { left: 0, top: 0, visibility: 'hidden' as const };
  return (
    <div
      class={`vb-popover vb-notice${placement ? ` vb-${placement.side}` : ''}`}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      style={style}
      data-vb-notice=""
      data-testid="source-notice"
      onKeyDown={e => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div class="vb-head">
        <div class="vb-head-text">
          <p class="vb-kicker">Find source</p>
          <h2 class="vb-notice-title" id={titleId}>
            No source in your corpus
          </h2>
        </div>
        <button
          type="button"
          class="vb-close"
          aria-label="Close"
          title="Close (Esc)"
          onClick={onClose}
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
        <p class="vb-notice-text">
          None of your documents says “{truncateWords(notice.text, 90)}”, word for word or close to
          it.
        </p>
        <div class="vb-actions">
          <button type="button" class="vb-action" onClick={onSearch} data-testid="search-corpus">
            Search the corpus
          </button>
        </div>
      </div>
    </div>
  );
}
