/**
 * Watches the page for what changes after the first scan (infinite scroll, single-page and
 * Turbo-style navigation, expanded comments, revealed panels, live tickers) and reports what
 * to scan again, batched:
 *
 * - a report comes `debounceMs` after the last change, but never later than `maxWaitMs`
 *   after the first one not reported yet, so a page that never stops changing (a ticker
 *   every 50 ms) still gets its new quotes marked within that time;
 * - added subtrees are reported whole (`roots`); a changed or added text only with its
 *   block (`blocks`: the block's own text, not the blocks inside it), so a clock ticking
 *   inside `<article>` costs one line, not the article; in a block without a quote, text or
 *   small inline elements without a quotation mark (a clock, a ticker re-rendered as new
 *   `<b>` elements) are not reported at all, unless `mayMatter` says the text is long
 *   enough to hold an unmarked copy;
 * - `class`, `style`, `hidden` and `open` changes are reported by element (`revealed`):
 *   they may show content that was hidden when it was scanned; so may style sheets (`styles`);
 * - a replaced `<body>` is reported as such;
 * - nothing inside Verbatim's own UI (`data-verbatim-ignore`) or inside editable content
 *   (the user typing) is reported.
 *
 * The whole document is watched (so a new `<body>` is seen), plus each open shadow root the
 * scan walks into (`observe`): a shadow tree's changes do not reach its host's observers.
 */
import { closestBlock, isBlockElement, isInEditable } from '../dom/find-quotes';

/** Quiet time (ms) after the last change before a report. */
export const DEBOUNCE_MS = 250;
/** Longest wait (ms) from a change to its report, however busy the page. */
export const MAX_WAIT_MS = 500;
/** Subtrees per report at most. */
export const MAX_ROOTS = 200;
/** Quotation marks (those of `lib/core/detect-quotes.ts`): text without them starts no quote. */
const QUOTE_MARK = /["'«»‹›“”„‘’‚「」『』]/;

/** Attributes whose change can show hidden content. */
const REVEALING_ATTRIBUTES = ['class', 'style', 'hidden', 'open'];
const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  characterDataOldValue: true,
  attributes: true,
  attributeFilter: REVEALING_ATTRIBUTES,
};

export interface MutationWatcherOptions {
  debounceMs?: number;
  maxWaitMs?: number;
  maxRoots?: number;
  /**
   * Whether a quote was found in this block's own text. A text change in a block that has
   * none, where neither the old nor the new text has a quotation mark, cannot make one and
   * is not reported (a clock, a ticker, a counter). Default: every change is reported.
   */
  holdsQuote?: (block: Element) => boolean;
  /**
   * (copies) Whether changed text matters without a quotation mark: long enough to be part of
   * an unmarked copy. Such a change is reported like one with a mark. Default: never.
   */
  mayMatter?: (text: string) => boolean;
  /** Test seam: timers (a content script passes `ctx.setTimeout`). */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
}

/** What changed since the last report. */
export interface PageChange {
  /** Subtrees added: scan them in full. Outermost only. */
  roots: Element[];
  /** Blocks whose own text changed: scan their own text (not inside `roots`). */
  blocks: Element[];
  /** Elements whose `class`, `style`, `hidden` or `open` changed. */
  revealed: Element[];
  /** Style sheets were added or removed (anything hidden may show now). */
  styles: boolean;
  /** Something was removed: quotes found before may be gone. */
  removed: boolean;
  /** The page put a new `<body>` in place of the one watched before. */
  bodyReplaced: boolean;
}

export class MutationWatcher {
  private readonly observer: MutationObserver;
  private readonly roots = new Set<Element>();
  private readonly blocks = new Set<Element>();
  private readonly revealed = new Set<Element>();
  private styles = false;
  private removed = false;
  private bodyReplaced = false;
  private quietTimer: unknown;
  private maxTimer: unknown;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly maxRoots: number;
  private readonly holdsQuote: (block: Element) => boolean;
  private readonly mayMatter: (text: string) => boolean;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (id: unknown) => void;
  private destroyed = false;

  /**
   * @param doc - The page: its whole document is watched.
   * @param onChange - Called with what changed (see the module's comment for when).
   */
  constructor(
    private readonly doc: Document,
    private readonly onChange: (change: PageChange) => void,
    options: MutationWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.maxWaitMs = Math.max(this.debounceMs, options.maxWaitMs ?? MAX_WAIT_MS);
    this.maxRoots = options.maxRoots ?? MAX_ROOTS;
    this.holdsQuote = options.holdsQuote ?? (() => true);
    this.mayMatter = options.mayMatter ?? (() => false);
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? (id => clearTimeout(id as number));
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new Observer(records => this.record(records));
    this.observer.observe(doc.documentElement, OPTIONS);
  }

