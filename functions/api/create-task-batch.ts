/**
 * POST /v1/tasks/batch: submit up to 100 tasks, validated as a whole and written in one statement.
 * `Idempotency-Key` covers the whole batch (see `submitBatch` for its database backstop).
 */
import { callerOf } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase, getTaskDefaults } from '../../shared/process-deps.ts';
import { submitBatchSchema } from '../../shared/tasks/submit-schemas.ts';
import { toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { submitBatch } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler(
  'create-task-batch',
  async (request) => {
    const defaults = getTaskDefaults();
    const caller = callerOf(request);
    const { tasks } = parseInput(submitBatchSchema(defaults), request.body, { what: 'Invalid batch' });
    const { tasks: created, replayed } = await submitBatch(getDatabase(), caller, tasks, request.idempotency);
    return json(202, { tasks: created.map(toTaskJson) }, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  },
  { body: true },
);
