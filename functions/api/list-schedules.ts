/** GET /v1/schedules?state&limit&cursor: the tenant's schedules, newest first (keyset). */
import { parseQuery } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { listSchedulesQuerySchema, toScheduleSummaryJson } from '../../shared/schedules/schedule-schemas.ts';
import { listSchedules } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler('list-schedules', async ({ event, tenant }) => {
  const query = parseQuery(listSchedulesQuerySchema, event);
  const page = await listSchedules(getDatabase(), tenant.id, query);
  return json(200, { items: page.items.map(toScheduleSummaryJson), nextCursor: page.nextCursor });
});
