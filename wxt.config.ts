import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep every dependency visible (no auto-imports).
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Verbatim',
    description:
      'Shows where a quote came from: matches quotes on the page against your local corpus of primary documents, offline.',
    permissions: ['storage'],
  },
});
