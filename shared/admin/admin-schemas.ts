/**
 * Schemas of the admin API (`/v1/admin`): path parameters, queries and bodies (validated with zod
 * before anything is written) and the JSON of tenants, API keys and operator tokens. They are the
 * single source of the OpenAPI document's admin operations. Secrets appear only in the responses
 * that create them (`key`, `token`), never in a listing.
 */
import * as z from 'zod';
import { OPERATOR_SCOPES, type OperatorTokenRecord } from '../ops/operator-token-store.ts';
import type { ApiKeyRecord } from '../tenants/api-key-store.ts';
import type { TenantRecord } from '../tenants/tenant-admin-store.ts';

export const DEFAULT_TENANT_PAGE_SIZE = 50;
export const MAX_TENANT_PAGE_SIZE = 100;
export const MAX_RATE_LIMIT = 1_000_000;
/** How long a rotated key keeps working unless the rotation says otherwise. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 3600;
/** At most a week of overlap between a key and its replacement. */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;
/** An expiry is at most this far ahead (ten years). */
export const MAX_EXPIRY_SECONDS = 3650 * 24 * 3600;

const id = (what: string) => z.guid({ error: `must be ${what} (a UUID)` });

export const tenantParamsSchema = z.object({ tenantId: id('a tenant id') });
export const keyParamsSchema = z.object({ tenantId: id('a tenant id'), keyId: id('a key id') });
export const tokenParamsSchema = z.object({ tokenId: id('an operator token id') });

export const listTenantsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_TENANT_PAGE_SIZE).default(DEFAULT_TENANT_PAGE_SIZE),
  cursor: id('a tenant id (the nextCursor of the previous page)')
    .meta({
      description: 'The previous page’s nextCursor (the id of its last tenant); the page continues after it.',
    })
    .optional(),
});

export const deleteTenantQuerySchema = z.strictObject({
  force: z
    .enum(['true', 'false'])
    .meta({ description: 'true: delete the tenant even with non-terminal tasks (they are deleted with it).' })
    .optional(),
});

const tenantName = z.string().min(1).max(128);
const rateLimitPerSecond = z.number().gt(0).max(MAX_RATE_LIMIT).nullable().meta({
  description: 'Requests per second of each of the tenant’s buckets; null: DEFAULT_RATE_LIMIT_PER_SECOND.',
});
const rateLimitBurst = z
  .int()
  .min(1)
  .max(MAX_RATE_LIMIT)
  .nullable()
  .meta({ description: 'Requests a full bucket holds; null: DEFAULT_RATE_LIMIT_BURST.' });

export const createTenantBodySchema = z.strictObject({
  name: tenantName,
  rateLimitPerSecond: rateLimitPerSecond.optional(),
  rateLimitBurst: rateLimitBurst.optional(),
});

export const updateTenantBodySchema = z.strictObject({
  name: tenantName.optional(),
  rateLimitPerSecond: rateLimitPerSecond.optional(),
  rateLimitBurst: rateLimitBurst.optional(),
});

/** A moment in the future, at most ten years ahead, by the server's clock. */
const expiresAt = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date-time with an offset, e.g. 2030-01-01T12:00:00Z',
  })
  .refine((value) => Date.parse(value) > Date.now(), { error: 'must be in the future' })
  .refine((value) => Date.parse(value) <= Date.now() + MAX_EXPIRY_SECONDS * 1000, {
    error: 'must be at most ten years ahead',
  })
  .meta({
    description: 'When it stops working: in the future, at most ten years ahead, by the server’s clock.',
    // JSON Schema cannot compare with "now": the window, machine-readable, for generators.
    'x-relative-window': { minSecondsFromNow: 0, maxSecondsFromNow: MAX_EXPIRY_SECONDS },
  });

export const createApiKeyBodySchema = z
  .strictObject({ name: z.string().max(128).optional(), expiresAt: expiresAt.optional() })
  .optional();

export const rotateApiKeyBodySchema = z
  .strictObject({
    graceSeconds: z
      .int()
      .min(0)
      .max(MAX_ROTATION_GRACE_SECONDS)
      .meta({ description: 'How long the old key keeps working (default 3600; 0: it stops now).' })
      .optional(),
    name: z
      .string()
      .max(128)
      .meta({ description: 'The new key’s name; the old key’s by default.' })
      .optional(),
  })
  .optional();

export const createOperatorTokenBodySchema = z.strictObject({
  name: z.string().min(1).max(128),
  scope: z
    .enum(OPERATOR_SCOPES)
    .meta({ description: 'admin: the admin API and everything metrics allows; metrics: GET /metrics.' }),
  expiresAt: expiresAt.optional(),
});

// ---------------------------------------------------------------------------------------------
// Responses.

const isoDateTime = z.iso.datetime({ offset: true });
const status = z.enum(['active', 'expired', 'revoked']);

export const tenantSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  rateLimitPerSecond: z.number().nullable(),
  rateLimitBurst: z.int().nullable(),
  createdAt: isoDateTime,
  /** Keys neither revoked nor expired. */
  activeKeys: z.int().min(0),
});
export type TenantJson = z.infer<typeof tenantSchema>;

export const tenantPageSchema = z.object({
  tenants: z.array(tenantSchema),
  nextCursor: z.string().nullable(),
});

export const apiKeySchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  /** The first characters of the key, to tell keys apart. */
  prefix: z.string(),
  name: z.string(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  status,
});
export type ApiKeyJson = z.infer<typeof apiKeySchema>;

export const newApiKeySchema = apiKeySchema.extend({
  key: z.string().meta({ description: 'The key (send it as X-API-Key). Shown only in this response.' }),
});

export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });

export const operatorTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(OPERATOR_SCOPES),
  prefix: z.string(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  status,
});
export type OperatorTokenJson = z.infer<typeof operatorTokenSchema>;

export const newOperatorTokenSchema = operatorTokenSchema.extend({
  token: z
    .string()
    .meta({ description: 'The token (send it as Authorization: Bearer). Shown only in this response.' }),
});

export const operatorTokenListSchema = z.object({ tokens: z.array(operatorTokenSchema) });

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toTenantJson(tenant: TenantRecord): TenantJson {
  return {
    id: tenant.id,
    name: tenant.name,
    rateLimitPerSecond: tenant.rateLimitPerSecond,
    rateLimitBurst: tenant.rateLimitBurst,
    createdAt: tenant.createdAt.toISOString(),
    activeKeys: tenant.activeKeys,
  };
}

export function toApiKeyJson(key: ApiKeyRecord): ApiKeyJson {
  return {
    id: key.id,
    tenantId: key.tenantId,
    prefix: key.prefix,
    name: key.name,
    createdAt: key.createdAt.toISOString(),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    status: key.status,
  };
}

export function toOperatorTokenJson(token: OperatorTokenRecord): OperatorTokenJson {
  return {
    id: token.id,
    name: token.name,
    scope: token.scope,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: iso(token.expiresAt),
    revokedAt: iso(token.revokedAt),
    status: token.status,
  };
}
