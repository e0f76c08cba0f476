/** POST /v1/admin/tenants/{tenantId}/keys -> 201 with the new key, shown only in this response. */
import { createApiKeyBodySchema, tenantParamsSchema } from '../../shared/admin/admin-schemas.ts';
import { createApiKey } from '../../shared/admin/api-key-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler(
  'create-api-key',
  async (request) => {
    const input = parseInput(createApiKeyBodySchema, request.body, { what: 'Invalid key' });
    const { tenantId } = parsePath(tenantParamsSchema, request.event);
    return json(201, await createApiKey(getDatabase(), request, tenantId, input));
  },
  { body: true },
);
