/** POST /v1/schedules/{id}/resume: fire again from the first slot after now (slots that fell in the pause do not run) -> 200. Repeating it changes nothing. */
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { scheduleIdParamsSchema, toScheduleJson } from '../../shared/schedules/schedule-schemas.ts';
import { resumeSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler('resume-schedule', async ({ event, tenant }) => {
  const { id } = parsePath(scheduleIdParamsSchema, event);
  return json(200, toScheduleJson(await resumeSchedule(getDatabase(), tenant.id, id)));
});
