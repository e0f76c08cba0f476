/**
 * Done-when measurement of recurring schedules: an every-2-seconds cron (6 fields, seconds `0/2`) runs for 60 s against
 * the local runtime (a process of its own, as `npm run local` starts it), which is killed with
 * SIGKILL halfway and started again. Prints the tasks whose slot falls in the 60 s, distinct
 * slots, duplicates, and the fire delay (slot -> first attempt's start) p50/p99.
 *
 *   npm run bench:schedule
 *
 * Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); makes a
 * database of its own and drops it afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

const RUN_MS = 60_000;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `taskforge_schedule_bench_${Date.now()}`;
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const sqsDir = await mkdtemp(join(tmpdir(), 'taskforge-schedule-bench-'));

function start(): Promise<{ child: ChildProcess; url: string; apiKey: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/runtime-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      QUEUE_PREFIX: dbName,
      LOCAL_SQS_PERSIST: 'true',
      LOCAL_SQS_DATA_DIR: sqsDir,
      LOCAL_API_KEY: 'tf_schedule_bench_key_0123456789abcdef0123',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) resolve({ child, ...JSON.parse(line) });
    });
    child.once('exit', (code) => reject(new Error(`runtime exited (${code})`)));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
try {
  let runtime = await start();
  const created = await fetch(`${runtime.url}/v1/schedules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': runtime.apiKey },
    body: JSON.stringify({
      name: 'every-2-seconds',
      cron: '*/2 * * * * *',
      // allow: a task that was mid-flight at the kill must not make the next slots skip.
      overlap: 'allow',
      task: { type: 'echo', payload: { bench: 'schedule' } },
    }),
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const schedule = (await created.json()) as { id: string };
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, RUN_MS / 2 - (Date.now() - t0)));
  const exited = new Promise((r) => runtime.child.once('exit', r));
  runtime.child.kill('SIGKILL');
  await exited;
  const killedAt = Date.now() - t0;
  runtime = await start();
  const restartedAt = Date.now() - t0;
  await new Promise((r) => setTimeout(r, RUN_MS - (Date.now() - t0)));
  // Let the last slots' tasks finish.
  await new Promise((r) => setTimeout(r, 3000));
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const { rows } = await db.query<{ scheduled_for: Date; started: Date | null; status: string }>(
    `SELECT t.scheduled_for, t.status,
            (SELECT min(e.created_at) FROM task_events e WHERE e.task_id = t.id AND e.type = 'started') AS started
       FROM tasks t
      WHERE t.schedule_id = $1 AND t.scheduled_for >= $2 AND t.scheduled_for < $3`,
    [schedule.id, new Date(t0), new Date(t0 + RUN_MS)],
  );
  await db.end();
  runtime.child.kill('SIGTERM');
  await new Promise((r) => runtime.child.once('exit', r));
  const slots = rows.map((row) => row.scheduled_for.getTime());
  const delays = rows
    .filter((row) => row.started)
    .map((row) => row.started!.getTime() - row.scheduled_for.getTime())
    .sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        schedule: '*/2 * * * * *',
        runSeconds: RUN_MS / 1000,
        killedAtMs: killedAt,
        restartedAtMs: restartedAt,
        tasks: rows.length,
        distinctSlots: new Set(slots).size,
        duplicates: rows.length - new Set(slots).size,
        completed: rows.filter((row) => row.status === 'COMPLETED').length,
        fireDelayMs: { p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) },
      },
      null,
      2,
    ),
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  await rm(sqsDir, { recursive: true, force: true });
}
