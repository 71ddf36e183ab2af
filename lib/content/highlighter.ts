/**
 * Marks quotes on the page with the CSS Custom Highlight API: the page's DOM
 * is not touched (no wrapper elements), so page scripts and layout do not
 * notice. One highlight holds every matched quote; a second, drawn on top,
 * the quote the reader is pointing at or has focused.
 *
 * The `::highlight()` rules go in one `<style data-verbatim-ignore>` in the
 * page. Chromium paints only some properties in highlights (colour,
 * background, text-decoration and its longhands, text-shadow), so the mark is
 * a tinted background with an underline.
 *
 * (ui) The underline says the verdict, in line style as well as colour: one
 * highlight per kind of mark (`verbatim-quote-<kind>`, see `MarkKind`) draws
 * only the underline, over the shared tint of `verbatim-quote`. Quotes
 * checked without a source get a faint thin dotted line and no tint, in a
 * highlight of their own (not part of `verbatim-quote`).
 */
import { MARK_KINDS, type MarkKind } from '../ui/findings';

/** Highlight names in `CSS.highlights`. */
export const HIGHLIGHT = 'verbatim-quote';
export const ACTIVE_HIGHLIGHT = 'verbatim-quote-active';
/** (ui) The highlight of one kind of mark. */
export const kindHighlight = (kind: MarkKind) => `verbatim-quote-${kind}`;

/** (ui) Each kind's underline: style, colour (mid tones, readable on light and dark pages), width. */
const KIND_LINES: Readonly<Record<MarkKind, [style: string, color: string, width: string]>> = {
  verbatim: ['solid', 'rgba(22, 163, 74, 0.95)', '2px'],
  edited: ['dashed', 'rgba(37, 99, 235, 0.95)', '2px'],
  paraphrase: ['dotted', 'rgba(147, 51, 234, 0.95)', '3px'],
  misattributed: ['wavy', 'rgba(220, 38, 38, 0.95)', '1.5px'],
  ambiguous: ['double', 'rgba(234, 88, 12, 0.95)', '3px'],
  nosource: ['dotted', 'rgba(120, 120, 120, 0.75)', '1px'],
};

const KIND_CSS = MARK_KINDS.map(kind => {
  const [style, color, width] = KIND_LINES[kind];
  return `
::highlight(${kindHighlight(kind)}) {
  text-decoration-line: underline;
  text-decoration-style: ${style};
  text-decoration-color: ${color};
  text-decoration-thickness: ${width};
  text-underline-offset: 3px;
}`;
}).join('');

/** The page style for the highlights: readable on light and dark pages (translucent amber). */
export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT}) {
  background-color: rgba(250, 204, 21, 0.16);
}
::highlight(${ACTIVE_HIGHLIGHT}) {
  background-color: rgba(250, 204, 21, 0.42);
}
${KIND_CSS}
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

  /**
   * Mark exactly these ranges (replacing any marked before). (ui) `kinds` gives each
   * kind of mark its ranges (their underlines); `nosource` ranges need not be in `ranges`.
   */
  show(ranges: readonly Range[], kinds: Partial<Record<MarkKind, readonly Range[]>> = {}): void {
    this.count = ranges.length;
    if (!this.registry || !this.Highlight) return;
    for (const kind of MARK_KINDS) {
      const list = kinds[kind] ?? [];
      if (list.length === 0) this.registry.delete(kindHighlight(kind));
      else {
        this.ensureStyle();
        this.registry.set(kindHighlight(kind), new this.Highlight(...list));
      }
    }
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
    for (const kind of MARK_KINDS) this.registry?.delete(kindHighlight(kind));
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
