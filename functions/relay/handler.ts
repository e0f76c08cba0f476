/**
 * The relay Lambda, started every minute by an EventBridge schedule. It keeps polling the outbox
 * for about a minute (RELAY_LOOP_SECONDS) so that publishing latency is the idle wait, not the
 * schedule's period, and stops early enough to finish before its own timeout.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger, metrics } from '../../shared/observability.ts';
import { getDatabase, getQueueConfig, getRelayConfig, getSqs } from '../../shared/process-deps.ts';
import { type RelayLoopTotals, runRelayLoop } from './relay.ts';

export const handler = async (_event: ScheduledEvent, context: Context): Promise<RelayLoopTotals> => {
  const config = getRelayConfig();
  const { loopSeconds, stopMarginMs, idleWaitMs } = config;
  const deadline = Date.now() + loopSeconds * 1000;
  try {
    const totals = await runRelayLoop(
      { db: getDatabase(), sqs: getSqs(), queues: getQueueConfig(), config },
      {
        idleWaitMs,
        shouldContinue: () => Date.now() < deadline && context.getRemainingTimeInMillis() > stopMarginMs,
      },
    );
    logger.info('relay: invocation done', { ...totals });
    return totals;
  } finally {
    // Guarded: Powertools warns on every flush with nothing to publish.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
