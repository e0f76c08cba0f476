import { describe, expect, it } from 'vitest';
import {
  parseTaskMessage,
  serializeTaskMessage,
  type TaskMessage,
} from '../../../shared/queue/task-message.ts';

const base: TaskMessage = {
  v: 1,
  taskId: '01a23502-ccf3-78e3-84f5-fff3f775e6b2',
  attempt: 0,
  tenantId: 't',
  type: 'echo',
  publishedAt: 1_700_000_000_000,
};

describe('task messages', () => {
  it('round-trips a message carrying an outcome', () => {
    const carrying: TaskMessage = {
      ...base,
      outcome: {
        status: 'RETRYING',
        attempt: 2,
        generation: 5,
        durationMs: 12,
        error: { name: 'Error', message: 'boom' },
        retryInSeconds: 4,
      },
    };
    expect(parseTaskMessage(serializeTaskMessage(carrying))).toEqual(carrying);
    const completed = { ...base, outcome: { status: 'COMPLETED', attempt: 1, generation: 1, durationMs: 3 } };
    expect(parseTaskMessage(JSON.stringify(completed))?.outcome).toEqual({
      ...completed.outcome,
      result: null,
    });
  });

  it('keeps a message whose outcome is malformed, without the outcome', () => {
    for (const outcome of [
      { status: 'COMPLETED', attempt: 1, durationMs: 3 },
      { status: 'FAILED', attempt: 1, generation: 1, durationMs: 3, error: 'boom' },
      { status: 'RETRYING', attempt: 1, generation: 1, durationMs: 3, error: { message: 'x' } },
      { status: 'QUEUED', attempt: 1, generation: 1, durationMs: 3 },
      'COMPLETED',
    ]) {
      const parsed = parseTaskMessage(JSON.stringify({ ...base, outcome }));
      expect(parsed).toEqual(base);
    }
  });
});
