/** POST /v1/tasks/{id}/retry: FAILED/CANCELLED -> PENDING (attempts reset, published again) -> 202. */
import { tenantHandler } from '../../shared/http/api-handler.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { getDatabase } from '../../shared/runtime.ts';
import { taskIdParamsSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { retryTask } from '../../shared/tasks/task-service.ts';

export const handler = tenantHandler(async ({ event, tenant }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  return json(202, toTaskJson(await retryTask(getDatabase(), tenant.id, id)), {
    Location: `/v1/tasks/${id}`,
  });
});
