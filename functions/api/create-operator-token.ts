/** POST /v1/admin/tokens -> 201 with a new operator token (scope admin or metrics), shown only in this response. */
import { createOperatorTokenBodySchema } from '../../shared/admin/admin-schemas.ts';
import { createOperatorToken } from '../../shared/admin/operator-token-admin.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseInput } from '../../shared/http/validation.ts';
import { getDatabase } from '../../shared/process-deps.ts';

export const handler = routeHandler(
  'create-operator-token',
  async (request) => {
    const input = parseInput(createOperatorTokenBodySchema, request.body, { what: 'Invalid token' });
    return json(201, await createOperatorToken(getDatabase(), request, input));
  },
  { body: true },
);
