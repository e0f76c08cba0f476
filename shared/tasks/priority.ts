/** A task's priority, which picks its SQS queue (each consumed with its own concurrency). */
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
