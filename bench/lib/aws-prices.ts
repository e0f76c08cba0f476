/**
 * AWS list prices used by `npm run cost` (us-east-1, USD, on-demand, the first pricing tier, no
 * free tier), each with the page it comes from. docs/deploy.md ("Cost per million tasks") lists
 * the same figures with the date they were recorded; change both together.
 */

export const PRICES_RECORDED = '2026-12-02';

export interface ListPrice {
  /** USD per `per` units of `unit`. */
  usd: number;
  per: number;
  unit: string;
  source: string;
  note?: string;
}

export const PRICES = {
  apiGatewayHttpRequest: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'HTTP API request',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    note: 'first 300 million a month; metered in 512 KB increments',
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'Lambda invocation',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'Lambda GB-second (arm64)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    note: 'first 7.5 billion GB-seconds a month',
  },
  sqsRequest: {
    usd: 0.4,
    per: 1_000_000,
    unit: 'SQS standard request',
    source: 'https://aws.amazon.com/sqs/pricing/',
    note: 'each started 64 KB of payload is one request',
  },
  dataApiRequest: {
    usd: 0.35,
    per: 1_000_000,
    unit: 'RDS Data API request',
    source: 'https://aws.amazon.com/rds/aurora/pricing/',
    note: 'first billion a month; each started 32 KB of request and response payload is one request',
  },
  auroraAcuHour: {
    usd: 0.12,
    per: 1,
    unit: 'Aurora Serverless v2 ACU-hour (Aurora Standard)',
    source: 'https://aws.amazon.com/rds/aurora/pricing/',
  },
  auroraIo: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'Aurora I/O request (Aurora Standard)',
    source: 'https://aws.amazon.com/rds/aurora/pricing/',
  },
  auroraStorageGbMonth: {
    usd: 0.1,
    per: 1,
    unit: 'Aurora storage GB-month (Aurora Standard)',
    source: 'https://aws.amazon.com/rds/aurora/pricing/',
  },
  cloudWatchLogsGb: {
    usd: 0.5,
    per: 1,
    unit: 'CloudWatch Logs GB ingested (standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  xrayTrace: {
    usd: 5.0,
    per: 1_000_000,
    unit: 'X-Ray trace recorded',
    source: 'https://aws.amazon.com/xray/pricing/',
    note: 'beyond the free 100,000 a month',
  },
} as const satisfies Record<string, ListPrice>;

export type PriceName = keyof typeof PRICES;

/** USD for `quantity` units at `price`. */
export function priced(price: ListPrice, quantity: number): number {
  return (quantity / price.per) * price.usd;
}

export const SQS_BILLING_CHUNK_BYTES = 64 * 1024;
export const DATA_API_BILLING_CHUNK_BYTES = 32 * 1024;
export const API_GATEWAY_BILLING_CHUNK_BYTES = 512 * 1024;

/** Requests billed for one request with `chunkBytes`-sized metering: at least one. */
function billedRequests(bytes: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil(bytes / chunkBytes));
}

/** One SQS request carrying `payloadBytes` of messages. */
export const sqsBilledRequests = (payloadBytes: number) =>
  billedRequests(payloadBytes, SQS_BILLING_CHUNK_BYTES);

/** One Data API call that sent `requestBytes` and received `responseBytes`. */
export const dataApiBilledRequests = (requestBytes: number, responseBytes: number) =>
  billedRequests(requestBytes + responseBytes, DATA_API_BILLING_CHUNK_BYTES);

/** One HTTP API request with a body of `bodyBytes`. */
export const apiGatewayBilledRequests = (bodyBytes: number) =>
  billedRequests(bodyBytes, API_GATEWAY_BILLING_CHUNK_BYTES);
