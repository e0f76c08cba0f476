/**
 * The operator's view (DESIGN section 8): one CloudWatch dashboard and the alarms that need a
 * human: a dead-letter queue is not empty, a queue's oldest message is old, the relay lags, the
 * API answers 5xx, the worker fails invocations, functions are throttled. Alarms notify an SNS
 * topic with an email subscription when an address is configured.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { PRIORITIES } from '../../shared/tasks/priority.ts';
import type { TaskQueues } from './task-queues.ts';

export interface MonitoringProps {
  readonly queues: TaskQueues;
  readonly worker: lambda.IFunction;
  readonly relay: lambda.IFunction;
  readonly sweeper: lambda.IFunction;
  /** The API functions, by route name. */
  readonly apiFunctions: ReadonlyMap<string, lambda.IFunction>;
  readonly api?: apigw.HttpApi;
  /** Cluster identifier, for the capacity widget. */
  readonly databaseClusterIdentifier?: string;
  readonly oldestMessageAlarmSeconds: number;
  readonly relayLagAlarmSeconds: number;
  /** Email subscribed to the alarm topic; no topic without it. */
  readonly alarmEmail?: string;
}

/** Powertools Metrics publishes with the `service` dimension (POWERTOOLS_SERVICE_NAME). */
const APP_NAMESPACE = 'Taskforge';
const APP_DIMENSIONS = { service: 'taskforge' };
const FIVE_MINUTES = Duration.minutes(5);
/** CloudWatch allows at most 10 metrics in one alarm's math expression. */
const METRICS_PER_ALARM = 10;

function appMetric(metricName: string, statistic: string, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: APP_NAMESPACE,
    metricName,
    dimensionsMap: APP_DIMENSIONS,
    statistic,
    period: FIVE_MINUTES,
    ...(label ? { label } : {}),
  });
}

