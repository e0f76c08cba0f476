/** The API fixture plus a stored admin operator token, and a caller of the admin routes with it. */
import { generateOperatorToken, insertOperatorToken } from '../../../shared/ops/operator-token-store.ts';
import { type ApiFixture, type ApiResponse, type CallOptions, call, useApi } from '../../helpers/api.ts';
import { fixture } from '../../helpers/fixtures.ts';

export interface AdminFixture extends ApiFixture {
  /** A stored admin token (scope admin) and its id. */
  adminToken: string;
  adminTokenId: string;
  /** Calls an admin route with the admin token (or `token`). */
  admin(method: string, target: string, options?: CallOptions & { token?: string }): Promise<ApiResponse>;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function useAdminApi(): AdminFixture {
  const api = useApi();
  const extra = fixture(
    'the admin token',
    async () => {
      const adminToken = generateOperatorToken();
      const record = await insertOperatorToken(api.db, adminToken, {
        name: 'test admin',
        scope: 'admin',
        expiresAt: null,
      });
      return { adminToken, adminTokenId: record.id };
    },
    async () => undefined,
  );
  return new Proxy(api as AdminFixture, {
    get(target, key) {
      if (key === 'adminToken' || key === 'adminTokenId') return extra[key];
      if (key === 'admin')
        return (method: string, path: string, options: CallOptions & { token?: string } = {}) => {
          const { token, headers, ...rest } = options;
          return call(method, path, {
            ...rest,
            headers: { ...bearer(token ?? extra.adminToken), ...headers },
          });
        };
      return Reflect.get(target, key);
    },
  });
}
