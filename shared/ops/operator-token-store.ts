/**
 * Operator tokens (cross-tenant credentials), stored only as SHA-256 hashes, as API keys are.
 * The API functions run in the VPC without a Secrets Manager endpoint, so the deploy's migrate
 * step (outside the VPC) reads the generated token from Secrets Manager and stores its hash here;
 * the admin API issues and revokes the others. One statement per function.
 */
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { toDate, toDateOrNull } from '../db/rows.ts';
import { uuidv7 } from '../ids.ts';
import { type CredentialStatus, credentialStatusSql } from '../tenants/api-key-store.ts';
import { hashApiKey } from '../tenants/tenant-store.ts';

export type OperatorScope = 'metrics' | 'admin';
export const OPERATOR_SCOPES = ['admin', 'metrics'] as const satisfies readonly OperatorScope[];

/** Scopes that satisfy a requirement: an admin token may also read metrics. */
const SATISFYING: Record<OperatorScope, OperatorScope[]> = {
  metrics: ['metrics', 'admin'],
  admin: ['admin'],
};

/** Who presented an operator token: a stored one (with its id), or one from the environment. */
export interface OperatorIdentity {
  /** The `operator_tokens` row; null for METRICS_TOKEN / ADMIN_TOKEN from the environment. */
  tokenId: string | null;
  name: string;
  scope: OperatorScope;
}

export interface OperatorTokenRecord {
  id: string;
  name: string;
  scope: OperatorScope;
  /** The first characters of the token ('' for tokens stored before prefixes were kept). */
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: CredentialStatus;
}

/** How many characters of a token are kept to tell tokens apart in listings. */
const TOKEN_PREFIX_LENGTH = 8;
export const MAX_LISTED_TOKENS = 1000;

const USABLE = `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;
const STATUS = credentialStatusSql('o');
const COLUMNS = `o.id, o.name, o.scope, o.prefix, o.created_at, o.expires_at, o.revoked_at, ${STATUS} AS status`;

function toRecord(row: Record<string, unknown>): OperatorTokenRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    scope: String(row.scope) as OperatorScope,
    prefix: String(row.prefix),
    createdAt: toDate(row.created_at),
    expiresAt: toDateOrNull(row.expires_at),
    revokedAt: toDateOrNull(row.revoked_at),
    status: String(row.status) as CredentialStatus,
  };
}

/** A new token: `tfo_` and 32 random bytes in base64url (256 bits of entropy). */
export function generateOperatorToken(): string {
  return `tfo_${randomBytes(32).toString('base64url')}`;
}

/** Stores the hash of `token` with `scope`. Idempotent for the same token. */
export async function addOperatorToken(
  db: Executor,
  token: string,
  scope: OperatorScope,
  name = '',
): Promise<void> {
  await ensureOperatorToken(db, token, scope, name);
}

/**
 * Stores the hash of `token` unless it is stored already, and says what the stored token is now:
 * `created`, or the status of the row that was there (a revoked token stays revoked).
 */
export async function ensureOperatorToken(
  db: Executor,
  token: string,
  scope: OperatorScope,
  name: string,
): Promise<'created' | CredentialStatus> {
  const { rows } = await db.query(
    `WITH created AS (
       INSERT INTO operator_tokens (id, token_hash, scope, name, prefix)
       VALUES (:id::uuid, :tokenHash, :scope, :name, :prefix)
       ON CONFLICT (token_hash) DO NOTHING RETURNING id)
     SELECT coalesce((SELECT 'created' FROM created),
                     (SELECT ${STATUS} FROM operator_tokens o WHERE o.token_hash = :tokenHash)) AS status`,
    { id: uuidv7(), tokenHash: hashApiKey(token), scope, name, prefix: token.slice(0, TOKEN_PREFIX_LENGTH) },
  );
  return String(rows[0]!.status) as 'created' | CredentialStatus;
}

/** Stores a newly issued token's hash. */
export async function insertOperatorToken(
  db: Executor,
  token: string,
  input: { name: string; scope: OperatorScope; expiresAt: Date | null },
): Promise<OperatorTokenRecord> {
  const { rows } = await db.query(
    `INSERT INTO operator_tokens AS o (id, token_hash, scope, name, prefix, expires_at)
     VALUES (:id::uuid, :tokenHash, :scope, :name, :prefix, :expiresAt::timestamptz)
     RETURNING ${COLUMNS}`,
    {
      id: uuidv7(),
      tokenHash: hashApiKey(token),
      scope: input.scope,
      name: input.name,
      prefix: token.slice(0, TOKEN_PREFIX_LENGTH),
      expiresAt: input.expiresAt,
    },
  );
  return toRecord(rows[0]!);
}

/** Every token, newest first (at most MAX_LISTED_TOKENS). */
export async function listOperatorTokens(db: Executor): Promise<OperatorTokenRecord[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM operator_tokens o ORDER BY o.id DESC LIMIT :max`, {
    max: MAX_LISTED_TOKENS,
  });
  return rows.map(toRecord);
}

