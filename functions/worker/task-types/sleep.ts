import { z } from 'zod';
import { abortableDelay, type TaskType } from './task-type.ts';

const payloadSchema = z.strictObject({ seconds: z.number().min(0).max(900) });

/** Simulates work that takes `seconds`; honours the timeout's AbortSignal. */
export const sleep: TaskType<z.infer<typeof payloadSchema>> = {
  name: 'sleep',
  description:
    'Waits `seconds` (0 to 900) to simulate execution time; the result is `{ "sleptSeconds": n }`.',
  payloadSchema,
  async handler({ seconds }, { signal }) {
    await abortableDelay(seconds * 1000, signal);
    return { sleptSeconds: seconds };
  },
};
