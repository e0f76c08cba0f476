/**
 * A `Database` wrapper that counts statements by the component that issued them (api, relay,
 * worker, sweeper, ...) and by the store function that sent them (claimDueOutbox, claimTasks, ...).
 *
 * The component and function are read from the call stack (V8 keeps the async callers) the first
 * time a statement text is seen, then cached by text, so the steady-state cost is a map lookup.
 * A transaction counts BEGIN and COMMIT/ROLLBACK as statements too: each is a round trip.
 *
 * Each key also counts the statements that read or changed no row (`idle`: a poll that found
 * nothing) and, with `bytes`, estimates each call's RDS Data API request and response size, from
 * which `dataApiUnits` counts the requests AWS would bill (one per started 32 KiB).
 */
import type { Database, Executor, QueryResult, SqlParams } from '../../shared/db/database.ts';
import { dataApiBilledRequests } from './aws-prices.ts';

export type Component = 'api' | 'relay' | 'worker' | 'sweeper' | 'migrate' | 'bench' | 'other';

/** Source paths that identify a component, checked in this order against the stack's frames. */
const COMPONENT_PATHS: readonly [Component, RegExp][] = [
  ['relay', /functions\/relay\//],
  ['worker', /functions\/worker\//],
  ['sweeper', /functions\/sweeper\/|infra\/local\/sweeper-loop/],
  ['api', /functions\/api\/|shared\/http\//],
  ['migrate', /shared\/db\/migrate|infra\/local\/runtime/],
  ['bench', /\/bench\//],
];

interface Label {
  component: Component;
  fn: string;
}

export interface StatementDetail {
  calls: number;
  /** Calls that returned and changed no row. */
  idle: number;
  /** Estimated Data API request and response bytes (only when counting bytes). */
  requestBytes: number;
  responseBytes: number;
  /** Data API requests billed for these calls (one per started 32 KiB; only when counting bytes). */
  dataApiUnits: number;
}

export interface StatementCounts {
  total: number;
  byComponent: Partial<Record<Component, number>>;
  /** `component:function` -> statements. */
  byFunction: Record<string, number>;
  /** `component:function` -> calls, idle calls and payload sizes. */
  detail: Record<string, StatementDetail>;
}

/** The JSON an ExecuteStatement request adds around the SQL text (ARNs, database, field names). */
const REQUEST_ENVELOPE_BYTES = 250;
/** Per parameter: `{"name":..,"value":{"stringValue":..}}`. */
const PARAMETER_ENVELOPE_BYTES = 35;

function requestBytes(sql: string, params: SqlParams | undefined): number {
  let bytes = REQUEST_ENVELOPE_BYTES + Buffer.byteLength(sql);
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    bytes += PARAMETER_ENVELOPE_BYTES + name.length + Buffer.byteLength(text ?? '');
  }
  return bytes;
}

function emptyDetail(): StatementDetail {
  return { calls: 0, idle: 0, requestBytes: 0, responseBytes: 0, dataApiUnits: 0 };
}

function frames(stack: string): { fn: string; file: string }[] {
  return stack
    .split('\n')
    .slice(1)
    .map((line) => {
      const match = /^\s*at (?:async )?(?:(.+?) \()?(.*?)\)?$/.exec(line);
      return { fn: match?.[1] ?? '<anonymous>', file: match?.[2] ?? line };
    });
}

function labelFromStack(): Label {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error('label').stack ?? '';
  Error.stackTraceLimit = previous;
  const outside = frames(stack).filter(
    (f) => !f.file.includes('counting-database') && !f.file.includes('node:internal'),
  );
  const caller = outside[0];
  const fn = (caller?.fn ?? '<unknown>').replace(/^Object\./, '');
  for (const [component, pattern] of COMPONENT_PATHS) {
    if (outside.some((f) => pattern.test(f.file))) return { component, fn };
  }
  return { component: 'other', fn };
}

export class CountingDatabase implements Database {
  private labels = new Map<string, Label>();
  private counts = new Map<string, StatementDetail>();
  private readonly inner: Database;
  private readonly bytes: boolean;

  constructor(inner: Database, options: { bytes?: boolean } = {}) {
    this.inner = inner;
    this.bytes = options.bytes ?? false;
  }

  private detailFor(label: Label): StatementDetail {
    const key = `${label.component}:${label.fn}`;
    let detail = this.counts.get(key);
    if (!detail) {
      detail = emptyDetail();
      this.counts.set(key, detail);
    }
    return detail;
  }

  private count(label: Label, n = 1): void {
    const detail = this.detailFor(label);
    detail.calls += n;
    if (this.bytes) {
      // BEGIN and COMMIT are one small Data API request each.
      detail.requestBytes += n * REQUEST_ENVELOPE_BYTES;
      detail.dataApiUnits += n;
    }
  }

  private async counted<Row>(
    sql: string,
    params: SqlParams | undefined,
    run: () => Promise<QueryResult<Row>>,
  ): Promise<QueryResult<Row>> {
    const detail = this.detailFor(this.labelFor(sql));
    detail.calls += 1;
    const result = await run();
    if (result.rowCount === 0 && result.rows.length === 0) detail.idle += 1;
    if (this.bytes) {
      const sent = requestBytes(sql, params);
      const received = Buffer.byteLength(JSON.stringify(result.rows));
      detail.requestBytes += sent;
      detail.responseBytes += received;
      detail.dataApiUnits += dataApiBilledRequests(sent, received);
    }
    return result;
  }

  private labelFor(sql: string): Label {
    let label = this.labels.get(sql);
    if (!label) {
      label = labelFromStack();
      this.labels.set(sql, label);
    }
    return label;
  }

  query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<QueryResult<Row>> {
    return this.counted(sql, params, () => this.inner.query<Row>(sql, params));
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const label = labelFromStack();
    this.count({ component: label.component, fn: `${label.fn}(BEGIN+COMMIT)` }, 2);
    return this.inner.transaction((tx) =>
      work({
        query: <Row>(sql: string, params?: SqlParams) =>
          this.counted(sql, params, () => tx.query<Row>(sql, params)),
      }),
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Forgets counts and learned labels (a statement first sent at startup may later come from the API). */
  reset(): void {
    this.counts.clear();
    this.labels.clear();
  }

  snapshot(): StatementCounts {
    const byComponent: Partial<Record<Component, number>> = {};
    const byFunction: Record<string, number> = {};
    const detail: Record<string, StatementDetail> = {};
    let total = 0;
    for (const [key, d] of [...this.counts].sort((a, b) => b[1].calls - a[1].calls)) {
      const component = key.slice(0, key.indexOf(':')) as Component;
      byComponent[component] = (byComponent[component] ?? 0) + d.calls;
      byFunction[key] = d.calls;
      detail[key] = { ...d };
      total += d.calls;
    }
    return { total, byComponent, byFunction, detail };
  }
}
