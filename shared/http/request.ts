/**
 * What a request looks like inside the API: the middy context the middlewares fill in, the typed
 * request a route function receives, and the header helpers. The middlewares, the edge checks and
 * the handler wrapper all depend on this module and not on each other.
 */
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { BodySealer } from '../edge/sealed-body.ts';
import type { AppLogger } from '../observability.ts';
import type { OperatorIdentity } from '../ops/operator-token-store.ts';
import type { Idempotency } from '../tasks/task-service.ts';
import type { Tenant } from '../tenants/tenant-store.ts';

export interface ApiContext extends Context {
  correlationId: string;
  /** Logger whose lines carry this request's correlation id, request id (and tenant id). */
  logger: AppLogger;
  /** Set by `apiKeyAuth`. */
  tenant?: Tenant;
  /** Set by `operatorAuth` (admin routes). */
  operator?: OperatorIdentity;
  /** Set by `operatorAuth`: seals the operator's Idempotency-Key replays (they may hold new secrets). */
  responseSealer?: BodySealer;
  /** The parsed JSON body, set by `jsonBody`; undefined when the request has no body. */
  jsonBody?: unknown;
  /** Set by `requestContext` when `X-Correlation-Id` was given but invalid (`requestHeaders` rejects it). */
  invalidCorrelationId?: boolean;
}

export type ApiMiddleware = middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  ApiContext
>;

export type ApiRequestState = middy.Request<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  ApiContext
>;

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  context: Context;
  correlationId: string;
  logger: AppLogger;
  /** Parsed JSON body (routes created with `{ body: true }`); undefined when absent. */
  body: unknown;
  /** Case-insensitive request header. */
  header(name: string): string | undefined;
}

export interface TenantRequest extends ApiRequest {
  tenant: Tenant;
  /**
   * The validated `Idempotency-Key` and the request's fingerprint (method, path, canonical body),
   * on routes created with `{ idempotent: true }` when the header is present; else null.
   */
  idempotency: Idempotency | null;
}

export interface OperatorRequest extends ApiRequest {
  operator: OperatorIdentity;
  /** As on tenant routes, scoped to the operator's token. */
  idempotency: Idempotency | null;
}

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** Up to 128 printable ASCII characters: safe to echo in a header and to write in logs. */
export const CORRELATION_ID_PATTERN = /^[\x20-\x7e]{1,128}$/;

/** Case-insensitive header lookup (API Gateway lower-cases names; other callers may not). */
export function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  const lower = name.toLowerCase();
  if (lower in headers) return headers[lower];
  return Object.entries(headers).find(([key]) => key.toLowerCase() === lower)?.[1];
}
