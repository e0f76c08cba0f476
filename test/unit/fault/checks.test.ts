import { describe, expect, it } from 'vitest';
import { evaluate, type Recovery } from '../../fault/checks.ts';
import type { ResponseRecord } from '../../fault/client.ts';
import type { FinalTask } from '../../fault/database-probe.ts';
import type { FaultWindow } from '../../fault/faults.ts';
import type { AcceptedTask, LoadResult } from '../../fault/load.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const END = T0 + 10_000;

const events = (...types: string[]) => types.map((type) => ({ type, reclaimed: false }));
const completed = (id: string, type = 'echo'): FinalTask => ({
  id,
  type,
  status: 'COMPLETED',
  attempts: 1,
  lastError: null,
  nonce: type === 'webhook' ? `n-${id}` : null,
  events: events('submitted', 'queued', 'started', 'succeeded'),
});

function load(accepted: AcceptedTask[], extra: Partial<LoadResult> = {}): LoadResult {
  return {
    accepted: new Map(accepted.map((task) => [task.id, task])),
    requests: accepted.length,
    keyedRequests: 0,
    rejected: [],
    retried: 0,
    repeats: 0,
    repeatMismatches: [],
    startedAt: T0,
    endedAt: END + 5000,
    ...extra,
  };
}

const response = (sentAt: number, status: number, extra: Partial<ResponseRecord> = {}): ResponseRecord => ({
  route: 'single',
  sentAt,
  at: sentAt + 20,
  status,
  edgeChecked: true,
  retryAfter: null,
  ...extra,
});

const window: FaultWindow = {
  startedAt: T0 + 5000,
  endedAt: END,
  open: { ids: ['a'], running: 1 },
  measures: {},
  checks: [],
};
const recovered: Recovery = { seconds: 12, notRecovered: 0, waitedSeconds: 20 };

function run(overrides: Partial<Parameters<typeof evaluate>[0]> = {}) {
  const result = evaluate({
    window,
    load: load([
      { id: 'a', type: 'echo', nonce: 'n-a' },
      { id: 'b', type: 'webhook', nonce: 'n-b' },
    ]),
    tasks: [completed('a'), completed('b', 'webhook')],
    responses: [response(T0, 202), response(END + 100, 202)],
    webhookCalls: new Map([['n-b', 1]]),
    recovery: recovered,
    bounds: { tasks: 40 },
    ...overrides,
  });
  const failed = result.checks.filter((check) => !check.ok).map((check) => check.name);
  return { ...result, failed };
}

