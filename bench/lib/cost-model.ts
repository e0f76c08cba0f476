/**
 * The marginal AWS cost of a million no-op tasks, from what scenario (g) counted for ours: what
 * one more task adds to the bill of a deployed stack that is running anyway. Fixed costs (the
 * relay's and sweeper's schedules, idle long polls, the cluster's floor, endpoints) are not
 * marginal and are left out; docs/deploy.md has them ("Idle cost of a dev stage").
 *
 * Counted: HTTP requests and their bytes, Data API requests per component (with their payload
 * sizes; the relay's and sweeper's polls that found nothing are idle), SQS requests by action
 * (empty receives are idle), worker invocations, and PostgreSQL's WAL, CPU and bytes kept.
 * Stated (ASSUMPTIONS): what a deployed function spends per call it makes, how CPU maps to ACUs,
 * WAL to Aurora I/Os, and log bytes and traced share per invocation.
 */

import { apiGatewayBilledRequests, type ListPrice, PRICES, priced } from './aws-prices.ts';
import type { StatementDetail } from './counting-database.ts';
import type { SqsActionCount } from './sqs-counter.ts';

export type SubmitMode = 'single' | 'batch';

/** Ours in one (g) run: the counts the model prices. */
export interface OursCounts {
  mode: SubmitMode;
  tasks: number;
  /** `viaFunctionUrl`: priced as a Lambda function URL, which has no charge per request (what-if). */
  http: { requests: number; bodyBytes: number; viaFunctionUrl?: boolean };
  /** `component:function` -> calls, idle calls, Data API requests billed. */
  statements: Record<string, StatementDetail>;
  sqs: Record<string, SqsActionCount>;
  workerInvocations: number;
  walBytes: number;
  cpuSeconds: number;
  keptBytes: number;
  /** The application's JSON log lines at INFO while the tasks went through. */
  logs: { lines: number; bytes: number };
}

/** What the deployed stage configures (infra/config.ts). */
export interface Deployment {
  stage: string;
  apiMemoryMb: number;
  workerMemoryMb: number;
  taskRetentionDays: number;
}

export interface Assumptions {
  /** One Data API call from a function in the region, ms (ExecuteStatement, Begin/Commit). */
  dataApiCallMs: number;
  /** One SQS call made by the worker function itself, ms. */
  sqsCallMs: number;
  /** One Redis round trip from an API function (in the VPC), ms. */
  redisCallMs: number;
  /** Redis round trips per submit request: the rate limit's token bucket (no Idempotency-Key in (g)). */
  redisCallsPerRequest: number;
  /** A warm invocation's own work besides its calls (middy, auth, JSON, response), ms. */
  invocationOverheadMs: number;
  /** Parsing, validating and serializing one task of a request or batch, ms. */
  perTaskMs: number;
  /**
   * ACU-seconds per CPU-second of PostgreSQL work: an ACU is 2 GiB of memory "with corresponding
   * CPU", and the memory-optimised classes Serverless v2 compares to have 8 GiB per vCPU, so one
   * vCPU is about 4 ACUs (at full use; headroom costs more).
   */
  acuSecondsPerCpuSecond: number;
  /** Aurora bills write I/Os in 4 KB units of log; PostgreSQL's WAL stands in for Aurora's log. */
  walBytesPerIo: number;
  /**
   * CloudWatch Logs bytes per invocation besides the application's lines: one EMF metrics record
   * (~250). Lambda's START, END and REPORT lines (~440 with the X-Ray line) are not written: the
   * stack's functions log in JSON with the system log level at WARN (`infra/constructs/node-function.ts`).
   */
  logBytesPerInvocation: number;
  /** What Powertools adds to each application line inside Lambda (function name, ARN, request id, ...). */
  lambdaContextBytesPerLine: number;
  /** Share of API requests and worker invocations X-Ray records (default rule: 1/s + 5 %). */
  tracedShare: number;
}

export const ASSUMPTIONS: Assumptions = {
  dataApiCallMs: 15,
  sqsCallMs: 10,
  redisCallMs: 1,
  redisCallsPerRequest: 1,
  invocationOverheadMs: 5,
  perTaskMs: 0.1,
  acuSecondsPerCpuSecond: 4,
  walBytesPerIo: 4096,
  logBytesPerInvocation: 250,
  lambdaContextBytesPerLine: 250,
  tracedShare: 0.05,
};

