/** GET /v1/tasks/{id}/events?limit&cursor: the task's event log, oldest first. */
import { parsePath, parseQuery } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import {
  listEventsQuerySchema,
  taskIdParamsSchema,
  toTaskEventJson,
} from '../../shared/tasks/task-schemas.ts';
import { listEvents } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler('list-task-events', async ({ event, tenant }) => {
  const { id } = parsePath(taskIdParamsSchema, event);
  const query = parseQuery(listEventsQuerySchema, event);
  const page = await listEvents(getDatabase(), tenant.id, id, query);
  return json(200, { items: page.items.map(toTaskEventJson), nextCursor: page.nextCursor });
});
