/**
 * The dashboard in a real browser (headless Chromium through playwright-core) against the local
 * runtime, as a user works with it: a wrong key is refused with an error; signing in keeps the
 * credentials in sessionStorage and out of the URL; a task submitted while the tasks page is open
 * appears and reaches COMPLETED without a reload, and its page shows the explain line and its
 * timeline; a dead-letter group is retried after a confirmation showing its count, and its tasks
 * run (COMPLETED this time); with an operator token a whole dead-letter queue is moved back after
 * a confirmation showing its message count; the admin view lists tenants, creates a tenant and a key that
 * then authenticates, and revokes it (the key then gets 401); a schedule shows its next runs, pauses,
 * resumes and runs now (its task completes); a phone-sized viewport renders without
 * horizontal overflow. No console error or failed request on any page. Screenshots go to
 * test-results/dashboard-*.png. Chromium as in docs-ui.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalRuntime } from './e2e-fixtures.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve('test-results');

const { runtime } = useLocalRuntime({
  queuePrefix: `dash-${Date.now().toString(36)}`,
  sweeperIntervalSeconds: 3600,
});
let browser: BrowserContext;
let profile: string;
/** A webhook receiver that fails (503) until `healthy`, so its tasks dead-letter and later succeed. */
let receiver: Server;
let receiverUrl: string;
let healthy = false;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
  receiver = createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  await browser?.close();
  await new Promise((done) => receiver?.close(done));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A page that records console errors, page errors and failed requests into `problems`. */
