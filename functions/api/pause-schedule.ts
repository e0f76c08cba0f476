/** POST /v1/schedules/{id}/pause: stop firing; the schedule keeps its settings -> 200. Repeating it changes nothing. */
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { scheduleIdParamsSchema, toScheduleJson } from '../../shared/schedules/schedule-schemas.ts';
import { pauseSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler('pause-schedule', async ({ event, tenant }) => {
  const { id } = parsePath(scheduleIdParamsSchema, event);
  return json(200, toScheduleJson(await pauseSchedule(getDatabase(), tenant.id, id)));
});
