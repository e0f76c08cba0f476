/**
 * The task-type catalogue: each type's name, description and payload schema, and nothing that
 * runs a task. The API validates submissions against it (`submit-schemas.ts`) and documents it;
 * the worker's handlers (`functions/worker/task-types/`) are keyed by it, so a type added here
 * without a handler does not compile, and a handler receives its payload typed by the schema.
 * Adding a type: see the README's checklist.
 */
import * as z from 'zod';

export interface TaskTypeSpec {
  description: string;
  /** Checked at the API before anything is written, and again by the worker before it runs. */
  payloadSchema: z.ZodType;
}

/** In the order the API lists them (error messages, the OpenAPI document). */
export const TASK_CATALOG = {
  echo: {
    description: 'Returns the payload unchanged.',
    payloadSchema: z.json(),
  },
  reverse: {
    description: 'Reverses `text`; the result is `{ "reversed": "..." }`.',
    payloadSchema: z.strictObject({ text: z.string().max(100_000) }),
  },
  sleep: {
    description:
      'Waits `seconds` (0 to 900) to simulate execution time; the result is `{ "sleptSeconds": n }`.',
    payloadSchema: z.strictObject({ seconds: z.number().min(0).max(900) }),
  },
  fail: {
    description:
      'Fails the first `failTimes` attempts then succeeds; without `failTimes` fails every attempt; with `permanent: true` fails at once without retries.',
    payloadSchema: z.strictObject({
      /** Fail this many attempts, then succeed. Omitted: fail every attempt. */
      failTimes: z.number().int().min(0).max(100).optional(),
      /** Fail with a permanent error: no retries. */
      permanent: z.boolean().optional(),
      message: z.string().max(1000).optional(),
    }),
  },
  webhook: {
    description:
      'POSTs `body` as JSON to `url` (public addresses only; no redirects). The result is `{ "status", "body", "truncated" }`; 408, 429, 5xx and timeouts are retried.',
    payloadSchema: z.strictObject({
      url: z.url({ protocol: /^https?$/ }).max(2048),
      body: z.json().optional(),
      headers: z.record(z.string().max(256), z.string().max(4096)).optional(),
      timeoutSeconds: z.number().min(1).max(60).optional(),
    }),
  },
} as const satisfies Record<string, TaskTypeSpec>;

export type TaskTypeName = keyof typeof TASK_CATALOG;

/** The payload a handler of type `K` receives: its schema's output. */
export type TaskPayload<K extends TaskTypeName> = z.output<(typeof TASK_CATALOG)[K]['payloadSchema']>;

export const TASK_TYPE_NAMES = Object.keys(TASK_CATALOG) as TaskTypeName[];

export function isTaskTypeName(name: string): name is TaskTypeName {
  return Object.hasOwn(TASK_CATALOG, name);
}

/** The catalogue entry of `name`, or undefined for a name that is not a task type. */
export function findTaskTypeSpec(name: string): TaskTypeSpec | undefined {
  return isTaskTypeName(name) ? TASK_CATALOG[name] : undefined;
}
