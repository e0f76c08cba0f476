/** GET /v1/schedules/{id}: the schedule with its next 5 fire times and its last run. */
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { scheduleIdParamsSchema, toScheduleJson } from '../../shared/schedules/schedule-schemas.ts';
import { getSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler('get-schedule', async ({ event, tenant }) => {
  const { id } = parsePath(scheduleIdParamsSchema, event);
  return json(200, toScheduleJson(await getSchedule(getDatabase(), tenant.id, id)));
});
