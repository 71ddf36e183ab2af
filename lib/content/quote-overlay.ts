/**
 * The container of Verbatim's UI on a page (H `adder.tsx` pattern): it owns
 * the element inside the shadow root, renders the overlay view (Preact) with
 * plain props, positions the popover beside its quote, and moves focus. The
 * view itself only renders props and calls callbacks.
 *
 * The overlay holds:
 * - one transparent, focusable proxy button per marked quote, absolutely
 *   positioned over the quote's first line box (out of the page's flow and
 *   `pointer-events: none`, so the page's own clicks, links and selection are
 *   untouched). They make the quotes reachable by Tab and give them an
 *   accessible name;
 * - the popover (`role="dialog"`), rendered right after its quote's proxy so
 *   Tab continues from the popover to the next quote, and shown in the top layer
 *   (a manual popover, `showPopover()`): above every page element, whatever its
 *   `z-index`, and placed from the quote's client rects in viewport
 *   coordinates, out of reach of the page's transforms.
 *
 * Links to the reader are opened by the extension (`openReader`): the reader
 * is not web-accessible, so a page cannot load it or probe for it.
 */
import { type ComponentType, h, render } from 'preact';

import type { PassageRef, QuoteMatch, Span } from '../core/types';
import { formatCitation } from './citation';
import { type Mark, proxyLabel } from './marks';
import { type Box, placePopover, type Placement, unionBox } from './position';
import { textFragmentUrl } from './text-fragment';

export interface ProxyView {
  id: number;
  label: string;
  /** Position relative to the overlay's root element. */
  box: Box;
}

export interface PopoverView {
  /** The mark's id. */
  id: number;
  match: QuoteMatch;
  /** Who the page says said it, as written. */
  pageAttribution?: string;
  /** True when the page names someone other than the source's speaker. */
  misattributed: boolean;
  /** Id of the element that labels the dialog. */
  titleId: string;
  /** Where to draw it; undefined while it is measured (drawn invisible at 0, 0). */
  placement?: Placement;
  /** The reader page for a passage (the match, an alternative, an `alsoIn` entry). */
  readerUrl: (ref: Span & Pick<PassageRef, 'documentId'>) => string;
  /** The original web page with a text fragment, when the source has an address. */
  sourceLink?: string;
  /** (ui) The window is narrow (the popover spans it): a more compact diff. */
  narrow?: boolean;
  /** (copies) An unmarked copy: words the page prints without quotation marks, not a quote. */
  copy?: boolean;
}

/** The same proxy in the same place. */
function sameProxy(a: ProxyView, b: ProxyView): boolean {
  return (
    a.id === b.id &&
    a.label === b.label &&
    a.box.left === b.box.left &&
    a.box.top === b.box.top &&
    a.box.width === b.box.width &&
    a.box.height === b.box.height
  );
}

/** "No source in your corpus" for a selection the reader asked about. */
export interface NoticeView {
  /** The selection, as sourced. */
  text: string;
  titleId: string;
  placement?: Placement;
}

export interface OverlayViewProps {
  /**
   * The proxies in page order, in chunks: a chunk's array is the same object until one of its
   * proxies changes, so the view re-renders only the chunks a layout slice changed.
   */
  chunks: ProxyView[][];
  popover?: PopoverView;
  notice?: NoticeView;
  /** The notice's "Search the corpus" (opens the search with the selection typed in). */
  onSearch(): void;
  onCloseNotice(): void;
  /** A proxy was activated (Enter, Space, or a screen reader's click). */
  onActivate(id: number): void;
  /** A proxy gained (id) or lost (undefined) focus. */
  onProxyFocus(id: number | undefined): void;
  /** The popover asks to close (its close button, Escape); `restoreFocus` returns focus to its quote. */
  onClose(restoreFocus: boolean): void;
  /** Copy the open popover's citation; resolves to whether it worked. */
  onCopy(): Promise<boolean>;
}

