import { describe, expect, it } from 'vitest';
import {
  MIGRATE_TIMEOUT_SECONDS,
  maxTaskTimeoutSeconds,
  RELAY_LOOP_SECONDS,
  relayTimeoutSeconds,
  StageConfigError,
  SWEEPER_WORK_SECONDS,
  stageConfig,
  sweeperTimeoutSeconds,
  workerConcurrencyTotal,
} from '../../../infra/config.ts';
import { visibilityTimeoutFor } from '../../../shared/queue/topology.ts';

function context(values: Record<string, unknown>) {
  return { tryGetContext: (key: string) => values[key] };
}

describe('stageConfig', () => {
  it('defaults to the dev preset on AWS', () => {
    const config = stageConfig(context({}));
    expect(config).toMatchObject({ stage: 'dev', target: 'aws', schedulesEnabled: true });
    expect(config.database.minAcu).toBe(0);
    // Sized for a new account's quota of 10, where AWS refuses any reserved concurrency.
    expect(config.worker.concurrency).toEqual({ high: 2, medium: 2, low: 2 });
    expect(config.accountConcurrency).toEqual({ quota: 10, reservedForSchedules: 0, apiMinimum: 2 });
    expect(workerConcurrencyTotal(config) + 2 + config.accountConcurrency.apiMinimum).toBe(10);
  });

  it('reserves the relay and sweeper in prod, whose quota leaves AWS its 100 unreserved', () => {
    const config = stageConfig(context({ stage: 'prod' }));
    expect(config.accountConcurrency).toEqual({ quota: 1000, reservedForSchedules: 1, apiMinimum: 100 });
    expect(config.worker.concurrency).toEqual({ high: 60, medium: 30, low: 10 });
  });

  it('reserves concurrency on a dev stage once its quota allows it', () => {
    const config = stageConfig(
      context({ 'taskforge:dev': { accountConcurrency: { quota: 102, reservedForSchedules: 1 } } }),
    );
    expect(config.accountConcurrency.reservedForSchedules).toBe(1);
  });

  it('gives each function a database retry budget that fits its timeout', () => {
    for (const stage of ['dev', 'prod']) {
      const config = stageConfig(context({ stage }));
      const budget = config.databaseRetryBudgetSeconds;
      expect(budget).toEqual({ api: 10, worker: 20, relay: 15, sweeper: 10, migrate: 60 });
      // API: a 503 well before the function's timeout (29 s) and API Gateway's 30 s.
      expect(budget.api).toBeLessThanOrEqual(config.api.timeoutSeconds - 4);
      // Worker: claim and outcome write both fit beside the longest task.
      const longestTask = maxTaskTimeoutSeconds(config.worker.timeoutSeconds);
      expect(longestTask + 2 * budget.worker).toBeLessThan(config.worker.timeoutSeconds);
      // Deploy-time migrations outwait a resume from 0 ACU, and still have time to run.
      expect(budget.migrate).toBeGreaterThanOrEqual(45);
      expect(MIGRATE_TIMEOUT_SECONDS - budget.migrate).toBeGreaterThanOrEqual(60);
    }
    const config = stageConfig(context({}));
    expect(relayTimeoutSeconds(config)).toBe(75);
    expect(relayTimeoutSeconds(config)).toBeGreaterThanOrEqual(
      RELAY_LOOP_SECONDS + config.databaseRetryBudgetSeconds.relay,
    );
    expect(sweeperTimeoutSeconds(config)).toBe(60);
    expect(sweeperTimeoutSeconds(config)).toBeGreaterThanOrEqual(
      SWEEPER_WORK_SECONDS + config.databaseRetryBudgetSeconds.sweeper,
    );
  });

  it('merges a per-stage override given as an object or as JSON text', () => {
    const fromObject = stageConfig(
      context({ stage: 'prod', 'taskforge:prod': { database: { maxAcu: 32 } } }),
    );
    expect(fromObject.database).toMatchObject({ minAcu: 0.5, maxAcu: 32, deletionProtection: true });
    const fromJson = stageConfig(
      context({
        'taskforge:dev':
          '{"worker":{"concurrency":{"high":20,"medium":10,"low":4}},"accountConcurrency":{"quota":1000}}',
      }),
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
    [
      { 'taskforge:dev': { worker: { concurrency: { high: 2, medium: 3, low: 2 } } } },
      /high >= medium >= low/,
    ],
    [{ 'taskforge:dev': { worker: { concurrency: { high: 5, medium: 3, low: 1 } } } }, /low must be 2..1000/],
    // The old dev sizing: the worker alone fills a new account's quota and starves the relay.
    [
      { 'taskforge:dev': { worker: { concurrency: { high: 5, medium: 3, low: 2 } } } },
      /worker.concurrency \(10 in all\) \+ relay and sweeper \(2\) \+ accountConcurrency.apiMinimum \(2\) exceed accountConcurrency.quota \(10\)/,
    ],
    // AWS refuses a reservation that leaves fewer than 100 unreserved: the deploy would fail.
    [
      { 'taskforge:dev': { accountConcurrency: { reservedForSchedules: 1 } } },
      /AWS keeps 100 of the quota unreserved, so reserving 2 needs a quota of at least 102/,
    ],
    [
      { stage: 'prod', 'taskforge:prod': { accountConcurrency: { quota: 101 } } },
      /reserving 2 needs a quota of at least 102 \(accountConcurrency.quota is 101\)/,
    ],
    [{ 'taskforge:dev': { accountConcurrency: { quota: 5 } } }, /accountConcurrency.quota must be 10/],
    [{ 'taskforge:dev': { databaseRetryBudgetSeconds: { api: 26 } } }, /databaseRetryBudgetSeconds.api/],
    [
      { 'taskforge:dev': { api: { timeoutSeconds: 10 }, databaseRetryBudgetSeconds: { api: 7 } } },
      /databaseRetryBudgetSeconds.api must be 1..min\(25, api.timeoutSeconds - 4\)/,
    ],
    [{ 'taskforge:dev': { databaseRetryBudgetSeconds: { migrate: 30 } } }, /migrate must be 45..240/],
    [{ 'taskforge:dev': { databaseRetryBudgetSeconds: { worker: 26 } } }, /worker must be 1..25/],
    [{ 'taskforge:dev': { databaseRetryBudgetSeconds: { relay: 0 } } }, /relay must be 1..60/],
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
