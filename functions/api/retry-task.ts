/**
 * POST /v1/tasks/{id}/retry: FAILED/CANCELLED -> PENDING (attempts reset, published again) -> 202.
 * Accepts `Idempotency-Key` (without a Redis record a repeat is a 409 from the state machine) and
 * drops the task's cached terminal representation.
 */

import { invalidateTaskJson } from '../../shared/edge/task-cache.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { taskIdParamsSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { retryTask } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler('retry-task', async ({ event, tenant, logger }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  const task = await retryTask(getDatabase(), tenant.id, id);
  await invalidateTaskJson(tenant.id, id, logger);
  return json(202, toTaskJson(task), { Location: `/v1/tasks/${id}` });
});
