/** The schedule model: what is stored and what the firing reads. */
import type { TaskTemplateInput } from '../tasks/submit-schemas.ts';
import type { TaskStatus } from '../tasks/task.ts';

export type OverlapPolicy = 'skip' | 'allow';

/** active: fires when due; paused: fires nothing until resumed; finished: no slot left (endAt). */
export const SCHEDULE_STATES = ['active', 'paused', 'finished'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];

/** A schedule as the create and update statements write it. */
export interface ScheduleFields {
  name: string;
  cron: string | null;
  intervalSeconds: number | null;
  timezone: string;
  task: TaskTemplateInput;
  overlap: OverlapPolicy;
  catchUpWindowSeconds: number;
  jitterSeconds: number;
  startAt: Date | null;
  endAt: Date | null;
}

export interface Schedule extends ScheduleFields {
  id: string;
  tenantId: string;
  anchorAt: Date;
  paused: boolean;
  nextRunAt: Date | null;
  lastSlot: Date | null;
  lastTaskId: string | null;
  /** Status of the last slot's task; null when there is none (or it was deleted). */
  lastTaskStatus: TaskStatus | null;
  firedCount: number;
  skippedOverlapCount: number;
  skippedMissedCount: number;
  idempotencyKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function scheduleState(schedule: Pick<Schedule, 'paused' | 'nextRunAt'>): ScheduleState {
  if (schedule.paused) return 'paused';
  return schedule.nextRunAt === null ? 'finished' : 'active';
}
