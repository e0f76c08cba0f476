/**
 * The relay Lambda, started every minute by an EventBridge schedule. It keeps polling the outbox
 * for about a minute (RELAY_LOOP_SECONDS) so that publishing latency is the idle wait, not the
 * schedule's period, and stops early enough to finish before its own timeout.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { type RelayConfig, relayConfig } from '../../shared/config.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { sqsClient } from '../../shared/queue/sqs-client.ts';
import { getDatabase, getQueueConfig } from '../../shared/runtime.ts';
import { type RelayLoopTotals, runRelayLoop } from './relay.ts';

let config: RelayConfig | undefined;

export const handler = async (_event: ScheduledEvent, context: Context): Promise<RelayLoopTotals> => {
  config ??= relayConfig();
  const { loopSeconds, stopMarginMs, idleWaitMs } = config;
  const deadline = Date.now() + loopSeconds * 1000;
  try {
    const totals = await runRelayLoop(
      { db: getDatabase(), sqs: sqsClient(), queues: getQueueConfig(), config },
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
