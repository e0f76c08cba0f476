/** DELETE /v1/tasks/{id}: deletes a COMPLETED/FAILED/CANCELLED task and its events -> 204. */
import { invalidateTaskJson } from '../../shared/edge/task-cache.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { taskIdParamsSchema } from '../../shared/tasks/task-schemas.ts';
import { deleteTask } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler('delete-task', async ({ event, tenant, logger }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  await deleteTask(getDatabase(), tenant.id, id);
  await invalidateTaskJson(tenant.id, id, logger);
  return noContent();
});
