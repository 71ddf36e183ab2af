/**
 * Marks quotes on the page with the CSS Custom Highlight API: the page's DOM
 * is not touched (no wrapper elements), so page scripts and layout do not
 * notice. One highlight per mark style (`kind`: the default `quote`, or a style
 * of its own per verdict), and one more, drawn on top, for the quote the
 * reader is pointing at or has focused.
 *
 * Against hostile pages (issue #8):
 * - highlight names are random per page load, so page `::highlight(name)` rules
 *   cannot target (restyle, hide) Verbatim's marks and a page cannot squat them;
 * - the `::highlight()` rules are a constructed style sheet in
 *   `document.adoptedStyleSheets` (no `<style>` element in the page's DOM), with
 *   `!important` and a high highlight priority;
 * - `repair()` puts back highlights the page deleted or replaced
 *   (`CSS.highlights.clear()`) and the sheet if the page dropped it. The content
 *   script calls it on a timer.
 *
 * What a page can still see: `CSS.highlights` is shared with the page, so page
 * script can list the highlights and their ranges (which of its quotes are
 * marked), and `document.adoptedStyleSheets`. README "Privacy and security".
 *
 * Chromium paints only some properties in highlights (colour, background,
 * text-decoration and its longhands, text-shadow), so a mark is a tinted
 * background with an underline.
 */

/** Declarations of each mark style (`kind`), without `!important` (added here). */
export const MARK_STYLES: Readonly<Record<string, string>> = {
  quote: `
  background-color: rgba(250, 204, 21, 0.18);
  text-decoration-line: underline;
  text-decoration-style: dotted;
  text-decoration-color: rgba(217, 119, 6, 0.95);
  text-decoration-thickness: 2px;
  text-underline-offset: 3px;`,
};

/** The emphasised (hovered, focused, open) quote, over any mark style. */
export const ACTIVE_STYLE = `
  background-color: rgba(250, 204, 21, 0.42);
  text-decoration-line: underline;
  text-decoration-style: solid;
  text-decoration-color: rgba(217, 119, 6, 1);
  text-decoration-thickness: 2px;
  text-underline-offset: 3px;`;

/** The mark style used when `show` is given plain ranges. */
export const DEFAULT_KIND = 'quote';

/** Highlight priorities: above the page's own highlights in the usual case (0). */
const MARK_PRIORITY = 1_000;
const ACTIVE_PRIORITY = 1_001;

/** The parts of `HighlightRegistry` used here. */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  get(name: string): unknown;
  delete(name: string): boolean;
}

type HighlightLike = { priority: number };
type HighlightConstructor = new (...ranges: AbstractRange[]) => HighlightLike;

export interface HighlighterOptions {
  /** Mark styles by kind (default `MARK_STYLES`). */
  styles?: Readonly<Record<string, string>>;
  /** Test seam: random bytes (`crypto.getRandomValues`). */
  random?: (bytes: Uint8Array) => Uint8Array;
}

export class Highlighter {
  private sheet: CSSStyleSheet | undefined;
  private style: HTMLStyleElement | undefined;
  private count = 0;
  private readonly registry: HighlightRegistryLike | undefined;
  private readonly Highlight: HighlightConstructor | undefined;
  private readonly styles: Readonly<Record<string, string>>;
  private readonly kindNames = new Map<string, string>();
  private readonly activeName: string;
  /** What Verbatim has registered, by name (for `repair`). */
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
    this.styles = options.styles ?? MARK_STYLES;
    const random = options.random ?? (b => crypto.getRandomValues(b));
    const name = () => {
      const letters = [...random(new Uint8Array(10))].map(b => String.fromCharCode(97 + (b % 26)));
      return letters.join('');
    };
    for (const kind of Object.keys(this.styles)) this.kindNames.set(kind, name());
    this.activeName = name();
  }

  /** Whether this browser can draw the marks (Chromium 105+, Firefox 140+, Safari 17.2+). */
  get supported(): boolean {
    return !!this.registry && !!this.Highlight;
  }

  /** How many ranges are marked. */
  get size(): number {
    return this.count;
  }

  /** The highlight names of this page load: one per mark style, and the active one. */
  get names(): { kinds: ReadonlyMap<string, string>; active: string } {
    return { kinds: this.kindNames, active: this.activeName };
  }

  /** The page style: one rule per mark style, then the active one (which wins). */
  get css(): string {
    const rule = (name: string, declarations: string) =>
      `::highlight(${name}) {${declarations.replace(/;/g, ' !important;')}\n}`;
    return [
      ...[...this.kindNames].map(([kind, name]) => rule(name, this.styles[kind]!)),
      rule(this.activeName, ACTIVE_STYLE),
    ].join('\n');
  }

  /**
   * Mark exactly these ranges (replacing any marked before): plain ranges get the
   * default style; a map gives each style kind its ranges (unknown kinds get the default).
   */
  show(ranges: readonly Range[] | ReadonlyMap<string, readonly Range[]>): void {
    const byKind = new Map<string, Range[]>();
    if (ranges instanceof Map) {
      for (const [kind, list] of ranges as ReadonlyMap<string, readonly Range[]>) {
        const known = this.kindNames.has(kind) ? kind : DEFAULT_KIND;
        byKind.set(known, [...(byKind.get(known) ?? []), ...list]);
      }
    } else {
      byKind.set(DEFAULT_KIND, [...(ranges as readonly Range[])]);
    }
    this.count = [...byKind.values()].reduce((n, list) => n + list.length, 0);
    if (!this.registry || !this.Highlight) return;
    if (this.count > 0) this.ensureStyle();
    for (const [kind, name] of this.kindNames) {
      const list = byKind.get(kind) ?? [];
      if (list.length === 0) this.unset(name);
      else this.set(name, new this.Highlight(...list), MARK_PRIORITY);
    }
    if (this.count === 0) this.unset(this.activeName);
  }

  /** Emphasise one quote's ranges (null: none). */
  setActive(ranges: readonly Range[] | null): void {
    if (!this.registry || !this.Highlight) return;
    if (!ranges || ranges.length === 0) {
      this.unset(this.activeName);
      return;
    }
    this.ensureStyle();
    this.set(this.activeName, new this.Highlight(...ranges), ACTIVE_PRIORITY);
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
    for (const name of [...this.shown.keys()]) this.unset(name);
    if (this.sheet && this.doc.adoptedStyleSheets) {
      this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter(s => s !== this.sheet);
    }
    this.sheet = undefined;
    this.style?.remove();
    this.style = undefined;
    this.count = 0;
  }

  private set(name: string, highlight: HighlightLike, priority: number): void {
    highlight.priority = priority;
    this.registry!.set(name, highlight);
    this.shown.set(name, highlight);
  }

  private unset(name: string): void {
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
