/**
 * POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate -> 201 with a new key (shown once); the
 * old key keeps working for `graceSeconds` (default 3600), then stops.
 */
import { keyParamsSchema, rotateApiKeyBodySchema } from '../../shared/admin/admin-schemas.ts';
import { rotateTenantApiKey } from '../../shared/admin/api-key-admin.ts';
import { parsePath } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler(
  'rotate-api-key',
  async (request) => {
    const input = parseInput(rotateApiKeyBodySchema, request.body, { what: 'Invalid rotation' });
    const { tenantId, keyId } = parsePath(keyParamsSchema, request.event);
    return json(201, await rotateTenantApiKey(getDatabase(), request, tenantId, keyId, input));
  },
  { body: true },
);
