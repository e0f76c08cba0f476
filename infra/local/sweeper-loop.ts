/**
 * The sweeper's EventBridge schedule, locally: `sweepOnce` every interval, one run at a time.
 * The first run comes one interval after start, as the first scheduled invocation would.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../../shared/config/queues.ts';
import type { Executor } from '../../shared/db/database.ts';
import { coerceError } from '../../shared/errors.ts';
import type { AppLogger } from '../../shared/observability.ts';
import { getSweeperConfig } from '../../shared/process-deps.ts';

export interface SweeperLoopOptions {
  db: Executor;
  sqs: SQSClient;
  queues: QueueConfig;
  intervalMs: number;
  logger: AppLogger;
}

export interface SweeperLoop {
  /** Cancels the next run and waits for a run in progress. */
  stop(): Promise<void>;
}

export async function startSweeperLoop(options: SweeperLoopOptions): Promise<SweeperLoop> {
  const { sweepOnce } = await import('../../functions/sweeper/sweeper.ts');
  const { logger } = options;
  const config = getSweeperConfig();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      // Each run gets one interval at most, like an invocation that must end before the next.
      const result = await sweepOnce({
        db: options.db,
        sqs: options.sqs,
        queues: options.queues,
        config,
        budgetMs: options.intervalMs,
        logger,
      });
      const changed =
        result.reclaimed + result.expiredFailed + result.republished + result.deadLettered + result.deleted;
      if (changed > 0 || result.errors.length > 0) logger.info('sweeper: run done', { ...result });
    } catch (err) {
      logger.error('sweeper: run failed', { error: coerceError(err) });
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule();
      });
    }, options.intervalMs);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
