import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

import { createPopupActions } from '@/lib/ui/browser-actions';

/** A tab as `tabs.get` gives it without the `tabs` permission (no address without host access). */
function tab(url?: string) {
  return {
    id: 7,
    index: 0,
    highlighted: false,
    active: true,
    pinned: false,
    incognito: false,
    ...(url ? { url } : {}),
  };
}

describe('the popup’s page status', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is the content script’s own count where it answers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab('https://news.example.org/a') as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      ok: true,
      value: { host: 'news.example.org', found: 3, matched: 2, paused: false },
    });
    expect(await createPopupActions({ tabId: 7 }).pageStatus()).toEqual({
      running: true,
      host: 'news.example.org',
      found: 3,
      matched: 2,
      paused: false,
    });
  });

  it('names the site from the tab’s address where the content script does not answer', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab('https://news.example.org/a') as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    expect(await createPopupActions({ tabId: 7 }).pageStatus()).toEqual({
      running: false,
      host: 'news.example.org',
    });
  });

  it('without an address, tells whether the user withheld Verbatim’s access to web sites', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab() as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    expect(await createPopupActions({ tabId: 7 }).pageStatus()).toEqual({
      running: false,
      siteAccess: false,
    });
    expect(contains).toHaveBeenCalledWith({ origins: ['http://*/*', 'https://*/*'] });
    contains.mockResolvedValue(true);
    expect(await createPopupActions({ tabId: 7 }).pageStatus()).toEqual({ running: false });
  });
});
