import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, longSipForms, outputsOf, type TestApp } from '../../../test/support.js';

const cli = (value: unknown) => ({ name: '$flow.key.cli', value });

describe.each(await databaseTargets())('optOut on $name', (target) => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await createTestApp(target, { now: new Date('2026-12-01T10:00:00Z') });
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other', country: 'IN' });
    otherToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
  });
  afterAll(() => t.close());

  const entry = (account: number, number: string) => t.api('GET', `/api/accounts/${account}/dnc/${encodeURIComponent(number)}`);

  it("adds the caller's number, in any form, to the token's account's list once", async () => {
    const first = await t.webhook('optOut', [cli('09876512345')]);
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('SUCCESS');
    expect(outputsOf(first)).toEqual({ '$flow.key.optOutStatus': 'added' });
    expect((await entry(1, '+919876512345')).json()).toEqual({ number: '+919876512345', source: 'opt-out', addedAt: '2026-12-01T10:00:00.000Z' });

    const again = await t.webhook('optOut', [cli('+91 98765 12345')]);
    expect(outputsOf(again)).toEqual({ '$flow.key.optOutStatus': 'alreadyListed' });
    expect((await entry(2, '+919876512345')).statusCode).toBe(404);
  });

  it('writes to the list of the account the token belongs to, and refuses another account named in the keys', async () => {
    const own = await t.webhook('optOut', [cli('9876512399')], { token: otherToken });
    expect(outputsOf(own)).toEqual({ '$flow.key.optOutStatus': 'added' });
    expect((await entry(2, '9876512399')).statusCode).toBe(200);
    expect((await entry(1, '9876512399')).statusCode).toBe(404);
    const foreign = await t.webhook('optOut', [cli('9876512398'), { name: '$flow.key.accountID', value: '1' }], { token: otherToken });
    expect(foreign.statusCode).toBe(403);
    expect((await entry(1, '9876512398')).statusCode).toBe(404);
  });

  it('lists the number a SIP URI longer than 32 characters carries, and refuses text past 128 characters naming the limit', async () => {
    for (const [index, form] of longSipForms('9381099520').entries()) {
      const national = `93810995${20 + index}`;
      const sip = form.replaceAll('9381099520', national);
      expect(sip.length, sip).toBeGreaterThan(32);
      const response = await t.webhook('optOut', [cli(sip)]);
      expect(response.statusCode, sip).toBe(200);
      expect(outputsOf(response), sip).toEqual({ '$flow.key.optOutStatus': 'added' });
      expect((await entry(1, `+91${national}`)).statusCode, sip).toBe(200);
    }
    const tooLong = await t.webhook('optOut', [cli(`sip:+919381099599@${'a'.repeat(120)}`)]);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error.message).toContain('128');
  });

  it("lists a number an IVR ends with # or a spreadsheet starts with an apostrophe as that number", async () => {
    expect(outputsOf(await t.webhook('optOut', [cli('9876512355#')]))).toEqual({ '$flow.key.optOutStatus': 'added' });
    expect(outputsOf(await t.webhook('optOut', [cli("'+919876512355")]))).toEqual({ '$flow.key.optOutStatus': 'alreadyListed' });
    expect((await entry(1, '+919876512355')).statusCode).toBe(200);
  });

  it('counts one of several simultaneous opt-outs of a number as added, the rest as already listed', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.webhook('optOut', [cli('9876512311')])));
    const statuses = answers.map((answer) => outputsOf(answer)['$flow.key.optOutStatus']).sort();
    expect(statuses).toEqual(['added', 'alreadyListed', 'alreadyListed', 'alreadyListed', 'alreadyListed']);
  });

  it('on the test stage answers what would happen without writing', async () => {
    const trial = await t.webhook('optOut', [cli('9876512377')], { url: '/svc/test' });
    expect(outputsOf(trial)).toEqual({ '$flow.key.optOutStatus': 'added' });
    expect((await entry(1, '9876512377')).statusCode).toBe(404);
    expect(outputsOf(await t.webhook('optOut', [cli('9876512345')], { url: '/svc/test' }))).toEqual({ '$flow.key.optOutStatus': 'alreadyListed' });
  });

  it('answers 422 naming $flow.key.cli for a missing or invalid number, and writes nothing', async () => {
    const before = (await t.api('GET', '/api/accounts/1/dnc')).json().total;
    const invalid = await t.webhook('optOut', [cli('12345')]);
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error).toMatchObject({ code: 'INVALID_PARAMETER', parameters: ['$flow.key.cli'] });
    // Another country's number without its + says how to write it.
    const foreign = await t.webhook('optOut', [cli('447911123456')]);
    expect(foreign.json().error.message).toContain('written with + or 00 and its country code');
    const missing = await t.webhook('optOut', []);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'MISSING_PARAMETER', parameters: ['$flow.key.cli'] });
    expect((await t.api('GET', '/api/accounts/1/dnc')).json().total).toBe(before);
  });

  it('never logs the full number', async () => {
    await t.webhook('optOut', [cli('9876512366')]);
    expect(t.logs.join('')).not.toMatch(/9876512366/);
  });
});
