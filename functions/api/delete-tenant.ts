/**
 * DELETE /v1/admin/tenants/{tenantId}[?force=true] -> 204: the tenant, its keys and its tasks.
 * While it has tasks that are not finished, 409 (`tenant-has-active-tasks`, with `activeTasks`)
 * unless `force=true`.
 */
import { deleteTenantQuerySchema, tenantParamsSchema } from '../../shared/admin/admin-schemas.ts';
import { deleteTenant } from '../../shared/admin/tenant-admin.ts';
import { parsePath, parseQuery } from '../../shared/http/inputs.ts';
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('delete-tenant', async (request) => {
  const { tenantId } = parsePath(tenantParamsSchema, request.event);
  const { force } = parseQuery(deleteTenantQuerySchema, request.event);
  await deleteTenant(getDatabase(), request, tenantId, force === 'true');
  return noContent();
});
