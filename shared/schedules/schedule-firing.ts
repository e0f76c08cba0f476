/**
 * Fires due schedules: the relay calls this on every round, before it publishes the outbox, so a
 * slot's task is published in the same round that made it. Claims with SKIP LOCKED and a lease
 * (`schedule-sql.ts`), plans each schedule's slots (`slots.ts`), and fires each schedule in one
 * statement that writes its tasks and advances it, or writes nothing.
 */
import type { Executor } from '../db/database.ts';
import { coerceError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import {
  type AppLogger,
  logger as defaultLogger,
  MetricName,
  MetricUnit,
  metrics,
} from '../observability.ts';
import { isTerminal } from '../tasks/task.ts';
import type { Schedule } from './schedule.ts';
import {
  claimDueSchedules,
  earliestDueSchedule,
  fireSchedule,
  type SlotTask,
} from './schedule-firing-sql.ts';

import { planFire } from './slots.ts';

export interface FireOptions {
  /** Schedules claimed per round at most; a full round means more may be due. */
  limit: number;
  /** How long a claim keeps other relays off a schedule (a relay that dies mid-fire). */
  leaseSeconds: number;
  /** [0, 1) for the jitter; injectable for tests. */
  random?: () => number;
  logger?: AppLogger;
}

export interface FireRoundResult {
  /** Schedules claimed this round. */
  claimed: number;
  /** Tasks made. */
  fired: number;
  skippedOverlap: number;
  skippedMissed: number;
  /** Firings that wrote nothing because the schedule changed after the claim. */
  stale: number;
  /** Some schedule still has due slots (the claim was full, or a firing was capped). */
  more: boolean;
  /** The earliest next slot of any active schedule, for the relay's idle wait. */
  nextDueAt: Date | null;
}

/** The task of `slot`: its run time is the slot plus the schedule's jitter. */
function slotTask(schedule: Schedule, slot: Date, now: Date, random: () => number): SlotTask {
  const jitterMs = schedule.jitterSeconds > 0 ? Math.floor(random() * schedule.jitterSeconds * 1000) : 0;
  return {
    id: uuidv7(now.getTime()),
    scheduledFor: slot,
    runAt: new Date(slot.getTime() + jitterMs),
    correlationId: `schedule-${schedule.id}-${slot.getTime()}`,
  };
}

/**
 * One firing round at `now`.
 *
 * @example
 * const round = await fireDueSchedules(db, new Date(), { limit: 50, leaseSeconds: 30 });
 */
export async function fireDueSchedules(
  db: Executor,
  now: Date,
  options: FireOptions,
): Promise<FireRoundResult> {
  const log = options.logger ?? defaultLogger;
  const random = options.random ?? Math.random;
  const result: FireRoundResult = {
    claimed: 0,
    fired: 0,
    skippedOverlap: 0,
    skippedMissed: 0,
    stale: 0,
    more: false,
    nextDueAt: null,
  };
  const claimed = await claimDueSchedules(db, now, options.limit, options.leaseSeconds);
  result.claimed = claimed.length;
  result.more = claimed.length >= options.limit;
  for (const schedule of claimed) {
    if (!schedule.nextRunAt) continue;
    const plan = planFire(
      {
        cron: schedule.cron,
        intervalSeconds: schedule.intervalSeconds,
        timezone: schedule.timezone,
        anchorAt: schedule.anchorAt,
        startAt: schedule.startAt,
        endAt: schedule.endAt,
        nextRunAt: schedule.nextRunAt,
        catchUpWindowSeconds: schedule.catchUpWindowSeconds,
        overlap: schedule.overlap,
        previousRunning: schedule.lastTaskStatus !== null && !isTerminal(schedule.lastTaskStatus),
      },
      now,
    );
    try {
      const outcome = await fireSchedule(db, {
        scheduleId: schedule.id,
        expectedNextRunAt: schedule.nextRunAt,
        nextRunAt: plan.nextRunAt,
        tasks: plan.slots.map((slot) => slotTask(schedule, slot, now, random)),
        skippedOverlap: plan.skippedOverlap,
        skippedMissed: plan.skippedMissed,
        now,
      });
      if (!outcome.advanced) {
        result.stale += 1;
        continue;
      }
      result.fired += outcome.inserted.length;
      result.skippedOverlap += plan.skippedOverlap;
      result.skippedMissed += plan.skippedMissed;
      if (plan.nextRunAt && plan.nextRunAt.getTime() <= now.getTime()) result.more = true;
      for (const task of outcome.inserted)
        metrics.addMetric(
          MetricName.ScheduleLag,
          MetricUnit.Milliseconds,
          Math.max(0, task.createdAt.getTime() - task.scheduledFor.getTime()),
        );
      if (plan.skippedOverlap + plan.skippedMissed > 0)
        log.info('schedule: slots skipped', {
          scheduleId: schedule.id,
          overlap: plan.skippedOverlap,
          missed: plan.skippedMissed,
        });
    } catch (err) {
      // Its claim runs out and the next round after the lease fires it again; the others go on.
      log.error('schedule: firing failed', { scheduleId: schedule.id, error: coerceError(err) });
    }
  }
  if (result.fired > 0) metrics.addMetric(MetricName.ScheduleSlotsFired, MetricUnit.Count, result.fired);
  if (result.skippedOverlap > 0)
    metrics.addMetric(MetricName.ScheduleSlotsSkippedOverlap, MetricUnit.Count, result.skippedOverlap);
  if (result.skippedMissed > 0)
    metrics.addMetric(MetricName.ScheduleSlotsSkippedMissed, MetricUnit.Count, result.skippedMissed);
  result.nextDueAt = await earliestDueSchedule(db);
  return result;
}
