/**
 * Stage configuration, read from CDK context. `-c stage=dev|prod` picks a preset; any field can
 * be overridden per stage with a `taskforge:<stage>` context object (in cdk.json, cdk.context.json
 * or `-c 'taskforge:dev={"alarmEmail":"ops@example.com"}'`), and `-c target=localstack` builds
 * the variant without VPC, Aurora and ElastiCache that points the functions at the services of
 * docker-compose.localstack.yml. Everything is validated here, so a typo fails the synth naming
 * the field rather than deploying something unexpected.
 */
import type { Node } from 'constructs';
import type { ShippedFile } from '../shared/http/routes.ts';
import { PRIORITIES, type Priority } from '../shared/tasks/priority.ts';

export type Stage = 'dev' | 'prod';
export type Target = 'aws' | 'localstack';

export interface DatabaseSettings {
  /** Aurora Serverless v2 minimum capacity in ACUs; 0 lets an idle cluster pause. */
  readonly minAcu: number;
  /** Maximum capacity in ACUs (1..256). */
  readonly maxAcu: number;
  /** With `minAcu` 0: idle time before the writer pauses (5..1440 minutes). */
  readonly autoPauseMinutes: number;
  /** Serverless v2 readers in other AZs (failover targets; the Data API uses the writer). */
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  /** What CloudFormation does with the cluster when the stack (or the resource) is deleted. */
  readonly removal: 'destroy' | 'snapshot' | 'retain';
}

export interface CacheSettings {
  /** ElastiCache Serverless usage limits: data stored (GB) and ECPUs per second. */
  readonly maxDataStorageGb: number;
  readonly maxEcpuPerSecond: number;
}

export interface WorkerSettings {
  /** Worker function timeout (the queues' visibility timeout is 6x this). */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Messages per invocation (1..10 without a batching window). */
  readonly batchSize: number;
  /**
   * `maximumConcurrency` of each queue's event source mapping: high >= medium >= low, each >= 2
   * (the AWS minimum). Each queue has its own slots, so a flood of one priority never takes
   * another's; higher weights for higher priorities need an account quota above 10.
   */
  readonly concurrency: Readonly<Record<Priority, number>>;
}

/**
 * The Lambda concurrency budget of the account (one pool per account and region, shared with
 * anything else deployed there). The synth checks that the worker maxima, the relay, the sweeper
 * and a share for the API fit in the quota, so a busy worker cannot throttle the relay.
 */
export interface AccountConcurrencySettings {
  /** The region's "Concurrent executions" quota (Service Quotas, Lambda, L-B99A9384); 10 on new accounts. */
  readonly quota: number;
  /**
   * Reserved concurrency of the relay and of the sweeper each; 0 reserves none. AWS keeps 100 of
   * the quota unreserved, so a reservation is refused below a quota of 100 plus the reservations.
   */
  readonly reservedForSchedules: number;
  /** Concurrency that must remain for the API functions after the worker, relay and sweeper. */
  readonly apiMinimum: number;
}

/**
 * How long each function keeps retrying a database that is resuming, unavailable or unreachable
 * before it gives up (`DB_UNAVAILABLE_RETRY_BUDGET_MS`; the API then answers 503 with Retry-After).
 */
export interface DatabaseRetryBudgets {
  /** API functions: must end in a 503 well within their timeout and API Gateway's 30 s. */
  readonly api: number;
  /** Worker: its claim and its outcome write both fit in the minute it keeps beyond the longest task. */
  readonly worker: number;
  /** Relay: the function's timeout is its loop plus this plus a finishing margin. */
  readonly relay: number;
  /** Sweeper: the function's timeout is its work budget plus this plus a finishing margin. */
  readonly sweeper: number;
  /** Deploy-time migrations: a resume from 0 ACU can take 15 s or more; at least 45 s. */
  readonly migrate: number;
}

export interface ApiSettings {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Stage-wide default route throttling (requests per second and burst). */
  readonly throttleRate: number;
  readonly throttleBurst: number;
  /** Origins allowed by CORS; empty means no CORS preflight configuration. */
  readonly corsOrigins: readonly string[];
}

