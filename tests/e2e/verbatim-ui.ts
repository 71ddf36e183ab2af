/**
 * Looking inside Verbatim's UI from an e2e test. The UI lives in a closed shadow
 * root under a host element with a random name (lib/content/ui-host.ts): page
 * script cannot reach it, and neither can Playwright's locators (they run in the
 * page's worlds). The tests look from the one place that can: Verbatim's own
 * isolated world, entered over the DevTools protocol, where
 * `chrome.dom.openOrClosedShadowRoot` opens the root. Pointer and keyboard input
 * still go through `page.mouse` / `page.keyboard` (trusted events, as a user's).
 *
 * `UiLocator` offers the subset of Playwright's `Locator` the tests use, over CSS
 * selectors inside the shadow root.
 */
import { readFileSync } from 'node:fs';

import type { CDPSession, Page } from 'playwright-core';

import { waitUntil } from './fixtures';
import { AXE, type AxeProblem, seriousAxeViolations } from './ui-helpers';

interface ContextInfo {
  id: number;
  origin: string;
  frameId: string;
  isDefault: boolean;
}

/** Finds the root from inside the isolated world (a string: it is evaluated there). */
const FIND_ROOT = `(() => {
  const open = globalThis.chrome?.dom?.openOrClosedShadowRoot
    ?? (el => el.openOrClosedShadowRoot ?? null);
  for (const el of document.documentElement.children) {
    const root = open(el);
    if (root && root.querySelector('.vb-root')) return root;
  }
  return null;
})()`;

export class VerbatimUi {
  private static readonly byPage = new WeakMap<Page, VerbatimUi>();
  private cdp: Promise<CDPSession> | undefined;
  private readonly contexts = new Map<number, ContextInfo>();
  private mainFrame: string | undefined;

  private constructor(readonly page: Page) {}

  static of(page: Page): VerbatimUi {
    let ui = VerbatimUi.byPage.get(page);
    if (!ui) VerbatimUi.byPage.set(page, (ui = new VerbatimUi(page)));
    return ui;
  }

