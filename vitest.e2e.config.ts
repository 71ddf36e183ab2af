import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in real Chromium with the built extension (`npm run test:e2e`
 * builds it first). One file at a time: each launches its own browser.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
