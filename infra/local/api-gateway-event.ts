/**
 * Builds what API Gateway and Lambda hand to an API function, so the local runtime and the tests
 * call the very same handlers as AWS does: an HTTP API payload format 2.0 event and a Lambda
 * context. Pure functions, no I/O.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface HttpRequestInput {
  method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  rawPath: string;
  /** The query string without the leading `?` ('' when none). */
  rawQueryString: string;
  /** Header names in any case; repeated headers already joined with ', '. */
  headers: Record<string, string>;
  /** The body decoded as UTF-8, or undefined when the request has none. */
  body: string | undefined;
  sourceIp: string;
  /** The matched route, e.g. 'GET /v1/tasks/{id}', or '$default'. */
  routeKey: string;
  pathParameters?: Record<string, string>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
function clfTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** Query parameters as API Gateway gives them: decoded, repeated keys joined with a comma. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = key in result ? `${result[key]},${value}` : value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * An HTTP API (payload format 2.0) event for one request. Header names are lower-cased; the
 * `cookie` header moves to `cookies`, as API Gateway does.
 *
 * @example
 * const event = toApiGatewayEvent({ method: 'GET', rawPath: '/v1/tasks/0190...', rawQueryString: '',
 *   headers: { 'X-API-Key': key }, body: undefined, sourceIp: '127.0.0.1',
 *   routeKey: 'GET /v1/tasks/{id}', pathParameters: { id: '0190...' } });
 */
export function toApiGatewayEvent(req: HttpRequestInput, now = new Date()): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]},${value}` : value;
  }
  const cookieHeader = headers.cookie;
  delete headers.cookie;
  const cookies = cookieHeader
    ?.split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const method = req.method.toUpperCase();
  const host = headers.host ?? 'localhost';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: req.routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method,
        path: req.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      // API Gateway request ids look like 'JmW7tgB2IAMEbTQ=': short base64 (10 bytes, from
      // randomUUID's buffered entropy rather than a randomBytes syscall per request).
      requestId: Buffer.from(randomUUID().replaceAll('-', '').slice(0, 20), 'hex').toString('base64'),
      routeKey: req.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies && cookies.length > 0) event.cookies = cookies;
  const query = queryParameters(req.rawQueryString);
  if (query) event.queryStringParameters = query;
  if (req.pathParameters && Object.keys(req.pathParameters).length > 0) {
    event.pathParameters = { ...req.pathParameters };
  }
  if (req.body !== undefined) event.body = req.body;
  return event;
}

/**
 * A Lambda context whose `getRemainingTimeInMillis()` counts down from `timeoutMs`, so code that
 * budgets its time (middy's early timeout, the worker) behaves as in AWS.
 */
export function lambdaContext(
  functionName: string,
  timeoutMs: number,
  options: { region?: string; memoryLimitInMB?: number } = {},
): Context {
  const deadline = Date.now() + timeoutMs;
  const region = options.region ?? 'us-east-1';
  const requestId = randomUUID();
  const unsupported = () => {
    throw new Error('callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

// Route matching is shared with the `$default` route's function, which answers 404 and 405.
export { allowedMethods, matchRoute, type RouteMatch, type RoutePattern } from '../../shared/http/routing.ts';
