import { z } from 'zod';
import type { TaskType } from './task-type.ts';

const payloadSchema = z.strictObject({ text: z.string().max(100_000) });

/** Reverses a string by Unicode code point (so surrogate pairs survive). */
export const reverse: TaskType<z.infer<typeof payloadSchema>> = {
  name: 'reverse',
  description: 'Reverses `text`; the result is `{ "reversed": "..." }`.',
  payloadSchema,
  async handler({ text }) {
    return { reversed: Array.from(text).reverse().join('') };
  },
};
