/**
 * The audit trail of the admin API: every change is one structured log line (`admin audit`:
 * who, what, which target, when, on the request's correlation id) and one count of its action's
 * metric. Refused requests change nothing and are logged as any rejected request is.
 */
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';
import type { OperatorIdentity } from '../ops/operator-token-store.ts';

export type AdminAction =
  | 'tenant.create'
  | 'tenant.update'
  | 'tenant.delete'
  | 'api-key.create'
  | 'api-key.revoke'
  | 'api-key.rotate'
  | 'operator-token.create'
  | 'operator-token.revoke';

const METRIC: Record<AdminAction, string> = {
  'tenant.create': MetricName.AdminTenantsCreated,
  'tenant.update': MetricName.AdminTenantsUpdated,
  'tenant.delete': MetricName.AdminTenantsDeleted,
  'api-key.create': MetricName.AdminApiKeysCreated,
  'api-key.revoke': MetricName.AdminApiKeysRevoked,
  'api-key.rotate': MetricName.AdminApiKeysRotated,
  'operator-token.create': MetricName.AdminOperatorTokensCreated,
  'operator-token.revoke': MetricName.AdminOperatorTokensRevoked,
};

/** Who acts: the operator and the request's logger (which carries the correlation id). */
export interface AdminActor {
  operator: OperatorIdentity;
  logger: AppLogger;
}

export interface AuditTarget {
  /** The id of what changed (tenant, key or token). */
  id: string;
  /** The tenant it belongs to, for keys. */
  tenantId?: string;
  /** What changed, without secrets: names, limits, expiry, grace. */
  detail?: Record<string, unknown>;
}

export function audit(actor: AdminActor, action: AdminAction, target: AuditTarget): void {
  actor.logger.info('admin audit', {
    audit: {
      action,
      at: new Date().toISOString(),
      operatorTokenId: actor.operator.tokenId,
      operatorName: actor.operator.name,
      targetId: target.id,
      ...(target.tenantId === undefined ? {} : { tenantId: target.tenantId }),
      ...(target.detail === undefined ? {} : { detail: target.detail }),
    },
  });
  metrics.addMetric(METRIC[action], MetricUnit.Count, 1);
}
