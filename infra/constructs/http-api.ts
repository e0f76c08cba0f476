/**
 * The HTTP API (API Gateway v2): one Lambda proxy integration (payload format 2.0) per route,
 * JSON access logs, stage-wide throttling defaults and optional CORS. Authentication is the
 * `X-API-Key` check inside each function's middleware chain (keys are per tenant and stored
 * hashed in PostgreSQL), so the routes carry no API Gateway authorizer. A `$default` route sends
 * whatever no route takes to a small function answering 404 or 405 in the API's problem format.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, type RouteSpec, usesApiKey } from '../../shared/http/routes.ts';
import { NodeFunction } from './node-function.ts';

const CORS_METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface HttpApiProps {
  readonly throttleRate: number;
  readonly throttleBurst: number;
  /** Allowed CORS origins; none configures no CORS. */
  readonly corsOrigins: readonly string[];
  readonly logRetentionDays: number;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** The `$default` route's function: 404, or 405 with Allow, as problem+json. */
  readonly notFound: NodeFunction;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Taskforge task queue API',
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsOrigins],
              // Every method a route uses (the admin API's PATCH too) and every request header
              // the API reads, the operator token's Authorization included.
              allowMethods: CORS_METHODS.filter(
                (method) => method === 'OPTIONS' || ROUTES.some((route) => route.method === method),
              ).map((method) => apigw.CorsHttpMethod[method]),
              allowHeaders: [
                'content-type',
                'x-api-key',
                'authorization',
                'idempotency-key',
                'x-correlation-id',
              ],
              exposeHeaders: [
                'location',
                'idempotent-replayed',
                'retry-after',
                'ratelimit-limit',
                'ratelimit-remaining',
                'ratelimit-reset',
                'x-correlation-id',
              ],
            },
          }
        : {}),
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRate, burstLimit: props.throttleBurst },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat(),
      },
    });
    // Without a $default route API Gateway answers unmatched requests itself, with
    // {"message":"Not Found"} and no correlation id. The function needs no database, Redis or VPC.
    this.notFound = new NodeFunction(this, 'NotFound', {
      entry: 'functions/api/not-found.ts',
      description: 'Requests no route takes: 404, or 405 with Allow (problem+json)',
      timeout: Duration.seconds(5),
      memorySize: 256,
      logRetentionDays: props.logRetentionDays,
      ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
    });
    const fallback = new apigw.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('NotFoundIntegration', this.notFound),
    });
    Validations.of(fallback).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        '$default (any method and path no other route takes) answers only a 404 or 405 problem: it reads no tenant data and calls nothing, so it needs no authorizer.',
    });
  }

  /** The invoke URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }

  /** Routes `method path` to `fn`; a route without an API key says why (`publicBecause`). */
  addRoute(route: RouteSpec, fn: lambda.IFunction): void {
    const [created] = this.api.addRoutes({
      path: route.path,
      methods: [route.method as apigw.HttpMethod],
      integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
    });
    if (!created) return;
    Validations.of(created).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: usesApiKey(route.auth)
        ? `${route.method} ${route.path} is authenticated in its function: X-API-Key is hashed and looked up per tenant in PostgreSQL (tenant keys, not API Gateway usage-plan keys), with failed attempts rate limited per source IP.`
        : `${route.method} ${route.path} takes no tenant API key by design: ${route.publicBecause ?? 'it serves no tenant data'}.`,
    });
  }
}

/** JSON access log lines with what an operator needs to correlate a request with function logs. */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      method: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationStatus: '$context.integrationStatus',
      integrationError: '$context.integration.error',
      userAgent: '$context.identity.userAgent',
    }),
  );
}
