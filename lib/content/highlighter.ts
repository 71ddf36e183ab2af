/**
 * Marks quotes on the page with the CSS Custom Highlight API: the page's DOM
 * is not touched (no wrapper elements), so page scripts and layout do not
 * notice. One highlight holds every matched quote; a second, drawn on top,
 * the quote the reader is pointing at or has focused.
 *
 * The `::highlight()` rules go in one `<style data-verbatim-ignore>` in the
 * page. Chromium paints only some properties in highlights (colour,
 * background, text-decoration and its longhands, text-shadow), so the mark is
 * a tinted background with a dotted underline.
 */

/** Highlight names in `CSS.highlights`. */
export const HIGHLIGHT = 'verbatim-quote';
export const ACTIVE_HIGHLIGHT = 'verbatim-quote-active';

/** The page style for the highlights: readable on light and dark pages (translucent amber). */
export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT}) {
  background-color: rgba(250, 204, 21, 0.18);
  text-decoration-line: underline;
  text-decoration-style: dotted;
  text-decoration-color: rgba(217, 119, 6, 0.95);
  text-decoration-thickness: 2px;
  text-underline-offset: 3px;
}
::highlight(${ACTIVE_HIGHLIGHT}) {
  background-color: rgba(250, 204, 21, 0.42);
  text-decoration-line: underline;
  text-decoration-style: solid;
  text-decoration-color: rgba(217, 119, 6, 1);
  text-decoration-thickness: 2px;
  text-underline-offset: 3px;
}
`;

/** The parts of `HighlightRegistry` used here. */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}

type HighlightConstructor = new (...ranges: AbstractRange[]) => { priority: number };

export class Highlighter {
  private style: HTMLStyleElement | undefined;
  private count = 0;
  private readonly registry: HighlightRegistryLike | undefined;
  private readonly Highlight: HighlightConstructor | undefined;

  /**
   * @param doc - Test seam: the page.
   * @param registry - Test seam: `CSS.highlights` (undefined where unsupported).
   * @param HighlightCtor - Test seam: the `Highlight` constructor.
   */
  constructor(
    private readonly doc: Document = document,
    registry: HighlightRegistryLike | undefined = globalThis.CSS?.highlights,
    HighlightCtor: HighlightConstructor | undefined = (
      globalThis as { Highlight?: HighlightConstructor }
    ).Highlight,
  ) {
    this.registry = registry;
    this.Highlight = HighlightCtor;
  }

  /** Whether this browser can draw the marks (Chromium 105+, Firefox 140+, Safari 17.2+). */
  get supported(): boolean {
    return !!this.registry && !!this.Highlight;
  }

  /** How many ranges are marked. */
  get size(): number {
    return this.count;
  }

  /** Mark exactly these ranges (replacing any marked before). */
  show(ranges: readonly Range[]): void {
    this.count = ranges.length;
    if (!this.registry || !this.Highlight) return;
    if (ranges.length === 0) {
      this.registry.delete(HIGHLIGHT);
      this.registry.delete(ACTIVE_HIGHLIGHT);
      return;
    }
    this.ensureStyle();
    this.registry.set(HIGHLIGHT, new this.Highlight(...ranges));
  }

  /** Emphasise one quote's ranges (null: none). */
  setActive(ranges: readonly Range[] | null): void {
    if (!this.registry || !this.Highlight) return;
    if (!ranges || ranges.length === 0) {
      this.registry.delete(ACTIVE_HIGHLIGHT);
      return;
    }
    this.ensureStyle();
    const active = new this.Highlight(...ranges);
    active.priority = 1;
    this.registry.set(ACTIVE_HIGHLIGHT, active);
  }

  /** Remove every mark and the page style. */
  destroy(): void {
    this.registry?.delete(HIGHLIGHT);
    this.registry?.delete(ACTIVE_HIGHLIGHT);
    this.style?.remove();
    this.style = undefined;
    this.count = 0;
  }

  private ensureStyle(): void {
    if (this.style?.isConnected) return;
    const style = this.doc.createElement('style');
    style.setAttribute('data-verbatim-ignore', '');
    style.textContent = HIGHLIGHT_CSS;
    (this.doc.head ?? this.doc.documentElement).append(style);
    this.style = style;
  }
}
