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

/**
 * How long to wait (ms) before each new try of a background call that nothing received. The
 * background is starting: after an extension update or reload, and at browser start-up, Firefox
 * puts the content script into open tabs before the event page has run its script and registered
 * its listener ("Receiving end does not exist"); a page that gave up then would stay unmarked.
 */
export const BACKGROUND_RETRY_MS = [100, 300, 1000];

/** Call the background. */
export async function callBackground<K extends keyof BackgroundCalls & string>(
  type: K,
  ...args: CallArgs<BackgroundCalls, K>
): Promise<CallResult<BackgroundCalls, K>> {
  const message: Envelope<BackgroundCalls> = { verbatim: 1, type, args };
  const send = () =>
    reply(() => browser.runtime.sendMessage(message), 'Verbatim’s background did not answer');
  let result = await send();
  for (const wait of BACKGROUND_RETRY_MS) {
    if (result.ok || !NO_RECEIVER.test(result.error)) break;
    await new Promise(resolve => setTimeout(resolve, wait));
    result = await send();
  }
  return result as CallResult<BackgroundCalls, K>;
}

/** The error of a message that no listener received (Chrome's and Firefox's wording). */
const NO_RECEIVER = /Receiving end does not exist/;

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
