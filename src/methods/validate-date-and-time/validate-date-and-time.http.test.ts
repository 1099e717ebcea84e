import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';

const key = (name: string, value: unknown) => ({ name: `$flow.key.${name}`, value });
// Wednesday 2 December 2026, 10:00 in India.
const wednesdayMorning = new Date('2026-12-02T10:00:00+05:30');

describe.each(await databaseTargets())('validateDateAndTime on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { now: wednesdayMorning });
    expect((await t.api('PUT', '/api/accounts/1/holidays/2026-12-25', { name: 'Christmas Day' })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const validate = (keys: Array<{ name: string; value: unknown }>, url?: string) => t.webhook('validateDateAndTime', keys, { url });

  it('answers a valid callback date with every output, as strings', async () => {
    const response = await validate([key('inputDate', '2026-12-04T11:00:00+05:30')]);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('SUCCESS');
    expect(outputsOf(response)).toEqual({
      '$flow.key.outputDate': '2026-12-04T11:00:00+05:30',
      '$flow.key.smsDate': '4-12-2026',
      '$flow.key.SmsOutputTime': '08:00 AM to 08:00 PM',
      '$flow.key.outputTime': '08:00 AM to 08:00 PM',
      '$flow.key.outputDay': 'Friday',
      '$flow.key.timeIsValid': 'true',
      '$flow.key.dateIsValid': 'true',
      '$flow.key.inputDateUnderstood': '2026-12-04T11:00',
    });
  });

  it('takes a flowId as long as pullreport takes (128 characters), and refuses a longer one', async () => {
    const flowId = `flow-${'a'.repeat(95)}`;
    const response = await validate([key('inputDate', '2026-12-04'), key('flowId', flowId)]);
    expect(response.statusCode).toBe(200);
    expect(outputsOf(response)['$flow.key.dateIsValid']).toBe('true');
    expect((await validate([key('inputDate', '2026-12-04'), key('flowId', 'z'.repeat(129))])).statusCode).toBe(422);
  });

  it('answers the date it understood before the rules moved it, with the time when one was said', async () => {
    const sunday = await validate([key('inputDate', 'umm coming sunday evening please')]);
    // Sunday is the account's day off: the answer moves to Monday, the understood date does not.
    expect(outputsOf(sunday)).toMatchObject({ '$flow.key.inputDateUnderstood': '2026-12-06T17:00', '$flow.key.outputDate': '2026-12-07T17:00:00+05:30', '$flow.key.dateIsValid': 'false' });
    const hindi = await validate([key('inputDate', 'अगले हफ्ते शुक्रवार'), key('incrementDays', 1)]);
    expect(outputsOf(hindi)).toMatchObject({ '$flow.key.inputDateUnderstood': '2026-12-11', '$flow.key.smsDate': '12-12-2026' });
  });

  it("reads a holiday by the name the account imported it under, and refuses one the account does not have", async () => {
    expect((await t.api('PUT', '/api/accounts/1/holidays/2027-10-29', { name: 'Diwali / Deepavali' })).statusCode).toBe(201);
    const diwali = await validate([key('inputDate', 'deepawali ke din')]);
    expect(outputsOf(diwali)).toMatchObject({ '$flow.key.inputDateUnderstood': '2027-10-29' });
    const holi = await validate([key('inputDate', 'holi')]);
    expect(holi.statusCode).toBe(422);
    expect(outputsOf(holi)).toMatchObject({ '$flow.key.inputDateUnderstood': '', '$flow.key.errorCode': 'UNPARSEABLE_DATE' });
  });

  it("moves an account holiday to the next business day, with status SUCCESS", async () => {
    const response = await validate([key('inputDate', '25 December 2026')]);
    expect(response.json().status).toBe('SUCCESS');
    expect(outputsOf(response)).toMatchObject({ '$flow.key.outputDate': '2026-12-26T08:00:00+05:30', '$flow.key.dateIsValid': 'false', '$flow.key.outputDay': 'Saturday' });
  });

  it('validates an appointment against its own window and days off', async () => {
    const response = await validate([
      key('inputDate', 'day after tomorrow at 7 pm'),
      key('type', 'APPOINTMENT'),
      key('workingDaysOff', 'fri,Sunday'),
      key('appointmentStartTime', '2019-11-05T09:00+05:30'),
      key('appointmentEndTime', '18:00'),
      key('validMAxDays', 5),
    ]);
    expect(outputsOf(response)).toMatchObject({
      '$flow.key.outputDate': '2026-12-05T09:00:00+05:30',
      '$flow.key.outputTime': '09:00 AM to 06:00 PM',
      '$flow.key.SmsOutputTime': '09:00 AM to 06:00 PM',
      '$flow.key.dateIsValid': 'false',
      '$flow.key.timeIsValid': 'false',
    });
  });

  it('reads validMaxDays under any casing and incrementDays as numbers', async () => {
    const response = await validate([key('inputDate', 'today'), key('validMaxDays', '2'), key('incrementDays', 9)]);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.smsDate': '4-12-2026', '$flow.key.dateIsValid': 'false' });
  });

  it('pins now with testNow on the test stage only', async () => {
    const keys = [key('inputDate', 'today'), { name: '$flow.syskey.testNow', value: '2026-12-06T19:00:00+05:30' }];
    const onTest = await validate(keys, '/reliance-nippon-v1/test/');
    expect(outputsOf(onTest)).toMatchObject({ '$flow.key.smsDate': '7-12-2026', '$flow.key.outputDay': 'Monday', '$flow.key.dateIsValid': 'false' });
    const onProd = await validate(keys, '/reliance-nippon-v1/prod/');
    expect(outputsOf(onProd)).toMatchObject({ '$flow.key.smsDate': '2-12-2026', '$flow.key.dateIsValid': 'true' });
  });

  it('uses the account zone, days off and validMaxDays', async () => {
    await t.api('POST', '/api/accounts', { id: 7, name: 'Dubai', timezone: 'Asia/Dubai', workingDaysOff: ['Fri', 'Sat'], validMaxDays: 3 });
    const response = await validate([key('inputDate', '2026-12-20'), key('accountID', '7')], undefined);
    // The default test token belongs to account 1: another account is refused.
    expect(response.statusCode).toBe(403);
    const token = (await t.api('POST', '/api/accounts/7/tokens')).json().token as string;
    const own = await t.webhook('validateDateAndTime', [key('inputDate', '2026-12-20')], { token });
    // Business days after Wednesday with Friday and Saturday off: Thursday 3, Sunday 6, Monday 7.
    expect(outputsOf(own)).toMatchObject({ '$flow.key.outputDate': '2026-12-07T08:00:00+04:00', '$flow.key.dateIsValid': 'false' });
  });

  it("answers the next call with the account's new hours, days off and holidays once they change", async () => {
    await t.api('POST', '/api/accounts', { id: 9, name: 'Pune', timezone: 'Asia/Kolkata', workingDaysOff: ['Sunday'], callbackHours: { start: '09:00', end: '18:00' } });
    const token = (await t.api('POST', '/api/accounts/9/tokens')).json().token as string;
    const friday = () => t.webhook('validateDateAndTime', [key('inputDate', 'friday')], { token });
    expect(outputsOf(await friday())).toMatchObject({ '$flow.key.outputDate': '2026-12-04T09:00:00+05:30', '$flow.key.outputTime': '09:00 AM to 06:00 PM' });
    // Friday becomes a day off and the hours change: the same call now answers Saturday, in the new window.
    expect((await t.api('PATCH', '/api/accounts/9', { workingDaysOff: ['Friday', 'Sunday'], callbackHours: { start: '10:30', end: '19:00' } })).statusCode).toBe(200);
    expect(outputsOf(await friday())).toMatchObject({ '$flow.key.outputDate': '2026-12-05T10:30:00+05:30', '$flow.key.outputTime': '10:30 AM to 07:00 PM', '$flow.key.dateIsValid': 'false' });
    // A holiday on that Saturday, added after the calendar was read: the answer moves to Monday.
    expect((await t.api('PUT', '/api/accounts/9/holidays/2026-12-05', { name: 'Company day' })).statusCode).toBe(201);
    expect(outputsOf(await friday())).toMatchObject({ '$flow.key.outputDate': '2026-12-07T10:30:00+05:30', '$flow.key.outputDay': 'Monday' });
  });

  it.each([
    ['2026-12-04T11:00', '5', '2026-12-02T10:00:00+05:30', '2026-12-04T11:00:00+05:30', 'Friday', 'true', 'true'],
    ['6-12-2026', '5', '2026-12-02T10:00:00+05:30', '2026-12-07T08:00:00+05:30', 'Monday', 'false', 'true'],
    ['kal 9 pm', '5', '2026-12-02T10:00:00+05:30', '2026-12-03T08:00:00+05:30', 'Thursday', 'true', 'false'],
    ['2026-11-20T10:30', '5', '2026-12-02T10:00:00+05:30', '2026-12-02T10:30:00+05:30', 'Wednesday', 'false', 'true'],
    ['2026-12-20', '5', '2026-12-02T10:00:00+05:30', '2026-12-08T08:00:00+05:30', 'Tuesday', 'false', 'true'],
    ['today', '5', '2026-12-02T20:30:00+05:30', '2026-12-03T08:00:00+05:30', 'Thursday', 'false', 'true'],
    ['25 December 2026', '30', '2026-12-02T10:00:00+05:30', '2026-12-26T08:00:00+05:30', 'Saturday', 'false', 'true'],
  ])("answers the README's worked example for %s", async (inputDate, validMaxDays, testNow, outputDate, outputDay, dateIsValid, timeIsValid) => {
    const keys = [key('inputDate', inputDate), key('validMAxDays', validMaxDays), { name: '$flow.syskey.testNow', value: testNow }];
    const response = await validate(keys, '/ivr-v1/test/');
    expect(outputsOf(response)).toMatchObject({
      '$flow.key.outputDate': outputDate,
      '$flow.key.outputDay': outputDay,
      '$flow.key.dateIsValid': dateIsValid,
      '$flow.key.timeIsValid': timeIsValid,
    });
  });

  it('answers the flat format', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook?format=flat',
      headers: { authorization: `Bearer ${'webhook-token-for-tests-0001'}`, 'content-type': 'application/json' },
      payload: { method: 'ValidateDateAndTime', keys: [key('inputDate', 'kal')] },
    });
    expect(response.json()).toMatchObject({ status: 'SUCCESS', smsDate: '3-12-2026', dateIsValid: 'true', timeIsValid: 'true' });
  });

  it('answers 422 UNPARSEABLE_DATE with dateIsValid and timeIsValid false', async () => {
    const response = await validate([key('inputDate', 'whenever suits')]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'UNPARSEABLE_DATE', parameters: ['$flow.key.inputDate'] });
    expect(outputsOf(response)).toMatchObject({ '$flow.key.dateIsValid': 'false', '$flow.key.timeIsValid': 'false', '$flow.key.errorCode': 'UNPARSEABLE_DATE' });
  });

  it.each([
    ['a missing inputDate', [], ['$flow.key.inputDate']],
    ['an Appointment without days off or window', [key('inputDate', 'tomorrow'), key('type', 'appointment')], ['$flow.key.workingDaysOff', '$flow.key.appointmentStartTime', '$flow.key.appointmentEndTime']],
    ['a non-numeric validMAxDays', [key('inputDate', 'tomorrow'), key('validMAxDays', 'five')], ['$flow.key.validMAxDays']],
    ['a non-numeric incrementDays', [key('inputDate', 'tomorrow'), key('incrementDays', '1x')], ['$flow.key.incrementDays']],
    ['an unknown weekday', [key('inputDate', 'tomorrow'), key('workingDaysOff', 'Sunday,Funday')], ['$flow.key.workingDaysOff']],
    ['every weekday off', [key('inputDate', 'tomorrow'), key('workingDaysOff', 'mon,tue,wed,thu,fri,sat,sun')], ['$flow.key.workingDaysOff']],
    ['an end before the start', [key('inputDate', 'tomorrow'), key('type', 'Appointment'), key('workingDaysOff', 'Sun'), key('appointmentStartTime', '18:00'), key('appointmentEndTime', '09:00')], ['$flow.key.appointmentEndTime']],
    ['an unknown type', [key('inputDate', 'tomorrow'), key('type', 'visit')], ['$flow.key.type']],
  ])('answers 422 naming the parameter for %s', async (_case, keys, parameters) => {
    const response = await validate(keys);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.parameters).toEqual(parameters);
    expect(outputsOf(response)['$flow.key.dateIsValid']).toBe('false');
  });
});
