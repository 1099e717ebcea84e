import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/storage/db.js';
import { adminToken, databaseTargets, webhookToken } from './support.js';
import { callWebhook, runCli, startServerProcess, type ServerProcess } from './server-process.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshEnv(target: Awaited<ReturnType<typeof databaseTargets>>[number], extra: Record<string, string> = {}) {
  const fresh = await target.fresh();
  cleanups.push(fresh.cleanup);
  return { ...fresh.settings, ...extra };
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  cleanups.push(() => server.stop('SIGKILL'));
  return server;
}

async function tokenRowCount(env: Record<string, string>): Promise<number> {
  const handle = openDatabase(env.DATABASE_URL!, { schema: env.DATABASE_SCHEMA });
  try {
    const rows = await handle.db.selectFrom('api_tokens').select('id').execute();
    return rows.length;
  } finally {
    await handle.close();
  }
}

const contact = { name: '$user.syskey.contactNumber', value: '9876543245' };

describe.each(await databaseTargets())('the server process on $name', (target) => {
  it('keeps an acknowledged preference through kill -9 and a restart', async () => {
    const env = await freshEnv(target, { FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken });
    const first = await start(env);
    const written = await callWebhook(first.address, webhookToken, 'updateUserPreferences', [contact, { name: '$user.key.language', value: 'MARATHI' }]);
    expect(written.body.keys).toEqual([{ name: '$flow.key.userPrefsUpdationSuccess', value: 'SUCCESS' }]);
    expect(await first.stop('SIGKILL')).toBeNull();

    const second = await start(env);
    const read = await callWebhook(second.address, webhookToken, 'fetchUserPreferences', [contact]);
    expect(read.body.keys).toContainEqual({ name: '$user.key.language', value: 'MARATHI' });
  });

  it('generates and prints tokens once on an empty database, and neither duplicates nor rotates them on restart', async () => {
    const env = await freshEnv(target);
    const first = await start(env);
    const printed = /webhook token \(account 1\): (\S+)/.exec(first.stderr())?.[1];
    expect(printed).toMatch(/^fh_/);
    expect(first.stderr()).toMatch(/admin token: +fh_\S+/);
    expect(await first.stop('SIGTERM')).toBe(0);
    const rowsAfterFirst = await tokenRowCount(env);

    const second = await start(env);
    expect(second.stderr()).not.toContain('fh_');
    const call = await callWebhook(second.address, printed!, 'fetchUserPreferences', [contact]);
    expect(call.status).toBe(200);
    expect(await tokenRowCount(env)).toBe(rowsAfterFirst);
  });

  it('adds tokens given in the settings once, however often it restarts', async () => {
    const env = await freshEnv(target, { FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken });
    for (let run = 0; run < 2; run++) {
      const server = await start(env);
      expect(server.stderr()).not.toContain('shown once');
      expect((await callWebhook(server.address, webhookToken, 'fetchUserPreferences', [contact])).status).toBe(200);
      await server.stop('SIGTERM');
    }
    expect(await tokenRowCount(env)).toBe(2);
  });

  it('migrates with `flowhooks migrate`, then reports migrations current', async () => {
    const env = await freshEnv(target);
    const first = await runCli(['migrate'], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Applied: 0001-foundation');
    const second = await runCli(['migrate'], env);
    expect(second.stdout).toContain('Migrations are current.');
  });
});

describe('the CLI', () => {
  it('stops with a message naming a bad setting', async () => {
    const result = await runCli(['serve'], { PORT: 'eighty', FLOWHOOKS_AUTH: 'sometimes' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('FLOWHOOKS_AUTH: `token` or `off`');
  });

  it('explains an unknown command', async () => {
    const result = await runCli(['dance'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "dance"');
    expect(result.stderr).toContain('flowhooks serve');
  });

  it('refuses to start with FLOWHOOKS_AUTH=off on an address that is not loopback, naming the setting that allows it', async () => {
    const result = await runCli(['serve'], { FLOWHOOKS_AUTH: 'off', HOST: '0.0.0.0', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('every webhook method for every account without a token');
    expect(result.stderr).toContain('FLOWHOOKS_AUTH_OFF_ALLOW_REMOTE=1');
  });

  it('warns at start when FLOWHOOKS_AUTH=off, saying what is open, then serves calls without a token', async () => {
    const [sqlite] = await databaseTargets();
    const env = await freshEnv(sqlite!, { FLOWHOOKS_AUTH: 'off', FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken });
    const server = await start(env);
    expect(server.stdout()).toMatch(/"level":40,.*FLOWHOOKS_AUTH=off: anyone who can reach http:\/\/127\.0\.0\.1:\d+ may call every webhook method for every account without a token/);
    const response = await fetch(`${server.address}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'fetchUserPreferences', keys: [contact] }),
    });
    expect(response.status).toBe(200);
    await server.stop('SIGTERM');
  });
});
