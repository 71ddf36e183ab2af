import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/unit/**/*.test.tsx',
      'tests/dom/**/*.test.ts',
      'tests/dom/**/*.test.tsx',
    ],
    setupFiles: ['fake-indexeddb/auto'],
    mockReset: true,
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
