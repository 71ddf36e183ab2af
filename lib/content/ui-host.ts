/**
 * The one element Verbatim adds to a page, and the closed shadow root its UI
 * lives in (bitwarden's inline-menu stance, STYLE.md "In-page UI that shows
 * private data"):
 *
 * - a custom element with a random name made per page load (`abcde-fghij`), so a
 *   page cannot select it, style it or define the name first (squatting) by name;
 * - a **closed** shadow root: page script cannot enter it (`host.shadowRoot` is
 *   null), so the popover's passage, speaker and document, and the keyboard
 *   stand-ins' labels, are out of its reach. The root's `attachShadow` and every
 *   DOM call here are the content script's own (isolated world): a page that
 *   patches `Element.prototype` does not reach them;
 * - the styles inside the shadow root, from the bundle (nothing web-accessible to
 *   fetch, nothing in `<head>`), and the marks under the quotes (`highlighter.ts`);
 * - appended to `<html>`, after `<body>`: a page's `transform`/`zoom` on `<body>`
 *   and a page that replaces `<body>` leave it alone;
 * - events that are not the user's (`isTrusted` false) stopped at the shadow root;
 * - self-repair: a page that removes the host (or strips attributes the page put on
 *   it) gets it back, a bounded number of times.
 *
 * Nothing else of Verbatim is in the page's DOM.
 */

/** Times the host is put back before Verbatim gives up on a page that keeps removing it. */
export const MAX_REPAIRS = 50;

/** Events stopped at the shadow root unless the user made them. */
const TRUSTED_ONLY = [
  'click',
  'auxclick',
  'dblclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'beforeinput',
  'focusin',
  'focusout',
  'copy',
];

/** Key events that do not leave the UI (page shortcuts must not fire while the reader types). */
const KEPT_INSIDE = ['keydown', 'keyup', 'keypress'];

const hosts = new WeakSet<Node>();

/** Whether `node` is a Verbatim UI host (for code that walks or watches the page). */
export function isUiHost(node: Node): boolean {
  return hosts.has(node);
}

export interface UiHost {
  /** The element in the page. */
  readonly host: HTMLElement;
  /** The closed shadow root (hold it: the page cannot get it back). */
  readonly shadow: ShadowRoot;
  /** Where the UI renders (`.vb-root.vb-theme`). */
  readonly container: HTMLElement;
  /** Where the marks are drawn (`Highlighter.attach`), under the UI. */
  readonly marks: HTMLElement;
  /** Times the host was put back. */
  readonly repairs: number;
  destroy(): void;
}

export interface UiHostOptions {
  /** The page. */
  doc?: Document;
  /** CSS for the shadow root. */
  css: string;
  /** Test seam: random bytes (`crypto.getRandomValues`). */
  random?: (bytes: Uint8Array) => Uint8Array;
  /** Told when the page removed the host and it was put back (or no longer is). */
  onRepair?: (repairs: number, gaveUp: boolean) => void;
}

/** A valid custom element name no page can know in advance: two random 6-letter words. */
export function randomElementName(
  random: (bytes: Uint8Array) => Uint8Array = b => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(12));
  const letters = [...bytes].map(b => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters.slice(0, 6)}-${letters.slice(6)}`;
}

export function createUiHost(options: UiHostOptions): UiHost {
  const doc = options.doc ?? document;
  const host = doc.createElement(randomElementName(options.random));
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = options.css;
  const container = doc.createElement('div');
  container.className = 'vb-root vb-theme';
  const marks = doc.createElement('div');
  shadow.append(style, marks, container);
  hosts.add(host);

  for (const type of TRUSTED_ONLY) {
    shadow.addEventListener(
      type,
      e => {
        if (e.isTrusted) return;
        e.stopImmediatePropagation();
        e.preventDefault();
      },
      { capture: true },
    );
  }
  for (const type of KEPT_INSIDE) container.addEventListener(type, e => e.stopPropagation());

  const parent = doc.documentElement;
  parent.append(host);

  let repairs = 0;
  let destroyed = false;
  const win = doc.defaultView;
  const observer =
    win && 'MutationObserver' in win
      ? new win.MutationObserver(() => {
          if (destroyed) return;
          // Attributes the page put on the host (`hidden`, `inert`, inline styles…) go.
          for (const name of host.getAttributeNames()) host.removeAttribute(name);
          if (host.parentNode === doc.documentElement) return;
          if (repairs >= MAX_REPAIRS) {
            observer?.disconnect();
            options.onRepair?.(repairs, true);
            return;
          }
          repairs++;
          doc.documentElement.append(host);
          options.onRepair?.(repairs, false);
        })
      : undefined;
  observer?.observe(parent, { childList: true });
  observer?.observe(host, { attributes: true });

  return {
    host,
    shadow,
    container,
    marks,
    get repairs() {
      return repairs;
    },
    destroy() {
      destroyed = true;
      observer?.disconnect();
      host.remove();
    },
  };
}
