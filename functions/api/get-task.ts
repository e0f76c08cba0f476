/**
 * GET /v1/tasks/{id}: the task, or 404 (also for another tenant's task). A terminal task is
 * served from the status cache when it is there (no database call).
 */
import { readTaskJson } from '../../shared/edge/task-cache.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { taskIdParamsSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { getTask } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler('get-task', async ({ event, tenant, logger }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  const task = await readTaskJson(tenant.id, id, logger, async () =>
    toTaskJson(await getTask(getDatabase(), tenant.id, id)),
  );
  return json(200, task);
});
