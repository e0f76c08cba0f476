/** GET /v1/tasks/{id}/result: `{ id, status, result }` of a COMPLETED task; 409 with the status otherwise. */
import { tenantHandler } from '../../shared/http/api-handler.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { getDatabase } from '../../shared/runtime.ts';
import { taskIdParamsSchema } from '../../shared/tasks/task-schemas.ts';
import { getTaskResult } from '../../shared/tasks/task-service.ts';

export const handler = tenantHandler(async ({ event, tenant }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  const task = await getTaskResult(getDatabase(), tenant.id, id);
  return json(200, { id: task.id, status: task.status, result: task.result ?? null });
});
