/**
 * What the Redis edge checks cost per submit: `npx tsx bench/edge-latency.ts`.
 *
 * Starts the local runtime in-process (fresh database, the dev tenant's bucket raised out of the
 * way) and drives `POST /v1/tasks` with autocannon, with and without a unique `Idempotency-Key`
 * per request, switching the API's Redis between four variants:
 * - `edge on`: Redis reachable; rate limit (1 Lua call) and, with a key, the idempotency record
 *   (SET NX + settle, 2 calls) on every request;
 * - `edge off`: no Redis at all, as with EDGE_PROTECTION=off (the PostgreSQL backstop alone);
 * - `redis stopped`: a client for a port nothing listens on (connection refused);
 * - `redis hung`: a redis-server of the benchmark, SIGSTOPped after connecting (never answers).
 * It prints p50/p99/mean latency, throughput and the share of edge checks skipped (Redis
 * unavailable, per request) per variant and writes them as JSON to
 * bench/results/. BENCH_REQUESTS (default 2000) per measurement and BENCH_ROUNDS (3) interleaved rounds, BENCH_CONNECTIONS (default 8). Tasks are
 * scheduled an hour ahead so the relay and workers stay idle and only the submit path is measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Redis } from 'ioredis';
import pg from 'pg';

const env = process.env;
// Set before the logger and metrics load: per-request log lines and EMF output would dominate.
env.POWERTOOLS_METRICS_DISABLED = 'true';
env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
env.AWS_REGION ??= 'us-east-1';

const REQUESTS = Number(env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 8);
const WARMUP = 2000;
const SERVER_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/taskforge';
const REDIS_URL = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

const { startLocalRuntime } = await import('../infra/local/runtime.ts');
const { setTenantRateLimits } = await import('../shared/tenants/tenant-store.ts');
const { configureProcessDeps } = await import('../shared/process-deps.ts');
const { createRedisClient } = await import('../shared/edge/redis-client.ts');
const { redisConfig } = await import('../shared/config/edge.ts');
const { countEdgeSkips } = await import('./lib/edge-skips.ts');

interface Measurement {
  variant: string;
  mode: 'no key' | 'Idempotency-Key';
  requests: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requestsPerSecond: number;
  /** Edge checks that went on without Redis, per request, in percent. */
  edgeSkippedPercent: number;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', reject);
  });
  return child;
}

async function load(
  url: string,
  apiKey: string,
  amount: number,
  withKey: boolean,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: 'POST',
        path: '/v1/tasks',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        // An hour ahead: the relay and workers stay idle, so only the submit path is measured.
        body: JSON.stringify({ type: 'echo', payload: { bench: true }, delaySeconds: 3600 }),
        setupRequest: (request) => {
          if (withKey) request.headers = { ...request.headers, 'idempotency-key': randomUUID() };
          return request;
        },
      },
    ],
  });
}

interface Variant {
  name: string;
  redis: Redis | null;
}

