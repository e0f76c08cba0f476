/** Shared setup of the operations tests: the API fixture plus this file's own SQS queues. */
import type { Executor } from '../../../shared/db/database.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { type ApiFixture, call, setUpApi } from '../../helpers/api.ts';
import { fixture } from '../../helpers/fixtures.ts';
import { startTestQueues, type TestQueues } from '../../helpers/sqs-emulator.ts';

export interface OpsFixture extends ApiFixture {
  sqs: TestQueues;
}

export async function setUpOps(): Promise<OpsFixture> {
  const api = await setUpApi();
  const sqs = await startTestQueues();
  configureProcessDeps({ sqs: sqs.client, queues: sqs.queues });
  return { ...api, sqs };
}

export async function tearDownOps(fixture: OpsFixture | undefined): Promise<void> {
  await fixture?.sqs.stop();
  await fixture?.testDb.drop();
}

/** Submits a task through the API and returns its id. */
export async function submit(apiKey: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/v1/tasks', { apiKey, body: { type: 'echo', payload: {}, ...body } });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Moves a task to a terminal status as the worker would leave it: started `durationMs` before
 * `finishedAgoSeconds` ago, after waiting `waitMs` in the queue, with `error` when FAILED.
 */
export async function finish(
  db: Executor,
  taskId: string,
  status: 'COMPLETED' | 'FAILED',
  options: { durationMs?: number; waitMs?: number; finishedAgoSeconds?: number; error?: object } = {},
): Promise<void> {
  const { durationMs = 100, waitMs = 50, finishedAgoSeconds = 0, error } = options;
  // The relay deleted the outbox row when it published the task.
  await db.query('DELETE FROM outbox WHERE task_id = :taskId::uuid', { taskId });
  await db.query(
    `UPDATE tasks SET status = :status, attempts = 1,
            finished_at = now() - make_interval(secs => :ago),
            started_at = now() - make_interval(secs => :ago + :durationMs / 1000.0),
            queued_at = now() - make_interval(secs => :ago + (:durationMs + :waitMs) / 1000.0),
            run_at = now() - make_interval(secs => :ago + (:durationMs + :waitMs) / 1000.0 + 1),
            last_error = :error::jsonb, updated_at = now()
      WHERE id = :taskId::uuid`,
    {
      taskId,
      status,
      ago: finishedAgoSeconds,
      durationMs,
      waitMs,
      error: error === undefined ? null : JSON.stringify(error),
    },
  );
}

/** {@link setUpOps} for the tests of this file, torn down after them. */
export function useOps(): OpsFixture {
  return fixture('the operations fixture', setUpOps, tearDownOps);
}
