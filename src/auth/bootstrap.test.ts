import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapAdminToken, bootstrapWebhookToken, rotatedWebhookToken } from '../../test/secrets.js';
import { databaseTargets } from '../../test/support.js';
import { accountDefaults } from '../accounts/defaults.js';
import { countAccounts, findAccount, insertAccount } from '../storage/accounts.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../storage/db.js';
import { findTokenByHash, insertToken, listAccountTokens, listAdminTokens, revokeAdminToken } from '../storage/tokens.js';
import { bootstrap } from './bootstrap.js';
import { createTokenResolver, hashToken } from './tokens.js';

const targets = await databaseTargets();
const handles: DatabaseHandle[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (handles.length) await handles.pop()!.close();
  while (cleanups.length) await cleanups.pop()!();
});

const adminToken = bootstrapAdminToken;
const webhookToken = bootstrapWebhookToken;

// docs/operations.md "Tokens": what a start does to the tokens table.
describe.each(targets)('bootstrap on $name', (target) => {
  async function database() {
    return (await twoNodes())[0];
  }

  /**
   * Two pools on one fresh migrated database, as two nodes have. SQLite serves
   * one node: its two starts share the one connection (a second in-process
   * connection would block the event loop on SQLite's write lock).
   */
  async function twoNodes() {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const open = () => {
      const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
      handles.push(handle);
      return handle;
    };
    const first = open();
    await migrateToLatest(first, fresh.settings.DATABASE_SCHEMA);
    return [first.db, target.name === 'sqlite' ? first.db : open().db] as const;
  }

  it('two starts at once on an empty database: one default account and one token per setting, both starts succeed', async () => {
    const [nodeA, nodeB] = await twoNodes();
    const results = await Promise.all([bootstrap(nodeA, { adminToken, webhookToken }, 1_000), bootstrap(nodeB, { adminToken, webhookToken }, 1_000)]);
    expect(results.map((result) => result.createdDefaultAccount).sort()).toEqual([false, true]);
    expect(results.map((result) => result.replacedTokenHashes)).toEqual([[], []]);
    expect(await countAccounts(nodeA)).toBe(1);
    expect((await listAdminTokens(nodeA)).map((token) => [token.setting, token.revokedAt])).toEqual([['FLOWHOOKS_ADMIN_TOKEN', null]]);
    expect((await listAccountTokens(nodeA, 1)).map((token) => [token.setting, token.revokedAt])).toEqual([['FLOWHOOKS_WEBHOOK_TOKEN', null]]);

    // Both restart at once with a rotated admin token: it is added once, the former one revoked.
    const rotatedAdmin = 'admin-token-after-rotation-02';
    const rotated = await Promise.all([bootstrap(nodeA, { adminToken: rotatedAdmin, webhookToken }, 2_000), bootstrap(nodeB, { adminToken: rotatedAdmin, webhookToken }, 2_000)]);
    expect(rotated.flatMap((result) => result.replacedTokenHashes)).toEqual([hashToken(adminToken)]);
    const live = (await listAdminTokens(nodeB)).filter((token) => token.revokedAt === null);
    expect(live.map((token) => token.label)).toEqual(['FLOWHOOKS_ADMIN_TOKEN']);
    expect(await createTokenResolver(nodeB).resolve(rotatedAdmin)).toEqual({ kind: 'admin' });
  });

  it('on an empty database without token settings: account 1 and two generated tokens, shown once', async () => {
    const db = await database();
    const first = await bootstrap(db, {}, 1_000);
    expect(first.createdDefaultAccount).toBe(true);
    expect(first.generated.adminToken).toMatch(/^fh_/);
    expect(first.generated.webhookToken).toMatch(/^fh_/);
    expect((await findAccount(db, 1))?.name).toBe('Default account');
    const resolver = createTokenResolver(db);
    expect(await resolver.resolve(first.generated.adminToken!)).toEqual({ kind: 'admin' });
    expect(await resolver.resolve(first.generated.webhookToken!)).toEqual({ kind: 'account', accountId: 1 });
    expect((await listAdminTokens(db)).map((token) => [token.label, token.setting])).toEqual([['initial admin token', null]]);
    expect((await listAccountTokens(db, 1)).map((token) => [token.label, token.setting])).toEqual([['initial webhook token', null]]);

    const again = await bootstrap(db, {}, 2_000);
    expect(again).toEqual({ generated: {}, createdDefaultAccount: false, revokedSettings: [], replacedTokenHashes: [] });
    expect(await countAccounts(db)).toBe(1);
    expect(await listAdminTokens(db)).toHaveLength(1);
  });

  it('with token settings: those tokens, marked as the settings\' ones, nothing generated', async () => {
    const db = await database();
    const result = await bootstrap(db, { adminToken, webhookToken }, 1_000);
    expect(result).toEqual({ generated: {}, createdDefaultAccount: true, revokedSettings: [], replacedTokenHashes: [] });
    const resolver = createTokenResolver(db);
    expect(await resolver.resolve(adminToken)).toEqual({ kind: 'admin' });
    expect(await resolver.resolve(webhookToken)).toEqual({ kind: 'account', accountId: 1 });
    expect((await listAdminTokens(db)).map((token) => token.setting)).toEqual(['FLOWHOOKS_ADMIN_TOKEN']);
    expect((await listAccountTokens(db, 1)).map((token) => token.setting)).toEqual(['FLOWHOOKS_WEBHOOK_TOKEN']);
    // A restart with the same settings neither duplicates nor revokes.
    expect(await bootstrap(db, { adminToken, webhookToken }, 2_000)).toEqual({ generated: {}, createdDefaultAccount: false, revokedSettings: [], replacedTokenHashes: [] });
    expect(await listAdminTokens(db)).toHaveLength(1);
    expect(await listAccountTokens(db, 1)).toHaveLength(1);
  });

  it('a settings token new to an existing database is added and replaces the one the setting named before', async () => {
    const db = await database();
    await bootstrap(db, { adminToken, webhookToken }, 1_000);
    const rotatedAdmin = 'admin-token-after-rotation-02';
    const result = await bootstrap(db, { adminToken: rotatedAdmin, webhookToken }, 2_000);
    expect(result.replacedTokenHashes).toEqual([hashToken(adminToken)]);
    expect(result.revokedSettings).toEqual([]);
    const resolver = createTokenResolver(db);
    expect(await resolver.resolve(rotatedAdmin)).toEqual({ kind: 'admin' });
    expect(await resolver.resolve(adminToken)).toBeNull();
    expect(await resolver.resolve(webhookToken)).toEqual({ kind: 'account', accountId: 1 });
    const admins = await listAdminTokens(db);
    expect(admins.map((token) => [token.label, token.setting, token.revokedAt !== null]).sort()).toEqual([
      ['FLOWHOOKS_ADMIN_TOKEN', 'FLOWHOOKS_ADMIN_TOKEN', false],
      ['initial admin token', 'FLOWHOOKS_ADMIN_TOKEN', true],
    ]);
  });

  it('a rotated webhook token is added under the name of its setting', async () => {
    const db = await database();
    await bootstrap(db, { webhookToken }, 1_000);
    const rotated = rotatedWebhookToken;
    const result = await bootstrap(db, { webhookToken: rotated }, 2_000);
    expect(result.replacedTokenHashes).toEqual([hashToken(webhookToken)]);
    const live = (await listAccountTokens(db, 1)).filter((token) => token.revokedAt === null);
    expect(live.map((token) => [token.label, token.setting])).toEqual([['FLOWHOOKS_WEBHOOK_TOKEN', 'FLOWHOOKS_WEBHOOK_TOKEN']]);
    expect(await createTokenResolver(db).resolve(rotated)).toEqual({ kind: 'account', accountId: 1 });
  });

  it('makes no default account in a database that has accounts, even without account 1', async () => {
    const db = await database();
    await insertAccount(db, { ...accountDefaults, name: 'Imported' }, 5, 1_000);
    const result = await bootstrap(db, {}, 2_000);
    expect(result).toEqual({ generated: {}, createdDefaultAccount: false, revokedSettings: [], replacedTokenHashes: [] });
    expect(await findAccount(db, 1)).toBeUndefined();
    expect(await listAdminTokens(db)).toEqual([]);
  });

  it("a setting naming a token made through the API marks that token as the setting's; tokens no setting named stay live", async () => {
    const db = await database();
    const first = await bootstrap(db, {}, 1_000);
    await insertToken(db, { id: 'api-made', accountId: null, kind: 'admin', label: 'made with the API', tokenHash: hashToken(adminToken) }, 1_500);
    const result = await bootstrap(db, { adminToken }, 2_000);
    expect(result.replacedTokenHashes).toEqual([]);
    expect(await findTokenByHash(db, hashToken(adminToken))).toEqual({ id: 'api-made', revoked: false, setting: 'FLOWHOOKS_ADMIN_TOKEN' });
    // The generated admin token was never a setting's: it stays live.
    expect(await createTokenResolver(db).resolve(first.generated.adminToken!)).toEqual({ kind: 'admin' });
  });

  it('a setting naming a revoked token does not bring it back and is reported', async () => {
    const db = await database();
    await bootstrap(db, { adminToken }, 1_000);
    await insertToken(db, { id: 'second', accountId: null, kind: 'admin', label: 'second', tokenHash: hashToken('another-admin-token-0003') }, 1_500);
    const settingsOne = await findTokenByHash(db, hashToken(adminToken));
    await revokeAdminToken(db, settingsOne!.id, 1_600);
    const result = await bootstrap(db, { adminToken }, 2_000);
    expect(result.revokedSettings).toEqual(['FLOWHOOKS_ADMIN_TOKEN']);
    expect(result.replacedTokenHashes).toEqual([]);
    expect(await createTokenResolver(db).resolve(adminToken)).toBeNull();
    expect(await createTokenResolver(db).resolve('another-admin-token-0003')).toEqual({ kind: 'admin' });
  });

  it("a setting naming a revoked token made through the API leaves it revoked and not the setting's", async () => {
    const db = await database();
    await bootstrap(db, {}, 1_000);
    await insertToken(db, { id: 'api-made', accountId: null, kind: 'admin', label: 'made with the API', tokenHash: hashToken(adminToken) }, 1_500);
    await revokeAdminToken(db, 'api-made', 1_600);
    const result = await bootstrap(db, { adminToken }, 2_000);
    expect(result.revokedSettings).toEqual(['FLOWHOOKS_ADMIN_TOKEN']);
    expect(await findTokenByHash(db, hashToken(adminToken))).toEqual({ id: 'api-made', revoked: true, setting: null });
  });

  it('a database that refuses a write fails the start with its own error and keeps nothing of it', async () => {
    const db = await database();
    // A trigger stands for any failure that is not another node's start (a full disk, a lost connection).
    const refuseTokenWrites = async (refuse: boolean) => {
      if (target.name === 'sqlite') {
        if (refuse) await sql`create trigger refuse_tokens before insert on api_tokens begin select raise(abort, 'tokens refused'); end`.execute(db);
        else await sql`drop trigger refuse_tokens`.execute(db);
        return;
      }
      await sql`create or replace function refuse_tokens() returns trigger language plpgsql as $$ begin raise exception 'tokens refused'; end $$`.execute(db);
      if (refuse) await sql`create trigger refuse_tokens before insert on api_tokens for each row execute function refuse_tokens()`.execute(db);
      else await sql`drop trigger refuse_tokens on api_tokens`.execute(db);
    };
    await refuseTokenWrites(true);
    await expect(bootstrap(db, {}, 1_000)).rejects.toThrow('tokens refused');
    expect(await countAccounts(db)).toBe(0);

    await refuseTokenWrites(false);
    await bootstrap(db, {}, 2_000);
    await refuseTokenWrites(true);
    // Adding the settings' token on a later start fails the same way, at once.
    await expect(bootstrap(db, { adminToken }, 3_000)).rejects.toThrow('tokens refused');
    expect(await findTokenByHash(db, hashToken(adminToken))).toBeUndefined();
  });
});
