/**
 * A `Database` wrapper that counts statements by the component that issued them (api, relay,
 * worker, sweeper, ...) and by the store function that sent them (claimDueOutbox, claimTasks, ...).
 *
 * The component and function are read from the call stack (V8 keeps the async callers) the first
 * time a statement text is seen, then cached by text, so the steady-state cost is a map lookup.
 * A transaction counts BEGIN and COMMIT/ROLLBACK as statements too: each is a round trip.
 */
import type { Database, Executor, QueryResult, SqlParams } from '../../shared/db/database.ts';

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

export interface StatementCounts {
  total: number;
  byComponent: Partial<Record<Component, number>>;
  /** `component:function` -> statements. */
  byFunction: Record<string, number>;
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
  private counts = new Map<string, number>();
  private readonly inner: Database;

  constructor(inner: Database) {
    this.inner = inner;
  }

  private count(label: Label, n = 1): void {
    const key = `${label.component}:${label.fn}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
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
    this.count(this.labelFor(sql));
    return this.inner.query<Row>(sql, params);
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const label = labelFromStack();
    this.count({ component: label.component, fn: `${label.fn}(BEGIN+COMMIT)` }, 2);
    return this.inner.transaction((tx) =>
      work({
        query: <Row>(sql: string, params?: SqlParams) => {
          this.count(this.labelFor(sql));
          return tx.query<Row>(sql, params);
        },
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
    let total = 0;
    for (const [key, n] of [...this.counts].sort((a, b) => b[1] - a[1])) {
      const component = key.slice(0, key.indexOf(':')) as Component;
      byComponent[component] = (byComponent[component] ?? 0) + n;
      byFunction[key] = n;
      total += n;
    }
    return { total, byComponent, byFunction };
  }
}
