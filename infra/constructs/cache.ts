/**
 * ElastiCache Serverless for Valkey: the API's idempotency fast path and rate limiter. Serverless
 * caches always encrypt in transit (TLS only) and at rest; the security group admits only the
 * functions granted with `grantConnect`. Valkey, not Redis OSS: same protocol and commands, and
 * its serverless minimum (100 MB of data) costs a fraction of Redis OSS's (1 GB).
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { CacheSettings } from '../config.ts';

export interface CacheProps {
  readonly vpc: ec2.IVpc;
  readonly settings: CacheSettings;
  /** Daily snapshots kept; 0 disables them (the cache only holds rebuildable state). @default 0 */
  readonly snapshotRetentionDays?: number;
}

/** Serverless caches listen on 6379 (writes and reads) and 6380 (reads from replicas). */
const CACHE_PORT = 6379;
const READER_PORT = 6380;

/**
 * @example
 * const cache = new Cache(this, 'Cache', { vpc: network.vpc, settings: config.cache });
 * cache.grantConnect(apiFunction); // REDIS_URL=rediss://... and a security group rule
 */
export class Cache extends Construct {
  readonly cache: elasticache.CfnServerlessCache;
  readonly connections: ec2.Connections;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Taskforge cache: TLS from the API functions only',
      allowAllOutbound: false,
    });
    this.connections = new ec2.Connections({
      securityGroups: [securityGroup],
      defaultPort: ec2.Port.tcpRange(CACHE_PORT, READER_PORT),
    });
    const name = `${Stack.of(this).stackName}-cache`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40)
      .replace(/-+$/, '');
    this.cache = new elasticache.CfnServerlessCache(this, 'Cache', {
      serverlessCacheName: name,
      description: 'Taskforge idempotency keys and rate limiter buckets',
      engine: 'valkey',
      majorEngineVersion: '8',
      securityGroupIds: [securityGroup.securityGroupId],
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
      cacheUsageLimits: {
        dataStorage: { maximum: props.settings.maxDataStorageGb, unit: 'GB' },
        ecpuPerSecond: { maximum: props.settings.maxEcpuPerSecond },
      },
      snapshotRetentionLimit: props.snapshotRetentionDays ?? 0,
    });
  }

  /** `rediss://host:port`: serverless caches accept TLS connections only. */
  get url(): string {
    return `rediss://${this.cache.attrEndpointAddress}:${this.cache.attrEndpointPort}`;
  }

  /**
   * Lets `fn` (a function in the VPC) reach the cache: a rule from its security group to the
   * cache's, and `REDIS_URL` (plus `REDIS_TLS=true`) in its environment.
   */
  grantConnect(fn: lambda.Function): void {
    if (fn.connections.securityGroups.length === 0)
      throw new Error(`${fn.node.id} is not in the VPC, so it cannot reach the cache`);
    this.connections.allowDefaultPortFrom(fn, 'Valkey (TLS) from functions granted access');
    fn.addEnvironment('REDIS_URL', this.url);
    fn.addEnvironment('REDIS_TLS', 'true');
  }
}
