/**
 * Slot arithmetic of a schedule: when its slots fall, and which of them a firing makes tasks
 * for. Pure functions of the schedule and an injected `now`; cron and time zones come from
 * croner, never from code of our own.
 *
 * DST (croner's behaviour, tested for Europe/Berlin and America/New_York): a wall-clock time that
 * does not exist on a spring-forward day (02:30 in the skipped hour) fires once, at the first valid
 * time after the gap (03:00 local); a wall-clock time that happens twice on a fall-back day fires
 * once, on its first occurrence. Patterns that fire every hour or more often follow elapsed time,
 * so they fire in both passes of the repeated hour.
 */
import { Cron } from 'croner';

export interface SlotSpec {
  cron: string | null;
  intervalSeconds: number | null;
  timezone: string;
  /** Interval slots are anchor + k * interval. */
  anchorAt: Date;
  startAt: Date | null;
  endAt: Date | null;
}

/** Slots made per firing of one schedule at most; more due slots are fired by the next round. */
export const MAX_SLOTS_PER_FIRE = 100;
/** Missed slots counted one by one per firing at most; the rest are skipped without counting. */
export const MAX_MISSED_COUNTED = 10_000;

const cronCache = new Map<string, Cron>();

function cronOf(pattern: string, timezone: string): Cron {
  const key = `${timezone}\u0000${pattern}`;
  let cron = cronCache.get(key);
  if (!cron) {
    // paused: croner schedules nothing; it is used for its arithmetic only.
    cron = new Cron(pattern, { timezone, paused: true });
    if (cronCache.size > 1000) cronCache.clear();
    cronCache.set(key, cron);
  }
  return cron;
}

/** Why a cron pattern is not accepted, or undefined (5 fields, or 6 with seconds first). */
export function cronProblem(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6)
    return `must have 5 fields (minute hour day month weekday) or 6 (with seconds first), got ${fields.length}`;
  try {
    new Cron(pattern, { paused: true });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The IANA time zone names schedules accept: this runtime's canonical list, and UTC. */
export const TIME_ZONES: readonly [string, ...string[]] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
];

/** Whether `timezone` is an IANA time zone name this runtime knows. */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The first slot strictly after `after` (ignoring startAt/endAt), or null when there is none. */
function rawNextSlot(spec: SlotSpec, after: Date): Date | null {
  if (spec.cron !== null) return cronOf(spec.cron, spec.timezone).nextRun(after);
  const step = spec.intervalSeconds! * 1000;
  const anchor = spec.anchorAt.getTime();
  const k = Math.max(0, Math.floor((after.getTime() - anchor) / step) + 1);
  return new Date(anchor + k * step);
}

/**
 * The first slot strictly after `after` that lies in [startAt, endAt], or null when none is left.
 *
 * @example
 * nextSlot({ cron: '0 3 * * *', timezone: 'Europe/Berlin', ... }, new Date()) // next 03:00 in Berlin
 */
export function nextSlot(spec: SlotSpec, after: Date): Date | null {
  const from =
    spec.startAt && spec.startAt.getTime() > after.getTime() ? new Date(spec.startAt.getTime() - 1) : after;
  const slot = rawNextSlot(spec, from);
  if (!slot || (spec.endAt && slot.getTime() > spec.endAt.getTime())) return null;
  return slot;
}

/** The next `count` slots after `after` (fewer when the schedule ends). */
export function nextSlots(spec: SlotSpec, after: Date, count: number): Date[] {
  const slots: Date[] = [];
  let cursor = after;
  while (slots.length < count) {
    const slot = nextSlot(spec, cursor);
    if (!slot) break;
    slots.push(slot);
    cursor = slot;
  }
  return slots;
}

export interface FireInput extends SlotSpec {
  /** The first slot not yet fired. */
  nextRunAt: Date;
  catchUpWindowSeconds: number;
  overlap: 'skip' | 'allow';
  /** The task of the previous firing is not finished (only `overlap: 'skip'` looks at it). */
  previousRunning: boolean;
}

export interface FirePlan {
  /** Slots that make a task now, oldest first. */
  slots: Date[];
  /** Slots skipped because the previous slot's task was still running. */
  skippedOverlap: number;
  /** Slots skipped because they were older than the catch-up window. */
  skippedMissed: number;
  /** The first slot not handled by this firing; null when the schedule has no slot left. */
  nextRunAt: Date | null;
}

/**
 * What one firing at `now` does: every due slot (at or before `now`) inside the catch-up window
 * makes a task, up to MAX_SLOTS_PER_FIRE; older ones are skipped and counted. With overlap
 * "skip", the due slots make no task while the previous firing's task is running (they are
 * counted as overlap skips); slots caught up in one firing all run.
 */
export function planFire(input: FireInput, now: Date): FirePlan {
  const cutoff = now.getTime() - input.catchUpWindowSeconds * 1000;
  const plan: FirePlan = { slots: [], skippedOverlap: 0, skippedMissed: 0, nextRunAt: input.nextRunAt };
  let slot: Date | null = input.nextRunAt;
  if (input.endAt && slot.getTime() > input.endAt.getTime()) slot = null;
  while (slot && slot.getTime() < cutoff) {
    if (plan.skippedMissed >= MAX_MISSED_COUNTED) {
      // Far behind (a long outage of a frequent schedule): jump to the window without counting.
      slot = nextSlot(input, new Date(cutoff - 1));
      break;
    }
    plan.skippedMissed += 1;
    slot = nextSlot(input, slot);
  }
  while (slot && slot.getTime() <= now.getTime() && plan.slots.length < MAX_SLOTS_PER_FIRE) {
    plan.slots.push(slot);
    slot = nextSlot(input, slot);
  }
  plan.nextRunAt = slot;
  if (input.overlap === 'skip' && input.previousRunning) {
    plan.skippedOverlap = plan.slots.length;
    plan.slots = [];
  }
  return plan;
}
