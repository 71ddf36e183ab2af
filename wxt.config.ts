import { fileURLToPath } from 'node:url';

import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

import { COMMANDS } from './lib/background/command-list';
import { pageHead } from './scripts/page-head';

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
    // pageHead: the head every page shares (charset, viewport, color-scheme), one place.
    plugins: [preact(), pageHead()],
    resolve: {
      alias: {
        // WXT's content-script context announces itself to the page and ends when the page
        // replays that announcement (issue #8): ours does neither (see the module).
        'wxt/utils/content-script-context': fileURLToPath(
          new URL('./lib/content/private-context.ts', import.meta.url),
        ),
      },
    },
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
    // The corpus lives in IndexedDB (no `storage` needed), messages to tabs need no
    // permission, and host access comes only from the content script's `matches`.
    // `contextMenus`: "Add this page to Verbatim" and "Find source in Verbatim" (README).
    // `scripting`: the content script's second stage is injected into a page only when its first
    // look finds a possible quotation (`lib/content/stages.ts`); no new host access, no warning.
    permissions: ['contextMenus', 'scripting'],
    // Keyboard shortcuts (ui): next/previous quote, open the page's report. No permission needed.
    commands: COMMANDS,
    // Nothing is web-accessible: a page cannot load any of Verbatim's files (to detect it or
    // frame them). The popover asks the background to open the reader (`openReader`).
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
