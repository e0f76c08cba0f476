/**
 * What the OpenAPI document says about the admin API (`/v1/admin`): keyed by route name like
 * `operations.ts`, which merges these in, so an admin route without documentation does not
 * compile. Every admin route takes an operator token of scope admin (AdminToken); the statuses
 * that go with it (401, 403, 429, 503) are added by the document builder.
 */
import {
  createApiKeyBodySchema,
  createOperatorTokenBodySchema,
  createTenantBodySchema,
  deleteTenantQuerySchema,
  keyParamsSchema,
  listTenantsQuerySchema,
  rotateApiKeyBodySchema,
  tenantParamsSchema,
  tokenParamsSchema,
  updateTenantBodySchema,
} from '../admin/admin-schemas.ts';
import type { AdminRouteName } from '../http/routes.ts';
import type { OperationSpec, ResponseSpec } from './operation-spec.ts';

const tenant = (description: string, headers?: string[]): ResponseSpec => ({
  description,
  body: { component: 'Tenant' },
  ...(headers ? { headers } : {}),
});

export function adminOperations(): Record<AdminRouteName, OperationSpec> {
  return {
    'create-tenant': {
      summary: 'Create a tenant',
      description:
        'Rate limits left out (or null) fall back to DEFAULT_RATE_LIMIT_PER_SECOND / DEFAULT_RATE_LIMIT_BURST.',
      tag: 'Admin',
      body: { schema: createTenantBodySchema, required: true },
      responses: { 201: tenant('The tenant, with no keys yet', ['Location']) },
      problems: [],
    },
    'list-tenants': {
      summary: 'List tenants, oldest first',
      tag: 'Admin',
      query: listTenantsQuerySchema,
      responses: { 200: { description: 'A page of tenants', body: { component: 'TenantPage' } } },
      problems: [],
    },
    'get-tenant': {
      summary: 'Read a tenant',
      tag: 'Admin',
      path: tenantParamsSchema,
      responses: { 200: tenant('The tenant') },
      problems: [404],
    },
    'update-tenant': {
      summary: 'Rename a tenant or change its rate limits',
      description:
        'Only the fields given change; null resets a rate limit to the default. Every API process applies new limits within a second.',
      tag: 'Admin',
      path: tenantParamsSchema,
      body: { schema: updateTenantBodySchema, required: true },
      responses: { 200: tenant('The tenant as changed') },
      problems: [404],
    },
    'delete-tenant': {
      summary: 'Delete a tenant with its keys and tasks',
      description:
        '409 (tenant-has-active-tasks, with activeTasks) while it has PENDING, QUEUED, RUNNING or RETRYING tasks, unless force=true, which deletes them too.',
      tag: 'Admin',
      path: tenantParamsSchema,
      query: deleteTenantQuerySchema,
      responses: { 204: { description: 'Deleted; its keys stop working within a second' } },
      problems: [404, 409],
    },
    'create-api-key': {
      summary: 'Issue an API key for a tenant',
      description: 'The key is in this response only; afterwards only its prefix is shown.',
      tag: 'Admin',
      path: tenantParamsSchema,
      body: { schema: createApiKeyBodySchema, required: false },
      responses: { 201: { description: 'The key, with the secret', body: { component: 'NewApiKey' } } },
      problems: [404],
    },
    'list-api-keys': {
      summary: "List a tenant's API keys (never the key itself), newest first",
      tag: 'Admin',
      path: tenantParamsSchema,
      responses: { 200: { description: 'The keys (at most 1000)', body: { component: 'ApiKeyList' } } },
      problems: [404],
    },
    'revoke-api-key': {
      summary: 'Revoke an API key',
      description:
        'Every API process refuses it (401) within a second. Revoking a revoked key changes nothing.',
      tag: 'Admin',
      path: keyParamsSchema,
      responses: { 204: { description: 'Revoked' } },
      problems: [404],
    },
    'rotate-api-key': {
      summary: 'Replace an API key, keeping the old one for a grace period',
      description:
        'Issues a new key (in this response only); the old one keeps working for graceSeconds (its expiresAt becomes now + graceSeconds, or stays if earlier), then gets 401. 409 (api-key-not-active) for a revoked or expired key.',
      tag: 'Admin',
      path: keyParamsSchema,
      body: { schema: rotateApiKeyBodySchema, required: false },
      responses: { 201: { description: 'The new key, with the secret', body: { component: 'NewApiKey' } } },
      problems: [404, 409],
    },
    'create-operator-token': {
      summary: 'Issue an operator token',
      description:
        'scope admin: the admin API, whole-queue redrive and /metrics; scope metrics: /metrics only. The token is in this response only.',
      tag: 'Admin',
      body: { schema: createOperatorTokenBodySchema, required: true },
      responses: {
        201: { description: 'The token, with the secret', body: { component: 'NewOperatorToken' } },
      },
      problems: [],
    },
    'list-operator-tokens': {
      summary: 'List operator tokens (never the token itself), newest first',
      tag: 'Admin',
      responses: {
        200: { description: 'The tokens (at most 1000)', body: { component: 'OperatorTokenList' } },
      },
      problems: [],
    },
    'revoke-operator-token': {
      summary: 'Revoke an operator token',
      description:
        'Refused from the next request on. A token may revoke itself. 409 (last-admin-token) for the last usable admin token: create another first.',
      tag: 'Admin',
      path: tokenParamsSchema,
      responses: { 204: { description: 'Revoked' } },
      problems: [404, 409],
    },
  };
}
