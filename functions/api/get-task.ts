/** GET /v1/tasks/{id}: the task, or 404 (also for another tenant's task). */
import { tenantHandler } from '../../shared/http/api-handler.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { getDatabase } from '../../shared/runtime.ts';
import { taskIdParamsSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { getTask } from '../../shared/tasks/task-service.ts';

export const handler = tenantHandler(async ({ event, tenant }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  return json(200, toTaskJson(await getTask(getDatabase(), tenant.id, id)));
});
