/**
 * Giving the thread back between slices of long work (a page scan, building the index, a
 * batch of quotes), so input, painting and other messages get their turn, and carrying on
 * as soon as they have had it.
 *
 * `setTimeout(fn, 0)` is the usual way, but browsers clamp nested timers to 4 ms: a scan
 * of 6 ms in slices of 1–2 ms took 40–50 ms of wall time. `scheduler.yield()` (Chromium
 * 129+) resumes the work first among waiting tasks of its priority; elsewhere a message on
 * a private `MessageChannel` is a new task without the clamp. The channel is Verbatim's own
 * object: a page sees no message and cannot post one to it. (Node, for the tests and the
 * command line, has `setImmediate`: its ports run every message posted while they drain
 * before any timer, which would starve other work.)
 */

type YieldingScheduler = { yield(): Promise<void> };

/** Resolvers of the calls waiting for the channel, in order. */
const waiting: Array<() => void> = [];
let channel: MessageChannel | undefined;

function viaChannel(): Promise<void> {
  return new Promise(resolve => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
      // Node (tests, the command line): an open port would keep the process alive.
      (channel.port1 as { unref?: () => void }).unref?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves in a later task, after other waiting work has run: `scheduler.yield()` where
 * there is one, else `setImmediate` (Node), else a `MessageChannel` message, else
 * `setTimeout(0)`.
 *
 * @param scope - Test seam: the global object to look in.
 */
export function nextTask(scope: typeof globalThis = globalThis): Promise<void> {
  const scheduler = (scope as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  const immediate = (scope as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise(resolve => void immediate(resolve));
  if (typeof scope.MessageChannel === 'function') return viaChannel();
  return new Promise(resolve => setTimeout(resolve, 0));
}
