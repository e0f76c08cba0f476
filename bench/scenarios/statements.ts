/**
 * (f) SQL statements per task, relay and worker separately, counted by the statement-counting
 * adapter around the runtime's database during the drain (c) (or a drain of its own when (c) is
 * not part of the run). Idle relay polls and sweeper runs during the drain are included.
 */
import type { BenchContext, Scenario } from '../lib/context.ts';
import { round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { oursDrain } from './drain.ts';

export const statements: Scenario = {
  id: 'f',
  title: '(f) SQL statements per task',
  async run(ctx: BenchContext) {
    const drained =
      ctx.shared.oursDrain ??
      (await oursDrain(ctx.settings.drain.tasks, ctx.settings.drain.submitConcurrency));
    const { tasks, statements: counts } = drained;
    const per = (n: number | undefined) => round((n ?? 0) / tasks, 3);
    const relay = counts.byComponent.relay ?? 0;
    const worker = counts.byComponent.worker ?? 0;
    const components = Object.entries(counts.byComponent).map(([component, n]) => ({
      component,
      statements: n,
      'per task': per(n),
    }));
    components.push({
      component: 'relay + worker',
      statements: relay + worker,
      'per task': per(relay + worker),
    });
    const functions = Object.entries(counts.byFunction).map(([key, n]) => ({
      'component:function': key,
      statements: n,
      'per task': per(n),
    }));
    printTable(`${this.title}: ${tasks.toLocaleString('en-US')} tasks drained`, components);
    printTable('(f) by store function', functions, [
      'counted by a Database wrapper (bench/lib/counting-database.ts), labelled from the call stack; transactions count BEGIN and COMMIT',
    ]);
    ctx.results.f = {
      tasks,
      counts,
      perTask: { relay: per(relay), worker: per(worker), total: per(relay + worker) },
    };
    ctx.summary.push(
      {
        scenario: '(f) statements/task',
        metric: 'relay + worker',
        ours: (relay + worker) / tasks,
        better: 'lower',
        target: '<= 2',
        met: (relay + worker) / tasks <= 2,
      },
      { scenario: '(f) statements/task', metric: 'relay', ours: relay / tasks, better: 'lower' },
      { scenario: '(f) statements/task', metric: 'worker', ours: worker / tasks, better: 'lower' },
      {
        scenario: '(f) statements/task',
        metric: 'api (batch submit)',
        ours: (counts.byComponent.api ?? 0) / tasks,
        better: 'lower',
      },
    );
  },
};
