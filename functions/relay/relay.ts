/**
 * The outbox relay: fires due schedules (`shared/schedules/schedule-firing.ts`), then moves due
 * outbox rows to SQS, so a slot's task is published in the round that made it. One round claims due rows of every priority
 * (the claim also marks their tasks QUEUED), sends one message per row to its priority queue,
 * then deletes the rows that were sent and releases the ones that were not, so the next round
 * retries them. Several relays may run at once: claims skip each other's rows.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../../shared/config/queues.ts';
import type { RelayConfig } from '../../shared/config/relay.ts';
import type { Executor } from '../../shared/db/database.ts';
import { coerceError } from '../../shared/errors.ts';
import {
  type AppLogger,
  logger as defaultLogger,
  MetricName,
  MetricUnit,
  metrics,
} from '../../shared/observability.ts';
import { onOutboxRows } from '../../shared/outbox/outbox-signal.ts';
import { type OutgoingMessage, sendMessages } from '../../shared/queue/sqs-publisher.ts';
import { CORRELATION_ID_ATTRIBUTE, serializeTaskMessage } from '../../shared/queue/task-message.ts';
import { fireDueSchedules } from '../../shared/schedules/schedule-firing.ts';
import {
  type ClaimedOutboxRow,
  claimDueOutbox,
  deleteOutboxRows,
  releaseOutboxRows,
} from '../../shared/tasks/store/relay-sql.ts';
import { MAX_SQS_DELAY_SECONDS, OUTBOX_LEAD_SECONDS, type TaskStatus } from '../../shared/tasks/task.ts';

export interface RelayDeps {
  db: Executor;
  sqs: SQSClient;
  queues: QueueConfig;
  config: RelayConfig;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  logger?: AppLogger;
}

export interface RelayRoundResult {
  /** Outbox rows claimed this round. */
  claimed: number;
  /** Messages SQS accepted (their rows are deleted). */
  published: number;
  /** Rows whose task is already running or finished: deleted without a message. */
  skipped: number;
  /** Rows whose send failed: released for the next round. */
  failed: number;
  /** Some queue had a full batch, so more rows are probably waiting: poll again at once. */
  full: boolean;
  /** Tasks made by schedules this round. */
  scheduled: number;
  /** The earliest next slot of any active schedule (epoch ms), to cut the idle wait short. */
  nextScheduleAt: number | null;
}

/**
 * Fires due schedules at the relay's clock. A failure is logged and leaves the outbox round to
 * go on: the claimed schedules are fired again once their claim lease ends.
 */
async function fireSchedules(deps: RelayDeps, now: number) {
  try {
    return await fireDueSchedules(deps.db, new Date(now), {
      limit: deps.config.scheduleBatchSize,
      leaseSeconds: deps.config.claimLeaseSeconds,
      logger: deps.logger,
    });
  } catch (err) {
    (deps.logger ?? defaultLogger).error('relay: firing schedules failed', { error: coerceError(err) });
    return { fired: 0, more: false, nextDueAt: null };
  }
}

/** Statuses whose outbox row needs no message: someone is running the task, or it is over. */
const NO_MESSAGE_NEEDED: readonly TaskStatus[] = ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

/** Seconds until `runAt`, clamped to what SQS accepts (0..900). */
export function delaySecondsFor(runAt: Date, now: number): number {
  return Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil((runAt.getTime() - now) / 1000)));
}

function toMessage(row: ClaimedOutboxRow, now: number, fairQueues: boolean): OutgoingMessage {
  return {
    id: String(row.outboxId),
    body: serializeTaskMessage({
      v: 1,
      taskId: row.taskId,
      attempt: row.attempt,
      tenantId: row.tenantId,
      type: row.type,
      publishedAt: now,
    }),
    delaySeconds: delaySecondsFor(row.runAt, now),
    messageGroupId: fairQueues ? row.tenantId : undefined,
    attributes: { [CORRELATION_ID_ATTRIBUTE]: row.correlationId },
  };
}

/**
 * Runs one relay round.
 *
 * @example
 * const { published, full } = await relayOnce({ db, sqs, queues, config: relayConfig() });
 */
