/**
 * The sweeper's statements, the safety nets no message triggers: reclaim expired leases,
 * republish tasks whose message was lost, fail dead-lettered tasks, delete expired ones. Each
 * writes its `task_events` (and any outbox row) in the same statement. One statement per
 * exported function.
 */

import type { Executor } from '../../db/database.ts';
import { toNumber } from '../../db/rows.ts';
import type { Priority } from '../priority.ts';
import type { TaskStatus } from '../task.ts';
import type { Row } from './rows.ts';

export interface SweptTask {
  taskId: string;
  tenantId: string;
  status: TaskStatus;
  attempt: number;
}

function mapSwept(row: Row): SweptTask {
  return {
    taskId: String(row.id),
    tenantId: String(row.tenant_id),
    status: row.status as TaskStatus,
    attempt: toNumber(row.attempts),
  };
}

/**
 * Tasks RUNNING whose lease expired more than `graceSeconds` ago, which no message brought back
 * to a worker (the message was lost, or is still hidden because its worker died before it could
 * shorten its visibility): an interruption. While interruptions remain, QUEUED again with a new
 * outbox row and the attempt handed back (it runs again under the same number); else FAILED with
 * a `TaskInterruptedError` and `dead_lettered`. Each gets an `interrupted` event.
 */
export async function reclaimExpiredLeases(
  db: Executor,
  graceSeconds: number,
  limit: number,
): Promise<SweptTask[]> {
  const { rows } = await db.query(
    `WITH expired AS (
       SELECT id FROM tasks
        WHERE status = 'RUNNING' AND lease_until < now() - make_interval(secs => :graceSeconds)
        ORDER BY lease_until
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
     ), changed AS (
       UPDATE tasks t
          SET status = CASE WHEN t.interruptions < t.max_interruptions THEN 'QUEUED' ELSE 'FAILED' END,
              interruptions = t.interruptions + 1,
              attempts = CASE WHEN t.interruptions < t.max_interruptions THEN t.attempts - 1 ELSE t.attempts END,
              last_error = CASE WHEN t.interruptions < t.max_interruptions THEN t.last_error
                ELSE jsonb_build_object('name', 'TaskInterruptedError', 'message',
                  format('the worker running this task stopped without reporting %s times (maxInterruptions %s)',
                    t.interruptions + 1, t.max_interruptions)) END,
              finished_at = CASE WHEN t.interruptions < t.max_interruptions THEN NULL ELSE now() END,
              run_at = CASE WHEN t.interruptions < t.max_interruptions THEN now() ELSE t.run_at END,
              lease_until = NULL, updated_at = now()
         FROM expired e
        WHERE t.id = e.id
       RETURNING t.id, t.tenant_id, t.status, t.attempts, t.priority, t.interruptions, t.max_interruptions
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at)
       SELECT id, priority, now() FROM changed WHERE status = 'QUEUED'
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT c.id, c.tenant_id, e.type, e.attempt, e.detail
         FROM changed c
        CROSS JOIN LATERAL (VALUES
          (1, 'interrupted', CASE WHEN c.status = 'QUEUED' THEN c.attempts + 1 ELSE c.attempts END,
              jsonb_build_object('reason', 'lease_expired', 'detectedBy', 'sweeper',
                'interruptions', c.interruptions, 'maxInterruptions', c.max_interruptions)),
          (2, CASE WHEN c.status = 'FAILED' THEN 'dead_lettered' END, c.attempts, NULL::jsonb)
        ) AS e(seq, type, attempt, detail)
        WHERE e.type IS NOT NULL
        ORDER BY c.id, e.seq
     )
     SELECT id, tenant_id, status, attempts FROM changed`,
    { graceSeconds, limit },
  );
  return rows.map(mapSwept);
}

/**
 * QUEUED or RETRYING tasks of one queue, due (and queued) for more than `afterSeconds` with no
 * worker claiming them and no outbox row: their message is presumably gone (a purged queue, an
 * emulator restarted without persistence, retention expiry, or a worker that died between
 * receiving and claiming, which hides the message for the queue's whole visibility timeout). Up
 * to `limit` of them, oldest first, get a new outbox row (the relay sends it) and a `republished`
 * event; a task republished within the last `afterSeconds` is left for its new message. When the
 * old message does still exist, the duplicate is absorbed by the claim.
 */
