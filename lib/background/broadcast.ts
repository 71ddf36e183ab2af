/**
 * Telling every tab's content script that the corpus or the settings changed.
 * Uses `tabs.query({})` and `tabs.sendMessage`, which need no `tabs`
 * permission (tab ids only; no URLs are read).
 */
import { browser } from 'wxt/browser';

import { callAllFrames } from '../messaging/client';

/**
 * Send `corpusChanged` to every tab. Tabs without Verbatim's content script
 * (browser pages, disabled sites, tabs opened before install) fail to answer
 * and are skipped.
 *
 * @returns How many tabs acknowledged.
 */
export async function broadcastCorpusChanged(): Promise<number> {
  let tabs: Array<{ id?: number }>;
  try {
    tabs = await browser.tabs.query({});
  } catch (e) {
    console.warn('Verbatim: cannot list tabs', e);
    return 0;
  }
  const replies = await Promise.all(
    tabs
      .map(tab => tab.id)
      .filter((id): id is number => typeof id === 'number' && id >= 0)
      .map(id => callAllFrames(id, 'corpusChanged')),
  );
  return replies.filter(r => r.ok).length;
}
