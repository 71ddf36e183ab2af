/**
 * The sending end: typed calls to the background and to a tab's content
 * script. Every call resolves to the call's `Result`; a transport failure (no
 * background, no content script in the tab, an extension reloaded under a
 * page) becomes `{ ok: false, error }` rather than a rejection.
 */
import { browser } from 'wxt/browser';

import { isResult } from './dispatch';
import type {
  BackgroundCalls,
  CallArgs,
  CallResult,
  ContentCalls,
  Envelope,
  Result,
} from './protocol';

/** Call the background. */
export async function callBackground<K extends keyof BackgroundCalls & string>(
  type: K,
  ...args: CallArgs<BackgroundCalls, K>
): Promise<CallResult<BackgroundCalls, K>> {
  const message: Envelope<BackgroundCalls> = { verbatim: 1, type, args };
  return reply(
    () => browser.runtime.sendMessage(message),
    'Verbatim’s background did not answer',
  ) as Promise<CallResult<BackgroundCalls, K>>;
}

/**
 * Call the content script of tab `tabId`: of its top frame (frames of the page run their own
 * content scripts, which the background reaches by broadcast).
 */
export async function callTab<K extends keyof ContentCalls & string>(
  tabId: number,
  type: K,
  ...args: CallArgs<ContentCalls, K>
): Promise<CallResult<ContentCalls, K>> {
  const message: Envelope<ContentCalls> = { verbatim: 1, type, args };
  return reply(
    () => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    'Verbatim is not running in this tab',
  ) as Promise<CallResult<ContentCalls, K>>;
}

/**
 * Call the content scripts of every frame of tab `tabId` (the first answer is returned):
 * for news all of them must hear, such as a corpus change.
 */
export async function callAllFrames<K extends keyof ContentCalls & string>(
  tabId: number,
  type: K,
  ...args: CallArgs<ContentCalls, K>
): Promise<CallResult<ContentCalls, K>> {
  const message: Envelope<ContentCalls> = { verbatim: 1, type, args };
  return reply(
    () => browser.tabs.sendMessage(tabId, message),
    'Verbatim is not running in this tab',
  ) as Promise<CallResult<ContentCalls, K>>;
}

async function reply(send: () => Promise<unknown>, noAnswer: string): Promise<Result<unknown>> {
  try {
    const answer = await send();
    return isResult(answer) ? answer : { ok: false, error: noAnswer };
  } catch (e) {
    return { ok: false, error: `${noAnswer} (${e instanceof Error ? e.message : String(e)})` };
  }
}
