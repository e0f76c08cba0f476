/**
 * Dead letters: FAILED tasks grouped by error fingerprint with a sample error; "retry all in
 * group" and, with an operator token, a whole-queue redrive. Each asks for confirmation showing
 * the count it will move.
 */
import { useState } from 'preact/hooks';
import { type Credentials, request } from '../api.ts';
import { PRIORITIES, when } from '../format.ts';
import { usePoll } from '../hooks.ts';
import { html } from '../html.ts';
import type { DeadLetters as DeadLettersJson, Stats } from '../types.ts';

interface Pending {
  message: string;
  body: Record<string, unknown>;
  as: 'tenant' | 'both';
}

export function DeadLetters(props: { credentials: Credentials }) {
  const { credentials } = props;
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const { data, error, reload } = usePoll(
    async () => {
      const [groups, stats] = await Promise.all([
        request<DeadLettersJson>(credentials, '/v1/dead-letters?limit=50'),
        request<Stats>(credentials, '/v1/stats'),
      ]);
      return { groups, stats };
    },
    3000,
    [],
  );
  const confirmRedrive = async () => {
    if (!pending) return;
    const { body, as } = pending;
    setPending(null);
    try {
      const res = await request<{ mode: string; redriven?: number; queue?: string }>(
        credentials,
        '/v1/dead-letters/redrive',
        { method: 'POST', body, as },
      );
      setNotice(
        res.mode === 'tasks'
          ? `Redriven: ${res.redriven} task(s)`
          : `Moving the ${res.queue} dead-letter queue back`,
      );
      reload();
    } catch (err) {
      setNotice(`Redrive failed: ${(err as Error).message}`);
    }
  };
  return html`<section aria-labelledby="dl-title">
    <h1 id="dl-title">Dead letters</h1>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${notice && html`<p role="status">${notice}</p>`}
    ${
      pending &&
      html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
        <p id="confirm-text">${pending.message}</p>
        <button type="button" onClick=${confirmRedrive}>Confirm redrive</button>
        <button type="button" onClick=${() => setPending(null)}>Keep them</button>
      </div>`
    }
    ${data && html`<p>${data.groups.total} failed task(s) in ${data.groups.groupCount} group(s).</p>`}
    <div class="scroll"><table class="list" aria-label="Dead-letter groups">
      <thead><tr><th scope="col">count</th><th scope="col">sample error</th><th scope="col">types</th><th scope="col">last seen</th><th scope="col">action</th></tr></thead>
      <tbody>${(data?.groups.groups ?? []).map(
        (g) => html`<tr data-fingerprint=${g.fingerprint}>
          <td>${g.count}</td>
          <td><code>${g.sampleError ? `${g.sampleError.name ?? 'Error'}: ${g.sampleError.message}` : g.signature}</code>
            <br /><a href=${`#/tasks/${g.sampleTaskId}`}>sample task</a></td>
          <td>${Object.entries(g.types)
            .map(([t, n]) => `${t} (${n})`)
            .join(', ')}</td>
          <td>${when(g.lastSeen)}</td>
          <td><button type="button" aria-label=${`Retry all ${g.count} in group ${g.fingerprint}`}
            onClick=${() => setPending({ message: `Retry all ${g.count} task(s) of this group?`, body: { fingerprint: g.fingerprint, limit: Math.max(1, g.count) }, as: 'tenant' })}>Retry all in group</button></td>
        </tr>`,
      )}</tbody></table></div>
    <h2>Dead-letter queues (all tenants)</h2>
    ${credentials.operatorToken ? '' : html`<p class="muted">Moving a whole queue back needs an operator token (sign in with both).</p>`}
    <ul class="queues">${PRIORITIES.map((p) => {
      const n = data?.stats.queues?.[p]?.deadLetters.visible ?? 0;
      return html`<li>${p}: ${n} message(s)
        <button type="button" disabled=${!credentials.operatorToken || n === 0} aria-label=${`Redrive the whole ${p} dead-letter queue`}
          onClick=${() => setPending({ message: `Move all ${n} message(s) of the ${p} dead-letter queue back to its queue?`, body: { queue: p }, as: 'both' })}>Redrive queue</button></li>`;
    })}</ul>
  </section>`;
}
