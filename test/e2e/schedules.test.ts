/**
 * A schedule over HTTP against the local runtime in a process of its own, killed with SIGKILL
 * mid-run and started again: an every-second schedule makes one task per slot, none twice, and
 * the slots that fell in the downtime run once each after the restart (inside the catch-up
 * window). The done-when measurement over 60 s is `npm run bench:schedule`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/fixtures.ts';

const database = useTestDatabase();
let sqsDataDir: string;
const children: ChildProcess[] = [];
/** One prefix for both starts: the second finds the first's persisted queues. */
const queuePrefix = `schedules-${Date.now()}`;

beforeAll(async () => {
  sqsDataDir = await mkdtemp(join(tmpdir(), 'taskforge-schedules-'));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (sqsDataDir) await rm(sqsDataDir, { recursive: true, force: true });
});

async function startRuntime(): Promise<{ child: ChildProcess; url: string; apiKey: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/runtime-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: queuePrefix,
      LOCAL_SQS_PERSIST: 'true',
      LOCAL_SQS_DATA_DIR: sqsDataDir,
      LOCAL_API_KEY: 'tf_schedules_e2e_key_0123456789abcdef012345',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) resolve({ child, ...JSON.parse(line) });
    });
    child.once('exit', (code) => reject(new Error(`runtime exited (${code})`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a schedule across kill -9 of the local runtime', () => {
  it('makes one task per slot, none twice, and catches up the slots of the downtime', async () => {
    const first = await startRuntime();
    const created = await fetch(`${first.url}/v1/schedules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': first.apiKey },
      body: JSON.stringify({
        name: 'every-second',
        cron: '* * * * * *',
        overlap: 'allow',
        task: { type: 'echo', payload: { e2e: true } },
      }),
    });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as { id: string };
    const t0 = Date.now();
    await sleep(4000);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    await sleep(1500);
    const second = await startRuntime();
    expect(second.url).toBeDefined();
    await sleep(Math.max(0, 10_000 - (Date.now() - t0)));
    const t1 = Date.now();
    await sleep(1500);

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query<{ scheduled_for: Date }>(
      'SELECT scheduled_for FROM tasks WHERE schedule_id = $1 AND scheduled_for > $2 AND scheduled_for <= $3',
      [schedule.id, new Date(t0), new Date(t1)],
    );
    await db.end();
    second.child.kill('SIGTERM');

    const slots = rows.map((row) => row.scheduled_for.getTime());
    const expected = Math.floor(t1 / 1000) - Math.floor(t0 / 1000);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.length).toBe(expected);
    expect(slots.every((slot) => slot % 1000 === 0)).toBe(true);
  }, 60_000);
});