export interface QuoteOverlayOptions {
  /** The overlay view: a Preact component rendering `OverlayViewProps`. */
  View: ComponentType<OverlayViewProps>;
  /** The reader page's address (`browser.runtime.getURL('/reader.html')`). */
  readerUrl: (ref: Span & Pick<PassageRef, 'documentId'>) => string;
  /** Put text on the clipboard; resolves to whether it worked. */
  copyText: (text: string) => Promise<boolean>;
  /** Told when the open or focused quote changes (to emphasise its highlight). */
  onChange?: () => void;
  /** Open the corpus search with `query` typed in (the notice's "Search the corpus"). */
  onSearch?: (query: string) => void;
  /**
   * Open a reader link (an address from `readerUrl`) in a new tab. The popover's links to
   * the reader call this instead of navigating: a web page may not open extension pages.
   */
  openReader?: (href: string) => void;
  /** Told when the overlay is destroyed (to remove its host). */
  onDestroy?: () => void;
  /**
   * Runs a slice of the proxies' layout later. The content script passes "after the next
   * frame" (`requestAnimationFrame` then `setTimeout`), so measuring finds the layout clean
   * and hundreds of quotes never hold the main thread at once. Default: at once.
   */
  defer?: (fn: () => void) => void;
  /** Test seam: the clock for layout slices. */
  now?: () => number;
  /** Test seam: the window (viewport size). */
  win?: Window;
}

/** Work per layout slice (ms) before the rest is deferred. */
const LAYOUT_SLICE_MS = 4;
/** Proxies measured per layout slice at most (drawing them is most of a slice's cost). */
const PROXIES_PER_SLICE = 60;
/** Proxies per chunk of the view (see `OverlayViewProps.chunks`). */
const CHUNK = 60;

/** (ui) Below this viewport width (px) the popover is compact. */
const NARROW_PX = 520;
/**
 * How many times one opening of the popover puts it back on top of a page element shown in
 * the top layer after it (a page that answers each time with another would otherwise loop).
 */
const MAX_RAISES = 20;

/** How the open popover was opened: by pointer (hover, click) or by keyboard (focus moves into it). */
export type OpenedBy = 'pointer' | 'keyboard';

let overlays = 0;

export class QuoteOverlay {
  private marks: Mark[] = [];
  private byId = new Map<number, Mark>();
  private chunks: ProxyView[][] = [];
  /** Each mark's accessible name, made once. */
  private labels = new WeakMap<Mark, string>();
  private popover: PopoverView | undefined;
  private notice: NoticeView | undefined;
  private opened: OpenedBy | undefined;
  private focused: number | undefined;
  private anchor: Box | undefined;
  private layoutPass = 0;
  private layoutDone = 0;
  private waiters: Array<() => void> = [];
  private readonly win: Window;
  private readonly prefix = `vb-${++overlays}`;
  private raises = 0;
  private readonly stopWatchingTopLayer: () => void;

  /**
   * @param root - The element to render into (inside the shadow root). It must be
   *   positioned (`position: absolute`): proxy positions are relative to it.
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly options: QuoteOverlayOptions,
  ) {
    this.win = options.win ?? window;
    const onLink = (e: MouseEvent) => {
      if (!options.openReader || (e.type === 'auxclick' && e.button !== 1)) return;
      const link = (e.target as Element | null)?.closest?.('a[href]');
      const href = link?.getAttribute('href');
      if (!href || !this.isReaderLink(href)) return;
      e.preventDefault();
      e.stopPropagation();
      options.openReader(href);
    };
    root.addEventListener('click', onLink);
    root.addEventListener('auxclick', onLink);
    this.stopWatchingTopLayer = this.watchTopLayer();
  }

  /**
   * Put the open popover back on top when the page shows something in the top layer after it
   * (a popover, a modal dialog): what the user opened stays readable. Page popovers announce
   * themselves with a `toggle` event (heard in the capture phase; ours, in the closed root, is
   * not composed and never reaches the document); dialogs by their `open` attribute.
   */
  private watchTopLayer(): () => void {
    const doc = this.win.document;
    const raise = () => {
      const el = this.popoverElement;
      if (!this.popover || !el || this.raises >= MAX_RAISES) return;
      this.raises++;
      this.showInTopLayer(el);
    };
    // Only what the page put in the top layer (not a `<details>` opening, which fires the same
    // event and sets the same attribute).
    const inTopLayer = (target: EventTarget | Node | null) => {
      try {
        return (target as Element).matches(':popover-open, :modal');
      } catch {
        return false; // not an element, or an engine without these selectors
      }
    };
    const onToggle = (e: Event) => {
      if ((e as Event & { newState?: string }).newState === 'open' && inTopLayer(e.target)) {
        raise();
      }
    };
    doc.addEventListener('toggle', onToggle, true);
    const view = doc.defaultView;
    const observer =
      view && 'MutationObserver' in view
        ? new view.MutationObserver(records => {
            if (records.some(r => inTopLayer(r.target))) raise();
          })
        : undefined;
    observer?.observe(doc, { subtree: true, attributes: true, attributeFilter: ['open'] });
    return () => {
      doc.removeEventListener('toggle', onToggle, true);
      observer?.disconnect();
    };
  }

