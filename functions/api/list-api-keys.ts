/** GET /v1/admin/tenants/{tenantId}/keys: the tenant's keys with their status, never a key or its hash. */
import { tenantParamsSchema } from '../../shared/admin/admin-schemas.ts';
import { listTenantApiKeys } from '../../shared/admin/api-key-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('list-api-keys', async ({ event }) => {
  const { tenantId } = parsePath(tenantParamsSchema, event);
  return json(200, await listTenantApiKeys(getDatabase(), tenantId));
});
