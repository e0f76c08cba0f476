/** GET /v1/admin/tenants/{tenantId}: one tenant, or 404. */
import { tenantParamsSchema } from '../../shared/admin/admin-schemas.ts';
import { getTenant } from '../../shared/admin/tenant-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('get-tenant', async ({ event }) => {
  const { tenantId } = parsePath(tenantParamsSchema, event);
  return json(200, await getTenant(getDatabase(), tenantId));
});