async function main(): Promise<void> {
  const dbName = `taskforge_edge_bench_${Date.now().toString(36)}`;
  const runtime = await startLocalRuntime({
    port: 0,
    databaseUrl: databaseUrl(dbName),
    queuePrefix: dbName,
    sqsDataDir: undefined,
    redisUrl: REDIS_URL,
  });
  const hungPort = await freePort();
  const hungServer = await startRedisServer(hungPort);
  const config = { ...redisConfig(), url: REDIS_URL };
  const clients = {
    live: createRedisClient(config),
    dead: createRedisClient({ ...config, url: `redis://127.0.0.1:${await freePort()}` }),
    hung: createRedisClient({ ...config, url: `redis://127.0.0.1:${hungPort}` }),
  };
  // Connected while it still answers, then frozen: it accepts bytes and never replies.
  await clients.hung.connect();
  hungServer.kill('SIGSTOP');
  // One runtime, the edge switched between requests (as EDGE_PROTECTION=off / a dead REDIS_URL
  // would at cold start), and the variants interleaved over rounds, so warm-up, JIT and the
  // database's own drift affect them alike.
  const variants: Variant[] = [
    { name: 'edge on', redis: clients.live },
    { name: 'edge off', redis: null },
    { name: 'redis stopped', redis: clients.dead },
    { name: 'redis hung', redis: clients.hung },
  ];
  const runs = new Map<string, Measurement[]>();
  try {
    await setTenantRateLimits(runtime.db, runtime.tenantId, { rateLimitPerSecond: 1e6, rateLimitBurst: 1e6 });
    configureProcessDeps({ redis: clients.live });
    await load(runtime.url, runtime.apiKey, WARMUP, true);
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of variants) {
        configureProcessDeps({ redis: variant.redis });
        for (const withKey of [false, true]) {
          const skips = countEdgeSkips();
          const r = await load(runtime.url, runtime.apiKey, REQUESTS, withKey);
          const skipped = skips.stop(r.requests.total);
          const m: Measurement = {
            variant: variant.name,
            mode: withKey ? 'Idempotency-Key' : 'no key',
            requests: r.requests.total,
            non2xx: r.non2xx,
            errors: r.errors,
            p50Ms: r.latency.p50,
            p99Ms: r.latency.p99,
            meanMs: Math.round(r.latency.mean * 100) / 100,
            // autocannon's requests.average and duration are whole-second figures, which a run of
            // 2-3 s distorts (and its wall time includes a final sampling tick). In a closed loop
            // the rate is the connections over the mean latency (Little's law).
            requestsPerSecond: Math.round((CONNECTIONS * 1000) / r.latency.mean),
            edgeSkippedPercent: Math.round(skipped.sharePercent * 1000) / 1000,
          };
          const key = `${m.variant}|${m.mode}`;
          runs.set(key, [...(runs.get(key) ?? []), m]);
        }
      }
    }
  } finally {
    configureProcessDeps({ redis: null });
    for (const client of Object.values(clients)) client.disconnect();
    hungServer.kill('SIGKILL');
    await runtime.stop();
    await dropDatabase(dbName);
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const results = [...runs.values()].map((ms) => ({
    ...ms[0]!,
    requests: ms.reduce((sum, m) => sum + m.requests, 0),
    non2xx: ms.reduce((sum, m) => sum + m.non2xx, 0),
    errors: ms.reduce((sum, m) => sum + m.errors, 0),
    p50Ms: median(ms.map((m) => m.p50Ms)),
    p99Ms: median(ms.map((m) => m.p99Ms)),
    meanMs: median(ms.map((m) => m.meanMs)),
    requestsPerSecond: median(ms.map((m) => m.requestsPerSecond)),
    edgeSkippedPercent: median(ms.map((m) => m.edgeSkippedPercent)),
    rounds: ms.map((m) => ({ p50Ms: m.p50Ms, p99Ms: m.p99Ms })),
  }));
  console.log(
    `\nPOST /v1/tasks: ${ROUNDS} interleaved rounds of ${REQUESTS} requests per row (median of rounds), ${CONNECTIONS} connections, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})\n`,
  );
  console.log(
    '| variant | request | p50 ms | p99 ms | mean ms | req/s | edge skipped % | non-2xx | errors |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of results) {
    console.log(
      `| ${m.variant} | ${m.mode} | ${m.p50Ms} | ${m.p99Ms} | ${m.meanMs} | ${m.requestsPerSecond} | ${m.edgeSkippedPercent} | ${m.non2xx} | ${m.errors} |`,
    );
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `edge-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ requests: REQUESTS, rounds: ROUNDS, connections: CONNECTIONS, cpus: cpus().length, results }, null, 2)}\n`,
  );
  console.log(`\nwritten to ${join('bench', 'results', file.split('/').at(-1) ?? '')}`);
}

await main();
