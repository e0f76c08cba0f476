/**
 * kill -9 of the local runtime in the middle of an attempt, then a new start: the attempt runs
 * again as soon as its lease ends (timeout + lease margin), long before the queue's visibility
 * timeout, under the same attempt number, and the crash does not use up an attempt.
 *
 * The runtime runs in a child process (test/e2e/runtime-process.ts) so that it can really be
 * killed. To kill it at a known point, a trigger in this test's database makes the statement
 * that records the third attempt's outcome wait for a lock the test holds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEventJson } from '../../shared/tasks/task-schemas.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { type E2eClient, e2eClient, eventually } from './e2e-client.ts';

const TIMEOUT_SECONDS = 5;
const LEASE_MARGIN_SECONDS = 2;
/** The local worker's timeout; the queues' visibility timeout is 6 times this (120 s). */
const WORKER_TIMEOUT_SECONDS = 20;
const HOLD_LOCK = 424_242;

interface Child {
  process: ChildProcess;
  api: E2eClient;
  /** The child's last output lines, for failure messages. */
  output: string[];
}

const database = useTestDatabase();
let sqsDataDir: string;
let admin: pg.Client;
const children: Child[] = [];

beforeAll(async () => {
  sqsDataDir = await mkdtemp(join(tmpdir(), 'taskforge-crash-'));
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
});

afterAll(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await admin?.end();
  if (sqsDataDir) await rm(sqsDataDir, { recursive: true, force: true });
});

const env = (queuePrefix: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: database.url,
  QUEUE_PREFIX: queuePrefix,
  LOCAL_SQS_PERSIST: 'true',
  LOCAL_SQS_DATA_DIR: sqsDataDir,
  LOCAL_API_KEY: 'tf_crash_recovery_e2e_key_0123456789abcdef',
  WORKER_TIMEOUT_SECONDS: String(WORKER_TIMEOUT_SECONDS),
  WORKER_LEASE_MARGIN_SECONDS: String(LEASE_MARGIN_SECONDS),
  // Recovery here must come from the task's own message, not from the sweeper.
  SWEEPER_INTERVAL_SECONDS: '3600',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
});

async function startChild(queuePrefix: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/runtime-process.ts'], {
    env: env(queuePrefix),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line.slice(0, 500));
    if (output.length > 30) output.shift();
  };
  createInterface({ input: child.stderr! }).on('line', remember);
  const ready = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      remember(line);
      if (line.includes('"ready":true')) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`runtime exited (${code}): ${output.join('\n')}`)));
  });
  const started = { process: child, api: e2eClient(ready.url, ready.apiKey), output };
  children.push(started);
  return started;
}

async function kill9(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
  children.splice(children.indexOf(child), 1);
}

const ofType = (events: TaskEventJson[], type: string) => events.filter((e) => e.type === type);

describe('kill -9 of the local runtime mid-attempt', () => {
  it('runs the attempt again when its lease ends, and a fail-twice task with maxAttempts 3 ends COMPLETED', async () => {
    await admin.query(`CREATE FUNCTION e2e_hold_third_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${HOLD_LOCK}); RETURN NEW; END $$`);
    await admin.query(`CREATE TRIGGER e2e_hold_third_attempt BEFORE UPDATE ON tasks FOR EACH ROW
      WHEN (OLD.status = 'RUNNING' AND OLD.attempts = 3 AND NEW.status <> 'RUNNING')
      EXECUTE FUNCTION e2e_hold_third_attempt()`);
    await admin.query('SELECT pg_advisory_lock($1)', [HOLD_LOCK]);
    const queuePrefix = `e2e-crash-${Date.now().toString(36)}`;
    const first = await startChild(queuePrefix);

    const submitted = await first.api.submit({
      type: 'fail',
      payload: { failTimes: 2 },
      maxAttempts: 3,
      timeoutSeconds: TIMEOUT_SECONDS,
      backoff: { baseSeconds: 1, capSeconds: 1 },
    });
    // The third attempt has run and its worker is recording the outcome, held by the lock.
    const blocked = await eventually(
      async () => {
        const { rows } = await admin.query(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted",
          [HOLD_LOCK],
        );
        return rows[0]?.pid as number | undefined;
      },
      { timeoutMs: 20_000, what: 'the third attempt to run' },
    );
    const running = await first.api.get(submitted.id);
    expect(running).toMatchObject({ status: 'RUNNING', attempts: 3 });
    // Past the moment the worker hides the claimed message until the lease ends.
    await eventually(async () => (Date.now() > Date.parse(running.startedAt!) + 1500 ? true : undefined), {
      timeoutMs: 5000,
      what: 'the claimed message to be hidden',
    });

    await kill9(first);
    const killedAt = Date.now();
    await admin.query('SELECT pg_terminate_backend($1)', [blocked]);
    await admin.query('DROP TRIGGER e2e_hold_third_attempt ON tasks');
    await admin.query('SELECT pg_advisory_unlock($1)', [HOLD_LOCK]);
    const second = await startChild(queuePrefix);

    const done = await second.api
      .waitForStatus(submitted.id, 'COMPLETED', 60_000)
      .catch((err: Error) => Promise.reject(new Error(`${err.message}\n${second.output.join('\n')}`)));

    expect(done).toMatchObject({
      attempts: 3,
      interruptions: 1,
      maxInterruptions: 3,
      result: { succeededOnAttempt: 3 },
    });
    const events = await second.api.events(submitted.id);
    expect(ofType(events, 'started').map((e) => e.attempt)).toEqual([1, 2, 3, 3]);
    expect(ofType(events, 'failed').map((e) => e.attempt)).toEqual([1, 2]);
    expect(ofType(events, 'interrupted')).toMatchObject([
      { attempt: 3, detail: { reason: 'lease_expired', detectedBy: 'worker', interruptions: 1 } },
    ]);
    expect(ofType(events, 'succeeded')).toHaveLength(1);
    // Run again once the lease ended (claim + timeout + margin), not after the 120 s visibility timeout.
    const [firstRun, rerun] = ofType(events, 'started')
      .slice(2)
      .map((e) => Date.parse(e.createdAt));
    const leaseEnd = firstRun! + (TIMEOUT_SECONDS + LEASE_MARGIN_SECONDS) * 1000;
    expect(rerun).toBeGreaterThanOrEqual(leaseEnd - 1000);
    expect(rerun! - killedAt).toBeLessThan((TIMEOUT_SECONDS + LEASE_MARGIN_SECONDS + 10) * 1000);
    expect(rerun! - firstRun!).toBeLessThan((WORKER_TIMEOUT_SECONDS * 6 * 1000) / 4);

    const exited = new Promise((resolve) => second.process.once('exit', resolve));
    second.process.kill('SIGTERM');
    await exited;
    children.splice(children.indexOf(second), 1);
  }, 120_000);
});
