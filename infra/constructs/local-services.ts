/**
 * The LocalStack variant's stand-ins for Aurora and ElastiCache: the services of
 * docker-compose.localstack.yml, reached by name from the Lambda containers LocalStack starts on
 * the compose network. Same grant methods as `Database` and `Cache`, so the stack wires both
 * targets the same way.
 */
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { LOCALSTACK_DATA_API } from '../config.ts';

export interface DataAccess {
  /** IAM and environment for running SQL through the RDS Data API. */
  grantDataAccess(fn: lambda.Function): void;
  /**
   * A value that changes whenever the database is a new one (a replaced cluster), resolved at
   * deploy time: the migrate trigger runs again when it changes.
   */
  readonly identity: string;
}

export interface CacheAccess {
  /** Network path and `REDIS_URL` for the edge Redis. */
  grantConnect(fn: lambda.Function): void;
}

export class LocalServices extends Construct implements DataAccess, CacheAccess {
  readonly databaseName = 'taskforge';
  /** The compose database is recreated with the compose project, never by a deploy. */
  readonly identity = LOCALSTACK_DATA_API.clusterArn;

  /** The Data API emulator in front of the compose PostgreSQL (it checks these two ARNs). */
  grantDataAccess(fn: lambda.Function): void {
    fn.addEnvironment('DB_DRIVER', 'data-api');
    fn.addEnvironment('DB_CLUSTER_ARN', LOCALSTACK_DATA_API.clusterArn);
    fn.addEnvironment('DB_SECRET_ARN', LOCALSTACK_DATA_API.secretArn);
    fn.addEnvironment('DB_NAME', this.databaseName);
    fn.addEnvironment('AWS_ENDPOINT_URL_RDS_DATA', LOCALSTACK_DATA_API.endpoint);
  }

  /** The compose Redis (plain TCP, as on a developer machine). */
  grantConnect(fn: lambda.Function): void {
    fn.addEnvironment('REDIS_URL', LOCALSTACK_DATA_API.redisUrl);
  }
}
