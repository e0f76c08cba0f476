import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../shared/http/cursor.ts';
import { type ApiResponse, call, countRows, expectProblem, useApi } from '../../helpers/api.ts';

const api = useApi();
let key: string;
/** Ids of tenant A's tasks, in creation order. */
const created: Array<{ id: string; type: string; priority: string; clientId: string }> = [];

beforeAll(async () => {
  key = api.tenantA.apiKey;
  // 25 tasks: types alternate echo/reverse, priorities cycle, two clients.
  const priorities = ['high', 'medium', 'low'];
  for (let i = 0; i < 25; i++) {
    const type = i % 2 === 0 ? 'echo' : 'reverse';
    const priority = priorities[i % 3]!;
    const clientId = i % 5 === 0 ? 'client-x' : 'client-y';
    const res = await call('POST', '/v1/tasks', {
      apiKey: key,
      headers: { 'X-Client-Id': clientId },
      body: { type, payload: type === 'echo' ? { i } : { text: `t${i}` }, priority },
    });
    created.push({ id: res.body.id, type, priority, clientId });
  }
  // Noise from another tenant that must never show up.
  await call('POST', '/v1/tasks', { apiKey: api.tenantB.apiKey, body: { type: 'echo', payload: {} } });
});

/** Follows nextCursor through every page of `query` (from `cursor`), returning the pages. */
async function allPages(query: string, from: string | null = null): Promise<ApiResponse[]> {
  const pages: ApiResponse[] = [];
  let cursor: string | null = from;
  do {
    const sep = query === '' ? '' : '&';
    const res = await call('GET', `/v1/tasks?${query}${cursor ? `${sep}cursor=${cursor}` : ''}`, {
      apiKey: key,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res);
    cursor = res.body.nextCursor;
  } while (cursor !== null && pages.length < 50);
  return pages;
}

const ids = (pages: ApiResponse[]) => pages.flatMap((p) => p.body.items.map((t: { id: string }) => t.id));
const newestFirst = (list: typeof created) => list.map((t) => t.id).reverse();

describe('GET /v1/tasks', () => {
  it('returns summaries newest first with the default page size of 50', async () => {
    const res = await call('GET', '/v1/tasks', { apiKey: key });

    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual(newestFirst(created));
    expect(res.body.items[0]).not.toHaveProperty('payload');
    expect(res.body.items[0]).not.toHaveProperty('result');
    expect(res.body.items[0]).toMatchObject({
      status: 'PENDING',
      clientId: created.at(-1)!.clientId,
      error: null,
    });
  });

  it('walks every page with keyset cursors, without gaps or repeats', async () => {
    const pages = await allPages('limit=7');

    expect(pages.map((p) => p.body.items.length)).toEqual([7, 7, 7, 4]);
    expect(pages.at(-1)!.body.nextCursor).toBeNull();
    expect(ids(pages)).toEqual(newestFirst(created));
  });

  it('does not skip or repeat when tasks are added between pages', async () => {
    const first = await call('GET', '/v1/tasks?limit=10', { apiKey: key });
    const extra = await call('POST', '/v1/tasks', { apiKey: key, body: { type: 'echo', payload: 'late' } });
    const rest = await allPages('limit=10', first.body.nextCursor);

    expect([...first.body.items.map((t: { id: string }) => t.id), ...ids(rest)]).toEqual(
      newestFirst(created),
    );
    await call('POST', `/v1/tasks/${extra.body.id}/cancel`, { apiKey: key });
    await call('DELETE', `/v1/tasks/${extra.body.id}`, { apiKey: key });
  });

  it('filters by type, priority and clientId across pages', async () => {
    const pages = await allPages('type=echo&priority=high&limit=2');
    const byClient = await allPages('clientId=client-x&limit=2');

    const expected = created.filter((t) => t.type === 'echo' && t.priority === 'high');
    expect(expected.length).toBeGreaterThan(2);
    expect(ids(pages)).toEqual(newestFirst(expected));
    expect(ids(byClient)).toEqual(newestFirst(created.filter((t) => t.clientId === 'client-x')));
  });

  it('filters by status', async () => {
    const target = created[3]!.id;
    await call('POST', `/v1/tasks/${target}/cancel`, { apiKey: key });

    const cancelled = await call('GET', '/v1/tasks?status=CANCELLED', { apiKey: key });
    const pending = await allPages('status=PENDING&limit=10');

    expect(cancelled.body.items.map((t: { id: string }) => t.id)).toEqual([target]);
    expect(ids(pending)).toEqual(newestFirst(created.filter((t) => t.id !== target)));
    await call('POST', `/v1/tasks/${target}/retry`, { apiKey: key });
  });

  it('never shows another tenant’s tasks', async () => {
    const res = await call('GET', '/v1/tasks?limit=100', { apiKey: api.tenantB.apiKey });

    expect(res.body.items).toHaveLength(1);
    expect(created.map((t) => t.id)).not.toContain(res.body.items[0].id);
  });

  describe('rejects bad queries with problem+json', () => {
    const cases: Array<[string, string, string]> = [
      ['a cursor that is not base64url', 'cursor=%%%', 'cursor'],
      ['a cursor that does not hold a task id', `cursor=${encodeCursor('12345')}`, 'cursor'],
      ['an empty cursor', 'cursor=', 'cursor'],
      ['limit 0', 'limit=0', 'limit'],
      ['limit 101', 'limit=101', 'limit'],
      ['a non-numeric limit', 'limit=ten', 'limit'],
      ['a fractional limit', 'limit=2.5', 'limit'],
      ['an unknown status', 'status=DONE', 'status'],
      ['a lower-case status', 'status=pending', 'status'],
      ['an unknown priority', 'priority=urgent', 'priority'],
      ['an unknown parameter', 'stauts=PENDING', 'stauts'],
    ];
    for (const [name, query, field] of cases) {
      it(name, async () => {
        const before = await countRows(api.db);

        const res = await call('GET', `/v1/tasks?${query}`, { apiKey: key });

        expectProblem(res, 400, field);
        expect(await countRows(api.db)).toEqual(before);
      });
    }

    it('answers 401 for a missing or invalid API key', async () => {
      expectProblem(await call('GET', '/v1/tasks'), 401, 'header:X-API-Key');
      expectProblem(await call('GET', '/v1/tasks', { apiKey: 'nope' }), 401, 'header:X-API-Key');
    });
  });
});
