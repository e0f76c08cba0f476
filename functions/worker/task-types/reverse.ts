import type { TaskHandler } from './task-type.ts';

/** Reverses a string by Unicode code point (so surrogate pairs survive). */
export const reverse: TaskHandler<'reverse'> = async ({ text }) => ({
  reversed: Array.from(text).reverse().join(''),
});
