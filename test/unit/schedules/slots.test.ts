import { describe, expect, it } from 'vitest';
import {
  cronProblem,
  isKnownTimeZone,
  nextSlots,
  planFire,
  type SlotSpec,
} from '../../../shared/schedules/slots.ts';

const cron = (pattern: string, timezone: string): SlotSpec => ({
  cron: pattern,
  intervalSeconds: null,
  timezone,
  anchorAt: new Date(0),
  startAt: null,
  endAt: null,
});
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('nextSlots across DST', () => {
  it('Europe/Berlin spring forward: 02:30 (in the skipped hour) runs once, at 03:00 CEST', () => {
    const slots = nextSlots(cron('30 2 * * *', 'Europe/Berlin'), new Date('2026-03-28T00:00:00Z'), 3);

    expect(iso(slots)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: the first valid time after the gap
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('Europe/Berlin fall back: 02:30 (which happens twice) runs once, on its first occurrence', () => {
    const slots = nextSlots(cron('30 2 * * *', 'Europe/Berlin'), new Date('2026-10-24T00:00:00Z'), 3);

    expect(iso(slots)).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, not again at 02:30 CET
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('America/New_York spring forward and fall back behave the same way', () => {
    expect(
      iso(nextSlots(cron('30 2 * * *', 'America/New_York'), new Date('2026-03-07T00:00:00Z'), 3)),
    ).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-09T06:30:00.000Z',
    ]);
    expect(
      iso(nextSlots(cron('30 1 * * *', 'America/New_York'), new Date('2026-10-31T12:00:00Z'), 2)),
    ).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT, the first of the two
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('an hourly-or-faster pattern follows elapsed time through the repeated hour', () => {
    const slots = nextSlots(cron('*/30 * * * *', 'Europe/Berlin'), new Date('2026-10-24T23:45:00Z'), 6);

    expect(iso(slots)).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });
});

describe('interval slots', () => {
  it('are anchor + k * interval, from startAt on, and none after endAt', () => {
    const spec: SlotSpec = {
      cron: null,
      intervalSeconds: 90,
      timezone: 'UTC',
      anchorAt: new Date('2030-01-01T00:00:00Z'),
      startAt: new Date('2030-01-01T00:00:00Z'),
      endAt: new Date('2030-01-01T00:04:30Z'),
    };

    expect(iso(nextSlots(spec, new Date('2029-12-31T00:00:00Z'), 10))).toEqual([
      '2030-01-01T00:00:00.000Z',
      '2030-01-01T00:01:30.000Z',
      '2030-01-01T00:03:00.000Z',
      '2030-01-01T00:04:30.000Z',
    ]);
  });
});

describe('planFire', () => {
  it('caps one firing at 100 slots and leaves the rest due', () => {
    const plan = planFire(
      {
        ...cron('* * * * * *', 'UTC'),
        nextRunAt: new Date('2030-01-01T00:00:00Z'),
        catchUpWindowSeconds: 86_400,
        overlap: 'allow',
        previousRunning: false,
      },
      new Date('2030-01-01T00:10:00Z'),
    );

    expect(plan.slots).toHaveLength(100);
    expect(plan.nextRunAt?.toISOString()).toBe('2030-01-01T00:01:40.000Z');
  });
});

describe('input checks', () => {
  it('accepts 5 or 6 fields and names what is wrong otherwise', () => {
    expect(cronProblem('0 3 * * *')).toBeUndefined();
    expect(cronProblem('*/2 * * * * *')).toBeUndefined();
    expect(cronProblem('* * * *')).toMatch(/5 fields/);
    expect(cronProblem('61 * * * *')).toMatch(/minute/);
  });

  it('knows IANA time zones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
