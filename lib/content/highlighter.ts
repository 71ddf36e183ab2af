/**
 * Draws the marks under the quotes, inside Verbatim's closed shadow root: one
 * box per line of a quote, positioned over the line from the range's client
 * rects. The page's DOM is not touched (no wrapper elements) and nothing is
 * registered where page script can read it.
 *
 * Why not the CSS Custom Highlight API (which Verbatim used before, #8): the
 * highlight registry (`CSS.highlights`) and the `::highlight()` style sheet are
 * the document's, shared with page script, so a page could list the marked
 * ranges and learn which of the phrases it prints are in the user's corpus,
 * phrase by phrase. Boxes in a closed shadow root cannot be listed.
 *
 * What the page could still measure is geometry: an `IntersectionObserver`
 * with `trackVisibility` reports its own element as occluded when anything,
 * even a transparent box that ignores the pointer, is drawn over it. So every
 * quote Verbatim checked gets the same box, whatever was found: same size (the
 * line plus `UNDERLINE_ROOM` below it, whatever the kind's line), drawn in the
 * same pass, in reading order; a quote without a source (or with its faint mark
 * switched off) gets an unpainted box. Only the paint differs, and paint inside a
 * closed root is not readable by the page.
 *
 * The boxes follow the page: measured again after a layout change (`layout()`,
 * which the content script calls on resizes), when an element that clips a
 * quote scrolls, on the window's scroll for quotes inside fixed or sticky
 * elements, and checked against their text every two seconds (`repair()`): quotes
 * in view that moved are measured again. Lines the page covers with its own
 * content (a sticky header, a dialog) lose their box while covered, as a
 * highlight would be covered: the lines in view are hit-tested (`elementFromPoint`)
 * after a layout and when scrolling stops, within a few milliseconds (`COVER_BUDGET_MS`).
 * Every quote is measured, but only the lines near the window are elements (`RENDER_MARGIN`):
 * thousands of positioned boxes would make every hit test (each pointer move) slow.
 *
 * (ui) The underline says the verdict, in line style as well as colour: one
 * style per kind of mark (`KIND_LINES`, see `MarkKind`), over a shared amber tint
 * of matched quotes. Quotes checked without a source get a faint thin dotted
 * line and no tint. (copies) Unmarked copies get a teal tint of their own with
 * unbroken lines above and below (`copyCss`); their boxes lie inside the
 * unpainted box of the paragraph they were found in (every paragraph checked gets
 * one: `quote-page.ts`).
 */
import { MARK_KINDS, type MarkKind } from '../ui/findings';

/** Logical names of the marks (kept for callers and tools; the boxes' `data-kind`). */
export const HIGHLIGHT = 'verbatim-quote';
export const ACTIVE_HIGHLIGHT = 'verbatim-quote-active';
/** (ui) The logical name of one kind of mark. */
export const kindHighlight = (kind: MarkKind) => `verbatim-quote-${kind}`;

/** (ui) Each kind's underline: style, colour (mid tones, readable on light and dark pages), width. */
const KIND_LINES: Readonly<Record<MarkKind, [style: string, color: string, width: string]>> = {
  verbatim: ['solid', 'rgba(22, 163, 74, 0.95)', '2px'],
  edited: ['dashed', 'rgba(37, 99, 235, 0.95)', '2px'],
  paraphrase: ['dotted', 'rgba(147, 51, 234, 0.95)', '3px'],
  misattributed: ['wavy', 'rgba(220, 38, 38, 0.95)', '1.5px'],
  ambiguous: ['double', 'rgba(234, 88, 12, 0.95)', '4px'],
  copy: ['solid', 'rgba(13, 148, 136, 0.95)', '1.5px'],
  nosource: ['dotted', 'rgba(120, 120, 120, 0.75)', '1px'],
};