export interface StageConfig {
  readonly stage: Stage;
  readonly target: Target;
  /** AZs of the VPC (Aurora and ElastiCache need subnets in two). */
  readonly maxAzs: number;
  /** AZs that get an ENI of each interface endpoint (each AZ of each endpoint is billed hourly). */
  readonly endpointAzs: number;
  readonly database: DatabaseSettings;
  readonly cache: CacheSettings;
  readonly worker: WorkerSettings;
  readonly api: ApiSettings;
  readonly accountConcurrency: AccountConcurrencySettings;
  /** Seconds each function keeps retrying an unavailable database (see DatabaseRetryBudgets). */
  readonly databaseRetryBudgetSeconds: DatabaseRetryBudgets;
  /** Retention of every log group (function logs, API access logs, VPC flow logs). */
  readonly logRetentionDays: number;
  /** Terminal tasks are deleted this long after they finished (the sweeper's TASK_RETENTION_DAYS). */
  readonly taskRetentionDays: number;
  /**
   * Run the relay and sweeper schedules. Their polling keeps Aurora awake; turn them off to
   * park an idle dev stage so that a `minAcu` 0 cluster can pause (tasks then wait in the outbox).
   */
  readonly schedulesEnabled: boolean;
  /** Alarm notifications go to an SNS topic with this email subscription; none when unset. */
  readonly alarmEmail?: string;
  /** Alarm when the oldest message of a queue is older than this. */
  readonly oldestMessageAlarmSeconds: number;
  /** Alarm when the relay's publishing lag (RelayLag metric, max) exceeds this. */
  readonly relayLagAlarmSeconds: number;
  /** LocalStack target only: build the HTTP API (API Gateway v2 needs a LocalStack licence). */
  readonly localstackHttpApi: boolean;
}

const DEFAULT_RETRY_BUDGETS: DatabaseRetryBudgets = {
  api: 10,
  worker: 20,
  relay: 15,
  sweeper: 10,
  migrate: 60,
};

/** How long one relay invocation keeps polling the outbox (its schedule starts one every minute). */
export const RELAY_LOOP_SECONDS = 55;
/** How long one sweeper run works before it stops (SWEEPER_TIME_BUDGET_MS). */
export const SWEEPER_WORK_SECONDS = 45;
/** Left after the last statement of a relay or sweeper run (metrics flush, logs). */
const FINISH_MARGIN_SECONDS = 5;
/** The migrate function's timeout: its retry budget plus the migrations themselves. */
export const MIGRATE_TIMEOUT_SECONDS = 300;
/** The migration files the migrate function applies, shipped beside its bundle. */
export const MIGRATION_FILES: readonly ShippedFile[] = [{ from: 'shared/db/migrations', to: 'migrations' }];
/** AWS keeps this much of the account's concurrency unreserved (Lambda developer guide). */
export const MIN_UNRESERVED_CONCURRENCY = 100;

