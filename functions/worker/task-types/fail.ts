import { PermanentTaskError } from '../../../shared/errors.ts';
import type { TaskHandler } from './task-type.ts';

/** Fails on purpose, to show retries, backoff and dead letters. */
export const fail: TaskHandler<'fail'> = async ({ failTimes, permanent, message }, { attempt }) => {
  const text = message ?? `deliberate failure on attempt ${attempt}`;
  if (permanent) throw new PermanentTaskError(text);
  if (failTimes === undefined || attempt <= failTimes) throw new Error(text);
  return { succeededOnAttempt: attempt };
};