/**
 * (copies) What sets an unmarked copy's mark apart beyond its underline. A copy is not a
 * quote: it has no share of the quotes' amber tint but a teal one of its own, and a line
 * above its text as well as below (every line style is taken by the quotes' findings, so
 * its shape differs by the line over the text). Unbroken lines: read as a box around the
 * copied words.
 */
const COPY_TINT = 'rgba(20, 184, 166, 0.14)';
const COPY_ACTIVE_TINT = 'rgba(20, 184, 166, 0.34)';
const copyCss = () => {
  const [style, color, width] = KIND_LINES.copy;
  const sel = ".vb-m[data-kind='copy']";
  return `${sel}::before { background: ${COPY_TINT}; border-top: ${width} ${style} ${color}; }
.vb-m.vb-a[data-kind='copy']::before { background: ${COPY_ACTIVE_TINT}; }`;
};

/** The tint of matched quotes, and of the quote the reader points at or has open. */
const TINT = 'rgba(250, 204, 21, 0.16)';
const ACTIVE_TINT = 'rgba(250, 204, 21, 0.42)';

/** Room (px) under each line for the underline: every box reaches this far, whatever its kind. */
export const UNDERLINE_ROOM = 8;

/** Work per layout slice (ms) before the rest is deferred. */
const SLICE_MS = 4;
/** Quiet time (ms) after a scroll before the lines in view are hit-tested for page content over them. */
const SCROLL_SETTLE_MS = 120;
/**
 * Lines are drawn as elements only within this many window heights above and below the
 * window (re-drawn as the reader scrolls half a window): a page of thousands of quotes keeps a
 * few hundred elements, so its layout, hit tests (every pointer move) and memory stay small.
 */
const RENDER_MARGIN = 1.5;
/**
 * Time (ms) the hit tests for covered lines may take per check: on a page of thousands of
 * positioned elements one `elementFromPoint` can take milliseconds; lines not reached keep
 * their last state until the next check.
 */
const COVER_BUDGET_MS = 6;
/** Marks in view checked against their text by `repair()`, spread over the window. */
const REPAIR_SAMPLE = 5;
/** A line that moved by more than this (px) since it was measured makes `repair()` measure again. */
const MOVED_PX = 1;

/** A line of `nbsp`s long enough for the widest line, for the wavy line (drawn as text decoration). */
const WAVY_TEXT = `'${'\\a0'.repeat(48)}'`;

/** The marks' style sheet (inside the closed root: the page cannot read or override it). */
export function marksCss(): string {
  const line = (kind: MarkKind) => {
    const [style, color, width] = KIND_LINES[kind];
    const sel = `.vb-m[data-kind='${kind}']::after`;
    if (style === 'wavy') {
      // No border style is wavy: a run of spaces with a wavy underline, clipped to the box.
      return `${sel} { content: ${WAVY_TEXT}; top: calc(100% - ${UNDERLINE_ROOM}px); height: ${UNDERLINE_ROOM}px; font: 10px/${UNDERLINE_ROOM}px monospace; letter-spacing: 40px; white-space: pre; color: transparent; text-decoration: underline ${style} ${color}; text-decoration-thickness: ${width}; text-underline-offset: -5px; }`;
    }
    return `${sel} { border-top: ${width} ${style} ${color}; }`;
  };
  return `
.vb-marks { position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: visible; pointer-events: none; contain: layout style size; }
.vb-m { position: absolute; box-sizing: border-box; margin: 0; padding: 0; border: 0; overflow: hidden; pointer-events: none; contain: strict; }
.vb-m.vb-covered { visibility: hidden; }
.vb-m::before { content: ''; position: absolute; left: 0; right: 0; top: 0; bottom: ${UNDERLINE_ROOM}px; }
.vb-m.vb-t::before { background: ${TINT}; }
.vb-m.vb-a::before { background: ${ACTIVE_TINT}; }
.vb-m::after { content: ''; position: absolute; box-sizing: border-box; left: 0; right: 0; top: calc(100% - ${UNDERLINE_ROOM - 1}px); height: ${UNDERLINE_ROOM - 1}px; }
${MARK_KINDS.map(line).join('\n')}
${copyCss()}
`;
}

