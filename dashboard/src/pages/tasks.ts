/** Tasks: filters (status, type, priority, client, schedule), keyset paging, live refresh. */
import { useState } from 'preact/hooks';
import { type Credentials, request } from '../api.ts';
import { PRIORITIES, STATUSES, when } from '../format.ts';
import { usePoll } from '../hooks.ts';
import { html } from '../html.ts';
import type { TaskPage } from '../types.ts';

interface Filters {
  status: string;
  type: string;
  priority: string;
  clientId: string;
  scheduleId: string;
}

function initialFilters(query: URLSearchParams): Filters {
  return {
    status: query.get('status') ?? '',
    type: query.get('type') ?? '',
    priority: query.get('priority') ?? '',
    clientId: query.get('clientId') ?? '',
    scheduleId: query.get('scheduleId') ?? '',
  };
}

export function Tasks(props: { credentials: Credentials; query: URLSearchParams }) {
  const [filters, setFilters] = useState<Filters>(() => initialFilters(props.query));
  // The cursors of the pages before this one (keyset paging: a page is "after this id").
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const { data, error } = usePoll(
    () => {
      const q = new URLSearchParams({ limit: '25' });
      for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
      if (cursor) q.set('cursor', cursor);
      return request<TaskPage>(props.credentials, `/v1/tasks?${q}`);
    },
    2000,
    [JSON.stringify(filters), cursor],
  );
  const set = (key: keyof Filters) => (event: Event) => {
    setCursors([]);
    setFilters({ ...filters, [key]: (event.target as HTMLInputElement).value });
  };
  return html`<section aria-labelledby="tasks-title">
    <h1 id="tasks-title">Tasks</h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>Status <select name="status" value=${filters.status} onChange=${set('status')}>
        <option value="">any</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label>Type <input name="type" value=${filters.type} onChange=${set('type')} placeholder="any" /></label>
      <label>Priority <select name="priority" value=${filters.priority} onChange=${set('priority')}>
        <option value="">any</option>${PRIORITIES.map((p) => html`<option value=${p}>${p}</option>`)}</select></label>
      <label>Client id <input name="clientId" value=${filters.clientId} onChange=${set('clientId')} placeholder="any" /></label>
      <label>Schedule id <input name="scheduleId" value=${filters.scheduleId} onChange=${set('scheduleId')} placeholder="any" /></label>
    </form>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    <div class="scroll"><table class="list" aria-label="Tasks">
      <thead><tr><th scope="col">id</th><th scope="col">type</th><th scope="col">status</th><th scope="col">priority</th><th scope="col">attempts</th><th scope="col">created</th></tr></thead>
      <tbody>${(data?.items ?? []).map(
        (t) => html`<tr data-task=${t.id}><td><a href=${`#/tasks/${t.id}`}>${t.id}</a></td><td>${t.type}</td>
          <td><span class=${`status ${t.status}`}>${t.status}</span></td><td>${t.priority}</td><td>${t.attempts}/${t.maxAttempts}</td><td>${when(t.createdAt)}</td></tr>`,
      )}</tbody></table></div>
    ${data && data.items.length === 0 && html`<p>No tasks match.</p>`}
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled=${cursors.length === 0} onClick=${() => setCursors(cursors.slice(0, -1))}>Newer</button>
      <button type="button" disabled=${!data?.nextCursor} onClick=${() => data?.nextCursor && setCursors([...cursors, data.nextCursor])}>Older</button>
    </nav>
  </section>`;
}
