/**
 * What the background is doing to the corpus, with a progress bar: "Saving to
 * your corpus: 340 of 1,000 documents…" while an import is written, "Indexing the corpus:
 * 340 of 1,000 documents…" while the index is built (after an import, a
 * reset, or a restart with a corpus it has not indexed yet), "Loading the
 * corpus index…" while a restarted background reads its cached index;
 * nothing otherwise. Shown by the popup, the options page and the import
 * preview. It asks the background once when shown and whenever `check`
 * changes, then every `pollMs` for as long as something is under way (or
 * `keepAsking` is set: a save was just asked for).
 */
import { useEffect, useState } from 'preact/hooks';

import type { IndexStatus, Result } from '../messaging/protocol';

export const INDEX_POLL_MS = 400;

const formatCount = (n: number) => n.toLocaleString('en');

export interface IndexingStatusProps {
  indexStatus: () => Promise<Result<IndexStatus>>;
  /** Change it to ask again (the corpus was just changed). */
  check?: unknown;
  /** Ask again every `pollMs` even when nothing is under way yet (a save is being sent). */
  keepAsking?: boolean;
  /** Its `data-testid`. */
  testId?: string;
  /** Test seam: how often to ask while indexing. */
  pollMs?: number;
}

/** The words for a step under way. */
function describe(status: IndexStatus): string {
  const { step, done, total } = status;
  if (step === 'saving') {
    return `Saving to your corpus: ${formatCount(done)} of ${formatCount(total)} ${total === 1 ? 'document' : 'documents'}…`;
  }
  if (!total || step === 'loading') return 'Loading the corpus index…';
  return `Indexing the corpus: ${formatCount(done)} of ${formatCount(total)} documents…`;
}

export function IndexingStatus({
  indexStatus,
  check,
  keepAsking = false,
  testId = 'indexing-status',
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
      if (value?.indexing || keepAsking) timer = setTimeout(() => void ask(), pollMs);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [indexStatus, check, keepAsking, pollMs]);

  return (
    <div role="status" class="indexing-status" data-testid={testId}>
      {status?.indexing && (
        <>
          <progress
            max={status.total || undefined}
            value={status.total ? status.done : undefined}
            aria-label={status.step === 'saving' ? 'Saving documents' : 'Indexing the corpus'}
          />
          <span>{describe(status)}</span>
        </>
      )}
    </div>
  );
}