/** A rectangle in viewport (client) coordinates. */
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the marks of a line depend on above it: the clip of every ancestor, fixed position. */
interface Ancestry {
  /** The visible part of the ancestors that clip (viewport coordinates), or null: none. */
  clip: Rect | null;
  /** The nearest ancestor that clips (scrolls), if any. */
  clipper: Element | null;
  /** Inside a `position: fixed` or `sticky` element: the quote moves with the window's scroll. */
  fixed: boolean;
}

interface Entry {
  range: Range;
  /** (ui) The kind of mark; null: a box without a line (matched without a kind, or unpainted). */
  kind: MarkKind | null;
  /** A matched quote (tinted). */
  matched: boolean;
  active: boolean;
  /** Drawn temporarily for `setActive` (not one of the quotes shown). */
  extra?: boolean;
  /**
   * The boxes, one per line, and where they are (layer coordinates); `els[i]` is line `i`'s
   * element while it is near the window (see `RENDER_MARGIN`), else undefined.
   */
  els: Array<HTMLElement | undefined>;
  boxes: Array<{ left: number; top: number; width: number; height: number }>;
  /** The element holding the quote (for visibility, clipping and covering). */
  element: Element | null;
  clipper: Element | null;
  fixed: boolean;
}

export interface HighlighterOptions {
  /**
   * Runs a slice of drawing later. The content script passes "after the next frame"
   * (`requestAnimationFrame` then `setTimeout`), so measuring finds the layout clean and
   * thousands of quotes never hold the main thread at once. Default: at once.
   */
  defer?: (fn: () => void) => void;
  /** Test seam: the clock for slices. */
  now?: () => number;
}

/** One drawn mark, for the extension's test tools (`inspectUi`). */
export interface MarkSnapshot {
  /** The quote's words as the page has them. */
  text: string;
  kind: MarkKind | null;
  matched: boolean;
  active: boolean;
  /** (copies) The unpainted box of a paragraph checked for copies (not a quote's). */
  paragraph: boolean;
  /** Its boxes in viewport coordinates: each line, then `UNDERLINE_ROOM` below it. */
  boxes: Array<{ x: number; y: number; width: number; height: number; covered: boolean }>;
}

export class Highlighter {
  private layer: HTMLElement | undefined;
  private count = 0;
  private entries = new Map<Range, Entry>();
  /** (copies) The ranges of whole paragraphs checked for copies (for `snapshot()`). */
  private paragraphs: ReadonlySet<Range> = new Set();
  /** The entries in drawing (reading) order. */
  private order: Entry[] = [];
  /** Marks waiting to be measured, in order. */
  private pending = new Set<Entry>();
  private ancestry = new Map<Element, Ancestry>();
  private stepping = false;
  /** The window's top (layer coordinates) when the lines near it were last drawn. */
  private renderedAt = 0;
  private waiters: Array<() => void> = [];
  private abort: AbortController | undefined;
  private scrolled = new Set<Element>();
  private windowScrolled = false;
  private scrollFrame = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly defer: (fn: () => void) => void;
  private readonly now: () => number;

  /** @param doc - Test seam: the page. */
  constructor(
    private readonly doc: Document = document,
    options: HighlighterOptions = {},
  ) {
    this.defer = options.defer ?? (fn => fn());
    this.now = options.now ?? (() => performance.now());
  }

  /** The marks can be drawn (always, where there is a DOM). */
  get supported(): boolean {
    return true;
  }

  /** How many ranges are marked as matched. */
  get size(): number {
    return this.count;
  }

  /**
   * Draw into `layer` (an element inside the closed shadow root, positioned at the host's
   * origin). Marks shown before are drawn now; a new layer (the UI was rebuilt) takes them over.
   */
  attach(layer: HTMLElement): void {
    if (layer === this.layer) return;
    for (const e of this.order) this.clearBoxes(e);
    this.layer = layer;
    layer.className = 'vb-marks';
    const style = this.doc.createElement('style');
    style.textContent = marksCss();
    layer.replaceChildren(style);
    this.listen();
    this.layout();
  }

