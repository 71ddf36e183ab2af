import { describe, expect, it, vi } from 'vitest';

import { nextTask } from '@/lib/platform/next-task';

/** A global object with only what `nextTask` may look for. */
function scope(parts: Record<string, unknown>): typeof globalThis {
  return parts as unknown as typeof globalThis;
}

describe('nextTask', () => {
  it('uses scheduler.yield where the browser has it', async () => {
    const yieldTo = vi.fn(() => Promise.resolve());
    await nextTask(scope({ scheduler: { yield: yieldTo }, setImmediate, MessageChannel }));
    expect(yieldTo).toHaveBeenCalledTimes(1);
  });

  it('otherwise posts a message on a private channel, resuming after waiting work, in order', async () => {
    const order: string[] = [];
    const browserLike = scope({ MessageChannel });
    const done = Promise.all(
      [1, 2, 3].map(n => nextTask(browserLike).then(() => order.push(`task ${n}`))),
    );
    void Promise.resolve().then(() => order.push('microtask'));
    await done;
    expect(order).toEqual(['microtask', 'task 1', 'task 2', 'task 3']);
  });

  it('falls back to a timer with neither', async () => {
    const realTimeout = setTimeout;
    const timer = vi.fn((fn: () => void) => realTimeout(fn, 0));
    const bare = scope({});
    vi.stubGlobal('setTimeout', timer);
    try {
      await nextTask(bare);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(timer).toHaveBeenCalledTimes(1);
  });
});
