/**
 * The registry of task types. Adding one: write `<name>.ts` exporting a `TaskType` with a zod
 * payload schema and a handler, then add it to `taskTypes` below; the API validates payloads
 * against the schema and the worker dispatches by name. See the README's checklist.
 */
import { echo } from './echo.ts';
import { fail } from './fail.ts';
import { reverse } from './reverse.ts';
import { sleep } from './sleep.ts';
import type { TaskType } from './task-type.ts';
import { webhook } from './webhook.ts';

export const taskTypes = { echo, reverse, sleep, fail, webhook } as const;

export type TaskTypeName = keyof typeof taskTypes;

/** Payload type of each task type, derived from its schema. */
export type TaskPayloads = {
  [K in TaskTypeName]: (typeof taskTypes)[K] extends TaskType<infer P> ? P : never;
};

export const TASK_TYPE_NAMES = Object.keys(taskTypes) as TaskTypeName[];

export function isTaskTypeName(name: string): name is TaskTypeName {
  return Object.hasOwn(taskTypes, name);
}

/** The task type registered under `name`, with its payload type erased for dynamic dispatch. */
export function findTaskType(name: string): TaskType<unknown> | undefined {
  return isTaskTypeName(name) ? (taskTypes[name] as TaskType<unknown>) : undefined;
}
