import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

import { BACKGROUND_RETRY_MS, callBackground, callTab } from '@/lib/messaging/client';

describe('callBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sends a Verbatim envelope and resolves with the background’s result', async () => {
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, value: { documents: 2 } });
    expect(await callBackground('resetCorpus')).toEqual({ ok: true, value: { documents: 2 } });
    expect(send).toHaveBeenCalledWith({ verbatim: 1, type: 'resetCorpus', args: [] });
  });

  it('turns an unreachable background into an error result', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Extension context invalidated.'),
    );
    expect(await callBackground('getSettings')).toEqual({
      ok: false,
      error: 'Verbatim’s background did not answer (Extension context invalidated.)',
    });
  });

  it('tries again while the background is starting (nothing received the call yet)', async () => {
    vi.useFakeTimers();
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(
        new Error('Could not establish connection. Receiving end does not exist.'),
      )
      .mockRejectedValueOnce(
        new Error('Could not establish connection. Receiving end does not exist.'),
      )
      .mockResolvedValue({ ok: true, value: null });
    const result = callBackground('loadPageScript');
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ ok: true, value: null });
    expect(send).toHaveBeenCalledTimes(3);
    vi.useRealTimers();
  });

  it('gives up after its last try, with the error', async () => {
    vi.useFakeTimers();
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValue(
        new Error('Could not establish connection. Receiving end does not exist.'),
      );
    const result = callBackground('loadPageScript');
    await vi.runAllTimersAsync();
    expect(await result).toEqual({
      ok: false,
      error:
        'Verbatim’s background did not answer (Could not establish connection. Receiving end does not exist.)',
    });
    expect(send).toHaveBeenCalledTimes(1 + BACKGROUND_RETRY_MS.length);
    vi.useRealTimers();
  });

  it('turns a missing or malformed answer into an error result', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    expect(await callBackground('listDocuments')).toEqual({
      ok: false,
      error: 'Verbatim’s background did not answer',
    });
  });
});

describe('callTab', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sends the call to the content script of the tab’s top frame and resolves with its result', async () => {
    const send = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockResolvedValue({ ok: true, value: null });
    expect(await callTab(4, 'corpusChanged')).toEqual({ ok: true, value: null });
    expect(send).toHaveBeenCalledWith(
      4,
      { verbatim: 1, type: 'corpusChanged', args: [] },
      { frameId: 0 },
    );
  });

  it('reports a tab without Verbatim’s content script as an error result', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    const reply = await callTab(9, 'getPageStats');
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Verbatim is not running in this tab/),
    });
  });
});
