import { z } from 'zod';
import { PermanentTaskError } from '../../../shared/errors.ts';
import type { TaskType } from './task-type.ts';

const payloadSchema = z.strictObject({
  /** Fail this many attempts, then succeed. Omitted: fail every attempt. */
  failTimes: z.number().int().min(0).max(100).optional(),
  /** Fail with a permanent error: no retries. */
  permanent: z.boolean().optional(),
  message: z.string().max(1000).optional(),
});

/** Fails on purpose, to show retries, backoff and dead letters. */
export const fail: TaskType<z.infer<typeof payloadSchema>> = {
  name: 'fail',
  description:
    'Fails the first `failTimes` attempts then succeeds; without `failTimes` fails every attempt; with `permanent: true` fails at once without retries.',
  payloadSchema,
  async handler({ failTimes, permanent, message }, { attempt }) {
    const text = message ?? `deliberate failure on attempt ${attempt}`;
    if (permanent) throw new PermanentTaskError(text);
    if (failTimes === undefined || attempt <= failTimes) throw new Error(text);
    return { succeededOnAttempt: attempt };
  },
};
