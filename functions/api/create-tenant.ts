/** POST /v1/admin/tenants -> 201 with the tenant and its Location (admin operator token). */
import { createTenantBodySchema } from '../../shared/admin/admin-schemas.ts';
import { createTenant } from '../../shared/admin/tenant-admin.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler(
  'create-tenant',
  async (request) => {
    const input = parseInput(createTenantBodySchema, request.body, { what: 'Invalid tenant' });
    const tenant = await createTenant(getDatabase(), request, input);
    return json(201, tenant, { Location: `/v1/admin/tenants/${tenant.id}` });
  },
  { body: true },
);
