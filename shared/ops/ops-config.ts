/**
 * Operator credentials: METRICS_TOKEN / ADMIN_TOKEN from the environment (local development), or
 * tokens whose hashes are in `operator_tokens` (AWS: the deploy stores the hash of a generated
 * token). With neither, `GET /metrics` answers 403 and whole-queue redrive is refused.
 * Environment tokens are compared in constant time; stored ones by hash lookup.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OpsConfig } from '../config/api.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { getOpsConfig } from '../process-deps.ts';
import { hashApiKey } from '../tenants/tenant-store.ts';
import { type OperatorScope, operatorTokenGrants } from './operator-token-store.ts';

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/** Compares hashes, so neither the length nor the content of the expected token leaks through timing. */
export function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (given === undefined || expected === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether `given` (a bearer token) grants `scope`: an environment token first (no database call),
 * then the stored hashes.
 */
export async function operatorTokenValid(
  db: Executor,
  given: string | undefined,
  scope: OperatorScope,
  config: OpsConfig = getOpsConfig(),
): Promise<boolean> {
  if (given === undefined) return false;
  if (tokenMatches(given, config.adminToken)) return true;
  if (scope === 'metrics' && tokenMatches(given, config.metricsToken)) return true;
  return operatorTokenGrants(db, hashApiKey(given), scope);
}

export class BearerUnauthorizedError extends AppError {
  constructor(detail: string) {
    super(401, 'unauthorized', 'Missing or invalid bearer token', detail, {
      field: 'header:Authorization',
      headers: { 'WWW-Authenticate': 'Bearer realm="taskforge"' },
    });
    this.name = 'BearerUnauthorizedError';
  }
}

export class ForbiddenError extends AppError {
  constructor(slug: string, detail: string, field?: string) {
    super(403, slug, 'Forbidden', detail, { field });
    this.name = 'ForbiddenError';
  }
}
