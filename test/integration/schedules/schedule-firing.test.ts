/**
 * Firing schedules with an injected clock: what the relay's schedule step writes, slot by slot,
 * including racing relays, a relay that dies between its claim and its insert, catch-up after
 * downtime, the overlap policy, pause/resume and endAt. No sleeping: every round passes `now`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { taskDefaults } from '../../../shared/config/tasks.ts';
import type { Executor } from '../../../shared/db/database.ts';
import { fireDueSchedules } from '../../../shared/schedules/schedule-firing.ts';
import { claimDueSchedules, fireSchedule } from '../../../shared/schedules/schedule-firing-sql.ts';
import { createScheduleSchema } from '../../../shared/schedules/schedule-schemas.ts';
import {
  createSchedule,
  getSchedule,
  pauseSchedule,
  resumeSchedule,
} from '../../../shared/schedules/schedule-service.ts';
import { forceStatus } from '../../helpers/api.ts';
import { useTestDatabase } from '../../helpers/fixtures.ts';
import { createTestTenant } from '../../helpers/task-fixtures.ts';

const testDb = useTestDatabase();
const OPTIONS = { limit: 50, leaseSeconds: 30 };
const T0 = Date.parse('2030-01-01T00:00:00.500Z');
const at = (ms: number) => new Date(T0 + ms);

async function newSchedule(db: Executor, body: Record<string, unknown>, now = at(0)) {
  const tenantId = await createTestTenant(db);
  const input = createScheduleSchema(taskDefaults({})).parse({
    name: `s-${Math.random().toString(36).slice(2, 8)}`,
    task: { type: 'echo', payload: { hello: 'slot' } },
    ...body,
  });
  const caller = { tenantId, correlationId: 'test', clientId: null };
  const { schedule } = await createSchedule(db, caller, input, null, now);
  return { tenantId, schedule };
}

async function slotTasks(db: Executor, scheduleId: string) {
  const { rows } = await db.query<{
    id: string;
    scheduled_for: Date | string;
    run_at: Date | string;
    type: string;
  }>(
    `SELECT t.id, t.scheduled_for, t.run_at, t.type FROM tasks t
       JOIN outbox o ON o.task_id = t.id
      WHERE t.schedule_id = :scheduleId::uuid ORDER BY t.scheduled_for`,
    { scheduleId },
  );
  return rows.map((row) => ({
    id: row.id,
    slot: new Date(row.scheduled_for).getTime() - T0,
    type: row.type,
  }));
}

describe('fireDueSchedules', () => {
  // Each test's clock starts at T0 again: the schedules of earlier tests would be due as well.
  beforeEach(async () => {
    await testDb.db.query('DELETE FROM schedules');
  });

  it('fires an every-2-seconds cron once per slot over a minute of 250 ms rounds', async () => {
    const { schedule } = await newSchedule(testDb.db, { cron: '*/2 * * * * *', overlap: 'allow' });

    for (let ms = 0; ms <= 60_000; ms += 250) await fireDueSchedules(testDb.db, at(ms), OPTIONS);

    const tasks = await slotTasks(testDb.db, schedule.id);
    // Slots at :02.000, :04.000, ... :60.000 after T0 (= :00.500): 30 of them, each once, each
    // with its outbox row.
    expect(tasks.map((t) => t.slot)).toEqual(Array.from({ length: 30 }, (_, i) => 1500 + i * 2000));
    expect(new Set(tasks.map((t) => t.id)).size).toBe(30);
    const after = await getSchedule(testDb.db, schedule.tenantId, schedule.id);
    expect(after).toMatchObject({ firedCount: 30, skippedMissedCount: 0, skippedOverlapCount: 0 });
    expect(after.lastSlot?.getTime()).toBe(T0 + 59_500);
  });

  it('makes one task per slot when several relays fire at the same moment', async () => {
    const { schedule } = await newSchedule(testDb.db, { cron: '* * * * * *', overlap: 'allow' });

    for (const ms of [3_000, 6_000, 9_000])
      await Promise.all(Array.from({ length: 6 }, () => fireDueSchedules(testDb.db, at(ms), OPTIONS)));

    const tasks = await slotTasks(testDb.db, schedule.id);
    expect(tasks.map((t) => t.slot)).toEqual(Array.from({ length: 9 }, (_, i) => 500 + i * 1000));
  });

  it('a relay that dies between claim and insert delays its slots by the lease, loses none and doubles none', async () => {
    const { schedule } = await newSchedule(testDb.db, {
      intervalSeconds: 5,
      overlap: 'allow',
      catchUpWindowSeconds: 120,
    });
    // The dying relay claims the schedule at its first slot and never fires it.
    const [claimed] = await claimDueSchedules(testDb.db, at(5_000), 10, 30);
    expect(claimed?.id).toBe(schedule.id);

    // Other relays leave it alone while the claim lasts ...
    expect((await fireDueSchedules(testDb.db, at(20_000), OPTIONS)).fired).toBe(0);
    // ... and take it over once it ran out: every slot since, in the catch-up window, once.
    expect((await fireDueSchedules(testDb.db, at(36_000), OPTIONS)).fired).toBe(7);
    // The first relay wakes up and fires what it planned: the schedule moved on, nothing is written.
    const late = await fireSchedule(testDb.db, {
      scheduleId: schedule.id,
      expectedNextRunAt: claimed!.nextRunAt!,
      nextRunAt: at(10_000),
      tasks: [
        {
          id: '01900000-0000-7000-8000-0000000000f1',
          scheduledFor: at(5_000),
          runAt: at(5_000),
          correlationId: 'late',
        },
      ],
      skippedOverlap: 0,
      skippedMissed: 0,
      now: at(5_100),
    });

    expect(late).toEqual({ advanced: false, inserted: [] });
    expect((await slotTasks(testDb.db, schedule.id)).map((t) => t.slot)).toEqual([
      5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000,
    ]);
  });

  it('after 10 minutes down, runs the slots of the last 5 minutes once each and counts the rest as missed', async () => {
    const { schedule } = await newSchedule(testDb.db, {
      cron: '* * * * *',
      catchUpWindowSeconds: 300,
      overlap: 'allow',
    });

    const round = await fireDueSchedules(testDb.db, at(10 * 60_000), OPTIONS);

    // Minute slots at +59.5 s, +119.5 s, ... +599.5 s: the window starts at +300 s.
    expect(round).toMatchObject({ fired: 5, skippedMissed: 5 });
    expect((await slotTasks(testDb.db, schedule.id)).map((t) => t.slot)).toEqual([
      359_500, 419_500, 479_500, 539_500, 599_500,
    ]);
    expect(await getSchedule(testDb.db, schedule.tenantId, schedule.id)).toMatchObject({
      firedCount: 5,
      skippedMissedCount: 5,
    });
  });

  it('with overlap "skip", skips slots while the previous task runs, and fires again once it finished', async () => {
    const { schedule } = await newSchedule(testDb.db, { intervalSeconds: 10 });
    await fireDueSchedules(testDb.db, at(10_000), OPTIONS);
    const [first] = await slotTasks(testDb.db, schedule.id);
    await forceStatus(testDb.db, first!.id, 'RUNNING');

    await fireDueSchedules(testDb.db, at(20_000), OPTIONS);
    await fireDueSchedules(testDb.db, at(30_000), OPTIONS);
    await forceStatus(testDb.db, first!.id, 'COMPLETED');
    await fireDueSchedules(testDb.db, at(40_000), OPTIONS);

    expect((await slotTasks(testDb.db, schedule.id)).map((t) => t.slot)).toEqual([10_000, 40_000]);
    expect(await getSchedule(testDb.db, schedule.tenantId, schedule.id)).toMatchObject({
      firedCount: 2,
      skippedOverlapCount: 2,
      lastTaskStatus: 'PENDING',
    });
  });

  it('fires nothing while paused, and resumes from the first slot after the resume', async () => {
    const { schedule, tenantId } = await newSchedule(testDb.db, { intervalSeconds: 10, overlap: 'allow' });
    await fireDueSchedules(testDb.db, at(10_000), OPTIONS);
    await pauseSchedule(testDb.db, tenantId, schedule.id, at(12_000));

    await fireDueSchedules(testDb.db, at(45_000), OPTIONS);
    const resumed = await resumeSchedule(testDb.db, tenantId, schedule.id, at(45_000));
    await fireDueSchedules(testDb.db, at(50_000), OPTIONS);

    expect(resumed.nextRunAt?.getTime()).toBe(T0 + 50_000);
    expect((await slotTasks(testDb.db, schedule.id)).map((t) => t.slot)).toEqual([10_000, 50_000]);
  });

  it('stops at endAt: no slot after it, and the schedule is finished', async () => {
    const { schedule, tenantId } = await newSchedule(testDb.db, {
      intervalSeconds: 2,
      overlap: 'allow',
      endAt: at(5_000).toISOString(),
    });

    await fireDueSchedules(testDb.db, at(3_000), OPTIONS);
    await fireDueSchedules(testDb.db, at(30_000), OPTIONS);

    expect((await slotTasks(testDb.db, schedule.id)).map((t) => t.slot)).toEqual([2_000, 4_000]);
    expect((await getSchedule(testDb.db, tenantId, schedule.id)).nextRunAt).toBeNull();
  });

  it('makes tasks from the template and spreads their run time by the jitter, not their slot', async () => {
    const { schedule } = await newSchedule(testDb.db, {
      intervalSeconds: 60,
      jitterSeconds: 30,
      task: { type: 'reverse', payload: { text: 'abc' }, priority: 'high', maxAttempts: 2 },
    });

    await fireDueSchedules(testDb.db, at(60_000), { ...OPTIONS, random: () => 0.5 });

    const { rows } = await testDb.db.query(
      'SELECT type, payload::text AS payload, priority, max_attempts, run_at, scheduled_for FROM tasks WHERE schedule_id = :id::uuid',
      { id: schedule.id },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'reverse', priority: 'high', max_attempts: 2 });
    expect(JSON.parse(String(rows[0]!.payload))).toEqual({ text: 'abc' });
    expect(
      new Date(rows[0]!.run_at as string).getTime() - new Date(rows[0]!.scheduled_for as string).getTime(),
    ).toBe(15_000);
  });
});
