/** What the client throws: an API answer that was not a success, and a wait that ran out of time. */
import type { components } from './openapi-types.ts';

export type Problem = components['schemas']['Problem'];

/** A non-2xx answer, with its problem details when the body was `application/problem+json`. */
export class TaskforgeApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const problem = isProblem(body) ? body : undefined;
    super(
      problem
        ? `${problem.title} (HTTP ${response.status}): ${problem.detail}`
        : `HTTP ${response.status} ${response.statusText}`.trim(),
    );
    this.name = 'TaskforgeApiError';
    this.status = response.status;
    this.problem = problem;
    this.response = response;
  }
}

/** `waitFor` gave up before the task reached a terminal status. */
export class WaitTimeoutError extends Error {
  /** The task as last seen. */
  readonly lastSeen: components['schemas']['Task'] | undefined;

  constructor(taskId: string, timeoutMs: number, lastSeen: components['schemas']['Task'] | undefined) {
    super(`task ${taskId} was still ${lastSeen?.status ?? 'unknown'} after ${timeoutMs} ms`);
    this.name = 'WaitTimeoutError';
    this.lastSeen = lastSeen;
  }
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { title?: unknown }).title === 'string' &&
    typeof (body as { status?: unknown }).status === 'number'
  );
}