const PRESETS: Record<Stage, Omit<StageConfig, 'stage' | 'target'>> = {
  dev: {
    maxAzs: 2,
    endpointAzs: 1,
    database: {
      minAcu: 0,
      maxAcu: 4,
      autoPauseMinutes: 5,
      readers: 0,
      backupRetentionDays: 1,
      deletionProtection: false,
      removal: 'destroy',
    },
    cache: { maxDataStorageGb: 1, maxEcpuPerSecond: 5000 },
    worker: {
      timeoutSeconds: 900,
      memoryMb: 1024,
      batchSize: 10,
      // The smallest the mappings allow: quota 10 = worker 6 + relay 1 + sweeper 1 + API 2.
      concurrency: { high: 2, medium: 2, low: 2 },
    },
    api: { memoryMb: 1024, timeoutSeconds: 29, throttleRate: 50, throttleBurst: 100, corsOrigins: [] },
    // What a new account has: nothing can be reserved below a quota of 102.
    accountConcurrency: { quota: 10, reservedForSchedules: 0, apiMinimum: 2 },
    databaseRetryBudgetSeconds: DEFAULT_RETRY_BUDGETS,
    logRetentionDays: 14,
    taskRetentionDays: 7,
    schedulesEnabled: true,
    oldestMessageAlarmSeconds: 900,
    relayLagAlarmSeconds: 120,
    localstackHttpApi: true,
  },
  prod: {
    maxAzs: 2,
    endpointAzs: 2,
    database: {
      minAcu: 0.5,
      maxAcu: 16,
      autoPauseMinutes: 5,
      readers: 1,
      backupRetentionDays: 14,
      deletionProtection: true,
      removal: 'snapshot',
    },
    cache: { maxDataStorageGb: 10, maxEcpuPerSecond: 50_000 },
    worker: {
      timeoutSeconds: 900,
      memoryMb: 1024,
      batchSize: 10,
      concurrency: { high: 60, medium: 30, low: 10 },
    },
    api: { memoryMb: 1024, timeoutSeconds: 29, throttleRate: 500, throttleBurst: 1000, corsOrigins: [] },
    // The default quota of an established account; raise it (Service Quotas) before deploying.
    accountConcurrency: { quota: 1000, reservedForSchedules: 1, apiMinimum: 100 },
    databaseRetryBudgetSeconds: DEFAULT_RETRY_BUDGETS,
    logRetentionDays: 90,
    taskRetentionDays: 30,
    schedulesEnabled: true,
    oldestMessageAlarmSeconds: 900,
    relayLagAlarmSeconds: 120,
    localstackHttpApi: true,
  },
};

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Ids the LocalStack variant hands to the Data API emulator (it checks both on every call). */
export const LOCALSTACK_DATA_API = {
  endpoint: 'http://data-api:8089',
  clusterArn: 'arn:aws:rds:us-east-1:000000000000:cluster:taskforge-local',
  secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:taskforge-local-AbCdEf',
  redisUrl: 'redis://redis:6379',
} as const;

export class StageConfigError extends Error {
  override readonly name = 'StageConfigError';
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge<T>(base: T, override: PlainObject, path: string): T {
  const result: PlainObject = { ...(base as PlainObject) };
  for (const [key, value] of Object.entries(override)) {
    if (!(key in result)) throw new StageConfigError(`unknown setting ${path}${key}`);
    const current = result[key];
    result[key] =
      isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value, `${path}${key}.`) : value;
  }
  return result as T;
}

function parseContextObject(raw: unknown, key: string): PlainObject {
  if (raw === undefined) return {};
  const value = typeof raw === 'string' ? safeJson(raw, key) : raw;
  if (!isPlainObject(value)) throw new StageConfigError(`context ${key} must be an object`);
  return value;
}

function safeJson(raw: string, key: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new StageConfigError(`context ${key} is not valid JSON`);
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new StageConfigError(message);
}

function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function booleanContext(raw: unknown, key: string): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new StageConfigError(`context ${key} must be true or false`);
}

/** The most worker invocations the three event source mappings run at once. */
export function workerConcurrencyTotal(config: Pick<StageConfig, 'worker'>): number {
  return PRIORITIES.reduce((sum, priority) => sum + config.worker.concurrency[priority], 0);
}

/**
 * The account's concurrency must hold the worker maxima, one relay and one sweeper (or their
 * reservations) and the API minimum; otherwise a busy worker throttles the relay, whose schedule
 * event is dropped once it is older than a minute.
 */
function checkAccountConcurrency(config: StageConfig): void {
  const { quota, reservedForSchedules, apiMinimum } = config.accountConcurrency;
  check(isInt(quota, 10, 1_000_000), 'accountConcurrency.quota must be 10..1000000');
  check(isInt(reservedForSchedules, 0, 100), 'accountConcurrency.reservedForSchedules must be 0..100');
  check(isInt(apiMinimum, 1, quota), 'accountConcurrency.apiMinimum must be 1..accountConcurrency.quota');
  const reserved = 2 * reservedForSchedules;
  check(
    reserved === 0 || quota - reserved >= MIN_UNRESERVED_CONCURRENCY,
    `accountConcurrency.reservedForSchedules: AWS keeps ${MIN_UNRESERVED_CONCURRENCY} of the quota unreserved, ` +
      `so reserving ${reserved} needs a quota of at least ${MIN_UNRESERVED_CONCURRENCY + reserved} ` +
      `(accountConcurrency.quota is ${quota}); set it to 0 or raise the quota`,
  );
  const worker = workerConcurrencyTotal(config);
  const schedules = 2 * Math.max(1, reservedForSchedules);
  check(
    worker + schedules + apiMinimum <= quota,
    `worker.concurrency (${worker} in all) + relay and sweeper (${schedules}) + ` +
      `accountConcurrency.apiMinimum (${apiMinimum}) exceed accountConcurrency.quota (${quota})`,
  );
}