  private session(): Promise<CDPSession> {
    this.cdp ??= (async () => {
      const cdp = await this.page.context().newCDPSession(this.page);
      cdp.on('Runtime.executionContextCreated', ({ context }) => {
        const aux = (context.auxData ?? {}) as { frameId?: string; isDefault?: boolean };
        this.contexts.set(context.id, {
          id: context.id,
          origin: context.origin,
          frameId: aux.frameId ?? '',
          isDefault: !!aux.isDefault,
        });
      });
      cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
        this.contexts.delete(executionContextId),
      );
      cdp.on('Runtime.executionContextsCleared', () => this.contexts.clear());
      const { frameTree } = await cdp.send('Page.getFrameTree');
      this.mainFrame = frameTree.frame.id;
      await cdp.send('Runtime.enable');
      return cdp;
    })();
    return this.cdp;
  }

  /** The content script's isolated world in the top frame (the newest, after navigations). */
  private async contextId(): Promise<number> {
    await this.session();
    let id: number | undefined;
    await waitUntil(() => {
      const mine = [...this.contexts.values()].filter(
        c =>
          !c.isDefault &&
          c.frameId === this.mainFrame &&
          /^(chrome|moz)-extension:\/\//.test(c.origin),
      );
      id = mine.at(-1)?.id;
      return id !== undefined;
    }, 30_000);
    return id!;
  }

  /**
   * Run `fn(root, arg)` in Verbatim's isolated world; `root` is the UI's shadow root (null
   * while there is none). `fn` must not declare inner functions (the TypeScript transform
   * may wrap them in a helper that does not exist there); its result must be JSON.
   */
  evaluate<R, A = undefined>(
    fn: (root: ShadowRoot | null, arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R> {
    return this.evaluateSource(fn.toString(), arg);
  }

  /** `evaluate` with the function as source text (composed by `UiLocator`; no eval there). */
  async evaluateSource<R>(source: string, arg: unknown): Promise<R> {
    const cdp = await this.session();
    const contextId = await this.contextId();
    const expression = `(async () => (${source})(${FIND_ROOT}, ${JSON.stringify(arg ?? null)}))()`;
    const reply = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (reply.exceptionDetails) {
      throw new Error(
        `in Verbatim's world: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`,
      );
    }
    return reply.result.value as R;
  }

  /** Whether the UI is on the page (its host element is connected). */
  async present(): Promise<boolean> {
    return this.evaluate(root => !!root && root.host.isConnected);
  }

  /** The host element's tag name (random per page load); null while there is none. */
  async hostName(): Promise<string | null> {
    return this.evaluate(root => root?.host.localName ?? null);
  }

  /** The focused element inside the UI: its accessible name or, failing that, its text. */
  async focusedLabel(): Promise<string> {
    return this.evaluate(root => {
      const el = root?.activeElement;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
  }

  locator(selector: string): UiLocator {
    return new UiLocator(this, selector);
  }

  /**
   * axe-core's serious and critical violations inside the UI as it is now (the open popover,
   * the keyboard stand-ins). axe walks shadow trees through `host.shadowRoot`, which is null
   * for a closed root; in Verbatim's world alone, and only while axe runs, the host is given
   * that property (a property of this world's wrapper of the element: neither the page's world
   * nor the content script's own code reads it), so axe audits the UI with the page around it
   * (contrast against what is behind, landmarks, focus order).
   */
  async axe(): Promise<AxeProblem[]> {
    const loaded = await this.evaluate(() => 'axe' in globalThis);
    if (!loaded) {
      const cdp = await this.session();
      const reply = await cdp.send('Runtime.evaluate', {
        expression: readFileSync(AXE, 'utf8'),
        contextId: await this.contextId(),
      });
      if (reply.exceptionDetails)
        throw new Error(`axe in Verbatim's world: ${reply.exceptionDetails.text}`);
    }
    // The page's whole document is audited (a stand-in's name, the popover's place among
    // landmarks), but only the findings inside the UI are kept: the page's markup is not Verbatim's.
    const audit = `async root => {
      if (!root) throw new Error('no Verbatim UI on the page');
      Object.defineProperty(root.host, 'shadowRoot', { value: root, configurable: true });
      try {
        return await (${seriousAxeViolations.toString()})(true);
      } finally {
        delete root.host.shadowRoot;
      }
    }`;
    return this.evaluateSource(audit, null);
  }
}

type Els = Element[];

export class UiLocator {
  constructor(
    private readonly ui: VerbatimUi,
    readonly selector: string,
    private readonly index?: number,
  ) {}

  locator(selector: string): UiLocator {
    return new UiLocator(this.ui, `${this.selector} ${selector}`);
  }

  getByTestId(id: string): UiLocator {
    return this.locator(`[data-testid="${id}"]`);
  }

  first(): UiLocator {
    return new UiLocator(this.ui, this.selector, 0);
  }

  nth(index: number): UiLocator {
    return new UiLocator(this.ui, this.selector, index);
  }

  /** Run `source` — `(els, arg) => …` — on every element matched (or the one picked). */
  private runSource<R>(source: string, arg?: unknown): Promise<R> {
    const wrapper = `(root, a) => {
      const all = root ? [...root.querySelectorAll(a.selector)] : [];
      const els = a.index === null ? all : all.slice(a.index, a.index + 1);
      return (${source})(els, a.arg);
    }`;
    return this.ui.evaluateSource(wrapper, {
      selector: this.selector,
      index: this.index ?? null,
      arg: arg ?? null,
    });
  }

  private run<R, A>(fn: (els: Els, arg: A) => R, arg?: A): Promise<R> {
    return this.runSource(fn.toString(), arg);
  }

  count(): Promise<number> {
    return this.run(els => els.length);
  }

  async textContent(): Promise<string | null> {
    await this.waitFor({ state: 'attached' });
    return this.run(els => els[0]?.textContent ?? null);
  }

  async allTextContents(): Promise<string[]> {
    return this.run(els => els.map(el => el.textContent ?? ''));
  }

  async getAttribute(name: string): Promise<string | null> {
    await this.waitFor({ state: 'attached' });
    return this.run((els, n) => els[0]?.getAttribute(n) ?? null, name);
  }

  /** The first element's box in viewport (CSS px) coordinates, like Playwright's. */
  async boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    return this.run(els => {
      const r = els[0]?.getBoundingClientRect();
      return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    });
  }

  isVisible(): Promise<boolean> {
    return this.run(els => {
      const el = els[0];
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
  }

  async waitFor(
    options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {},
  ): Promise<void> {
    const state = options.state ?? 'visible';
    await waitUntil(async () => {
      if (state === 'attached') return (await this.count()) > 0;
      if (state === 'detached') return (await this.count()) === 0;
      const visible = await this.isVisible();
      return state === 'visible' ? visible : !visible;
    }, options.timeout ?? 10_000);
  }

  /** Run `fn(element, arg)` on the first element, in Verbatim's world. */
  async evaluate<R, A = undefined>(fn: (el: Element, arg: A) => R, arg?: A): Promise<R> {
    await this.waitFor({ state: 'attached' });
    return this.runSource(`(els, arg) => (${fn.toString()})(els[0], arg)`, arg);
  }

  async evaluateAll<R, A = undefined>(fn: (els: Element[], arg: A) => R, arg?: A): Promise<R> {
    return this.runSource(fn.toString(), arg);
  }

  /** Focus the element (as a keyboard user reaching it would). */
  async focus(): Promise<void> {
    await this.waitFor({ state: 'attached' });
    await this.run(els => (els[0] as HTMLElement).focus());
  }

  /** A user's click (trusted) in the middle of the element. */
  async click(options: { button?: 'left' | 'middle' } = {}): Promise<void> {
    await this.waitFor({ state: 'visible' });
    const box = (await this.boundingBox())!;
    await this.ui.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, options);
  }
}
