/**
 * RFC 9457 problem details: the one shape every error response of the API takes. `toProblem` is
 * the single mapping from a thrown value to a response; only `AppError`s (client errors and the
 * few deliberate server statuses) expose their message, a database that cannot be reached is a
 * 503 with `Retry-After`, and anything else becomes a generic 500.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isDatabaseUnavailable } from '../db/database.ts';
import { type FieldError, isAppError, ServiceUnavailableError } from '../errors.ts';

/**
 * `Retry-After` of a 503 for an unreachable database. The adapter has already waited out its
 * retry budget, so this is for outages longer than a restart; a short value lets clients see
 * recovery soon, and SDK backoff spreads them out.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The 503 a client gets for DatabaseUnavailableError; the cause (hosts, SQL) stays in the logs. */
function databaseUnavailable(outcome: 'not-executed' | 'unknown'): ServiceUnavailableError {
  const detail =
    outcome === 'unknown'
      ? 'The database connection was lost while the request ran, so it may or may not have taken effect; retry it (with the same Idempotency-Key, for a write) after Retry-After seconds.'
      : 'The database is temporarily unavailable and nothing was changed; retry after Retry-After seconds.';
  return new ServiceUnavailableError(detail, DATABASE_RETRY_AFTER_SECONDS);
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  /** `urn:taskforge:problem:<slug>` */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The first offending field, e.g. `payload.text`, `tasks[3].type`, `header:X-API-Key`. */
  field?: string;
  errors?: FieldError[];
  /** The request path. */
  instance: string;
  correlationId: string;
  /** Problem-specific extension members, e.g. `taskStatus` on a 409. */
  [extension: string]: unknown;
}

export interface ProblemResult {
  status: number;
  headers: Record<string, string>;
  body: ProblemDetails;
  /** false for unexpected errors: log them, their message never reaches the client. */
  expected: boolean;
}

export function problemType(slug: string): string {
  return `urn:taskforge:problem:${slug}`;
}

/** Maps anything thrown by a handler or middleware to the problem the client receives. */
export function toProblem(
  thrown: unknown,
  request: { instance: string; correlationId: string },
): ProblemResult {
  const err = isDatabaseUnavailable(thrown) ? databaseUnavailable(thrown.outcome) : thrown;
  if (isAppError(err)) {
    return {
      status: err.status,
      headers: { ...err.headers },
      // Extensions first, so they can never overwrite a standard member.
      body: {
        ...err.extensions,
        type: problemType(err.slug),
        title: err.title,
        status: err.status,
        detail: err.message,
        field: err.field,
        errors: err.errors,
        instance: request.instance,
        correlationId: request.correlationId,
      },
      expected: true,
    };
  }
  return {
    status: 500,
    headers: {},
    body: {
      type: problemType('internal-error'),
      title: 'Internal server error',
      status: 500,
      detail: 'The request could not be completed. Quote the correlationId when reporting this.',
      instance: request.instance,
      correlationId: request.correlationId,
    },
    expected: false,
  };
}

export function problemResponse(problem: ProblemResult): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { ...problem.headers, 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store' },
    body: JSON.stringify(problem.body),
  };
}
