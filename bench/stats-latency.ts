/**
 * `GET /v1/stats` with 1,000,000 tasks in the table: `npx tsx bench/stats-latency.ts`.
 *
 * Creates a fresh database and migrates it, bulk-loads `BENCH_TASKS` (1,000,000) tasks with one
 * `INSERT ... SELECT generate_series` (so the task_counts triggers run as in production), ANALYZEs,
 * then calls the stats handler `BENCH_CALLS` (200) times in a row through its middy chain, with
 * SQS served by the in-process emulator, and prints p50/p95/p99 of the handler and of each
 * statement alone, plus EXPLAIN ANALYZE of the statements. Drops the database at the end.
 *
 * Distribution (worst case for one tenant): every task belongs to the measured tenant, created
 * uniformly over the last 7 days (one every ~0.6 s); 90 % COMPLETED, 4 % FAILED (a handful of
 * error messages with varying numbers), 2 % CANCELLED, 1 % each PENDING, QUEUED, RUNNING,
 * RETRYING; types echo/reverse/sleep/fail/webhook; priorities 25 % high, 50 % medium, 25 % low.
 * `DB_DRIVER=data-api` sends every statement through the RDS Data API client and emulator.
 */
import pg from 'pg';

const env = process.env;
env.POWERTOOLS_METRICS_DISABLED = 'true';
env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
env.AWS_REGION ??= 'us-east-1';
env.AWS_ACCESS_KEY_ID ??= 'test';
env.AWS_SECRET_ACCESS_KEY ??= 'test';
// The database is what is measured: no edge rate limit on 200 calls in a row.
env.EDGE_PROTECTION ??= 'false';

const TASKS = Number(env.BENCH_TASKS ?? 1_000_000);
const CALLS = Number(env.BENCH_CALLS ?? 200);
const SERVER_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/taskforge';
const DRIVER = env.DB_DRIVER === 'data-api' ? 'data-api' : 'pg';

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1)!),
  };
}

const LOAD_SQL = `
INSERT INTO tasks (id, tenant_id, type, payload, priority, status, correlation_id, run_at, attempts, max_attempts,
  backoff_base_seconds, backoff_cap_seconds, timeout_seconds, last_error, created_at, queued_at, started_at,
  finished_at, updated_at)
SELECT (lpad(to_hex((EXTRACT(EPOCH FROM c) * 1000)::bigint), 12, '0') || substr(md5(g::text), 1, 20))::uuid,
       $1::uuid, (ARRAY['echo', 'reverse', 'sleep', 'fail', 'webhook'])[1 + g % 5], '{}'::jsonb,
       (ARRAY['high', 'medium', 'medium', 'low'])[1 + (g / 7) % 4], s, 'bench', c,
       CASE WHEN s IN ('PENDING', 'QUEUED') THEN 0 ELSE 1 + g % 3 END, 4, 2, 900, 60,
       CASE WHEN s = 'FAILED' THEN (ARRAY[
         jsonb_build_object('name', 'TaskTimeoutError', 'message', 'task timed out after ' || (g % 60) || 's'),
         jsonb_build_object('name', 'Error', 'message', 'HTTP ' || (500 + g % 4) || ' from "https://hooks.example/' || g || '"'),
         jsonb_build_object('name', 'PermanentTaskError', 'message', 'invalid payload for task ' || md5(g::text)::uuid),
         jsonb_build_object('name', 'LeaseExpiredError', 'message', 'the worker running this attempt stopped without reporting (lease expired)')
       ])[1 + g % 4] END,
       c, c + interval '40 ms' * (1 + g % 5),
       CASE WHEN s IN ('COMPLETED', 'FAILED', 'RUNNING') THEN c + interval '40 ms' * (1 + g % 5) + interval '10 ms' * (g % 30) END,
       CASE WHEN s IN ('COMPLETED', 'FAILED') THEN c + interval '40 ms' * (1 + g % 5) + interval '10 ms' * (g % 30) + interval '1 ms' * (g % 997)
            WHEN s = 'CANCELLED' THEN c + interval '1 second' END,
       c
  FROM (SELECT g, now() - interval '7 days' * g / $2::int AS c,
               CASE WHEN g % 100 < 90 THEN 'COMPLETED' WHEN g % 100 < 94 THEN 'FAILED' WHEN g % 100 < 96 THEN 'CANCELLED'
                    WHEN g % 100 < 97 THEN 'PENDING' WHEN g % 100 < 98 THEN 'QUEUED' WHEN g % 100 < 99 THEN 'RUNNING'
                    ELSE 'RETRYING' END AS s
          FROM generate_series(1, $2::int) g) x`;

