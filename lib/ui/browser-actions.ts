/**
 * The real actions: messages to the background (`callBackground`), to the
 * active tab's content script (`callTab`), and the few browser calls the
 * pages need (open a tab, close the popup, download a file). The pages'
 * entrypoints create these and hand them to the components.
 */
// eslint-disable-next-line no-restricted-imports -- the one module of lib/ui that talks to the browser: it implements the actions the components receive.
import { browser } from 'wxt/browser';

import { callBackground, callTab } from '../messaging/client';
import type { CorpusActions, PageStatus, PopupActions, ReportActions } from './actions';
import { readerHref } from './reader-link';

/** How long a download's Blob URL lives (the browser has started the download well before). */
const BLOB_URL_LIFETIME_MS = 60_000;

/** Actions of the options page. */
export function createCorpusActions(): CorpusActions {
  return {
    listDocuments: () => callBackground('listDocuments'),
    getDocument: id => callBackground('getDocument', { id }),
    saveDocuments: (documents, onConflict) =>
      callBackground('saveDocuments', { documents, onConflict }),
    updateDocument: (id, changes) => callBackground('updateDocument', { id, changes }),
    deleteDocuments: ids => callBackground('deleteDocuments', { ids }),
    exportCorpus: ids => callBackground('exportCorpus', ids ? { ids } : {}),
    resetCorpus: () => callBackground('resetCorpus'),
    indexStatus: () => callBackground('indexStatus'),
    getSettings: () => callBackground('getSettings'),
    updateSettings: changes => callBackground('updateSettings', changes),
    readerUrl: target => readerHref(browser.runtime.getURL('/reader.html'), target),
    downloadFile(fileName, contents, mimeType) {
      const url = URL.createObjectURL(new Blob([contents], { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
    },
    readTab: tabId => callTab(tabId, 'getPageSource'),
  };
}

export interface PopupActionsOptions {
  /**
   * The tab whose page the popup reports on, instead of the active tab of the
   * popup's window: for the popup opened as a page (`popup.html?tab=<id>`),
   * where the active tab is the popup itself.
   */
  tabId?: number;
}

/** Actions of the toolbar popup. */
export function createPopupActions(options: PopupActionsOptions = {}): PopupActions {
  return {
    searchCorpus: (query, limit) =>
      callBackground('searchCorpus', limit === undefined ? { query } : { query, limit }),
    indexStatus: () => callBackground('indexStatus'),
    async corpusSize() {
      const list = await callBackground('listDocuments');
      if (!list.ok) return list;
      return {
        ok: true,
        value: {
          documents: list.value.length,
          passages: list.value.reduce((sum, doc) => sum + doc.passages, 0),
        },
      };
    },
    async pageStatus(): Promise<PageStatus> {
      let tab: { id?: number; url?: string } | undefined;
      try {
        tab =
          options.tabId !== undefined
            ? await browser.tabs.get(options.tabId)
            : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      } catch {
        return { running: false };
      }
      // Without the `tabs` permission a tab's address is there only where Verbatim has host
      // access: every http(s) site, the content script's own, unless the user withheld it.
      const host = hostOf(tab?.url);
      const stats = tab?.id === undefined ? undefined : await callTab(tab.id, 'getPageStats');
      if (stats?.ok) return { running: true, ...stats.value };
      if (host) return { running: false, host };
      return (await hasSiteAccess()) ? { running: false } : { running: false, siteAccess: false };
    },
    getSettings: () => callBackground('getSettings'),
    updateSettings: changes => callBackground('updateSettings', changes),
    async openReader(target) {
      await browser.tabs.create({
        url: readerHref(browser.runtime.getURL('/reader.html'), target),
      });
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
    },
    async addPage() {
      let tab: { id?: number; url?: string } | undefined;
      try {
        tab =
          options.tabId !== undefined
            ? await browser.tabs.get(options.tabId)
            : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      } catch {
        tab = undefined;
      }
      if (tab?.id === undefined) return { ok: false, error: 'There is no page to add.' };
      // Only a page where Verbatim's content script runs can be read (no other access).
      const ping = await callTab(tab.id, 'getPageStats');
      if (!ping.ok) {
        return {
          ok: false,
          error:
            'Verbatim cannot read this page. Web pages opened before Verbatim was installed need a reload; browser pages cannot be added.',
        };
      }
      await browser.tabs.create({
        url: browser.runtime.getURL(`/options.html?addTab=${tab.id}`),
      });
      return { ok: true, value: null };
    },
    async openWelcome() {
      await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    },
    close: () => window.close(),
    // ---- ui: the page's quotes ----
    async pageReport() {
      const id = await popupTabId(options);
      if (id === undefined) return { ok: false, error: 'no web page in this tab' };
      return callTab(id, 'getPageReport');
    },
    async revealQuote(quote) {
      const id = await popupTabId(options);
      if (id === undefined) return { ok: false, error: 'no web page in this tab' };
      return callTab(id, 'revealQuote', { id: quote });
    },
    async checkQuote(text) {
      const result = await callBackground('matchQuotes', { quotes: [{ text }] });
      return result.ok ? { ok: true, value: result.value[0] ?? null } : result;
    },
    async openReport() {
      const id = await popupTabId(options);
      if (id === undefined) return;
      await browser.tabs.create({ url: browser.runtime.getURL(`/report.html?tab=${id}`) });
    },
  };
}

async function popupTabId(options: PopupActionsOptions): Promise<number | undefined> {
  if (options.tabId !== undefined) return options.tabId;
  try {
    return (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  } catch {
    return undefined;
  }
}

/** (ui) Actions of the report page for tab `tabId`. */
export function createReportActions(tabId: number): ReportActions {
  const corpus = createCorpusActions();
  return {
    pageReport: () => callTab(tabId, 'getPageReport'),
    corpusInfo: () => callBackground('corpusInfo'),
    async revealQuote(id) {
      try {
        const tab = await browser.tabs.update(tabId, { active: true });
        if (tab?.windowId !== undefined)
          await browser.windows.update(tab.windowId, { focused: true });
      } catch {
        return { ok: false, error: 'the page’s tab is closed' };
      }
      return callTab(tabId, 'revealQuote', { id });
    },
    readerUrl: corpus.readerUrl,
    downloadFile: corpus.downloadFile,
  };
}

/** Whether Verbatim may read every http(s) site (the user can withhold it in the browser). */
async function hasSiteAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: SITES });
  } catch {
    return true;
  }
}

/** The sites the content script runs on (`host_permissions` of the built manifest). */
const SITES = ['http://*/*', 'https://*/*'];

/** The host of a web page's address; undefined for browser pages and unknown addresses. */
function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.hostname
      : undefined;
  } catch {
    return undefined;
  }
}
