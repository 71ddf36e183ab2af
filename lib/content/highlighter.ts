/**
 * Marks quotes on the page with the CSS Custom Highlight API: the page's DOM
 * is not touched (no wrapper elements), so page scripts and layout do not
 * notice. One highlight holds every matched quote; a second, drawn on top,
 * the quote the reader is pointing at or has focused.
 *
 * Against hostile pages (issue #8):
 * - highlight names are random per page load (`nameOf` maps the logical names
 *   below to them), so page `::highlight(name)` rules cannot target (restyle,
 *   hide) Verbatim's marks and a page cannot squat them;
 * - the `::highlight()` rules are a constructed style sheet in
 *   `document.adoptedStyleSheets` (no `<style>` element in the page's DOM), every
 *   declaration `!important`, with a high highlight priority;
 * - `repair()` puts back highlights the page deleted or replaced
 *   (`CSS.highlights.clear()`) and the sheet if the page dropped it; the content
 *   script calls it on a timer.
 * What a page can still see: `CSS.highlights` is shared with the page, so page
 * script can list the highlights and their ranges (which of its quotes are
 * marked), and `document.adoptedStyleSheets`. README "Privacy and security".
 *
 * Chromium paints only some properties in highlights (colour,
 * background, text-decoration and its longhands, text-shadow), so the mark is
 * a tinted background with an underline.
 *
 * (ui) The underline says the verdict, in line style as well as colour: one
 * highlight per kind of mark (`verbatim-quote-<kind>`, see `MarkKind`) draws
 * only the underline, over the shared tint of `verbatim-quote`. Quotes
 * checked without a source get a faint thin dotted line and no tint, in a
 * highlight of their own (not part of `verbatim-quote`), and so do unmarked copies
 * (`copy`: a teal tint with lines above and below, see `KIND_EXTRA`).
 */
import { MARK_KINDS, type MarkKind } from '../ui/findings';

/** Logical highlight names (the registry gets random ones: `Highlighter.nameOf`). */
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
  copy: ['solid', 'rgba(13, 148, 136, 0.95)', '1.5px'],
  nosource: ['dotted', 'rgba(120, 120, 120, 0.75)', '1px'],
};

/**
 * (copies) What sets a kind's mark apart beyond its underline. An unmarked copy is not a
 * quote: it has no share of the quotes' amber tint but a teal one of its own, and a line
 * above its text as well as below (every line style is taken by the quotes' findings, so
 * its shape differs by the line over the text).
 */
const KIND_EXTRA: Partial<Record<MarkKind, string>> = {
  // Unbroken lines: a line over and under every line of a paragraph, broken at each ascender
  // and descender, reads as noise; whole, as a box around the copied words.
  copy: `
  text-decoration-line: underline overline;
  text-decoration-skip-ink: none;
  background-color: rgba(20, 184, 166, 0.14);`,
};

const kindCss = (name: (logical: string) => string) =>
  MARK_KINDS.map(kind => {
    const [style, color, width] = KIND_LINES[kind];
    return `
::highlight(${name(kindHighlight(kind))}) {
  text-decoration-line: underline;
  text-decoration-style: ${style};
  text-decoration-color: ${color};
  text-decoration-thickness: ${width};
  text-underline-offset: 3px;${KIND_EXTRA[kind] ?? ''}
}`;
  }).join('');

/** The page style for the highlights: readable on light and dark pages (translucent amber). */
export const highlightCss = (name: (logical: string) => string = n => n) =>
  `
::highlight(${name(HIGHLIGHT)}) {
  background-color: rgba(250, 204, 21, 0.16);
}
::highlight(${name(ACTIVE_HIGHLIGHT)}) {
  background-color: rgba(250, 204, 21, 0.42);
}
${kindCss(name)}
`.replace(/;\n/g, ' !important;\n');

/** The parts of `HighlightRegistry` used here. */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  get(name: string): unknown;
  delete(name: string): boolean;
}

type HighlightLike = { priority: number };
type HighlightConstructor = new (...ranges: AbstractRange[]) => HighlightLike;

/** Highlight priorities: above the page's own highlights in the usual case (0). */
const PRIORITY = 1_000;

export interface HighlighterOptions {
  /** Test seam: random bytes (`crypto.getRandomValues`). */
  random?: (bytes: Uint8Array) => Uint8Array;
}

