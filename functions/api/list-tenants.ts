/** GET /v1/admin/tenants?limit&cursor: tenants, oldest first (keyset on the id). */
import { listTenantsQuerySchema } from '../../shared/admin/admin-schemas.ts';
import { listTenants } from '../../shared/admin/tenant-admin.ts';
import { parseQuery } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('list-tenants', async ({ event }) => {
  const query = parseQuery(listTenantsQuerySchema, event);
  return json(200, await listTenants(getDatabase(), query));
});
