/**
 * Everything Verbatim draws on a page, inside its shadow root: a focusable
 * proxy per marked quote (transparent, at the quote's first line, ignoring
 * the pointer, of no size until it has focus) and the popover, right after its quote's proxy in tab order.
 * Props only: `QuoteOverlay` computes them.
 */
import { Component, Fragment, type VNode } from 'preact';

import type { OverlayViewProps, PopoverView, ProxyView } from '@/lib/content/quote-overlay';
import { QuotePopover } from './QuotePopover';
import { SourceNotice } from './SourceNotice';

interface ChunkProps {
  proxies: ProxyView[];
  /** The open popover, when its proxy is in this chunk (drawn right after it: tab order). */
  popover?: PopoverView;
  renderPopover(p: PopoverView): VNode;
  onActivate(id: number): void;
  onProxyFocus(id: number | undefined): void;
}

/**
 * A run of proxies, rendered again only when its proxies or its popover change: a page of
 * thousands of quotes is laid out in slices, and each slice must not diff them all.
 */
class ProxyChunk extends Component<ChunkProps> {
  override shouldComponentUpdate(next: ChunkProps): boolean {
    return next.proxies !== this.props.proxies || next.popover !== this.props.popover;
  }

  override render() {
    const { proxies, popover, renderPopover, onActivate, onProxyFocus } = this.props;
    return (
      <Fragment>
        {proxies.map(p => (
          <Fragment key={p.id}>
            <button
              type="button"
              class="vb-proxy"
              data-proxy-id={p.id}
              aria-label={p.label}
              aria-haspopup="dialog"
              aria-expanded={popover?.id === p.id}
              // Placed and sized only while focused (style.css): an element over the page's
              // text can be detected (an IntersectionObserver's occlusion test), and these
              // exist only for quotes with a source.
              style={{
                '--vb-x': `${p.box.left}px`,
                '--vb-y': `${p.box.top}px`,
                '--vb-w': `${p.box.width}px`,
                '--vb-h': `${p.box.height}px`,
              }}
              onClick={() => onActivate(p.id)}
              onFocus={() => onProxyFocus(p.id)}
              onBlur={() => onProxyFocus(undefined)}
            />
            {popover?.id === p.id && renderPopover(popover)}
          </Fragment>
        ))}
      </Fragment>
    );
  }
}

export function Overlay({
  chunks,
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
  const at = popover ? chunks.findIndex(c => c.some(p => p.id === popover.id)) : -1;
  return (
    <div class="vb-layer">
      {/* Contained: drawing proxies never makes the page lay itself out again (style.css). */}
      <div class="vb-proxies">
        {chunks.map((proxies, i) => (
          <ProxyChunk
            key={i}
            proxies={proxies}
            popover={i === at ? popover : undefined}
            renderPopover={renderPopover}
            onActivate={onActivate}
            onProxyFocus={onProxyFocus}
          />
        ))}
      </div>
      {popover && at < 0 && renderPopover(popover)}
      {notice && <SourceNotice notice={notice} onSearch={onSearch} onClose={onCloseNotice} />}
    </div>
  );
}