export interface LineItem {
  item: string;
  /** Units per million tasks. */
  quantity: number;
  price: ListPrice;
  usd: number;
  /** How the quantity was arrived at. */
  basis: string;
}

export interface CostEstimate {
  mode: SubmitMode;
  lines: LineItem[];
  total: number;
  /** Derived per-call figures, for the printout. */
  derived: {
    tasksPerRequest: number;
    tasksPerWorkerInvocation: number;
    apiMs: number;
    workerMs: number;
  };
}

/** SQS actions that are not per task: the sweeper's queue depths, the runtime's setup. */
const FIXED_SQS_ACTIONS = new Set(['GetQueueAttributes', 'GetQueueUrl', 'ListQueues', 'CreateQueue']);
/** Components whose polls that found nothing are idle (they run on a schedule either way). */
const POLLING_COMPONENTS = new Set(['relay', 'sweeper']);
/** Not part of a task's life: the harness's own statements and migrations. */
const IGNORED_COMPONENTS = new Set(['bench', 'migrate']);

const GIB = 2 ** 30;
/** 730 hours: AWS's month. */
const DAYS_PER_MONTH = 730 / 24;

function component(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

function sumStatements(
  statements: Record<string, StatementDetail>,
  pick: (component: string) => boolean,
  marginalOnly: boolean,
): { calls: number; units: number } {
  let calls = 0;
  let units = 0;
  for (const [key, d] of Object.entries(statements)) {
    const c = component(key);
    if (IGNORED_COMPONENTS.has(c) || !pick(c)) continue;
    // An idle poll is one small request (billed as one).
    const idle = marginalOnly && POLLING_COMPONENTS.has(c) ? d.idle : 0;
    calls += d.calls - idle;
    units += d.dataApiUnits - idle;
  }
  return { calls, units };
}

/** Prices `counts` per million tasks. Pure arithmetic: no I/O. */
export function costPerMillion(
  counts: OursCounts,
  deployment: Deployment,
  assumptions: Assumptions = ASSUMPTIONS,
): CostEstimate {
  const a = assumptions;
  const scale = 1_000_000 / counts.tasks;
  const requests = counts.http.requests;
  const tasksPerRequest = counts.tasks / requests;
  const invocations = counts.workerInvocations;

  const api = sumStatements(counts.statements, (c) => c === 'api', true);
  const worker = sumStatements(counts.statements, (c) => c === 'worker', true);
  const all = sumStatements(counts.statements, () => true, true);
  const workerSqsCalls = Object.entries(counts.sqs)
    .filter(([action]) => action.startsWith('ChangeMessageVisibility'))
    .reduce((n, [, c]) => n + c.calls, 0);

  const apiMs = Math.ceil(
    a.invocationOverheadMs +
      a.perTaskMs * tasksPerRequest +
      a.dataApiCallMs * (api.calls / requests) +
      a.redisCallMs * a.redisCallsPerRequest,
  );
  const workerMs =
    invocations === 0
      ? 0
      : Math.ceil(
          a.invocationOverheadMs +
            a.perTaskMs * (counts.tasks / invocations) +
            a.dataApiCallMs * (worker.calls / invocations) +
            a.sqsCallMs * (workerSqsCalls / invocations),
        );

  let sqsBilled = 0;
  const sqsParts: string[] = [];
  for (const [action, c] of Object.entries(counts.sqs)) {
    if (FIXED_SQS_ACTIONS.has(action)) continue;
    const billed = action === 'ReceiveMessage' ? c.billed - c.empty : c.billed;
    sqsBilled += billed;
    sqsParts.push(`${action} ${round2(billed / counts.tasks)}`);
  }

  const apiBilled = counts.http.viaFunctionUrl
    ? 0
    : requests * apiGatewayBilledRequests(counts.http.bodyBytes / requests);
  const apiGbSeconds = requests * (deployment.apiMemoryMb / 1024) * (apiMs / 1000);
  const workerGbSeconds = invocations * (deployment.workerMemoryMb / 1024) * (workerMs / 1000);
  const acuHours = (counts.cpuSeconds * a.acuSecondsPerCpuSecond) / 3600;
  const ios = counts.walBytes / a.walBytesPerIo;
  const storageGbMonths = (counts.keptBytes / GIB) * (deployment.taskRetentionDays / DAYS_PER_MONTH);
  const logBytes =
    (requests + invocations) * a.logBytesPerInvocation +
    counts.logs.bytes +
    counts.logs.lines * a.lambdaContextBytesPerLine;
  const logGb = logBytes / GIB;
  const traces = (requests + invocations) * a.tracedShare;

  const perTask = (n: number) => round2(n / counts.tasks);
  const line = (item: string, quantity: number, price: ListPrice, basis: string): LineItem => ({
    item,
    quantity: quantity * scale,
    price,
    usd: priced(price, quantity * scale),
    basis,
  });
  const lines: LineItem[] = [
    line(
      'API Gateway HTTP API requests',
      apiBilled,
      PRICES.apiGatewayHttpRequest,
      counts.http.viaFunctionUrl
        ? 'a function URL: no charge per request'
        : `${perTask(requests)} requests per task, ${Math.round(counts.http.bodyBytes / requests)} bytes each`,
    ),
    line('API Lambda invocations', requests, PRICES.lambdaRequest, 'one per HTTP request'),
    line(
      'API Lambda duration',
      apiGbSeconds,
      PRICES.lambdaArmGbSecond,
      `${deployment.apiMemoryMb} MB x ${apiMs} ms (${round2(api.calls / requests)} Data API calls per request)`,
    ),
    line(
      'worker Lambda invocations',
      invocations,
      PRICES.lambdaRequest,
      `${round2(counts.tasks / Math.max(1, invocations))} tasks per invocation`,
    ),
    line(
      'worker Lambda duration',
      workerGbSeconds,
      PRICES.lambdaArmGbSecond,
      `${deployment.workerMemoryMb} MB x ${workerMs} ms (${round2(worker.calls / Math.max(1, invocations))} Data API calls per invocation)`,
    ),
    line('SQS requests', sqsBilled, PRICES.sqsRequest, `per task: ${sqsParts.join(', ')}`),
    line(
      'RDS Data API requests',
      all.units,
      PRICES.dataApiRequest,
      `per task: ${perTask(all.calls)} calls, ${perTask(all.units)} billed (32 KB units; idle polls left out)`,
    ),
    line(
      'Aurora Serverless v2 compute',
      acuHours,
      PRICES.auroraAcuHour,
      `${round2((counts.cpuSeconds * 1000) / counts.tasks)} ms PostgreSQL CPU per task x ${a.acuSecondsPerCpuSecond} ACU-s per CPU-s`,
    ),
    line(
      'Aurora I/O',
      ios,
      PRICES.auroraIo,
      `${Math.round(counts.walBytes / counts.tasks)} WAL bytes per task / ${a.walBytesPerIo}`,
    ),
    line(
      'Aurora storage',
      storageGbMonths,
      PRICES.auroraStorageGbMonth,
      `${Math.round(counts.keptBytes / counts.tasks)} bytes kept per task for ${deployment.taskRetentionDays} days`,
    ),
    line(
      'CloudWatch Logs',
      logGb,
      PRICES.cloudWatchLogsGb,
      `${a.logBytesPerInvocation} bytes per API and worker invocation + ${
        counts.logs.lines === 0
          ? 'no application lines'
          : `${perTask(counts.logs.lines)} application lines per task (${Math.round(counts.logs.bytes / counts.logs.lines) + a.lambdaContextBytesPerLine} bytes each)`
      }`,
    ),
    line(
      'X-Ray traces',
      traces,
      PRICES.xrayTrace,
      `${a.tracedShare * 100} % of API requests and worker invocations`,
    ),
  ];
  return {
    mode: counts.mode,
    lines,
    total: lines.reduce((sum, l) => sum + l.usd, 0),
    derived: {
      tasksPerRequest,
      tasksPerWorkerInvocation: invocations === 0 ? 0 : counts.tasks / invocations,
      apiMs,
      workerMs,
    },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One step of `whatIf`: a change, and the estimate with it and every step before it. */
export interface WhatIfStep {
  change: string;
  estimate: CostEstimate;
}

function scaleDetail(d: StatementDetail, factor: number, idleKept: boolean): StatementDetail {
  const idle = idleKept ? d.idle : 0;
  return {
    calls: idle + (d.calls - idle) * factor,
    idle,
    requestBytes: d.requestBytes * factor,
    responseBytes: d.responseBytes * factor,
    dataApiUnits: idle + (d.dataApiUnits - idle) * factor,
  };
}

/**
 * What would bring the cost down, cumulatively: the data path at issue 13's targets (WAL at
 * most 2,000 bytes and at most 1,300 bytes kept per task, PostgreSQL CPU per task as the best
 * peer's in the same run), then for single submits the API
 * function at 256 MB, a busy queue (full batches: 10 tasks per worker invocation and SQS call,
 * 100 per relay round), no INFO line per request and X-Ray sampling at 1 %, and a Lambda function
 * URL in front of the API instead of API Gateway.
 */
export function whatIf(
  counts: OursCounts,
  deployment: Deployment,
  bestPeerCpuSecondsPerTask: number,
  assumptions: Assumptions = ASSUMPTIONS,
): WhatIfStep[] {
  const steps: WhatIfStep[] = [];
  let c: OursCounts = counts;
  let d: Deployment = deployment;
  let a: Assumptions = assumptions;
  const step = (change: string) => steps.push({ change, estimate: costPerMillion(c, d, a) });
  step('as measured');
  c = {
    ...c,
    walBytes: Math.min(c.walBytes, 2000 * c.tasks),
    keptBytes: Math.min(c.keptBytes, 1300 * c.tasks),
    cpuSeconds: Math.min(c.cpuSeconds, bestPeerCpuSecondsPerTask * c.tasks),
  };
  step('WAL <= 2,000 B, kept <= 1,300 B and PostgreSQL CPU as the best peer, per task');
  if (counts.mode === 'single') {
    d = { ...d, apiMemoryMb: Math.min(d.apiMemoryMb, 256) };
    step('API function at 256 MB');
    const invocations = Math.min(c.workerInvocations, c.tasks / 10);
    const workerFactor = c.workerInvocations === 0 ? 1 : invocations / c.workerInvocations;
    const relayBusy = Math.max(
      0,
      ...Object.entries(c.statements)
        .filter(([key]) => component(key) === 'relay')
        .map(([, s]) => s.calls - s.idle),
    );
    const relayFactor = relayBusy === 0 ? 1 : Math.min(1, c.tasks / 100 / relayBusy);
    const statements = Object.fromEntries(
      Object.entries(c.statements).map(([key, s]) => {
        const comp = component(key);
        if (comp === 'worker') return [key, scaleDetail(s, workerFactor, false)];
        if (comp === 'relay') return [key, scaleDetail(s, relayFactor, true)];
        return [key, s];
      }),
    );
    const sqs = Object.fromEntries(
      Object.entries(c.sqs).map(([action, q]) => {
        if (FIXED_SQS_ACTIONS.has(action)) return [action, q];
        const busy = action === 'ReceiveMessage' ? q.calls - q.empty : q.calls;
        const full = Math.min(busy, c.tasks / 10);
        return [action, { ...q, calls: full, billed: full, empty: 0 }];
      }),
    );
    c = { ...c, workerInvocations: invocations, statements, sqs };
    step('a busy queue: 10 tasks per worker invocation and SQS call, 100 per relay round');
    c = { ...c, logs: { lines: 0, bytes: 0 } };
    a = { ...a, tracedShare: Math.min(a.tracedShare, 0.01) };
    step('no INFO line per request, X-Ray sampling 1 %');
    c = { ...c, http: { ...c.http, viaFunctionUrl: true } };
    step('a Lambda function URL instead of API Gateway (no request charge; no stage throttling)');
  }
  return steps;
}

/** The targets of issue 13 for a million tasks. */
export const COST_TARGETS: Record<SubmitMode, number> = { batch: 0.5, single: 2.0 };

/** The (g) run of ours in a bench JSON, as the model's input. */
export function oursCountsFromRun(run: {
  mode: SubmitMode;
  tasks: number;
  counts: { walBytes: number; cpuSeconds: number; keptBytes: number };
  details?: Record<string, unknown>;
}): OursCounts {
  const details = run.details as
    | {
        statements?: { detail?: Record<string, StatementDetail> };
        sqs?: Record<string, SqsActionCount>;
        workerInvocations?: number;
        http?: { requests: number; bodyBytes: number };
        logs?: { lines: number; bytes: number };
      }
    | undefined;
  if (
    !details?.statements?.detail ||
    !details.sqs ||
    !details.http ||
    details.workerInvocations === undefined
  )
    throw new Error(`the (g) run of ours (${run.mode}) has no counts for the cost model`);
  return {
    mode: run.mode,
    tasks: run.tasks,
    http: details.http,
    statements: details.statements.detail,
    sqs: details.sqs,
    workerInvocations: details.workerInvocations,
    walBytes: run.counts.walBytes,
    cpuSeconds: run.counts.cpuSeconds,
    keptBytes: run.counts.keptBytes,
    logs: details.logs ?? { lines: 0, bytes: 0 },
  };
}