describe('fault suite checks', () => {
  it('pass when every accepted task completed once and recovery met its bound', () => {
    const { failed, counts, measures } = run();

    expect(failed).toEqual([]);
    expect(counts).toMatchObject({ accepted: 2, lost: 0, stuck: 0, doubleCompleted: 0, failed: 0 });
    expect(measures.apiRecoverySeconds).toBe(0.1);
  });

  it('count an accepted task missing from the database as lost', () => {
    const { failed, counts, samples } = run({ tasks: [completed('b', 'webhook')] });

    expect(counts.lost).toBe(1);
    expect(samples.lost).toEqual(['a']);
    expect(failed).toContain('nothing accepted is lost');
  });

  it('count a task left RUNNING as stuck, and unacknowledged tasks apart', () => {
    const running: FinalTask = {
      ...completed('c'),
      status: 'RUNNING',
      events: events('submitted', 'started'),
    };
    const { failed, counts } = run({ tasks: [completed('a'), completed('b', 'webhook'), running] });

    expect(counts).toMatchObject({ stuck: 1, unacknowledged: 1, lost: 0 });
    expect(failed).toEqual(['every task terminal at the end']);
  });

  it('count two succeeded events as a double completion', () => {
    const twice = { ...completed('a'), events: events('started', 'succeeded', 'started', 'succeeded') };
    const { failed, counts } = run({ tasks: [twice, completed('b', 'webhook')] });

    expect(counts.doubleCompleted).toBe(1);
    expect(failed).toContain('no task completed twice');
  });

  it('tell two owners of one task from a reclaim of an expired lease', () => {
    const overlapping = { ...completed('a'), events: events('started', 'started', 'succeeded') };
    const reclaimed = {
      ...completed('a'),
      events: [...events('started'), { type: 'started', reclaimed: true }, ...events('succeeded')],
    };

    expect(run({ tasks: [overlapping, completed('b', 'webhook')] }).counts.overlappingClaims).toBe(1);
    expect(run({ tasks: [reclaimed, completed('b', 'webhook')] }).counts.overlappingClaims).toBe(0);
  });

  it('report tasks that ended FAILED with the error that ended them', () => {
    const failedTask: FinalTask = {
      ...completed('a', 'fail'),
      status: 'FAILED',
      lastError: { name: 'LeaseExpiredError', message: 'lease expired' },
    };
    const { failed, counts, failedReasons } = run({ tasks: [failedTask, completed('b', 'webhook')] });

    expect(counts.failed).toBe(1);
    expect(failedReasons).toEqual({ 'FAILED LeaseExpiredError': 1 });
    expect(failed).toEqual(['no task failed by the fault']);
  });

  it('flag a webhook executed more often than claimed, or completed without a call', () => {
    expect(run({ webhookCalls: new Map([['n-b', 2]]) }).counts.webhookMismatches).toBe(1);
    expect(run({ webhookCalls: new Map() }).counts.webhookMismatches).toBe(1);
  });

  it('count the calls of a task submitted twice without a key (its answer lost) against both tasks', () => {
    // The second task was committed, its answer lost, and the unkeyed request sent again.
    const resent = { ...completed('c', 'webhook'), nonce: 'n-b' };
    const { counts } = run({
      tasks: [completed('a'), completed('b', 'webhook'), resent],
      webhookCalls: new Map([['n-b', 2]]),
    });
    expect(counts.webhookMismatches).toBe(0);
    expect(counts.unacknowledged).toBe(1);
  });

  it('fail on a 500 and on a 503 without Retry-After, not on a 503 with it', () => {
    const { failed, counts } = run({
      responses: [
        response(T0, 500),
        response(T0 + 1, 503),
        response(T0 + 2, 503, { retryAfter: '1' }),
        response(END + 100, 202),
      ],
    });

    expect(counts).toMatchObject({ serverErrors: 1, unavailableWithoutRetryAfter: 1 });
    expect(counts.statuses).toEqual({ '202': 1, '500': 1, '503': 2 });
    expect(failed).toEqual(['no 5xx other than 503', 'every 503 has Retry-After']);
  });

  it('fail recovery past its bound, or never reached, naming what did not recover', () => {
    const late = run({ recovery: { seconds: 41, notRecovered: 0, waitedSeconds: 50 } });
    const never = run({ recovery: { seconds: null, notRecovered: 1, waitedSeconds: 60 } });

    expect(late.failed).toEqual(['recovery of every task open at the fault within 40 s']);
    expect(never.checks.find((check) => !check.ok)?.detail).toBe('1 of 1 not recovered within 60 s');
  });

  it('measure edge recovery from the first edge-checked submit after the fault', () => {
    const { failed, measures, counts } = run({
      responses: [
        response(T0, 202),
        response(END + 100, 202, { edgeChecked: false }),
        response(END + 3000, 202),
      ],
      bounds: { tasks: 40, edge: 2 },
    });

    expect(measures).toMatchObject({ apiRecoverySeconds: 0.1, edgeRecoverySeconds: 3 });
    expect(counts.edgeSkipped).toBe(1);
    expect(failed).toEqual(['edge checks back within 2 s']);
  });

  it('fail when a repeated keyed request got other tasks back', () => {
    const { failed } = run({
      load: load([{ id: 'a', type: 'echo', nonce: 'n-a' }], {
        repeatMismatches: [{ key: 'k', first: ['a'], again: ['z'] }],
      }),
      tasks: [completed('a')],
    });

    expect(failed).toEqual(['one task per Idempotency-Key']);
  });
});
