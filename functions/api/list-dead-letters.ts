/**
 * GET /v1/dead-letters?fingerprint&type&limit: the tenant's FAILED tasks grouped by error
 * fingerprint (largest group first) with counts, types and first/last seen; with `fingerprint`,
 * also that group's most recent tasks and their last error.
 */
import { parseQuery } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listDeadLetterGroups, listDeadLetterTasks } from '../../shared/ops/dead-letter-store.ts';
import {
  deadLettersQuerySchema,
  toDeadLetterGroupJson,
  toDeadLetterTaskJson,
} from '../../shared/ops/ops-schemas.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('list-dead-letters', async ({ event, tenant }) => {
  const { fingerprint, type, limit } = parseQuery(deadLettersQuerySchema, event);
  const db = getDatabase();
  const [groups, tasks] = await Promise.all([
    listDeadLetterGroups(db, tenant.id, { fingerprint, type }, limit),
    fingerprint === undefined ? undefined : listDeadLetterTasks(db, tenant.id, { fingerprint, type }, limit),
  ]);
  return json(200, {
    total: groups.total,
    groupCount: groups.groupCount,
    groups: groups.groups.map(toDeadLetterGroupJson),
    ...(tasks ? { tasks: tasks.map(toDeadLetterTaskJson) } : {}),
  });
});
