/**
 * Weighted isolation (DESIGN section 6): a flood of slow low-priority tasks must not delay a
 * high-priority one, and a graceful stop in the middle of that flood loses nothing and leaves no
 * task RUNNING. Its own file, so the flood shares a runtime with nothing else.
 */
import { describe, expect, it } from 'vitest';
import { useLocalRuntime } from './e2e-fixtures.ts';

const FLOOD = 2000;
const BATCH = 100;

const { database, runtime, api } = useLocalRuntime({
  queuePrefix: `e2e-prio-${Date.now().toString(36)}`,
});

async function countByStatus(): Promise<Record<string, number>> {
  const { rows } = await database.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM tasks GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('priority isolation', () => {
  it('starts a high-priority task within 1 s while 2,000 slow low-priority tasks are waiting', async () => {
    const sleeper = { type: 'sleep', payload: { seconds: 1 }, priority: 'low' };
    const requests = Array.from({ length: FLOOD / BATCH }, () =>
      Array.from({ length: BATCH }, () => sleeper),
    );
    // A few requests at a time, as a client with a small connection pool would send them.
    for (let i = 0; i < requests.length; i += 4) {
      const created = await Promise.all(requests.slice(i, i + 4).map((tasks) => api.submitBatch(tasks)));
      expect(created.flat()).toHaveLength(Math.min(4, requests.length - i) * BATCH);
    }

    const urgent = await api.submit({ type: 'echo', payload: { urgent: true }, priority: 'high' });
    const done = await api.waitForStatus(urgent.id, 'COMPLETED', 10_000);

    const waitedMs = Date.parse(done.startedAt!) - Date.parse(done.createdAt);
    expect(waitedMs, `the high-priority task waited ${waitedMs} ms`).toBeLessThan(1000);
    // The flood really was in the way: nearly all of it was still waiting when the urgent task ran.
    const counts = await countByStatus();
    expect(counts.COMPLETED ?? 0).toBeLessThan(FLOOD / 2);
  });

  it('stops gracefully mid-flood: in-flight tasks finish and none is left RUNNING', async () => {
    expect((await countByStatus()).RUNNING ?? 0).toBeGreaterThan(0);

    const started = Date.now();
    await runtime.stop();

    // In-flight sleeps take 1 s; stopping must not wait for the backlog.
    expect(Date.now() - started).toBeLessThan(10_000);
    const counts = await countByStatus();
    expect(counts.RUNNING ?? 0).toBe(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(FLOOD + 1);
    await expect(fetch(`${runtime.url}/healthz`)).rejects.toThrow();
  });
});
