import { describe, expect, it } from 'vitest';
import type { AttemptResult } from '../../../shared/tasks/task.ts';
import {
  CLAIM_EARLY_SECONDS,
  classifyClaim,
  exhaustedOutcome,
  nextOutcome,
  releasedOutcome,
} from '../../../shared/tasks/task-policy.ts';
import { claimRow, taskValue } from '../../helpers/task-values.ts';

const MAX_TIMEOUT = 600;

describe('classifyClaim', () => {
  it('hands over the claimed task, with the status it had before', () => {
    const before = taskValue({ status: 'RETRYING', attempts: 1 });
    const claimed = taskValue({ status: 'RUNNING', attempts: 2, leaseGeneration: 2 });
    const outcome = classifyClaim(claimRow(before, { claimed }), MAX_TIMEOUT);
    expect(outcome).toMatchObject({ state: 'claimed', previousStatus: 'RETRYING' });
    expect(outcome.task).toBe(claimed);
  });

  it('keeps a waiting task not due yet for when it is due, and claims within the early margin', () => {
    const waiting = taskValue({ status: 'RETRYING' });
    const early = classifyClaim(claimRow(waiting, { dueInSeconds: 42.5 }), MAX_TIMEOUT);
    expect(early).toMatchObject({ state: 'not_due', dueInSeconds: 42.5, task: waiting });
    // Left alone within the margin means another worker claimed it meanwhile: a duplicate.
    const withinMargin = claimRow(waiting, { dueInSeconds: CLAIM_EARLY_SECONDS });
    expect(classifyClaim(withinMargin, MAX_TIMEOUT).state).toBe('skip');
  });

  it('returns a task whose timeout does not fit the time left, whatever its other state', () => {
    for (const status of ['QUEUED', 'RETRYING', 'RUNNING'] as const) {
      const row = claimRow(taskValue({ status, timeoutSeconds: MAX_TIMEOUT + 1 }), { dueInSeconds: 99 });
      expect(classifyClaim(row, MAX_TIMEOUT).state).toBe('no_time');
    }
    const finished = claimRow(taskValue({ status: 'COMPLETED', timeoutSeconds: MAX_TIMEOUT + 1 }));
    expect(classifyClaim(finished, MAX_TIMEOUT).state).toBe('skip');
  });

  it('waits for a live lease to end, and never reports a negative wait', () => {
    const running = taskValue({ status: 'RUNNING', interruptions: 3, maxInterruptions: 3 });
    const live = classifyClaim(claimRow(running, { leaseEndsInSeconds: 12.25 }), MAX_TIMEOUT);
    expect(live).toMatchObject({ state: 'leased', leaseEndsInSeconds: 12.25 });
    const ended = classifyClaim(claimRow(running, { leaseEndsInSeconds: -3 }), MAX_TIMEOUT);
    expect(ended.leaseEndsInSeconds).toBe(0);
  });

  it('fails a task whose expired lease leaves no interruption, and skips one that has some left', () => {
    const exhausted = taskValue({ status: 'RUNNING', interruptions: 3, maxInterruptions: 3 });
    expect(classifyClaim(claimRow(exhausted, { leaseEndsInSeconds: -1 }), MAX_TIMEOUT).state).toBe(
      'exhausted',
    );
    // Interruptions left but not claimed: another worker reclaimed it in the meantime.
    const reclaimable = taskValue({ status: 'RUNNING', interruptions: 1, maxInterruptions: 3 });
    expect(classifyClaim(claimRow(reclaimable, { leaseEndsInSeconds: -1 }), MAX_TIMEOUT).state).toBe('skip');
  });

  it('acknowledges messages of missing, PENDING and finished tasks', () => {
    expect(classifyClaim(claimRow(null), MAX_TIMEOUT)).toMatchObject({
      state: 'skip',
      task: null,
      previousStatus: null,
    });
    for (const status of ['PENDING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const)
      expect(classifyClaim(claimRow(taskValue({ status })), MAX_TIMEOUT)).toMatchObject({
        state: 'skip',
        previousStatus: status,
      });
  });
});

describe('nextOutcome', () => {
  const running = taskValue({ status: 'RUNNING', attempts: 2, maxAttempts: 3, leaseGeneration: 7 });
  const failed = (permanent?: boolean): AttemptResult => ({
    ok: false,
    durationMs: 15,
    error: { name: 'Error', message: 'boom', ...(permanent ? { permanent } : {}) },
  });

  it('completes a run that succeeded, identified by attempt and lease generation', () => {
    expect(nextOutcome(running, { ok: true, result: { n: 1 }, durationMs: 12 })).toEqual({
      taskId: running.id,
      attempt: 2,
      generation: 7,
      durationMs: 12,
      status: 'COMPLETED',
      result: { n: 1 },
    });
  });

  it('retries a failed attempt after an equal-jitter backoff drawn from the given source', () => {
    // Attempt 2 with base 2: ceiling 4 s, so a draw of 0 waits 2 s and a draw of 1 waits 4 s.
    expect(nextOutcome(running, failed(), () => 0)).toMatchObject({ status: 'RETRYING', retryInSeconds: 2 });
    expect(nextOutcome(running, failed(), () => 1)).toMatchObject({
      status: 'RETRYING',
      retryInSeconds: 4,
      error: { message: 'boom' },
    });
  });

  it('fails the last attempt and any permanent error without a retry', () => {
    const last = taskValue({ ...running, attempts: 3 });
    expect(nextOutcome(last, failed(), () => 0)).toMatchObject({ status: 'FAILED', attempt: 3 });
    expect(nextOutcome(running, failed(true), () => 0)).toMatchObject({
      status: 'FAILED',
      error: { permanent: true },
    });
  });

  it('releases a stopped run under its number, and fails an exhausted one as interrupted', () => {
    expect(releasedOutcome(running, 40, 'shutdown')).toEqual({
      taskId: running.id,
      attempt: 2,
      generation: 7,
      durationMs: 40,
      status: 'QUEUED',
      reason: 'shutdown',
    });
    const exhausted = taskValue({ status: 'RUNNING', attempts: 2, interruptions: 3, maxInterruptions: 3 });
    expect(exhaustedOutcome(exhausted)).toMatchObject({
      status: 'FAILED',
      interrupted: true,
      durationMs: 0,
      error: {
        name: 'TaskInterruptedError',
        message: 'the worker running this task stopped without reporting 4 times (maxInterruptions 3)',
      },
    });
  });
});
