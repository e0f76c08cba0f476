import { relayOnce } from '../../functions/relay/relay.ts';
import type { Executor } from '../../shared/db/database.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { getTask } from '../../shared/tasks/store/api-sql.ts';
import { insertTask } from '../../shared/tasks/store/submit-sql.ts';
import type { NewTask, Task } from '../../shared/tasks/task.ts';
import { createTenant } from '../../shared/tenants/tenant-store.ts';
import type { TestQueues } from './sqs-emulator.ts';

/** A tenant for the tests of one file. */
export async function createTestTenant(db: Executor): Promise<string> {
  return (await createTenant(db, `tenant-${Math.random().toString(36).slice(2, 8)}`)).id;
}

/** A new task of `tenantId` with test defaults (an `echo` task due now). */
export function newTaskFixture(tenantId: string, overrides: Partial<NewTask> = {}): NewTask {
  const id = overrides.id ?? uuidv7();
  return {
    id,
    tenantId,
    type: 'echo',
    payload: { hello: 'world' },
    priority: 'medium',
    runAt: new Date(),
    maxAttempts: 3,
    maxInterruptions: 3,
    backoffBaseSeconds: 2,
    backoffCapSeconds: 60,
    timeoutSeconds: 30,
    idempotencyKey: null,
    requestFingerprint: null,
    clientId: null,
    correlationId: `corr-${id}`,
    ...overrides,
  };
}

/** Inserts a task (with its outbox row) through the store, with test defaults. */
export async function submitTask(
  db: Executor,
  tenantId: string,
  overrides: Partial<NewTask> = {},
): Promise<Task> {
  const outcome = await insertTask(db, newTaskFixture(tenantId, overrides));
  if (!outcome) throw new Error('insertTask returned nothing');
  return outcome.task;
}

/** Relay settings for the tests that publish through it: every due row, at once, in one pass. */
export const RELAY_TEST_CONFIG = {
  batchSize: 100,
  claimLeaseSeconds: 30,
  idleWaitMs: 0,
  loopSeconds: 1,
  stopMarginMs: 0,
  fairQueues: true,
  scheduleBatchSize: 50,
};

/** One relay pass: publishes what is due in `db` to the test's queues. */
export function relayDue(db: Executor, sqs: TestQueues): ReturnType<typeof relayOnce> {
  return relayOnce({ db, sqs: sqs.client, queues: sqs.queues, config: RELAY_TEST_CONFIG });
}

/** Submits a task and publishes it through the relay, as the API and relay would. */
export async function submitAndPublish(
  db: Executor,
  sqs: TestQueues,
  tenantId: string,
  overrides: Partial<NewTask> = {},
): Promise<Task> {
  const task = await submitTask(db, tenantId, overrides);
  await relayDue(db, sqs);
  return task;
}

export async function readTask(db: Executor, tenantId: string, taskId: string): Promise<Task> {
  const task = await getTask(db, tenantId, taskId);
  if (!task) throw new Error(`task ${taskId} not found`);
  return task;
}

export async function countEvents(db: Executor, taskId: string, type: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM task_events WHERE task_id = :taskId::uuid AND type = :type',
    { taskId, type },
  );
  return rows[0]?.n ?? 0;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