  /**
   * Mark exactly these ranges (replacing any marked before): `ranges` are the matched
   * quotes' (tinted); (ui) `kinds` gives each kind of mark its ranges (their underlines;
   * `nosource` ranges need not be in `ranges`). `checked`, when given, is every range of
   * every quote checked, in reading order (a superset of the others): each gets a box of
   * the same size, drawn in this order whatever was found; those in no list are unpainted.
   * (copies) `paragraphs`: those of `checked` that are whole paragraphs checked for copies
   * (told apart only in `snapshot()`, for tests).
   */
  show(
    ranges: readonly Range[],
    kinds: Partial<Record<MarkKind, readonly Range[]>> = {},
    checked?: readonly Range[],
    paragraphs?: ReadonlySet<Range>,
  ): void {
    this.count = ranges.length;
    this.paragraphs = paragraphs ?? new Set();
    const matched = new Set(ranges);
    const kindOf = new Map<Range, MarkKind>();
    for (const kind of MARK_KINDS) for (const r of kinds[kind] ?? []) kindOf.set(r, kind);
    const all: Range[] = [];
    const seen = new Set<Range>();
    const add = (r: Range) => {
      if (seen.has(r)) return;
      seen.add(r);
      all.push(r);
    };
    for (const r of checked ?? []) add(r);
    for (const r of ranges) add(r);
    for (const kind of MARK_KINDS) for (const r of kinds[kind] ?? []) add(r);

    const next = new Map<Range, Entry>();
    const order: Entry[] = [];
    const added: Entry[] = [];
    for (const range of all) {
      const kind = kindOf.get(range) ?? null;
      const isMatched = matched.has(range);
      let entry = this.entries.get(range);
      if (entry && !entry.extra) {
        if (entry.kind !== kind || entry.matched !== isMatched) {
          entry.kind = kind;
          entry.matched = isMatched;
          this.paint(entry);
        }
      } else {
        if (entry) this.clearBoxes(entry);
        entry = {
          range,
          kind,
          matched: isMatched,
          active: false,
          els: [],
          boxes: [],
          element: null,
          clipper: null,
          fixed: false,
        };
        added.push(entry);
      }
      next.set(range, entry);
      order.push(entry);
    }
    for (const [range, entry] of this.entries) if (!next.has(range)) this.clearBoxes(entry);
    this.entries = next;
    this.order = order;
    // Only the new ones are measured (in reading order): the others stay where they are.
    if (added.length > 0) this.enqueue(added);
  }

  /** Emphasise one quote's ranges (null: none). */
  setActive(ranges: readonly Range[] | null): void {
    const want = new Set(ranges ?? []);
    for (const [range, entry] of this.entries) {
      if (entry.extra && !want.has(range)) {
        this.clearBoxes(entry);
        this.entries.delete(range);
        this.order = this.order.filter(e => e !== entry);
        continue;
      }
      const active = want.has(range);
      if (entry.active !== active) {
        entry.active = active;
        this.paint(entry);
      }
    }
    // A range no quote is drawn with (the user asked for it): drawn while it is active.
    for (const range of want) {
      if (this.entries.has(range)) continue;
      const entry: Entry = {
        range,
        kind: null,
        matched: false,
        active: true,
        extra: true,
        els: [],
        boxes: [],
        element: null,
        clipper: null,
        fixed: false,
      };
      this.entries.set(range, entry);
      this.order.push(entry);
      if (this.layer) this.measure([entry], this.layer.getBoundingClientRect(), new Map());
    }
  }

  /**
   * Measure every mark again (after a resize or a DOM change), in slices (see
   * `HighlighterOptions.defer`), in reading order. A new call starts over.
   */
  layout(): void {
    this.pending = new Set(this.order);
    this.ancestry = new Map();
    this.schedule();
  }

