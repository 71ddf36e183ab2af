/**
 * "Indexing the corpus: 340 of 1,000 documents…" with a progress bar, while
 * the background builds its index (after an import, a reset, or a restart
 * with a corpus it has not indexed yet); nothing otherwise. Shown by the
 * popup and the options page. It asks the background once when shown and
 * whenever `check` changes, then every `pollMs` for as long as indexing goes
 * on.
 */
import { useEffect, useState } from 'preact/hooks';

import type { IndexStatus, Result } from '../messaging/protocol';

export const INDEX_POLL_MS = 400;

const formatCount = (n: number) => n.toLocaleString('en');

export interface IndexingStatusProps {
  indexStatus: () => Promise<Result<IndexStatus>>;
  /** Change it to ask again (the corpus was just changed). */
  check?: unknown;
  /** Test seam: how often to ask while indexing. */
  pollMs?: number;
}

export function IndexingStatus({
  indexStatus,
  check,
  pollMs = INDEX_POLL_MS,
}: IndexingStatusProps) {
  const [status, setStatus] = useState<IndexStatus | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const result = await indexStatus();
      if (stopped) return;
      const value = result.ok ? result.value : null;
      setStatus(value);
      if (value?.indexing) timer = setTimeout(() => void ask(), pollMs);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [indexStatus, check, pollMs]);

  return (
    <div role="status" class="indexing-status" data-testid="indexing-status">
      {status?.indexing && (
        <>
          <progress
            max={status.total || undefined}
            value={status.total ? status.done : undefined}
            aria-label="Indexing the corpus"
          />
          <span>
            {status.total
              ? `Indexing the corpus: ${formatCount(status.done)} of ${formatCount(status.total)} documents…`
              : 'Loading the corpus index…'}
          </span>
        </>
      )}
    </div>
  );
}
