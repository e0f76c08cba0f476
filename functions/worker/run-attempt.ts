/**
 * Runs one claimed attempt of a task. `runClaimed` keeps the attempt's lease and message alive
 * with a heartbeat while it runs and turns its result into the outcome to record; `runAttempt`
 * looks up the task's type, re-validates the payload (the row may predate a schema change, or
 * have been written by something other than the API), and runs the handler under the task's
 * timeout. Neither throws: the outcome says how the attempt ended.
 */
import {
  coerceError,
  isPermanentTaskError,
  PermanentTaskError,
  TaskTimeoutError,
} from '../../shared/errors.ts';
import { type AppLogger, MetricName, MetricUnit, metrics } from '../../shared/observability.ts';
import { changeVisibility } from '../../shared/queue/message-visibility.ts';
import { extendLease } from '../../shared/tasks/store/worker-sql.ts';
import type { AttemptOutcome, AttemptResult, Task, TaskError } from '../../shared/tasks/task.ts';
import { nextOutcome, releasedOutcome } from '../../shared/tasks/task-policy.ts';
import { WorkerStoppedError } from './attempt-stop.ts';
import { type Delivery, queueOf, type WorkerDeps } from './batch-context.ts';
import { LEASE_SKEW_SECONDS } from './batch-plan.ts';
import { startHeartbeat } from './heartbeat.ts';
import { findTaskType } from './task-types/index.ts';

/** Error text stored on the task and sent with dead letters is cut to this length. */
const MAX_ERROR_MESSAGE_LENGTH = 2000;
/** Largest result stored, as large as the largest payload (results are read back like payloads). */
const MAX_RESULT_BYTES = 256 * 1024;

export function toTaskError(thrown: unknown): TaskError {
  const err = coerceError(thrown);
  const permanent = isPermanentTaskError(err);
  return {
    name: err.name,
    message: err.message.slice(0, MAX_ERROR_MESSAGE_LENGTH),
    ...(permanent ? { permanent: true } : {}),
  };
}

/**
 * Runs a claimed attempt with a heartbeat, and turns its result into the outcome to record:
 * COMPLETED, FAILED (permanent error or last attempt), RETRYING after a backoff, or QUEUED
 * (released) when a forced stop cut it short.
 */
export async function runClaimed(
  delivery: Delivery,
  task: Task,
  log: AppLogger,
  deps: WorkerDeps,
): Promise<AttemptOutcome> {
  const clock = deps.clock ?? Date.now;
  const { heartbeatSeconds, leaseMarginSeconds } = deps.config;
  const queue = queueOf(deps.queues, delivery, task);
  const leaseLost = new AbortController();
  const deadline = clock() + task.timeoutSeconds * 1000;
  const run = { taskId: task.id, attempt: task.attempts, generation: task.leaseGeneration };

  // Keeps the lease and the message's visibility at the attempt's deadline plus the margin (the
  // claim set both; a beat restores them should that visibility change have failed), and notices
  // when another worker has taken the attempt over.
  const heartbeat = startHeartbeat(heartbeatSeconds * 1000, async () => {
    const seconds = Math.ceil(Math.max(0, deadline - clock()) / 1000) + leaseMarginSeconds;
    const [stillOurs] = await Promise.all([
      extendLease(deps.db, run, seconds),
      queue
        ? changeVisibility(deps.sqs, [
            {
              id: delivery.record.messageId,
              queueUrl: queue.url,
              receiptHandle: delivery.record.receiptHandle,
              seconds: seconds + LEASE_SKEW_SECONDS,
            },
          ])
        : undefined,
    ]).catch((err: unknown) => {
      log.warn('worker: heartbeat failed', { error: coerceError(err) });
      return [true];
    });
    if (!stillOurs) {
      log.warn('worker: lease lost to another worker; stopping the attempt');
      leaseLost.abort(new Error('the attempt was taken over by another worker (lease lost)'));
    }
  });

  const stop = deps.stop ? AbortSignal.any([leaseLost.signal, deps.stop]) : leaseLost.signal;
  try {
    const result = await runAttempt(task, { logger: log, stop, clock });
    metrics.addMetric(MetricName.TaskDuration, MetricUnit.Milliseconds, result.durationMs);
    if (!result.ok && deps.stop?.aborted && !leaseLost.signal.aborted) {
      const reason = deps.stop.reason instanceof WorkerStoppedError ? 'shutdown' : 'stopped';
      return releasedOutcome(task, result.durationMs, reason);
    }
    return nextOutcome(task, result, deps.random);
  } finally {
    heartbeat.stop();
  }
}

/** Rejects with the signal's reason once it aborts; never settles otherwise. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Runs `task` (already claimed: `task.attempts` is this attempt's number).
 *
 * The handler gets an AbortSignal that aborts at `timeoutSeconds` or when `stop` aborts (the
 * attempt's lease was lost). The handler is also raced against that signal, so one that ignores
 * it still ends the attempt on time, with a retryable `TaskTimeoutError`.
 */
export async function runAttempt(
  task: Task,
  options: { logger: AppLogger; stop?: AbortSignal; clock?: () => number },
): Promise<AttemptResult> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const elapsed = () => Math.max(0, clock() - started);

  const taskType = findTaskType(task.type);
  if (!taskType)
    return {
      ok: false,
      error: toTaskError(new PermanentTaskError(`unknown task type "${task.type}"`)),
      durationMs: elapsed(),
    };
  const parsed = taskType.payloadSchema.safeParse(task.payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`,
    );
    return {
      ok: false,
      error: toTaskError(
        new PermanentTaskError(`payload is not valid for "${task.type}": ${issues.join('; ')}`),
      ),
      durationMs: elapsed(),
    };
  }

  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new TaskTimeoutError(task.timeoutSeconds)),
    task.timeoutSeconds * 1000,
  );
  const signal = options.stop ? AbortSignal.any([timeout.signal, options.stop]) : timeout.signal;
  try {
    const result = await Promise.race([
      // Deferred so that a handler throwing synchronously is caught like a rejection.
      Promise.resolve().then(() =>
        taskType.handler(parsed.data, {
          taskId: task.id,
          tenantId: task.tenantId,
          attempt: task.attempts,
          maxAttempts: task.maxAttempts,
          correlationId: task.correlationId,
          signal,
          logger: options.logger,
        }),
      ),
      rejectOnAbort(signal),
    ]);
    return { ok: true, result: toJsonResult(result), durationMs: elapsed() };
  } catch (err) {
    return { ok: false, error: toTaskError(err), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/** The result is stored as jsonb: `undefined` becomes null, and a value JSON cannot hold fails for good. */
function toJsonResult(result: unknown): unknown {
  if (result === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch (err) {
    throw new PermanentTaskError(`the handler's result is not JSON: ${coerceError(err).message}`);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_RESULT_BYTES)
    throw new PermanentTaskError(`the handler's result is ${bytes} bytes; the limit is ${MAX_RESULT_BYTES}`);
  return JSON.parse(text);
}
