import { describe, expect, it } from 'vitest';
import { DatabaseError, DatabaseUnavailableError } from '../../../shared/db/database.ts';
import {
  AppError,
  ConflictError,
  IdempotencyKeyReusedError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../../shared/errors.ts';
import { PROBLEM_CONTENT_TYPE, problemResponse, toProblem } from '../../../shared/http/problem.ts';

const request = { instance: '/v1/tasks/abc', correlationId: 'corr-1' };

describe('toProblem', () => {
  it.each([
    [
      new ValidationError('bad', [{ field: 'payload.text', message: 'required' }]),
      400,
      'validation-error',
      'payload.text',
    ],
    [new MalformedJsonError('bad json'), 400, 'malformed-json', 'body'],
    [new UnauthorizedError('no key'), 401, 'unauthorized', 'header:X-API-Key'],
    [new NotFoundError('no task', 'id'), 404, 'not-found', 'id'],
    [new ConflictError('task-not-cancellable', 'is RUNNING'), 409, 'task-not-cancellable', undefined],
    [new PayloadTooLargeError('payload', 10, 20), 413, 'payload-too-large', 'payload'],
    [new UnsupportedMediaTypeError('text/plain'), 415, 'unsupported-media-type', 'header:Content-Type'],
    [new IdempotencyKeyReusedError('reused'), 422, 'idempotency-key-reused', 'header:Idempotency-Key'],
  ])('maps %s to its status, type and field', (err, status, slug, field) => {
    const problem = toProblem(err, request);

    expect(problem.expected).toBe(true);
    expect(problem.status).toBe(status);
    expect(problem.body).toMatchObject({
      type: `urn:taskforge:problem:${slug}`,
      status,
      detail: err.message,
      instance: '/v1/tasks/abc',
      correlationId: 'corr-1',
    });
    expect(problem.body.field).toBe(field);
    expect(typeof problem.body.title).toBe('string');
  });

  it('keeps every field error and extension members', () => {
    const errors = [
      { field: 'tasks[0].type', message: 'unknown' },
      { field: 'tasks[2].payload.text', message: 'required' },
    ];

    const validation = toProblem(new ValidationError('bad batch', errors), request);
    const tooLarge = toProblem(new PayloadTooLargeError('payload', 10, 20), request);

    expect(validation.body.errors).toEqual(errors);
    expect(validation.body.field).toBe('tasks[0].type');
    expect(tooLarge.body).toMatchObject({ limitBytes: 10, actualBytes: 20 });
  });

  it('never lets an extension overwrite a standard member', () => {
    const err = new ConflictError('task-not-retryable', 'is RUNNING', {
      status: 'RUNNING',
      type: 'x',
      instance: 'y',
      taskStatus: 'RUNNING',
    });

    const problem = toProblem(err, request);

    expect(problem.body.status).toBe(409);
    expect(problem.body.type).toBe('urn:taskforge:problem:task-not-retryable');
    expect(problem.body.instance).toBe('/v1/tasks/abc');
    expect(problem.body.taskStatus).toBe('RUNNING');
  });

  it('carries AppError headers, such as WWW-Authenticate on a 401', () => {
    expect(toProblem(new UnauthorizedError('no key'), request).headers['WWW-Authenticate']).toContain(
      'X-API-Key',
    );
  });

  it('answers unexpected errors with a generic 500 that leaks nothing', () => {
    const secret = new Error('password=hunter2 at db.internal:5432');
    secret.stack = 'at secretFunction (/srv/app.js:1:1)';

    for (const thrown of [
      secret,
      'a string',
      { code: 'ECONNRESET' },
      null,
      new TypeError('x is undefined'),
    ]) {
      const problem = toProblem(thrown, request);
      const text = JSON.stringify(problem.body);

      expect(problem.expected).toBe(false);
      expect(problem.status).toBe(500);
      expect(problem.body.type).toBe('urn:taskforge:problem:internal-error');
      expect(problem.body.correlationId).toBe('corr-1');
      expect(text).not.toMatch(/hunter2|secretFunction|ECONNRESET|undefined/);
    }
  });

  it('answers an unreachable database with 503 service-unavailable and Retry-After, leaking nothing', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.3.7:5432'), { code: 'ECONNREFUSED' });
    const refused = new DatabaseUnavailableError(
      'database unavailable: connect ECONNREFUSED 10.0.3.7:5432',
      'not-executed',
      {
        cause,
      },
    );
    const broken = new DatabaseUnavailableError('database unavailable: Connection terminated', 'unknown');
    // A copy of the class from another bundle is recognised by its name.
    const foreign = Object.assign(new Error('x'), {
      name: 'DatabaseUnavailableError',
      outcome: 'not-executed',
    });

    for (const err of [refused, broken, foreign]) {
      const problem = toProblem(err, request);
      expect(problem.status).toBe(503);
      expect(problem.expected).toBe(true);
      expect(problem.body.type).toBe('urn:taskforge:problem:service-unavailable');
      expect(problem.body.status).toBe(503);
      expect(Number(problem.headers['Retry-After'])).toBeGreaterThan(0);
      expect(problem.body.correlationId).toBe('corr-1');
      expect(JSON.stringify(problem.body)).not.toMatch(/10\.0\.3\.7|ECONNREFUSED|5432/);
    }
    // A write whose connection broke may have taken effect: the client is told so.
    expect(toProblem(broken, request).body.detail).toMatch(/may or may not have taken effect/);
    expect(toProblem(refused, request).body.detail).toMatch(/nothing was changed/);
  });

  it('keeps a 500 for other database errors', () => {
    expect(toProblem(new DatabaseError('syntax error', 'other'), request).status).toBe(500);
  });

  it('maps errors from a duplicated AppError class by name and shape', () => {
    // A bundle that contains two copies of errors.ts breaks instanceof; the shape still counts.
    const foreign = Object.assign(new Error('gone'), {
      name: 'NotFoundError',
      status: 404,
      slug: 'not-found',
      title: 'Not found',
    });

    expect(toProblem(foreign, request).status).toBe(404);
  });
});

describe('problemResponse', () => {
  it('is application/problem+json, not cacheable', () => {
    const res = problemResponse(toProblem(new AppError(400, 'x', 'X', 'detail'), request));

    expect(res.statusCode).toBe(400);
    expect(res.headers?.['Content-Type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers?.['Cache-Control']).toBe('no-store');
    expect(JSON.parse(res.body!)).toMatchObject({ status: 400, detail: 'detail' });
  });
});
