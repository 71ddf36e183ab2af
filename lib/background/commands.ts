/**
 * Keyboard shortcuts (the `commands` API; users rebind them at
 * `chrome://extensions/shortcuts` or in Firefox's add-on manager): next and
 * previous quote on the page, and the page's report.
 */
import { browser } from 'wxt/browser';

import { callTab } from '../messaging/client';
import { COMMANDS } from './command-list';

export { COMMANDS };

export type CommandName = keyof typeof COMMANDS;

/** The report page's address for a tab. */
export function reportUrl(tabId: number): string {
  return browser.runtime.getURL(`/report.html?tab=${tabId}`);
}

/**
 * Run a command for a tab (the one it was pressed in; else the active tab).
 * Resolves to what happened, for tests: the quote opened, or the report tab's id.
 */
export async function runCommand(
  command: string,
  tab?: { id?: number },
): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined || tabId < 0) return { ok: false, error: 'no tab' };
  switch (command) {
    case 'next-quote':
    case 'previous-quote':
      return callTab(tabId, 'stepQuote', {
        direction: command === 'next-quote' ? 'next' : 'previous',
      });
    case 'open-report': {
      const created = await browser.tabs.create({ url: reportUrl(tabId) });
      return { ok: true, value: created.id };
    }
    default:
      return { ok: false, error: `unknown command "${command}"` };
  }
}
