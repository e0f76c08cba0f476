import { describe, expect, it } from 'vitest';
import { echo } from '../../../functions/worker/task-types/echo.ts';
import { fail } from '../../../functions/worker/task-types/fail.ts';
import { findTaskType, taskHandlers } from '../../../functions/worker/task-types/index.ts';
import { reverse } from '../../../functions/worker/task-types/reverse.ts';
import { sleep } from '../../../functions/worker/task-types/sleep.ts';
import type { TaskHandler } from '../../../functions/worker/task-types/task-type.ts';
import { taskDefaults } from '../../../shared/config/tasks.ts';
import { submitTaskSchema } from '../../../shared/tasks/submit-schemas.ts';
import { TASK_CATALOG, TASK_TYPE_NAMES, type TaskTypeName } from '../../../shared/tasks/task-catalog.ts';

describe('task-type catalogue', () => {
  it('has a worker handler for every type it lists, and none for any other', () => {
    expect(Object.keys(taskHandlers)).toEqual(TASK_TYPE_NAMES);
    expect(TASK_TYPE_NAMES).toEqual(['echo', 'reverse', 'sleep', 'fail', 'webhook']);
  });

  it('gives the worker the same payload schema the API validates with', () => {
    for (const name of TASK_TYPE_NAMES) {
      const runnable = findTaskType(name);
      expect(runnable?.payloadSchema, name).toBe(TASK_CATALOG[name].payloadSchema);
      expect(runnable?.handler, name).toBe(taskHandlers[name]);
    }
  });

  it('finds no type for names that are not in it, inherited property names included', () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor', 'Echo', ''])
      expect(findTaskType(name), name).toBeUndefined();
  });

  it('is what a submission is checked against: a payload its schema refuses is a field error', () => {
    const schema = submitTaskSchema(taskDefaults({}));
    expect(schema.safeParse({ type: 'reverse', payload: { text: 'ok' } }).success).toBe(true);
    const refused = schema.safeParse({ type: 'reverse', payload: { text: 1 } });
    expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['payload', 'text']]);
    const unknownField = schema.safeParse({ type: 'sleep', payload: { seconds: 1, extra: true } });
    expect(unknownField.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['payload', 'extra'], 'unknown field'],
    ]);
  });

  it('makes a handler map that misses a type, or a handler for another type, fail to compile', () => {
    // @ts-expect-error: `webhook` has no handler.
    const missing: { [K in TaskTypeName]: TaskHandler<K> } = { echo, reverse, sleep, fail };
    // @ts-expect-error: the `reverse` handler does not take the `sleep` payload.
    const crossed: { [K in TaskTypeName]: TaskHandler<K> } = { ...taskHandlers, sleep: reverse };
    expect(Object.keys(missing)).not.toContain('webhook');
    expect(crossed.sleep).toBe(reverse);
  });
});
