/**
 * PostgreSQL stopped and restarted under the API (a throwaway cluster of this test's own): every
 * route answers 503 problem+json with Retry-After while it is down, never a 500, and the same
 * process serves again once it is back. Runs through the adapter DB_DRIVER names; with
 * `data-api` the emulator's pool sits on the same cluster.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataApiEmulator, startDataApiEmulator } from '../../../infra/local/data-api/server.ts';
import { DataApiDatabase } from '../../../shared/db/data-api-database.ts';
import type { Database } from '../../../shared/db/database.ts';
import { loadMigrations, migrate } from '../../../shared/db/migrate.ts';
import { PgDatabase } from '../../../shared/db/pg-database.ts';
import { clearAuthCache } from '../../../shared/http/api-key-auth.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { addApiKey, createTenant, generateApiKey } from '../../../shared/tenants/tenant-store.ts';
import { type ApiResponse, call, expectProblem } from '../../helpers/api.ts';
import { startTestQueues, type TestQueues } from '../../helpers/sqs-emulator.ts';
import { testDriver } from '../../helpers/test-database.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../helpers/throwaway-postgres.ts';

const METRICS_TOKEN = 'outage-metrics-token';

let server: ThrowawayPostgres;
let emulator: DataApiEmulator | undefined;
let queues: TestQueues;
let db: Database;
let apiKey: string;
let taskId: string;

beforeAll(async () => {
  server = await startThrowawayPostgres();
  const url = await server.createDatabase('taskforge_outage');
  const migrator = new PgDatabase(url, 1);
  await migrate(migrator, await loadMigrations());
  await migrator.close();
  // A short budget, so a request gives up in well under a second while the server is down.
  const unavailableRetryBudgetMs = 300;
  if (testDriver() === 'data-api') {
    emulator = await startDataApiEmulator({ databaseUrl: url, poolSize: 5 });
    db = new DataApiDatabase({
      resourceArn: emulator.resourceArn,
      secretArn: emulator.secretArn,
      database: 'taskforge_outage',
      clientConfig: { endpoint: emulator.endpoint },
      unavailableRetryBudgetMs,
    });
  } else {
    db = new PgDatabase(url, 5, { unavailableRetryBudgetMs });
  }
  queues = await startTestQueues();
  configureProcessDeps({ database: db, queues: queues.queues, sqs: queues.client });
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
  const tenant = await createTenant(db, 'outage');
  apiKey = generateApiKey();
  await addApiKey(db, tenant.id, apiKey, 'test');
}, 120_000);

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
  await db?.close();
  await emulator?.stop();
  await queues?.stop();
  await server?.destroy();
});

const submit = () => call('POST', '/v1/tasks', { apiKey, body: { type: 'echo', payload: { n: 1 } } });

/** One request per database-backed route. */
function everyRoute(): [string, () => Promise<ApiResponse>][] {
  const bearer = { authorization: `Bearer ${METRICS_TOKEN}` };
  return [
    ['POST /v1/tasks', submit],
    [
      'POST /v1/tasks/batch',
      () => call('POST', '/v1/tasks/batch', { apiKey, body: { tasks: [{ type: 'echo', payload: {} }] } }),
    ],
    ['GET /v1/tasks', () => call('GET', '/v1/tasks?limit=5', { apiKey })],
    ['GET /v1/tasks/{id}', () => call('GET', `/v1/tasks/${taskId}`, { apiKey })],
    ['GET /v1/tasks/{id}/result', () => call('GET', `/v1/tasks/${taskId}/result`, { apiKey })],
    ['GET /v1/tasks/{id}/events', () => call('GET', `/v1/tasks/${taskId}/events`, { apiKey })],
    ['POST /v1/tasks/{id}/cancel', () => call('POST', `/v1/tasks/${taskId}/cancel`, { apiKey })],
    ['POST /v1/tasks/{id}/retry', () => call('POST', `/v1/tasks/${taskId}/retry`, { apiKey })],
    ['DELETE /v1/tasks/{id}', () => call('DELETE', `/v1/tasks/${taskId}`, { apiKey })],
    ['GET /v1/stats', () => call('GET', '/v1/stats', { apiKey })],
    ['GET /v1/dead-letters', () => call('GET', '/v1/dead-letters', { apiKey })],
    ['POST /v1/dead-letters/redrive', () => call('POST', '/v1/dead-letters/redrive', { apiKey, body: {} })],
    ['GET /metrics', () => call('GET', '/metrics', { headers: bearer })],
  ];
}

function expectUnavailable(label: string, res: ApiResponse): void {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(503);
  expectProblem(res, 503);
  expect(res.body.type, label).toBe('urn:taskforge:problem:service-unavailable');
  expect(Number(res.headers['retry-after']), label).toBeGreaterThan(0);
}

describe('the API while PostgreSQL is down', () => {
  it('answers 503 with Retry-After on every route, then serves again after the restart in the same process', async () => {
    // Prepare: a task exists and the key is known
    const first = await submit();
    expect(first.status).toBe(202);
    taskId = first.body.id;

    // Act: stop the server
    await server.stop('fast');
    try {
      const down: [string, ApiResponse][] = [];
      for (const [label, request] of everyRoute()) down.push([label, await request()]);
      // A key not verified before: its lookup needs the database too (503, not 401).
      clearAuthCache();
      down.push(['uncached API key', await call('GET', `/v1/tasks/${taskId}`, { apiKey })]);
      const health = await call('GET', '/healthz');

      // Assess
      for (const [label, res] of down) expectUnavailable(label, res);
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('error');
      expect(health.body.checks.database).not.toBe('ok');
    } finally {
      await server.start();
    }

    // The same database handle reconnects by itself.
    const again = await submit();
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    const read = await call('GET', `/v1/tasks/${again.body.id}`, { apiKey });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('PENDING');
    expect((await call('GET', '/healthz')).body.checks.database).toBe('ok');
  });

  it('never answers 500 while the server restarts under concurrent submits and reads, and loses nothing it accepted', async () => {
    // Prepare: clients keep submitting and reading while the server stops and starts again
    const responses: ApiResponse[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        responses.push(await submit());
        responses.push(await call('GET', '/v1/tasks?limit=1', { apiKey }));
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = responses.length;

    // Act
    await server.stop('fast');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(clients);

    // Assess
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.filter((s) => s >= 500 && s !== 503),
      JSON.stringify(statuses),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    for (const res of responses.filter((r) => r.status === 503)) expectUnavailable('during restart', res);
    // Serving again after the restart: the last responses are successes.
    expect(
      responses.slice(-4).every((r) => r.status < 300),
      JSON.stringify(statuses.slice(-8)),
    ).toBe(true);
    expect(responses.length).toBeGreaterThan(before);
    const accepted = responses.filter((r) => r.status === 202).map((r) => r.body.id as string);
    for (const id of accepted) {
      expect((await call('GET', `/v1/tasks/${id}`, { apiKey })).status, id).toBe(200);
    }
  });
});