function checkRetryBudgets(config: StageConfig): void {
  const budget = config.databaseRetryBudgetSeconds;
  const spare = config.worker.timeoutSeconds - maxTaskTimeoutSeconds(config.worker.timeoutSeconds);
  check(
    isInt(budget.api, 1, Math.min(25, config.api.timeoutSeconds - 4)),
    'databaseRetryBudgetSeconds.api must be 1..min(25, api.timeoutSeconds - 4): a 503 must come well ' +
      "before the function's timeout and API Gateway's 30 s",
  );
  check(
    isInt(budget.worker, 1, Math.floor((spare - 10) / 2)),
    `databaseRetryBudgetSeconds.worker must be 1..${Math.floor((spare - 10) / 2)}: the claim and the ` +
      `outcome write must both fit in the ${spare} s the worker keeps beyond the longest task`,
  );
  check(isInt(budget.relay, 1, 60), 'databaseRetryBudgetSeconds.relay must be 1..60');
  check(isInt(budget.sweeper, 1, 60), 'databaseRetryBudgetSeconds.sweeper must be 1..60');
  check(
    isInt(budget.migrate, 45, MIGRATE_TIMEOUT_SECONDS - 60),
    `databaseRetryBudgetSeconds.migrate must be 45..${MIGRATE_TIMEOUT_SECONDS - 60}: a resume from 0 ACU ` +
      'can take 15 s or more, and the migrations need the rest of the function timeout',
  );
}

/** The relay's timeout: its loop, one last statement that may wait out its retry budget, a margin. */
export function relayTimeoutSeconds(config: Pick<StageConfig, 'databaseRetryBudgetSeconds'>): number {
  return RELAY_LOOP_SECONDS + config.databaseRetryBudgetSeconds.relay + FINISH_MARGIN_SECONDS;
}

/** The sweeper's timeout: its work budget, one last statement within its retry budget, a margin. */
export function sweeperTimeoutSeconds(config: Pick<StageConfig, 'databaseRetryBudgetSeconds'>): number {
  return SWEEPER_WORK_SECONDS + config.databaseRetryBudgetSeconds.sweeper + FINISH_MARGIN_SECONDS;
}

