import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

import { COMMANDS } from './lib/background/command-list';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Manifest V3 for Firefox too, as for Chrome: one manifest shape, and in Firefox an event
  // page that stops when idle and restores its index from IndexedDB, as Chrome's service
  // worker does (MV2 would keep a persistent page, a second lifecycle to get right). MV3
  // also grants the content script's sites as host permissions, which lets the popup name
  // the site of a tab whose content script does not answer.
  manifestVersion: 3,
  // Explicit imports keep every dependency visible (no auto-imports).
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  zip: {
    // The sources package (for store review) holds the code, not local scratch and screenshots.
    excludeSources: [
      'tmp/**',
      'bench/.cache/**',
      'bench/results/**',
      'tests/e2e/artifacts/**',
      'docs/**',
      '*.png',
    ],
  },
  manifest: ({ browser }) => ({
    name: 'Verbatim',
    description:
      'Shows where a quote came from: matches quotes on the page against your local corpus of primary documents, offline.',
    // No API permissions: the corpus lives in IndexedDB (no `storage` needed), messages to
    // tabs need none, and host access comes only from the content script's `matches`.
    permissions: [],
    // Keyboard shortcuts (ui): next/previous quote, open the page's report. No permission needed.
    commands: COMMANDS,
    // The quote popover links to the reader: a page may open it (only it) in a new tab.
    web_accessible_resources: [
      {
        resources: ['reader.html'],
        matches: ['http://*/*', 'https://*/*'],
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'verbatim@verbatim-extension.invalid',
              // CSS Custom Highlight API (the quote marks).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Android learnt `data_collection_permissions` in 142 (desktop in 140).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
