// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Overlay } from '../../../entrypoints/quotes.content/components/Overlay';
import { createMark, type Mark } from '../../../lib/content/marks';
import { QuoteOverlay } from '../../../lib/content/quote-overlay';
import { findQuotesInDom } from '../../../lib/dom/find-quotes';
import { quoteMatch } from './match-fixture';

function load(body: string) {
  document.open();
  document.write(`<!doctype html><html><head></head><body>${body}</body></html>`);
  document.close();
}

/** Happy-dom does no layout: give every range a box so proxies are drawn. */
function fakeLayout() {
  const box = { left: 10, top: 20, width: 200, height: 18, right: 210, bottom: 38, x: 10, y: 20 };
  vi.spyOn(Range.prototype, 'getBoundingClientRect').mockReturnValue(box as DOMRect);
  vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([box] as unknown as DOMRectList);
}

let overlay: QuoteOverlay | undefined;
afterEach(() => {
  overlay?.destroy();
  overlay = undefined;
  vi.restoreAllMocks();
});

function setup() {
  load(`<p>“The risk of conflict is real,” Stoltenberg said.</p>
        <p>“Russia’s aggressive actions seriously undermine the security order in Europe,” Blinken said.</p>`);
  fakeLayout();
  const quotes = findQuotesInDom(document.body);
  const marks = quotes
    .map((q, i) => createMark(i + 1, q, quoteMatch({ passage: q.text })))
    .filter((m): m is Mark => !!m);
  const root = document.createElement('div');
  document.body.append(root);
  const copyText = vi.fn(async () => true);
  const onChange = vi.fn();
  overlay = new QuoteOverlay(root, {
    View: Overlay,
    readerUrl: ref => `reader.html?doc=${ref.documentId}`,
    copyText,
    onChange,
  });
  overlay.setMarks(marks);
  return { overlay, root, marks, copyText, onChange };
}

describe('QuoteOverlay', () => {
  it('gives each marked quote a focusable proxy announcing its source', () => {
    const { root } = setup();
    const proxies = [...root.querySelectorAll('button.vb-proxy')];
    expect(proxies.map(p => p.getAttribute('aria-label'))).toEqual([
      'Quote: “The risk of conflict is real” — source found: Jens Stoltenberg. Verbatim',
      'Quote: “Russia’s aggressive actions seriously undermine the security order in Europe” — source found: Jens Stoltenberg (the page names Blinken). Other speaker',
    ]);
    // The first line's size, applied only while it has focus (style.css): of no size over
    // the page's text otherwise.
    expect((proxies[0] as HTMLElement).style.getPropertyValue('--vb-w')).toBe('200px');
    expect((proxies[0] as HTMLElement).style.width).toBe('');
  });

  it('opens by keyboard with focus in the dialog, and gives focus back on close', () => {
    const { root, overlay, onChange } = setup();
    const proxy = root.querySelector<HTMLElement>('button.vb-proxy')!;
    proxy.focus();
    proxy.click();
    const dialog = root.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog).not.toBeNull();
    expect(overlay.openId).toBe(1);
    expect(overlay.openedBy).toBe('keyboard');
    expect(document.activeElement).toBe(dialog);
    expect(proxy.getAttribute('aria-expanded')).toBe('true');
    // Right after its quote's proxy, so Tab goes on to the next quote.
    expect(proxy.nextElementSibling).toBe(dialog);
    expect(onChange).toHaveBeenCalled();

    overlay.close(true);
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(proxy);
  });

  it('opens by pointer without taking focus', () => {
    const { root, overlay } = setup();
    overlay.open(2, 'pointer');
    const dialog = root.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.textContent).toContain('the page names Blinken.');
    expect(document.activeElement).not.toBe(dialog);
    expect(dialog.style.visibility).not.toBe('hidden');
  });

  it('copies the open quote’s citation', async () => {
    const { root, overlay, copyText } = setup();
    overlay.open(1, 'pointer');
    root.querySelector<HTMLElement>('[data-testid="copy"]')!.click();
    await vi.waitFor(() => expect(copyText).toHaveBeenCalledTimes(1));
    expect(copyText.mock.calls[0]).toEqual([
      expect.stringMatching(
        /^“The risk of conflict is real” — Jens Stoltenberg, NATO Secretary General\. /,
      ),
    ]);
  });

  it('closes the popover when its quote is no longer marked', () => {
    const { root, overlay, marks } = setup();
    overlay.open(1, 'pointer');
    overlay.setMarks(marks.slice(1));
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.querySelectorAll('button.vb-proxy')).toHaveLength(1);
  });
});
