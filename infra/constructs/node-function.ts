/**
 * Every Lambda function of the stack, with the house defaults: Node.js 24 on arm64, an ESM
 * bundle built by the local esbuild (minified, source maps, the AWS SDK bundled at the version
 * package-lock.json pins), an explicit log group with retention, X-Ray active tracing, the
 * Powertools environment, and an execution role that can write only its own log group.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { ShippedFile } from '../../shared/http/routes.ts';

/** The repository root: entries, package-lock.json and tsconfig.json are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * ioredis, pg and other CommonJS dependencies call `require` at runtime, which an ES module does
 * not have; the banner gives the bundle one. The alias keeps it from colliding with a bundled
 * module's own `import { createRequire }`.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);";

/**
 * The esbuild options of every function, in one place so that `infra/scripts/bundle-sizes.ts`
 * builds exactly what the stack deploys.
 */
export const HOUSE_BUNDLING = {
  format: 'esm',
  target: 'node24',
  platform: 'node',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  /** Nothing external: the SDK clients are bundled at the versions the lock file pins. */
  externalModules: [] as string[],
  outputFile: 'index.mjs',
} as const;

/**
 * The shell commands that copy `files` into the bundle's output directory; run by the local
 * bundling after esbuild, so the files are part of the asset and of its hash.
 */
export function copyCommands(files: readonly ShippedFile[], inputDir: string, outputDir: string): string[] {
  return files.flatMap(({ from, to }) => {
    const target = `${outputDir}/${to}`;
    return [
      `mkdir -p "${target.slice(0, target.lastIndexOf('/'))}"`,
      `cp -R "${inputDir}/${from}" "${target}"`,
    ];
  });
}

/** Where a function in the VPC goes; functions without it run outside any VPC. */
export interface FunctionPlacement {
  readonly vpc: ec2.IVpc;
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroups: ec2.ISecurityGroup[];
}

export interface NodeFunctionProps {
  /** Entry file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** Days the function's log group keeps logs. */
  readonly logRetentionDays: number;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Extra environment; the constructs' grant methods add the rest. */
  readonly environment?: Record<string, string>;
  /** @default - outside any VPC */
  readonly placement?: FunctionPlacement;
  /** Files shipped next to the bundle. @default - none */
  readonly files?: readonly ShippedFile[];
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Concurrency reserved for (and capping) this function. @default - none: the unreserved pool */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * @example
 * const relay = new NodeFunction(this, 'Relay', {
 *   entry: 'functions/relay/handler.ts',
 *   description: 'Publishes due outbox rows to SQS',
 *   logRetentionDays: 14,
 * });
 */
export class NodeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    // Created before the function (as siblings) so that the function gets them as props and
    // CDK creates neither a LogRetention helper function nor a role with managed policies.
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      logGroup,
      // JSON so that Lambda's own START/END/REPORT lines can be filtered: at WARN only platform
      // errors (timeouts, crashes) reach the log group; duration and memory are in Lambda's metrics.
      loggingFormat: lambda.LoggingFormat.JSON,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      role,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'taskforge',
        POWERTOOLS_METRICS_NAMESPACE: 'Taskforge',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      ...(props.placement
        ? {
            vpc: props.placement.vpc,
            vpcSubnets: props.placement.vpcSubnets,
            securityGroups: props.placement.securityGroups,
          }
        : {}),
      bundling: {
        format: OutputFormat.ESM,
        target: HOUSE_BUNDLING.target,
        minify: HOUSE_BUNDLING.minify,
        sourceMap: HOUSE_BUNDLING.sourceMap,
        sourcesContent: HOUSE_BUNDLING.sourcesContent,
        mainFields: [...HOUSE_BUNDLING.mainFields],
        banner: HOUSE_BUNDLING.banner,
        externalModules: [...HOUSE_BUNDLING.externalModules],
        bundleAwsSDK: true,
        ...(props.files && props.files.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  copyCommands(props.files ?? [], inputDir, outputDir),
              },
            }
          : {}),
      },
    });

    const wildcardReasons = [
      'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no ' +
        'resource-level permissions, so AWS requires Resource "*"',
    ];
    if (props.placement) {
      // What AWSLambdaVPCAccessExecutionRole grants, inline: Lambda manages the function's
      // network interfaces with the execution role.
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      );
      wildcardReasons.push(
        "VPC access: Lambda creates and deletes the function's network interfaces with the execution " +
          'role, and those EC2 calls take no resource ARN (the statement of the AWS managed ' +
          'AWSLambdaVPCAccessExecutionRole, inlined)',
      );
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${id}: ${wildcardReasons.join('; ')}.`,
    });
  }
}
