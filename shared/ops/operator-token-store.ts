/**
 * Operator tokens (cross-tenant credentials), stored only as SHA-256 hashes, as API keys are.
 * The API functions run in the VPC without a Secrets Manager endpoint, so the deploy's migrate
 * step (outside the VPC) reads the generated token from Secrets Manager and stores its hash here.
 */
import type { Executor } from '../db/database.ts';
import { uuidv7 } from '../ids.ts';
import { hashApiKey } from '../tenants/tenant-store.ts';

export type OperatorScope = 'metrics' | 'admin';

/** Scopes that satisfy a requirement: an admin token may also read metrics. */
const SATISFYING: Record<OperatorScope, OperatorScope[]> = {
  metrics: ['metrics', 'admin'],
  admin: ['admin'],
};

/** Stores the hash of `token` with `scope`. Idempotent for the same token. */
export async function addOperatorToken(
  db: Executor,
  token: string,
  scope: OperatorScope,
  name = '',
): Promise<void> {
  await db.query(
    `INSERT INTO operator_tokens (id, token_hash, scope, name) VALUES (:id::uuid, :tokenHash, :scope, :name)
     ON CONFLICT (token_hash) DO NOTHING`,
    { id: uuidv7(), tokenHash: hashApiKey(token), scope, name },
  );
}

/** Whether an unrevoked token with this hash grants `scope`. */
export async function operatorTokenGrants(
  db: Executor,
  tokenHash: string,
  scope: OperatorScope,
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM operator_tokens
      WHERE token_hash = :tokenHash AND revoked_at IS NULL
        AND scope IN (SELECT value FROM jsonb_array_elements_text(:scopes::jsonb))`,
    { tokenHash, scopes: SATISFYING[scope] },
  );
  return rows.length > 0;
}

/** Whether any unrevoked operator token exists (to tell "disabled" from "wrong token"). */
export async function operatorTokensExist(db: Executor): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM operator_tokens WHERE revoked_at IS NULL LIMIT 1');
  return rows.length > 0;
}
