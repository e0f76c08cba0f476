/**
 * GET /v1/tasks/{id}/explain: why the task is where it is, one reason from the list in
 * `shared/tasks/task-explain.ts`, or 404 (also for another tenant's task). Reads the queues only
 * for a task waiting in one; when SQS cannot be read the answer says so in `warnings`.
 */
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase, getQueueConfig, getSqs } from '../../shared/process-deps.ts';
import { explainTask } from '../../shared/tasks/task-explain.ts';
import { taskIdParamsSchema } from '../../shared/tasks/task-schemas.ts';

export const handler = routeHandler('explain-task', async ({ event, tenant, logger }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  const deps = {
    db: getDatabase(),
    sqs: getSqs(),
    queues: getQueueConfig(),
    onQueueError: (err: unknown) => logger.warn('explain: queue depths unavailable', { error: err as Error }),
  };
  return json(200, await explainTask(deps, tenant.id, id, new Date()));
});
