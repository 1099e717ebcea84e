import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitValue } from '../../kernel/script-digits.js';
import { groupWriteCounts } from '../../kernel/group-write.js';
import { findOutboundRequest, insertOutboundRequest, type NewOutboundRequest } from '../../storage/outbound-requests.js';
import { adminToken, createTestApp, databaseTargets, outputsOf, webhookToken, type TestApp, type WebhookOptions } from '../../../test/support.js';
import { strangerDialerSecret } from '../../../test/secrets.js';

const clientId = 'phononio123456';
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });

describe.each(await databaseTargets())('createOutbound and outbound flows on $name', (target) => {
  let t: TestApp;
  let securityId: string;
  const now = new Date('2026-12-07T10:00:00+05:30');

  beforeAll(async () => {
    t = await createTestApp(target, { now });
    await t.api('PATCH', '/api/accounts/1', { clientId });
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBD00001', name: 'Renewals', dialerUrl: 'http://127.0.0.1:9/dial' });
    expect(created.statusCode).toBe(201);
    securityId = created.json().securityId;
  });
  afterAll(() => t.close());

  const call = (keys: Array<{ name: string; value: unknown }>, options: WebhookOptions = {}) =>
    t.webhook('createOutbound', keys, options);
  const valid = (numbers: string, extra: Array<{ name: string; value: unknown }> = []) => [
    key('securityID', securityId),
    key('flowID', 'OBD00001'),
    key('clientID', clientId),
    key('contactNumbers', numbers),
    ...extra,
  ];
  const status = (requestId: string) => t.api('GET', `/api/outbound-requests/${requestId}`);

  it('returns a flow with generated secrets once, then never shows them again', async () => {
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBD00002', name: 'Other', dialerUrl: 'https://dialer.example.com/x', throttlePerSecond: 5, callingWindow: { start: '09:00', end: '21:00' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ flowId: 'OBD00002', throttlePerSecond: 5, callingWindow: { start: '09:00', end: '21:00' } });
    expect(created.json().securityId).toMatch(/^[0-9a-f]{64}$/);
    expect(created.json().dialerSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await t.api('GET', '/api/accounts/1/outbound-flows/OBD00002');
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('securityId');
    expect(read.json()).not.toHaveProperty('dialerSecret');
    expect((await t.api('GET', '/api/accounts/1/outbound-flows')).json().map((flow: { flowId: string }) => flow.flowId)).toEqual(['OBD00001', 'OBD00002']);
    const patched = await t.api('PATCH', '/api/accounts/1/outbound-flows/OBD00002', { throttlePerSecond: null, callingWindow: null });
    expect(patched.json()).toMatchObject({ throttlePerSecond: null, callingWindow: null });
    expect((await t.api('DELETE', '/api/accounts/1/outbound-flows/OBD00002')).statusCode).toBe(204);
    expect((await t.api('GET', '/api/accounts/1/outbound-flows/OBD00002')).statusCode).toBe(404);
  });

  it('refuses bad flow definitions with 422 naming the field, and a duplicate with 409', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ flowId: 'OBD00003', securityId: 'short', name: 'x', dialerUrl: 'http://a.example/' }, 'securityId'],
      [{ flowId: 'OBD00003', name: 'x', dialerUrl: 'ftp://a.example/' }, 'dialerUrl'],
      [{ flowId: 'OBD00003', name: 'x', dialerUrl: 'http://a.example/', callingWindow: { start: '25:00', end: '09:00' } }, 'callingWindow.start'],
      [{ flowId: 'OBD00003', name: 'x', dialerUrl: 'http://a.example/', callingWindow: { start: '09:00', end: '09:00' } }, 'callingWindow'],
      [{ flowId: 'OBD3', name: 'x', dialerUrl: 'http://a.example/' }, 'flowId'],
    ];
    for (const [body, field] of cases) {
      const response = await t.api('POST', '/api/accounts/1/outbound-flows', body);
      expect(response.statusCode, field).toBe(422);
      expect(response.json().error.fields.map((issue: { field: string }) => issue.field)).toContain(field);
    }
    const duplicate = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBD00001', name: 'again', dialerUrl: 'http://a.example/' });
    expect(duplicate.statusCode).toBe(409);
  });

  it('schedules one job a number, due after delayMinutes, stored before the answer', async () => {
    const response = await call(valid('9876543210, 09812345678;9876543210', [key('delayMinutes', 15)]));
    expect(response.statusCode).toBe(200);
    const outputs = outputsOf(response);
    expect(outputs['$flow.key.obdResponseCode']).toBe('200');
    expect(outputs['$flow.key.obdReqID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(outputs['$flow.key.obdPhononUUID']).toMatch(/^[0-9a-f-]{36}$/);
    const stored = (await status(outputs['$flow.key.obdReqID']!)).json();
    expect(stored).toMatchObject({ id: outputs['$flow.key.obdReqID'], uuid: outputs['$flow.key.obdPhononUUID'], flowId: 'OBD00001', stage: 'prod', status: 'pending' });
    expect(stored.jobs.map((job: { contactNumber: string }) => job.contactNumber)).toEqual(['+919876543210', '+919812345678']);
    for (const job of stored.jobs) {
      expect(job).toMatchObject({ status: 'scheduled', attempts: 0, lastError: null, deliveredAt: null, dueAt: '2026-12-07T04:45:00.000Z' });
    }
  });

  it('says when the first dial is planned: the asked time, the calling window\'s next opening, nothing while the flow is paused', async () => {
    const flow = async (flowId: string, fields: Record<string, unknown>) => {
      const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: flowId, dialerUrl: 'http://127.0.0.1:9/dial', ...fields });
      expect(created.statusCode).toBe(201);
      return (delayMinutes: number) =>
        call([key('securityID', created.json().securityId), key('flowID', flowId), key('clientID', clientId), key('contactNumbers', '9812300077'), key('delayMinutes', delayMinutes)]);
    };
    const firstDial = async (answer: Promise<Awaited<ReturnType<typeof call>>>) => outputsOf(await answer)['$flow.key.obdFirstDialAt'];
    // Now is 10:00 in Kolkata.
    const anyTime = await flow('OBDWIN01', {});
    expect(await firstDial(anyTime(0))).toBe('2026-12-07T10:00:00+05:30');
    expect(await firstDial(anyTime(90))).toBe('2026-12-07T11:30:00+05:30');
    const evenings = await flow('OBDWIN02', { callingWindow: { start: '18:00', end: '20:00' } });
    expect(await firstDial(evenings(0))).toBe('2026-12-07T18:00:00+05:30');
    expect(await firstDial(evenings(8 * 60 + 30))).toBe('2026-12-07T18:30:00+05:30');
    expect(await firstDial(evenings(11 * 60))).toBe('2026-12-08T18:00:00+05:30');
    // A promotional flow without a window of its own keeps to 09:00–21:00.
    const promotional = await flow('OBDWIN03', { category: 'promotional' });
    expect(await firstDial(promotional(12 * 60))).toBe('2026-12-08T09:00:00+05:30');
    expect((await t.api('POST', '/api/accounts/1/outbound-flows/OBDWIN03/pause')).statusCode).toBe(200);
    const paused = outputsOf(await promotional(0));
    expect(paused['$flow.key.obdResponseCode']).toBe('200');
    expect(paused['$flow.key.obdFirstDialAt']).toBe('');
  });

  it('stores every job of a request of 1000 numbers and finds each again when the same numbers are sent to a flow with a dedupe window', async () => {
    const numbers = Array.from({ length: 1000 }, (_, index) => `97${String(index).padStart(8, '0')}`);
    const dedupe = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBDBULK1', name: 'Bulk', dialerUrl: 'http://127.0.0.1:9/dial', dedupeWindowMinutes: 60 });
    const bulk = (keys: Array<{ name: string; value: unknown }>) =>
      call([key('securityID', dedupe.json().securityId), key('flowID', 'OBDBULK1'), key('clientID', clientId), ...keys]);
    const first = outputsOf(await bulk([key('contactNumbers', numbers.join(','))]));
    const jobs = (await status(first['$flow.key.obdReqID']!)).json().jobs as Array<{ contactNumber: string }>;
    expect(jobs.map((job) => job.contactNumber)).toEqual(numbers.map((number) => `+91${number}`));
    const again = outputsOf(await bulk([key('contactNumbers', numbers.join(','))]));
    expect(again['$flow.key.obdDuplicateNumbers']!.split(',')).toHaveLength(1000);
    expect((await status(again['$flow.key.obdReqID']!)).json().jobs).toEqual([]);
  });

  it('schedules the calls made at once, each request with its own numbers in order and its own due time', async () => {
    const sent: Array<[string, number]> = [['9876540001', 10], ['9876540002,9876540003,9876540004', 20], ['9876540005', 0], ['9876540006,9876540007', 30]];
    const answers = await Promise.all(sent.map(([numbers, delay]) => call(valid(numbers, [key('delayMinutes', delay)]))));
    expect(answers.map((answer) => outputsOf(answer)['$flow.key.obdResponseCode'])).toEqual(['200', '200', '200', '200']);
    for (const [index, [numbers, delay]] of sent.entries()) {
      const stored = (await status(outputsOf(answers[index]!)['$flow.key.obdReqID']!)).json();
      expect(stored.jobs.map((job: { contactNumber: string }) => job.contactNumber)).toEqual(numbers.split(',').map((number) => `+91${number}`));
      expect(new Set(stored.jobs.map((job: { dueAt: string }) => job.dueAt))).toEqual(new Set([new Date(now.getTime() + delay * 60_000).toISOString()]));
    }
  });

  it('stores requests written at once each with its own jobs and due time, and fails only a request the database refuses', async () => {
    const request = (accountId: number, numbers: string[], delayMinutes: number): NewOutboundRequest => ({
      id: randomUUID(), executionId: randomUUID(), accountId, flowId: 'OBD00001', stage: 'prod', idempotencyKey: null, answer: [],
      contactNumbers: numbers, dueAt: now.getTime() + delayMinutes * 60_000, jobIds: numbers.map(() => randomUUID()),
    });
    const store = (each: NewOutboundRequest) => insertOutboundRequest(t.database.db, each, now.getTime());
    const jobsOf = async (each: NewOutboundRequest) =>
      (await findOutboundRequest(t.database.db, each.id))?.jobs.map((job) => [job.id, job.contactNumber, Date.parse(job.dueAt) - now.getTime()]);
    const together = [request(1, ['+919876540011'], 5), request(1, ['+919876540012', '+919876540013', '+919876540014'], 0), request(1, ['+919876540015', '+919876540016'], 9)];
    const statements = () => groupWriteCounts(t.database.db).get('outbound_request')?.writes ?? 0;
    const statementsBefore = statements();
    await Promise.all(together.map(store));
    // On PostgreSQL the three went as one statement (docs/deploying.md "Topology").
    expect(statements() - statementsBefore).toBe(target.name === 'postgres' ? 1 : 0);
    expect(await Promise.all(together.map(jobsOf))).toEqual(
      together.map((each) => each.contactNumbers.map((number, index) => [each.jobIds[index], number, each.dueAt - now.getTime()])),
    );
    // An account that does not exist breaks its request's foreign key: that call fails, the requests written with it do not.
    const mixed = [request(1, ['+919876540021'], 1), request(999_999, ['+919876540022'], 2), request(1, ['+919876540023', '+919876540024'], 3)];
    const settled = await Promise.allSettled(mixed.map(store));
    expect(settled.map((each) => each.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await Promise.all(mixed.map(jobsOf))).toEqual([
      [[mixed[0]!.jobIds[0], '+919876540021', 60_000]],
      undefined,
      [[mixed[2]!.jobIds[0], '+919876540023', 180_000], [mixed[2]!.jobIds[1], '+919876540024', 180_000]],
    ]);
  });

  it('schedules the numbers tel: and sip: URIs with ; parameters carry, between other numbers separated by ;', async () => {
    const response = await call(valid('sip:09381099911@10.0.0.1;user=phone;tel:+91-93810-99912;ext=56;sip:+919381099913@10.0.0.1:5060;transport=udp\ntel:9381099914;phone-context=+91;9381099915'));
    expect(outputsOf(response)['$flow.key.obdResponseCode']).toBe('200');
    const stored = (await status(outputsOf(response)['$flow.key.obdReqID']!)).json();
    expect(stored.jobs.map((job: { contactNumber: string }) => job.contactNumber)).toEqual(['+919381099911', '+919381099912', '+919381099913', '+919381099914', '+919381099915']);
  });

  it("schedules a number an IVR ends with # or a spreadsheet starts with an apostrophe as that number", async () => {
    const response = await call(valid("'9381099921, 9381099922#\n'+91 93810 99923#"));
    expect(outputsOf(response)['$flow.key.obdResponseCode']).toBe('200');
    const stored = (await status(outputsOf(response)['$flow.key.obdReqID']!)).json();
    expect(stored.jobs.map((job: { contactNumber: string }) => job.contactNumber)).toEqual(['+919381099921', '+919381099922', '+919381099923']);
  });

  it('answers 401 for an unknown flow, a wrong securityID or another clientID, scheduling nothing', async () => {
    const before = await t.database.db.selectFrom('outbound_jobs').select('id').execute();
    const variants = [
      [key('securityID', securityId), key('flowID', 'NOSUCH00'), key('clientID', clientId), key('contactNumbers', '9876543210')],
      [key('securityID', 'f'.repeat(64)), key('flowID', 'OBD00001'), key('clientID', clientId), key('contactNumbers', '9876543210')],
      [key('securityID', securityId), key('flowID', 'OBD00001'), key('clientID', 'someoneelse'), key('contactNumbers', '9876543210')],
    ];
    for (const keys of variants) {
      const response = await call(keys);
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe('FAILURE');
      expect(outputsOf(response)).toEqual({
        '$flow.key.obdResponseCode': '401',
        '$flow.key.obdReqID': '',
        '$flow.key.obdPhononUUID': '',
        '$flow.key.obdRefusedNumbers': '',
        '$flow.key.obdDuplicateNumbers': '',
        '$flow.key.obdFirstDialAt': '',
        '$flow.key.errorCode': 'OUTBOUND_UNAUTHORIZED',
        '$flow.key.errorMessage': "Unknown flowID, wrong securityID, or a clientID that is not this account's; nothing was scheduled.",
      });
    }
    expect(await t.database.db.selectFrom('outbound_jobs').select('id').execute()).toHaveLength(before.length);
  });

  it('answers 400 listing invalid numbers, for an unsupported apiVersion and for more than 1000 numbers, scheduling nothing', async () => {
    const before = await t.database.db.selectFrom('outbound_jobs').select('id').execute();
    const invalid = await call(valid('9876543210,12345,notanumber'));
    expect(outputsOf(invalid)).toMatchObject({ '$flow.key.obdResponseCode': '400', '$flow.key.errorCode': 'OUTBOUND_BAD_REQUEST' });
    expect(outputsOf(invalid)['$flow.key.errorMessage']).toBe('Invalid contact numbers: 12345, notanumber. Nothing was scheduled.');
    // A mistyped number of ten digits or more is still someone's: masked, as everywhere else.
    const typo = await call(valid('9876543210,98765432101,+91-98765-432101'));
    expect(outputsOf(typo)['$flow.key.errorMessage']).toBe('Invalid contact numbers: 87XXXXXX01, 87XXXXXX01. Nothing was scheduled.');
    // At most 20 shown, each cut at 32 characters.
    const junk = Array.from({ length: 23 }, (_, index) => `bad${index}${'x'.repeat(40)}`);
    expect(outputsOf(await call(valid(junk.join(','))))['$flow.key.errorMessage']).toBe(
      `Invalid contact numbers: ${junk.slice(0, 20).map((number) => number.slice(0, 32)).join(', ')} and 3 more. Nothing was scheduled.`,
    );
    const twenty = junk.slice(0, 20);
    expect(outputsOf(await call(valid(twenty.join(','))))['$flow.key.errorMessage']).toBe(
      `Invalid contact numbers: ${twenty.map((number) => number.slice(0, 32)).join(', ')}. Nothing was scheduled.`,
    );
    const version = await call(valid('9876543210', [key('apiVersion', '2.0')]));
    expect(outputsOf(version)).toMatchObject({ '$flow.key.obdResponseCode': '400', '$flow.key.errorMessage': 'Unsupported apiVersion "2.0": use 1.0. Nothing was scheduled.' });
    expect(outputsOf(await call(valid(' , ;')))['$flow.key.errorMessage']).toBe('No contact number was given; nothing was scheduled.');
    const many = Array.from({ length: 1001 }, (_, index) => `98${String(10_000_000 + index)}`).join(',');
    const tooMany = await call(valid(many));
    expect(outputsOf(tooMany)['$flow.key.obdResponseCode']).toBe('400');
    expect(outputsOf(tooMany)['$flow.key.errorMessage']).toBe('1001 numbers: at most 1000 a request. Nothing was scheduled.');
    expect(await t.database.db.selectFrom('outbound_jobs').select('id').execute()).toHaveLength(before.length);
  });

  it('never echoes a mistyped number whole, whatever its digits, marks or separators, nor in the pieces the list split it into', async () => {
    const national = '9876501234';
    const inScript = (zero: number, mark = '') => [...national].map((d) => `${String.fromCodePoint(zero + Number(d))}${mark}`).join('');
    const forms = [
      `${national.slice(0, 6)}/${national.slice(6)}`,
      `+91 ${national.slice(0, 5)} ${national.slice(5)} ext. 56`,
      `+91 ${national.slice(0, 5)}\n${national.slice(5)}x`,
      `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}abc`,
      inScript(0xe50), // Thai
      inScript(0x1040), // Myanmar
      inScript(0x7c0), // NKo
      inScript(0x1d7ce), // mathematical bold
      inScript(0x30, '\ufe0f\u20e3'), // emoji keycaps
      inScript(0x30, '\u0301'), // a combining accent on each digit
    ];
    const digitsShown = (text: string) => [...text.matchAll(/\p{Nd}/gu)].map((found) => digitValue(found[0])).join('');
    for (const form of forms) {
      const message = outputsOf(await call(valid(form)))['$flow.key.errorMessage']!;
      expect(message, form).toMatch(/^Invalid contact numbers: /);
      const shown = digitsShown(message);
      for (let at = 0; at + 5 <= national.length; at++) expect(shown, `${form} → ${message}`).not.toContain(national.slice(at, at + 5));
    }
    expect(outputsOf(await call(valid(`+91 ${national.slice(0, 5)} ${national.slice(5)} ext. 56`)))['$flow.key.errorMessage']).toBe(
      'Invalid contact numbers: +XX, 98XXX, XXX34, ext., 56. Nothing was scheduled.',
    );
    expect(outputsOf(await call(valid(`${national.slice(0, 6)}/${national.slice(6)}`)))['$flow.key.errorMessage']).toBe('Invalid contact numbers: 98XXXXXX34. Nothing was scheduled.');
  });

  it('answers 422 for a delay beyond 7 days or a missing flowID', async () => {
    const late = await call(valid('9876543210', [key('delayMinutes', 10081)]));
    expect(late.statusCode).toBe(422);
    expect(late.json().error.parameters).toEqual(['$flow.syskey.delayMinutes']);
    const missing = await call([key('securityID', securityId), key('clientID', clientId), key('contactNumbers', '9876543210')]);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.parameters).toEqual(['$flow.syskey.flowID']);
  });

  it('returns the first answer for a repeated Idempotency-Key or requestKey, scheduling nothing new, for 24 hours', async () => {
    const first = await call(valid('9876500001'), { headers: { 'idempotency-key': 'retry-me' } });
    // The same number in another form is the same request.
    const again = await call(valid('+919876500001'), { headers: { 'idempotency-key': 'retry-me' } });
    expect(outputsOf(again)).toEqual(outputsOf(first));
    const viaKey = await call(valid('9876500003', [key('requestKey', 'flow-key-1')]));
    const viaKeyAgain = await call(valid('9876500003', [key('requestKey', 'flow-key-1')]));
    expect(outputsOf(viaKeyAgain)['$flow.key.obdReqID']).toBe(outputsOf(viaKey)['$flow.key.obdReqID']);
    const jobs = await t.database.db.selectFrom('outbound_jobs').select('contact_number').where('contact_number', 'in', ['+919876500001', '+919876500002', '+919876500003']).execute();
    expect(jobs).toHaveLength(2);

    t.setNow(new Date(now.getTime() + 24 * 60 * 60 * 1000 + 1));
    const dayLater = await call(valid('9876500001'), { headers: { 'idempotency-key': 'retry-me' } });
    expect(outputsOf(dayLater)['$flow.key.obdReqID']).not.toBe(outputsOf(first)['$flow.key.obdReqID']);
    t.setNow(now);
  });

  it('refuses a repeated idempotency key that asks for another request, scheduling nothing', async () => {
    const first = await call(valid('9876500011,9876500012'), { headers: { 'idempotency-key': 'reused-key' } });
    expect(outputsOf(first)['$flow.key.obdResponseCode']).toBe('200');
    // The same numbers in another order: the same request.
    expect(outputsOf(await call(valid('9876500012;9876500011'), { headers: { 'idempotency-key': 'reused-key' } }))['$flow.key.obdReqID']).toBe(outputsOf(first)['$flow.key.obdReqID']);
    const otherNumbers = await call(valid('9876500011,9876500013'), { headers: { 'idempotency-key': 'reused-key' } });
    expect(otherNumbers.json()).toMatchObject({ status: 'FAILURE' });
    expect(outputsOf(otherNumbers)).toMatchObject({ '$flow.key.obdResponseCode': '409', '$flow.key.errorCode': 'OUTBOUND_KEY_REUSED', '$flow.key.obdReqID': '' });
    expect(outputsOf(otherNumbers)['$flow.key.errorMessage']).toContain('other numbers');
    const flowId = 'OBD00002';
    await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Second', dialerUrl: 'http://127.0.0.1:9/dial', dialerSecret: strangerDialerSecret, securityId });
    const otherFlow = await call([...valid('9876500011,9876500012').filter((entry) => entry.name !== '$flow.syskey.flowID'), key('flowID', flowId)], { headers: { 'idempotency-key': 'reused-key' } });
    expect(outputsOf(otherFlow)['$flow.key.errorMessage']).toContain('another flow');
    expect(await t.database.db.selectFrom('outbound_jobs').select('id').where('contact_number', 'in', ['+919876500011', '+919876500012', '+919876500013']).execute()).toHaveLength(2);
  });

  it('answers concurrent calls with one Idempotency-Key with one request', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(valid('9876500009'), { headers: { 'idempotency-key': 'same-time' } })));
    const ids = new Set(answers.map((answer) => outputsOf(answer)['$flow.key.obdReqID']));
    expect(ids.size).toBe(1);
    expect(await t.database.db.selectFrom('outbound_jobs').select('id').where('contact_number', '=', '+919876500009').execute()).toHaveLength(1);
  });

  it('cancels every job not yet delivered', async () => {
    const requestId = outputsOf(await call(valid('9876511111,9876522222', [key('delayMinutes', 5)])))['$flow.key.obdReqID']!;
    const cancelled = await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelledJobs).toBe(2);
    const after = (await status(requestId)).json();
    expect(after.status).toBe('cancelled');
    expect(after.jobs.map((job: { status: string }) => job.status)).toEqual(['cancelled', 'cancelled']);
  });

  it("hides another account's requests and flows behind 404, and needs the admin token to cancel", async () => {
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other' });
    const otherToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
    const requestId = outputsOf(await call(valid('9876533333')))['$flow.key.obdReqID']!;
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`, undefined, otherToken)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/accounts/1/outbound-flows', undefined, otherToken)).statusCode).toBe(404);
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`, undefined, webhookToken)).statusCode).toBe(200);
    expect((await t.api('POST', `/api/outbound-requests/${requestId}/cancel`, undefined, webhookToken)).statusCode).toBe(403);
    expect((await t.api('GET', '/api/outbound-requests/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
  });

  it('schedules only on the account its accountID names: the token\'s own, or with the admin token one that exists', async () => {
    const jobs = async () => Number((await t.database.db.selectFrom('outbound_jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await jobs();
    // `$flow.syskey.accountID` reads as `$flow.key.accountID`, as every scope does.
    const other = await call(valid('9876544444', [key('accountID', '2')]));
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN_ACCOUNT');
    const missing = await call(valid('9876544444', [key('accountID', '999')]), { token: adminToken });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', parameters: ['$flow.key.accountID'] });
    expect(await jobs()).toBe(before);
    const own = await call(valid('9876544444', [key('accountID', '1')]), { token: adminToken });
    expect(outputsOf(own)['$flow.key.obdResponseCode']).toBe('200');
    expect(await jobs()).toBe(before + 1);
  });

  it('reads apiVersion 1.0 sent as a JSON number, and refuses an Idempotency-Key longer than requestKey may be', async () => {
    expect(outputsOf(await call(valid('9876545555', [key('apiVersion', 1.0)])))['$flow.key.obdResponseCode']).toBe('200');
    expect(outputsOf(await call(valid('9876545556', [key('apiVersion', '2.0')])))['$flow.key.obdResponseCode']).toBe('400');
    const long = await call(valid('9876545557'), { headers: { 'idempotency-key': 'k'.repeat(201) } });
    expect(outputsOf(long)).toMatchObject({ '$flow.key.obdResponseCode': '400', '$flow.key.errorCode': 'OUTBOUND_BAD_REQUEST' });
    expect(outputsOf(long)['$flow.key.errorMessage']).toContain('at most 200');
    expect(outputsOf(await call(valid('9876545557'), { headers: { 'idempotency-key': 'k'.repeat(200) } }))['$flow.key.obdResponseCode']).toBe('200');
  });

  it('never logs the contact numbers', async () => {
    await call(valid('9876544444'));
    await call(valid('9876544445,123'));
    const logs = t.logs.join('');
    expect(logs).not.toContain('9876544444');
    expect(logs).not.toContain('9876544445');
  });
});