  private isReaderLink(href: string): boolean {
    const sample = this.options.readerUrl({ documentId: 'x', start: 0, end: 0 });
    const base = sample.slice(0, sample.indexOf('?'));
    return href === base || href.startsWith(`${base}?`);
  }

  /** The open popover's mark id. */
  get openId(): number | undefined {
    return this.popover?.id;
  }

  get openedBy(): OpenedBy | undefined {
    return this.opened;
  }

  /** The mark whose proxy has focus. */
  get focusedId(): number | undefined {
    return this.focused;
  }

  /** The popover element, when open. */
  get popoverElement(): HTMLElement | null {
    return this.root.querySelector<HTMLElement>('[role="dialog"]');
  }

  /** Whether an event's path goes through the popover. */
  isInPopover(event: Event): boolean {
    const el = this.popoverElement;
    if (!el) return false;
    const path = event.composedPath();
    if (path.includes(el)) return true;
    // Seen from outside a closed shadow root, the path stops at the host: then the pointer's
    // position says whether it is over the popover.
    const host = (this.root.getRootNode() as ShadowRoot).host as Element | undefined;
    if (!host || !path.includes(host) || !('clientX' in event)) return false;
    const { clientX: x, clientY: y } = event as MouseEvent;
    const r = el.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }

  /** Show these marks (replacing the previous ones). An open popover whose mark is gone closes. */
  setMarks(marks: readonly Mark[]): void {
    this.marks = [...marks];
    this.byId = new Map(this.marks.map(m => [m.id, m]));
    if (this.popover) {
      const mark = this.byId.get(this.popover.id);
      if (mark) this.popover = { ...this.popover, ...this.popoverContent(mark) };
      else this.popover = undefined;
    }
    if (this.focused !== undefined && !this.byId.has(this.focused)) this.focused = undefined;
    this.layout();
  }

  /**
   * Measure the quotes again and move the proxies (after a resize or a DOM change), in
   * slices of a few milliseconds (see `QuoteOverlayOptions.defer`). An open popover follows
   * its quote at once. A new call supersedes a layout still under way.
   */
  layout(): void {
    const pass = ++this.layoutPass;
    const marks = this.marks;
    const before = new Map(this.chunks.flat().map(p => [p.id, p]));
    // Until its slice comes, a quote keeps its previous place.
    const views: Array<ProxyView | undefined> = marks.map(m => before.get(m.id));
    const previous = this.chunks;
    const chunkAt = (c: number): ProxyView[] => {
      const chunk = views.slice(c * CHUNK, (c + 1) * CHUNK).filter((p): p is ProxyView => !!p);
      const old = previous[c];
      // The same proxies as before: the same array (the view does not render it again).
      return old && old.length === chunk.length && old.every((p, i) => p === chunk[i])
        ? old
        : chunk;
    };
    let chunks = Array.from({ length: Math.ceil(marks.length / CHUNK) }, (_, c) => chunkAt(c));
    const defer = this.options.defer ?? (fn => fn());
    const now = this.options.now ?? (() => performance.now());
    let next = 0;
    const step = () => {
      if (pass !== this.layoutPass) return;
      const origin = this.root.getBoundingClientRect();
      const until = now() + LAYOUT_SLICE_MS;
      const first = next;
      const last = next + PROXIES_PER_SLICE;
      while (next < marks.length) {
        const mark = marks[next]!;
        const proxy = this.measure(mark, origin);
        const old = before.get(mark.id);
        views[next] = proxy && old && sameProxy(old, proxy) ? old : proxy;
        next++;
        if (next >= last || now() >= until) break;
      }
      chunks = [...chunks];
      for (let c = Math.floor(first / CHUNK); c * CHUNK < next; c++) chunks[c] = chunkAt(c);
      this.chunks = chunks;
      this.draw();
      if (next < marks.length) defer(step);
      else this.settle();
    };
    if (this.popover && this.anchor) this.place(this.anchorOf(this.popover.id) ?? this.anchor);
    defer(step);
  }

