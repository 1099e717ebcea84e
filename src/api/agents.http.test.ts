import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, createTestApp, databaseTargets, longSipForms, outputsOf, type TestApp } from '../../test/support.js';
import { allocateAgent, changeAgentPause } from '../storage/agents.js';
import { openDatabase } from '../storage/db.js';

const at = (time: string) => new Date(`2026-11-28T${time}:00Z`);

describe.each(await databaseTargets())('agents API on $name', (target) => {
  let t: TestApp;
  let accountToken: string;
  beforeAll(async () => {
    t = await createTestApp(target, { now: at('08:00') });
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other', country: 'GB' });
    accountToken = (await t.api('POST', '/api/accounts/1/tokens')).json().token;
  });
  afterAll(() => t.close());

  it('registers an agent under its E.164 number, unpaused', async () => {
    const created = await t.api('POST', '/api/accounts/1/agents', { cli: '098765 43210', name: ' Asha ' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      cli: '+919876543210',
      name: 'Asha',
      paused: false,
      pausedSince: null,
      lastAllocatedAt: null,
      createdAt: '2026-11-28T08:00:00.000Z',
      updatedAt: '2026-11-28T08:00:00.000Z',
    });
  });

  it("reads national numbers with the account's country", async () => {
    const created = await t.api('POST', '/api/accounts/2/agents', { cli: '07400 123456', name: 'Grace' });
    expect(created.statusCode).toBe(201);
    expect(created.json().cli).toBe('+447400123456');
  });

  it('registers and finds an agent named by a SIP URI longer than 32 characters, and refuses text past 128 naming the limit', async () => {
    const [first, ...others] = longSipForms('9876543299');
    const created = await t.api('POST', '/api/accounts/1/agents', { cli: first, name: 'Desk phone' });
    expect(created.statusCode).toBe(201);
    expect(created.json().cli).toBe('+919876543299');
    for (const sip of others) {
      expect((await t.api('GET', `/api/accounts/1/agents/${encodeURIComponent(sip)}`)).json(), sip).toMatchObject({ cli: '+919876543299', name: 'Desk phone' });
      expect((await t.api('POST', '/api/accounts/1/agents', { cli: sip, name: 'Again' })).statusCode, sip).toBe(409);
    }
    expect((await t.api('DELETE', `/api/accounts/1/agents/${encodeURIComponent(first!)}`)).statusCode).toBe(204);
    const tooLong = await t.api('POST', '/api/accounts/1/agents', { cli: `sip:+919876543299@${'a'.repeat(120)}`, name: 'Long' });
    expect(tooLong.statusCode).toBe(422);
    expect(JSON.stringify(tooLong.json())).toContain('128');
  });

  it('answers 409 for a number the account already has, in any form', async () => {
    const response = await t.api('POST', '/api/accounts/1/agents', { cli: '+91 98765 43210', name: 'Again' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('ALREADY_EXISTS');
  });

  it.each([
    [{ cli: '12345', name: 'Short' }, 'cli'],
    [{ cli: 'asha@example.com', name: 'Mail' }, 'cli'],
    [{ cli: '9876543211' }, 'name'],
    [{ cli: '9876543211', name: 'X', paused: true }, 'paused'],
  ])('answers 422 for %j naming %s', async (body, field) => {
    const response = await t.api('POST', '/api/accounts/1/agents', body);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.map((entry: { field: string }) => entry.field)).toContain(field);
  });

  it('lists, reads, renames and deletes agents', async () => {
    await t.api('POST', '/api/accounts/1/agents', { cli: '9876543211', name: 'Bilal' });
    const listed = await t.api('GET', '/api/accounts/1/agents');
    expect(listed.json().map((agent: { name: string }) => agent.name)).toEqual(['Asha', 'Bilal']);
    const renamed = await t.api('PATCH', '/api/accounts/1/agents/9876543211', { name: 'Bilal K' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ cli: '+919876543211', name: 'Bilal K' });
    const renumbered = await t.api('PATCH', '/api/accounts/1/agents/%2B919876543211', { cli: '9876543212' });
    expect(renumbered.json().cli).toBe('+919876543212');
    expect((await t.api('GET', '/api/accounts/1/agents/9876543211')).statusCode).toBe(404);
    expect((await t.api('PATCH', '/api/accounts/1/agents/9876543212', { cli: '9876543210' })).statusCode).toBe(409);
    expect((await t.api('DELETE', '/api/accounts/1/agents/9876543212')).statusCode).toBe(204);
    expect((await t.api('GET', '/api/accounts/1/agents/9876543212')).statusCode).toBe(404);
    expect((await t.api('DELETE', '/api/accounts/1/agents/9876543212')).statusCode).toBe(404);
    expect((await t.api('GET', '/api/accounts/1/agents/not-a-number')).statusCode).toBe(404);
  });

  it('pauses through the API, recorded with source api, and the agent list shows it', async () => {
    t.setNow(at('09:00'));
    const paused = await t.api('PATCH', '/api/accounts/1/agents/9876543210', { paused: true });
    expect(paused.json()).toMatchObject({ paused: true, pausedSince: '2026-11-28T09:00:00.000Z' });
    expect((await t.api('GET', '/api/accounts/1/agents')).json()[0]).toMatchObject({ cli: '+919876543210', paused: true, pausedSince: '2026-11-28T09:00:00.000Z' });
    t.setNow(at('09:30'));
    await t.webhook('updatePauseStatusForCLI', [{ name: '$flow.key.cli', value: '9876543210' }, { name: '$flow.key.pause', value: 'false' }]);
    t.setNow(at('10:00'));
    const history = await t.api('GET', '/api/accounts/1/agents/9876543210/history');
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({
      cli: '+919876543210',
      paused: false,
      totalBreakSeconds: 30 * 60,
      breaks: 1,
      events: [
        { paused: true, at: '2026-11-28T09:00:00.000Z', source: 'api' },
        { paused: false, at: '2026-11-28T09:30:00.000Z', source: 'webhook' },
      ],
    });
  });

  it('totals break time for a period, counting the parts of breaks that cross its ends', async () => {
    const pauseAt = async (time: string, paused: boolean) => {
      t.setNow(at(time));
      expect((await t.api('PATCH', '/api/accounts/1/agents/9876543210', { paused })).statusCode).toBe(200);
    };
    await pauseAt('11:00', true);
    await pauseAt('11:20', false);
    await pauseAt('11:50', true);
    await pauseAt('12:30', false);
    await pauseAt('13:00', true);
    t.setNow(at('13:10'));
    const period = await t.api('GET', '/api/accounts/1/agents/9876543210/history?from=2026-11-28T16:40:00%2B05:30&to=2026-11-28T12:10:00Z');
    expect(period.json()).toMatchObject({ from: '2026-11-28T11:10:00.000Z', to: '2026-11-28T12:10:00.000Z', totalBreakSeconds: 30 * 60, breaks: 2 });
    expect(period.json().events.map((event: { at: string }) => event.at)).toEqual(['2026-11-28T11:20:00.000Z', '2026-11-28T11:50:00.000Z']);
    // A break still running counts up to now, not to the end of the period.
    const open = await t.api('GET', '/api/accounts/1/agents/9876543210/history?from=2026-11-28T12:45:00Z&to=2026-11-28T14:00:00Z');
    expect(open.json()).toMatchObject({ totalBreakSeconds: 10 * 60, breaks: 1 });
    const report = await t.api('GET', '/api/accounts/1/agents/breaks?from=2026-11-28T08:00:00Z&to=2026-11-28T14:00:00Z');
    expect(report.statusCode).toBe(200);
    expect(report.json().agents).toEqual([{ cli: '+919876543210', name: 'Asha', paused: true, totalBreakSeconds: (30 + 20 + 40 + 10) * 60, breaks: 4 }]);
    await pauseAt('13:10', false);
  });

  it('answers 422 for a period it cannot read', async () => {
    const response = await t.api('GET', '/api/accounts/1/agents/9876543210/history?from=yesterday');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toEqual([expect.objectContaining({ field: 'from' })]);
    expect((await t.api('GET', '/api/accounts/1/agents/breaks?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z')).statusCode).toBe(422);
    // 30 February is no day: refused, not read as 2 March.
    const impossible = await t.api('GET', '/api/accounts/1/agents/9876543210/history?from=2026-02-30T10:00:00Z&to=2026-03-05T10:00:00Z');
    expect(impossible.json().error.fields).toEqual([{ field: 'from', message: expect.stringContaining('of a day that exists') }]);
    const plus = await t.api('GET', '/api/accounts/1/agents/9876543210/history?from=2026-11-28T10:00:00+05:30');
    expect(plus.json().error.fields).toEqual([{ field: 'from', message: expect.stringContaining('must be written %2B') }]);
  });

  it('allocates the least recently allocated available agent, and 409 NO_AGENT_AVAILABLE when none', async () => {
    await t.api('POST', '/api/accounts/1/agents', { cli: '9876543213', name: 'Chitra' });
    // Never-allocated agents go first, oldest first; then the one allocated longest ago.
    const first = await t.api('POST', '/api/accounts/1/agents/allocate');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ cli: '+919876543210', name: 'Asha' });
    expect((await t.api('POST', '/api/accounts/1/agents/allocate')).json().name).toBe('Chitra');
    expect((await t.api('POST', '/api/accounts/1/agents/allocate')).json().name).toBe('Asha');
    await t.api('PATCH', '/api/accounts/1/agents/9876543213', { paused: true });
    expect((await t.api('POST', '/api/accounts/1/agents/allocate')).json().name).toBe('Asha');
    expect((await t.api('POST', '/api/accounts/1/agents/allocate')).json().name).toBe('Asha');
    expect((await t.api('GET', '/api/accounts/1/agents/9876543210')).json().lastAllocatedAt).toMatch(/^2026-11-28T13:10/);
    await t.api('PATCH', '/api/accounts/1/agents/9876543210', { paused: true });
    const none = await t.api('POST', '/api/accounts/1/agents/allocate');
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('NO_AGENT_AVAILABLE');
    await t.api('PATCH', '/api/accounts/1/agents/9876543210', { paused: false });
    await t.api('PATCH', '/api/accounts/1/agents/9876543213', { paused: false });
  });

  it("lets an account token read its own agents but change nothing, and hides other accounts' agents", async () => {
    expect((await t.api('GET', '/api/accounts/1/agents', undefined, accountToken)).statusCode).toBe(200);
    expect((await t.api('GET', '/api/accounts/1/agents/9876543210/history', undefined, accountToken)).statusCode).toBe(200);
    expect((await t.api('GET', '/api/accounts/2/agents', undefined, accountToken)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/accounts/2/agents/07400123456', undefined, accountToken)).statusCode).toBe(404);
    expect((await t.api('POST', '/api/accounts/1/agents', { cli: '9876543219', name: 'X' }, accountToken)).statusCode).toBe(403);
    expect((await t.api('PATCH', '/api/accounts/1/agents/9876543210', { paused: true }, accountToken)).statusCode).toBe(403);
    expect((await t.api('POST', '/api/accounts/1/agents/allocate', undefined, accountToken)).statusCode).toBe(403);
    expect((await t.api('GET', '/api/accounts/99/agents')).statusCode).toBe(404);
  });

  it('deleting an account agent removes its history with it', async () => {
    await t.api('POST', '/api/accounts/2/agents', { cli: '07400123457', name: 'Henry' });
    await t.api('PATCH', '/api/accounts/2/agents/07400123457', { paused: true });
    expect((await t.api('DELETE', '/api/accounts/2/agents/07400123457')).statusCode).toBe(204);
    const rows = await t.database.db.selectFrom('agent_pause_events').select('id').where('account_id', '=', 2).execute();
    expect(rows).toEqual([]);
  });

  it('answers pause changes and allocations made at once in the order sent, an unknown agent failing alone', async () => {
    await t.api('POST', '/api/accounts', { id: 3, name: 'Third' });
    for (const [cli, name] of [['9876543301', 'Uma'], ['9876543302', 'Vijay'], ['9876543303', 'Wasim']]) {
      expect((await t.api('POST', '/api/accounts/3/agents', { cli, name })).statusCode).toBe(201);
    }
    const inAccount = { name: '$flow.key.accountID', value: '3' };
    const pause = (cli: string, paused?: boolean) =>
      t.webhook('updatePauseStatusForCLI', [{ name: '$flow.key.cli', value: cli }, inAccount, ...(paused === undefined ? [] : [{ name: '$flow.key.pause', value: paused }])], { token: adminToken });
    const changes = await Promise.all([pause('9876543301'), pause('9876543399'), pause('9876543301'), pause('9876543301'), pause('9876543302', true), pause('9876543302', true)]);
    expect(changes.map((answer) => outputsOf(answer)['$flow.key.pauseStatus'] ?? outputsOf(answer)['$flow.key.errorCode'])).toEqual(['true', 'AGENT_NOT_FOUND', 'false', 'true', 'true', 'true']);
    const history = (await t.api('GET', '/api/accounts/3/agents/9876543301/history')).json();
    expect(history.events.map((event: { paused: boolean }) => event.paused)).toEqual([true, false, true]);
    expect((await t.api('GET', '/api/accounts/3/agents/9876543302/history')).json().events).toHaveLength(1);
    await pause('9876543301', false);
    await pause('9876543302', false);
    const allocate = () => t.webhook('allocateAgent', [inAccount], { token: adminToken });
    const allocated = await Promise.all([allocate(), allocate(), allocate(), allocate()]);
    // Never allocated first, oldest first; then the one allocated longest ago.
    expect(allocated.map((answer) => outputsOf(answer)['$flow.key.agentName'])).toEqual(['Uma', 'Vijay', 'Wasim', 'Uma']);
  });

  it('gives two concurrent toggles two changes, never one lost', async () => {
    await t.api('POST', '/api/accounts/2/agents', { cli: '07400123458', name: 'Ivy' });
    const toggle = () =>
      t.webhook('updatePauseStatusForCLI', [{ name: '$flow.key.cli', value: '+447400123458' }, { name: '$flow.key.accountID', value: '2' }], { token: adminToken });
    const states = (await Promise.all([toggle(), toggle()])).map((answer) => outputsOf(answer)['$flow.key.pauseStatus']);
    expect(states.sort()).toEqual(['false', 'true']);
    const history = (await t.api('GET', '/api/accounts/2/agents/07400123458/history')).json();
    expect(history.events.map((event: { paused: boolean }) => event.paused)).toEqual([true, false]);
  });
});

describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('agent allocation under concurrency on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
    for (let index = 0; index < 6; index++) {
      await t.api('POST', '/api/accounts/1/agents', { cli: `98765000${String(index).padStart(2, '0')}`, name: `Agent ${index}` });
    }
  });
  afterAll(() => t.close());

  it('hands six parallel allocations from six nodes six different agents, round after round', async () => {
    // Separate connection pools stand for separate server nodes on one database.
    const nodes = Array.from({ length: 6 }, () => openDatabase(t.settings.DATABASE_URL, { schema: t.settings.DATABASE_SCHEMA, poolSize: 2 }));
    try {
      const now = Date.now();
      const round = await Promise.all(nodes.map((node) => allocateAgent(node.db, 1, now)));
      expect(new Set(round.map((agent) => agent?.cli)).size).toBe(6);
      const next = await Promise.all(nodes.map((node) => allocateAgent(node.db, 1, now)));
      expect(new Set(next.map((agent) => agent?.cli)).size).toBe(6);
      // Twice as many parallel calls as agents: each agent is handed out exactly twice.
      const crowd = await Promise.all(nodes.flatMap((node) => [allocateAgent(node.db, 1, now), allocateAgent(node.db, 1, now)]));
      const times = new Map<string | undefined, number>();
      for (const agent of crowd) times.set(agent?.cli, (times.get(agent?.cli) ?? 0) + 1);
      expect([...times.values()]).toEqual(Array(6).fill(2));
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });

  it('never hands a paused agent to any node', async () => {
    const nodes = Array.from({ length: 4 }, () => openDatabase(t.settings.DATABASE_URL, { schema: t.settings.DATABASE_SCHEMA, poolSize: 2 }));
    try {
      const now = Date.now();
      const pauses = ['+919876500000', '+919876500001', '+919876500002', '+919876500003', '+919876500004'].map((cli, index) =>
        changeAgentPause(nodes[index % 4]!.db, 1, cli, true, 'api', now),
      );
      await Promise.all(pauses);
      const allocations = await Promise.all(nodes.map((node) => allocateAgent(node.db, 1, now)));
      expect(allocations.map((agent) => agent?.cli)).toEqual(Array(4).fill('+919876500005'));
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });
});
