/**
 * The Taskforge stack: wiring only. It builds the constructs, creates one function per route of
 * the route table (shared/http/routes.ts) plus the relay, worker, sweeper and migrate functions, and connects them with the
 * constructs' grant methods. Every setting comes from the stage configuration (infra/config.ts).
 */
import {
  CfnOutput,
  type CfnResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as triggers from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { ROUTES, type RouteSpec } from '../shared/http/routes.ts';
import {
  MIGRATE_TIMEOUT_SECONDS,
  MIGRATION_FILES,
  maxTaskTimeoutSeconds,
  RELAY_LOOP_SECONDS,
  relayTimeoutSeconds,
  type StageConfig,
  SWEEPER_WORK_SECONDS,
  sweeperTimeoutSeconds,
} from './config.ts';
import { Cache } from './constructs/cache.ts';
import { Database } from './constructs/database.ts';
import { HttpApi } from './constructs/http-api.ts';
import { type CacheAccess, type DataAccess, LocalServices } from './constructs/local-services.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Network } from './constructs/network.ts';
import { NodeFunction } from './constructs/node-function.ts';
import { ScheduledFunction } from './constructs/scheduled-function.ts';
import { TaskQueues } from './constructs/task-queues.ts';

export interface TaskforgeStackProps extends StackProps {
  readonly config: StageConfig;
  /** The API routes; @default ROUTES */
  readonly routes?: readonly RouteSpec[];
}

/** `create-task` -> `CreateTask`. */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** `DB_UNAVAILABLE_RETRY_BUDGET_MS`, as `databaseConfig()` reads it. */
function retryBudget(seconds: number): Record<string, string> {
  return { DB_UNAVAILABLE_RETRY_BUDGET_MS: String(seconds * 1000) };
}

export class TaskforgeStack extends Stack {
  readonly apiFunctions = new Map<string, NodeFunction>();
  readonly worker: NodeFunction;
  readonly relay: ScheduledFunction;
  readonly sweeper: ScheduledFunction;
  readonly migrate: NodeFunction;
  readonly queues: TaskQueues;
  readonly network?: Network;
  readonly database?: Database;
  readonly cache?: Cache;
  readonly httpApi?: HttpApi;

  constructor(scope: Construct, id: string, props: TaskforgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes: readonly RouteSpec[] = props.routes ?? ROUTES;
    const onAws = config.target === 'aws';
    const removal = config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logs = { logRetentionDays: config.logRetentionDays, logRemovalPolicy: removal };
    const workerTimeout = Duration.seconds(config.worker.timeoutSeconds);
    const budgets = config.databaseRetryBudgetSeconds;
    const reservedForSchedules = config.accountConcurrency.reservedForSchedules;
    // Below a quota of 102 AWS refuses any reservation, so a fresh account gets none (infra/config.ts).
    const scheduleConcurrency =
      reservedForSchedules > 0 ? { reservedConcurrentExecutions: reservedForSchedules } : {};
    // Every function validates task timeouts against what the worker can run.
    const environment = {
      TASK_MAX_TIMEOUT_SECONDS: String(maxTaskTimeoutSeconds(config.worker.timeoutSeconds)),
    };

    let data: DataAccess;
    let cache: CacheAccess;
    if (onAws) {
      this.network = new Network(this, 'Network', {
        maxAzs: config.maxAzs,
        endpointAzs: config.endpointAzs,
        ...logs,
      });
      this.database = new Database(this, 'Database', { vpc: this.network.vpc, settings: config.database });
      this.cache = new Cache(this, 'Cache', { vpc: this.network.vpc, settings: config.cache });
      data = this.database;
      cache = this.cache;
    } else {
      const local = new LocalServices(this, 'LocalServices');
      data = local;
      cache = local;
    }
    this.queues = new TaskQueues(this, 'Queues', { workerTimeout });

    // --- worker, relay, sweeper: outside the VPC (SQS and the Data API over AWS endpoints;
    // webhooks reach the internet without a NAT gateway).
    this.worker = new NodeFunction(this, 'Worker', {
      entry: 'functions/worker/handler.ts',
      description: 'Runs tasks from the high/medium/low queues',
      timeout: workerTimeout,
      memorySize: config.worker.memoryMb,
      environment: { ...environment, ...retryBudget(budgets.worker) },
      ...logs,
    });
    data.grantDataAccess(this.worker);
    this.queues.addConsumer(this.worker, {
      batchSize: config.worker.batchSize,
      concurrency: config.worker.concurrency,
    });

    this.relay = new ScheduledFunction(this, 'Relay', {
      entry: 'functions/relay/handler.ts',
      description: 'Publishes due outbox rows to the priority queues (loops ~55 s per run)',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      enabled: config.schedulesEnabled,
      timeout: Duration.seconds(relayTimeoutSeconds(config)),
      // Mostly waiting on the Data API and SQS; it runs 55 s of every minute, so size is cost.
      memorySize: 256,
      environment: {
        ...environment,
        ...retryBudget(budgets.relay),
        RELAY_LOOP_SECONDS: String(RELAY_LOOP_SECONDS),
      },
      ...scheduleConcurrency,
      ...logs,
    });
    data.grantDataAccess(this.relay);
    this.queues.grantSend(this.relay);

    this.sweeper = new ScheduledFunction(this, 'Sweeper', {
      entry: 'functions/sweeper/handler.ts',
      description: 'Reclaims expired leases, reconciles dead letters, deletes old tasks',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      enabled: config.schedulesEnabled,
      timeout: Duration.seconds(sweeperTimeoutSeconds(config)),
      environment: {
        ...environment,
        ...retryBudget(budgets.sweeper),
        SWEEPER_TIME_BUDGET_MS: String(SWEEPER_WORK_SECONDS * 1000),
        TASK_RETENTION_DAYS: String(config.taskRetentionDays),
      },
      ...scheduleConcurrency,
      ...logs,
    });
    data.grantDataAccess(this.sweeper);
    this.queues.grantReadDeadLetters(this.sweeper);
    // The lost-message step reads each queue's depth: a backlog may be why a task waits.
    this.queues.grantInspect(this.sweeper);

    // --- API: one function per route, in the VPC (they need the cache).
    if (onAws || config.localstackHttpApi) {
      this.httpApi = new HttpApi(this, 'HttpApi', {
        throttleRate: config.api.throttleRate,
        throttleBurst: config.api.throttleBurst,
        corsOrigins: config.api.corsOrigins,
        ...logs,
      });
    }
    for (const route of routes) {
      const fn = new NodeFunction(this, `Api${pascal(route.name)}`, {
        entry: `functions/api/${route.name}.ts`,
        description: `${route.method} ${route.path}`,
        timeout: Duration.seconds(config.api.timeoutSeconds),
        memorySize: config.api.memoryMb,
        environment: { ...environment, ...retryBudget(budgets.api) },
        ...(route.files ? { files: route.files } : {}),
        ...(this.network ? { placement: this.network.functionPlacement() } : {}),
        ...logs,
      });
      data.grantDataAccess(fn);
      cache.grantConnect(fn);
      for (const access of route.access ?? []) {
        if (access === 'inspect-queues') this.queues.grantInspect(fn);
        if (access === 'redrive-queues') this.queues.grantRedrive(fn);
      }
      this.httpApi?.addRoute(route, fn);
      this.apiFunctions.set(route.name, fn);
    }

    // --- first API key and migrations
    const firstApiKey = new secretsmanager.Secret(this, 'FirstApiKey', {
      description:
        'Taskforge: the first tenant API key (send it as X-API-Key); only its SHA-256 hash is stored',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: removal,
    });
    Validations.of(firstApiKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'FirstApiKey is a tenant API key, not a database credential: the API authenticates against its ' +
        'hash in PostgreSQL, so a Secrets Manager rotation would not revoke the old key. Keys are rotated ' +
        'by issuing a new key for the tenant and revoking the old one (api_keys.revoked_at).',
    });

    // Cross-tenant operator credential (GET /metrics, whole-queue DLQ redrive). The API functions
    // cannot read Secrets Manager from the VPC (no endpoint), so the migrate step stores its hash.
    const operatorToken = new secretsmanager.Secret(this, 'OperatorToken', {
      description: 'Taskforge: the admin operator token (Authorization: Bearer ...); only its hash is stored',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: removal,
    });
    Validations.of(operatorToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'OperatorToken is a bearer token checked against its hash in PostgreSQL, not a database credential: ' +
        'a Secrets Manager rotation would not revoke the old hash. It is rotated by storing a new token and ' +
        'setting revoked_at on the old row of operator_tokens.',
    });

    this.migrate = new NodeFunction(this, 'Migrate', {
      entry: 'functions/migrate/handler.ts',
      description: 'Applies SQL migrations through the Data API and ensures the first tenant (CDK Trigger)',
      timeout: Duration.seconds(MIGRATE_TIMEOUT_SECONDS),
      environment: {
        ...retryBudget(budgets.migrate),
        MIGRATIONS_DIR: '/var/task/migrations',
        FIRST_API_KEY_SECRET_ARN: firstApiKey.secretArn,
        FIRST_TENANT_NAME: 'default',
        OPERATOR_TOKEN_SECRET_ARN: operatorToken.secretArn,
      },
      // Part of the asset: a new migration changes the function, which makes the trigger run.
      files: MIGRATION_FILES,
      ...logs,
    });
    data.grantDataAccess(this.migrate);
    firstApiKey.grantRead(this.migrate);
    operatorToken.grantRead(this.migrate);
    // The trigger invokes the migrate function's current version, a snapshot of its environment.
    // A replaced cluster changes no synthesized property of the function, so without this the
    // version would stay (pointing at the old cluster) and the trigger would not run: naming the
    // cluster's identity in the version replaces it, and in the trigger re-runs it.
    const migrateVersion = this.migrate.currentVersion.node.defaultChild as lambda.CfnVersion;
    migrateVersion.description = Fn.join('', ['Migrations for database ', data.identity]);
    const migrateTrigger = new triggers.Trigger(this, 'MigrateTrigger', {
      handler: this.migrate,
      timeout: Duration.minutes(10),
      executeOnHandlerChange: true,
      executeAfter: [...(this.database ? [this.database] : []), firstApiKey, operatorToken],
      // Nothing reads the schema before it exists, and on an upgrade no new code runs before
      // its migrations: the functions (and the worker's event source mappings) update after
      // the trigger, so migrations must keep working with the previous release's code.
      executeBefore: [
        this.relay.rule,
        this.sweeper.rule,
        ...(this.httpApi ? [this.httpApi] : []),
        this.worker,
        this.relay,
        this.sweeper,
        ...this.apiFunctions.values(),
      ],
    });
    const triggerResource = migrateTrigger.node.findChild('Default').node.defaultChild as CfnResource;
    triggerResource.addPropertyOverride('DatabaseIdentity', data.identity);

    // --- operations
    const monitoring = new Monitoring(this, 'Monitoring', {
      queues: this.queues,
      worker: this.worker,
      relay: this.relay,
      sweeper: this.sweeper,
      apiFunctions: this.apiFunctions,
      ...(this.httpApi ? { api: this.httpApi.api } : {}),
      ...(this.database ? { databaseClusterIdentifier: this.database.cluster.clusterIdentifier } : {}),
      oldestMessageAlarmSeconds: config.oldestMessageAlarmSeconds,
      relayLagAlarmSeconds: config.relayLagAlarmSeconds,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    if (this.httpApi)
      new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'FirstApiKeySecretArn', {
      value: firstApiKey.secretArn,
      description:
        'The first API key: aws secretsmanager get-secret-value --secret-id <this ARN> --query SecretString --output text',
    });
    new CfnOutput(this, 'OperatorTokenSecretArn', {
      value: operatorToken.secretArn,
      description:
        'Bearer token for GET /metrics and whole-queue redrive: aws secretsmanager get-secret-value --secret-id <this ARN>',
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${monitoring.dashboard.dashboardName}`,
      description: 'CloudWatch dashboard',
    });
    if (monitoring.topic)
      new CfnOutput(this, 'AlarmTopicArn', {
        value: monitoring.topic.topicArn,
        description: 'Alarm notifications',
      });
    if (this.database)
      new CfnOutput(this, 'DatabaseClusterArn', {
        value: this.database.cluster.clusterArn,
        description: 'Aurora cluster (RDS Data API / query editor)',
      });
  }
}
