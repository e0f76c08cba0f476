/**
 * The relay's statements: claim due outbox rows (moving their tasks to QUEUED), delete or release
 * them, measure the backlog. The store is split by actor, not by table: other modules write
 * outbox rows too (submit, API retry, sweeper).
 *
 * Rows are claimed with a lease (`claimed_until`) rather than a held lock, so several relays can
 * run at once: each claims different rows through `FOR UPDATE SKIP LOCKED`, and a relay that dies
 * mid-batch leaves rows that become claimable again when the lease runs out (the task is then
 * published twice, which the worker's compare-and-set claim makes harmless).
 */
import type { Executor } from '../../db/database.ts';
import { toDate, toNumber } from '../../db/rows.ts';
import { PRIORITIES, type Priority } from '../priority.ts';
import type { TaskStatus } from '../task.ts';

export interface ClaimedOutboxRow {
  outboxId: number;
  taskId: string;
  tenantId: string;
  queue: Priority;
  type: string;
  runAt: Date;
  attempt: number;
  correlationId: string;
  /** The task's status when claimed: rows of RUNNING or terminal tasks need no message. */
  taskStatus: TaskStatus;
  /** When the outbox row was written: the relay's lag is now minus the later of this and its due time. */
  createdAt: Date;
}

/**
 * Claims up to `perQueueLimit` due rows of each queue (so a flood in one priority cannot delay
 * another's publishing), leases them for `leaseSeconds`, and moves their PENDING tasks to QUEUED
 * with a `queued` event, all in one statement. Marking QUEUED before the send is safe: if the
 * send fails the row stays and is published again when its lease ends.
 */
export async function claimDueOutbox(
  db: Executor,
  perQueueLimit: number,
  leaseSeconds: number,
): Promise<ClaimedOutboxRow[]> {
  const dueForQueue = (queue: Priority) => `
    due_${queue} AS (
      SELECT id FROM outbox
       WHERE queue = '${queue}' AND available_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
       ORDER BY available_at, id
       LIMIT :perQueueLimit
       FOR UPDATE SKIP LOCKED
    )`;
  const { rows } = await db.query(
    `WITH ${PRIORITIES.map(dueForQueue).join(',')},
     due AS (${PRIORITIES.map((q) => `SELECT id FROM due_${q}`).join(' UNION ALL ')}),
     claimed AS (
       UPDATE outbox o SET claimed_until = now() + make_interval(secs => :leaseSeconds)
         FROM due d WHERE o.id = d.id
       RETURNING o.id, o.task_id, o.queue, o.created_at
     ), queued AS (
       UPDATE tasks t SET status = 'QUEUED', queued_at = now(), updated_at = now()
         FROM claimed c WHERE t.id = c.task_id AND t.status = 'PENDING'
       RETURNING t.id, t.tenant_id, t.attempts
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt)
       SELECT id, tenant_id, 'queued', attempts FROM queued
     )
     SELECT c.id AS outbox_id, c.task_id, c.queue, c.created_at, t.tenant_id, t.type, t.run_at, t.attempts,
            t.correlation_id, t.status
       FROM claimed c JOIN tasks t ON t.id = c.task_id
      ORDER BY c.id`,
    { perQueueLimit, leaseSeconds },
  );
  return rows.map((row) => ({
    outboxId: toNumber(row.outbox_id),
    taskId: String(row.task_id),
    tenantId: String(row.tenant_id),
    queue: row.queue as Priority,
    type: String(row.type),
    runAt: toDate(row.run_at),
    attempt: toNumber(row.attempts),
    correlationId: String(row.correlation_id),
    taskStatus: row.status as TaskStatus,
    createdAt: toDate(row.created_at),
  }));
}

/** Removes published rows. */
export async function deleteOutboxRows(db: Executor, outboxIds: number[]): Promise<number> {
  if (outboxIds.length === 0) return 0;
  const { rowCount } = await db.query(
    'DELETE FROM outbox WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text(:ids::jsonb))',
    { ids: outboxIds },
  );
  return rowCount;
}

/** Releases rows whose send failed, so the next poll retries them at once. */
export async function releaseOutboxRows(db: Executor, outboxIds: number[]): Promise<number> {
  if (outboxIds.length === 0) return 0;
  const { rowCount } = await db.query(
    'UPDATE outbox SET claimed_until = NULL WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text(:ids::jsonb))',
    { ids: outboxIds },
  );
  return rowCount;
}

/** Rows due now and not yet published, and the age of the oldest, for metrics and health. */
export async function outboxBacklog(db: Executor): Promise<{ due: number; oldestAgeSeconds: number }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS due, COALESCE(EXTRACT(EPOCH FROM now() - min(available_at)), 0)::float8 AS oldest
       FROM outbox WHERE available_at <= now()`,
  );
  return { due: toNumber(rows[0]?.due ?? 0), oldestAgeSeconds: toNumber(rows[0]?.oldest ?? 0) };
}
