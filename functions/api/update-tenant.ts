/**
 * PATCH /v1/admin/tenants/{tenantId}: changes the name and/or rate limits given (null resets a
 * limit to the default) -> 200 with the tenant. The new limits apply within a second everywhere.
 */
import { tenantParamsSchema, updateTenantBodySchema } from '../../shared/admin/admin-schemas.ts';
import { updateTenant } from '../../shared/admin/tenant-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler(
  'update-tenant',
  async (request) => {
    const patch = parseInput(updateTenantBodySchema, request.body, { what: 'Invalid tenant' });
    const { tenantId } = parsePath(tenantParamsSchema, request.event);
    return json(200, await updateTenant(getDatabase(), request, tenantId, patch));
  },
  { body: true },
);