export class Highlighter {
  private sheet: CSSStyleSheet | undefined;
  private style: HTMLStyleElement | undefined;
  private count = 0;
  private readonly registry: HighlightRegistryLike | undefined;
  private readonly Highlight: HighlightConstructor | undefined;
  private readonly names = new Map<string, string>();
  private readonly random: (bytes: Uint8Array) => Uint8Array;
  /** What Verbatim has registered, by random name (for `repair`). */
  private readonly shown = new Map<string, HighlightLike>();

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
    options: HighlighterOptions = {},
  ) {
    this.registry = registry;
    this.Highlight = HighlightCtor;
    this.random = options.random ?? (b => crypto.getRandomValues(b));
  }

  /** Whether this browser can draw the marks (Chromium 105+, Firefox 140+, Safari 17.2+). */
  get supported(): boolean {
    return !!this.registry && !!this.Highlight;
  }

  /** How many ranges are marked. */
  get size(): number {
    return this.count;
  }

  /** The random name (this page load's) of a logical highlight name (`HIGHLIGHT`…). */
  nameOf(logical: string): string {
    let name = this.names.get(logical);
    if (!name) {
      const letters = [...this.random(new Uint8Array(10))].map(b =>
        String.fromCharCode(97 + (b % 26)),
      );
      this.names.set(logical, (name = letters.join('')));
    }
    return name;
  }

  /** Every logical name with its random name (for the extension's test tools). */
  get allNames(): Record<string, string> {
    const logical = [HIGHLIGHT, ACTIVE_HIGHLIGHT, ...MARK_KINDS.map(kindHighlight)];
    return Object.fromEntries(logical.map(n => [n, this.nameOf(n)]));
  }

  /** The page style under this page load's names. */
  get css(): string {
    return highlightCss(n => this.nameOf(n));
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
      if (list.length === 0) this.unset(kindHighlight(kind));
      else this.set(kindHighlight(kind), new this.Highlight(...list), PRIORITY);
    }
    if (ranges.length === 0) {
      this.unset(HIGHLIGHT);
      this.unset(ACTIVE_HIGHLIGHT);
      return;
    }
    this.set(HIGHLIGHT, new this.Highlight(...ranges), PRIORITY);
  }

  /** Emphasise one quote's ranges (null: none). */
  setActive(ranges: readonly Range[] | null): void {
    if (!this.registry || !this.Highlight) return;
    if (!ranges || ranges.length === 0) {
      this.unset(ACTIVE_HIGHLIGHT);
      return;
    }
    this.set(ACTIVE_HIGHLIGHT, new this.Highlight(...ranges), PRIORITY + 1);
  }

  /**
   * Put back what the page took away: highlights it deleted or replaced, the page style
   * if it was dropped. Returns whether anything had to be repaired.
   */
  repair(): boolean {
    if (!this.registry) return false;
    let repaired = false;
    for (const [name, highlight] of this.shown) {
      if (this.registry.get(name) === highlight) continue;
      this.registry.set(name, highlight);
      repaired = true;
    }
    if (this.shown.size > 0 && !this.styleInPlace()) {
      this.ensureStyle();
      repaired = true;
    }
    return repaired;
  }

  /** Remove every mark and the page style. */
  destroy(): void {
    for (const name of [...this.shown.keys()]) {
      this.shown.delete(name);
      this.registry?.delete(name);
    }
    if (this.sheet && this.doc.adoptedStyleSheets) {
      this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter(s => s !== this.sheet);
    }
    this.sheet = undefined;
    this.style?.remove();
    this.style = undefined;
    this.count = 0;
  }

  private set(logical: string, highlight: HighlightLike, priority: number): void {
    this.ensureStyle();
    const name = this.nameOf(logical);
    highlight.priority = priority;
    this.registry!.set(name, highlight);
    this.shown.set(name, highlight);
  }

  private unset(logical: string): void {
    const name = this.nameOf(logical);
    this.shown.delete(name);
    if (this.registry?.get(name) !== undefined) this.registry.delete(name);
  }

  private styleInPlace(): boolean {
    if (this.sheet) return this.doc.adoptedStyleSheets.includes(this.sheet);
    return !!this.style?.isConnected;
  }

  private ensureStyle(): void {
    if (this.styleInPlace()) return;
    const win = this.doc.defaultView as (Window & typeof globalThis) | null;
    // A constructed sheet leaves the page's DOM alone; where one cannot be adopted (old
    // engines, Firefox's wrappers around a content script's objects), a <style> in <head>.
    try {
      if (win && 'adoptedStyleSheets' in this.doc && typeof win.CSSStyleSheet === 'function') {
        const sheet = this.sheet ?? new win.CSSStyleSheet();
        if (!this.sheet) sheet.replaceSync(this.css);
        this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
        this.sheet = sheet;
        return;
      }
    } catch {
      this.sheet = undefined;
    }
    const style = this.doc.createElement('style');
    style.textContent = this.css;
    (this.doc.head ?? this.doc.documentElement).append(style);
    this.style = style;
  }
}
