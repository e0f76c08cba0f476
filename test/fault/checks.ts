/**
 * What a fault did to the tasks and to the clients, from the database's final state, the
 * client's records and the webhook receiver's counts, and the checks that decide pass or fail.
 * Every task the suite submits is designed to complete, so any other end is the fault's doing.
 */
import { summarize } from '../../bench/lib/stats.ts';
import type { ResponseRecord } from './client.ts';
import type { FinalTask } from './database-probe.ts';
import type { Check, FaultWindow, Measure, RecoveryBounds } from './faults.ts';
import type { LoadResult } from './load.ts';

export interface Recovery {
  /** Seconds from the fault's end until the last open task moved again; null if some never did. */
  seconds: number | null;
  /** Open tasks that had not moved again when the wait ended. */
  notRecovered: number;
  /** How long the suite waited, from the fault's end. */
  waitedSeconds: number;
}

export interface FaultCounts {
  /** Tasks the API accepted (2xx with an id). */
  accepted: number;
  /** Accepted, but not in the database. */
  lost: number;
  /** In the database, not terminal when the wait ended (never terminal within the bound). */
  stuck: number;
  /** More than one `succeeded` event. */
  doubleCompleted: number;
  /** A `started` right after another `started` that was neither reclaimed nor interrupted: two owners. */
  overlappingClaims: number;
  /** Ended FAILED, although designed to complete: the fault cost them an attempt. */
  failed: number;
  /** Webhook tasks executed more often than claimed, or completed without being executed. */
  webhookMismatches: number;
  /** Keyed requests sent again that got other task ids back. */
  idempotencyMismatches: number;
  /** Tasks in the database that no answer named (a commit whose answer was lost); informational. */
  unacknowledged: number;
  /** HTTP answers by status (0: no answer). */
  statuses: Record<string, number>;
  /** 5xx other than 503, and 503 without Retry-After. */
  serverErrors: number;
  unavailableWithoutRetryAfter: number;
  /** Requests never accepted: refused (4xx) or given up after retrying. */
  rejected: number;
  /** 2xx submits that skipped the Redis edge checks, and their share of all 2xx submits. */
  edgeSkipped: number;
  edgeSkippedShare: number;
}

export interface FaultEvaluation {
  counts: FaultCounts;
  measures: Record<string, Measure>;
  checks: Check[];
  /** A few task ids per violation, to start an investigation from. */
  samples: Record<string, string[]>;
  failedReasons: Record<string, number>;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const SAMPLE = 5;

/** Seconds from `from` to the first response at or after it that `match`es; null if none. */
function firstAfter(
  responses: readonly ResponseRecord[],
  from: number,
  match: (r: ResponseRecord) => boolean,
) {
  let first: number | undefined;
  for (const r of responses)
    if (r.sentAt >= from && match(r) && (first === undefined || r.at < first)) first = r.at;
  return first === undefined ? null : Math.round((first - from) / 100) / 10;
}

function startedTwice(events: FinalTask['events']): boolean {
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.type === 'started' && events[i - 1]!.type === 'started' && !events[i]!.reclaimed)
      return true;
  }
  return false;
}

function bounded(name: string, value: number | null, bound: number | undefined, unmeasured: string): Check[] {
  if (bound === undefined) return [];
  return [
    {
      name: `${name} within ${bound} s`,
      ok: value !== null && value <= bound,
      detail: value === null ? unmeasured : `${value} s`,
    },
  ];
}

