/**
 * What Verbatim's UI shows, read from inside its closed shadow root, for the
 * extension's own test tools (`inspectUi`, a `tabs.sendMessage` call only the
 * extension can make). Browsers where a test driver cannot enter the content
 * script's world (Firefox over WebDriver BiDi) read the UI this way; the page
 * cannot.
 */
import type { MarkSnapshot } from './highlighter';

export interface UiSnapshot {
  /** The host element's (random) name; null while there is no UI. */
  host: string | null;
  popover: {
    /** Drawn in place (not while it is measured). */
    visible: boolean;
    /** Viewport coordinates. */
    box: { x: number; y: number; width: number; height: number };
    /** Text of each part, by `data-testid`. */
    parts: Record<string, string>;
    verdict: string | null;
  } | null;
  /** The quotes' keyboard stand-ins, in page order. */
  proxies: Array<{ label: string; expanded: boolean }>;
  /** The focused element inside the UI. */
  focused: { label: string; inPopover: boolean } | null;
  /** The marks drawn under the quotes, in reading order (`Highlighter.snapshot`). */
  marks: MarkSnapshot[];
}

export function inspectUi(shadow: ShadowRoot | undefined, marks: MarkSnapshot[] = []): UiSnapshot {
  if (!shadow || !shadow.host.isConnected) {
    return { host: null, popover: null, proxies: [], focused: null, marks };
  }
  const dialog = shadow.querySelector<HTMLElement>('[role="dialog"]');
  let popover: UiSnapshot['popover'] = null;
  if (dialog) {
    const r = dialog.getBoundingClientRect();
    const parts: Record<string, string> = {};
    for (const el of dialog.querySelectorAll('[data-testid]')) {
      const id = el.getAttribute('data-testid')!;
      parts[id] ??= (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    }
    popover = {
      visible: getComputedStyle(dialog).visibility === 'visible',
      box: { x: r.left, y: r.top, width: r.width, height: r.height },
      parts,
      verdict:
        dialog.querySelector('[data-testid="verdict"]')?.getAttribute('data-verdict') ?? null,
    };
  }
  const proxies = [...shadow.querySelectorAll('button.vb-proxy')].map(el => ({
    label: el.getAttribute('aria-label') ?? '',
    expanded: el.getAttribute('aria-expanded') === 'true',
  }));
  const active = shadow.activeElement;
  const focused = active
    ? {
        label: active.getAttribute('aria-label') ?? (active.textContent ?? '').trim(),
        inPopover: !!dialog && dialog.contains(active),
      }
    : null;
  return { host: shadow.host.localName, popover, proxies, focused, marks };
}
