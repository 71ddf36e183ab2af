// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

import { createMockPopupActions, MockBackend } from '@/lib/ui/mock-actions';

import { App } from '@/entrypoints/popup/App';

afterEach(cleanup);

describe('indexing progress in the popup', () => {
  it('shows how far the corpus is indexed, follows it, and goes away when it is done', async () => {
    const backend = new MockBackend();
    backend.index = { indexing: true, done: 340, total: 1000 };
    render(
      <App actions={createMockPopupActions(backend)} debounceMs={0} statsRefreshMs={60_000} />,
    );
    const status = screen.getByTestId('indexing-status');
    await waitFor(() =>
      expect(status.textContent).toBe('Indexing the corpus: 340 of 1,000 documents…'),
    );
    expect(status.querySelector('progress')?.value).toBe(340);

    backend.index = { indexing: true, done: 990, total: 1000 };
    await waitFor(() => expect(status.textContent).toContain('990 of 1,000'));
    backend.index = { indexing: false, done: 1000, total: 1000 };
    await waitFor(() => expect(status.textContent).toBe(''));
    expect(status.querySelector('progress')).toBeNull();
  });

  it('shows nothing when the index is ready', async () => {
    const backend = new MockBackend();
    render(
      <App actions={createMockPopupActions(backend)} debounceMs={0} statsRefreshMs={60_000} />,
    );
    await waitFor(() => expect(backend.callsTo('indexStatus')).toHaveLength(1));
    expect(screen.getByTestId('indexing-status').textContent).toBe('');
  });
});
