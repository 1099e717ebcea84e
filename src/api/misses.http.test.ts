import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';

interface Miss {
  method: string;
  kind: 'date' | 'block';
  text: string;
  count: number;
  lastSeen: string;
}

// Numbers whose block the shipped numbering data has no circle for (today); the test checks each answer.
const unknownCircleCandidates = ['6004212345', '+91 60049 12345', '6007012345'];

describe.each(await databaseTargets())('misses on $name', (target) => {
  let t: TestApp;
  let token20: string;
  let token21: string;
  const now = new Date('2026-06-01T10:05:00Z');

  beforeAll(async () => {
    t = await createTestApp(target, { now });
    for (const id of [20, 21]) await t.api('POST', '/api/accounts', { id, name: `Account ${id}` });
    token20 = (await t.api('POST', '/api/accounts/20/tokens')).json().token;
    token21 = (await t.api('POST', '/api/accounts/21/tokens')).json().token;
  });
  afterAll(() => t.close());

  const date = (inputDate: string, token = token20) => t.webhook('validateDateAndTime', [{ name: '$flow.key.inputDate', value: inputDate }], { token });
  const language = (cli: string, token = token20) =>
    t.webhook('findLanguage', [{ name: '$flow.key.cli', value: cli }, { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH' }], { token });
  async function misses(query = '', token?: string): Promise<Miss[]> {
    await t.invocations.flush();
    const response = await t.api('GET', `/api/misses${query}`, undefined, token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().misses;
  }

  it('keeps a refused date text with its digits, grouped with a count and the last time seen', async () => {
    for (let index = 0; index < 3; index++) expect((await date('someday soon')).statusCode).toBe(422);
    t.setNow(new Date('2026-06-01T10:07:00Z'));
    expect((await date('31/02/2026 at 5')).json().error.code).toBe('UNPARSEABLE_DATE');
    expect((await date('tomorrow')).statusCode).toBe(200);
    const found = await misses('?method=validateDateAndTime');
    expect(found).toEqual([
      { method: 'validateDateAndTime', kind: 'date', text: 'someday soon', count: 3, lastSeen: expect.any(String) },
      { method: 'validateDateAndTime', kind: 'date', text: '31/02/2026 at 5', count: 1, lastSeen: expect.any(String) },
    ]);
    // `at` is when a call arrived by the app's clock: the answer's time less the time taken.
    const before = (iso: string, moment: string) => Date.parse(moment) - Date.parse(iso);
    expect(before(found[0]!.lastSeen, '2026-06-01T10:05:00Z')).toBeGreaterThanOrEqual(0);
    expect(before(found[0]!.lastSeen, '2026-06-01T10:05:00Z')).toBeLessThan(5000);
    expect(before(found[1]!.lastSeen, '2026-06-01T10:07:00Z')).toBeLessThan(5000);
    // The miss is data kept with the call, never a log line.
    expect(t.logs.join('')).not.toContain('someday soon');
  });

  it('masks a phone number inside a date text, in the table and in the answer', async () => {
    await date('call me back on 9876543210');
    const rows = await t.database.db.selectFrom('invocations').select('miss').where('miss', 'is not', null).execute();
    expect(JSON.stringify(rows)).not.toContain('9876543210');
    expect((await misses()).map((miss) => miss.text)).toContain('call me back on 98XXXXXX10');
  });

  it('keeps the 5-digit block of a number findLanguage knows no circle for, never the number', async () => {
    const unknownBlocks: string[] = [];
    for (const cli of unknownCircleCandidates) {
      const answer = await language(cli);
      expect(answer.statusCode).toBe(200);
      if (outputsOf(answer)['$flow.key.cliCircle'] === 'UNKNOWN') unknownBlocks.push(cli.replace(/\D/g, '').slice(-10, -5));
    }
    expect(unknownBlocks.length, 'at least one candidate number has no circle in the shipped data').toBeGreaterThan(0);
    expect(outputsOf(await language('9876543210'))['$flow.key.cliCircle']).not.toBe('UNKNOWN');
    const found = await misses('?method=FINDLANGUAGE');
    expect(found.map((miss) => miss.text).sort()).toEqual([...unknownBlocks].sort());
    expect(found.every((miss) => miss.kind === 'block' && miss.method === 'findLanguage' && /^\d{5}$/.test(miss.text))).toBe(true);
    const rows = await t.database.db.selectFrom('invocations').select('miss').where('method', '=', 'findLanguage').execute();
    expect(JSON.stringify(rows)).not.toMatch(/\d{6}/);
  });

  it('shows an account token only its own misses, and a foreign account as not found', async () => {
    await date('when pigs fly', token21);
    expect((await misses('', token21)).map((miss) => miss.text)).toEqual(['when pigs fly']);
    expect((await misses('?accountId=21')).map((miss) => miss.text)).toEqual(['when pigs fly']);
    expect((await misses('?accountId=20')).map((miss) => miss.text)).not.toContain('when pigs fly');
    expect((await t.api('GET', '/api/misses?accountId=20', undefined, token21)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/misses?accountId=404')).statusCode).toBe(404);
  });

  it('records nothing for an account with recordMisses off, while the call is still logged', async () => {
    const patched = await t.api('PATCH', '/api/accounts/21', { recordMisses: false });
    expect(patched.json().recordMisses).toBe(false);
    expect((await date('not a date at all', token21)).statusCode).toBe(422);
    for (const cli of unknownCircleCandidates) await language(cli, token21);
    expect((await misses('?accountId=21')).map((miss) => miss.text)).toEqual(['when pigs fly']);
    const calls = (await t.api('GET', '/api/invocations?accountId=21&limit=500')).json().invocations;
    expect(calls.filter((call: { errorCode: string | null }) => call.errorCode === 'UNPARSEABLE_DATE')).toHaveLength(2);
    await t.api('PATCH', '/api/accounts/21', { recordMisses: true });
    await date('not a date at all', token21);
    expect((await misses('?accountId=21')).map((miss) => miss.text)).toContain('not a date at all');
  });

  it('reads only the period asked for', async () => {
    t.setNow(new Date('2026-06-01T14:30:00Z'));
    await date('later nonsense');
    expect((await misses('?hours=1')).map((miss) => miss.text)).toEqual(['later nonsense']);
    expect((await misses('?hours=5')).length).toBeGreaterThan(1);
  });

  it('refuses an unknown method, hours outside 1…720 and a bad limit, naming the parameter', async () => {
    for (const [query, field] of [['method=noSuchMethod', 'method'], ['hours=0', 'hours'], ['hours=721', 'hours'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['order=asc', 'order']]) {
      const response = await t.api('GET', `/api/misses?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().error.fields.map((entry: { field: string }) => entry.field), query).toContain(field);
    }
  });
});
