/**
 * DELETE /v1/admin/tokens/{tokenId} -> 204: refused by the next request. A token may revoke
 * itself; the last usable admin token may not be revoked (409 `last-admin-token`).
 */
import { tokenParamsSchema } from '../../shared/admin/admin-schemas.ts';
import { revokeToken } from '../../shared/admin/operator-token-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('revoke-operator-token', async (request) => {
  const { tokenId } = parsePath(tokenParamsSchema, request.event);
  await revokeToken(getDatabase(), request, tokenId);
  return noContent();
});
