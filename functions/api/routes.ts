/**
 * The route table (`shared/http/routes.ts`) paired with each route's handler, for the local
 * runtime and tests. A route added to the table without a handler here fails to compile, and so
 * does a route paired with a handler built for another route (`routeHandler` marks each one).
 */
import type { RouteHandler } from '../../shared/http/route-handler.ts';
import { ROUTES, type RouteName, type RouteSpec } from '../../shared/http/routes.ts';
import { handler as cancelTask } from './cancel-task.ts';
import { handler as createApiKey } from './create-api-key.ts';
import { handler as createOperatorToken } from './create-operator-token.ts';
import { handler as createSchedule } from './create-schedule.ts';
import { handler as createTask } from './create-task.ts';
import { handler as createTaskBatch } from './create-task-batch.ts';
import { handler as createTenant } from './create-tenant.ts';
import { handler as deleteSchedule } from './delete-schedule.ts';
import { handler as deleteTask } from './delete-task.ts';
import { handler as deleteTenant } from './delete-tenant.ts';
import { handler as explainTask } from './explain-task.ts';
import { handler as getDashboard } from './get-dashboard.ts';
import { handler as getDashboardAsset } from './get-dashboard-asset.ts';
import { handler as getDocs } from './get-docs.ts';
import { handler as getDocsAsset } from './get-docs-asset.ts';
import { handler as getMetrics } from './get-metrics.ts';
import { handler as getOpenapi } from './get-openapi.ts';
import { handler as getSchedule } from './get-schedule.ts';
import { handler as getStats } from './get-stats.ts';
import { handler as getTask } from './get-task.ts';
import { handler as getTaskResult } from './get-task-result.ts';
import { handler as getTenant } from './get-tenant.ts';
import { handler as healthz } from './healthz.ts';
import { handler as listApiKeys } from './list-api-keys.ts';
import { handler as listDeadLetters } from './list-dead-letters.ts';
import { handler as listOperatorTokens } from './list-operator-tokens.ts';
import { handler as listSchedules } from './list-schedules.ts';
import { handler as listTaskEvents } from './list-task-events.ts';
import { handler as listTasks } from './list-tasks.ts';
import { handler as listTenants } from './list-tenants.ts';
import { handler as pauseSchedule } from './pause-schedule.ts';
import { handler as redriveDeadLetters } from './redrive-dead-letters.ts';
import { handler as resumeSchedule } from './resume-schedule.ts';
import { handler as retryTask } from './retry-task.ts';
import { handler as revokeApiKey } from './revoke-api-key.ts';
import { handler as revokeOperatorToken } from './revoke-operator-token.ts';
import { handler as rotateApiKey } from './rotate-api-key.ts';
import { handler as triggerSchedule } from './trigger-schedule.ts';
import { handler as updateSchedule } from './update-schedule.ts';
import { handler as updateTenant } from './update-tenant.ts';

export type RouteDefinition = RouteSpec & { handler: RouteHandler };

const handlers: { [N in RouteName]: RouteHandler<N> } = {
  'create-task': createTask,
  'create-task-batch': createTaskBatch,
  'list-tasks': listTasks,
  'get-task': getTask,
  'get-task-result': getTaskResult,
  'list-task-events': listTaskEvents,
  'explain-task': explainTask,
  'cancel-task': cancelTask,
  'retry-task': retryTask,
  'delete-task': deleteTask,
  'create-schedule': createSchedule,
  'list-schedules': listSchedules,
  'get-schedule': getSchedule,
  'update-schedule': updateSchedule,
  'delete-schedule': deleteSchedule,
  'pause-schedule': pauseSchedule,
  'resume-schedule': resumeSchedule,
  'trigger-schedule': triggerSchedule,
  healthz,
  'get-stats': getStats,
  'list-dead-letters': listDeadLetters,
  'redrive-dead-letters': redriveDeadLetters,
  'get-metrics': getMetrics,
  'get-openapi': getOpenapi,
  'get-docs': getDocs,
  'get-docs-asset': getDocsAsset,
  'get-dashboard': getDashboard,
  'get-dashboard-asset': getDashboardAsset,
  'create-tenant': createTenant,
  'list-tenants': listTenants,
  'get-tenant': getTenant,
  'update-tenant': updateTenant,
  'delete-tenant': deleteTenant,
  'create-api-key': createApiKey,
  'list-api-keys': listApiKeys,
  'revoke-api-key': revokeApiKey,
  'rotate-api-key': rotateApiKey,
  'create-operator-token': createOperatorToken,
  'list-operator-tokens': listOperatorTokens,
  'revoke-operator-token': revokeOperatorToken,
};

export const routes: RouteDefinition[] = ROUTES.map((spec) => ({
  ...spec,
  handler: handlers[spec.name],
}));