async function main(): Promise<void> {
  const { loadMigrations, migrate } = await import('../shared/db/migrate.ts');
  const { PgDatabase } = await import('../shared/db/pg-database.ts');
  const { DataApiDatabase } = await import('../shared/db/data-api-database.ts');
  const { configureProcessDeps, resetProcessDeps } = await import('../shared/process-deps.ts');
  const { createTenant, addApiKey, generateApiKey } = await import('../shared/tenants/tenant-store.ts');
  const { finishedCounts, latencyStats, tenantTaskCounts } = await import('../shared/ops/stats-store.ts');
  const { STATS_MAX_SAMPLES, DEFAULT_STATS_WINDOW_SECONDS } = await import('../shared/ops/ops-schemas.ts');
  const { lambdaContext, toApiGatewayEvent } = await import('../infra/local/api-gateway-event.ts');
  const { ensureQueues } = await import('../infra/local/queues.ts');
  const { startFauxqs } = await import('fauxqs');
  const { SQSClient } = await import('@aws-sdk/client-sqs');

  const dbName = `taskforge_bench_stats_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(dbName)}`);
  const url = databaseUrl(dbName);
  const direct = new pg.Client({ connectionString: url });
  const sqsServer = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  const sqs = new SQSClient({
    endpoint: sqsServer.address,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    useQueueUrlAsEndpoint: false,
  });
  let emulator:
    | { stop(): Promise<void>; resourceArn: string; secretArn: string; endpoint: string }
    | undefined;
  try {
    const migrator = new PgDatabase(url, 2);
    await migrate(migrator, await loadMigrations());
    await migrator.close();
    let db: InstanceType<typeof PgDatabase> | InstanceType<typeof DataApiDatabase>;
    if (DRIVER === 'data-api') {
      const { startDataApiEmulator } = await import('../infra/local/data-api/server.ts');
      emulator = await startDataApiEmulator({ databaseUrl: url, port: 0, host: '127.0.0.1' });
      db = new DataApiDatabase({
        resourceArn: emulator.resourceArn,
        secretArn: emulator.secretArn,
        database: dbName,
        clientConfig: { endpoint: emulator.endpoint },
      });
    } else {
      db = new PgDatabase(url, 10);
    }
    const queues = await ensureQueues(sqs, `bench-${Date.now().toString(36)}`, {
      visibilityTimeoutSeconds: 30,
    });
    configureProcessDeps({ sqs, database: db, queues });
    const tenant = await createTenant(db, 'bench');
    const apiKey = generateApiKey();
    await addApiKey(db, tenant.id, apiKey, 'bench');

    await direct.connect();
    let started = performance.now();
    await direct.query(LOAD_SQL, [tenant.id, TASKS]);
    const loadSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await direct.query('VACUUM ANALYZE tasks');
    await direct.query('VACUUM ANALYZE task_counts');
    const analyzeSeconds = (performance.now() - started) / 1000;
    const { rows: sizes } = await direct.query(
      `SELECT (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM task_counts)::int AS counter_rows,
              pg_size_pretty(pg_total_relation_size('tasks')) AS tasks_size`,
    );
    console.log(
      `loaded ${sizes[0].tasks} tasks (${sizes[0].tasks_size}, ${sizes[0].counter_rows} counter rows) in ${loadSeconds.toFixed(1)} s; vacuum analyze ${analyzeSeconds.toFixed(1)} s; driver ${DRIVER}`,
    );

    const { handler } = await import('../functions/api/get-stats.ts');
    const event = () =>
      toApiGatewayEvent({
        method: 'GET',
        rawPath: '/v1/stats',
        rawQueryString: '',
        headers: { 'x-api-key': apiKey },
        body: undefined,
        sourceIp: '127.0.0.1',
        routeKey: 'GET /v1/stats',
      });
    const time = async (work: () => Promise<unknown>): Promise<number[]> => {
      for (let i = 0; i < 5; i++) await work();
      const samples: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now();
        await work();
        samples.push(performance.now() - t0);
      }
      return samples;
    };
    let lastBody = '';
    const results = {
      'GET /v1/stats (handler)': summary(
        await time(async () => {
          const res = await handler(event(), lambdaContext('bench-stats', 30_000));
          if (res.statusCode !== 200) throw new Error(`stats: ${res.statusCode} ${res.body}`);
          lastBody = String(res.body);
        }),
      ),
      tenantTaskCounts: summary(await time(() => tenantTaskCounts(db, tenant.id))),
      finishedCounts: summary(await time(() => finishedCounts(db, tenant.id))),
      latencyStats: summary(
        await time(() => latencyStats(db, tenant.id, DEFAULT_STATS_WINDOW_SECONDS, STATS_MAX_SAMPLES)),
      ),
    };
    console.log(`\n${CALLS} calls each, milliseconds:`);
    console.table(results);
    const body = JSON.parse(lastBody);
    console.log(
      'stats:',
      JSON.stringify({
        tasks: body.tasks.total,
        byStatus: body.tasks.byStatus,
        throughput: body.throughput,
        latency: body.latency,
      }),
    );

    const explain = async (name: string, sql: string, params: unknown[]) => {
      const { rows } = await direct.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(`\nEXPLAIN ANALYZE ${name}:\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    };
    await explain(
      'counts',
      `SELECT status, priority, type, sum(current)::bigint FROM task_counts WHERE tenant_id = $1::uuid
        GROUP BY status, priority, type HAVING sum(current) <> 0`,
      [tenant.id],
    );
    await explain(
      'finished in the last hour',
      `SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM tasks WHERE tenant_id = $1::uuid
          AND status IN ('COMPLETED', 'FAILED') AND finished_at >= now() - interval '1 hour'`,
      [tenant.id],
    );
    await explain(
      'latency window',
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY finished_at - started_at) FROM (
         SELECT finished_at, started_at FROM tasks WHERE tenant_id = $1::uuid AND status IN ('COMPLETED', 'FAILED')
            AND finished_at >= now() - interval '900 seconds' ORDER BY finished_at DESC LIMIT $2) x`,
      [tenant.id, STATS_MAX_SAMPLES],
    );
    await explain(
      'the GROUP BY the counters replace',
      'SELECT status, priority, type, count(*) FROM tasks WHERE tenant_id = $1::uuid GROUP BY 1, 2, 3',
      [tenant.id],
    );
  } finally {
    await direct.end().catch(() => undefined);
    await resetProcessDeps();
    await emulator?.stop();
    sqs.destroy();
    await sqsServer.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
