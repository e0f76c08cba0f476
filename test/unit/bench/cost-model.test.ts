import { describe, expect, it } from 'vitest';
import {
  apiGatewayBilledRequests,
  dataApiBilledRequests,
  sqsBilledRequests,
} from '../../../bench/lib/aws-prices.ts';
import {
  ASSUMPTIONS,
  costPerMillion,
  type OursCounts,
  oursCountsFromRun,
  whatIf,
} from '../../../bench/lib/cost-model.ts';

const detail = (calls: number, idle: number, dataApiUnits: number) => ({
  calls,
  idle,
  requestBytes: 0,
  responseBytes: 0,
  dataApiUnits,
});
const sqs = (calls: number, billed: number, empty = 0) => ({ calls, billed, empty, messages: 0 });

/** 1,000 tasks in 10 batch requests and 100 worker invocations: easy numbers to price by hand. */
const counts: OursCounts = {
  mode: 'batch',
  tasks: 1000,
  http: { requests: 10, bodyBytes: 250_000 },
  statements: {
    'api:insertTasks': detail(10, 0, 20),
    'worker:claimTasks': detail(100, 0, 100),
    'worker:finishAttemptGroup': detail(100, 0, 100),
    'relay:claimDueOutbox': detail(50, 40, 50),
    'relay:deleteOutboxRows': detail(10, 0, 10),
    'sweeper:republishStranded': detail(5, 5, 5),
    'bench:monitor': detail(3, 0, 3),
  },
  sqs: {
    SendMessageBatch: sqs(100, 100),
    ReceiveMessage: sqs(300, 300, 200),
    DeleteMessageBatch: sqs(100, 100),
    GetQueueAttributes: sqs(3, 3),
  },
  workerInvocations: 100,
  walBytes: 4_096_000,
  cpuSeconds: 0.9,
  keptBytes: 1_000_000,
  logs: { lines: 1000, bytes: 400_000 },
};
const deployment = { stage: 'prod', apiMemoryMb: 1024, workerMemoryMb: 512, taskRetentionDays: 30 };

function usdOf(item: string): number {
  const line = costPerMillion(counts, deployment).lines.find((l) => l.item === item);
  if (!line) throw new Error(`no line ${item}`);
  return line.usd;
}

describe('costPerMillion', () => {
  it('prices API Gateway and the API function per HTTP request, not per task', () => {
    expect(usdOf('API Gateway HTTP API requests')).toBeCloseTo(0.01, 10);
    expect(usdOf('API Lambda invocations')).toBeCloseTo(0.002, 10);
    // 5 ms + 100 tasks x 0.1 ms + 1 Data API call x 15 ms + 1 Redis call x 1 ms = 31 ms at 1 GB.
    expect(usdOf('API Lambda duration')).toBeCloseTo(10_000 * 0.031 * 0.0000133334, 10);
  });

  it('prices worker invocations at the worker memory and the Data API calls each makes', () => {
    expect(usdOf('worker Lambda invocations')).toBeCloseTo(0.02, 10);
    // 5 ms + 10 tasks x 0.1 ms + 2 calls x 15 ms = 36 ms at 0.5 GB, 100,000 invocations.
    expect(usdOf('worker Lambda duration')).toBeCloseTo(100_000 * 0.5 * 0.036 * 0.0000133334, 10);
  });

  it('leaves out empty receives, the sweeper queue depths and idle polls', () => {
    // Send 100 + receives with messages 100 + Delete 100 per 1,000 tasks.
    expect(usdOf('SQS requests')).toBeCloseTo(0.12, 10);
    // api 20 + worker 200 + relay (50 - 40 idle) + 10 units; the idle sweeper and the bench's own none.
    expect(usdOf('RDS Data API requests')).toBeCloseTo(0.084, 10);
  });

  it('turns PostgreSQL CPU, WAL and bytes kept into ACU-hours, I/Os and GB-months', () => {
    // 0.9 ms a task: 900 CPU-s a million x 4 = 1 ACU-hour.
    expect(usdOf('Aurora Serverless v2 compute')).toBeCloseTo(0.12, 10);
    // 4,096 WAL bytes a task = one I/O a task.
    expect(usdOf('Aurora I/O')).toBeCloseTo(0.2, 10);
    // 1,000 bytes a task for 30 days of a 730-hour month.
    expect(usdOf('Aurora storage')).toBeCloseTo((1e9 / 2 ** 30) * (30 / (730 / 24)) * 0.1, 10);
  });

  it('prices log bytes per invocation plus the application lines, and the traced share', () => {
    const perThousand = 110 * ASSUMPTIONS.logBytesPerInvocation + 400_000 + 1000 * 250;
    expect(usdOf('CloudWatch Logs')).toBeCloseTo(((perThousand * 1000) / 2 ** 30) * 0.5, 10);
    expect(usdOf('X-Ray traces')).toBeCloseTo(5500 * 0.000005, 10);
  });

  it('totals its lines and reports the per-call figures it used', () => {
    const estimate = costPerMillion(counts, deployment);
    expect(estimate.total).toBeCloseTo(
      estimate.lines.reduce((sum, l) => sum + l.usd, 0),
      12,
    );
    expect(estimate.derived).toEqual({
      tasksPerRequest: 100,
      tasksPerWorkerInvocation: 10,
      apiMs: 31,
      workerMs: 36,
    });
  });

  it('scales with the configured memory', () => {
    const half = costPerMillion(counts, { ...deployment, apiMemoryMb: 512 });
    const full = costPerMillion(counts, deployment);
    const duration = (e: typeof full) => e.lines.find((l) => l.item === 'API Lambda duration')!.usd;
    expect(duration(half)).toBeCloseTo(duration(full) / 2, 12);
  });
});

