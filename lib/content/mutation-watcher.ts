/**
 * Watches the page for content added after the first scan (infinite scroll,
 * single-page navigation, expanded comments) and reports, debounced, the
 * subtrees to scan. Bounded: only added subtrees are reported, at most
 * `maxRoots` per report (the rest come in the next one), and changes inside
 * Verbatim's own UI (`data-verbatim-ignore`) are ignored.
 */

/** Quiet time (ms) after the last change before a report. */
export const DEBOUNCE_MS = 500;
/** Subtrees per report at most. */
export const MAX_ROOTS = 200;

/** Elements whose text starts a new block: a changed text node is scanned with its whole block. */
const BLOCK_SELECTOR =
  'p, li, dd, dt, td, th, blockquote, figcaption, h1, h2, h3, h4, h5, h6, pre, div, section, article, main, aside';

export interface MutationWatcherOptions {
  debounceMs?: number;
  maxRoots?: number;
  /** Test seam: timers (a content script passes `ctx.setTimeout`). */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
}

/**
 * What changed: the subtrees added (or whose text changed) to scan, and
 * whether anything was removed (quotes found before may be gone).
 */
export interface PageChange {
  roots: Element[];
  removed: boolean;
}

export class MutationWatcher {
  private readonly observer: MutationObserver;
  private readonly pending = new Set<Element>();
  private removed = false;
  private timer: unknown;
  private readonly debounceMs: number;
  private readonly maxRoots: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (id: unknown) => void;

  /**
   * @param root - The element to watch (the page's `<body>`).
   * @param onChange - Called after `debounceMs` of quiet with what changed.
   */
  constructor(
    private readonly root: Element,
    private readonly onChange: (change: PageChange) => void,
    options: MutationWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.maxRoots = options.maxRoots ?? MAX_ROOTS;
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? (id => clearTimeout(id as number));
    const Observer = root.ownerDocument.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new Observer(records => this.record(records));
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  /** Stop watching; nothing more is reported. */
  destroy(): void {
    this.observer.disconnect();
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private record(records: MutationRecord[]): void {
    let changed = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        const el = record.target.parentElement;
        if (el && !isOurs(el)) changed = this.add(el.closest(BLOCK_SELECTOR) ?? el) || changed;
        continue;
      }
      if (isOurs(record.target)) continue;
      if (record.removedNodes.length > 0) {
        for (const node of record.removedNodes) {
          if (!(node instanceof Element && node.hasAttribute('data-verbatim-ignore'))) {
            this.removed = true;
            changed = true;
            break;
          }
        }
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) {
          const el = node as Element;
          if (el.hasAttribute('data-verbatim-ignore')) continue;
          changed = this.add(el) || changed;
        } else if (node.nodeType === 3) {
          const el = node.parentElement;
          if (el) changed = this.add(el.closest(BLOCK_SELECTOR) ?? el) || changed;
        }
      }
    }
    if (!changed) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => this.flush(), this.debounceMs);
  }

  private add(el: Element): boolean {
    if (!this.root.contains(el)) return false;
    this.pending.add(el);
    return true;
  }

  private flush(): void {
    this.timer = undefined;
    // Outermost subtrees only: an element inside another pending one is scanned with it.
    const roots: Element[] = [];
    for (const el of this.pending) {
      if (!el.isConnected) {
        this.pending.delete(el);
        continue;
      }
      let inner = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (this.pending.has(p)) {
          inner = true;
          break;
        }
      }
      if (inner) this.pending.delete(el);
      else roots.push(el);
    }
    const batch = roots.slice(0, this.maxRoots);
    for (const el of batch) this.pending.delete(el);
    const removed = this.removed;
    this.removed = false;
    // More than one report's worth: the rest after another pause.
    if (this.pending.size > 0) this.timer = this.setTimer(() => this.flush(), this.debounceMs);
    if (batch.length > 0 || removed) this.onChange({ roots: batch, removed });
  }
}

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest('[data-verbatim-ignore]');
}
