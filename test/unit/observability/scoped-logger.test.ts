import { afterEach, describe, expect, it, vi } from 'vitest';
import { scopedLogger } from '../../../shared/observability.ts';

/** The JSON lines the Powertools logger wrote while `work` ran (stdout and stderr). */
function capture(work: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const grab = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(grab);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(grab);
  try {
    work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('scopedLogger', () => {
  it('puts its keys, and its parent scope keys, on every line next to the extra attributes', () => {
    const request = scopedLogger({ correlationId: 'corr-1', requestId: 'req-1', route: undefined });
    const task = scopedLogger({ taskId: 'task-1' }, request);

    const [line] = capture(() => task.error('attempt failed', { attempt: 2 }));

    expect(line).toMatchObject({
      level: 'ERROR',
      message: 'attempt failed',
      correlationId: 'corr-1',
      requestId: 'req-1',
      taskId: 'task-1',
      attempt: 2,
    });
    expect(line).not.toHaveProperty('route');
  });

  it('formats an Error under `error`, as the Powertools logger does', () => {
    const log = scopedLogger({ correlationId: 'corr-2' });

    const [line] = capture(() => log.error('request failed', new TypeError('boom')));

    expect(line).toMatchObject({
      message: 'request failed',
      correlationId: 'corr-2',
      error: { name: 'TypeError', message: 'boom' },
    });
    expect((line!.error as { stack?: string }).stack).toContain('TypeError: boom');
  });

  it('keeps scopes apart: a child does not add its keys to its parent', () => {
    const parent = scopedLogger({ correlationId: 'corr-3' });
    scopedLogger({ taskId: 'task-3' }, parent);

    const [line] = capture(() => parent.error('parent line'));

    expect(line).toMatchObject({ correlationId: 'corr-3' });
    expect(line).not.toHaveProperty('taskId');
  });
});