  /** Watch an open shadow root too (its changes are not seen from the document). */
  observe(root: ShadowRoot): void {
    if (!this.destroyed) this.observer.observe(root, OPTIONS);
  }

  /** Stop watching; nothing more is reported. */
  destroy(): void {
    this.destroyed = true;
    this.observer.disconnect();
    this.clearTimers();
    this.roots.clear();
    this.blocks.clear();
    this.revealed.clear();
  }

  private record(records: MutationRecord[]): void {
    let changed = false;
    const head = this.doc.head;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'attributes') {
        const el = target as Element;
        if (el.nodeType !== 1 || isOurs(el) || (head && head.contains(el))) continue;
        this.revealed.add(el);
        changed = true;
        continue;
      }
      if (record.type === 'characterData') {
        const text = target as Text;
        if (isOurs(text) || isInEditable(text)) continue;
        const block = closestBlock(text);
        if (block && this.matters(block, text.data, record.oldValue)) {
          this.blocks.add(block);
          changed = true;
        }
        continue;
      }
      // childList
      if (isOurs(target)) continue;
      if (target === this.doc.documentElement || (head && head.contains(target))) {
        changed = this.headOrRoot(record) || changed;
        continue;
      }
      if (target.nodeType === 1 && isInEditable(target)) continue;
      // Text nodes swapped for others (`textContent = …`) without quotation marks, in a block
      // without quotes: nothing to scan (nor anything removed that held a quote).
      if (this.quietText(record)) continue;
      for (const node of record.removedNodes) {
        if (node.nodeType === 1 && (node as Element).hasAttribute('data-verbatim-ignore')) continue;
        if (isStyle(node)) this.styles = true;
        this.removed = true;
        changed = true;
      }
      for (const node of record.addedNodes) changed = this.added(node, target) || changed;
    }
    if (changed) this.schedule();
  }

  /** Whether a text change in `block` may add, change or remove a quote (or a copy). */
  private matters(block: Element, data: string, old: string | null | undefined): boolean {
    return (
      QUOTE_MARK.test(data) ||
      (old != null && QUOTE_MARK.test(old)) ||
      this.holdsQuote(block) ||
      this.mayMatter(data)
    );
  }

  /**
   * A childList change that only swaps plain content without quotation marks (text, or small
   * elements such as a framework's re-rendered `<b>12.5</b>`) in a block where no quote was
   * found: nothing to scan, and nothing removed that held a quote. Custom elements, shadow
   * hosts, frames and SVG may hold text that `textContent` does not show: never quiet.
   */
  private quietText(record: MutationRecord): boolean {
    const nodes = [...record.addedNodes, ...record.removedNodes];
    if (nodes.length === 0 || record.target.nodeType !== 1) return false;
    let data = '';
    for (const node of nodes) {
      if (node.nodeType === 3) data += (node as Text).data;
      else if (node.nodeType === 1 && isPlain(node as Element)) data += node.textContent ?? '';
      else return false;
    }
    const block = closestBlock(record.target);
    return !!block && !this.matters(block, data, null);
  }

  /** A change to `<html>`'s children or in `<head>`: a new body, or style sheets. */
  private headOrRoot(record: MutationRecord): boolean {
    let changed = false;
    for (const node of [...record.addedNodes, ...record.removedNodes]) {
      if (isStyle(node) && !(node as Element).hasAttribute('data-verbatim-ignore')) {
        this.styles = true;
        changed = true;
      }
    }
    for (const node of record.addedNodes) {
      if (node.nodeType === 1 && (node as Element).localName === 'body') {
        this.bodyReplaced = true;
        this.roots.add(node as Element);
        changed = true;
      }
    }
    if (record.removedNodes.length > 0 && record.target === this.doc.documentElement) {
      this.removed = true;
      changed = true;
    }
    return changed;
  }

  private added(node: Node, parent: Node): boolean {
    if (node.nodeType === 3) {
      const block = parent.nodeType === 1 ? closestBlock(parent) : hostOf(parent);
      if (block) this.blocks.add(block);
      return !!block;
    }
    if (node.nodeType !== 1) return false;
    const el = node as Element;
    if (el.hasAttribute('data-verbatim-ignore')) return false;
    if (isStyle(el)) {
      this.styles = true;
      return true;
    }
    if (parent.nodeType === 11) {
      // Added at the top of a shadow tree: its host is scanned again (through its shadow root).
      const host = hostOf(parent);
      if (host) this.roots.add(host);
      return !!host;
    }
    // An inline element changes its block's own text; one holding blocks brings them too.
    if (isBlockElement(el) || el.querySelector('p, div, li, blockquote, section, article, table')) {
      this.roots.add(el);
    }
    if (!isBlockElement(el)) {
      const block = closestBlock(parent);
      if (block) this.blocks.add(block);
    }
    return true;
  }

  private schedule(): void {
    if (this.destroyed) return;
    if (this.quietTimer !== undefined) this.clearTimer(this.quietTimer);
    this.quietTimer = this.setTimer(() => this.flush(), this.debounceMs);
    this.maxTimer ??= this.setTimer(() => this.flush(), this.maxWaitMs);
  }

  private clearTimers(): void {
    if (this.quietTimer !== undefined) this.clearTimer(this.quietTimer);
    if (this.maxTimer !== undefined) this.clearTimer(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
  }

  private flush(): void {
    this.clearTimers();
    if (this.destroyed) return;
    // Outermost subtrees only: an element inside another pending one is scanned with it.
    const roots = outermost(this.roots);
    const batch = roots.slice(0, this.maxRoots);
    for (const el of batch) this.roots.delete(el);
    const within = (el: Element) => batch.some(root => root.contains(el));
    const blocks = [...this.blocks].filter(el => el.isConnected && !within(el));
    const revealed = [...this.revealed].filter(el => el.isConnected);
    const change: PageChange = {
      roots: batch,
      blocks,
      revealed,
      styles: this.styles,
      removed: this.removed,
      bodyReplaced: this.bodyReplaced,
    };
    this.blocks.clear();
    this.revealed.clear();
    this.styles = false;
    this.removed = false;
    this.bodyReplaced = false;
    // More than one report's worth of subtrees: the rest in the next report.
    if (this.roots.size > 0) this.schedule();
    if (
      batch.length > 0 ||
      blocks.length > 0 ||
      revealed.length > 0 ||
      change.styles ||
      change.removed
    ) {
      this.onChange(change);
    }
  }
}

