/** Shared set-up for the options page tests: the page over mock actions, and files to import. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { render, screen, waitFor } from '@testing-library/preact';
import { expect } from 'vitest';

import { App } from '@/entrypoints/options/App';
import { createMockCorpusActions, MockBackend, type MockOptions } from '@/lib/ui/mock-actions';

// A path, not a URL: under happy-dom `URL` is the DOM's, which node:fs does not take.
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

export function setup(options: MockOptions = {}, props: { yieldToUi?: () => Promise<void> } = {}) {
  const backend = new MockBackend(options);
  const actions = createMockCorpusActions(backend);
  render(
    <App
      actions={actions}
      reparseDelayMs={0}
      yieldToUi={props.yieldToUi ?? (async () => {})}
      today={() => new Date('2026-01-15T12:00:00Z')}
    />,
  );
  return { backend, actions };
}

/** Wait for the documents table to list the corpus. */
export async function tableLoaded(): Promise<void> {
  await waitFor(() => expect(screen.getAllByTestId('doc-row').length).toBeGreaterThan(0));
}

export function fixtureFile(name: string): File {
  return new File([readFileSync(join(FIXTURES, name))], name);
}

export function textFile(name: string, content: string | Uint8Array<ArrayBuffer>): File {
  return new File([content], name);
}

/** Choose files with the file picker. */
export function pick(...files: File[]): void {
  const input = screen.getByTestId('file-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The titles in the documents table, in order. */
export function rowTitles(): string[] {
  return screen.getAllByTestId('doc-title').map(a => a.textContent ?? '');
}