async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    // A refused sign-in is a 401 the browser reports on the console; it is the expected answer.
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request: ${request.url()}`));
  return page;
}

async function submit(body: object): Promise<string> {
  const res = await fetch(`${runtime.url}/v1/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': runtime.apiKey },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function signIn(page: Page, apiKey: string, operatorToken = ''): Promise<void> {
  await page.goto(`${runtime.url}/dashboard`);
  await page.getByLabel('API key (tenant view)').fill(apiKey);
  await page.getByLabel('Operator token (admin view)').fill(operatorToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the dashboard', () => {
  it('serves the page with a Content-Security-Policy and cacheable assets', async () => {
    const page = await fetch(`${runtime.url}/dashboard`);
    const script = await fetch(`${runtime.url}/dashboard/app.js`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await script.text()).length).toBeGreaterThan(10_000);
  });

  it('refuses a wrong key with an error, and keeps a good one in sessionStorage, not the URL', async () => {
    const page = await openPage();

    await signIn(page, 'tf_wrong-key');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Sign-in failed\. /);
    expect(await page.locator('body').textContent()).toMatch(/Sign-in failed/);

    await signIn(page, runtime.apiKey, runtime.adminToken);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('td[data-status="PENDING"]').waitFor();
    const stored = await page.evaluate(() => sessionStorage.getItem('taskforge.credentials'));
    expect(JSON.parse(stored ?? '{}')).toEqual({ apiKey: runtime.apiKey, operatorToken: runtime.adminToken });
    expect(page.url()).not.toContain(runtime.apiKey);
    expect(page.url()).not.toContain(runtime.adminToken);
    await page.locator('.chart canvas').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'dashboard-overview.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('shows a task submitted while the list is open reach COMPLETED without reloading, with its timeline', async () => {
    const page = await openPage();
    await signIn(page, runtime.apiKey);
    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    // Gone if the document were reloaded: the list and the task page update in place.
    await page.evaluate('window.stillHere = true');

    const id = await submit({ type: 'reverse', payload: { text: 'dashboard' } });
    const row = page.locator(`tr[data-task="${id}"]`);
    await row.locator('.status.COMPLETED').waitFor({ timeout: 15_000 });
    await row.getByRole('link').click();

    await page.getByTestId('task-status').filter({ hasText: 'COMPLETED' }).waitFor();
    expect(await page.getByTestId('explain').textContent()).toMatch(
      /Why: completed — Completed at .* after 1 attempt/,
    );
    expect(await page.getByLabel('Result').textContent()).toContain('"reversed": "draobhsad"');
    expect(await page.getByLabel('Payload').textContent()).toContain('"text": "dashboard"');
    const events = await page
      .locator('.timeline li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-event')));
    expect(events).toEqual(['submitted', 'queued', 'started', 'succeeded']);
    expect(await page.evaluate('window.stillHere')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard-task.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('retries a dead-letter group after confirming its count, and its tasks run', async () => {
    healthy = false;
    const ids = await Promise.all(
      [1, 2, 3].map(() => submit({ type: 'webhook', payload: { url: receiverUrl }, maxAttempts: 1 })),
    );
    const page = await openPage();
    await signIn(page, runtime.apiKey);
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const group = page.locator('tr[data-fingerprint]').filter({ hasText: '3' });
    await group.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'dashboard-dead-letters.png'), fullPage: true });

    healthy = true;
    await group.getByRole('button', { name: /Retry all 3 in group/ }).click();
    expect(await page.getByRole('alertdialog').textContent()).toContain('Retry all 3 task(s) of this group?');
    await page.getByRole('button', { name: 'Confirm redrive' }).click();
    await page.getByRole('status').filter({ hasText: 'Redriven: 3 task(s)' }).waitFor();

    await expect
      .poll(
        async () => {
          const statuses = await Promise.all(
            ids.map(async (id) => {
              const res = await fetch(`${runtime.url}/v1/tasks/${id}`, {
                headers: { 'x-api-key': runtime.apiKey },
              });
              return ((await res.json()) as { status: string }).status;
            }),
          );
          return statuses;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    await page.locator('tr[data-fingerprint]').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.close();
  }, 45_000);

  it('moves a whole dead-letter queue back with an operator token, after confirming its message count', async () => {
    const page = await openPage();
    await signIn(page, runtime.apiKey, runtime.adminToken);
    await page.getByRole('link', { name: 'Dead letters' }).click();
    // The three webhook tasks above left their messages in the medium DLQ.
    const redrive = page.getByRole('button', { name: 'Redrive the whole medium dead-letter queue' });
    await expect.poll(() => redrive.isEnabled(), { timeout: 10_000 }).toBe(true);

    await redrive.click();
    expect(await page.getByRole('alertdialog').textContent()).toContain(
      'Move all 3 message(s) of the medium dead-letter queue back to its queue?',
    );
    await page.getByRole('button', { name: 'Confirm redrive' }).click();

    await page.getByRole('status').filter({ hasText: 'Moving the medium dead-letter queue back' }).waitFor();
    await page.close();
  }, 30_000);

  it('lists tenants in the admin view, and renders on a phone-sized viewport', async () => {
    const page = await openPage();
    await signIn(page, runtime.apiKey, runtime.adminToken);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').first().waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('td[data-status="COMPLETED"]').waitFor();
    // Evaluated in the page (a string: this file is compiled without the DOM's types).
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-phone.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('creates a tenant and its key in the admin view; the key works until it is revoked there', async () => {
    const page = await openPage();
    await signIn(page, runtime.apiKey, runtime.adminToken);
    await page.getByRole('link', { name: 'Admin' }).click();
    const name = `shop-${Date.now()}`;
    await page.getByLabel('New tenant name').fill(name);
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('heading', { name: `Keys of ${name}` }).waitFor();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = await page.getByRole('status').filter({ hasText: 'New key:' }).textContent();
    const key = /New key: (\S+)/.exec(shown ?? '')?.[1];
    expect(key).toBeTruthy();
    const listAs = (apiKey: string) =>
      fetch(`${runtime.url}/v1/tasks?limit=1`, { headers: { 'x-api-key': apiKey } }).then(
        (res) => res.status,
      );
    expect(await listAs(key!)).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    // The tenant is new: its one key is the one just made.
    await page.getByRole('button', { name: /^Revoke key / }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked key' }).waitFor();
    await page.getByText('revoked', { exact: true }).waitFor();
    await expect.poll(() => listAs(key!), { timeout: 40_000, interval: 500 }).toBe(401);
    await page.close();
  }, 60_000);

  it('lists a schedule with its next runs, pauses and resumes it, and runs it now', async () => {
    const created = await fetch(`${runtime.url}/v1/schedules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': runtime.apiKey },
      body: JSON.stringify({
        name: `nightly-${Date.now()}`,
        cron: '0 3 * * *',
        timezone: 'Europe/Berlin',
        task: { type: 'reverse', payload: { text: 'nightly' } },
      }),
    });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as { id: string; name: string };
    const page = await openPage();
    await signIn(page, runtime.apiKey);
    await page.getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('link', { name: schedule.name }).click();
    const detail = page.getByLabel(`Schedule ${schedule.name}`);
    await expect.poll(() => detail.getByRole('list', { name: 'Next runs' }).locator('li').count()).toBe(5);

    await detail.getByRole('button', { name: 'Pause' }).click();
    await detail.getByText('paused', { exact: true }).waitFor();
    await detail.getByRole('button', { name: 'Resume' }).click();
    await detail.getByText('active', { exact: true }).waitFor();
    await detail.getByRole('button', { name: 'Run now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Triggered a run of ${schedule.name}` })
      .waitFor();
    await detail.getByText('COMPLETED').waitFor({ timeout: 20_000 });
    const tasks = await fetch(`${runtime.url}/v1/tasks?scheduleId=${schedule.id}`, {
      headers: { 'x-api-key': runtime.apiKey },
    });
    const items = ((await tasks.json()) as { items: { status: string }[] }).items;
    expect(items.map((t) => t.status)).toEqual(['COMPLETED']);
    await page.screenshot({ path: join(SHOTS, 'dashboard-schedules.png'), fullPage: true });
    await page.close();
  }, 45_000);

  it('logged no console error and no failed request on any page', () => {
    expect(problems).toEqual([]);
  });
});
