/**
 * Fresh PostgreSQL databases and Redis key prefixes for one benchmark run: every system under
 * test (ours, pg-boss, BullMQ) gets its own, and everything is dropped at the end, also on Ctrl-C.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

/** The PostgreSQL server: BENCH_DATABASE_URL or TEST_DATABASE_URL's server, or the local default. */
export const SERVER_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string, server = SERVER_URL): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A short unique suffix for this process's names. */
export const RUN_ID = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296)
  .toString(36)
  .padStart(2, '0')}`;

/** Database name -> the server it is on. */
const created = new Map<string, string>();
const prefixes = new Set<string>();
/** Run by `cleanupAll` after the databases are dropped (e.g. stopping a server the bench started). */
const finalCleanups: (() => Promise<void>)[] = [];

async function admin<T>(server: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres', server) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database `taskforge_bench_<label>_<run>` on `server` (a URL of any database
 * there; the shared server by default).
 */
export async function createFreshDatabase(label: string, server = SERVER_URL): Promise<FreshDatabase> {
  const name = `taskforge_bench_${label}_${RUN_ID}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await admin(server, (c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  created.set(name, server);
  return { name, url: databaseUrl(name, server), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  const server = created.get(name) ?? SERVER_URL;
  await admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
  created.delete(name);
}

/** Registers `cleanup` to run at the end of `cleanupAll` (once), also on Ctrl-C. */
export function onCleanup(cleanup: () => Promise<void>): void {
  finalCleanups.push(cleanup);
}

/** A Redis key prefix unique to this run; its keys are deleted by `cleanupAll`. */
export function redisPrefix(label: string): string {
  const prefix = `tfbench-${label}-${RUN_ID}`;
  prefixes.add(prefix);
  return prefix;
}

export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Drops every database and Redis prefix this process created and has not cleaned up yet. */
export async function cleanupAll(): Promise<void> {
  for (const name of [...created.keys()]) {
    try {
      await dropDatabase(name);
    } catch (err) {
      console.error(`could not drop database ${name}: ${(err as Error).message}`);
    }
  }
  for (const prefix of [...prefixes]) {
    try {
      await deleteRedisKeys(prefix);
      prefixes.delete(prefix);
    } catch (err) {
      console.error(`could not delete Redis keys ${prefix}*: ${(err as Error).message}`);
    }
  }
  for (const cleanup of finalCleanups.splice(0)) {
    try {
      await cleanup();
    } catch (err) {
      console.error(`cleanup failed: ${(err as Error).message}`);
    }
  }
}
