-- Recurring schedules: a cron pattern (with an IANA time zone) or an interval, and the task
-- template each slot makes. The relay fires due schedules; a task made by a schedule carries
-- (schedule_id, scheduled_for) under a unique index, so one slot can never make two tasks.
-- One statement per block (the runner splits on a semicolon at the end of a line).

CREATE TABLE schedules (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  name text NOT NULL,
  cron text,
  interval_seconds integer CHECK (interval_seconds >= 1),
  timezone text NOT NULL DEFAULT 'UTC',
  -- The task each slot makes: type, payload, priority, maxAttempts, maxInterruptions, backoff,
  -- timeoutSeconds, validated against the type when the schedule was written.
  task jsonb NOT NULL,
  overlap text NOT NULL DEFAULT 'skip' CHECK (overlap IN ('skip', 'allow')),
  catch_up_window_seconds integer NOT NULL DEFAULT 60 CHECK (catch_up_window_seconds BETWEEN 0 AND 86400),
  jitter_seconds integer NOT NULL DEFAULT 0 CHECK (jitter_seconds >= 0),
  start_at timestamptz,
  end_at timestamptz,
  -- Interval slots are anchor + k * interval_seconds (start_at, else the creation time).
  anchor_at timestamptz NOT NULL,
  paused boolean NOT NULL DEFAULT false,
  -- The next slot to fire; NULL once no slot is left (past end_at).
  next_run_at timestamptz,
  -- A relay's claim: the schedule is not claimed again before this (a relay that died mid-fire
  -- leaves it to the next one once the lease ends).
  claimed_until timestamptz,
  last_slot timestamptz,
  last_task_id uuid,
  fired_count bigint NOT NULL DEFAULT 0,
  skipped_overlap_count bigint NOT NULL DEFAULT 0,
  skipped_missed_count bigint NOT NULL DEFAULT 0,
  idempotency_key text,
  request_fingerprint text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((cron IS NULL) <> (interval_seconds IS NULL))
);

CREATE UNIQUE INDEX schedules_tenant_name_idx ON schedules (tenant_id, name);

-- Listing, newest first (UUIDv7 ids).
CREATE INDEX schedules_tenant_id_idx ON schedules (tenant_id, id DESC);

-- Durable idempotency backstop of POST /v1/schedules, as for tasks.
CREATE UNIQUE INDEX schedules_tenant_idempotency_key_idx ON schedules (tenant_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- What the relay looks for on every round: active schedules by due time.
CREATE INDEX schedules_due_idx ON schedules (next_run_at) WHERE NOT paused AND next_run_at IS NOT NULL;

ALTER TABLE tasks ADD COLUMN schedule_id uuid, ADD COLUMN scheduled_for timestamptz;

-- Exactly one task per slot. Partial, so ordinary tasks take no entry here; it also serves
-- GET /v1/tasks?scheduleId= and the overlap check. Neither column changes after the insert, so
-- task transitions stay HOT updates (migration 007).
CREATE UNIQUE INDEX tasks_schedule_slot_idx ON tasks (schedule_id, scheduled_for) WHERE schedule_id IS NOT NULL;
