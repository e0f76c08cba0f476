import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { addOperatorToken } from '../../../shared/ops/operator-token-store.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { call, expectProblem } from '../../helpers/api.ts';
import { finish, submit, useOps } from './ops-fixtures.ts';

const ops = useOps();

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  delete process.env.ADMIN_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
});

function useTokens(tokens: { metrics?: string; admin?: string }): void {
  if (tokens.metrics) process.env.METRICS_TOKEN = tokens.metrics;
  if (tokens.admin) process.env.ADMIN_TOKEN = tokens.admin;
  configureProcessDeps({ opsConfig: undefined });
}

async function scrape(token = 'scrape-secret'): Promise<Map<string, number>> {
  const res = await call('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const text = String(res.raw.body);
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('GET /metrics', () => {
  it('is disabled (403) until a token is configured', async () => {
    expectProblem(await call('GET', '/metrics'), 403);
  });

  it('needs the bearer token (401 otherwise, with WWW-Authenticate)', async () => {
    useTokens({ metrics: 'scrape-secret' });

    const missing = await call('GET', '/metrics');
    const wrong = await call('GET', '/metrics', { headers: { authorization: 'Bearer scrape-secreT' } });
    const apiKey = await call('GET', '/metrics', { apiKey: ops.tenantA.apiKey });

    expectProblem(missing, 401, 'header:Authorization');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expectProblem(wrong, 401);
    expectProblem(apiKey, 401);
  });

  it('accepts a token stored only as a hash (as the deploy stores it), until it is revoked', async () => {
    const token = 'stored-operator-token-0123456789abcdef';
    await addOperatorToken(ops.db, token, 'metrics', 'test');
    const stored = await call('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(200);
    expectProblem(await call('GET', '/metrics', { headers: { authorization: 'Bearer not-the-token' } }), 401);
    await ops.db.query("UPDATE operator_tokens SET revoked_at = now() WHERE name = 'test'");
    expectProblem(await call('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } }), 403);
  });

  it('exposes task, counter, queue and relay metrics across tenants in the text format', async () => {
    useTokens({ metrics: 'scrape-secret', admin: 'operator-secret' });
    const a = await submit(ops.tenantA.apiKey, { priority: 'high' });
    const b = await submit(ops.tenantB.apiKey, { priority: 'high' });
    await submit(ops.tenantB.apiKey, { priority: 'low' });
    await finish(ops.db, a, 'COMPLETED');
    await finish(ops.db, b, 'FAILED', { error: { message: 'boom' } });
    await ops.sqs.client.send(
      new SendMessageCommand({ QueueUrl: ops.sqs.queues.dlqUrls.low, MessageBody: 'x' }),
    );

    const res = await call('GET', '/metrics', { headers: { authorization: 'Bearer scrape-secret' } });
    const samples = await scrape('operator-secret');

    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(String(res.raw.body)).toContain('# TYPE taskforge_tasks_submitted_total counter');
    expect(samples.get('taskforge_tasks{status="COMPLETED",priority="high",type="echo"}')).toBe(1);
    expect(samples.get('taskforge_tasks{status="FAILED",priority="high",type="echo"}')).toBe(1);
    expect(samples.get('taskforge_tasks{status="PENDING",priority="low",type="echo"}')).toBe(1);
    expect(samples.get('taskforge_tasks_submitted_total{priority="high",type="echo"}')).toBe(2);
    expect(samples.get('taskforge_tasks_completed_total{priority="high",type="echo"}')).toBe(1);
    expect(samples.get('taskforge_tasks_failed_total{priority="high",type="echo"}')).toBe(1);
    expect(samples.get('taskforge_task_transitions_total{status="PENDING"}')).toBe(3);
    expect(samples.get('taskforge_dead_letter_queue_messages{queue="low",state="visible"}')).toBe(1);
    expect(samples.get('taskforge_queue_messages{queue="high",state="visible"}')).toBe(0);
    expect(samples.get('taskforge_queue_depth_up')).toBe(1);
    expect(samples.get('taskforge_outbox_due_rows')).toBe(1);
    expect(samples.get('taskforge_relay_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(samples.get('taskforge_oldest_waiting_task_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('keeps counters monotonic when retention deletes tasks, while the gauges drop', async () => {
    useTokens({ metrics: 'scrape-secret' });
    const before = await scrape();

    await ops.db.query(`DELETE FROM tasks WHERE status IN ('COMPLETED', 'FAILED')`);
    const after = await scrape();

    expect(after.get('taskforge_tasks_completed_total{priority="high",type="echo"}')).toBe(
      before.get('taskforge_tasks_completed_total{priority="high",type="echo"}'),
    );
    expect(after.get('taskforge_tasks_submitted_total{priority="high",type="echo"}')).toBe(2);
    expect(after.get('taskforge_tasks{status="COMPLETED",priority="high",type="echo"}')).toBe(0);
  });

  it('reports how long the oldest due task has waited', async () => {
    useTokens({ metrics: 'scrape-secret' });
    const id = await submit(ops.tenantA.apiKey);
    await ops.db.query(`UPDATE tasks SET run_at = now() - interval '90 seconds' WHERE id = :id::uuid`, {
      id,
    });

    const samples = await scrape();

    expect(samples.get('taskforge_oldest_waiting_task_age_seconds')).toBeGreaterThanOrEqual(90);
  });
});
