import { inject } from 'vitest';

// The servers the integration tier's global setup found or started (test-services.ts), for the
// helpers that read the environment and for the runtimes the e2e tests start as child processes.
// The unit tier has no global setup and provides nothing.
const testServerUrl = inject('testServerUrl');
if (testServerUrl) process.env.TEST_DATABASE_URL = testServerUrl;
const redisUrl = inject('redisUrl');
if (redisUrl) process.env.REDIS_URL = redisUrl;

// Every test process: fake AWS credentials (the SDK signs requests even to the emulator), a
// region, quiet structured logs, and no EMF output.
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_DEV ??= 'false';
// Edge Redis: each test file (process) writes under its own key prefix, and the defaults stay
// out of the way of tests that do not exercise rate limits (the edge tests set their own).
process.env.REDIS_KEY_PREFIX = `tf-test:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
process.env.DEFAULT_RATE_LIMIT_PER_SECOND ??= '100000';
process.env.DEFAULT_RATE_LIMIT_BURST ??= '100000';
// A loaded CI machine can stall a command past the production 50 ms; the outage tests set their own.
process.env.REDIS_COMMAND_TIMEOUT_MS ??= '2000';
// Tests that point an adapter at a server that is down want the answer (DatabaseUnavailableError)
// in a second or two, not after the production budget of 25 s; the outage tests set their own.
process.env.DB_UNAVAILABLE_RETRY_BUDGET_MS ??= '2000';
