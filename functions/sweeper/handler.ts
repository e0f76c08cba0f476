/**
 * The sweeper Lambda, started by an EventBridge schedule (every few minutes). It fails the
 * invocation when a step failed, so the function's error metric and alarm see it.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger, metrics } from '../../shared/observability.ts';
import { getDatabase, getQueueConfig, getSqs, getSweeperConfig } from '../../shared/process-deps.ts';
import { type SweepResult, sweepOnce } from './sweeper.ts';

/** Left at the end of the invocation for the last statement in flight and the metrics flush. */
const STOP_MARGIN_MS = 10_000;

export const handler = async (_event: ScheduledEvent, context: Context): Promise<SweepResult> => {
  const config = getSweeperConfig();
  try {
    const result = await sweepOnce({
      db: getDatabase(),
      sqs: getSqs(),
      queues: getQueueConfig(),
      config,
      budgetMs: Math.max(0, context.getRemainingTimeInMillis() - STOP_MARGIN_MS),
    });
    logger.info('sweeper: run done', { ...result });
    if (result.errors.length > 0)
      throw new Error(
        `sweeper steps failed: ${result.errors.map((e) => `${e.step}: ${e.error}`).join('; ')}`,
      );
    return result;
  } finally {
    // Guarded: Powertools warns on every flush with nothing to publish.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
