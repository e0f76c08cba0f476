/**
 * GET /v1/tasks/{id}/result: `{ id, status, result }` of a COMPLETED task; 409 with the status
 * otherwise. Read through the status cache like GET /v1/tasks/{id}.
 */
import { readTaskJson } from '../../shared/edge/task-cache.ts';
import { ConflictError } from '../../shared/errors.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import type { TaskStatus } from '../../shared/tasks/task.ts';
import { taskIdParamsSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { getTask } from '../../shared/tasks/task-service.ts';

/** The 409 for reading the result of a task that is not COMPLETED. */
function noResultConflict(
  taskId: string,
  status: TaskStatus,
  lastError: { name?: string; message: string } | null | undefined,
): ConflictError {
  return new ConflictError('task-not-completed', `Task ${taskId} has no result: it is ${status}`, {
    taskStatus: status,
    ...(lastError ? { error: { name: lastError.name, message: lastError.message } } : {}),
  });
}

export const handler = routeHandler('get-task-result', async ({ event, tenant, logger }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  const task = await readTaskJson(tenant.id, id, logger, async () =>
    toTaskJson(await getTask(getDatabase(), tenant.id, id)),
  );
  if (task.status !== 'COMPLETED') throw noResultConflict(id, task.status, task.error);
  return json(200, { id: task.id, status: task.status, result: task.result ?? null });
});
