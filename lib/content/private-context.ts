/**
 * The content script's context (what WXT passes to `main(ctx)`), without the
 * page-visible handshake of WXT's own `ContentScriptContext`.
 *
 * WXT's context announces every start on the page: a `CustomEvent` dispatched on
 * `document` and a `window.postMessage`, both carrying the extension's id, and it
 * ends itself when it hears that event again (to stop scripts orphaned by an
 * extension update). Any page can listen for the first (Verbatim is installed)
 * and dispatch it (Verbatim switches itself off: marks gone, later quotes never
 * marked; issue #8). `wxt.config.ts` aliases `wxt/utils/content-script-context`
 * to this module, so the generated entrypoint builds this class instead.
 *
 * This context ends only when the extension itself goes away (reloaded, updated,
 * removed: `browser.runtime.id` is then undefined), which it checks every few
 * seconds and on each timer it runs. Nothing reaches the page: no events, no
 * messages, no DOM.
 *
 * Same public surface as WXT's class (`signal`, `onInvalidated`, `setTimeout`,
 * `setInterval`, `requestAnimationFrame`, `requestIdleCallback`, `addEventListener`,
 * `block`, `isValid`/`isInvalid`, `options`), which `createShadowRootUi` and the
 * entrypoint use.
 */
import { browser } from 'wxt/browser';

/** How often (ms) an idle content script checks that its extension is still there. */
export const ORPHAN_CHECK_MS = 5_000;

export class ContentScriptContext implements AbortController {
  private readonly abortController = new AbortController();
  private orphanCheck: ReturnType<typeof setInterval> | undefined;
  private lastUrl: string | undefined;

  /**
   * @param contentScriptName - The entrypoint's name.
   * @param options - The entrypoint's definition without `main` (`cssInjectionMode`…).
   */
  constructor(
    readonly contentScriptName: string,
    readonly options?: Record<string, unknown>,
  ) {
    this.orphanCheck = setInterval(() => void this.isInvalid, ORPHAN_CHECK_MS);
    this.onInvalidated(() => clearInterval(this.orphanCheck));
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  /** True once the extension is gone (or `notifyInvalidated` ran). */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Run `cb` when the context ends; returns a function that removes it. */
  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  /** A promise that never settles (for work that must not go on after the end). */
  block<T>(): Promise<T> {
    return new Promise<T>(() => undefined);
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((...args) => {
      if (this.isValid) callback(...args);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((...args) => {
      if (!this.signal.aborted) callback(...args);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /**
   * `target.addEventListener`, removed when the context ends. `wxt:locationchange` is
   * delivered to `handler` directly (polled once a second), never as a page event.
   */
  addEventListener(
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void {
    if (type === 'wxt:locationchange') {
      this.lastUrl = location.href;
      this.setInterval(() => {
        if (location.href === this.lastUrl) return;
        const event = Object.assign(new Event('locationchange'), {
          newUrl: new URL(location.href),
          oldUrl: new URL(this.lastUrl!),
        });
        this.lastUrl = location.href;
        handler(event);
      }, 1_000);
      return;
    }
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  /** End the context: every `onInvalidated` callback runs. */
  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}