export function evaluate(input: {
  window: FaultWindow;
  load: LoadResult;
  tasks: readonly FinalTask[];
  responses: readonly ResponseRecord[];
  webhookCalls: ReadonlyMap<string, number>;
  recovery: Recovery;
  bounds: RecoveryBounds;
}): FaultEvaluation {
  const { window, load, tasks, responses, webhookCalls, recovery, bounds } = input;
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const samples: Record<string, string[]> = {};
  const note = (kind: string, id: string) => {
    const list = samples[kind] ?? [];
    if (list.length < SAMPLE) list.push(id);
    samples[kind] = list;
  };
  const failedReasons: Record<string, number> = {};

  // Claims per webhook nonce over every task that carries it: a submit whose answer the fault cut
  // off and that the client sent again without an Idempotency-Key is a second task with the same
  // nonce (by design), and its calls are its own.
  const claimsByNonce = new Map<string, number>();
  for (const task of tasks)
    if (task.nonce !== null)
      claimsByNonce.set(
        task.nonce,
        (claimsByNonce.get(task.nonce) ?? 0) + task.events.filter((e) => e.type === 'started').length,
      );
  let lost = 0;
  let webhookMismatches = 0;
  for (const accepted of load.accepted.values()) {
    const task = byId.get(accepted.id);
    if (!task) {
      lost += 1;
      note('lost', accepted.id);
      continue;
    }
    if (task.type === 'webhook') {
      const calls = webhookCalls.get(accepted.nonce) ?? 0;
      const claims = claimsByNonce.get(accepted.nonce) ?? 0;
      if (calls > claims || (task.status === 'COMPLETED' && calls === 0)) {
        webhookMismatches += 1;
        note('webhookMismatch', `${task.id} (${calls} calls, ${claims} claims)`);
      }
    }
  }
  let stuck = 0;
  let doubleCompleted = 0;
  let overlappingClaims = 0;
  let failed = 0;
  for (const task of tasks) {
    if (!TERMINAL.has(task.status)) {
      stuck += 1;
      note(`stuck${task.status}`, task.id);
    }
    if (task.events.filter((e) => e.type === 'succeeded').length > 1) {
      doubleCompleted += 1;
      note('doubleCompleted', task.id);
    }
    if (startedTwice(task.events)) {
      overlappingClaims += 1;
      note('overlappingClaim', task.id);
    }
    if (task.status === 'FAILED' || task.status === 'CANCELLED') {
      failed += 1;
      note('failed', task.id);
      const reason = `${task.status} ${task.lastError?.name ?? 'Error'}`;
      failedReasons[reason] = (failedReasons[reason] ?? 0) + 1;
    }
  }
  const unacknowledged = tasks.filter((task) => !load.accepted.has(task.id)).length;

  const statuses: Record<string, number> = {};
  let serverErrors = 0;
  let unavailableWithoutRetryAfter = 0;
  let ok = 0;
  let edgeSkipped = 0;
  for (const r of responses) {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status >= 500 && r.status !== 503) serverErrors += 1;
    if (r.status === 503 && r.retryAfter === null) unavailableWithoutRetryAfter += 1;
    if (r.status >= 200 && r.status < 300) {
      ok += 1;
      if (!r.edgeChecked) edgeSkipped += 1;
    }
  }

  const counts: FaultCounts = {
    accepted: load.accepted.size,
    lost,
    stuck,
    doubleCompleted,
    overlappingClaims,
    failed,
    webhookMismatches,
    idempotencyMismatches: load.repeatMismatches.length,
    unacknowledged,
    statuses,
    serverErrors,
    unavailableWithoutRetryAfter,
    rejected: load.rejected.length,
    edgeSkipped,
    edgeSkippedShare: ok === 0 ? 0 : edgeSkipped / ok,
  };
  const apiRecoverySeconds = firstAfter(responses, window.endedAt, (r) => r.status >= 200 && r.status < 300);
  const edgeRecoverySeconds = firstAfter(
    responses,
    window.endedAt,
    (r) => r.status >= 200 && r.status < 300 && r.edgeChecked,
  );
  const latency = (from: number, to: number) =>
    summarize(responses.filter((r) => r.sentAt >= from && r.sentAt < to).map((r) => r.at - r.sentAt));
  const all = latency(0, Number.POSITIVE_INFINITY);
  const duringFault = latency(window.startedAt, window.endedAt);
  const measures: Record<string, Measure> = {
    ...window.measures,
    openAtFault: window.open.ids.length,
    recoverySeconds: recovery.seconds,
    recoveryBoundSeconds: bounds.tasks,
    notRecovered: recovery.notRecovered,
    waitedSeconds: recovery.waitedSeconds,
    apiRecoverySeconds,
    edgeRecoverySeconds,
    requests: load.requests,
    keyedRequests: load.keyedRequests,
    repeatedRequests: load.repeats,
    retriedRequests: load.retried,
    loadSeconds: Math.round((load.endedAt - load.startedAt) / 100) / 10,
    submitP50Ms: all.p50,
    submitP99Ms: all.p99,
    submitMaxMs: all.max,
    submitsSentDuringFault: duringFault.n,
    submitMaxMsDuringFault: duringFault.n > 0 ? duringFault.max : null,
  };

  const zero = (name: string, value: number, detail = `${value}`): Check => ({
    name,
    ok: value === 0,
    detail,
  });
  const checks: Check[] = [
    zero('nothing accepted is lost', lost),
    zero('every task terminal at the end', stuck),
    zero('no task completed twice', doubleCompleted),
    zero('no task claimed by two workers at once', overlappingClaims),
    zero(
      'no task failed by the fault',
      failed,
      Object.entries(failedReasons)
        .map(([reason, n]) => `${n} ${reason}`)
        .join(', ') || '0',
    ),
    zero('webhook executions match claims', webhookMismatches),
    zero('one task per Idempotency-Key', load.repeatMismatches.length),
    zero(
      'no 5xx other than 503',
      serverErrors,
      Object.entries(statuses)
        .filter(([status]) => Number(status) >= 500)
        .map(([status, n]) => `${n} x ${status}`)
        .join(', ') || '0',
    ),
    zero('every 503 has Retry-After', unavailableWithoutRetryAfter),
    zero(
      'every request accepted in the end',
      load.rejected.length,
      load.rejected
        .slice(0, 3)
        .map((r) => `${r.status}: ${r.problem ?? ''}`)
        .join(' | ') || '0',
    ),
    ...bounded(
      'recovery of every task open at the fault',
      recovery.seconds,
      bounds.tasks,
      `${recovery.notRecovered} of ${window.open.ids.length} not recovered within ${recovery.waitedSeconds} s`,
    ),
    ...bounded('API accepting again', apiRecoverySeconds, bounds.api, 'no submit accepted after the fault'),
    ...bounded(
      'edge checks back',
      edgeRecoverySeconds,
      bounds.edge,
      'no edge-checked submit after the fault',
    ),
    ...window.checks,
  ];
  return { counts, measures, checks, samples, failedReasons };
}
