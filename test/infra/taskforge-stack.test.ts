import { Token } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/http/routes.ts';
import { DLQ_RETENTION_SECONDS, MAX_RECEIVE_COUNT } from '../../shared/queue/topology.ts';
import { PRIORITIES } from '../../shared/tasks/priority.ts';
import { disposeAll, isCdkProvider, resourcesOf, type Synthesized, synthTemplate } from './synth.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

function statementsOf(dev: Synthesized): Array<{ policy: string; statement: Statement }> {
  const out: Array<{ policy: string; statement: Statement }> = [];
  for (const [id, policy] of Object.entries(resourcesOf(dev.template, 'AWS::IAM::Policy'))) {
    const doc = policy.Properties.PolicyDocument as { Statement: Statement[] };
    for (const statement of doc.Statement) out.push({ policy: id, statement });
  }
  for (const [id, role] of Object.entries(resourcesOf(dev.template, 'AWS::IAM::Role'))) {
    const inline = (role.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>;
    for (const p of inline)
      for (const statement of p.PolicyDocument.Statement) out.push({ policy: id, statement });
  }
  return out;
}

function actions(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

function policyOf(dev: Synthesized, rolePrefix: string): Statement[] {
  return statementsOf(dev)
    .filter(({ policy }) => policy.startsWith(`${rolePrefix}Role`))
    .map(({ statement }) => statement);
}

function envOf(dev: Synthesized, logicalIdPrefix: string): Record<string, unknown> {
  const [fn] = Object.entries(resourcesOf(dev.template, 'AWS::Lambda::Function')).filter(
    ([id]) => id.startsWith(logicalIdPrefix) && !id.includes('Role'),
  );
  if (!fn) throw new Error(`no function ${logicalIdPrefix}`);
  return (fn[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

let dev: Synthesized;

beforeAll(() => {
  dev = synthTemplate();
});

afterAll(() => disposeAll());

describe('TaskforgeStack (dev, AWS)', () => {
  it('is environment-agnostic, so it synthesizes offline', () => {
    expect(Token.isUnresolved(dev.stack.account)).toBe(true);
    expect(Token.isUnresolved(dev.stack.region)).toBe(true);
  });

  it('runs every function on Node.js 24, and every function of ours on arm64', () => {
    const functions = resourcesOf(dev.template, 'AWS::Lambda::Function');
    const ours = Object.entries(functions).filter(([id]) => !isCdkProvider(id));
    // One per route, the $default route's not-found function, worker, relay, sweeper, migrate.
    expect(ours).toHaveLength(ROUTES.length + 5);
    for (const [id, fn] of Object.entries(functions)) expect(fn.Properties.Runtime, id).toBe('nodejs24.x');
    for (const [id, fn] of ours) {
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      // JSON with Lambda's own START/END/REPORT lines filtered out (a cost per invocation).
      expect(fn.Properties.LoggingConfig, id).toEqual({
        LogGroup: { Ref: expect.any(String) },
        LogFormat: 'JSON',
        SystemLogLevel: 'WARN',
      });
      const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(env).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'taskforge',
        POWERTOOLS_METRICS_NAMESPACE: 'Taskforge',
      });
    }
    // The only others are aws-cdk-lib's own providers (the Trigger, the default SG restriction).
    expect(Object.keys(functions).filter(isCdkProvider)).toHaveLength(2);
  });

  it('gives every log group an explicit retention', () => {
    for (const [id, group] of Object.entries(resourcesOf(dev.template, 'AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays, id).toBe(14);
  });

  it('creates one function and one route per route-table entry, and a $default route for the rest', () => {
    const routes = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routes.sort()).toEqual(['$default', ...ROUTES.map((r) => `${r.method} ${r.path}`)].sort());
    for (const route of ROUTES) expect(dev.stack.apiFunctions.has(route.name)).toBe(true);
  });

  it('serves the dashboard: its page and assets routed without an authorizer, the built script shipped', () => {
    const routes = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties,
    );
    for (const key of ['GET /dashboard', 'GET /dashboard/{asset}']) {
      const route = routes.find((r) => r.RouteKey === key);
      expect(route, key).toBeDefined();
      expect(route?.AuthorizationType ?? 'NONE', key).toBe('NONE');
    }
    const assets = ROUTES.find((r) => r.name === 'get-dashboard-asset');
    expect(assets && 'files' in assets ? assets.files.map((f) => f.to).sort() : []).toEqual([
      'dashboard/app.css',
      'dashboard/app.js',
      'dashboard/uPlot.min.css',
    ]);
    expect(dev.stack.apiFunctions.has('get-dashboard-asset')).toBe(true);
  });

  it('puts only the API functions in the VPC', () => {
    const functions = resourcesOf(dev.template, 'AWS::Lambda::Function');
    const inVpc = Object.entries(functions)
      .filter(([, fn]) => fn.Properties.VpcConfig)
      .map(([id]) => id);
    const apiIds = ROUTES.map((r) => `Api${pascal(r.name)}`);
    expect(inVpc).toHaveLength(apiIds.length);
    for (const id of inVpc) expect(apiIds.some((api) => id.startsWith(api))).toBe(true);
    for (const name of ['Worker', 'Relay', 'Sweeper', 'Migrate']) {
      const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(name))!;
      expect(fn.Properties.VpcConfig, name).toBeUndefined();
    }
  });

  it('builds a VPC without NAT or internet gateway, with only the rds-data and sqs endpoints', () => {
    dev.template.resourceCountIs('AWS::EC2::NatGateway', 0);
    dev.template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    dev.template.resourceCountIs('AWS::EC2::FlowLog', 1);
    const endpoints = Object.values(resourcesOf(dev.template, 'AWS::EC2::VPCEndpoint'));
    const services = endpoints.map((e) => JSON.stringify(e.Properties.ServiceName));
    expect(services).toHaveLength(2);
    expect(services.some((s) => s.includes('.rds-data'))).toBe(true);
    expect(services.some((s) => s.includes('.sqs'))).toBe(true);
    for (const endpoint of endpoints) {
      expect(endpoint.Properties.VpcEndpointType).toBe('Interface');
      expect(endpoint.Properties.SubnetIds).toHaveLength(1); // dev: one AZ of ENIs
    }
  });

  it('configures each queue with its DLQ, the maxReceiveCount safety net, SSE and 6x the worker timeout', () => {
    const queues = resourcesOf(dev.template, 'AWS::SQS::Queue');
    const sources = Object.values(queues).filter((q) => q.Properties.RedrivePolicy);
    const dlqs = Object.entries(queues).filter(([, q]) => !q.Properties.RedrivePolicy);
    expect(sources).toHaveLength(3);
    expect(dlqs).toHaveLength(3);
    const dlqIds = dlqs.map(([id]) => id);
    for (const queue of sources) {
      const redrive = queue.Properties.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': string[] } };
      expect(redrive).toMatchObject({ maxReceiveCount: MAX_RECEIVE_COUNT });
      expect(dlqIds).toContain(redrive.deadLetterTargetArn['Fn::GetAtt'][0]);
      expect(queue.Properties.VisibilityTimeout).toBe(6 * 900);
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
    // One DLQ per queue, never shared.
    expect(new Set(sources.map((q) => JSON.stringify(q.Properties.RedrivePolicy))).size).toBe(3);
    for (const [, dlq] of dlqs) {
      expect(dlq.Properties.MessageRetentionPeriod).toBe(DLQ_RETENTION_SECONDS);
      expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
    }
    expect(envOf(dev, 'Worker').QUEUE_VISIBILITY_TIMEOUT_SECONDS).toBe('5400');
  });

  it('enforces TLS on every queue', () => {
    const policies = Object.values(resourcesOf(dev.template, 'AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(6);
    for (const policy of policies)
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('feeds the worker from the three queues with ReportBatchItemFailures and a maximumConcurrency each', () => {
    const mappings = Object.values(resourcesOf(dev.template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(3);
    const byQueue = new Map<string, number>();
    for (const mapping of mappings) {
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.Properties.BatchSize).toBe(10);
      const queueId = (mapping.Properties.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      byQueue.set(
        queueId,
        (mapping.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency,
      );
    }
    const concurrency = Object.fromEntries(
      PRIORITIES.map((p) => [p, [...byQueue].find(([id]) => id.toLowerCase().includes(`${p}queue`))![1]]),
    );
    // dev: the AWS minimum per mapping, so the worker fits a new account's quota of 10.
    expect(concurrency).toEqual({ high: 2, medium: 2, low: 2 });
  });

  it('derives the task timeout limit from the worker timeout', () => {
    const functions = resourcesOf(dev.template, 'AWS::Lambda::Function');
    const worker = Object.entries(functions).find(([id]) => id.startsWith('Worker'))![1];
    expect(worker.Properties.Timeout).toBe(900);
    expect(envOf(dev, 'ApiCreateTask').TASK_MAX_TIMEOUT_SECONDS).toBe('840');
  });

  it('scopes Data API access to the cluster and its secret', () => {
    const cluster = Object.keys(resourcesOf(dev.template, 'AWS::RDS::DBCluster'))[0]!;
    const statements = statementsOf(dev).map((s) => s.statement);
    const dataApi = statements.filter((s) => actions(s).some((a) => a.startsWith('rds-data:')));
    expect(dataApi.length).toBe(ROUTES.length + 4);
    for (const statement of dataApi) {
      expect(JSON.stringify(statement.Resource)).toContain(`":cluster:",{"Ref":"${cluster}"}`);
      expect(actions(statement).every((a) => a.startsWith('rds-data:'))).toBe(true);
    }
    const secretReads = statements.filter((s) => actions(s).includes('secretsmanager:GetSecretValue'));
    for (const statement of secretReads) {
      const resource = JSON.stringify(statement.Resource);
      expect(
        resource === JSON.stringify({ 'Fn::GetAtt': [cluster, 'MasterUserSecret.SecretArn'] }) ||
          resource.includes('FirstApiKey') ||
          resource.includes('OperatorToken'),
      ).toBe(true);
    }
    // Only the migrate function reads the operator token (the API checks its stored hash).
    const tokenReaders = statementsOf(dev).filter(
      ({ statement }) =>
        actions(statement).includes('secretsmanager:GetSecretValue') &&
        JSON.stringify(statement.Resource).includes('OperatorToken'),
    );
    expect(tokenReaders.map(({ policy }) => policy.replace(/Role.*/, ''))).toEqual(['Migrate']);
    // Only the migrate function reads the first API key.
    const keyReaders = statementsOf(dev).filter(
      ({ statement }) =>
        actions(statement).includes('secretsmanager:GetSecretValue') &&
        JSON.stringify(statement.Resource).includes('FirstApiKey'),
    );
    expect(keyReaders.map(({ policy }) => policy.replace(/Role.*/, ''))).toEqual(['Migrate']);
    expect(envOf(dev, 'Relay')).toMatchObject({
      DB_DRIVER: 'data-api',
      DB_NAME: 'taskforge',
      DB_CLUSTER_ARN: expect.anything(),
      DB_SECRET_ARN: { 'Fn::GetAtt': [cluster, 'MasterUserSecret.SecretArn'] },
    });
  });

  it('grants no IAM wildcard beyond the acknowledged X-Ray and VPC network-interface statements', () => {
    const allowedOnStar = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ]);
    for (const { policy, statement } of statementsOf(dev)) {
      for (const action of actions(statement)) expect(action, policy).not.toContain('*');
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      if (resources.includes('*'))
        for (const action of actions(statement))
          expect(allowedOnStar.has(action), `${policy}: ${action}`).toBe(true);
    }
    dev.template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    for (const [id, role] of Object.entries(resourcesOf(dev.template, 'AWS::IAM::Role')))
      if (!isCdkProvider(id)) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
  });

  it('grants each function only the queue access it uses', () => {
    const sqsActions = (prefix: string) =>
      new Set(policyOf(dev, prefix).flatMap((s) => actions(s).filter((a) => a.startsWith('sqs:'))));
    expect(sqsActions('Relay')).toEqual(
      new Set(['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']),
    );
    expect(sqsActions('Sweeper')).toEqual(
      new Set(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes']),
    );
    expect(sqsActions('ApiCreateTask').size).toBe(0);
    expect(sqsActions('ApiGetStats')).toEqual(new Set(['sqs:GetQueueAttributes']));
    expect(sqsActions('ApiRedriveDeadLetters')).toContain('sqs:StartMessageMoveTask');
    const redrive = policyOf(dev, 'ApiRedriveDeadLetters').find((s) =>
      actions(s).includes('sqs:StartMessageMoveTask'),
    )!;
    expect(JSON.stringify(redrive.Resource)).not.toMatch(/Queues(High|Medium|Low)Queue[A-F0-9]/);
  });

  it('keeps secret values out of the template', () => {
    const json = JSON.stringify(dev.template.toJSON());
    // No password property, no literal secret string, no dynamic reference resolving a secret
    // into a property (it would show in the Lambda console).
    expect(json.includes('"MasterUserPassword"')).toBe(false);
    expect(json.includes('"SecretString"')).toBe(false);
    expect(json.includes('{{resolve:secretsmanager')).toBe(false);
    dev.template.hasResourceProperties('AWS::RDS::DBCluster', { ManageMasterUserPassword: true });
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
  });

  it('runs Aurora Serverless v2 with the Data API, pausing at 0 ACU, encrypted', () => {
    dev.template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EnableHttpEndpoint: true,
      StorageEncrypted: true,
      DeletionProtection: false,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 4, SecondsUntilAutoPause: 300 },
    });
    dev.template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Delete' });
    // Clients use the Data API: nothing may connect to the cluster's port.
    const cluster = Object.values(resourcesOf(dev.template, 'AWS::RDS::DBCluster'))[0]!;
    const groups = cluster.Properties.VpcSecurityGroupIds as Array<{ 'Fn::GetAtt': string[] }>;
    const clusterSg = groups[0]!['Fn::GetAtt'][0]!;
    const ingress = Object.values(resourcesOf(dev.template, 'AWS::EC2::SecurityGroupIngress'));
    expect(
      ingress.filter((rule) => JSON.stringify(rule.Properties.GroupId).includes(clusterSg)),
    ).toHaveLength(0);
  });

  it('reaches the Valkey cache over TLS from the API functions only', () => {
    dev.template.hasResourceProperties('AWS::ElastiCache::ServerlessCache', {
      Engine: 'valkey',
      ServerlessCacheName: 'taskforge-dev-cache',
    });
    const ingress = Object.values(resourcesOf(dev.template, 'AWS::EC2::SecurityGroupIngress')).filter(
      (rule) => JSON.stringify(rule.Properties.GroupId).includes('CacheSecurityGroup'),
    );
    expect(ingress).toHaveLength(1);
    expect(ingress[0]!.Properties).toMatchObject({ FromPort: 6379, ToPort: 6380, IpProtocol: 'tcp' });
    expect(JSON.stringify(ingress[0]!.Properties.SourceSecurityGroupId)).toContain(
      'NetworkFunctionSecurityGroup',
    );
    const url = JSON.stringify(envOf(dev, 'ApiCreateTask').REDIS_URL);
    expect(url).toContain('rediss://');
    expect(envOf(dev, 'Worker').REDIS_URL).toBeUndefined();
  });

  it('logs API access, throttles by default and configures no CORS unless asked', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const api = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Api'))[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('runs the relay and the sweeper every minute (the sweeper bounds lost-message recovery)', () => {
    const rules = Object.values(dev.template.findResources('AWS::Events::Rule')).map(
      (rule) => (rule as { Properties: { ScheduleExpression?: string; State?: string } }).Properties,
    );
    const everyMinute = rules.filter(
      (r) => r.ScheduleExpression === 'rate(1 minute)' && r.State === 'ENABLED',
    );
    expect(everyMinute).toHaveLength(2);
  });

  it('migrates on deploy through a Trigger before the API and schedules start', () => {
    const trigger = Object.values(resourcesOf(dev.template, 'Custom::Trigger'))[0]!;
    expect(JSON.stringify(trigger.Properties.HandlerArn)).toContain('MigrateCurrentVersion');
    expect(trigger.DependsOn).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DatabaseClusterWriter/)]),
    );
    const stage = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.DependsOn).toContain('MigrateTrigger');
    expect(envOf(dev, 'Migrate')).toMatchObject({
      MIGRATIONS_DIR: '/var/task/migrations',
      FIRST_API_KEY_SECRET_ARN: { Ref: expect.stringMatching(/^FirstApiKey/) },
      OPERATOR_TOKEN_SECRET_ARN: { Ref: expect.stringMatching(/^OperatorToken/) },
    });
  });

  it('alarms on dead letters, message age, relay lag, API 5xx, worker errors and throttles', () => {
    const alarms = Object.values(resourcesOf(dev.template, 'AWS::CloudWatch::Alarm'));
    const names = (metric: string) =>
      alarms.filter((a) => JSON.stringify(a.Properties).includes(metric)).length;
    expect(names('ApproximateNumberOfMessagesVisible')).toBe(3);
    expect(names('ApproximateAgeOfOldestMessage')).toBe(3);
    expect(names('"RelayLag"')).toBe(1);
    expect(names('"5xx"')).toBe(1);
    expect(names('"Throttles"')).toBeGreaterThanOrEqual(2);
    expect(
      alarms.some(
        (a) => a.Properties.MetricName === 'Errors' && JSON.stringify(a.Properties).includes('Worker'),
      ),
    ).toBe(true);
    dev.template.resourceCountIs('AWS::SNS::Topic', 0);
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('outputs the API URL, where the first key is, and the dashboard', () => {
    dev.template.hasOutput('ApiUrl', {});
    dev.template.hasOutput('FirstApiKeySecretArn', {
      Description: Match.stringLikeRegexp('get-secret-value'),
    });
    dev.template.hasOutput('DashboardUrl', {});
    dev.template.hasOutput('OperatorTokenSecretArn', {
      Description: Match.stringLikeRegexp('get-secret-value'),
    });
  });
});

describe('TaskforgeStack (prod and options)', () => {
  it('protects the prod database and keeps a snapshot when it is removed', () => {
    const prod = synthTemplate({ stage: 'prod' });
    prod.template.hasResourceProperties('AWS::RDS::DBCluster', {
      DeletionProtection: true,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 16 },
    });
    prod.template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Snapshot' });
    prod.template.resourceCountIs('AWS::RDS::DBInstance', 2);
    for (const endpoint of Object.values(resourcesOf(prod.template, 'AWS::EC2::VPCEndpoint')))
      expect(endpoint.Properties.SubnetIds).toHaveLength(2);
    const mappings = Object.values(resourcesOf(prod.template, 'AWS::Lambda::EventSourceMapping'));
    expect(
      mappings
        .map((m) => (m.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency)
        .sort((a, b) => a - b),
    ).toEqual([10, 30, 60]);
  });

  it('adds an alarm topic with the email subscription, CORS, and parked schedules when configured', () => {
    const configured = synthTemplate({
      alarmEmail: 'ops@example.com',
      schedules: 'false',
      'taskforge:dev': JSON.stringify({ api: { corsOrigins: ['https://app.example.com'] } }),
    });
    configured.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    for (const alarm of Object.values(resourcesOf(configured.template, 'AWS::CloudWatch::Alarm')))
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    configured.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://app.example.com'],
        AllowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
        AllowHeaders: Match.arrayWith(['x-api-key', 'authorization', 'idempotency-key']),
      },
    });
    for (const rule of Object.values(resourcesOf(configured.template, 'AWS::Events::Rule')))
      expect(rule.Properties.State).toBe('DISABLED');
  });
});

describe('TaskforgeStack (LocalStack)', () => {
  it('omits VPC, Aurora and ElastiCache and points the functions at the compose services', () => {
    const local = synthTemplate({ target: 'localstack' });
    for (const type of ['AWS::EC2::VPC', 'AWS::RDS::DBCluster', 'AWS::ElastiCache::ServerlessCache'])
      local.template.resourceCountIs(type, 0);
    expect(local.stack.stackName).toBe('taskforge-dev-local');
    const env = envOf(local, 'ApiCreateTask');
    expect(env).toMatchObject({
      DB_DRIVER: 'data-api',
      AWS_ENDPOINT_URL_RDS_DATA: 'http://data-api:8089',
      REDIS_URL: 'redis://redis:6379',
    });
    expect(envOf(local, 'Migrate').AWS_ENDPOINT_URL_RDS_DATA).toBe('http://data-api:8089');
    local.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    local.template.resourceCountIs('Custom::Trigger', 1);
  });
});
