import { afterEach, describe, expect, it } from 'vitest';
import { callWebhook, startServerProcess } from './server-process.js';
import { adminToken, databaseTargets, webhookToken } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const [sqlite] = await databaseTargets();

describe('drain on SIGTERM (docs/deploying.md "Health checks and drain")', () => {
  it('answers /readyz 503 while it still serves webhook calls, then closes and exits 0', async () => {
    const fresh = await sqlite!.fresh();
    cleanups.push(fresh.cleanup);
    const server = await startServerProcess({
      ...fresh.settings,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
      FLOWHOOKS_DRAIN_MS: '8000',
    });
    cleanups.push(() => server.stop('SIGKILL'));
    expect((await fetch(`${server.address}/readyz`)).status).toBe(200);

    const exited = server.stop('SIGTERM');
    await server.logLine('draining: /readyz answers 503 while requests are still served');

    const ready = await fetch(`${server.address}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining', error: { code: 'NOT_READY' } });
    // Still serving: a call that arrives during the drain is answered, and asked to reconnect.
    const response = await fetch(`${server.address}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken}` },
      body: JSON.stringify({ method: 'fetchUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    expect((await response.json()).status).toBe('SUCCESS');
    expect((await fetch(`${server.address}/healthz`)).status).toBe(200);

    expect(await exited).toBe(0);
    await expect(callWebhook(server.address, webhookToken, 'fetchUserPreferences', [])).rejects.toThrow();
    expect(server.stdout()).toContain('"drainMs":8000');
  }, 90_000);
});