/** The stored token with this hash, whatever its status, or null. */
export async function findOperatorToken(
  db: Executor,
  tokenHash: string,
): Promise<OperatorTokenRecord | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM operator_tokens o WHERE o.token_hash = :tokenHash`,
    {
      tokenHash,
    },
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export type TokenRevocation =
  | { outcome: 'revoked' | 'already-revoked'; token: OperatorTokenRecord }
  | { outcome: 'not-found' }
  | { outcome: 'last-admin-token'; token: OperatorTokenRecord };

/**
 * Revokes a token, unless it is the last usable admin token (nobody could administer the
 * service after it). The usable admin tokens are locked in id order, so two revocations of the
 * last two cannot both pass, and cannot deadlock.
 */
export async function revokeOperatorToken(db: Executor, tokenId: string): Promise<TokenRevocation> {
  const { rows } = await db.query(
    `WITH admins AS (SELECT id FROM operator_tokens WHERE scope = 'admin' AND ${USABLE} ORDER BY id FOR UPDATE),
          revoked AS (UPDATE operator_tokens o SET revoked_at = now()
                       WHERE o.id = :tokenId::uuid AND o.revoked_at IS NULL
                         AND (o.scope <> 'admin' OR (o.expires_at IS NOT NULL AND o.expires_at <= now())
                              OR EXISTS (SELECT 1 FROM admins a WHERE a.id <> o.id))
                       RETURNING ${COLUMNS}, true AS changed)
     SELECT * FROM revoked
     UNION ALL
     SELECT ${COLUMNS}, false AS changed FROM operator_tokens o
      WHERE o.id = :tokenId::uuid AND NOT EXISTS (SELECT 1 FROM revoked)`,
    { tokenId },
  );
  const row = rows[0];
  if (!row) return { outcome: 'not-found' };
  const token = toRecord(row);
  if (row.changed === true) return { outcome: 'revoked', token };
  return { outcome: token.status === 'revoked' ? 'already-revoked' : 'last-admin-token', token };
}

/** Whether a usable token with this hash grants `scope`. */
export async function operatorTokenGrants(
  db: Executor,
  tokenHash: string,
  scope: OperatorScope,
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM operator_tokens
      WHERE token_hash = :tokenHash AND ${USABLE}
        AND scope IN (SELECT value FROM jsonb_array_elements_text(:scopes::jsonb))`,
    { tokenHash, scopes: SATISFYING[scope] },
  );
  return rows.length > 0;
}

/** Whether any usable operator token exists (to tell "disabled" from "wrong token"). */
export async function operatorTokensExist(db: Executor): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM operator_tokens WHERE ${USABLE} LIMIT 1`);
  return rows.length > 0;
}

/** Whether a token of scope `held` may do what `needed` allows. */
export function scopeSatisfies(held: OperatorScope, needed: OperatorScope): boolean {
  return SATISFYING[needed].includes(held);
}