describe('whatIf', () => {
  const usd = (step: { estimate: { lines: { item: string; usd: number }[] } }, item: string) =>
    step.estimate.lines.find((l) => l.item === item)!.usd;

  it('starts from the measured estimate and only ever lowers it', () => {
    const steps = whatIf({ ...counts, mode: 'single' }, deployment, 0.0001);
    expect(steps[0]!.estimate.total).toBeCloseTo(
      costPerMillion({ ...counts, mode: 'single' }, deployment).total,
      12,
    );
    for (let i = 1; i < steps.length; i++)
      expect(steps[i]!.estimate.total).toBeLessThanOrEqual(steps[i - 1]!.estimate.total);
  });

  it('caps WAL and bytes kept at the targets and CPU at the best peer, never raising them', () => {
    const wal = { ...counts, walBytes: 8000 * counts.tasks };
    const [, dataPath] = whatIf(wal, deployment, 0.0001);
    expect(usd(dataPath!, 'Aurora I/O')).toBeCloseTo((2000 / 4096) * 0.2, 10);
    // 0.1 ms a task: 100 CPU-s a million x 4 ACU-s.
    expect(usd(dataPath!, 'Aurora Serverless v2 compute')).toBeCloseTo((400 / 3600) * 0.12, 10);
    const [, unchanged] = whatIf(counts, deployment, 1);
    expect(usd(unchanged!, 'Aurora Serverless v2 compute')).toBeCloseTo(0.12, 10);
  });

  it('has the API-side steps only for single submits, ending without API Gateway', () => {
    expect(whatIf(counts, deployment, 0.0001)).toHaveLength(2);
    const single = whatIf({ ...counts, mode: 'single' }, deployment, 0.0001);
    expect(single).toHaveLength(6);
    expect(usd(single.at(-1)!, 'API Gateway HTTP API requests')).toBe(0);
  });
});

describe('billing units', () => {
  it('counts a started chunk as a whole request, and at least one', () => {
    expect(sqsBilledRequests(0)).toBe(1);
    expect(sqsBilledRequests(64 * 1024)).toBe(1);
    expect(sqsBilledRequests(64 * 1024 + 1)).toBe(2);
    expect(dataApiBilledRequests(30_000, 5_000)).toBe(2);
    expect(apiGatewayBilledRequests(600 * 1024)).toBe(2);
  });
});

describe('oursCountsFromRun', () => {
  it('refuses a (g) run without the counts the model needs', () => {
    expect(() =>
      oursCountsFromRun({ mode: 'single', tasks: 10, counts: { walBytes: 1, cpuSeconds: 1, keptBytes: 1 } }),
    ).toThrow(/no counts for the cost model/);
  });
});
