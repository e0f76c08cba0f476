/**
 * POST /v1/dead-letters/redrive -> 202.
 * - `{fingerprint?, type?, limit?, ratePerSecond?}`: the tenant's FAILED tasks (all of them, one
 *   fingerprint and/or one type; at most `limit`, default 1000) back to PENDING through the
 *   outbox, attempts reset, a `redriven` event each, spread at `ratePerSecond` when given.
 *   `remaining` says how many matching tasks are left for another call.
 * - `{queue, ratePerSecond?}`: moves the whole SQS dead-letter queue of that priority back to its
 *   queue (StartMessageMoveTask). The DLQs are shared by every tenant, so this also needs the
 *   operator's `Authorization: Bearer <admin operator token>`; without it, 403.
 */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { redriveDeadLetters } from '../../shared/ops/dead-letter-store.ts';
import { bearerToken, ForbiddenError, operatorTokenValid } from '../../shared/ops/ops-config.ts';
import { DEFAULT_REDRIVE_LIMIT, redriveBodySchema } from '../../shared/ops/ops-schemas.ts';
import { startDeadLetterMove } from '../../shared/ops/queue-redrive.ts';
import { getDatabase, getQueueConfig, getSqs } from '../../shared/process-deps.ts';

export const handler = routeHandler(
  'redrive-dead-letters',
  async ({ tenant, body, header, logger }) => {
    const input = parseInput(redriveBodySchema, body, { what: 'Invalid redrive' });
    if (input.queue !== undefined) {
      if (!(await operatorTokenValid(getDatabase(), bearerToken(header('Authorization')), 'admin'))) {
        throw new ForbiddenError(
          'operator-token-required',
          'Redriving a whole dead-letter queue affects every tenant: it needs Authorization: Bearer <ADMIN_TOKEN>',
          'header:Authorization',
        );
      }
      const move = await startDeadLetterMove(getSqs(), getQueueConfig(), input.queue, input.ratePerSecond);
      logger.info('dead-letter queue redrive started', { queue: input.queue, taskHandle: move.taskHandle });
      return json(202, {
        mode: 'queue',
        queue: input.queue,
        ...move,
        maxMessagesPerSecond: input.ratePerSecond ?? null,
      });
    }
    const outcome = await redriveDeadLetters(
      getDatabase(),
      tenant.id,
      { fingerprint: input.fingerprint, type: input.type },
      { limit: input.limit ?? DEFAULT_REDRIVE_LIMIT, ratePerSecond: input.ratePerSecond ?? null },
    );
    logger.info('dead letters redriven', { ...outcome, fingerprint: input.fingerprint, type: input.type });
    return json(202, {
      mode: 'tasks',
      redriven: outcome.redriven,
      matching: outcome.matching,
      remaining: Math.max(0, outcome.matching - outcome.redriven),
      ratePerSecond: input.ratePerSecond ?? null,
      lastAvailableAt: outcome.lastAvailableAt?.toISOString() ?? null,
    });
  },
  { body: true },
);
