/**
 * The worker's handlers, keyed by the task-type catalogue (`shared/tasks/task-catalog.ts`): a
 * type in the catalogue without a handler here, or a handler for a type it does not list, does
 * not compile. See the README's checklist for adding a type.
 */
import type * as z from 'zod';
import { TASK_CATALOG, type TaskTypeName } from '../../../shared/tasks/task-catalog.ts';
import { echo } from './echo.ts';
import { fail } from './fail.ts';
import { reverse } from './reverse.ts';
import { sleep } from './sleep.ts';
import type { TaskContext, TaskHandler } from './task-type.ts';
import { webhook } from './webhook.ts';

export const taskHandlers: { [K in TaskTypeName]: TaskHandler<K> } = { echo, reverse, sleep, fail, webhook };

/** A task type as the worker runs it: the catalogue's schema and the handler, payload type erased. */
export interface RunnableTaskType {
  name: TaskTypeName;
  payloadSchema: z.ZodType;
  handler(payload: unknown, context: TaskContext): Promise<unknown>;
}

/** The task type registered under `name`, with its payload type erased for dynamic dispatch. */
export function findTaskType(name: string): RunnableTaskType | undefined {
  if (!Object.hasOwn(TASK_CATALOG, name)) return undefined;
  const type = name as TaskTypeName;
  // The worker parses the payload with this very schema before calling the handler.
  const handler = taskHandlers[type] as (payload: unknown, context: TaskContext) => Promise<unknown>;
  return { name: type, payloadSchema: TASK_CATALOG[type].payloadSchema, handler };
}
