import { afterEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { accountDefaults } from '../accounts/defaults.js';
import { insertAccount } from './accounts.js';
import { isUniqueViolation, migrateToLatest, openDatabase } from './db.js';
import { migrationList } from './migrations/index.js';
import { findRequestByKey, insertOutboundRequest, type NewOutboundRequest } from './outbound-requests.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

let next = 0;
const request = (stage: 'prod' | 'test', idempotencyKey: string | null): NewOutboundRequest => {
  const id = `00000000-0000-7000-8000-${String(++next).padStart(12, '0')}`;
  return {
    id, executionId: id, accountId: 7, flowId: 'KEYS0001', stage, idempotencyKey,
    answer: [{ name: '$flow.key.obdReqID', value: id }], contactNumbers: ['+919876543210'], dueAt: 1_000, jobIds: [id.replace(/^0{8}/, '11111111')],
  };
};

// Migration 0023: idempotency keys are unique per account and stage (docs/methods/create-outbound.md).
describe.each(await databaseTargets())('idempotency keys per stage on $name (migration 0023)', (target) => {
  it('keeps the keys stored before it, and then lets each stage hold a key once', async () => {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    cleanups.push(async () => {
      await handle.close();
      await fresh.cleanup();
    });
    const before = Object.fromEntries(Object.entries(migrationList(handle.dialect)).filter(([name]) => name < '0023'));
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA, { migrations: before });
    const { db } = handle;
    await insertAccount(db, { ...accountDefaults, name: 'Keys' }, 7, 0);
    const prod = request('prod', 'order-1');
    const test = request('test', 'order-2');
    for (const each of [prod, test, request('prod', null), request('test', null)]) await insertOutboundRequest(db, each, 1_000);
    // Before it, a key was one per account whatever the stage.
    const refused = await insertOutboundRequest(db, request('test', 'order-1'), 1_000).catch((error: unknown) => error);
    expect(isUniqueViolation(refused)).toBe(true);

    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    expect((await findRequestByKey(db, 7, 'prod', 'order-1'))?.id).toBe(prod.id);
    expect((await findRequestByKey(db, 7, 'test', 'order-2'))?.id).toBe(test.id);
    expect(await findRequestByKey(db, 7, 'test', 'order-1')).toBeUndefined();
    const other = request('test', 'order-1');
    await insertOutboundRequest(db, other, 2_000);
    expect((await findRequestByKey(db, 7, 'test', 'order-1'))?.id).toBe(other.id);
    expect((await findRequestByKey(db, 7, 'prod', 'order-1'))?.id).toBe(prod.id);
    for (const again of [request('prod', 'order-1'), request('test', 'order-2')]) {
      expect(isUniqueViolation(await insertOutboundRequest(db, again, 3_000).catch((error: unknown) => error))).toBe(true);
    }
  });
});
