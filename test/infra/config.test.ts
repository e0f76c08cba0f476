import { describe, expect, it } from 'vitest';
import { maxTaskTimeoutSeconds, StageConfigError, stageConfig } from '../../infra/config.ts';
import { visibilityTimeoutFor } from '../../shared/queue/topology.ts';

function context(values: Record<string, unknown>) {
  return { tryGetContext: (key: string) => values[key] };
}

describe('stageConfig', () => {
  it('defaults to the dev preset on AWS', () => {
    const config = stageConfig(context({}));
    expect(config).toMatchObject({ stage: 'dev', target: 'aws', schedulesEnabled: true });
    expect(config.database.minAcu).toBe(0);
    expect(config.worker.concurrency).toEqual({ high: 5, medium: 3, low: 2 });
  });

  it('merges a per-stage override given as an object or as JSON text', () => {
    const fromObject = stageConfig(
      context({ stage: 'prod', 'taskforge:prod': { database: { maxAcu: 32 } } }),
    );
    expect(fromObject.database).toMatchObject({ minAcu: 0.5, maxAcu: 32, deletionProtection: true });
    const fromJson = stageConfig(
      context({ 'taskforge:dev': '{"worker":{"concurrency":{"high":20,"medium":10,"low":4}}}' }),
    );
    expect(fromJson.worker.concurrency).toEqual({ high: 20, medium: 10, low: 4 });
  });

  it('takes the alarm email, schedules and LocalStack switches as plain context values', () => {
    const config = stageConfig(
      context({
        alarmEmail: 'ops@example.com',
        schedules: 'false',
        target: 'localstack',
        localstackHttpApi: 'false',
      }),
    );
    expect(config).toMatchObject({
      alarmEmail: 'ops@example.com',
      schedulesEnabled: false,
      target: 'localstack',
      localstackHttpApi: false,
    });
  });

  it.each([
    [{ stage: 'staging' }, /stage must be dev or prod/],
    [{ target: 'azure' }, /target must be aws or localstack/],
    [{ 'taskforge:dev': { database: { minAcu: 8, maxAcu: 4 } } }, /minAcu must not exceed/],
    [{ 'taskforge:dev': { database: { minAcu: 0.25 } } }, /steps of 0.5/],
    [{ 'taskforge:dev': { worker: { concurrency: { high: 2, medium: 3, low: 2 } } } }, /high > medium > low/],
    [{ 'taskforge:dev': { worker: { concurrency: { high: 5, medium: 3, low: 1 } } } }, /low must be 2..1000/],
    [{ 'taskforge:dev': { logRetentionDays: 10 } }, /logRetentionDays must be one of/],
    [{ 'taskforge:dev': { maxAzs: 1 } }, /maxAzs/],
    [{ 'taskforge:dev': { databse: {} } }, /unknown setting taskforge:dev: databse/],
    [{ 'taskforge:dev': '{not json' }, /not valid JSON/],
    [{ alarmEmail: 'not-an-address' }, /alarmEmail/],
  ])('rejects %j', (values, message) => {
    expect(() => stageConfig(context(values))).toThrow(StageConfigError);
    expect(() => stageConfig(context(values))).toThrow(message);
  });
});

describe('maxTaskTimeoutSeconds', () => {
  it('leaves a minute of the worker timeout and never exceeds 840 s', () => {
    expect(maxTaskTimeoutSeconds(900)).toBe(840);
    expect(maxTaskTimeoutSeconds(300)).toBe(240);
    // The queues hide a message for 6x the worker timeout, so a running task outlives nothing.
    expect(visibilityTimeoutFor(900)).toBe(5400);
  });
});