  /** Measure and draw `entries` (new ones) after those already waiting. */
  private enqueue(entries: readonly Entry[]): void {
    for (const e of entries) this.pending.add(e);
    this.schedule();
  }

  private schedule(): void {
    if (!this.layer || this.stepping) return;
    this.stepping = true;
    this.defer(() => this.step());
  }

  private step(): void {
    this.stepping = false;
    const layer = this.layer;
    if (!layer) return;
    const origin = layer.getBoundingClientRect();
    const until = this.now() + SLICE_MS;
    const slice: Entry[] = [];
    const measured: Array<Entry['boxes']> = [];
    for (const entry of this.pending) {
      if (slice.length > 0 && this.now() >= until) break;
      this.pending.delete(entry);
      if (this.entries.get(entry.range) !== entry) continue;
      slice.push(entry);
      measured.push(this.boxesOf(entry, origin, this.ancestry));
    }
    // Drawn after the slice's reads (see `measure`).
    const win = this.renderWindow();
    slice.forEach((entry, i) => {
      entry.boxes = measured[i]!;
      this.render(entry, win);
    });
    if (this.pending.size > 0) {
      this.stepping = true;
      this.defer(() => this.step());
      return;
    }
    this.ancestry = new Map();
    this.settle();
    this.checkCovered();
  }

  /** Resolves when every mark is drawn in place. */
  settled(): Promise<void> {
    if (this.pending.size === 0 || !this.layer) return Promise.resolve();
    return new Promise(resolve => this.waiters.push(resolve));
  }

  /**
   * Check the marks in view against their text (the page may have moved it without a resize:
   * a font swap, content that grew above): measure again if one moved; hit-test the lines in
   * view again for page content over them when it did. Returns whether anything had to be
   * measured again.
   */
  repair(): boolean {
    if (!this.layer || this.pending.size > 0) return false;
    const origin = this.layer.getBoundingClientRect();
    const view = this.viewport();
    const inView = this.order.filter(entry => {
      const box = entry.boxes[0];
      const top = box ? box.top + origin.top : -Infinity;
      return !!box && top + box.height >= 0 && top <= view.height;
    });
    // A few, spread over the window: what moves one line usually moves those after it too.
    const step = Math.max(1, Math.ceil(inView.length / REPAIR_SAMPLE));
    for (let i = 0; i < inView.length; i += step) {
      const entry = inView[i]!;
      const box = entry.boxes[0]!;
      const now = lineRects(entry.range)[0];
      // (A clipped line's box does not start where its text does: only whether it is there.)
      const moved =
        !now ||
        (!entry.clipper &&
          (Math.abs(now.left - origin.left - box.left) > MOVED_PX ||
            Math.abs(now.top - origin.top - box.top) > MOVED_PX));
      if (moved) {
        this.layout();
        return true;
      }
    }
    return false;
  }

  /** Remove every mark and the listeners. */
  destroy(): void {
    this.pending.clear();
    for (const entry of this.order) this.clearBoxes(entry);
    this.entries.clear();
    this.order = [];
    this.count = 0;
    this.abort?.abort();
    this.abort = undefined;
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.layer?.replaceChildren();
    this.layer = undefined;
    this.settle();
  }

  /** The marks as drawn (viewport coordinates), in reading order: for the extension's test tools. */
  snapshot(): MarkSnapshot[] {
    const origin = this.layer?.getBoundingClientRect();
    return this.order
      .filter(e => !e.extra)
      .map(e => ({
        text: e.range.toString(),
        kind: e.kind,
        matched: e.matched,
        active: e.active,
        paragraph: this.paragraphs.has(e.range),
        boxes: e.boxes.map((b, i) => ({
          x: b.left + (origin?.left ?? 0),
          y: b.top + (origin?.top ?? 0),
          width: b.width,
          height: b.height,
          covered: !!e.els[i]?.classList.contains('vb-covered'),
        })),
      }));
  }

