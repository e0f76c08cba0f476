/** The in-process local runtime on a fresh database, for the tests of one file. */
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime.ts';
import { fixture, parts } from '../helpers/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type E2eClient, e2eClient } from './e2e-client.ts';

export interface LocalRuntimeFixture {
  database: TestDatabase;
  runtime: LocalRuntime;
  /** A client of the runtime with its dev API key. */
  api: E2eClient;
}

/**
 * Starts the runtime (on a free port unless `options.port` says otherwise) before the file's
 * tests and stops it, then drops its database, after them. Destructure the handles:
 * `const { runtime, api } = useLocalRuntime({ queuePrefix })`.
 */
export function useLocalRuntime(options: Omit<LocalRuntimeOptions, 'databaseUrl'>): LocalRuntimeFixture {
  const running = fixture(
    'the local runtime',
    async (): Promise<LocalRuntimeFixture> => {
      const database = await createTestDatabase();
      try {
        const runtime = await startLocalRuntime({ port: 0, ...options, databaseUrl: database.url });
        return { database, runtime, api: e2eClient(runtime.url, runtime.apiKey) };
      } catch (err) {
        await database.drop();
        throw err;
      }
    },
    async ({ database, runtime }) => {
      await runtime.stop();
      await database.drop();
    },
  );
  return parts(running, ['database', 'runtime', 'api']);
}
