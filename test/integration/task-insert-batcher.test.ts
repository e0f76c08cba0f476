import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Executor, QueryResult, SqlParams } from '../../shared/db/database.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { Priority } from '../../shared/tasks/priority.ts';
import { TaskInsertBatcher } from '../../shared/tasks/store/insert-batcher.ts';
import type { NewTask } from '../../shared/tasks/task.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { createTestTenant, newTaskFixture } from '../helpers/task-fixtures.ts';

const testDb = useTestDatabase();
let db: Database;
let tenantId: string;

beforeAll(async () => {
  db = testDb.db;
  tenantId = await createTestTenant(db);
});

/** Counts the statements that reach the database. */
function counting(inner: Executor): Executor & { statements: number } {
  const wrapper = {
    statements: 0,
    query<Row>(sql: string, params?: SqlParams): Promise<QueryResult<Row>> {
      wrapper.statements += 1;
      return inner.query<Row>(sql, params);
    },
  };
  return wrapper;
}

function newTask(overrides: Partial<NewTask> = {}): NewTask {
  return newTaskFixture(tenantId, overrides);
}

async function countWhere(sql: string, params: SqlParams): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

describe('TaskInsertBatcher', () => {
  it('groups concurrent inserts into fewer statements, each task with its outbox row, event and own outcome', async () => {
    // Prepare
    const counter = counting(db);
    const batcher = new TaskInsertBatcher(counter);
    const tasks = Array.from({ length: 60 }, (_, i) => newTask({ payload: { i } }));

    // Act
    const outcomes = await Promise.all(tasks.map((t) => batcher.insert(t, 10)));

    // Assess
    expect(counter.statements).toBeLessThan(tasks.length / 4);
    expect(outcomes.map((o) => o?.task.id)).toEqual(tasks.map((t) => t.id));
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome).toMatchObject({ created: true, task: { status: 'PENDING', payload: { i } } });
    }
    const ids = tasks.map((t) => t.id);
    expect(
      await countWhere(
        'SELECT count(*)::int AS n FROM outbox WHERE task_id::text IN (SELECT jsonb_array_elements_text(:ids::jsonb))',
        { ids },
      ),
    ).toBe(60);
    expect(
      await countWhere(
        `SELECT count(*)::int AS n FROM task_events WHERE type = 'submitted' AND task_id::text IN (SELECT jsonb_array_elements_text(:ids::jsonb))`,
        { ids },
      ),
    ).toBe(60);
  });

  it('sends a lone insert at once, through one statement', async () => {
    const counter = counting(db);
    const batcher = new TaskInsertBatcher(counter);
    const outcome = await batcher.insert(newTask(), 10);
    expect(outcome?.created).toBe(true);
    expect(counter.statements).toBe(1);
  });

  it('keeps one task per Idempotency-Key when concurrent inserts repeat it, inside one group and across groups', async () => {
    // Prepare: 40 inserts under 4 keys, interleaved, all at once.
    const batcher = new TaskInsertBatcher(db);
    const keys = ['k-a', 'k-b', 'k-c', 'k-d'].map((k) => `${k}-${uuidv7()}`);
    const tasks = Array.from({ length: 40 }, (_, i) =>
      newTask({ idempotencyKey: keys[i % 4]!, requestFingerprint: 'fp' }),
    );

    // Act
    const outcomes = await Promise.all(tasks.map((t) => batcher.insert(t, 10)));

    // Assess: one created per key. Every other outcome is the winner (when the winner had committed
    // before that statement began) or null (it committed while the statement ran; the caller then
    // reads the winner): which of the two depends on timing, never a second task.
    const created = outcomes.filter((o) => o?.created);
    expect(created).toHaveLength(4);
    const winnerByKey = new Map(created.map((o) => [o!.task.idempotencyKey, o!.task.id]));
    const others = outcomes.filter((o) => !o?.created);
    expect(others).toHaveLength(36);
    for (const other of others)
      if (other !== null) expect(other.task.id).toBe(winnerByKey.get(other.task.idempotencyKey));
    for (const key of keys) {
      expect(
        await countWhere(
          'SELECT count(*)::int AS n FROM tasks WHERE tenant_id = :tenantId::uuid AND idempotency_key = :key',
          {
            tenantId,
            key,
          },
        ),
      ).toBe(1);
    }
  });

  it('fails only the task whose row the database refuses; the others of its group are written', async () => {
    // Prepare: a row that violates the priority CHECK, among good ones, so they share a group.
    const batcher = new TaskInsertBatcher(db);
    const tasks = Array.from({ length: 12 }, (_, i) =>
      newTask(i === 5 ? { priority: 'urgent' as Priority } : {}),
    );

    // Act
    const results = await Promise.allSettled(tasks.map((t) => batcher.insert(t, 10)));

    // Assess
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[5]!.status).toBe('rejected');
    const ids = tasks.map((t) => t.id);
    expect(
      await countWhere(
        'SELECT count(*)::int AS n FROM tasks WHERE id::text IN (SELECT jsonb_array_elements_text(:ids::jsonb))',
        { ids },
      ),
    ).toBe(11);
  });
});
