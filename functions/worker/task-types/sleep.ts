import { abortableDelay, type TaskHandler } from './task-type.ts';

/** Simulates work that takes `seconds`; honours the timeout's AbortSignal. */
export const sleep: TaskHandler<'sleep'> = async ({ seconds }, { signal }) => {
  await abortableDelay(seconds * 1000, signal);
  return { sleptSeconds: seconds };
};