  // ---- drawing ----

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private viewport(): { width: number; height: number } {
    const win = this.doc.defaultView;
    return {
      width: this.doc.documentElement.clientWidth || win?.innerWidth || 0,
      height: this.doc.documentElement.clientHeight || win?.innerHeight || 0,
    };
  }

  /** Measure and draw `entries`; `origin` is the layer's client rect now. */
  private measure(entries: readonly Entry[], origin: DOMRect, cache: Map<Element, Ancestry>): void {
    // Every measurement first, then every box drawn: a box written between two reads would
    // make the next read lay the whole page out again.
    const measured = entries.map(entry => this.boxesOf(entry, origin, cache));
    const win = this.renderWindow();
    entries.forEach((entry, i) => {
      entry.boxes = measured[i]!;
      this.render(entry, win);
    });
  }

  /**
   * A mark's boxes, measured (layer coordinates); its element and ancestry noted on the way.
   * None if it cannot be measured (a page's odd node must not stop the others being drawn).
   */
  private boxesOf(entry: Entry, origin: DOMRect, cache: Map<Element, Ancestry>): Entry['boxes'] {
    try {
      return this.measureBoxes(entry, origin, cache);
    } catch {
      return [];
    }
  }

  private measureBoxes(
    entry: Entry,
    origin: DOMRect,
    cache: Map<Element, Ancestry>,
  ): Entry['boxes'] {
    const element = elementOf(entry.range);
    entry.element = element;
    const boxes: Entry['boxes'] = [];
    if (element?.isConnected && visible(element)) {
      const ancestry = ancestryOf(element, cache);
      entry.clipper = ancestry.clipper;
      entry.fixed = ancestry.fixed;
      for (const line of lineRects(entry.range)) {
        const box = { ...line, bottom: line.bottom + UNDERLINE_ROOM };
        const part = ancestry.clip ? intersect(box, ancestry.clip) : box;
        if (!part) continue;
        boxes.push({
          left: part.left - origin.left,
          top: part.top - origin.top,
          width: part.right - part.left,
          height: part.bottom - part.top,
        });
      }
    }
    return boxes;
  }

  /** The part of the page (layer coordinates, vertical) whose lines are drawn as elements. */
  private renderWindow(): { top: number; bottom: number } {
    const layer = this.layer;
    if (!layer) return { top: 0, bottom: -1 };
    const top = -layer.getBoundingClientRect().top;
    const height = this.viewport().height;
    this.renderedAt = top;
    return { top: top - RENDER_MARGIN * height, bottom: top + (1 + RENDER_MARGIN) * height };
  }

  /** Draw the entry's lines inside `win` as elements, and drop those outside it. */
  private render(entry: Entry, win: { top: number; bottom: number }): void {
    const layer = this.layer;
    if (!layer) return;
    entry.boxes.forEach((b, i) => {
      let el = entry.els[i];
      // Fixed to the window: always near it.
      if (!entry.fixed && (b.top + b.height < win.top || b.top > win.bottom)) {
        if (el) {
          el.remove();
          entry.els[i] = undefined;
        }
        return;
      }
      if (!el) {
        el = this.doc.createElement('div');
        entry.els[i] = el;
        this.paint(entry, el);
        layer.append(el);
      }
      const s = el.style;
      const [left, top, width, height] = [b.left, b.top, b.width, b.height].map(n => `${n}px`);
      if (s.left !== left) s.left = left!;
      if (s.top !== top) s.top = top!;
      if (s.width !== width) s.width = width!;
      if (s.height !== height) s.height = height!;
    });
    for (const el of entry.els.splice(entry.boxes.length)) el?.remove();
  }

