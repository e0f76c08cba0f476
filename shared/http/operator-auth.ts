/**
 * The admin routes' authentication: `Authorization: Bearer <operator token>` of scope `admin`,
 * never a tenant API key. Runs first in their middy chain, so a request without a valid token
 * learns nothing but 401 (or 403 for a token of another scope), whatever else it sends. Failed
 * attempts drain the same per-IP bucket as failed API keys (`guardAuthFailures`). Tokens are not
 * cached: admin requests are rare, and a revoked token is refused by the very next request.
 */
import { guardAuthFailures } from '../edge/rate-limits.ts';
import { sealerFor } from '../edge/sealed-body.ts';
import { UnauthorizedError } from '../errors.ts';
import { scopedLogger } from '../observability.ts';
import { bearerToken, ForbiddenError, verifyOperatorToken } from '../ops/ops-config.ts';
import { getDatabase } from '../process-deps.ts';
import { type ApiMiddleware, headerValue } from './request.ts';

export function operatorAuth(): ApiMiddleware {
  return {
    before: async ({ event, context }) => {
      const guard = guardAuthFailures(event.requestContext?.http?.sourceIp, context.logger);
      try {
        const given = bearerToken(headerValue(event, 'Authorization'));
        if (given === undefined) {
          throw new UnauthorizedError(
            headerValue(event, 'X-API-Key') === undefined
              ? 'Authorization: Bearer <operator token> is required'
              : 'The admin API takes an operator token (Authorization: Bearer <token>), not a tenant API key',
            'bearer',
          );
        }
        await guard.check();
        const verdict = await verifyOperatorToken(getDatabase(), given, 'admin');
        if (!verdict.ok && verdict.reason === 'insufficient-scope') {
          throw new ForbiddenError(
            'insufficient-scope',
            `This operator token has scope ${verdict.operator.scope}; the admin API needs a token of scope admin`,
            'header:Authorization',
          );
        }
        if (!verdict.ok)
          throw new UnauthorizedError(
            'The bearer token is not valid (unknown, revoked or expired)',
            'bearer',
          );
        context.operator = verdict.operator;
        context.responseSealer = sealerFor(given);
        context.logger = scopedLogger(
          { operatorTokenId: verdict.operator.tokenId ?? `environment:${verdict.operator.name}` },
          context.logger,
        );
      } catch (err) {
        if (err instanceof UnauthorizedError) await guard.record();
        throw err;
      }
    },
  };
}
