import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_POSTGRES_DIR, checkoutDatabaseName } from '../../../infra/local/checkout.ts';
import { LOCAL_FALLBACKS, localConfig } from '../../../infra/local/local-config.ts';
import { apiConfig, opsConfig } from '../../../shared/config/api.ts';
import { databaseConfig } from '../../../shared/config/database.ts';
import { relayConfig } from '../../../shared/config/relay.ts';
import { taskDefaults } from '../../../shared/config/tasks.ts';
import { workerConfig } from '../../../shared/config/worker.ts';
import { ConfigError } from '../../../shared/errors.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('one reader per variable', () => {
  it('reads every environment variable of the service in exactly one place', () => {
    const readers = new Map<string, string[]>();
    const reads =
      /read(?:String|OptionalString|Number|Boolean)\(\s*env,\s*'([A-Z0-9_]+)'|process\.env\.([A-Z0-9_]+)(?!\s*(?:\?\?)?=[^=])/g;
    for (const file of ['shared', 'functions', 'infra'].flatMap(sourceFiles)) {
      for (const match of readFileSync(file, 'utf8').matchAll(reads)) {
        const name = (match[1] ?? match[2])!;
        readers.set(name, [...(readers.get(name) ?? []), file]);
      }
    }

    const twice = [...readers].filter(([, files]) => files.length > 1);
    expect(twice).toEqual([]);
    // The variables the local runtime used to read again with other defaults.
    for (const name of ['DATABASE_URL', 'DB_POOL_SIZE', 'REDIS_URL', 'RELAY_IDLE_WAIT_MS', 'LOCAL_API_KEY']) {
      expect(readers.get(name)).toHaveLength(1);
    }
  });
});

describe('the local runtime passes its own defaults to the functions readers', () => {
  it('uses a larger pool and a shorter relay pause locally, unless the variable is set', () => {
    expect(databaseConfig({}).poolSize).toBe(10);
    expect(relayConfig({}).idleWaitMs).toBe(1000);
    expect(localConfig({})).toMatchObject({
      dbPoolSize: LOCAL_FALLBACKS.dbPoolSize,
      relayIdleWaitMs: LOCAL_FALLBACKS.relayIdleWaitMs,
    });

    const set = localConfig({
      DB_POOL_SIZE: '7',
      RELAY_IDLE_WAIT_MS: '250',
      DATABASE_URL: 'postgres://h/db',
    });

    expect(set).toMatchObject({ dbPoolSize: 7, relayIdleWaitMs: 250, databaseUrl: 'postgres://h/db' });
  });

  it("defaults to this checkout's own database, created when missing; a DATABASE_URL is used as given", () => {
    expect(databaseConfig({}).urlSet).toBe(false);
    expect(localConfig({})).toMatchObject({
      databaseUrl: `postgres://postgres@127.0.0.1:5432/${checkoutDatabaseName()}`,
      databaseUrlSet: false,
      createDatabase: true,
      embeddedPostgres: false,
      postgresDir: CHECKOUT_POSTGRES_DIR,
    });
    expect(localConfig({ DATABASE_URL: 'postgres://h/db' })).toMatchObject({
      databaseUrlSet: true,
      createDatabase: false,
    });
    expect(
      localConfig({ DATABASE_URL: 'postgres://h/db', LOCAL_CREATE_DATABASE: 'true' }).createDatabase,
    ).toBe(true);
    expect(localConfig({ LOCAL_EMBEDDED_POSTGRES: 'true' }).embeddedPostgres).toBe(true);
    expect(() => localConfig({ LOCAL_EMBEDDED_POSTGRES: 'true', DATABASE_URL: 'postgres://h/db' })).toThrow(
      /LOCAL_EMBEDDED_POSTGRES.*DATABASE_URL/,
    );
  });

  it('rejects what the local runtime cannot use, naming the variable', () => {
    expect(() => localConfig({ DB_POOL_SIZE: '1' })).toThrow(ConfigError);
    expect(() => localConfig({ DB_POOL_SIZE: '1' })).toThrow(/DB_POOL_SIZE/);
    expect(() => localConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
    expect(() => localConfig({ RELAY_IDLE_WAIT_MS: '-1' })).toThrow(/RELAY_IDLE_WAIT_MS/);
  });

  it('persists SQS messages only where the caller asks (npm run local), and LOCAL_SQS_PERSIST wins', () => {
    expect(localConfig({}).sqsDataDir).toBeUndefined();
    expect(localConfig({}, { sqsPersist: true }).sqsDataDir).toBe('.cache/local-sqs');
    expect(localConfig({ LOCAL_SQS_PERSIST: 'false' }, { sqsPersist: true }).sqsDataDir).toBeUndefined();
  });

  it('fits the longest task into the local worker, keeping the default timeout at most that', () => {
    const fitting = { maxTimeoutSeconds: 30, timeoutSeconds: (max: number) => Math.min(60, max) };

    expect(taskDefaults({})).toMatchObject({ maxTimeoutSeconds: 840, timeoutSeconds: 60 });
    expect(taskDefaults({}, fitting)).toMatchObject({ maxTimeoutSeconds: 30, timeoutSeconds: 30 });
    expect(taskDefaults({ TASK_MAX_TIMEOUT_SECONDS: '90' }, fitting)).toMatchObject({
      maxTimeoutSeconds: 90,
      timeoutSeconds: 60,
    });
    expect(taskDefaults({ TASK_DEFAULT_TIMEOUT_SECONDS: '5' }, fitting).timeoutSeconds).toBe(5);
  });

  it('derives the heartbeat from the visibility timeout of the queues the caller created', () => {
    expect(workerConfig({}).heartbeatSeconds).toBe(30);
    expect(workerConfig({ QUEUE_VISIBILITY_TIMEOUT_SECONDS: '30' }).heartbeatSeconds).toBe(10);
    expect(
      workerConfig({ QUEUE_VISIBILITY_TIMEOUT_SECONDS: '5400' }, { visibilityTimeoutSeconds: 12 }),
    ).toMatchObject({ heartbeatSeconds: 4 });
    expect(
      workerConfig({ WORKER_HEARTBEAT_SECONDS: '7' }, { visibilityTimeoutSeconds: 12 }).heartbeatSeconds,
    ).toBe(7);
  });
});

describe('API and operator settings', () => {
  it('have the documented defaults, and no operator token unless one is set', () => {
    expect(apiConfig({})).toEqual({
      authCacheTtlSeconds: 30,
      maxBodyBytes: 1024 * 1024,
      healthCheckTimeoutMs: 2000,
    });
    expect(opsConfig({})).toEqual({ metricsToken: undefined, adminToken: undefined });
    expect(opsConfig({ METRICS_TOKEN: 'm', ADMIN_TOKEN: '' })).toEqual({
      metricsToken: 'm',
      adminToken: undefined,
    });
    expect(() => apiConfig({ API_MAX_BODY_BYTES: '10' })).toThrow(/API_MAX_BODY_BYTES/);
  });
});