  /** Resolves when the latest layout is complete (every proxy in place). */
  settled(): Promise<void> {
    if (this.layoutDone === this.layoutPass) return Promise.resolve();
    return new Promise(resolve => this.waiters.push(resolve));
  }

  private settle(): void {
    this.layoutDone = this.layoutPass;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private measure(mark: Mark, origin: DOMRect): ProxyView | undefined {
    const first = mark.ranges.find(r => !r.collapsed);
    if (!first) return undefined;
    const r = first.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return undefined;
    let label = this.labels.get(mark);
    if (label === undefined) this.labels.set(mark, (label = proxyLabel(mark)));
    return {
      id: mark.id,
      label,
      box: {
        left: r.left - origin.left,
        top: r.top - origin.top,
        width: r.width,
        height: r.height,
      },
    };
  }

  /**
   * Open the popover for a mark beside `anchor` (default: the quote's visible lines).
   * Keyboard: focus moves into the popover.
   */
  open(id: number, openedBy: OpenedBy, anchor?: Box): void {
    const mark = this.byId.get(id);
    if (!mark) return;
    const box = anchor ?? this.anchorOf(id);
    if (!box) return;
    this.notice = undefined;
    const same = this.popover?.id === id;
    if (!same) {
      this.popover = {
        id,
        titleId: `${this.prefix}-title-${id}`,
        ...this.popoverContent(mark),
      };
    }
    // A keyboard user who opened it keeps keyboard focus handling until it closes.
    this.opened = same && this.opened === 'keyboard' ? 'keyboard' : openedBy;
    this.anchor = box;
    this.place(box);
    if (openedBy === 'keyboard') this.popoverElement?.focus({ preventScroll: true });
    this.options.onChange?.();
  }

  /** Say beside `anchor` that the corpus has no source for `text`; focus moves into it. */
  openNotice(text: string, anchor: Box): void {
    this.close();
    this.notice = { text, titleId: `${this.prefix}-notice` };
    this.draw();
    const el = this.root.querySelector<HTMLElement>('[data-vb-notice]');
    if (!el) return;
    const size = el.getBoundingClientRect();
    const placement = placePopover(
      anchor,
      { width: size.width, height: size.height },
      {
        width: this.win.document.documentElement.clientWidth || this.win.innerWidth,
        height: this.win.document.documentElement.clientHeight || this.win.innerHeight,
      },
    );
    this.notice = { ...this.notice, placement };
    this.draw();
    this.root.querySelector<HTMLElement>('[data-vb-notice]')?.focus({ preventScroll: true });
  }

  closeNotice(): void {
    if (!this.notice) return;
    this.notice = undefined;
    this.draw();
  }

  /** Close the popover; with `restoreFocus`, focus returns to its quote's proxy. */
  close(restoreFocus = false): void {
    const popover = this.popover;
    if (!popover) return;
    const hadFocus = this.focusWithin(this.popoverElement);
    this.popover = undefined;
    this.opened = undefined;
    this.anchor = undefined;
    this.raises = 0;
    this.draw();
    if (restoreFocus || hadFocus) this.proxyElement(popover.id)?.focus({ preventScroll: true });
    this.options.onChange?.();
  }

  /**
   * The page scrolled or moved: keep the popover beside its quote, or close it
   * (returning focus) once the quote has moved away by more than `tolerance` px.
   */
  follow(tolerance = 40): void {
    if (!this.popover || !this.anchor) return;
    const now = this.anchorOf(this.popover.id);
    if (
      !now ||
      Math.abs(now.top - this.anchor.top) > tolerance ||
      Math.abs(now.left - this.anchor.left) > tolerance
    ) {
      this.close(this.opened === 'keyboard');
      return;
    }
    this.place(now);
  }

  /** The quote's lines in the viewport, as one box (viewport coordinates). */
  anchorOf(id: number): Box | undefined {
    const mark = this.byId.get(id);
    if (!mark) return undefined;
    const rects: Box[] = [];
    const vh = this.win.innerHeight;
    for (const range of mark.ranges) {
      for (const r of range.getClientRects()) {
        if (r.width <= 0 || r.height <= 0) continue;
        if (r.bottom < 0 || r.top > vh) continue;
        rects.push({ left: r.left, top: r.top, width: r.width, height: r.height });
      }
    }
    return unionBox(rects);
  }

  /** Remove the UI's content and forget the marks. */
  destroy(): void {
    this.stopWatchingTopLayer();
    this.layoutPass++;
    this.settle();
    this.marks = [];
    this.byId.clear();
    this.chunks = [];
    this.popover = undefined;
    this.notice = undefined;
    render(null, this.root);
    this.options.onDestroy?.();
  }

  private popoverContent(mark: Mark): Omit<PopoverView, 'id' | 'titleId' | 'placement'> {
    const { match } = mark;
    const view: Omit<PopoverView, 'id' | 'titleId' | 'placement'> = {
      match,
      misattributed: mark.attribution === 'different',
      readerUrl: this.options.readerUrl,
    };
    if (mark.quote.attribution) view.pageAttribution = mark.quote.attribution;
    if (mark.quote.mark === 'copy') view.copy = true;
    if (match.sourceUrl) view.sourceLink = textFragmentUrl(match.sourceUrl, match.passage);
    return view;
  }

  /** Draw the popover invisibly, measure it, and draw it in place. */
  private place(anchor: Box): void {
    if (!this.popover) return;
    this.popover = { ...this.popover, placement: undefined };
    this.draw();
    const el = this.popoverElement;
    if (!el) return;
    this.showInTopLayer(el);
    const size = el.getBoundingClientRect();
    const viewport = {
      width: this.win.document.documentElement.clientWidth || this.win.innerWidth,
      height: this.win.document.documentElement.clientHeight || this.win.innerHeight,
    };
    const placement = placePopover(
      anchor,
      { width: size.width, height: size.height },
      viewport,
      this.nextQuoteBox(this.popover.id, anchor),
    );
    this.popover = { ...this.popover, placement, narrow: viewport.width < NARROW_PX };
    this.draw();
  }

  /**
   * Put the popover in the top layer, last (above page dialogs and popovers shown before
   * it). Where the Popover API is missing it stays a fixed element at the top z-index.
   */
  private showInTopLayer(el: HTMLElement): void {
    if (typeof el.showPopover !== 'function') return;
    if (el.getAttribute('popover') !== 'manual') el.setAttribute('popover', 'manual');
    try {
      if (el.matches(':popover-open')) el.hidePopover();
      el.showPopover();
    } catch {
      // Not connected yet, or the engine refused: the fixed position still applies.
    }
  }

  /** (ui) The first line of the quote after `id` that starts below the anchor, if in view. */
  private nextQuoteBox(id: number, anchor: Box): Box | undefined {
    const at = this.marks.findIndex(m => m.id === id);
    const bottom = anchor.top + anchor.height;
    for (const mark of this.marks.slice(at + 1, at + 6)) {
      for (const range of mark.ranges) {
        for (const r of range.getClientRects()) {
          if (r.width <= 0 || r.height <= 0 || r.top < bottom) continue;
          return { left: r.left, top: r.top, width: r.width, height: r.height };
        }
      }
    }
    return undefined;
  }

  private draw(): void {
    const { View } = this.options;
    render(
      h(View, {
        chunks: this.chunks,
        popover: this.popover,
        notice: this.notice,
        onSearch: () => {
          const text = this.notice?.text;
          this.closeNotice();
          if (text) this.options.onSearch?.(text);
        },
        onCloseNotice: () => this.closeNotice(),
        onActivate: id => this.open(id, 'keyboard'),
        onProxyFocus: id => {
          this.focused = id;
          this.options.onChange?.();
        },
        onClose: restoreFocus => this.close(restoreFocus),
        onCopy: () => this.copy(),
      }),
      this.root,
    );
  }

  private async copy(): Promise<boolean> {
    const mark = this.popover && this.byId.get(this.popover.id);
    if (!mark) return false;
    return this.options.copyText(formatCitation(mark.match));
  }

  private proxyElement(id: number): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[data-proxy-id="${id}"]`);
  }

  private focusWithin(el: Element | null): boolean {
    if (!el) return false;
    const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
    return !!active && el.contains(active);
  }
}