export async function relayOnce(deps: RelayDeps): Promise<RelayRoundResult> {
  const clock = deps.clock ?? Date.now;
  const log = deps.logger ?? defaultLogger;
  const { batchSize, claimLeaseSeconds, fairQueues } = deps.config;

  const schedules = await fireSchedules(deps, clock());
  const scheduleFields = {
    scheduled: schedules.fired,
    nextScheduleAt: schedules.nextDueAt?.getTime() ?? null,
  };
  const rows = await claimDueOutbox(deps.db, batchSize, claimLeaseSeconds);
  if (rows.length === 0)
    return { claimed: 0, published: 0, skipped: 0, failed: 0, full: schedules.more, ...scheduleFields };

  const now = clock();
  const skipped = rows.filter((row) => NO_MESSAGE_NEEDED.includes(row.taskStatus));
  const toSend = rows.filter((row) => !NO_MESSAGE_NEEDED.includes(row.taskStatus));
  const byQueue = Map.groupBy(toSend, (row) => row.queue);
  const sendResults = await Promise.all(
    [...byQueue].map(([queue, queueRows]) =>
      sendMessages(
        deps.sqs,
        deps.queues.urls[queue],
        queueRows.map((row) => toMessage(row, now, fairQueues)),
      ),
    ),
  );
  const failures = sendResults.flatMap((result) => result.failed);
  const failedIds = new Set(failures.map((failure) => Number(failure.id)));
  const sent = toSend.filter((row) => !failedIds.has(row.outboxId));

  for (const failure of failures.slice(0, 10))
    log.warn('relay: send failed; the outbox row is released for the next round', {
      outboxId: failure.id,
      error: failure.error,
    });

  // Deleting before releasing: if the database fails now, sent rows would be re-sent after their
  // lease (harmless duplicates), while released rows are simply retried.
  await deleteOutboxRows(
    deps.db,
    [...sent, ...skipped].map((row) => row.outboxId),
  );
  await releaseOutboxRows(deps.db, [...failedIds]);

  if (sent.length > 0) {
    // Lag: how long a row waited after it became publishable (created, or run_at - the lead).
    const lagMs = Math.max(
      ...sent.map(
        (row) => now - Math.max(row.createdAt.getTime(), row.runAt.getTime() - OUTBOX_LEAD_SECONDS * 1000),
      ),
    );
    metrics.addMetric(MetricName.RelayLag, MetricUnit.Milliseconds, Math.max(0, lagMs));
    metrics.addMetric(MetricName.RelayPublished, MetricUnit.Count, sent.length);
  }

  const perQueue = Map.groupBy(rows, (row) => row.queue);
  const full = schedules.more || [...perQueue.values()].some((queueRows) => queueRows.length >= batchSize);
  return {
    claimed: rows.length,
    published: sent.length,
    skipped: skipped.length,
    failed: failedIds.size,
    full,
    ...scheduleFields,
  };
}

export interface RelayLoopOptions {
  /** Stops the loop (and cuts the idle wait short). */
  signal?: AbortSignal;
  /** Checked before every round; the Lambda handler stops when the invocation's time runs low. */
  shouldContinue?: () => boolean;
  /** Wait after a round that was not full. */
  idleWaitMs: number;
  /**
   * Cut the idle wait short when this process commits new outbox rows (`signalOutboxRows`): the
   * local runtime, where the API runs in the relay's process. A signal raised during a round
   * makes the loop go again at once after it.
   */
  wakeOnSubmit?: boolean;
}

export interface RelayLoopTotals {
  rounds: number;
  published: number;
  skipped: number;
  failed: number;
  errors: number;
}

interface Wakeup {
  /** A signal arrived since the round started. */
  pending: boolean;
  /** Ends the current idle wait, while one runs. */
  wake?: () => void;
}

/** Waits `ms`, or until `signal` aborts, or until `wakeup` is woken (when given). */
function idle(ms: number, signal: AbortSignal | undefined, wakeup?: Wakeup): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted || wakeup?.pending) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      if (wakeup) wakeup.wake = undefined;
      resolve();
    }
    if (wakeup) wakeup.wake = done;
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs relay rounds until `shouldContinue` returns false or `signal` aborts: again at once after a
 * full round, otherwise after `idleWaitMs`. A failed round (database or network down) is logged
 * and followed by the idle wait; its claimed rows are retried when their lease runs out.
 *
 * @example
 * const controller = new AbortController();
 * void runRelayLoop(deps, { signal: controller.signal, idleWaitMs: 500 });
 */
export async function runRelayLoop(deps: RelayDeps, options: RelayLoopOptions): Promise<RelayLoopTotals> {
  const log = deps.logger ?? defaultLogger;
  const shouldContinue = options.shouldContinue ?? (() => true);
  const totals: RelayLoopTotals = { rounds: 0, published: 0, skipped: 0, failed: 0, errors: 0 };
  const woken: Wakeup = { pending: false };
  const stopListening = options.wakeOnSubmit
    ? onOutboxRows(() => {
        woken.pending = true;
        woken.wake?.();
      })
    : () => undefined;
  try {
    while (!options.signal?.aborted && shouldContinue()) {
      totals.rounds += 1;
      woken.pending = false;
      let full = false;
      let failed = false;
      let waitMs = options.idleWaitMs;
      try {
        const round = await relayOnce(deps);
        // Wake for the next schedule slot, so a slot fires within a few milliseconds of its time
        // rather than up to an idle wait late.
        if (round.nextScheduleAt !== null)
          waitMs = Math.min(waitMs, Math.max(0, round.nextScheduleAt - (deps.clock ?? Date.now)()));
        totals.published += round.published;
        totals.skipped += round.skipped;
        totals.failed += round.failed;
        // A round with failed sends (SQS trouble) waits before trying again rather than spinning.
        full = round.full && round.failed === 0;
        failed = round.failed > 0;
      } catch (err) {
        totals.errors += 1;
        failed = true;
        log.error('relay: round failed', { error: coerceError(err) });
      }
      // After a failure the whole idle wait applies, signals or not, so an outage is not hammered.
      if (!full) await idle(failed ? options.idleWaitMs : waitMs, options.signal, failed ? undefined : woken);
    }
  } finally {
    stopListening();
  }
  return totals;
}
