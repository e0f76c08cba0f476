/**
 * The HTTP API's route table: one entry per API Gateway route and Lambda function. The CDK
 * stack creates a function per entry from `functions/api/<name>.ts` (exporting `handler`); the
 * local runtime serves the same table. DESIGN section 7.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handler as cancelTask } from './cancel-task.ts';
import { handler as createTask } from './create-task.ts';
import { handler as createTaskBatch } from './create-task-batch.ts';
import { handler as deleteTask } from './delete-task.ts';
import { handler as getTask } from './get-task.ts';
import { handler as getTaskResult } from './get-task-result.ts';
import { handler as healthz } from './healthz.ts';
import { handler as listTaskEvents } from './list-task-events.ts';
import { handler as listTasks } from './list-tasks.ts';
import { handler as retryTask } from './retry-task.ts';

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway route path, e.g. '/v1/tasks/{id}'. */
  path: string;
  /** File name under functions/api (without .ts): the Lambda entry for this route. */
  name: string;
  /** Whether the route requires X-API-Key (enforced by the handler's middleware chain). */
  auth: boolean;
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
}

export const routes: RouteDefinition[] = [
  { method: 'POST', path: '/v1/tasks', name: 'create-task', auth: true, handler: createTask },
  {
    method: 'POST',
    path: '/v1/tasks/batch',
    name: 'create-task-batch',
    auth: true,
    handler: createTaskBatch,
  },
  { method: 'GET', path: '/v1/tasks', name: 'list-tasks', auth: true, handler: listTasks },
  { method: 'GET', path: '/v1/tasks/{id}', name: 'get-task', auth: true, handler: getTask },
  {
    method: 'GET',
    path: '/v1/tasks/{id}/result',
    name: 'get-task-result',
    auth: true,
    handler: getTaskResult,
  },
  {
    method: 'GET',
    path: '/v1/tasks/{id}/events',
    name: 'list-task-events',
    auth: true,
    handler: listTaskEvents,
  },
  { method: 'POST', path: '/v1/tasks/{id}/cancel', name: 'cancel-task', auth: true, handler: cancelTask },
  { method: 'POST', path: '/v1/tasks/{id}/retry', name: 'retry-task', auth: true, handler: retryTask },
  { method: 'DELETE', path: '/v1/tasks/{id}', name: 'delete-task', auth: true, handler: deleteTask },
  { method: 'GET', path: '/healthz', name: 'healthz', auth: false, handler: healthz },
];
