/**
 * RFC 9457 problem details: the one shape every error response of the API takes. `toProblem` is
 * the single mapping from a thrown value to a response; only `AppError`s (client errors and the
 * few deliberate server statuses) expose their message, anything else becomes a generic 500.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type FieldError, isAppError } from '../errors.ts';

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
export function toProblem(err: unknown, request: { instance: string; correlationId: string }): ProblemResult {
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
