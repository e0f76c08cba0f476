/**
 * Operator credentials: METRICS_TOKEN / ADMIN_TOKEN from the environment (local development), or
 * tokens whose hashes are in `operator_tokens` (AWS: the deploy stores the hash of a generated
 * token; the admin API issues more). With neither, `GET /metrics` answers 403 and whole-queue
 * redrive is refused. Environment tokens are compared in constant time; stored ones by hash lookup.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OpsConfig } from '../config/api.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { getOpsConfig } from '../process-deps.ts';
import { hashApiKey } from '../tenants/tenant-store.ts';
import {
  findOperatorToken,
  type OperatorIdentity,
  type OperatorScope,
  scopeSatisfies,
} from './operator-token-store.ts';

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

export type OperatorVerdict =
  | { ok: true; operator: OperatorIdentity }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'insufficient-scope'; operator: OperatorIdentity };

/**
 * What `given` (a bearer token) is: a stored token first, so a revoked or expired stored token
 * is refused even when the environment holds the same value, then the environment's tokens,
 * compared in constant time. Valid but of a scope that does not grant `scope`: insufficient.
 */
export async function verifyOperatorToken(
  db: Executor,
  given: string | undefined,
  scope: OperatorScope,
  config: OpsConfig = getOpsConfig(),
): Promise<OperatorVerdict> {
  if (given === undefined) return { ok: false, reason: 'invalid' };
  const verdict = (operator: OperatorIdentity): OperatorVerdict =>
    scopeSatisfies(operator.scope, scope)
      ? { ok: true, operator }
      : { ok: false, reason: 'insufficient-scope', operator };
  const stored = await findOperatorToken(db, hashApiKey(given));
  if (stored) {
    if (stored.status !== 'active') return { ok: false, reason: 'invalid' };
    return verdict({ tokenId: stored.id, name: stored.name, scope: stored.scope });
  }
  if (tokenMatches(given, config.adminToken))
    return verdict({ tokenId: null, name: 'ADMIN_TOKEN', scope: 'admin' });
  if (tokenMatches(given, config.metricsToken))
    return verdict({ tokenId: null, name: 'METRICS_TOKEN', scope: 'metrics' });
  return { ok: false, reason: 'invalid' };
}

/** Whether `given` (a bearer token) grants `scope`. */
export async function operatorTokenValid(
  db: Executor,
  given: string | undefined,
  scope: OperatorScope,
  config: OpsConfig = getOpsConfig(),
): Promise<boolean> {
  return (await verifyOperatorToken(db, given, scope, config)).ok;
}

export class ForbiddenError extends AppError {
  constructor(slug: string, detail: string, field?: string) {
    super(403, slug, 'Forbidden', detail, { field });
    this.name = 'ForbiddenError';
  }
}
