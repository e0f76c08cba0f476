import { configDefaults, defineConfig } from 'vitest/config';

// Two tiers (`npm run test:unit`, `npm run test:integration`; `npm test` runs both):
// - unit: test/unit/**, pure code and fakes, no PostgreSQL, Redis or sockets (a guard makes any
//   attempt fail), so it runs in seconds on a machine without services or network;
// - integration: everything else (integration, contract, infra, e2e) against real PostgreSQL,
//   Redis and the in-process SQS emulator, each test file in its own database cloned from a
//   template migrated once per run by the global setup.
export default defineConfig({
  test: {
    setupFiles: ['test/setup/env.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/setup/no-network.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          globalSetup: ['test/setup/global-setup.ts'],
        },
      },
    ],
  },
});
