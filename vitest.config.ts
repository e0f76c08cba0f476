import { defineConfig } from 'vitest/config';

// One run covers every tier: unit tests (no network), integration tests (real PostgreSQL, Redis
// and the in-process SQS emulator, each test file in its own database cloned from a freshly
// migrated template), and end-to-end tests of the local runtime over HTTP.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/env.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
