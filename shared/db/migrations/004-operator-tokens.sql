-- Operator credentials for the cross-tenant routes (GET /metrics, whole-queue DLQ redrive).
-- Like API keys, only the SHA-256 hash of a token is stored. In AWS the migrate step inserts the
-- hash of the deploy-generated token; METRICS_TOKEN / ADMIN_TOKEN in the environment also work.

CREATE TABLE operator_tokens (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  -- 'metrics' reads /metrics; 'admin' also starts whole-queue redrives.
  scope text NOT NULL CHECK (scope IN ('metrics', 'admin')),
  name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
