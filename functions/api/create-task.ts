/**
 * POST /v1/tasks: submit one task -> 202 with the task and its Location. With `Idempotency-Key`,
 * a repeat is answered from Redis with the original response; when Redis has no record (flushed,
 * expired, unreachable) the database backstop returns the task as it is now, with
 * `Idempotent-Replayed: true`, and never creates a second one.
 */
import { callerOf } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase, getTaskDefaults } from '../../shared/process-deps.ts';
import { submitTaskSchema } from '../../shared/tasks/submit-schemas.ts';
import { toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { submitTask } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler(
  'create-task',
  async (request) => {
    const defaults = getTaskDefaults();
    const caller = callerOf(request);
    const input = parseInput(submitTaskSchema(defaults), request.body, { what: 'Invalid task' });
    const { task, replayed } = await submitTask(getDatabase(), caller, input, request.idempotency);
    return json(202, toTaskJson(task), {
      Location: `/v1/tasks/${task.id}`,
      ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  },
  { body: true },
);
