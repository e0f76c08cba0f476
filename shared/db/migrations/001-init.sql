-- Core schema: tenants and their API keys, tasks, the per-task event log and the outbox.
-- One statement per block; the runner splits on a semicolon at the end of a line, because the
-- RDS Data API runs one statement per call.

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  rate_limit_per_second double precision,
  rate_limit_burst integer,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  -- SHA-256 of the key, hex. The key itself is never stored.
  key_hash text NOT NULL UNIQUE,
  -- The first characters of the key, to tell keys apart in listings.
  prefix text NOT NULL,
  name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  type text NOT NULL,
  payload jsonb NOT NULL,
  priority text NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
  status text NOT NULL CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'RETRYING', 'FAILED', 'CANCELLED')),
  idempotency_key text,
  request_fingerprint text,
  client_id text,
  correlation_id text NOT NULL,
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  backoff_base_seconds double precision NOT NULL,
  backoff_cap_seconds double precision NOT NULL,
  timeout_seconds integer NOT NULL CHECK (timeout_seconds >= 1),
  lease_until timestamptz,
  result jsonb,
  last_error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  queued_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Durable idempotency backstop: one task per (tenant, Idempotency-Key).
CREATE UNIQUE INDEX tasks_tenant_idempotency_key_idx ON tasks (tenant_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- Listing, newest first (ids are UUIDv7, so id order is creation order), with optional filters.
CREATE INDEX tasks_tenant_id_idx ON tasks (tenant_id, id DESC);

CREATE INDEX tasks_tenant_status_id_idx ON tasks (tenant_id, status, id DESC);

CREATE INDEX tasks_tenant_type_id_idx ON tasks (tenant_id, type, id DESC);

-- Sweeper: expired leases, and terminal tasks past retention.
CREATE INDEX tasks_running_lease_idx ON tasks (lease_until) WHERE status = 'RUNNING';

CREATE INDEX tasks_terminal_finished_idx ON tasks (finished_at)
  WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED');

CREATE TABLE task_events (
  id bigserial PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('submitted', 'queued', 'started', 'succeeded', 'failed', 'retry_scheduled',
    'dead_lettered', 'cancelled', 'redriven', 'lease_expired')),
  attempt integer NOT NULL,
  detail jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX task_events_task_idx ON task_events (task_id, id);

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  queue text NOT NULL CHECK (queue IN ('high', 'medium', 'low')),
  available_at timestamptz NOT NULL,
  claimed_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX outbox_queue_available_idx ON outbox (queue, available_at, id);

CREATE INDEX outbox_task_idx ON outbox (task_id);
