/** Schedules: the tenant's schedules, and one schedule's next runs, last run and pause/resume/trigger. */
import { useState } from 'preact/hooks';
import { type Credentials, request } from '../api.ts';
import { when } from '../format.ts';
import { usePoll } from '../hooks.ts';
import { html } from '../html.ts';
import type { Schedule, SchedulePage } from '../types.ts';

function cadence(s: { cron: string | null; intervalSeconds: number | null; timezone: string }): string {
  return s.cron ? `${s.cron} (${s.timezone})` : `every ${s.intervalSeconds} s`;
}

function ScheduleDetail(props: { credentials: Credentials; id: string; onMessage: (text: string) => void }) {
  const { credentials, id } = props;
  const { data, error, reload } = usePoll(() => request<Schedule>(credentials, `/v1/schedules/${id}`), 3000, [
    id,
  ]);
  const act = async (action: 'pause' | 'resume' | 'trigger', done: string) => {
    try {
      await request(credentials, `/v1/schedules/${id}/${action}`, { method: 'POST', body: {} });
      props.onMessage(done);
      reload();
    } catch (err) {
      props.onMessage(`${action} failed: ${(err as Error).message}`);
    }
  };
  if (error) return html`<p role="alert" class="error">${error}</p>`;
  if (!data) return html`<p>Loading…</p>`;
  return html`<div class="card" aria-label=${`Schedule ${data.name}`}>
    <h2>${data.name} <span class=${`status ${data.state}`}>${data.state}</span></h2>
    <p>${cadence(data)}; runs <code>${String(data.task.type)}</code>; overlap ${data.overlap}; fired ${data.fired},
      skipped ${data.skipped.overlap} (overlap) and ${data.skipped.missed} (missed)</p>
    <p>Last run: ${
      data.lastRun
        ? html`${when(data.lastRun.slot)}, task <a href=${`#/tasks/${data.lastRun.taskId}`}>${data.lastRun.taskId}</a> ${data.lastRun.status ?? 'deleted'}`
        : 'none yet'
    }</p>
    <h3>Next runs</h3>
    <ol aria-label="Next runs">${data.nextRuns.map((t) => html`<li>${when(t)}</li>`)}</ol>
    ${data.nextRuns.length === 0 && html`<p>No further runs.</p>`}
    <div class="actions">
      ${
        data.state === 'paused'
          ? html`<button type="button" onClick=${() => act('resume', `Resumed ${data.name}.`)}>Resume</button>`
          : html`<button type="button" onClick=${() => act('pause', `Paused ${data.name}.`)}>Pause</button>`
      }
      <button type="button" onClick=${() => act('trigger', `Triggered a run of ${data.name}.`)}>Run now</button>
      <a href=${`#/tasks?scheduleId=${data.id}`}>Tasks of this schedule</a>
    </div>
  </div>`;
}

export function Schedules(props: { credentials: Credentials; param: string | undefined }) {
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const { data, error } = usePoll(
    () =>
      request<SchedulePage>(
        props.credentials,
        `/v1/schedules?${new URLSearchParams({ limit: '25', ...(cursor ? { cursor } : {}) })}`,
      ),
    3000,
    [cursor],
  );
  return html`<section aria-labelledby="schedules-title">
    <h1 id="schedules-title">Schedules</h1>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${message && html`<p role="status">${message}</p>`}
    <div class="scroll"><table class="list" aria-label="Schedules">
      <thead><tr><th scope="col">name</th><th scope="col">state</th><th scope="col">when</th><th scope="col">next run</th><th scope="col">fired</th><th scope="col">skipped</th></tr></thead>
      <tbody>${(data?.items ?? []).map(
        (s) => html`<tr data-schedule=${s.id}><td><a href=${`#/schedules/${s.id}`}>${s.name}</a></td>
          <td><span class=${`status ${s.state}`}>${s.state}</span></td><td>${cadence(s)}</td><td>${when(s.nextRunAt)}</td>
          <td>${s.fired}</td><td>${s.skipped.overlap + s.skipped.missed}</td></tr>`,
      )}</tbody></table></div>
    ${data && data.items.length === 0 && html`<p>No schedules yet (POST /v1/schedules or <code>taskforge schedules create</code>).</p>`}
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled=${cursors.length === 0} onClick=${() => setCursors(cursors.slice(0, -1))}>Newer</button>
      <button type="button" disabled=${!data?.nextCursor} onClick=${() => data?.nextCursor && setCursors([...cursors, data.nextCursor])}>Older</button>
    </nav>
    ${props.param && html`<${ScheduleDetail} credentials=${props.credentials} id=${props.param} onMessage=${setMessage} />`}
  </section>`;
}
