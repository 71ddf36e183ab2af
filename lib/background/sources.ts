/**
 * Sources from where the reader is: the context-menu items ("Add this page to
 * Verbatim" on a page, "Find source in Verbatim" on a selection), the
 * first-run page opened on install, and the corpus search opened from a page.
 * Needs the `contextMenus` permission only; the page itself is read by
 * Verbatim's own content script (no new host access).
 */
import { browser } from 'wxt/browser';

import { callTab } from '../messaging/client';
import type { Result } from '../messaging/protocol';

export const MENU_ADD_PAGE = 'verbatim-add-page';
export const MENU_FIND_SOURCE = 'verbatim-find-source';

/** Longest selection sourced (characters): a quote, not a page. */
export const MAX_SELECTION_CHARS = 5_000;

export interface SourceActions {
  findSelectionSource(tabId: number, text: string): Promise<Result<{ found: boolean }>>;
  openSearch(query: string): Promise<void>;
}

/** The options page importing tab `tabId`'s page (the import preview opens at once). */
export function addPageUrl(tabId: number): string {
  return browser.runtime.getURL(`/options.html?addTab=${tabId}`);
}

export function createSourceActions(): SourceActions {
  return {
    async findSelectionSource(tabId, text) {
      const quote = text.replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION_CHARS);
      if (!quote) return { ok: false, error: 'nothing is selected' };
      return callTab(tabId, 'sourceSelection', { text: quote });
    },
    async openSearch(query) {
      const q = query.replace(/\s+/g, ' ').trim().slice(0, 500);
      await browser.tabs.create({
        url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(q)}`),
      });
    },
  };
}

/** Create the context-menu items (on install and update: Chrome keeps them between starts). */
export function createMenus(): void {
  const menus = browser.contextMenus;
  if (!menus) return;
  void Promise.resolve()
    .then(() => menus.removeAll())
    .then(() => {
      menus.create({
        id: MENU_ADD_PAGE,
        title: 'Add this page to Verbatim',
        contexts: ['page'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      });
      menus.create({
        id: MENU_FIND_SOURCE,
        title: 'Find source in Verbatim',
        contexts: ['selection'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      });
    })
    .catch(error => console.warn('Verbatim: cannot create the context menus', error));
}

/** Answer clicks on the menu items. Registered at every start of the background. */
export function listenToMenus(actions: SourceActions): void {
  try {
    browser.contextMenus?.onClicked.addListener((info, tab) => onMenuClick(actions, info, tab));
  } catch (error) {
    // A browser (or test double) without context menus: the other ways in still work.
    console.warn('Verbatim: no context menus here', error);
  }
}

function onMenuClick(
  actions: SourceActions,
  info: { menuItemId: string | number; selectionText?: string },
  tab: { id?: number } | undefined,
): void {
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return;
  if (info.menuItemId === MENU_ADD_PAGE) {
    void browser.tabs.create({ url: addPageUrl(tabId) });
  } else if (info.menuItemId === MENU_FIND_SOURCE && info.selectionText) {
    void actions.findSelectionSource(tabId, info.selectionText).then(r => {
      if (!r.ok) console.warn('Verbatim: cannot source the selection:', r.error);
    });
  }
}

/** The first-run page, opened once when Verbatim is installed. */
export function openWelcome(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}
