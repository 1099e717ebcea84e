import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, longSipForms, outputsOf, type TestApp } from '../../../test/support.js';

const cli = (value: unknown) => ({ name: '$flow.key.cli', value });
const pause = (value: unknown) => ({ name: '$flow.key.pause', value });

describe.each(await databaseTargets())('agent webhook methods on $name', (target) => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await createTestApp(target, { now: new Date('2026-11-28T09:00:00Z') });
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other' });
    otherToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
    for (const [number, name] of [['9876500001', 'Asha'], ['+91 98765 00002', 'Bilal'], ['09876500003', 'Chitra']]) {
      expect((await t.api('POST', '/api/accounts/1/agents', { cli: number, name })).statusCode).toBe(201);
    }
    expect((await t.api('POST', '/api/accounts/2/agents', { cli: '9876500009', name: 'Elsewhere' })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const setPause = (keys: Array<{ name: string; value: unknown }>, token?: string) => t.webhook('updatePauseStatusForCLI', keys, { token });
  const allocate = (options: { token?: string; url?: string } = {}) => t.webhook('allocateAgent', [], options);
  const agent = async (number: string) => (await t.api('GET', `/api/accounts/1/agents/${encodeURIComponent(number)}`)).json();

  it('pauses an agent named with or without the country code, and unpauses it', async () => {
    const paused = await setPause([cli('919876500001'), pause('true')]);
    expect(paused.statusCode).toBe(200);
    expect(paused.json().status).toBe('SUCCESS');
    expect(outputsOf(paused)).toEqual({ '$flow.key.cli_pause_update': 'SUCCESS', '$flow.key.pauseStatus': 'true' });
    expect(await agent('+919876500001')).toMatchObject({ paused: true, pausedSince: '2026-11-28T09:00:00.000Z' });
    const unpaused = await setPause([cli('9876500001'), pause('false')]);
    expect(outputsOf(unpaused)['$flow.key.pauseStatus']).toBe('false');
    expect(await agent('9876500001')).toMatchObject({ paused: false, pausedSince: null });
  });

  it('finds the agent a SIP URI longer than 32 characters names', async () => {
    for (const sip of longSipForms('9876500003')) {
      const toggled = await setPause([cli(sip), pause('true')]);
      expect(toggled.statusCode, sip).toBe(200);
      expect(outputsOf(toggled), sip).toEqual({ '$flow.key.cli_pause_update': 'SUCCESS', '$flow.key.pauseStatus': 'true' });
    }
    expect(outputsOf(await setPause([cli(longSipForms('9876500003')[0]!), pause('false')]))['$flow.key.pauseStatus']).toBe('false');
  });

  it.each([['1', 'true'], ['YES', 'true'], ['True', 'true'], ['0', 'false'], ['no', 'false'], ['FALSE', 'false']])('reads pause %j as %s', async (word, state) => {
    expect(outputsOf(await setPause([cli('9876500002'), pause(word)]))['$flow.key.pauseStatus']).toBe(state);
  });

  it('reads a boolean JSON value as the word it stands for', async () => {
    expect(outputsOf(await setPause([cli('9876500002'), pause(true)]))['$flow.key.pauseStatus']).toBe('true');
    expect(outputsOf(await setPause([cli('9876500002'), pause(false)]))['$flow.key.pauseStatus']).toBe('false');
  });

  it('toggles when pause is absent or empty', async () => {
    expect(outputsOf(await setPause([cli('9876500003')]))['$flow.key.pauseStatus']).toBe('true');
    expect(outputsOf(await setPause([cli('9876500003'), pause('')]))['$flow.key.pauseStatus']).toBe('false');
  });

  it('keeps the break start when an agent already on break is paused again', async () => {
    await setPause([cli('9876500003'), pause('true')]);
    t.setNow(new Date('2026-11-28T09:05:00Z'));
    const again = await setPause([cli('9876500003'), pause('true')]);
    expect(outputsOf(again)).toEqual({ '$flow.key.cli_pause_update': 'SUCCESS', '$flow.key.pauseStatus': 'true' });
    expect((await agent('9876500003')).pausedSince).toBe('2026-11-28T09:00:00.000Z');
    await setPause([cli('9876500003'), pause('false')]);
    t.setNow(new Date('2026-11-28T09:00:00Z'));
  });

  it('answers FAILURE with AGENT_NOT_FOUND for an unknown number, and for an agent of another account', async () => {
    for (const number of ['9876599999', '9876500009']) {
      const response = await setPause([cli(number), pause('true')]);
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe('FAILURE');
      expect(outputsOf(response)).toMatchObject({ '$flow.key.cli_pause_update': 'FAILURE', '$flow.key.errorCode': 'AGENT_NOT_FOUND' });
    }
    expect((await t.api('GET', '/api/accounts/2/agents/9876500009')).json().paused).toBe(false);
    expect(outputsOf(await setPause([cli('9876500009'), pause('true')], otherToken))['$flow.key.pauseStatus']).toBe('true');
    await setPause([cli('9876500009'), pause('false')], otherToken);
  });

  it('answers 422 for a pause that is not a boolean word, a missing cli or one that is not a phone number, and changes nothing', async () => {
    const badPause = await setPause([cli('9876500001'), pause('maybe')]);
    expect(badPause.statusCode).toBe(422);
    expect(badPause.json().error).toMatchObject({ code: 'INVALID_PARAMETER', parameters: ['$flow.key.pause'] });
    expect(outputsOf(badPause)['$flow.key.cli_pause_update']).toBe('FAILURE');
    // Longer than any pause word: still told which words are read, not the length.
    const unset = await setPause([cli('9876500001'), pause('undefined')]);
    expect(unset.json().error.message).toBe('$flow.key.pause must be true, false, 1, 0, yes, no, y, n, on or off');
    const noCli = await setPause([pause('true')]);
    expect(noCli.statusCode).toBe(422);
    expect(noCli.json().error).toMatchObject({ code: 'MISSING_PARAMETER', parameters: ['$flow.key.cli'] });
    const notANumber = await setPause([cli('agent-7'), pause('true')]);
    expect(notANumber.statusCode).toBe(422);
    expect(notANumber.json().error.parameters).toEqual(['$flow.key.cli']);
    expect(await agent('9876500001')).toMatchObject({ paused: false });
    const history = (await t.api('GET', '/api/accounts/1/agents/9876500001/history')).json();
    expect(history.events).toHaveLength(2);
  });

  it('records webhook changes in the history with their source', async () => {
    const history = (await t.api('GET', '/api/accounts/1/agents/9876500001/history')).json();
    expect(history.events).toEqual([
      { paused: true, at: '2026-11-28T09:00:00.000Z', source: 'webhook' },
      { paused: false, at: '2026-11-28T09:00:00.000Z', source: 'webhook' },
    ]);
  });

  it('allocates the agents in turn through the allocateAgent method, never a paused one', async () => {
    await setPause([cli('9876500002'), pause('true')]);
    const names: string[] = [];
    for (let call = 0; call < 4; call++) {
      const response = await allocate();
      expect(response.json().status).toBe('SUCCESS');
      names.push(outputsOf(response)['$flow.key.agentName'] as string);
    }
    expect(names).toEqual(['Asha', 'Chitra', 'Asha', 'Chitra']);
    expect(outputsOf(await allocate())).toEqual({ '$flow.key.agentCli': '+919876500001', '$flow.key.agentName': 'Asha' });
    await setPause([cli('9876500002'), pause('false')]);
    // Bilal has waited longest now that he is back.
    expect(outputsOf(await allocate())['$flow.key.agentName']).toBe('Bilal');
  });

  it('records a test-stage pause at the server\'s time, whatever testNow pins, so the history stays in order', async () => {
    await t.api('POST', '/api/accounts/1/agents', { cli: '9876500006', name: 'Farah' });
    await setPause([cli('9876500006'), pause('true')]);
    const pinned = { name: '$flow.syskey.testNow', value: '2026-11-20T10:00:00+05:30' };
    const unpaused = await t.webhook('updatePauseStatusForCLI', [cli('9876500006'), pause('false'), pinned], { url: '/dialer-v1/test/' });
    expect(outputsOf(unpaused)['$flow.key.pauseStatus']).toBe('false');
    expect(await agent('9876500006')).toMatchObject({ paused: false, pausedSince: null, updatedAt: '2026-11-28T09:00:00.000Z' });
    const history = (await t.api('GET', '/api/accounts/1/agents/9876500006/history')).json();
    expect(history.events).toEqual([
      { paused: true, at: '2026-11-28T09:00:00.000Z', source: 'webhook' },
      { paused: false, at: '2026-11-28T09:00:00.000Z', source: 'webhook' },
    ]);
  });

  it('on the test stage names the next agent without moving the rotation', async () => {
    const first = outputsOf(await allocate({ url: '/dialer-v1/test/' }))['$flow.key.agentName'];
    expect(outputsOf(await allocate({ url: '/dialer-v1/test/' }))['$flow.key.agentName']).toBe(first);
    expect(outputsOf(await allocate())['$flow.key.agentName']).toBe(first);
  });

  it('answers FAILURE with NO_AGENT_AVAILABLE when every agent is paused', async () => {
    await setPause([cli('9876500009'), pause('true')], otherToken);
    const response = await allocate({ token: otherToken });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('FAILURE');
    expect(outputsOf(response)).toMatchObject({ '$flow.key.agentCli': '', '$flow.key.agentName': '', '$flow.key.errorCode': 'NO_AGENT_AVAILABLE' });
  });

  it('never logs the agent number', async () => {
    await setPause([cli('9876500001'), pause('true')]);
    expect(t.logs.join('')).not.toContain('9876500001');
  });
});
