/** DELETE /v1/schedules/{id} -> 204. The tasks it made stay, with their scheduleId. */
import { parsePath } from '../../shared/http/inputs.ts';
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { scheduleIdParamsSchema } from '../../shared/schedules/schedule-schemas.ts';
import { deleteSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler('delete-schedule', async ({ event, tenant }) => {
  const { id } = parsePath(scheduleIdParamsSchema, event);
  await deleteSchedule(getDatabase(), tenant.id, id);
  return noContent();
});