/** Checks every rule a deploy would otherwise trip over later (or silently get wrong). */
export function validateStageConfig(config: StageConfig): StageConfig {
  const { database: db, worker, api, cache } = config;
  check(isInt(config.maxAzs, 2, 3), 'maxAzs must be 2 or 3 (Aurora and ElastiCache need two AZs)');
  check(isInt(config.endpointAzs, 1, config.maxAzs), 'endpointAzs must be between 1 and maxAzs');
  check(
    typeof db.minAcu === 'number' && db.minAcu >= 0 && db.minAcu <= 256 && (db.minAcu * 2) % 1 === 0,
    'database.minAcu must be 0..256 in steps of 0.5',
  );
  check(
    typeof db.maxAcu === 'number' && db.maxAcu >= 1 && db.maxAcu <= 256 && (db.maxAcu * 2) % 1 === 0,
    'database.maxAcu must be 1..256 in steps of 0.5',
  );
  check(db.minAcu <= db.maxAcu, 'database.minAcu must not exceed database.maxAcu');
  check(isInt(db.autoPauseMinutes, 5, 1440), 'database.autoPauseMinutes must be 5..1440');
  check(isInt(db.readers, 0, 15), 'database.readers must be 0..15');
  check(isInt(db.backupRetentionDays, 1, 35), 'database.backupRetentionDays must be 1..35');
  check(
    ['destroy', 'snapshot', 'retain'].includes(db.removal),
    'database.removal must be destroy|snapshot|retain',
  );
  check(isInt(cache.maxDataStorageGb, 1, 5000), 'cache.maxDataStorageGb must be 1..5000');
  check(isInt(cache.maxEcpuPerSecond, 1000, 15_000_000), 'cache.maxEcpuPerSecond must be 1000..15000000');
  check(isInt(worker.timeoutSeconds, 120, 900), 'worker.timeoutSeconds must be 120..900');
  check(isInt(worker.memoryMb, 128, 10_240), 'worker.memoryMb must be 128..10240');
  check(isInt(worker.batchSize, 1, 10), 'worker.batchSize must be 1..10');
  for (const priority of PRIORITIES)
    check(isInt(worker.concurrency[priority], 2, 1000), `worker.concurrency.${priority} must be 2..1000`);
  check(
    worker.concurrency.high >= worker.concurrency.medium &&
      worker.concurrency.medium >= worker.concurrency.low,
    'worker.concurrency must be weighted high >= medium >= low',
  );
  check(isInt(api.memoryMb, 128, 10_240), 'api.memoryMb must be 128..10240');
  check(
    isInt(api.timeoutSeconds, 3, 29),
    'api.timeoutSeconds must be 3..29 (API Gateway waits at most 30 s)',
  );
  check(isInt(api.throttleRate, 1, 100_000), 'api.throttleRate must be 1..100000');
  check(isInt(api.throttleBurst, 1, 100_000), 'api.throttleBurst must be 1..100000');
  check(
    Array.isArray(api.corsOrigins) && api.corsOrigins.every((o) => typeof o === 'string' && o.length > 0),
    'api.corsOrigins must be a list of origins',
  );
  checkAccountConcurrency(config);
  checkRetryBudgets(config);
  check(
    (LOG_RETENTION_DAYS as readonly number[]).includes(config.logRetentionDays),
    `logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
  );
  check(isInt(config.taskRetentionDays, 0, 3650), 'taskRetentionDays must be 0..3650');
  check(typeof config.schedulesEnabled === 'boolean', 'schedulesEnabled must be a boolean');
  check(typeof config.localstackHttpApi === 'boolean', 'localstackHttpApi must be a boolean');
  check(
    config.alarmEmail === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.alarmEmail),
    'alarmEmail must be an email address',
  );
  check(
    isInt(config.oldestMessageAlarmSeconds, 60, 1_209_600),
    'oldestMessageAlarmSeconds must be 60..1209600',
  );
  check(isInt(config.relayLagAlarmSeconds, 1, 86_400), 'relayLagAlarmSeconds must be 1..86400');
  return config;
}

/**
 * The configuration of the stage the context asks for.
 *
 * @example
 * const config = stageConfig(app.node); // -c stage=prod -c 'taskforge:prod={"alarmEmail":"ops@example.com"}'
 */
export function stageConfig(node: Pick<Node, 'tryGetContext'>): StageConfig {
  const stage = (node.tryGetContext('stage') ?? 'dev') as string;
  if (stage !== 'dev' && stage !== 'prod')
    throw new StageConfigError(`stage must be dev or prod, got "${stage}"`);
  const target = (node.tryGetContext('target') ?? 'aws') as string;
  if (target !== 'aws' && target !== 'localstack')
    throw new StageConfigError(`target must be aws or localstack, got "${target}"`);
  const key = `taskforge:${stage}`;
  const merged = deepMerge(PRESETS[stage], parseContextObject(node.tryGetContext(key), key), `${key}: `);
  const alarmEmail = node.tryGetContext('alarmEmail') as string | undefined;
  const schedules = booleanContext(node.tryGetContext('schedules'), 'schedules');
  const localstackHttpApi = booleanContext(node.tryGetContext('localstackHttpApi'), 'localstackHttpApi');
  return validateStageConfig({
    ...merged,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(schedules === undefined ? {} : { schedulesEnabled: schedules }),
    ...(localstackHttpApi === undefined ? {} : { localstackHttpApi }),
    stage,
    target,
  });
}

/**
 * The longest `timeoutSeconds` a task may ask for: the worker's timeout less a minute for
 * receiving and claiming the batch and recording the outcome, and never more than 840 s.
 */
export function maxTaskTimeoutSeconds(workerTimeoutSeconds: number): number {
  return Math.min(840, workerTimeoutSeconds - 60);
}
