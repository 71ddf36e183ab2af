/**
 * Pointer and page events around the marked quotes: hovering a quote opens
 * its popover (after a short pause, so sweeping the pointer over the text
 * does not flash popovers), moving away closes it after a grace delay (time
 * to move into the popover), a click or tap opens it at once, Escape closes
 * it, and scrolling the quote away closes it. `mousemove` is read once per
 * animation frame.
 *
 * Only the user's own input counts: events a page script makes (`isTrusted`
 * false: `dispatchEvent`, `click()`) are ignored, so a page cannot open a
 * popover (and have the user's corpus drawn) by itself.
 */
import type { HitTester } from './hit-test';
import type { Mark } from './marks';
import type { Box } from './position';
import type { OpenedBy } from './quote-overlay';

/** Hover time (ms) before a popover opens. */
export const OPEN_DELAY_MS = 150;
/** Time (ms) the pointer has to reach the popover after leaving its quote. */
export const CLOSE_DELAY_MS = 350;

/** The overlay as the hover controller drives it. */
export interface HoverOverlay {
  readonly openId: number | undefined;
  readonly openedBy: OpenedBy | undefined;
  open(id: number, openedBy: OpenedBy, anchor?: Box): void;
  close(restoreFocus?: boolean): void;
  /** The page scrolled: follow the quote or close. */
  follow(): void;
  isInPopover(event: Event): boolean;
  /** Measure the quotes again (after a layout change). */
  layout(): void;
}

export interface HoverOptions {
  doc?: Document;
  /** Test seams: timers and animation frames (a content script passes `ctx`'s). */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
  requestAnimationFrame?: (fn: () => void) => unknown;
  /** Told when the hovered quote changes. */
  onHoverChange?: (id: number | undefined) => void;
  /** The shadow host: events inside it are Verbatim's own. */
  host?: Element;
  openDelayMs?: number;
  closeDelayMs?: number;
}

export class HoverController {
  private readonly abort = new AbortController();
  private readonly doc: Document;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (id: unknown) => void;
  private readonly frame: (fn: () => void) => unknown;
  private pointer: { x: number; y: number; inPopover: boolean } | undefined;
  private framePending = false;
  private openTimer: unknown;
  private openFor: number | undefined;
  private closeTimer: unknown;
  private hoveredId: number | undefined;
  private scrollPending = false;

  constructor(
    private readonly hits: HitTester<Mark>,
    private readonly overlay: HoverOverlay,
    private readonly options: HoverOptions = {},
  ) {
    this.doc = options.doc ?? document;
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? (id => clearTimeout(id as number));
    this.frame = options.requestAnimationFrame ?? (fn => requestAnimationFrame(fn));
    const win = this.doc.defaultView ?? window;
    const signal = this.abort.signal;
    this.doc.addEventListener('mousemove', e => this.onMove(e), { passive: true, signal });
    this.doc.addEventListener('click', e => this.onClick(e), { signal });
    this.doc.addEventListener('keydown', e => this.onKey(e), { signal });
    win.addEventListener('scroll', e => this.onScroll(e), { passive: true, capture: true, signal });
    win.addEventListener('resize', () => this.onLayout(), { passive: true, signal });
    this.doc.documentElement.addEventListener('mouseleave', () => this.onLeaveWindow(), { signal });
  }

  /** The quote under the pointer. */
  get hovered(): number | undefined {
    return this.hoveredId;
  }

  destroy(): void {
    this.abort.abort();
    this.cancelOpen();
    this.cancelClose();
  }

  /** The layout changed (resize, DOM change): measure again. */
  onLayout(): void {
    this.hits.invalidate();
    this.overlay.layout();
  }

  private onMove(e: MouseEvent): void {
    if (!e.isTrusted) return;
    this.pointer = { x: e.clientX, y: e.clientY, inPopover: this.overlay.isInPopover(e) };
    if (this.framePending) return;
    this.framePending = true;
    this.frame(() => {
      this.framePending = false;
      this.update();
    });
  }

  private update(): void {
    const p = this.pointer;
    if (!p) return;
    if (p.inPopover) {
      this.cancelClose();
      this.cancelOpen();
      return;
    }
    const hit = this.hits.hit(p.x, p.y);
    this.setHovered(hit?.item.id);
    const openId = this.overlay.openId;
    if (hit) {
      const id = hit.item.id;
      if (id === openId) {
        this.cancelClose();
        this.cancelOpen();
        return;
      }
      if (this.openFor !== id) {
        this.cancelOpen();
        this.openFor = id;
        this.openTimer = this.setTimer(() => {
          this.openTimer = undefined;
          this.openFor = undefined;
          if (this.hoveredId === id) this.overlay.open(id, 'pointer');
        }, this.options.openDelayMs ?? OPEN_DELAY_MS);
      }
      return;
    }
    this.cancelOpen();
    if (openId !== undefined && this.overlay.openedBy === 'pointer') this.scheduleClose();
  }

  private onClick(e: MouseEvent): void {
    if (!e.isTrusted || this.isOurs(e)) return;
    const hit = this.hits.hit(e.clientX, e.clientY);
    if (hit) {
      this.cancelOpen();
      this.cancelClose();
      if (this.overlay.openId !== hit.item.id) this.overlay.open(hit.item.id, 'pointer');
      return;
    }
    if (this.overlay.openId !== undefined) this.overlay.close(false);
  }

  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted) return;
    if (e.key !== 'Escape' || this.overlay.openId === undefined) return;
    this.cancelOpen();
    this.overlay.close(this.overlay.openedBy === 'keyboard');
  }

  private onScroll(e: Event): void {
    if (!e.isTrusted || this.isOurs(e)) return;
    // A scroll inside an element moves its quotes; the window's scroll does not change page coordinates.
    if (e.target !== this.doc && e.target !== this.doc.defaultView) this.onLayout();
    if (this.overlay.openId === undefined || this.scrollPending) return;
    this.scrollPending = true;
    this.frame(() => {
      this.scrollPending = false;
      this.overlay.follow();
    });
  }

  private onLeaveWindow(): void {
    this.cancelOpen();
    this.setHovered(undefined);
    if (this.overlay.openId !== undefined && this.overlay.openedBy === 'pointer')
      this.scheduleClose();
  }

  private scheduleClose(): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = this.setTimer(() => {
      this.closeTimer = undefined;
      // Still away from the quote and the popover?
      const p = this.pointer;
      if (p?.inPopover) return;
      if (p && this.hits.hit(p.x, p.y)?.item.id === this.overlay.openId) return;
      if (this.overlay.openedBy === 'pointer') this.overlay.close(false);
    }, this.options.closeDelayMs ?? CLOSE_DELAY_MS);
  }

  private cancelOpen(): void {
    if (this.openTimer !== undefined) this.clearTimer(this.openTimer);
    this.openTimer = undefined;
    this.openFor = undefined;
  }

  private cancelClose(): void {
    if (this.closeTimer !== undefined) this.clearTimer(this.closeTimer);
    this.closeTimer = undefined;
  }

  private setHovered(id: number | undefined): void {
    if (id === this.hoveredId) return;
    this.hoveredId = id;
    this.options.onHoverChange?.(id);
  }

  private isOurs(e: Event): boolean {
    const host = this.options.host;
    return !!host && e.composedPath().includes(host);
  }
}