/**
 * The connected elements of a set that are not inside another one of them; the others are
 * taken out of the set (they are scanned with those).
 */
function outermost(set: Set<Element>): Element[] {
  const out: Element[] = [];
  for (const el of set) {
    if (!el.isConnected) {
      set.delete(el);
      continue;
    }
    let inner = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (set.has(p)) {
        inner = true;
        break;
      }
    }
    if (inner) set.delete(el);
    else out.push(el);
  }
  return out;
}

/** Elements of a plain inline swap at most (see `quietText`). */
const PLAIN_MAX_ELEMENTS = 16;
/** Tags whose content is not (all) in `textContent`, or that are blocks of their own. */
const NOT_PLAIN = /^(iframe|frame|object|embed|svg|template|slot|input|textarea|select)$/;

/**
 * A small inline element, all of whose text is in its `textContent`: no custom elements or
 * shadow hosts, no frames, no blocks.
 */
function isPlain(el: Element): boolean {
  let seen = 0;
  for (let e: Element | null = el; e; e = nextElement(e, el)) {
    if (++seen > PLAIN_MAX_ELEMENTS) return false;
    if (
      e.localName.includes('-') ||
      e.shadowRoot ||
      NOT_PLAIN.test(e.localName) ||
      isBlockElement(e) ||
      e.hasAttribute('data-verbatim-ignore')
    ) {
      return false;
    }
  }
  return true;
}

/** The element after `e` in document order within `root`, or null. */
function nextElement(e: Element, root: Element): Element | null {
  if (e.firstElementChild) return e.firstElementChild;
  for (let n: Element | null = e; n && n !== root; n = n.parentElement) {
    if (n.nextElementSibling) return n.nextElementSibling;
  }
  return null;
}

function hostOf(node: Node): Element | undefined {
  return node.nodeType === 11 ? ((node as ShadowRoot).host ?? undefined) : undefined;
}

function isStyle(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const name = (node as Element).localName;
  return (
    name === 'style' ||
    (name === 'link' && /stylesheet/i.test((node as Element).getAttribute('rel') ?? ''))
  );
}

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest('[data-verbatim-ignore]');
}
