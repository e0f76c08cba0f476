/**
 * The three priority queues, each with its own dead-letter queue, configured from the same
 * topology the local runtime uses (shared/queue/topology.ts): redrive after MAX_RECEIVE_COUNT
 * receives (the safety net; the worker dead-letters exhausted tasks itself), 14-day DLQ
 * retention, a visibility timeout of 6x the worker's timeout, SSE with SQS-managed keys, and
 * TLS enforced by the queue policies.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DLQ_RETENTION_SECONDS,
  MAX_RECEIVE_COUNT,
  QUEUE_RETENTION_SECONDS,
  visibilityTimeoutFor,
} from '../../shared/queue/topology.ts';
import { PRIORITIES, type Priority } from '../../shared/tasks/priority.ts';

export interface TaskQueuesProps {
  /** The worker function's timeout; the visibility timeout is derived from it. */
  readonly workerTimeout: Duration;
}

export interface ConsumerOptions {
  /** Messages per invocation. */
  readonly batchSize: number;
  /** `maximumConcurrency` of each queue's event source mapping (weighted high > medium > low). */
  readonly concurrency: Readonly<Record<Priority, number>>;
}

/**
 * @example
 * const queues = new TaskQueues(this, 'Queues', { workerTimeout: Duration.minutes(15) });
 * queues.grantSend(relay);
 * queues.addConsumer(worker, { batchSize: 10, concurrency: { high: 6, medium: 3, low: 2 } });
 */
export class TaskQueues extends Construct {
  readonly queues: Readonly<Record<Priority, sqs.Queue>>;
  readonly deadLetterQueues: Readonly<Record<Priority, sqs.Queue>>;
  readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: TaskQueuesProps) {
    super(scope, id);
    this.visibilityTimeout = Duration.seconds(visibilityTimeoutFor(props.workerTimeout.toSeconds()));
    const queues = {} as Record<Priority, sqs.Queue>;
    const deadLetterQueues = {} as Record<Priority, sqs.Queue>;
    for (const priority of PRIORITIES) {
      const title = priority[0]!.toUpperCase() + priority.slice(1);
      const dlq = new sqs.Queue(this, `${title}DeadLetterQueue`, {
        retentionPeriod: Duration.seconds(DLQ_RETENTION_SECONDS),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      deadLetterQueues[priority] = dlq;
      queues[priority] = new sqs.Queue(this, `${title}Queue`, {
        visibilityTimeout: this.visibilityTimeout,
        retentionPeriod: Duration.seconds(QUEUE_RETENTION_SECONDS),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: dlq, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
  }

  private all(): sqs.Queue[] {
    return [...Object.values(this.queues), ...Object.values(this.deadLetterQueues)];
  }

  /** `QUEUE_URL_*`, `DLQ_URL_*` and `QUEUE_VISIBILITY_TIMEOUT_SECONDS`, as shared/config/ reads them. */
  addEnvironment(fn: lambda.Function): void {
    for (const priority of PRIORITIES) {
      fn.addEnvironment(`QUEUE_URL_${priority.toUpperCase()}`, this.queues[priority].queueUrl);
      fn.addEnvironment(`DLQ_URL_${priority.toUpperCase()}`, this.deadLetterQueues[priority].queueUrl);
    }
    fn.addEnvironment('QUEUE_VISIBILITY_TIMEOUT_SECONDS', String(this.visibilityTimeout.toSeconds()));
  }

  /** The relay: SendMessage(Batch) on the three task queues. */
  grantSend(fn: lambda.Function): void {
    for (const queue of Object.values(this.queues)) queue.grantSendMessages(fn);
    this.addEnvironment(fn);
  }

  /**
   * The worker: one event source mapping per queue with `ReportBatchItemFailures` and its
   * `maximumConcurrency`, plus sends to the queues (re-publishing a retry whose visibility change
   * failed) and to the DLQs (the worker dead-letters exhausted and permanent failures itself).
   */
  addConsumer(fn: lambda.Function, options: ConsumerOptions): void {
    for (const priority of PRIORITIES) {
      fn.addEventSource(
        new SqsEventSource(this.queues[priority], {
          batchSize: options.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency: options.concurrency[priority],
        }),
      );
      this.queues[priority].grantSendMessages(fn);
      this.deadLetterQueues[priority].grantSendMessages(fn);
    }
    this.addEnvironment(fn);
  }

  /** The sweeper: reads dead letters (without deleting them) to reconcile their tasks. */
  grantReadDeadLetters(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        resources: Object.values(this.deadLetterQueues).map((q) => q.queueArn),
      }),
    );
    this.addEnvironment(fn);
  }

  /** Operations routes (stats, dead-letter listing): queue depths and ages of every queue. */
  grantInspect(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:GetQueueAttributes'],
        resources: this.all().map((q) => q.queueArn),
      }),
    );
    this.addEnvironment(fn);
  }

  /**
   * Dead-letter redrive (StartMessageMoveTask from each DLQ back to its source queue). SQS moves
   * the messages with the caller's permissions: receive and delete on the DLQ, send on the queue.
   */
  grantRedrive(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'sqs:StartMessageMoveTask',
          'sqs:ListMessageMoveTasks',
          'sqs:CancelMessageMoveTask',
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
        ],
        resources: Object.values(this.deadLetterQueues).map((q) => q.queueArn),
      }),
    );
    for (const queue of Object.values(this.queues)) queue.grantSendMessages(fn);
    this.addEnvironment(fn);
  }
}