  /** Draw the lines near the window after a scroll of half a window or more. */
  private follow(): void {
    const layer = this.layer;
    if (!layer) return;
    const top = -layer.getBoundingClientRect().top;
    if (Math.abs(top - this.renderedAt) < this.viewport().height / 2) return;
    const win = this.renderWindow();
    for (const entry of this.order) this.render(entry, win);
  }

  private paint(entry: Entry, only?: HTMLElement): void {
    const cls = `vb-m${entry.matched ? ' vb-t' : ''}${entry.active ? ' vb-a' : ''}`;
    for (const el of only ? [only] : entry.els) {
      if (!el) continue;
      const covered = el.classList.contains('vb-covered');
      el.className = covered ? `${cls} vb-covered` : cls;
      if (entry.kind) el.dataset.kind = entry.kind;
      else delete el.dataset.kind;
    }
  }

  private clearBoxes(entry: Entry): void {
    for (const el of entry.els) el?.remove();
    entry.els = [];
    entry.boxes = [];
  }

  /**
   * Hide the lines in view that page content covers (a sticky header, a dialog), show those
   * it no longer covers. The same test for every box, whatever it marks.
   */
  private checkCovered(): void {
    const layer = this.layer;
    if (!layer) return;
    const origin = layer.getBoundingClientRect();
    const view = this.viewport();
    const host = (layer.getRootNode() as ShadowRoot).host as Element | undefined;
    const verdicts: Array<[HTMLElement, boolean]> = [];
    const until = this.now() + COVER_BUDGET_MS;
    check: for (const entry of this.order) {
      for (let i = 0; i < entry.boxes.length; i++) {
        const b = entry.boxes[i]!;
        const el = entry.els[i];
        if (!el || !entry.element) continue;
        const top = b.top + origin.top;
        const left = b.left + origin.left;
        const lineHeight = b.height - UNDERLINE_ROOM;
        if (top + lineHeight <= 0 || top >= view.height) continue;
        if (left + b.width <= 0 || left >= view.width) continue;
        if (this.now() > until) break check;
        const y = Math.min(Math.max(top + lineHeight / 2, 0), view.height - 1);
        const inset = Math.min(b.width / 2, 12);
        const own = [left + inset, left + b.width - inset].some(x => {
          const hit = this.doc.elementFromPoint(Math.min(Math.max(x, 0), view.width - 1), y);
          return !hit || hit === host || related(hit, entry.element!);
        });
        verdicts.push([el, !own]);
      }
    }
    // Written after every hit test (a class changed between two would lay the page out again).
    for (const [el, covered] of verdicts) el.classList.toggle('vb-covered', covered);
  }

  private listen(): void {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const win = this.doc.defaultView;
    if (!win) return;
    const signal = abort.signal;
    win.addEventListener('scroll', e => this.onScroll(e), { capture: true, passive: true, signal });
    win.addEventListener('resize', () => this.layout(), { passive: true, signal });
    this.doc.fonts?.addEventListener?.('loadingdone', () => this.layout(), { signal });
  }

  private onScroll(e: Event): void {
    const target = e.target;
    if (target instanceof Element && target !== this.doc.documentElement) {
      this.scrolled.add(target);
    } else this.windowScrolled = true;
    if (!this.scrollFrame) {
      this.scrollFrame = true;
      const win = this.doc.defaultView;
      const frame = win?.requestAnimationFrame.bind(win) ?? ((fn: () => void) => setTimeout(fn));
      frame(() => {
        this.scrollFrame = false;
        this.followScroll();
      });
    }
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.checkCovered();
    }, SCROLL_SETTLE_MS);
  }

  /** Measure again the marks a scroll moved: inside a scrolled element, or fixed to the window. */
  private followScroll(): void {
    const layer = this.layer;
    if (!layer) return;
    const scrolled = [...this.scrolled];
    const windowScrolled = this.windowScrolled;
    this.scrolled.clear();
    this.windowScrolled = false;
    const moved = this.order.filter(
      e =>
        (windowScrolled && e.fixed) ||
        (e.clipper && e.element && scrolled.some(s => s.contains(e.element!))),
    );
    if (moved.length > 0) this.measure(moved, layer.getBoundingClientRect(), new Map());
    if (windowScrolled) this.follow();
  }
}

