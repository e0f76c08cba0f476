/**
 * PATCH /v1/schedules/{id}: change any setting but the name -> 200. A change of when it fires
 * moves the next slot to the first after now under the new rules.
 */
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase, getTaskDefaults } from '../../shared/process-deps.ts';
import {
  scheduleIdParamsSchema,
  toScheduleJson,
  updateScheduleSchema,
} from '../../shared/schedules/schedule-schemas.ts';
import { updateSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler(
  'update-schedule',
  async ({ event, tenant, body }) => {
    const { id } = parsePath(scheduleIdParamsSchema, event);
    const input = parseInput(updateScheduleSchema(getTaskDefaults()), body, { what: 'Invalid schedule' });
    return json(200, toScheduleJson(await updateSchedule(getDatabase(), tenant.id, id, input)));
  },
  { body: true },
);
