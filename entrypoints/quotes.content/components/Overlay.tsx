/**
 * Everything Verbatim draws on a page, inside its shadow root: a focusable
 * proxy per marked quote (transparent, over the quote's first line, ignoring
 * the pointer) and the popover, right after its quote's proxy in tab order.
 * Props only: `QuoteOverlay` computes them.
 */
import { Fragment } from 'preact';

import type { OverlayViewProps, PopoverView } from '@/lib/content/quote-overlay';
import { QuotePopover } from './QuotePopover';
import { SourceNotice } from './SourceNotice';

export function Overlay({
  proxies,
  popover,
  onActivate,
  onProxyFocus,
  onClose,
  onCopy,
  notice,
  onSearch,
  onCloseNotice,
}: OverlayViewProps) {
  const renderPopover = (p: PopoverView) => (
    <QuotePopover
      key={`popover-${p.id}`}
      match={p.match}
      pageAttribution={p.pageAttribution}
      misattributed={p.misattributed}
      titleId={p.titleId}
      placement={p.placement}
      readerUrl={p.readerUrl}
      sourceLink={p.sourceLink}
      narrow={p.narrow}
      copy={p.copy}
      onClose={onClose}
      onCopy={onCopy}
    />
  );
  const inline = !!popover && proxies.some(p => p.id === popover.id);
  return (
    <div class="vb-layer">
      {proxies.map(p => (
        <Fragment key={p.id}>
          <button
            type="button"
            class="vb-proxy"
            data-proxy-id={p.id}
            aria-label={p.label}
            aria-haspopup="dialog"
            aria-expanded={popover?.id === p.id}
            style={{ left: p.box.left, top: p.box.top, width: p.box.width, height: p.box.height }}
            onClick={() => onActivate(p.id)}
            onFocus={() => onProxyFocus(p.id)}
            onBlur={() => onProxyFocus(undefined)}
          />
          {popover?.id === p.id && renderPopover(popover)}
        </Fragment>
      ))}
      {popover && !inline && renderPopover(popover)}
      {notice && <SourceNotice notice={notice} onSearch={onSearch} onClose={onCloseNotice} />}
    </div>
  );
}
