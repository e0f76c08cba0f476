/**
 * Aurora PostgreSQL Serverless v2 with the RDS Data API: the single source of truth for tasks.
 * Functions reach it only through the Data API (HTTPS, IAM), so the cluster's security group
 * admits nothing. The master password is managed by RDS in Secrets Manager and rotated by RDS
 * (no rotation function, hence nothing in the VPC that needs a Secrets Manager endpoint).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { DatabaseSettings } from '../config.ts';
import type { DataAccess } from './local-services.ts';

export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  readonly settings: DatabaseSettings;
  /** @default 'taskforge' */
  readonly databaseName?: string;
}

const REMOVAL: Record<DatabaseSettings['removal'], RemovalPolicy> = {
  destroy: RemovalPolicy.DESTROY,
  snapshot: RemovalPolicy.SNAPSHOT,
  retain: RemovalPolicy.RETAIN,
};

/**
 * @example
 * const database = new Database(this, 'Database', { vpc, settings: config.database });
 * database.grantDataAccess(workerFunction);
 */
export class Database extends Construct implements DataAccess {
  readonly cluster: rds.DatabaseCluster;
  readonly databaseName: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { settings } = props;
    this.databaseName = props.databaseName ?? 'taskforge';
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Aurora cluster: no ingress, clients use the RDS Data API',
      allowAllOutbound: false,
    });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      // 16.x matches the PostgreSQL the tests and the local runtime use; 0 ACU needs >= 16.3.
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_16_11,
      }),
      writer: rds.ClusterInstance.serverlessV2('Writer', { autoMinorVersionUpgrade: true }),
      readers: Array.from({ length: settings.readers }, (_, i) =>
        rds.ClusterInstance.serverlessV2(`Reader${i + 1}`, {
          scaleWithWriter: true,
          autoMinorVersionUpgrade: true,
        }),
      ),
      serverlessV2MinCapacity: settings.minAcu,
      serverlessV2MaxCapacity: settings.maxAcu,
      ...(settings.minAcu === 0
        ? { serverlessV2AutoPauseDuration: Duration.minutes(settings.autoPauseMinutes) }
        : {}),
      enableDataApi: true,
      defaultDatabaseName: this.databaseName,
      credentials: rds.Credentials.fromUsername('taskforge_admin'),
      manageMasterUserPassword: true,
      storageEncrypted: true,
      iamAuthentication: true,
      deletionProtection: settings.deletionProtection,
      removalPolicy: REMOVAL[settings.removal],
      backup: { retention: Duration.days(settings.backupRetentionDays) },
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      copyTagsToSnapshot: true,
    });

    if (!settings.deletionProtection) {
      Validations.of(this.cluster).acknowledge({
        id: 'AwsSolutions-RDS10',
        reason:
          'Deletion protection is set per stage: off for this disposable stage (removal policy ' +
          `${settings.removal}), on in the prod preset.`,
      });
    }
  }

  /**
   * The cluster's resource id (`cluster-...`): unique to each cluster ever created, unlike its
   * name or ARN, so it changes when CloudFormation replaces the cluster.
   */
  get identity(): string {
    return this.cluster.clusterResourceIdentifier;
  }

  /** The ARN of the RDS-managed master user secret, as the Data API wants it. */
  get secretArn(): string {
    const secret = this.cluster.secret;
    if (!secret) throw new Error('the cluster has no secret');
    return secret.secretArn;
  }

  /**
   * Lets `fn` run SQL through the Data API: rds-data actions on this cluster only, read access to
   * its secret only, and the environment `shared/config/` reads (`DB_DRIVER=data-api`,
   * `DB_CLUSTER_ARN`, `DB_SECRET_ARN`, `DB_NAME`).
   */
  grantDataAccess(fn: lambda.Function): void {
    this.cluster.grantDataApiAccess(fn);
    fn.addEnvironment('DB_DRIVER', 'data-api');
    fn.addEnvironment('DB_CLUSTER_ARN', this.cluster.clusterArn);
    fn.addEnvironment('DB_SECRET_ARN', this.secretArn);
    fn.addEnvironment('DB_NAME', this.databaseName);
  }
}
