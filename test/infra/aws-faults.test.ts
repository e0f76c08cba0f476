// Faults that only a real account shows (quotas, deploy-time ordering, retry windows), pinned in
// the synthesized template because there is no account to deploy to here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALSTACK_DATA_API, stageConfig } from '../../infra/config.ts';
import { taskDefaults } from '../../shared/config/tasks.ts';
import { ROUTES } from '../../shared/http/routes.ts';
import {
  DLQ_RETENTION_SECONDS,
  MAX_RECEIVE_COUNT,
  QUEUE_RETENTION_SECONDS,
} from '../../shared/queue/topology.ts';
import { disposeAll, isCdkProvider, resourcesOf, type Synthesized, synthTemplate } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown };

/** Our functions (not CDK's providers), by logical id. */
function functions(s: Synthesized): Array<[string, Resource]> {
  return Object.entries(resourcesOf(s.template, 'AWS::Lambda::Function')).filter(
    ([id]) => !isCdkProvider(id),
  ) as Array<[string, Resource]>;
}

function fn(s: Synthesized, prefix: string): Resource {
  const found = functions(s).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one function ${prefix}, found ${found.length}`);
  return found[0]![1];
}

function env(resource: Resource): Record<string, unknown> {
  return (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

function apiFunctions(s: Synthesized): Resource[] {
  return functions(s)
    .filter(([id]) => id.startsWith('Api'))
    .map(([, r]) => r);
}

function mappingConcurrency(s: Synthesized): number[] {
  return Object.values(resourcesOf(s.template, 'AWS::Lambda::EventSourceMapping')).map(
    (m) => (m.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency,
  );
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

let dev: Synthesized;
let prod: Synthesized;

beforeAll(() => {
  dev = synthTemplate();
  prod = synthTemplate({ stage: 'prod' });
});

afterAll(() => disposeAll());

describe('Lambda concurrency quota', () => {
  it("sizes dev for a new account's quota of 10, with no reservation AWS would refuse", () => {
    // Below a quota of 102 AWS rejects any ReservedConcurrentExecutions and the deploy fails.
    for (const [id, resource] of functions(dev))
      expect(resource.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
    const worker = sum(mappingConcurrency(dev));
    const { accountConcurrency } = stageConfig({ tryGetContext: () => undefined });
    // The worker's maxima, one relay, one sweeper and the API's share fit in the quota, so a busy
    // worker leaves the relay a slot for its schedule event.
    expect(worker).toBe(6);
    expect(worker + 2 + accountConcurrency.apiMinimum).toBeLessThanOrEqual(10);
    for (const value of mappingConcurrency(dev)) expect(value).toBeGreaterThanOrEqual(2);
  });

  it('reserves one execution each for the relay and the sweeper in prod, and nothing else', () => {
    expect(fn(prod, 'Relay').Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn(prod, 'Sweeper').Properties.ReservedConcurrentExecutions).toBe(1);
    const reserved = functions(prod).filter(
      ([, r]) => r.Properties.ReservedConcurrentExecutions !== undefined,
    );
    expect(reserved.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual(['Relay', 'Sweeper']);
    // What the template reserves leaves AWS its 100 unreserved of the prod quota, which also
    // holds the worker's maxima and the API's share.
    const { quota, apiMinimum } = stageConfig({
      tryGetContext: (key) => (key === 'stage' ? 'prod' : undefined),
    }).accountConcurrency;
    const reservedTotal = sum(reserved.map(([, r]) => r.Properties.ReservedConcurrentExecutions as number));
    expect(quota - reservedTotal).toBeGreaterThanOrEqual(100);
    expect(sum(mappingConcurrency(prod)) + reservedTotal + apiMinimum).toBeLessThanOrEqual(quota);
  });

  it('reserves on a dev stage whose quota was raised, when asked', () => {
    const raised = synthTemplate({
      'taskforge:dev': { accountConcurrency: { quota: 1000, reservedForSchedules: 1 } },
    });
    expect(fn(raised, 'Relay').Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn(raised, 'Worker').Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('database retry budgets (DB_UNAVAILABLE_RETRY_BUDGET_MS)', () => {
  const budgetMs = (resource: Resource) => Number(env(resource).DB_UNAVAILABLE_RETRY_BUDGET_MS);

  it('sets one on every function that reaches the database, so none is left at the adapter default', () => {
    const withDatabase = functions(dev).filter(([, resource]) => env(resource).DB_DRIVER === 'data-api');
    // Every function but the $default route's not-found answer, which reads nothing.
    expect(withDatabase.length).toBe(functions(dev).length - 1);
    for (const [id, resource] of withDatabase)
      expect(env(resource).DB_UNAVAILABLE_RETRY_BUDGET_MS, id).toMatch(/^\d+$/);
  });

  it('ends an API request in a 503 well within the function timeout and API Gateway’s 30 s', () => {
    const api = apiFunctions(dev);
    expect(api).toHaveLength(ROUTES.length);
    for (const resource of api) {
      expect(budgetMs(resource)).toBe(10_000);
      expect(resource.Properties.Timeout).toBe(29);
      expect(budgetMs(resource) / 1000 + 4).toBeLessThanOrEqual(resource.Properties.Timeout as number);
    }
  });

  it('gives the deploy-time migrations at least 45 s, and a timeout that fits the migrations too', () => {
    const migrate = fn(dev, 'Migrate');
    expect(budgetMs(migrate)).toBe(60_000);
    expect(budgetMs(migrate)).toBeGreaterThanOrEqual(45_000);
    expect(migrate.Properties.Timeout).toBe(300);
    expect((migrate.Properties.Timeout as number) - budgetMs(migrate) / 1000).toBeGreaterThanOrEqual(60);
    // The trigger waits for the function's whole run.
    const trigger = Object.values(resourcesOf(dev.template, 'Custom::Trigger'))[0]!;
    expect(Number(trigger.Properties.Timeout)).toBeGreaterThanOrEqual(
      (migrate.Properties.Timeout as number) * 1000,
    );
  });

  it('lets the relay, sweeper and worker finish a last statement that waits out its budget', () => {
    const relay = fn(dev, 'Relay');
    expect(budgetMs(relay)).toBe(15_000);
    expect(env(relay).RELAY_LOOP_SECONDS).toBe('55');
    expect(relay.Properties.Timeout).toBe(75);
    expect(relay.Properties.Timeout as number).toBeGreaterThanOrEqual(55 + budgetMs(relay) / 1000);

    const sweeper = fn(dev, 'Sweeper');
    expect(budgetMs(sweeper)).toBe(10_000);
    expect(env(sweeper).SWEEPER_TIME_BUDGET_MS).toBe('45000');
    expect(sweeper.Properties.Timeout).toBe(60);
    expect(sweeper.Properties.Timeout as number).toBeGreaterThanOrEqual(45 + budgetMs(sweeper) / 1000);

    const worker = fn(dev, 'Worker');
    expect(budgetMs(worker)).toBe(20_000);
    const longestTask = Number(env(worker).TASK_MAX_TIMEOUT_SECONDS);
    // Claim, the longest task, outcome write: inside the worker's timeout.
    expect(longestTask + (2 * budgetMs(worker)) / 1000).toBeLessThan(worker.Properties.Timeout as number);
    // Relay and sweeper stay far inside the 15-minute Lambda limit and their schedules.
    expect(relay.Properties.Timeout as number).toBeLessThanOrEqual(120);
  });
});

describe('migrate trigger', () => {
  const clusterResourceId = () => {
    const cluster = Object.keys(resourcesOf(dev.template, 'AWS::RDS::DBCluster'))[0]!;
    return { 'Fn::GetAtt': [cluster, 'DBClusterResourceId'] };
  };

  it('runs again when the cluster is replaced: its properties and the version it invokes name the cluster', () => {
    const trigger = Object.values(resourcesOf(dev.template, 'Custom::Trigger'))[0]!;
    // A replaced cluster gets a new resource id: the trigger's properties change, so
    // CloudFormation updates it, and the trigger runs on every update.
    expect(trigger.Properties.DatabaseIdentity).toEqual(clusterResourceId());
    expect(trigger.Properties.ExecuteOnHandlerChange).toBe(true);
    // It invokes a version (a snapshot of the function's environment); that version is
    // replaced with the cluster too, so the run uses the new cluster's ARN and secret.
    const versionId = (trigger.Properties.HandlerArn as { Ref: string }).Ref;
    const version = resourcesOf(dev.template, 'AWS::Lambda::Version')[versionId]!;
    expect(version.Properties.FunctionName).toEqual({ Ref: expect.stringMatching(/^Migrate/) });
    expect(JSON.stringify(version.Properties.Description)).toContain(JSON.stringify(clusterResourceId()));
  });

  it('keeps the same template across synths, so `cdk diff` stays clean', () => {
    const again = synthTemplate();
    expect(resourcesOf(again.template, 'Custom::Trigger')).toEqual(
      resourcesOf(dev.template, 'Custom::Trigger'),
    );
    expect(resourcesOf(again.template, 'AWS::Lambda::Version')).toEqual(
      resourcesOf(dev.template, 'AWS::Lambda::Version'),
    );
  });

  it('names the compose database on LocalStack', () => {
    const local = synthTemplate({ target: 'localstack' });
    const trigger = Object.values(resourcesOf(local.template, 'Custom::Trigger'))[0]!;
    expect(trigger.Properties.DatabaseIdentity).toBe(LOCALSTACK_DATA_API.clusterArn);
  });

  it('updates no function before its migrations ran, so new code never meets an old schema', () => {
    const dependsOnTrigger = (r: Resource) => ((r.DependsOn ?? []) as string[]).includes('MigrateTrigger');
    for (const [id, resource] of functions(dev))
      expect(dependsOnTrigger(resource), id).toBe(!id.startsWith('Migrate'));
    const mappings = Object.values(resourcesOf(dev.template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(3);
    for (const mapping of mappings) expect(dependsOnTrigger(mapping)).toBe(true);
    for (const rule of Object.values(resourcesOf(dev.template, 'AWS::Events::Rule')))
      expect(dependsOnTrigger(rule)).toBe(true);
  });
});

describe('schedules and queues', () => {
  it('retries a delivery that failed but never a run that failed, each only within a minute', () => {
    const rules = Object.values(resourcesOf(dev.template, 'AWS::Events::Rule'));
    expect(rules).toHaveLength(2);
    for (const rule of rules)
      for (const target of rule.Properties.Targets as Array<{ RetryPolicy: unknown }>)
        expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 3 });
    const invokeConfigs = Object.values(resourcesOf(dev.template, 'AWS::Lambda::EventInvokeConfig'));
    expect(invokeConfigs).toHaveLength(2);
    for (const config of invokeConfigs)
      expect(config.Properties).toMatchObject({ MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 });
  });

  it('keeps what event source mappings and redrive require of the queues', () => {
    const worker = fn(dev, 'Worker');
    const queues = Object.values(resourcesOf(dev.template, 'AWS::SQS::Queue'));
    const sources = queues.filter((q) => q.Properties.RedrivePolicy);
    expect(sources).toHaveLength(3);
    for (const queue of sources) {
      // AWS refuses a mapping whose queue hides a message for less than the function timeout.
      expect(queue.Properties.VisibilityTimeout as number).toBeGreaterThanOrEqual(
        worker.Properties.Timeout as number,
      );
      expect(queue.Properties.MessageRetentionPeriod).toBe(QUEUE_RETENTION_SECONDS);
    }
    // A standard DLQ keeps a message's first enqueue time: it must outlast the source queue.
    expect(DLQ_RETENTION_SECONDS).toBeGreaterThan(QUEUE_RETENTION_SECONDS);
    // Each retry is a receive: SQS must not dead-letter a task before its own attempts run out.
    expect(MAX_RECEIVE_COUNT).toBeGreaterThan(taskDefaults({}).maxAttemptsLimit);
    for (const mapping of Object.values(resourcesOf(dev.template, 'AWS::Lambda::EventSourceMapping'))) {
      expect(mapping.Properties.BatchSize as number).toBeLessThanOrEqual(10); // no batching window
      expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBeUndefined();
    }
  });
});
