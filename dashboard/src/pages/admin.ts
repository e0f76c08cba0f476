/** Admin view (operator token): tenants, and each tenant's API keys (create, revoke, rotate). */
import { useState } from 'preact/hooks';
import { type Credentials, request } from '../api.ts';
import { when } from '../format.ts';
import { usePoll } from '../hooks.ts';
import { html } from '../html.ts';
import type { ApiKeyList, NewApiKey, Tenant, TenantPage } from '../types.ts';

const asOperator = { as: 'operator' } as const;

function Keys(props: { credentials: Credentials; tenant: Tenant; onSecret: (text: string) => void }) {
  const { credentials, tenant } = props;
  const base = `/v1/admin/tenants/${tenant.id}/keys`;
  const { data, error, reload } = usePoll(() => request<ApiKeyList>(credentials, base, asOperator), 0, [
    tenant.id,
  ]);
  const run = async (what: string, call: () => Promise<NewApiKey | undefined>) => {
    try {
      const key = await call();
      props.onSecret(key?.key ? `${what}: ${key.key} (shown once; send it as X-API-Key)` : `${what}.`);
      reload();
    } catch (err) {
      props.onSecret(`${what} failed: ${(err as Error).message}`);
    }
  };
  return html`<div class="card"><h3>Keys of ${tenant.name}</h3>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    <ul>${(data?.keys ?? []).map(
      (
        k,
      ) => html`<li>${k.prefix}… ${k.name} <span class=${`status ${k.status}`}>${k.status}</span> ${when(k.createdAt)}
        ${
          k.status === 'active' &&
          html`<button type="button" aria-label=${`Rotate key ${k.prefix}`} onClick=${() => run('Rotated key', () => request<NewApiKey>(credentials, `${base}/${k.id}/rotate`, { ...asOperator, method: 'POST', body: {} }))}>Rotate</button>
          <button type="button" aria-label=${`Revoke key ${k.prefix}`} onClick=${() => confirm(`Revoke key ${k.prefix}…?`) && run(`Revoked key ${k.prefix}`, () => request(credentials, `${base}/${k.id}`, { ...asOperator, method: 'DELETE' }))}>Revoke</button>`
        }</li>`,
    )}</ul>
    <button type="button" onClick=${() => run('New key', () => request<NewApiKey>(credentials, base, { ...asOperator, method: 'POST', body: { name: 'dashboard' } }))}>Create key</button>
  </div>`;
}

export function Admin(props: { credentials: Credentials }) {
  const { credentials } = props;
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<Tenant | null>(null);
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const { data, error, reload } = usePoll(
    () => request<TenantPage>(credentials, '/v1/admin/tenants?limit=100', asOperator),
    5000,
    [],
  );
  const create = async (event: Event) => {
    event.preventDefault();
    try {
      const tenant = await request<Tenant>(credentials, '/v1/admin/tenants', {
        ...asOperator,
        method: 'POST',
        body: { name },
      });
      setName('');
      setSelected(tenant);
      reload();
    } catch (err) {
      setSecret(`Create tenant failed: ${(err as Error).message}`);
    }
  };
  return html`<section aria-labelledby="admin-title">
    <h1 id="admin-title">Tenants and keys</h1>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${secret && html`<p role="status" class="secret">${secret}</p>`}
    <form class="filters" onSubmit=${create}>
      <label>New tenant name <input name="tenantName" required value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
      <button type="submit">Create tenant</button>
    </form>
    <div class="scroll"><table class="list" aria-label="Tenants">
      <thead><tr><th scope="col">name</th><th scope="col">active keys</th><th scope="col">rate limit</th><th scope="col">created</th><th scope="col">keys</th></tr></thead>
      <tbody>${(data?.tenants ?? []).map(
        (
          t,
        ) => html`<tr><td>${t.name}</td><td>${t.activeKeys}</td><td>${t.rateLimitPerSecond ?? 'default'}</td><td>${when(t.createdAt)}</td>
          <td><button type="button" aria-label=${`Keys of ${t.name}`} onClick=${() => setSelected(t)}>Keys</button></td></tr>`,
      )}</tbody></table></div>
    ${selected && html`<${Keys} credentials=${credentials} tenant=${selected} onSecret=${setSecret} />`}
  </section>`;
}
