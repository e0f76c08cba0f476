/**
 * POST /v1/schedules/{id}/trigger: one run now from the schedule's task template -> 202 with the
 * task's id and Location; the schedule's own slots are unchanged. With `Idempotency-Key`, a repeat
 * returns the task the first request made.
 */
import { callerOf, parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { scheduleIdParamsSchema } from '../../shared/schedules/schedule-schemas.ts';
import { triggerSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler('trigger-schedule', async (request) => {
  const { id } = parsePath(scheduleIdParamsSchema, request.event);
  const run = await triggerSchedule(getDatabase(), callerOf(request), id, request.idempotency);
  return json(
    202,
    { scheduleId: run.scheduleId, taskId: run.taskId, scheduledFor: run.scheduledFor.toISOString() },
    { Location: `/v1/tasks/${run.taskId}`, ...(run.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
  );
});
