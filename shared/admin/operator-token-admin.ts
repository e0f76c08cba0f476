/**
 * The admin API's use cases on operator tokens: issue (shown once), list (never the token or its
 * hash) and revoke. Operator tokens are not cached, so a revoked token is refused by the next
 * request. A token may revoke itself; the last usable admin token may not be revoked (409), so
 * the service always keeps a way to be administered.
 */
import type * as z from 'zod';
import type { Executor } from '../db/database.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import {
  generateOperatorToken,
  insertOperatorToken,
  listOperatorTokens,
  revokeOperatorToken,
} from '../ops/operator-token-store.ts';
import {
  type createOperatorTokenBodySchema,
  type OperatorTokenJson,
  toOperatorTokenJson,
} from './admin-schemas.ts';
import { type AdminActor, audit } from './audit.ts';

export type NewOperatorTokenJson = OperatorTokenJson & { token: string };

export async function createOperatorToken(
  db: Executor,
  actor: AdminActor,
  input: z.output<typeof createOperatorTokenBodySchema>,
): Promise<NewOperatorTokenJson> {
  const token = generateOperatorToken();
  const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
  const record = await insertOperatorToken(db, token, { name: input.name, scope: input.scope, expiresAt });
  audit(actor, 'operator-token.create', {
    id: record.id,
    detail: {
      name: record.name,
      scope: record.scope,
      prefix: record.prefix,
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { ...toOperatorTokenJson(record), token };
}

export async function listTokens(db: Executor): Promise<{ tokens: OperatorTokenJson[] }> {
  return { tokens: (await listOperatorTokens(db)).map(toOperatorTokenJson) };
}

export async function revokeToken(db: Executor, actor: AdminActor, tokenId: string): Promise<void> {
  const revocation = await revokeOperatorToken(db, tokenId);
  switch (revocation.outcome) {
    case 'not-found':
      throw new NotFoundError('No operator token has this id', 'tokenId');
    case 'last-admin-token':
      throw new ConflictError(
        'last-admin-token',
        'This is the last usable admin token: create another admin token before revoking it',
        { tokenStatus: revocation.token.status },
      );
    case 'already-revoked':
      return;
    case 'revoked':
      audit(actor, 'operator-token.revoke', {
        id: tokenId,
        detail: {
          name: revocation.token.name,
          scope: revocation.token.scope,
          self: actor.operator.tokenId === tokenId,
        },
      });
  }
}
