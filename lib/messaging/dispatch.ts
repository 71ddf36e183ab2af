/**
 * The receiving end of a call map: turns a runtime message into a handler
 * call and always answers with a `Result`. Pure (no `browser`), so it is
 * tested with plain objects.
 *
 * Register it as a `runtime.onMessage` listener; the polyfill sends a
 * returned promise's value as the response:
 *
 * ```ts
 * const dispatch = createDispatcher(handlers, { extensionId: browser.runtime.id, validators });
 * browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender));
 * ```
 *
 * Only one Verbatim dispatcher should listen per audience (the background for
 * `BackgroundCalls`, each content script for `ContentCalls`): a dispatcher
 * answers every Verbatim message, unknown types included.
 */
import type { CallArgs, CallResult, Result } from './protocol';
import type { Validators } from './validators';

/**
 * A handler returns its call's `Result` (or a promise of it); a throw becomes `{ ok: false }`.
 * After the call's own arguments, each handler also receives the message's `Sender` (a handler
 * that needs to know the tab declares one more, optional parameter).
 */
export type Handlers<Calls> = {
  [K in keyof Calls]-?: (
    ...args: CallArgs<Calls, K>
  ) => CallResult<Calls, K> | Promise<CallResult<Calls, K>>;
};

/** The parts of `runtime.MessageSender` the dispatcher reads. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
  /** The frame of the tab the message came from (0: the top frame). */
  frameId?: number;
}

export interface DispatcherOptions<Calls> {
  /** Only messages from this extension (`browser.runtime.id`) are served. */
  extensionId: string;
  /** Argument checks, one per call. */
  validators: Validators<Calls>;
  /**
   * Calls a content script may make. When set, a sender that is not one of
   * the extension's own pages (its URL does not start with `extensionOrigin`)
   * gets only these: a content script lives in a web page's process, so a
   * compromised page must not be able to edit or delete the corpus through it.
   */
  contentScriptCalls?: readonly (keyof Calls)[];
  /** The extension's own origin (`browser.runtime.getURL('/')`), with `contentScriptCalls`. */
  extensionOrigin?: string;
  /** Told about every handler that threw (for logging). */
  onError?: (type: string, error: unknown) => void;
}

/**
 * Returns undefined for messages that are not Verbatim's (so other listeners
 * may answer them), else a promise that always resolves to a `Result`.
 */
export type Dispatcher = (message: unknown, sender: Sender) => Promise<Result<unknown>> | undefined;

/** Create the listener for a call map's handlers. */
export function createDispatcher<Calls>(
  handlers: Handlers<Calls>,
  options: DispatcherOptions<Calls>,
): Dispatcher {
  const { extensionId, validators, contentScriptCalls, extensionOrigin, onError } = options;
  const fail = (error: string) => Promise.resolve<Result<unknown>>({ ok: false, error });

  return (message, sender) => {
    if (!isObject(message) || message.verbatim !== 1) return undefined;
    if (!sender || sender.id !== extensionId) {
      return fail('refused: the message does not come from Verbatim');
    }
    const { type, args } = message;
    if (typeof type !== 'string' || !Array.isArray(args)) {
      return fail('malformed message: expected { verbatim: 1, type, args: [] }');
    }
    if (!Object.hasOwn(handlers, type) || !Object.hasOwn(validators, type)) {
      return fail(`unknown call "${type}"`);
    }
    const key = type as keyof Calls & string;
    if (
      contentScriptCalls &&
      !isExtensionPage(sender, extensionOrigin) &&
      !contentScriptCalls.includes(key)
    ) {
      return fail(`refused: "${type}" may only be called from Verbatim’s own pages`);
    }
    const invalid = validators[key](args);
    if (invalid) return fail(`bad arguments to "${type}": ${invalid}`);

    const handler = handlers[key] as (...a: unknown[]) => unknown;
    return (async (): Promise<Result<unknown>> => {
      try {
        const result = await handler(...args, sender);
        if (!isResult(result)) throw new Error(`"${type}" returned no result`);
        return result;
      } catch (e) {
        onError?.(type, e);
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    })();
  };
}

/** The value of a successful call. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Whether `x` looks like a `Result` (a reply that crossed the wire). */
export function isResult(x: unknown): x is Result<unknown> {
  return (
    isObject(x) &&
    ((x.ok === true && 'value' in x) || (x.ok === false && typeof x.error === 'string'))
  );
}

function isExtensionPage(sender: Sender, origin: string | undefined): boolean {
  return !!origin && typeof sender.url === 'string' && sender.url.startsWith(origin);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
