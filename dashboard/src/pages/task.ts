/** One task: payload and result, the explain line, the attempt timeline, and its actions. */
import { useState } from 'preact/hooks';
import { type Credentials, request } from '../api.ts';
import { pretty, when } from '../format.ts';
import { usePoll } from '../hooks.ts';
import { html } from '../html.ts';
import type { Explanation, Task, TaskEventPage } from '../types.ts';

interface View {
  task: Task;
  explanation: Explanation;
  events: TaskEventPage['items'];
}

async function readEvents(credentials: Credentials, id: string): Promise<TaskEventPage['items']> {
  const events: TaskEventPage['items'] = [];
  let cursor: string | null = null;
  do {
    const page: TaskEventPage = await request<TaskEventPage>(
      credentials,
      `/v1/tasks/${id}/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

export function TaskDetail(props: { credentials: Credentials; id: string }) {
  const { credentials, id } = props;
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const { data, error, reload } = usePoll<View | null>(
    async () => {
      const [task, explanation, events] = await Promise.all([
        request<Task>(credentials, `/v1/tasks/${id}`),
        request<Explanation>(credentials, `/v1/tasks/${id}/explain`),
        readEvents(credentials, id),
      ]);
      return { task, explanation, events };
    },
    1000,
    [id],
  );
  const act = async (label: string, method: 'POST' | 'DELETE', path: string) => {
    try {
      await request(credentials, path, { method, ...(method === 'POST' ? { body: {} } : {}) });
      if (method === 'DELETE') {
        location.hash = '#/tasks';
        return;
      }
      setNotice(`${label}: done`);
      reload();
    } catch (err) {
      setNotice(`${label} failed: ${(err as Error).message}`);
    }
  };
  if (error && !data) return html`<p role="alert" class="error">${error}</p>`;
  if (!data) return html`<p>Loading…</p>`;
  const { task, explanation, events } = data;
  const terminal = ['COMPLETED', 'FAILED', 'CANCELLED'].includes(task.status);
  return html`<section aria-labelledby="task-title">
    <h1 id="task-title">Task <code>${task.id}</code></h1>
    <p><span class="status ${task.status}" data-testid="task-status">${task.status}</span> ${task.type}, ${task.priority} priority, attempt ${task.attempts}/${task.maxAttempts}</p>
    <p class="explain" data-testid="explain"><strong>Why: ${explanation.reason}</strong> — ${explanation.detail}</p>
    <div class="actions">
      <button type="button" disabled=${!['PENDING', 'QUEUED', 'RETRYING'].includes(task.status)} onClick=${() => act('Cancel', 'POST', `/v1/tasks/${id}/cancel`)}>Cancel</button>
      <button type="button" disabled=${!['FAILED', 'CANCELLED'].includes(task.status)} onClick=${() => act('Retry', 'POST', `/v1/tasks/${id}/retry`)}>Retry</button>
      <button type="button" disabled=${!terminal} onClick=${() => confirm(`Delete task ${id}?`) && act('Delete', 'DELETE', `/v1/tasks/${id}`)}>Delete</button>
    </div>
    ${notice && html`<p role="status">${notice}</p>`}
    ${error && html`<p role="alert" class="error">${error}</p>`}
    <div class="cards">
      <div class="card"><h2>Payload</h2><pre aria-label="Payload">${pretty(task.payload)}</pre></div>
      <div class="card"><h2>Result</h2><pre aria-label="Result">${task.status === 'COMPLETED' ? pretty(task.result) : task.error ? pretty(task.error) : '—'}</pre></div>
    </div>
    <h2>Timeline</h2>
    <ol class="timeline" aria-label="Attempt timeline">${events.map(
      (e) =>
        html`<li data-event=${e.type}><time datetime=${e.createdAt}>${when(e.createdAt)}</time> <strong>${e.type}</strong> attempt ${e.attempt}${e.detail !== null && e.detail !== undefined ? html` <code>${JSON.stringify(e.detail)}</code>` : ''}</li>`,
    )}</ol>
  </section>`;
}
