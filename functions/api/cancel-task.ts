/**
 * POST /v1/tasks/{id}/cancel (optional body `{ "reason": "..." }`): PENDING/QUEUED/RETRYING -> CANCELLED.
 * Accepts `Idempotency-Key`; without a Redis record a repeat meets the state machine (a 409, never
 * a second effect).
 */
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { cancelTaskBodySchema, taskIdParamsSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { cancelTask } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler(
  'cancel-task',
  async ({ event, tenant, body }) => {
    const { id } = parsePath(taskIdParamsSchema, event);
    const input = parseInput(cancelTaskBodySchema, body);
    const task = await cancelTask(getDatabase(), tenant.id, id, input?.reason ?? null);
    return json(200, toTaskJson(task));
  },
  { body: true },
);
