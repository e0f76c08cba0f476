import type { ClaimRow, Task } from '../../shared/tasks/task.ts';

/** A task as the store returns it, in memory only (for unit tests: no database). */
export function taskValue(overrides: Partial<Task> = {}): Task {
  const now = new Date('2030-01-01T00:00:00.000Z');
  return {
    id: '0190a000-0000-7000-8000-000000000001',
    tenantId: '0190a000-0000-7000-8000-0000000000aa',
    type: 'echo',
    payload: { hello: 'world' },
    priority: 'medium',
    status: 'QUEUED',
    idempotencyKey: null,
    clientId: null,
    correlationId: 'corr-1',
    runAt: now,
    attempts: 0,
    maxAttempts: 3,
    interruptions: 0,
    maxInterruptions: 3,
    backoffBaseSeconds: 2,
    backoffCapSeconds: 60,
    timeoutSeconds: 30,
    leaseUntil: null,
    leaseGeneration: 0,
    result: null,
    lastError: null,
    createdAt: now,
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
    scheduleId: null,
    scheduledFor: null,
    ...overrides,
  };
}

/** A row of the claim statement for `before`, left alone by its guard unless `claimed` is given. */
export function claimRow(before: Task | null, timings: Partial<ClaimRow> = {}): ClaimRow {
  return {
    taskId: before?.id ?? '0190a000-0000-7000-8000-0000000000ff',
    before,
    claimed: null,
    dueInSeconds: 0,
    leaseEndsInSeconds: 0,
    ...timings,
  };
}
