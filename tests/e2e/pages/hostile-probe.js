/* eslint-disable no-restricted-properties -- the hostile page reads what it can as HTML (it writes none) */
/*
 * A hostile page's script (served with the hostile-isolation e2e pages). It records what
 * a page can observe of an extension and offers the attacks the tests trigger:
 * - window.probe(): everything page script can read (DOM, open shadow roots, attributes,
 *   styles, highlights, timing entries, selection, messages and events it heard);
 * - window.foreignElements(): elements the page did not create;
 * - window.attack.*: synthetic input, the WXT kill switch, clearing highlights, removing
 *   foreign elements, restyling highlights.
 */
(() => {
  const own = new WeakSet();
  const markOwn = () => document.querySelectorAll('*').forEach(el => own.add(el));
  markOwn();
  document.addEventListener('DOMContentLoaded', markOwn);
  const heard = [];
  addEventListener('message', e => heard.push(`message:${JSON.stringify(e.data)}`), true);
  // Any event type a page might hear on document or window from an extension's script.
  const original = EventTarget.prototype.dispatchEvent;
  for (const target of [window, document]) {
    for (const type of ['wxt:content-script-started', 'verbatim']) {
      target.addEventListener(type, e => heard.push(`event:${e.type}`), true);
    }
  }
  const allRoots = () => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return roots;
  };
  const cssText = sheet => {
    try {
      return [...sheet.cssRules].map(r => r.cssText).join('\n');
    } catch {
      return '';
    }
  };
  window.probe = () => {
    const parts = [];
    for (const root of allRoots()) {
      parts.push(root === document ? document.documentElement.outerHTML : root.innerHTML);
      for (const el of root.querySelectorAll('*')) {
        for (const name of el.getAttributeNames()) parts.push(`${name}=${el.getAttribute(name)}`);
      }
    }
    parts.push(
      document.documentElement.innerText ?? '',
      document.documentElement.textContent ?? '',
    );
    parts.push(document.title, String(getSelection()));
    for (const sheet of [...document.styleSheets, ...document.adoptedStyleSheets])
      parts.push(cssText(sheet));
    if (globalThis.CSS && CSS.highlights) {
      for (const [name, highlight] of CSS.highlights) {
        parts.push(`highlight:${name}`);
        for (const range of highlight) parts.push(String(range));
      }
    }
    parts.push(...performance.getEntries().map(e => `${e.entryType}:${e.name}`));
    parts.push(...heard);
    parts.push(JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }));
    const active = document.activeElement;
    if (active) parts.push(active.outerHTML.slice(0, 2000), active.shadowRoot ? 'open-root' : '');
    return parts.join('\n');
  };
  window.foreignElements = () =>
    [...document.querySelectorAll('*')]
      .filter(el => !own.has(el))
      .map(el => ({
        tag: el.localName,
        openShadowRoot: el.shadowRoot !== null,
        text: el.textContent,
        html: el.innerHTML,
      }));
  window.heard = heard;
  window.attack = {
    /** What WXT's content-script context listens for, replayed (with the id it announced, if any). */
    killSwitch(extensionId) {
      const type = `${extensionId}:quotes:wxt:content-script-started`;
      const detail = { contentScriptName: 'quotes', messageId: 'page' };
      original.call(document, new CustomEvent(type, { detail }));
      postMessage({ type, contentScriptName: 'quotes', messageId: 'page' }, '*');
    },
    /** Pointer, mouse and click events at a point, as a script can make them (untrusted). */
    syntheticHover(x, y) {
      const target = document.elementFromPoint(x, y) ?? document.body;
      const init = { bubbles: true, composed: true, clientX: x, clientY: y, view: window };
      for (const type of ['pointerover', 'pointermove', 'mouseover', 'mousemove']) {
        target.dispatchEvent(
          new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, init),
        );
      }
    },
    syntheticClick(x, y) {
      const target = document.elementFromPoint(x, y) ?? document.body;
      const init = { bubbles: true, composed: true, clientX: x, clientY: y, view: window };
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        target.dispatchEvent(
          new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, init),
        );
      }
      target.click?.();
    },
    /** Click, focus and press keys on every element the page did not make. */
    pokeForeign() {
      for (const el of document.querySelectorAll('*')) {
        if (own.has(el)) continue;
        el.click?.();
        el.focus?.();
        for (const key of ['Enter', ' ', 'Tab']) {
          el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
        }
      }
      for (const key of ['Enter', 'Tab']) {
        document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      }
    },
    clearHighlights() {
      CSS.highlights.clear();
    },
    dropSheets() {
      document.adoptedStyleSheets = [];
      for (const el of document.querySelectorAll('style')) if (!own.has(el)) el.remove();
    },
    /** Unstyle every highlight the page can name. */
    restyleHighlights() {
      const style = document.createElement('style');
      style.textContent = [...CSS.highlights.keys()]
        .map(
          n =>
            `::highlight(${n}) { background: none !important; text-decoration: none !important; color: inherit !important; }`,
        )
        .join('\n');
      document.head.append(style);
      own.add(style);
    },
    removeForeign() {
      let removed = 0;
      for (const el of document.querySelectorAll('*')) {
        if (own.has(el)) continue;
        el.remove();
        removed++;
      }
      return removed;
    },
  };
})();
