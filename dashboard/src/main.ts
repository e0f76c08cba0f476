/**
 * The Taskforge dashboard: sign in, then the pages of the registry below, routed by the URL's
 * hash (`#/tasks/<id>`), so the server serves one page. A page is one entry of `PAGES` (its
 * path, title, which credential it needs and its component).
 */
import type { ComponentType } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Credentials, loadCredentials, request, saveCredentials } from './api.ts';
import { html } from './html.ts';
import { Admin } from './pages/admin.ts';
import { DeadLetters } from './pages/dead-letters.ts';
import { Overview } from './pages/overview.ts';
import { Schedules } from './pages/schedules.ts';
import { TaskDetail } from './pages/task.ts';
import { Tasks } from './pages/tasks.ts';

export interface PageProps {
  credentials: Credentials;
  query: URLSearchParams;
  /** The path segment after the page's own, e.g. a task id. */
  param: string | undefined;
}

export interface PageEntry {
  path: string;
  title: string;
  /** Which credential the page needs: hidden from the navigation without it. */
  needs: 'apiKey' | 'operatorToken';
  /** Shown in the navigation (a detail page is reached by its links). */
  nav: boolean;
  component: ComponentType<PageProps>;
}

export const PAGES: PageEntry[] = [
  { path: 'overview', title: 'Overview', needs: 'apiKey', nav: true, component: Overview },
  {
    path: 'tasks',
    title: 'Tasks',
    needs: 'apiKey',
    nav: true,
    component: (p: PageProps) =>
      p.param
        ? html`<${TaskDetail} credentials=${p.credentials} id=${p.param} />`
        : html`<${Tasks} ...${p} />`,
  },
  { path: 'dead-letters', title: 'Dead letters', needs: 'apiKey', nav: true, component: DeadLetters },
  { path: 'schedules', title: 'Schedules', needs: 'apiKey', nav: true, component: Schedules },
  { path: 'admin', title: 'Admin', needs: 'operatorToken', nav: true, component: Admin },
];

function parseHash(): { path: string; param: string | undefined; query: URLSearchParams } {
  const [route = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?', 2);
  const [path = '', param] = route.split('/');
  return { path, param: param ? decodeURIComponent(param) : undefined, query: new URLSearchParams(search) };
}

function Login(props: { onLogin: (c: Credentials) => void }) {
  const [apiKey, setApiKey] = useState('');
  const [operatorToken, setOperatorToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const credentials: Credentials = {
      ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
      ...(operatorToken.trim() ? { operatorToken: operatorToken.trim() } : {}),
    };
    if (!credentials.apiKey && !credentials.operatorToken) {
      setError('Enter an API key, an operator token, or both.');
      return;
    }
    setBusy(true);
    try {
      // Each credential is checked by a read it allows, so a wrong one is named at once.
      if (credentials.apiKey) await request(credentials, '/v1/stats');
      if (credentials.operatorToken)
        await request(credentials, '/v1/admin/tenants?limit=1', { as: 'operator' });
      props.onLogin(credentials);
    } catch (err) {
      setError(`Sign-in failed. ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return html`<main class="login">
    <h1>Taskforge</h1>
    <form onSubmit=${submit} aria-label="Sign in">
      <label>API key (tenant view)
        <input name="apiKey" type="password" autocomplete="off" value=${apiKey} onInput=${(e: Event) => setApiKey((e.target as HTMLInputElement).value)} /></label>
      <label>Operator token (admin view)
        <input name="operatorToken" type="password" autocomplete="off" value=${operatorToken} onInput=${(e: Event) => setOperatorToken((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" disabled=${busy}>Sign in</button>
      ${error && html`<p role="alert" class="error">${error}</p>`}
      <p class="muted">Kept in this browser tab only (sessionStorage).</p>
    </form>
  </main>`;
}

function App() {
  const [credentials, setCredentials] = useState<Credentials | null>(() => loadCredentials());
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const onHash = () => setRoute(parseHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  if (!credentials) {
    return html`<${Login} onLogin=${(c: Credentials) => {
      saveCredentials(c);
      setCredentials(c);
    }} />`;
  }
  const allowed = PAGES.filter((p) => credentials[p.needs]);
  const page = allowed.find((p) => p.path === route.path) ?? allowed[0]!;
  const Page = page.component;
  return html`<div class="shell">
    <header>
      <strong class="brand">Taskforge</strong>
      <nav aria-label="Pages">${allowed
        .filter((p) => p.nav)
        .map(
          (p) =>
            html`<a href=${`#/${p.path}`} aria-current=${p === page ? 'page' : undefined}>${p.title}</a>`,
        )}</nav>
      <button type="button" class="logout" onClick=${() => {
        saveCredentials(null);
        setCredentials(null);
      }}>Sign out</button>
    </header>
    <main><${Page} key=${page.path} credentials=${credentials} query=${route.query} param=${route.param} /></main>
  </div>`;
}

const root = document.getElementById('app')!;
// The page's "Loading…" placeholder goes: render() adds to what the element holds.
root.replaceChildren();
render(html`<${App} />`, root);
