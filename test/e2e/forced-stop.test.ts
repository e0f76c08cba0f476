/**
 * A forced stop of the local runtime (the second Ctrl-C): running attempts are released, QUEUED
 * again and their messages visible at once, so the next start runs them without waiting for their
 * leases, and the stop itself takes a second or two even with a long task running.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime.ts';
import type { TaskEventJson } from '../../shared/tasks/task-schemas.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { readTask } from '../helpers/task-fixtures.ts';
import { type E2eClient, e2eClient, eventually } from './e2e-client.ts';

const database = useTestDatabase();
let sqsDataDir: string;
let options: LocalRuntimeOptions;
const running: LocalRuntime[] = [];

beforeAll(async () => {
  sqsDataDir = await mkdtemp(join(tmpdir(), 'taskforge-forced-stop-'));
  options = {
    port: 0,
    databaseUrl: database.url,
    queuePrefix: `e2e-force-${Date.now().toString(36)}`,
    // Messages survive a stop, as with `npm run local`.
    sqsDataDir,
    apiKey: 'tf_forced_stop_e2e_key_0123456789abcdef',
    sweeperIntervalSeconds: 3600,
  };
});

afterAll(async () => {
  for (const runtime of running) await runtime.stop({ force: true });
  if (sqsDataDir) await rm(sqsDataDir, { recursive: true, force: true });
});

async function start(): Promise<{ runtime: LocalRuntime; api: E2eClient }> {
  const runtime = await startLocalRuntime(options);
  running.push(runtime);
  return { runtime, api: e2eClient(runtime.url, runtime.apiKey) };
}

async function stopped(runtime: LocalRuntime, stop: Promise<void>): Promise<number> {
  const since = Date.now();
  await stop;
  running.splice(running.indexOf(runtime), 1);
  return Date.now() - since;
}

function starts(events: TaskEventJson[]): TaskEventJson[] {
  return events.filter((e) => e.type === 'started');
}

describe('LocalRuntime.stop({ force: true })', () => {
  it('releases a running attempt so that the next start runs it at once, without waiting for the attempt', async () => {
    const first = await start();
    // Longer than the test: only a released attempt lets the next start run it in time.
    const submitted = await first.api.submit({
      type: 'sleep',
      payload: { seconds: 300 },
      timeoutSeconds: 100,
    });
    await first.api.waitForStatus(submitted.id, 'RUNNING', 10_000);

    const stopMs = await stopped(first.runtime, first.runtime.stop({ force: true }));

    // A graceful stop would wait out the attempt's 100 s timeout; the bound is loose for loaded machines.
    expect(stopMs).toBeLessThan(15_000);
    // Handed back, not counted: no attempt used, no interruption against its limit.
    expect(await readTask(database.db, first.runtime.tenantId, submitted.id)).toMatchObject({
      status: 'QUEUED',
      attempts: 0,
      interruptions: 0,
      leaseUntil: null,
    });
    const second = await start();
    const events = await eventually(
      async () => {
        const all = await second.api.events(submitted.id);
        return starts(all).length === 2 ? all : undefined;
      },
      // Its lease would have held it for 100 s + the lease margin.
      { timeoutMs: 10_000, what: 'the released attempt to start again' },
    );
    expect(starts(events).map((e) => e.attempt)).toEqual([1, 1]);
    expect(events.find((e) => e.type === 'interrupted')).toMatchObject({
      attempt: 1,
      detail: { reason: 'shutdown', counted: false },
    });

    // A forced stop also cuts short a graceful stop that is waiting for the running attempt.
    const graceful = second.runtime.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const forceMs = await stopped(second.runtime, second.runtime.stop({ force: true }));
    await graceful;

    expect(forceMs).toBeLessThan(15_000);
    expect(await readTask(database.db, first.runtime.tenantId, submitted.id)).toMatchObject({
      status: 'QUEUED',
      attempts: 0,
      interruptions: 0,
    });
  });
});
