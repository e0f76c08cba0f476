/**
 * POST /v1/schedules: create a recurring schedule -> 201 with the schedule and its Location. The
 * cron pattern, time zone, interval and task template are checked before anything is written.
 * With `Idempotency-Key`, a repeat returns the schedule it created.
 */
import { callerOf } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase, getTaskDefaults } from '../../shared/process-deps.ts';
import { createScheduleSchema, toScheduleJson } from '../../shared/schedules/schedule-schemas.ts';
import { createSchedule } from '../../shared/schedules/schedule-service.ts';

export const handler = routeHandler(
  'create-schedule',
  async (request) => {
    const input = parseInput(createScheduleSchema(getTaskDefaults()), request.body, {
      what: 'Invalid schedule',
    });
    const { schedule, replayed } = await createSchedule(
      getDatabase(),
      callerOf(request),
      input,
      request.idempotency,
    );
    return json(201, toScheduleJson(schedule), {
      Location: `/v1/schedules/${schedule.id}`,
      ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  },
  { body: true },
);
