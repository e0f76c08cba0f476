/**
 * The middy middlewares every API function runs. Order (see `api-handler.ts`): request context
 * (correlation id, child logger) -> metrics -> API key -> rate limit (`edge/rate-limits.ts`) -> header checks
 * -> JSON body -> handler (wrapped by the Idempotency-Key fast path on the routes that accept one); on the way out
 * the error handler turns any error into problem+json first, then the others decorate the
 * response. Per-request state lives on the invocation's context object, never on shared
 * singletons, because the local runtime serves requests concurrently in one process.
 */
import { randomUUID } from 'node:crypto';
import { guardAuthFailures } from '../edge/rate-limits.ts';
import {
  coerceError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.ts';
import { logger, metrics, scopedLogger } from '../observability.ts';
import { clientIdSchema } from '../tasks/task-schemas.ts';
import type { Tenant } from '../tenants/tenant-store.ts';
import { authenticate } from './api-key-auth.ts';
import { parseHeader } from './inputs.ts';
import { problemResponse, toProblem } from './problem.ts';
import {
  type ApiMiddleware,
  type ApiRequestState,
  CORRELATION_ID_HEADER,
  CORRELATION_ID_PATTERN,
  headerValue,
} from './request.ts';
import { assertStorableJson, MAX_BODY_DEPTH } from './validation.ts';

function addResponseHeaders(request: ApiRequestState, headers: Record<string, string>): void {
  if (!request.response) return;
  request.response.headers = { ...request.response.headers, ...headers };
}

/**
 * Correlation id (`X-Correlation-Id` when valid, else a new UUID; echoed on every response), the
 * per-request child logger, and one access log line per request. An invalid header is only
 * noted here: it is rejected by `requestHeaders`, after authentication, so a request without a
 * valid key learns nothing but 401 whatever else it sends.
 */
export function requestContext(): ApiMiddleware {
  const started = new WeakMap<object, number>();
  const finish = (request: ApiRequestState) => {
    const { context, event } = request;
    addResponseHeaders(request, { [CORRELATION_ID_HEADER]: context.correlationId });
    context.logger?.info('request completed', {
      method: event.requestContext?.http?.method,
      path: event.rawPath,
      status: request.response?.statusCode,
      durationMs: Date.now() - (started.get(request) ?? Date.now()),
    });
  };
  return {
    before: (request) => {
      started.set(request, Date.now());
      const { event, context } = request;
      const given = headerValue(event, CORRELATION_ID_HEADER);
      const valid = given !== undefined && CORRELATION_ID_PATTERN.test(given);
      context.correlationId = valid ? given : randomUUID();
      context.logger = scopedLogger({
        correlationId: context.correlationId,
        requestId: event.requestContext?.requestId,
        route: event.routeKey,
      });
      context.invalidCorrelationId = given !== undefined && given !== '' && !valid;
    },
    after: finish,
    onError: finish,
  };
}

/** Publishes the metrics this invocation recorded (EMF), only when it recorded some. */
export function publishMetrics(): ApiMiddleware {
  const flush = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}

/**
 * `X-API-Key` -> tenant. Failed attempts drain a token bucket per source IP (`guardAuthFailures`);
 * once it is empty, lookups from that IP are refused with 429 before reaching the database.
 */
export function apiKeyAuth(options: { cacheTtlSeconds: number }): ApiMiddleware {
  return {
    before: async ({ event, context }) => {
      const guard = guardAuthFailures(event.requestContext?.http?.sourceIp, context.logger);
      let tenant: Tenant;
      try {
        tenant = await authenticate(
          headerValue(event, 'X-API-Key'),
          options.cacheTtlSeconds,
          guard.check,
          context.logger,
        );
      } catch (err) {
        if (err instanceof UnauthorizedError) await guard.record();
        throw err;
      }
      context.tenant = tenant;
      context.logger = scopedLogger({ tenantId: tenant.id }, context.logger);
    },
  };
}

/**
 * The header checks every route shares, run after authentication and rate limiting:
 * `X-Correlation-Id` (all routes) and, on tenant routes, `X-Client-Id`, which also names the
 * rate-limit bucket there and so is accepted (and validated) on every tenant route.
 */
export function requestHeaders(options: { tenant: boolean }): ApiMiddleware {
  return {
    before: ({ event, context }) => {
      if (context.invalidCorrelationId) {
        throw new ValidationError('X-Correlation-Id must be 1 to 128 printable ASCII characters', [
          {
            field: `header:${CORRELATION_ID_HEADER}`,
            message: 'must be 1 to 128 printable ASCII characters',
          },
        ]);
      }
      if (options.tenant) parseHeader(clientIdSchema, headerValue(event, 'X-Client-Id'), 'X-Client-Id');
    },
  };
}

const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Parses a JSON body: Content-Type must be application/json (optionally `charset=utf-8`, the
 * only encoding JSON allows), the size is checked before parsing, and malformed JSON is a 400.
 */
export function jsonBody(options: { maxBytes: number }): ApiMiddleware {
  return {
    before: ({ event, context }) => {
      if (event.body === undefined || event.body === null || event.body === '') {
        context.jsonBody = undefined;
        return;
      }
      const contentType = headerValue(event, 'Content-Type');
      if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType.trim())) {
        throw new UnsupportedMediaTypeError(
          `Content-Type must be application/json, got ${contentType === undefined ? 'none' : `"${contentType}"`}`,
        );
      }
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
      if (raw.byteLength > options.maxBytes) {
        throw new PayloadTooLargeError('body', options.maxBytes, raw.byteLength);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        throw new MalformedJsonError(`The body is not valid JSON: ${(err as Error).message}`);
      }
      // Before anything recursive (schemas, idempotency fingerprints) touches the value.
      assertStorableJson(parsed, 'body', MAX_BODY_DEPTH);
      context.jsonBody = parsed;
    },
  };
}

/**
 * The single error path: whatever a middleware or handler throws becomes a problem+json
 * response. Unexpected errors are logged with their stack and answered with a generic 500.
 */
export function errorHandler(): ApiMiddleware {
  return {
    onError: (request) => {
      const { event, context } = request;
      context.correlationId ??= randomUUID();
      const log = context.logger ?? logger;
      const problem = toProblem(request.error, {
        instance: event?.rawPath ?? '',
        correlationId: context.correlationId,
      });
      if (!problem.expected || problem.status >= 500) {
        log.error('request failed', coerceError(request.error));
      } else {
        log.info('request rejected', {
          status: problem.status,
          problemType: problem.body.type,
          field: problem.body.field,
        });
      }
      // Set, not returned: returning would skip the remaining onError middlewares, which add
      // the correlation id header and flush metrics.
      request.response = problemResponse(problem);
    },
  };
}
