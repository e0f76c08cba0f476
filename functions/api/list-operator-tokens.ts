/** GET /v1/admin/tokens: every operator token with its status, never a token or its hash. */
import { listTokens } from '../../shared/admin/operator-token-admin.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler('list-operator-tokens', async () =>
  json(200, await listTokens(getDatabase())),
);
