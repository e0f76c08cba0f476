/**
 * A NodeFunction started by an EventBridge schedule (the relay every minute, the sweeper every
 * few minutes). A failed run is not retried: the next scheduled run does the same work, and an
 * asynchronous retry would only overlap it. A run that never started is: EventBridge retries a
 * delivery the Lambda API refused, and Lambda retries a throttled event, both only while the
 * event is younger than a minute, so a late start cannot pile onto the next scheduled one.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { NodeFunction, type NodeFunctionProps } from './node-function.ts';

export interface ScheduledFunctionProps extends NodeFunctionProps {
  /** How often the function runs. */
  readonly schedule: events.Schedule;
  /** @default true; false keeps the rule but disables it (a parked stage). */
  readonly enabled?: boolean;
}

/**
 * @example
 * new ScheduledFunction(this, 'Sweeper', {
 *   entry: 'functions/sweeper/handler.ts',
 *   description: 'Reclaims expired leases',
 *   schedule: events.Schedule.rate(Duration.minutes(5)),
 *   logRetentionDays: 14,
 * });
 */
export class ScheduledFunction extends NodeFunction {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id, props);
    this.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });
    this.rule = new events.Rule(scope, `${id}Schedule`, {
      description: `Starts ${id} on its schedule`,
      schedule: props.schedule,
      enabled: props.enabled ?? true,
      targets: [new targets.LambdaFunction(this, { retryAttempts: 3, maxEventAge: Duration.minutes(1) })],
    });
  }
}