/** The element holding a range's text. */
function elementOf(range: Range): Element | null {
  const node = range.commonAncestorContainer;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

function visible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?(o?: object): boolean }).checkVisibility;
  return check ? check.call(el, { opacityProperty: true, visibilityProperty: true }) : true;
}

/** Whether `a` and `b` are the same element or one holds the other, across shadow roots. */
function related(a: Element, b: Element): boolean {
  return composedContains(a, b) || composedContains(b, a);
}

function composedContains(outer: Element, inner: Element): boolean {
  let node: Node | null = inner;
  while (node) {
    if (node === outer) return true;
    const parent: Node | null = node.parentNode;
    node = parent && parent.nodeType === 11 ? (parent as ShadowRoot).host : parent;
  }
  return false;
}

/** The element's parent for layout: the slot it is assigned to, or its parent across a shadow root. */
function layoutParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && root.nodeType === 11 ? ((root as ShadowRoot).host ?? null) : null;
}

/** What clips `el` and whether it is fixed to the window (memoised per layout pass). */
function ancestryOf(el: Element, cache: Map<Element, Ancestry>): Ancestry {
  const known = cache.get(el);
  if (known) return known;
  const doc = el.ownerDocument;
  const parent = layoutParent(el);
  let result: Ancestry;
  if (!parent || el === doc.documentElement || el === doc.body) {
    // The root's overflow is the window's, whose scroll does not move page coordinates.
    result = { clip: null, clipper: null, fixed: false };
  } else {
    const base = ancestryOf(parent, cache);
    const style = doc.defaultView?.getComputedStyle(el);
    result = { ...base };
    if (style) {
      if (style.position === 'fixed' || style.position === 'sticky') result.fixed = true;
      const clips =
        style.display !== 'inline' &&
        style.display !== 'contents' &&
        (clipsOverflow(style.overflowX) ||
          clipsOverflow(style.overflowY) ||
          clipsOverflow(style.overflow) ||
          /paint|strict|content/.test(style.contain ?? ''));
      if (clips) {
        const r = el.getBoundingClientRect();
        const own: Rect = {
          left: r.left + el.clientLeft,
          top: r.top + el.clientTop,
          right: r.left + el.clientLeft + el.clientWidth,
          bottom: r.top + el.clientTop + el.clientHeight,
        };
        result.clip = (base.clip ? intersect(own, base.clip) : own) ?? {
          left: 0,
          top: 0,
          right: 0,
          bottom: 0,
        };
        result.clipper = el;
      }
    }
  }
  cache.set(el, result);
  return result;
}

/** An overflow value that clips (not `visible`; empty where an engine does not compute it). */
function clipsOverflow(value: string | undefined): boolean {
  return !!value && !/^visible( visible)?$/.test(value);
}

function intersect(a: Rect, b: Rect): Rect | null {
  const r = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return r.right - r.left > 0.5 && r.bottom - r.top > 0.5 ? r : null;
}

/**
 * The lines of a range: its client rects merged per line (a range over an inline element
 * reports the element's box as well as its text's), in viewport coordinates.
 */
export function lineRects(range: Range): Rect[] {
  const lines: Rect[] = [];
  for (const r of range.getClientRects()) {
    if (r.width < 0.5 || r.height < 0.5) continue;
    const same = lines.find(
      l =>
        Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top) >=
          0.5 * Math.min(l.bottom - l.top, r.height) &&
        r.left <= l.right + 2 &&
        r.right >= l.left - 2,
    );
    if (same) {
      same.left = Math.min(same.left, r.left);
      same.top = Math.min(same.top, r.top);
      same.right = Math.max(same.right, r.right);
      same.bottom = Math.max(same.bottom, r.bottom);
    } else lines.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  }
  return lines;
}
