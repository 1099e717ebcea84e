import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/main.js';
import { startWholeServer, adminToken, createTestApp, databaseTargets, webhookToken, type DatabaseTarget, type TestApp } from './support.js';
import { rotatedAdminToken, rotatedWebhookToken } from './secrets.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const newAdminToken = rotatedAdminToken;
const newWebhookToken = rotatedWebhookToken;

/** A whole server on `database` with these settings tokens. */
const start = (database: { DATABASE_URL: string; DATABASE_SCHEMA: string }, tokens: { admin: string; webhook: string }) =>
  startWholeServer(database, { settings: { FLOWHOOKS_ADMIN_TOKEN: tokens.admin, FLOWHOOKS_WEBHOOK_TOKEN: tokens.webhook } });

const state = (token: { revokedAt: string | null }) => (token.revokedAt === null ? 'live' : 'revoked');

const call = (server: RunningServer | TestApp, token: string, method = 'GET', url = '/api/accounts/1') =>
  server.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe.each(await databaseTargets())('token lifecycle on $name', (target: DatabaseTarget) => {
  it('lists, creates and revokes admin tokens; the last live one cannot be revoked; account tokens cannot see them', async () => {
    const app = await createTestApp(target);
    cleanups.push(() => app.close());

    const listed = await app.api('GET', '/api/admin-tokens');
    expect(listed.statusCode).toBe(200);
    const [initial] = listed.json() as Array<{ id: string; setting: string | null; revokedAt: string | null }>;
    expect(listed.json()).toHaveLength(1);
    expect(initial).toMatchObject({ kind: 'admin', accountId: null, setting: 'FLOWHOOKS_ADMIN_TOKEN', revokedAt: null });
    expect(listed.body).not.toContain(adminToken);

    const lastOne = await app.api('DELETE', `/api/admin-tokens/${initial!.id}`);
    expect(lastOne.statusCode).toBe(409);
    expect(lastOne.json().error.code).toBe('LAST_ADMIN_TOKEN');
    expect((await call(app, adminToken)).statusCode).toBe(200);

    const created = await app.api('POST', '/api/admin-tokens', { label: 'ops-2026' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token).toMatch(/^fh_/);
    expect((await call(app, token)).statusCode).toBe(200);

    // The new token revokes the old one; the old one is refused at once on this node.
    expect((await app.api('DELETE', `/api/admin-tokens/${initial!.id}`, undefined, token)).statusCode).toBe(204);
    expect((await call(app, adminToken)).statusCode).toBe(401);
    const after = (await app.api('GET', '/api/admin-tokens', undefined, token)).json() as Array<{ id: string; revokedAt: string | null }>;
    expect(after.map((entry) => [entry.id, state(entry)])).toEqual([[initial!.id, 'revoked'], [id, 'live']]);

    expect((await app.api('DELETE', '/api/admin-tokens/no-such-token', undefined, token)).statusCode).toBe(404);
    const asAccount = await app.api('GET', '/api/admin-tokens', undefined, webhookToken);
    expect(asAccount.statusCode).toBe(403);
    expect(asAccount.json().error.code).toBe('ADMIN_REQUIRED');
  });

  it('changing FLOWHOOKS_ADMIN_TOKEN or FLOWHOOKS_WEBHOOK_TOKEN revokes the token the setting named before, across a restart', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const first = await start(fresh.settings, { admin: adminToken, webhook: webhookToken });
    expect((await call(first.server, adminToken)).statusCode).toBe(200);
    // A token made through the API is not a settings token: no restart revokes it.
    const made = await first.server.app.inject({ method: 'POST', url: '/api/admin-tokens', headers: { authorization: `Bearer ${adminToken}` }, payload: {} });
    const apiToken = (made.json() as { token: string }).token;
    await first.server.close();

    // The same settings again: nothing is added or revoked.
    const same = await start(fresh.settings, { admin: adminToken, webhook: webhookToken });
    expect((await call(same.server, adminToken)).statusCode).toBe(200);
    expect(((await call(same.server, adminToken, 'GET', '/api/admin-tokens')).json() as unknown[])).toHaveLength(2);
    await same.server.close();

    const second = await start(fresh.settings, { admin: newAdminToken, webhook: newWebhookToken });
    cleanups.push(() => second.server.close());
    expect((await call(second.server, adminToken)).statusCode).toBe(401);
    expect((await call(second.server, newAdminToken)).statusCode).toBe(200);
    expect((await call(second.server, apiToken)).statusCode).toBe(200);
    const webhookCall = (token: string) =>
      second.server.app.inject({
        method: 'POST',
        url: '/webhook',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { method: 'fetchUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }] },
      });
    expect((await webhookCall(webhookToken)).statusCode).toBe(401);
    expect((await webhookCall(newWebhookToken)).statusCode).toBe(200);

    const admins = (await call(second.server, newAdminToken, 'GET', '/api/admin-tokens')).json() as Array<{ label: string; setting: string | null; revokedAt: string | null }>;
    expect(admins.map((token) => [token.setting, state(token)])).toEqual([
      ['FLOWHOOKS_ADMIN_TOKEN', 'revoked'],
      [null, 'live'],
      ['FLOWHOOKS_ADMIN_TOKEN', 'live'],
    ]);
    const webhookTokens = (await call(second.server, newAdminToken, 'GET', '/api/accounts/1/tokens')).json() as Array<{ setting: string | null; revokedAt: string | null }>;
    expect(webhookTokens.filter((token) => token.revokedAt === null).map((token) => token.setting)).toEqual(['FLOWHOOKS_WEBHOOK_TOKEN']);
    expect(webhookTokens).toHaveLength(2);
    expect(second.logs.join('')).toContain('tokens a setting named before were revoked');
  });

  it('a setting naming a revoked token does not bring it back, and says so at start', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const first = await start(fresh.settings, { admin: adminToken, webhook: webhookToken });
    const listed = (await call(first.server, adminToken, 'GET', '/api/accounts/1/tokens')).json() as Array<{ id: string }>;
    expect((await call(first.server, adminToken, 'DELETE', `/api/accounts/1/tokens/${listed[0]!.id}`)).statusCode).toBe(204);
    await first.server.close();

    const again = await start(fresh.settings, { admin: adminToken, webhook: webhookToken });
    cleanups.push(() => again.server.close());
    const refused = await again.server.app.inject({
      method: 'POST',
      url: '/webhook',
      headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json' },
      payload: { method: 'fetchUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }] },
    });
    expect(refused.statusCode).toBe(401);
    expect(again.logs.join('')).toContain('FLOWHOOKS_WEBHOOK_TOKEN names a revoked token; it stays revoked');
  });
});

const postgres = (await databaseTargets()).find((target) => target.name === 'postgres');
describe.runIf(postgres)('token revocation across two nodes on one PostgreSQL', () => {
  it('the other node refuses a revoked or replaced token once its FLOWHOOKS_TOKEN_CACHE_MS has passed, not before', async () => {
    const start0 = new Date('2026-12-01T10:00:00Z');
    const nodeA = await createTestApp(postgres!, { now: start0 });
    cleanups.push(() => nodeA.close());
    const nodeB = await createTestApp(postgres!, { now: start0, shareDatabaseOf: nodeA, env: { FLOWHOOKS_TOKEN_CACHE_MS: '5000' } });
    cleanups.push(() => nodeB.close());

    const made = (await nodeA.api('POST', '/api/admin-tokens', { label: 'temporary' })).json() as { id: string; token: string };
    expect((await call(nodeB, made.token)).statusCode).toBe(200);
    expect((await nodeA.api('DELETE', `/api/admin-tokens/${made.id}`)).statusCode).toBe(204);
    expect((await call(nodeA, made.token)).statusCode).toBe(401);

    // Node B answers from its cache until the documented time has passed…
    nodeB.setNow(new Date(start0.getTime() + 4_000));
    expect((await call(nodeB, made.token)).statusCode).toBe(200);
    // …and refuses the revoked token after it.
    nodeB.setNow(new Date(start0.getTime() + 5_001));
    expect((await call(nodeB, made.token)).statusCode).toBe(401);

    // A restart of node A with a new FLOWHOOKS_ADMIN_TOKEN revokes the old one for node B too.
    expect((await call(nodeB, adminToken)).statusCode).toBe(200);
    const restarted = await start(
      { DATABASE_URL: nodeA.settings.DATABASE_URL, DATABASE_SCHEMA: nodeA.settings.DATABASE_SCHEMA },
      { admin: newAdminToken, webhook: webhookToken },
    );
    cleanups.push(() => restarted.server.close());
    nodeB.setNow(new Date(start0.getTime() + 9_000));
    expect((await call(nodeB, adminToken)).statusCode).toBe(200);
    nodeB.setNow(new Date(start0.getTime() + 10_002));
    expect((await call(nodeB, adminToken)).statusCode).toBe(401);
    expect((await call(nodeB, newAdminToken)).statusCode).toBe(200);
  });
});
