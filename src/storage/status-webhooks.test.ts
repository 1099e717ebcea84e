import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { claimStatusDeliveries, endStatusDeliveries, enqueueStatusEvents } from './status-webhooks.js';

describe.each(await databaseTargets())('status callback ends on $name', (target) => {
  let t: TestApp;
  let messages = 0;
  const now = Date.parse('2026-12-08T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Two endpoints of a new account, `count` callbacks queued for each and leased by `worker`. */
  async function leased(worker: string, count: number) {
    const account = await t.api('POST', '/api/accounts', { name: `Ends ${++messages}` });
    const accountId = account.json().id as number;
    const endpointIds: string[] = [];
    for (const path of ['a', 'b']) {
      const created = await t.api('POST', `/api/accounts/${accountId}/status-webhooks`, { url: `http://127.0.0.1:9/${path}` });
      expect(created.statusCode).toBe(201);
      endpointIds.push(created.json().id);
    }
    const events = Array.from({ length: count }, (_, index) => ({ type: 'outbound.job.completed', accountId, payload: { type: 'outbound.job.completed', data: { index } } }));
    await enqueueStatusEvents(t.database.db, events, now, () => `msg_ends_${++messages}`);
    const claimed = await claimStatusDeliveries(t.database.db, t.database.dialect, { workerId: worker, now, leaseMs: 30_000, limit: 100 });
    const of = (endpointId: string) => claimed.filter((delivery) => delivery.endpointId === endpointId);
    return { accountId, endpointIds, a: of(endpointIds[0]!), b: of(endpointIds[1]!) };
  }
  const deliveries = (ids: string[]) =>
    t.database.db.selectFrom('status_deliveries').select(['id', 'status', 'due_at', 'last_status', 'last_error']).where('id', 'in', ids).execute();
  const endpoint = (accountId: number, id: string) => t.api('GET', `/api/accounts/${accountId}/status-webhooks/${id}`).then((answer) => answer.json());

  it('records callbacks that ended together, each its own way; an endpoint counts its failures since its last success', async () => {
    const { accountId, endpointIds, a, b } = await leased('sender-1', 3);
    const at = now + 1000;
    // Endpoint a fails once, then, in one batch, succeeds and fails again: one failure since its last success.
    const first = await endStatusDeliveries(
      t.database.db,
      [{ id: a[0]!.id, endpointId: a[0]!.endpointId, delivered: false, httpStatus: 503, error: 'status webhook answered HTTP 503', retryAt: at + 5000 }],
      'sender-1',
      at,
    );
    expect(first).toEqual([true]);
    expect(await endpoint(accountId, endpointIds[0]!)).toMatchObject({ failureCount: 1, lastSuccessAt: null });
    const ends = await endStatusDeliveries(
      t.database.db,
      [
        { id: a[1]!.id, endpointId: a[1]!.endpointId, delivered: true, httpStatus: 200 },
        { id: b[0]!.id, endpointId: b[0]!.endpointId, delivered: false, httpStatus: null, error: 'timed out', retryAt: null },
        { id: a[2]!.id, endpointId: a[2]!.endpointId, delivered: false, httpStatus: 500, error: 'status webhook answered HTTP 500', retryAt: at + 7000 },
        { id: b[1]!.id, endpointId: b[1]!.endpointId, delivered: true, httpStatus: 204 },
        { id: b[2]!.id, endpointId: b[2]!.endpointId, delivered: true, httpStatus: 204 },
      ],
      'sender-1',
      at,
    );
    expect(ends).toEqual([true, true, true, true, true]);
    const rows = new Map((await deliveries([...a, ...b].map((delivery) => delivery.id))).map((row) => [row.id, row]));
    expect(rows.get(a[0]!.id)).toMatchObject({ status: 'pending', due_at: at + 5000, last_status: 503 });
    expect(rows.get(a[1]!.id)).toMatchObject({ status: 'delivered', last_status: 200, last_error: null });
    expect(rows.get(a[2]!.id)).toMatchObject({ status: 'pending', due_at: at + 7000, last_status: 500 });
    expect(rows.get(b[0]!.id)).toMatchObject({ status: 'failed', last_status: null, last_error: 'timed out' });
    expect(rows.get(b[1]!.id)).toMatchObject({ status: 'delivered', last_status: 204 });
    expect(rows.get(b[2]!.id)).toMatchObject({ status: 'delivered', last_status: 204 });
    const shownA = await endpoint(accountId, endpointIds[0]!);
    expect(shownA).toMatchObject({ failureCount: 1, lastError: 'status webhook answered HTTP 500', disabled: false });
    expect(shownA.lastSuccessAt).toBe(new Date(at).toISOString());
    expect(await endpoint(accountId, endpointIds[1]!)).toMatchObject({ failureCount: 0, lastError: 'timed out', lastSuccessAt: new Date(at).toISOString() });
  });

  it('leaves alone a callback whose lease another sender holds, and a 410 disables its endpoint and drops what it had pending', async () => {
    const { accountId, endpointIds, a, b } = await leased('sender-2', 2);
    const ends = await endStatusDeliveries(
      t.database.db,
      [
        { id: a[0]!.id, endpointId: a[0]!.endpointId, delivered: false, httpStatus: 410, error: 'status webhook answered HTTP 410', retryAt: null, disable: 'the endpoint answered 410 Gone' },
        { id: a[1]!.id, endpointId: a[1]!.endpointId, delivered: false, httpStatus: 503, error: 'status webhook answered HTTP 503', retryAt: now + 5000 },
        { id: b[0]!.id, endpointId: b[0]!.endpointId, delivered: true, httpStatus: 204 },
      ],
      'another-sender',
      now,
    );
    // Another sender's ends change nothing here.
    expect(ends).toEqual([false, false, false]);
    expect((await deliveries([a[0]!.id, a[1]!.id, b[0]!.id])).map((row) => row.status)).toEqual(['dispatching', 'dispatching', 'dispatching']);
    expect(await endpoint(accountId, endpointIds[0]!)).toMatchObject({ failureCount: 0, disabled: false });

    expect(
      await endStatusDeliveries(
        t.database.db,
        [
          { id: a[0]!.id, endpointId: a[0]!.endpointId, delivered: false, httpStatus: 410, error: 'status webhook answered HTTP 410', retryAt: null, disable: 'the endpoint answered 410 Gone' },
          { id: a[1]!.id, endpointId: a[1]!.endpointId, delivered: false, httpStatus: 503, error: 'status webhook answered HTTP 503', retryAt: now + 5000 },
        ],
        'sender-2',
        now,
      ),
    ).toEqual([true, true]);
    const rows = new Map((await deliveries([a[0]!.id, a[1]!.id, b[0]!.id])).map((row) => [row.id, row.status]));
    // The 410's own callback and the one that failed beside it are dropped; the other endpoint's lease is untouched.
    expect([rows.get(a[0]!.id), rows.get(a[1]!.id), rows.get(b[0]!.id)]).toEqual(['dropped', 'dropped', 'dispatching']);
    expect(await endpoint(accountId, endpointIds[0]!)).toMatchObject({ failureCount: 2, disabled: true, disabledReason: 'the endpoint answered 410 Gone' });
    expect(await endpoint(accountId, endpointIds[1]!)).toMatchObject({ failureCount: 0, disabled: false });
  });
});
