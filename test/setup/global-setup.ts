import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadMigrations, migrate } from '../../shared/db/migrate.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { provideTestPostgres, provideTestRedis } from './test-services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    /** A database URL on the run's PostgreSQL server (see test-services.ts). */
    testServerUrl: string;
    /** The run's Redis, when it has one. */
    redisUrl: string | undefined;
    /** Why the run has no Redis (what to install), when it has none. */
    redisProblem: string | undefined;
  }
}

function on(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Finds or starts the run's PostgreSQL and Redis (test-services.ts), then creates one freshly
 * migrated template database; each test file clones it (CREATE DATABASE ... TEMPLATE) so no two
 * files share state. Everything it created is gone at the end of the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  };
  try {
    const [postgres, redis] = await Promise.all([provideTestPostgres(), provideTestRedis()]);
    stops.push(postgres.stop, redis.stop);
    // Say where the run's servers are when it had to start them.
    if (postgres.started || redis.started) {
      console.log(`tests: PostgreSQL is ${postgres.source}; Redis is ${redis.source}`);
    }

    const template = `taskforge_tpl_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: postgres.value });
    await admin.connect();
    stops.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    });
    await admin.query(`CREATE DATABASE ${template}`);
    const db = new PgDatabase(on(postgres.value, template), 2);
    try {
      await migrate(db, await loadMigrations());
    } finally {
      await db.close();
    }
    project.provide('templateDatabase', template);
    project.provide('testServerUrl', postgres.value);
    project.provide('redisUrl', redis.value.url);
    project.provide('redisProblem', redis.value.problem);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
