/**
 * What the suite reads from the runtime's database, the source of truth: which tasks are not
 * terminal yet, when each has moved again after a fault, and at the end every task with its
 * event log (the rows `GET /v1/tasks/{id}/events` serves). Read-only; a fault that takes
 * PostgreSQL down makes these calls fail, and the callers retry them.
 */
import pg from 'pg';

const TERMINAL = "('COMPLETED', 'FAILED', 'CANCELLED')";

export interface OpenTasks {
  ids: string[];
  running: number;
}

export interface FinalTask {
  id: string;
  type: string;
  status: string;
  attempts: number;
  lastError: { name?: string; message?: string } | null;
  /** A webhook task's nonce (the receiver counts its calls by it); null for other types. */
  nonce: string | null;
  /** The task's events in order: type, and whether a `started` was a reclaim of an expired lease. */
  events: { type: string; reclaimed: boolean }[];
}

export class DatabaseProbe {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 3000 });
    // An idle connection cut by a PostgreSQL restart must not crash the suite.
    this.pool.on('error', () => undefined);
  }

  /** Tasks not terminal right now (QUEUED, RUNNING, ...), and how many are RUNNING. */
  async openTasks(): Promise<OpenTasks> {
    const { rows } = await this.pool.query<{ id: string; status: string }>(
      `SELECT id, status FROM tasks WHERE status NOT IN ${TERMINAL}`,
    );
    return {
      ids: rows.map((row) => row.id),
      running: rows.filter((row) => row.status === 'RUNNING').length,
    };
  }

  async countRunning(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM tasks WHERE status = 'RUNNING'",
    );
    return Number(rows[0]!.n);
  }

  /**
   * For each of `ids`: when it first made progress after `since` (epoch ms): a `started` event
   * after it, or its finish (at `since` at the earliest); null when it has not yet.
   */
  async progressSince(ids: readonly string[], since: number): Promise<Map<string, number | null>> {
    const { rows } = await this.pool.query<{ id: string; progressed: Date | null }>(
      `SELECT t.id,
              LEAST(
                (SELECT min(e.created_at) FROM task_events e
                  WHERE e.task_id = t.id AND e.type = 'started' AND e.created_at >= $2),
                CASE WHEN t.status IN ${TERMINAL} THEN GREATEST(t.finished_at, $2) END
              ) AS progressed
         FROM tasks t WHERE t.id = ANY($1::uuid[])`,
      [ids, new Date(since)],
    );
    return new Map(rows.map((row) => [row.id, row.progressed?.getTime() ?? null]));
  }

  /** How many tasks exist and how many of them are not terminal. */
  async counts(): Promise<{ total: number; open: number }> {
    const { rows } = await this.pool.query<{ total: string; open: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE status NOT IN ${TERMINAL}) AS open FROM tasks`,
    );
    return { total: Number(rows[0]!.total), open: Number(rows[0]!.open) };
  }

  /** Every task and its event log. */
  async finalTasks(): Promise<FinalTask[]> {
    const { rows: tasks } = await this.pool.query<{
      id: string;
      type: string;
      status: string;
      attempts: number;
      last_error: FinalTask['lastError'];
      nonce: string | null;
    }>(
      "SELECT id, type, status, attempts, last_error, payload->'body'->>'nonce' AS nonce FROM tasks ORDER BY id",
    );
    const { rows: events } = await this.pool.query<{ task_id: string; type: string; reclaimed: boolean }>(
      `SELECT task_id, type, coalesce(detail->>'reclaimed' = 'true', false) AS reclaimed
         FROM task_events ORDER BY task_id, id`,
    );
    const byTask = new Map<string, FinalTask['events']>();
    for (const event of events) {
      const list = byTask.get(event.task_id) ?? [];
      list.push({ type: event.type, reclaimed: event.reclaimed });
      byTask.set(event.task_id, list);
    }
    return tasks.map((task) => ({
      id: task.id,
      type: task.type,
      status: task.status,
      attempts: task.attempts,
      lastError: task.last_error,
      nonce: task.type === 'webhook' ? task.nonce : null,
      events: byTask.get(task.id) ?? [],
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
