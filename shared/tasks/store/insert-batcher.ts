/**
 * Groups concurrent single-task inserts into one statement ("natural batching", as a database
 * groups concurrent commits): while `MAX_IN_FLIGHT` insert statements are running, new tasks wait,
 * and as soon as one finishes every waiting task goes out in the next statement. A task that
 * arrives while fewer statements are running goes out at once, alone, through the very statement
 * an unbatched submit uses, so an idle process (and a Lambda instance, which serves one request at
 * a time) adds no delay and sees no change. Under load, N concurrent submits cost one round trip,
 * one transaction and one run of the counting triggers instead of N.
 *
 * Each task keeps its own outcome: an Idempotency-Key conflict skips only that task (the caller
 * then reads the existing one), and if a grouped statement fails, every task of it is retried on
 * its own, so one bad row can never fail another request (unless the database was unreachable:
 * then every task of the group gets that error, and none is inserted twice).
 *
 * No SQL here: a detail of the submit path, whose statements are in `submit-sql.ts`.
 */
import { type Executor, isDatabaseUnavailable } from '../../db/database.ts';
import type { NewTask } from '../task.ts';
import { type InsertOutcome, insertTask, insertTasksEach } from './submit-sql.ts';

/** Statements running at once before tasks start to wait and group. */
const MAX_IN_FLIGHT = 2;
/** Tasks in one grouped statement at most. */
const MAX_GROUP_TASKS = 100;
/** Payload bytes in one grouped statement at most (the Data API takes 4 MiB per request). */
const MAX_GROUP_BYTES = 1024 * 1024;

interface Waiting {
  task: NewTask;
  bytes: number;
  resolve(outcome: InsertOutcome | null): void;
  reject(err: unknown): void;
}

export class TaskInsertBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly db: Executor) {}

  /** Like `insertTask`: the outcome, or null when a task with the same key already exists. */
  insert(task: NewTask, payloadBytes: number): Promise<InsertOutcome | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, bytes: payloadBytes, resolve, reject });
      if (this.inFlight < MAX_IN_FLIGHT) this.flush();
    });
  }

  private async run(statement: Promise<void>): Promise<void> {
    this.inFlight += 1;
    try {
      await statement;
    } finally {
      this.inFlight -= 1;
      if (this.waiting.length > 0) this.flush();
    }
  }

  private flush(): void {
    const group: Waiting[] = [];
    let bytes = 0;
    while (this.waiting.length > 0 && group.length < MAX_GROUP_TASKS) {
      const next = this.waiting[0]!;
      if (group.length > 0 && bytes + next.bytes > MAX_GROUP_BYTES) break;
      group.push(this.waiting.shift()!);
      bytes += next.bytes;
    }
    if (group.length === 0) return;
    void this.run(this.insertGroup(group));
  }

  private async insertGroup(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await insertTask(this.db, only!.task).then(only!.resolve, only!.reject);
      return;
    }
    let outcomes: (InsertOutcome | null)[];
    try {
      outcomes = await insertTasksEach(
        this.db,
        group.map((w) => w.task),
      );
    } catch (err) {
      // An unreachable database fails every task alike, and a grouped statement whose connection
      // broke may have committed: inserting its tasks again one by one could create them twice.
      if (isDatabaseUnavailable(err)) {
        for (const w of group) w.reject(err);
        return;
      }
      // One at a time: each request gets the outcome (or error) its own task would have had.
      await Promise.all(group.map((w) => insertTask(this.db, w.task).then(w.resolve, w.reject)));
      return;
    }
    group.forEach((w, i) => {
      w.resolve(outcomes[i] ?? null);
    });
  }
}

const batchers = new WeakMap<Executor, TaskInsertBatcher>();

/** The batcher of `db` (one per database handle, so tests with their own databases stay apart). */
function taskInsertBatcher(db: Executor): TaskInsertBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new TaskInsertBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * What a single submit calls: `insertTask`, grouped with the inserts running concurrently on the
 * same database handle. Null when a task with the same key already exists.
 */
export function insertTaskBatched(db: Executor, task: NewTask): Promise<InsertOutcome | null> {
  return taskInsertBatcher(db).insert(task, JSON.stringify(task.payload ?? null).length);
}
