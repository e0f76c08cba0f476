/** Overview: counts by status and priority, throughput and latency over time, queue depths. */
import { useRef } from 'preact/hooks';
import type { Credentials } from '../api.ts';
import { request } from '../api.ts';
import { Chart } from '../chart.ts';
import { PRIORITIES, STATUSES } from '../format.ts';
import { usePoll } from '../hooks.ts';
import { html } from '../html.ts';
import type { Stats } from '../types.ts';

/** Samples kept for the charts: the last 10 minutes at one refresh per 3 s. */
const MAX_SAMPLES = 200;

const THROUGHPUT = [
  { label: 'completed/min', stroke: '#2a9d5c' },
  { label: 'failed/min', stroke: '#d1495b' },
];
const LATENCY = [
  { label: 'run p50 ms', stroke: '#3366cc' },
  { label: 'run p95 ms', stroke: '#8e44ad' },
  { label: 'wait p95 ms', stroke: '#e08e0b' },
];

export function Overview(props: { credentials: Credentials }) {
  const samples = useRef<number[][]>([[], [], [], [], [], []]);
  const { data, error } = usePoll(
    async () => {
      const stats = await request<Stats>(props.credentials, '/v1/stats');
      const s = samples.current;
      const row = [
        Date.parse(stats.generatedAt) / 1000,
        stats.throughput.lastMinute.completed,
        stats.throughput.lastMinute.failed,
        stats.latency.durationMs?.p50 ?? 0,
        stats.latency.durationMs?.p95 ?? 0,
        stats.latency.queueWaitMs?.p95 ?? 0,
      ];
      row.forEach((value, i) => {
        s[i]!.push(value);
        if (s[i]!.length > MAX_SAMPLES) s[i]!.shift();
      });
      return stats;
    },
    3000,
    [],
  );
  const s = samples.current;
  return html`<section aria-labelledby="overview-title">
    <h1 id="overview-title">Overview</h1>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${
      data &&
      html`<div class="cards">
        <div class="card"><h2>Tasks by status</h2>
          <table class="counts" aria-label="Tasks by status"><tbody>
            ${STATUSES.map((st) => html`<tr><th scope="row"><a href=${`#/tasks?status=${st}`}>${st}</a></th><td data-status=${st}>${data.tasks.byStatus[st] ?? 0}</td></tr>`)}
            <tr><th scope="row">total</th><td>${data.tasks.total}</td></tr>
          </tbody></table></div>
        <div class="card"><h2>By priority</h2>
          <table class="counts" aria-label="Tasks by priority"><tbody>
            ${PRIORITIES.map((p) => html`<tr><th scope="row">${p}</th><td>${data.tasks.byPriority[p] ?? 0}</td></tr>`)}
          </tbody></table></div>
        <div class="card wide"><h2>Queues (all tenants)</h2>
          ${
            data.queues
              ? html`<div class="scroll"><table class="counts" aria-label="Queue depths"><thead><tr><th scope="col">queue</th><th scope="col">waiting</th><th scope="col">running</th><th scope="col">delayed</th><th scope="col">DLQ</th><th scope="col">oldest due</th></tr></thead><tbody>
                ${PRIORITIES.map((p) => {
                  const q = data.queues?.[p];
                  const oldest = data.waiting?.oldestDueSeconds[p];
                  return html`<tr><th scope="row">${p}</th><td>${q?.visible}</td><td>${q?.inFlight}</td><td>${q?.delayed}</td><td>${q?.deadLetters.visible}</td><td>${oldest === null || oldest === undefined ? '—' : `${oldest} s`}</td></tr>`;
                })}</tbody></table></div>`
              : html`<p>Queue depths unavailable. ${data.warnings.join('; ')}</p>`
          }</div>
        <div class="card"><h2>Last hour</h2>
          <p>${data.throughput.lastHour.completed} completed, ${data.throughput.lastHour.failed} failed</p>
          <p>run p95 ${data.latency.durationMs?.p95 ?? '—'} ms, wait p95 ${data.latency.queueWaitMs?.p95 ?? '—'} ms (${data.latency.samples} samples)</p>
        </div>
      </div>
      <div class="charts">
        <${Chart} title="Throughput (tasks per minute)" series=${THROUGHPUT} data=${[s[0]!, s[1]!, s[2]!].map((a) => a.slice())} />
        <${Chart} title="Latency (ms)" series=${LATENCY} data=${[s[0]!, s[3]!, s[4]!, s[5]!].map((a) => a.slice())} />
      </div>
      <p class="muted">Refreshes every 3 s; charts show this tab’s samples since it opened.</p>`
    }
  </section>`;
}
