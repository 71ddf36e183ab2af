/**
 * The content script's first look at a page: whether it may hold a quotation at all, at the
 * cost of one pass over its text nodes (a regular-expression test each, no block model, no
 * layout), so that on pages without quotes the quote finder, the popover and Preact are never
 * loaded (see `entrypoints/quotes-look.content.ts`).
 *
 * Conservative by design: any character that `lib/core/detect-quotes.ts` may take as an opening
 * quotation mark, a `<q>` or a `<blockquote>` is enough; so is an open shadow root (its text is
 * not walked here; a shadow root attached later to an element already in the page, which no
 * mutation record tells of, is not seen). A false alarm only costs loading the rest of the content script; a missed
 * quotation would be a quote never marked, so the check errs the other way.
 */

/**
 * Text that may open a quotation: the double marks, guillemets and corner brackets, `„ ‚ ‘`,
 * the closing-first marks some languages open with (`” » ›`), and a `'` at a word's start. A
 * `'` or `’` between letters (don't, O’Brien) opens nothing, and `’` never opens.
 */
const OPENING = /["«»‹›“”„‚「『‘]|(?:^|[\s([{—–\-/…,:;"«»‹›“”„‘’‚「」『』])'/;

/** Elements whose text a reader never sees as prose (the quote finder skips them too). */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'textarea']);

/** Whether `text` has a character that may open a quotation. */
export function mayOpenQuote(text: string): boolean {
  return OPENING.test(text);
}

/**
 * Whether the quote finder could find anything under `root`: a possible opening mark in a text
 * node (outside scripts and styles), a `<q>` or `<blockquote>`, or an open shadow root.
 */
export function mayHoldQuotes(root: Node): boolean {
  if (root.nodeType === 3) return mayOpenQuote((root as Text).data) && !inSkipped(root);
  if (root.nodeType !== 1 && root.nodeType !== 11) return false;
  const el = root as Element | DocumentFragment;
  if (el.nodeType === 1 && (isQuoteElement(el as Element) || (el as Element).shadowRoot)) {
    return true;
  }
  if (el.querySelector('q, blockquote')) return true;
  const doc = root.ownerDocument ?? (root as unknown as Document);
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (OPENING.test((node as Text).data) && !inSkipped(node)) return true;
  }
  // An open shadow root's text is not reached by the walk.
  for (const child of el.querySelectorAll('*')) if (child.shadowRoot) return true;
  return false;
}

function isQuoteElement(el: Element): boolean {
  const name = el.localName;
  return name === 'q' || name === 'blockquote';
}

function inSkipped(text: Node): boolean {
  const parent = text.parentElement;
  return !!parent && SKIPPED.has(parent.localName);
}

export interface FirstLookWatcherOptions {
  /** Quiet time (ms) after a change before `onQuiet` (the page was looked at again). */
  debounceMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
}

/**
 * Watches a page that had no quotation for content added later (a single-page app's next view,
 * a live blog's new post): `onQuote` as soon as added or changed text may hold one (once; then
 * the watcher stops), else `onQuiet` after each quiet spell that followed changes.
 */
export class FirstLookWatcher {
  private readonly observer: MutationObserver;
  private timer: unknown;
  private done = false;
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (id: unknown) => void;

  constructor(
    doc: Document,
    private readonly onQuote: () => void,
    private readonly onQuiet: () => void,
    options: FirstLookWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 250;
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? (id => clearTimeout(id as number));
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new Observer(records => this.record(records));
    this.observer.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }

  destroy(): void {
    this.done = true;
    this.observer.disconnect();
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private record(records: MutationRecord[]): void {
    if (this.done) return;
    let changed = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        changed = true;
        if (mayHoldQuotes(record.target)) return this.found();
        continue;
      }
      for (const node of record.addedNodes) {
        changed = true;
        if (mayHoldQuotes(node)) return this.found();
      }
      if (record.removedNodes.length > 0) changed = true;
    }
    if (!changed) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      if (!this.done) this.onQuiet();
    }, this.debounceMs);
  }

  private found(): void {
    this.destroy();
    this.onQuote();
  }
}
