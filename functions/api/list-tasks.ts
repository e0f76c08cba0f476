/** GET /v1/tasks?status&type&priority&clientId&limit&cursor: task summaries, newest first (keyset). */
import { parseQuery } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';
import { listTasksQuerySchema, toTaskSummaryJson } from '../../shared/tasks/task-schemas.ts';
import { listTasks } from '../../shared/tasks/task-service.ts';

export const handler = routeHandler('list-tasks', async ({ event, tenant }) => {
  const query = parseQuery(listTasksQuerySchema, event);
  const page = await listTasks(getDatabase(), tenant.id, query);
  return json(200, { items: page.items.map(toTaskSummaryJson), nextCursor: page.nextCursor });
});
