/** POST /v1/tasks/batch: submit up to 100 tasks, validated as a whole and written in one statement. */
import { ValidationError } from '../../shared/errors.ts';
import { tenantHandler } from '../../shared/http/api-handler.ts';
import { callerOf } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase, getTaskDefaults } from '../../shared/runtime.ts';
import { submitBatchSchema, toTaskJson } from '../../shared/tasks/task-schemas.ts';
import { submitBatch } from '../../shared/tasks/task-service.ts';

export const handler = tenantHandler(
  async (request) => {
    // One key cannot name many tasks; ignoring it would let a client believe retries are safe.
    if (request.header('Idempotency-Key') !== undefined) {
      throw new ValidationError('Idempotency-Key is not supported on /v1/tasks/batch', [
        { field: 'header:Idempotency-Key', message: 'not supported on batch submissions' },
      ]);
    }
    const defaults = getTaskDefaults();
    const caller = callerOf(request);
    const { tasks } = parseInput(submitBatchSchema(defaults), request.body, { what: 'Invalid batch' });
    const created = await submitBatch(getDatabase(), caller, tasks, defaults);
    return json(202, { tasks: created.map(toTaskJson) });
  },
  { body: true },
);
