import type { TaskHandler } from './task-type.ts';

/** Returns its payload unchanged: the smallest possible task, for smoke tests and benchmarks. */
export const echo: TaskHandler<'echo'> = async (payload) => payload;
