-- Interruptions are not failures: a lease that ran out because its worker vanished is counted
-- here, against its own limit, and the attempt runs again under the same number; only the
-- handler's own failures count against max_attempts.
-- One statement per block (the runner splits on a semicolon at the end of a line).

ALTER TABLE tasks ADD COLUMN interruptions integer NOT NULL DEFAULT 0 CHECK (interruptions >= 0);

ALTER TABLE tasks ADD COLUMN max_interruptions integer NOT NULL DEFAULT 3 CHECK (max_interruptions >= 0);

-- Raised by every claim and never reset (not even by a retry from scratch), so it tells the runs
-- of one attempt number apart: a worker whose run was taken over cannot record its outcome or
-- extend its lease, even when the new run has the same attempt number.
ALTER TABLE tasks ADD COLUMN lease_generation integer NOT NULL DEFAULT 0;

ALTER TABLE task_events DROP CONSTRAINT task_events_type_check;

-- 'lease_expired' stays for events written before this migration; new ones are 'interrupted'.
-- 'republished': the sweeper sent a task whose message seemed lost once more.
ALTER TABLE task_events ADD CONSTRAINT task_events_type_check CHECK (type IN ('submitted', 'queued', 'started',
  'succeeded', 'failed', 'retry_scheduled', 'dead_lettered', 'cancelled', 'redriven', 'lease_expired', 'interrupted',
  'republished'));

-- Tasks waiting for a worker, by run_at: GET /metrics reads the oldest PENDING/QUEUED one, and the
-- sweeper finds QUEUED/RETRYING tasks that nobody claimed long after they were due (their message
-- was lost) in the same index, so no index is added for it.
DROP INDEX tasks_waiting_run_at_idx;

CREATE INDEX tasks_waiting_idx ON tasks (run_at) WHERE status IN ('PENDING', 'QUEUED', 'RETRYING');
