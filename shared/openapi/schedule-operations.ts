/** What the OpenAPI document says about the schedule routes (`/v1/schedules`). */
import type { RouteName } from '../http/routes.ts';
import {
  listSchedulesQuerySchema,
  scheduleIdParamsSchema,
  triggerResponseSchema,
} from '../schedules/schedule-schemas.ts';
import type { OperationSpec, ResponseSpec } from './operation-spec.ts';

type ScheduleRoute = Extract<RouteName, `${string}-schedule` | `${string}-schedules`>;

const schedule = (description: string, headers?: string[]): ResponseSpec => ({
  description,
  body: { component: 'Schedule' },
  ...(headers ? { headers } : {}),
});

export function scheduleOperations(): Record<ScheduleRoute, OperationSpec> {
  return {
    'create-schedule': {
      summary: 'Create a recurring schedule',
      description:
        'Exactly one of cron (5 fields, or 6 with seconds first; read in timezone) and intervalSeconds. Each slot makes one task from the template, never two; the relay fires slots within a second of their time. 400 names the offending field (an invalid cron pattern, an unknown time zone, an interval of 0, a template the task type rejects) and writes nothing; 409 when the name is taken.',
      tag: 'Schedules',
      body: { schema: { component: 'ScheduleSubmission' }, required: true },
      responses: { 201: schedule('Created: the schedule, with its next fire times', ['Location']) },
      problems: [409],
    },
    'list-schedules': {
      summary: 'List schedules, newest first',
      tag: 'Schedules',
      query: listSchedulesQuerySchema,
      responses: { 200: { description: 'A page of schedules', body: { component: 'SchedulePage' } } },
      problems: [],
    },
    'get-schedule': {
      summary: 'Read a schedule, its next 5 fire times and its last run',
      tag: 'Schedules',
      path: scheduleIdParamsSchema,
      responses: { 200: schedule('The schedule') },
      problems: [404],
    },
    'update-schedule': {
      summary: 'Change a schedule',
      description:
        'Any field of the creation but name; null clears startAt or endAt. A change of when it fires moves the next slot to the first after now under the new rules.',
      tag: 'Schedules',
      path: scheduleIdParamsSchema,
      body: { schema: { component: 'ScheduleUpdate' }, required: true },
      responses: { 200: schedule('The changed schedule') },
      problems: [404],
    },
    'delete-schedule': {
      summary: 'Delete a schedule (the tasks it made stay)',
      tag: 'Schedules',
      path: scheduleIdParamsSchema,
      responses: { 204: { description: 'Deleted' } },
      problems: [404],
    },
    'pause-schedule': {
      summary: 'Pause a schedule',
      tag: 'Schedules',
      path: scheduleIdParamsSchema,
      responses: { 200: schedule('The paused schedule') },
      problems: [404],
    },
    'resume-schedule': {
      summary: 'Resume a schedule from the first slot after now',
      description: 'Slots that fell in the pause do not run and are not counted as missed.',
      tag: 'Schedules',
      path: scheduleIdParamsSchema,
      responses: { 200: schedule('The resumed schedule') },
      problems: [404],
    },
    'trigger-schedule': {
      summary: 'Run a schedule once now',
      description:
        'Makes one task from the template for the slot "now" (paused and finished schedules too); the schedule’s own slots are unchanged. The run counts as the last run for the overlap policy.',
      tag: 'Schedules',
      path: scheduleIdParamsSchema,
      responses: {
        202: {
          description: 'Accepted: the task made, PENDING',
          body: { schema: triggerResponseSchema },
          headers: ['Location'],
        },
      },
      problems: [404, 409],
    },
  };
}
