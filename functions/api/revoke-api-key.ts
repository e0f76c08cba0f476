/** DELETE /v1/admin/tenants/{tenantId}/keys/{keyId} -> 204: the key is refused (401) within a second everywhere. */
import { keyParamsSchema } from '../../shared/admin/admin-schemas.ts';
import { revokeTenantApiKey } from '../../shared/admin/api-key-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('revoke-api-key', async (request) => {
  const { tenantId, keyId } = parsePath(keyParamsSchema, request.event);
  await revokeTenantApiKey(getDatabase(), request, tenantId, keyId);
  return noContent();
});
