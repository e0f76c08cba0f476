/** The API functions: authentication cache, body limit, health checks, operator tokens. */
import { type Env, readNumber, readOptionalString } from './env.ts';

export interface ApiConfig {
  /** How long a successful API key lookup is cached in-process; 0 disables the cache. */
  authCacheTtlSeconds: number;
  /** Largest request body accepted, in bytes (checked before parsing). */
  maxBodyBytes: number;
  /** Time budget of each `GET /healthz` check. */
  healthCheckTimeoutMs: number;
}

export function apiConfig(env: Env = process.env): ApiConfig {
  return {
    authCacheTtlSeconds: readNumber(env, 'AUTH_CACHE_TTL_SECONDS', 30, { min: 0, max: 3600 }),
    maxBodyBytes: readNumber(env, 'API_MAX_BODY_BYTES', 1024 * 1024, { min: 1024, max: 10 * 1024 * 1024 }),
    healthCheckTimeoutMs: readNumber(env, 'HEALTH_CHECK_TIMEOUT_MS', 2000, { min: 50, max: 30_000 }),
  };
}

export interface OpsConfig {
  /** Bearer token of `GET /metrics` (a scraper's read-only credential). */
  metricsToken?: string;
  /** Bearer token of operator actions; also accepted by `GET /metrics`. */
  adminToken?: string;
}

/** Operator tokens from the environment (local development); in AWS their hashes are stored instead. */
export function opsConfig(env: Env = process.env): OpsConfig {
  return {
    metricsToken: readOptionalString(env, 'METRICS_TOKEN'),
    adminToken: readOptionalString(env, 'ADMIN_TOKEN'),
  };
}
