import { z } from 'zod';
import type { TaskType } from './task-type.ts';

const payloadSchema = z.json();

/** Returns its payload unchanged: the smallest possible task, for smoke tests and benchmarks. */
export const echo: TaskType<z.infer<typeof payloadSchema>> = {
  name: 'echo',
  description: 'Returns the payload unchanged.',
  payloadSchema,
  async handler(payload) {
    return payload;
  },
};
