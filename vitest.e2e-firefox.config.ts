import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in Firefox ESR with the built Firefox extension
 * (`npm run test:e2e:firefox` builds it first). One file at a time: each launches its own
 * browsers.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