export async function republishStranded(
  db: Executor,
  options: { queue: Priority; afterSeconds: number; limit: number },
): Promise<SweptTask[]> {
  const { rows } = await db.query(
    `WITH stranded AS (
       SELECT t.id, t.tenant_id, t.status, t.attempts, t.priority FROM tasks t
        WHERE t.status IN ('QUEUED', 'RETRYING') AND t.priority = :queue
          AND t.run_at < now() - make_interval(secs => :afterSeconds)
          AND (t.queued_at IS NULL OR t.queued_at < now() - make_interval(secs => :afterSeconds))
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.task_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.type = 'republished'
                            AND e.created_at > now() - make_interval(secs => :afterSeconds))
        ORDER BY t.run_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at) SELECT id, priority, now() FROM stranded
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'republished', attempts,
              jsonb_build_object('reason', 'not claimed within the republish delay', 'afterSeconds', :afterSeconds::int)
         FROM stranded
     )
     SELECT id, tenant_id, status, attempts FROM stranded`,
    { queue: options.queue, afterSeconds: options.afterSeconds, limit: options.limit },
  );
  return rows.map(mapSwept);
}
export interface DeadLetteredMessage {
  taskId: string;
  /** When the relay published the message (the envelope's `publishedAt`). */
  publishedAt: Date;
}

/**
 * Tasks whose message the SQS redrive policy moved to a DLQ (the worker crashed or timed out
 * `maxReceiveCount` times): QUEUED/RUNNING/RETRYING -> FAILED with a `dead_lettered` event.
 * Tasks already terminal, or PENDING again after a retry, are left alone, and so is a task whose
 * dead letter is older than its current queuing: a task retried through the API (FAILED ->
 * PENDING -> QUEUED again) must not be failed by the message of its previous run, which stays in
 * the DLQ for 14 days. `slackSeconds` absorbs clock
 * skew between the relay (which stamps `publishedAt`) and the database (which sets `queued_at`).
 */
export async function failDeadLetteredMessages(
  db: Executor,
  messages: DeadLetteredMessage[],
  queue: Priority,
  slackSeconds = 60,
): Promise<SweptTask[]> {
  if (messages.length === 0) return [];
  const records = messages.map((m) => ({ id: m.taskId, published_at: m.publishedAt.toISOString() }));
  const { rows } = await db.query(
    `WITH input AS (
       SELECT id, max(published_at) AS published_at
         FROM jsonb_to_recordset(:records::jsonb) AS x(id uuid, published_at timestamptz)
        GROUP BY id
     ), changed AS (
       UPDATE tasks t
          SET status = 'FAILED', finished_at = now(), lease_until = NULL, updated_at = now(),
              last_error = COALESCE(t.last_error, jsonb_build_object('name', 'DeadLetteredError',
                'message', 'the message reached the dead-letter queue after too many receives'))
         FROM input i
        WHERE t.id = i.id AND t.status IN ('QUEUED', 'RUNNING', 'RETRYING')
          AND (t.queued_at IS NULL OR t.queued_at <= i.published_at + make_interval(secs => :slackSeconds))
       RETURNING t.id, t.tenant_id, t.status, t.attempts
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'dead_lettered', attempts, jsonb_build_object('source', 'redrive-policy', 'queue', :queue::text)
         FROM changed
     )
     SELECT id, tenant_id, status, attempts FROM changed`,
    { records, queue, slackSeconds },
  );
  return rows.map(mapSwept);
}

/**
 * Deletes up to `limit` terminal tasks finished more than `retentionSeconds` ago, oldest id first,
 * with their events and any outbox row (no foreign keys cascade them).
 * A task finished after it was created, and its UUIDv7 id carries its creation time, so only ids
 * below the UUIDv7 of the cutoff (plus a day for clock skew between the API and the database) can
 * qualify: the primary key bounds the scan, and no index on finished_at is needed.
 */
export async function deleteExpiredTasks(
  db: Executor,
  retentionSeconds: number,
  limit: number,
): Promise<number> {
  const { rows } = await db.query(
    `WITH bound AS (
       SELECT lpad(to_hex(floor(EXTRACT(EPOCH FROM now() - make_interval(secs => :retentionSeconds)
                + interval '1 day') * 1000)::bigint), 12, '0') AS hex
     )
     , removed AS (
       DELETE FROM tasks WHERE id IN (
         SELECT t.id FROM tasks t, bound b
          WHERE t.id < (substr(b.hex, 1, 8) || '-' || substr(b.hex, 9, 4) || '-7000-8000-000000000000')::uuid
            AND t.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
            AND t.finished_at < now() - make_interval(secs => :retentionSeconds)
          ORDER BY t.id
          LIMIT :limit
          FOR UPDATE OF t SKIP LOCKED)
       RETURNING id
     ), removed_events AS (
       DELETE FROM task_events e USING removed r WHERE e.task_id = r.id
     ), removed_outbox AS (
       DELETE FROM outbox o USING removed r WHERE o.task_id = r.id
     )
     SELECT count(*)::int AS n FROM removed`,
    { retentionSeconds, limit },
  );
  return toNumber(rows[0]?.n ?? 0);
}