export class Monitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { queues } = props;

    if (props.alarmEmail) {
      this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Taskforge alarms', enforceSSL: true });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }

    for (const priority of PRIORITIES) {
      const dlq = queues.deadLetterQueues[priority];
      this.alarm(`${priority}DeadLettersAlarm`, {
        alarmDescription: `The ${priority} dead-letter queue has messages: inspect GET /v1/dead-letters, then redrive or retry.`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      this.alarm(`${priority}OldestMessageAlarm`, {
        alarmDescription: `The oldest message of the ${priority} queue waits more than ${props.oldestMessageAlarmSeconds} s: workers are not keeping up or are failing.`,
        metric: queues.queues[priority].metricApproximateAgeOfOldestMessage({
          period: FIVE_MINUTES,
          statistic: 'Maximum',
        }),
        threshold: props.oldestMessageAlarmSeconds,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
      });
    }

    this.alarm('RelayLagAlarm', {
      alarmDescription: `Tasks wait more than ${props.relayLagAlarmSeconds} s in the outbox before the relay publishes them.`,
      metric: appMetric('RelayLag', 'Maximum'),
      threshold: props.relayLagAlarmSeconds * 1000,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });
    this.alarm('RelayErrorsAlarm', {
      alarmDescription: 'The relay function failed invocations: tasks are not being published.',
      metric: props.relay.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.alarm('WorkerErrorsAlarm', {
      alarmDescription:
        'The worker function failed invocations (timeouts, crashes); task failures are reported per message and do not count here.',
      metric: props.worker.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.alarm('SweeperErrorsAlarm', {
      alarmDescription:
        'The sweeper failed a run (a step failed: leases, dead-letter reconciliation or retention).',
      metric: props.sweeper.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    if (props.api) {
      this.alarm('Api5xxAlarm', {
        alarmDescription: 'The HTTP API answered 5xx responses.',
        metric: props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    const allFunctions: Array<[string, lambda.IFunction]> = [
      ['worker', props.worker],
      ['relay', props.relay],
      ['sweeper', props.sweeper],
      ...props.apiFunctions,
    ];
    for (let start = 0; start < allFunctions.length; start += METRICS_PER_ALARM) {
      const chunk = allFunctions.slice(start, start + METRICS_PER_ALARM);
      const usingMetrics = Object.fromEntries(
        chunk.map(([name, fn], i) => [
          `t${i}`,
          fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum', label: name }),
        ]),
      );
      const names = chunk.map(([name]) => name).join(', ');
      this.alarm(`Throttles${start / METRICS_PER_ALARM + 1}Alarm`, {
        alarmDescription: `Lambda throttled invocations of: ${names} (account or reserved concurrency exhausted).`,
        metric: new cloudwatch.MathExpression({
          expression: Object.keys(usingMetrics).join(' + '),
          usingMetrics,
          period: FIVE_MINUTES,
          label: 'Throttles',
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`.replace(/[^A-Za-z0-9_-]/g, '-'),
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# Taskforge\nTasks flow API → outbox → relay → SQS (high/medium/low) → worker. ' +
          'Alarms below; dead letters: `GET /v1/dead-letters`, redrive: `POST /v1/dead-letters/redrive`.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Tasks',
        left: [
          appMetric('TasksSubmitted', 'Sum', 'submitted'),
          appMetric('TasksCompleted', 'Sum', 'completed'),
          appMetric('TasksFailed', 'Sum', 'failed'),
          appMetric('TaskRetries', 'Sum', 'retries'),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Latency (p50 / p99, ms)',
        left: [
          appMetric('QueueWait', 'p50', 'queue wait p50'),
          appMetric('QueueWait', 'p99', 'queue wait p99'),
          appMetric('TaskDuration', 'p50', 'duration p50'),
          appMetric('TaskDuration', 'p99', 'duration p99'),
        ],
        right: [appMetric('RelayLag', 'Maximum', 'relay lag max')],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Edge',
        left: [
          appMetric('RateLimited', 'Sum', 'rate limited'),
          appMetric('IdempotentReplays', 'Sum', 'idempotent replays'),
          appMetric('DuplicateDeliveries', 'Sum', 'duplicate deliveries'),
        ],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Queue depth (visible)',
        left: PRIORITIES.map((p) =>
          queues.queues[p].metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: p }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Oldest message age (s)',
        left: PRIORITIES.map((p) =>
          queues.queues[p].metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, label: p }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead letters',
        left: PRIORITIES.map((p) =>
          queues.deadLetterQueues[p].metricApproximateNumberOfMessagesVisible({
            period: FIVE_MINUTES,
            label: `${p} DLQ`,
          }),
        ),
        width: 8,
      }),
    );
    const functionRow: cloudwatch.IWidget[] = [
      new cloudwatch.GraphWidget({
        title: 'Worker',
        left: [
          props.worker.metricInvocations({ period: FIVE_MINUTES }),
          props.worker.metricErrors({ period: FIVE_MINUTES }),
          props.worker.metricThrottles({ period: FIVE_MINUTES }),
        ],
        right: [props.worker.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })],
        width: 8,
      }),
    ];
    if (props.api) {
      functionRow.push(
        new cloudwatch.GraphWidget({
          title: 'HTTP API',
          left: [
            props.api.metricCount({ period: FIVE_MINUTES, label: 'requests' }),
            props.api.metricClientError({ period: FIVE_MINUTES, label: '4xx' }),
            props.api.metricServerError({ period: FIVE_MINUTES, label: '5xx' }),
          ],
          right: [props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99', label: 'latency p99' })],
          width: 8,
        }),
      );
    }
    if (props.databaseClusterIdentifier) {
      functionRow.push(
        new cloudwatch.GraphWidget({
          title: 'Aurora capacity (ACU)',
          left: [
            new cloudwatch.Metric({
              namespace: 'AWS/RDS',
              metricName: 'ServerlessDatabaseCapacity',
              dimensionsMap: { DBClusterIdentifier: props.databaseClusterIdentifier },
              statistic: 'Maximum',
              period: FIVE_MINUTES,
            }),
          ],
          width: 8,
        }),
      );
    }
    this.dashboard.addWidgets(...functionRow);
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id[0]!.toUpperCase() + id.slice(1), {
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    if (this.topic) {
      alarm.addAlarmAction(new actions.SnsAction(this.topic));
      alarm.addOkAction(new actions.SnsAction(this.topic));
    }
    this.alarms.push(alarm);
    return alarm;
  }
}
