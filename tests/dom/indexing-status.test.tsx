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

  it('says what is under way: saving an import, indexing it, or loading the cached index', async () => {
    const backend = new MockBackend();
    backend.index = { indexing: true, step: 'saving', done: 120, total: 1000 };
    render(
      <App actions={createMockPopupActions(backend)} debounceMs={0} statsRefreshMs={60_000} />,
    );
    const status = screen.getByTestId('indexing-status');
    await waitFor(() =>
      expect(status.textContent).toBe('Saving to your corpus: 120 of 1,000 documents…'),
    );
    expect(status.querySelector('progress')?.getAttribute('aria-label')).toBe('Saving documents');
    expect(status.querySelector('progress')?.value).toBe(120);

    backend.index = { indexing: true, step: 'indexing', done: 1, total: 1000 };
    await waitFor(() =>
      expect(status.textContent).toBe('Indexing the corpus: 1 of 1,000 documents…'),
    );
    expect(status.querySelector('progress')?.getAttribute('aria-label')).toBe(
      'Indexing the corpus',
    );

    backend.index = { indexing: true, step: 'loading', done: 0, total: 0 };
    await waitFor(() => expect(status.textContent).toBe('Loading the corpus index…'));
    // No count: the bar is indeterminate.
    expect(status.querySelector('progress')?.hasAttribute('value')).toBe(false);
  });
});
