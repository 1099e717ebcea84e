import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { icsWallLimitMs } from '../holidays/ics-worker.js';

const ics = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');

describe.each(await databaseTargets())('holiday calendar API on $name', (target) => {
  let t: TestApp;
  let accountToken: string;
  beforeAll(async () => {
    t = await createTestApp(target, { now: new Date('2026-06-01T10:00:00+05:30') });
    for (const id of [10, 11, 12, 13, 14]) await t.api('POST', '/api/accounts', { id, name: `Account ${id}` });
    accountToken = (await t.api('POST', '/api/accounts/10/tokens')).json().token;
  });
  afterAll(() => t.close());

  /** The app on a real socket, as a load balancer's health check comes: listening from the first test that asks. */
  const listening = async () => {
    const address = t.app.server.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : t.app.listen({ host: '127.0.0.1', port: 0 });
  };
  const dates = async (id: number, query = '') => (await t.api('GET', `/api/accounts/${id}/holidays${query}`)).json().map((holiday: { date: string }) => holiday.date);

  it('adds with PUT (201, then 200 to rename), lists by year and deletes', async () => {
    expect((await t.api('PUT', '/api/accounts/10/holidays/2026-12-25', { name: 'Christmas' })).statusCode).toBe(201);
    const renamed = await t.api('PUT', '/api/accounts/10/holidays/2026-12-25', { name: 'Christmas Day' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ date: '2026-12-25', name: 'Christmas Day' });
    await t.api('PUT', '/api/accounts/10/holidays/2027-01-26', { name: 'Republic Day' });
    expect((await t.api('GET', '/api/accounts/10/holidays?year=2026')).json()).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(await dates(10)).toEqual(['2026-12-25', '2027-01-26']);
    expect((await t.api('DELETE', '/api/accounts/10/holidays/2027-01-26')).statusCode).toBe(204);
    expect((await t.api('DELETE', '/api/accounts/10/holidays/2027-01-26')).statusCode).toBe(404);
    expect(await dates(10)).toEqual(['2026-12-25']);
  });

  it('refuses a date that is not a real day, and a missing name', async () => {
    for (const date of ['2026-02-30', '2026-13-01', '25-12-2026']) {
      const response = await t.api('PUT', `/api/accounts/10/holidays/${date}`, { name: 'x' });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.api('PUT', '/api/accounts/10/holidays/2026-12-26', {})).statusCode).toBe(422);
  });

  it("lets an account token read its own calendar but change nothing, and hides other accounts'", async () => {
    expect((await t.api('GET', '/api/accounts/10/holidays', undefined, accountToken)).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/accounts/10/holidays/2026-12-31', { name: 'x' }, accountToken)).statusCode).toBe(403);
    expect((await t.api('GET', '/api/accounts/11/holidays', undefined, accountToken)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/accounts/999/holidays')).statusCode).toBe(404);
  });

  it('imports a country and region from the holiday library, once', async () => {
    const first = await t.api('POST', '/api/accounts/11/holidays/import', { country: 'IN', region: 'MH', year: 2026 });
    expect(first.statusCode).toBe(200);
    expect(first.json().imported).toBeGreaterThanOrEqual(5);
    const listed = (await t.api('GET', '/api/accounts/11/holidays?year=2026')).json();
    expect(listed).toEqual(expect.arrayContaining([{ date: '2026-01-26', name: 'Republic Day' }, { date: '2026-05-01', name: 'Maharashtra Day' }]));
    expect((await t.api('POST', '/api/accounts/11/holidays/import', { country: 'in', region: 'mh', year: 2026 })).json()).toEqual({ imported: 0 });
  });

  it('reads at most two imports at once in workers, lets eight wait, and refuses more with 503 and Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => t.api('POST', '/api/accounts/14/holidays/import', { country: 'IN', year: 2027 + (index % 2) })),
    );
    const refused = answers.filter((answer) => answer.statusCode === 503);
    expect(refused).toHaveLength(2);
    for (const answer of refused) {
      expect(answer.json().error.code).toBe('OVERLOADED');
      expect(answer.headers['retry-after']).toBe('5');
    }
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(10);
    // The ten read imported each year's holidays once.
    const imported = answers.filter((answer) => answer.statusCode === 200).map((answer) => answer.json().imported);
    expect(imported.filter((count) => count > 0)).toHaveLength(2);
    expect((await t.api('POST', '/api/accounts/14/holidays/import', { country: 'IN', year: 2027 })).json()).toEqual({ imported: 0 });
  });

  it('refuses an unknown country or region and a country without a year', async () => {
    for (const [body, field] of [
      [{ country: 'XX', year: 2026 }, 'country'],
      [{ country: 'IN', region: 'ZZ', year: 2026 }, 'region'],
      [{ country: 'IN' }, 'year'],
      [{}, 'body'],
      [{ country: 'IN', year: 2026, csv: '2026-01-01,x' }, 'body'],
    ] as const) {
      const response = await t.api('POST', '/api/accounts/11/holidays/import', body);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields[0].field).toBe(field);
    }
  });

  it('imports iCalendar all-day, multi-day, timed and yearly events', async () => {
    const text = ics(
      event('UID:1', 'SUMMARY:Diwali', 'DTSTART;VALUE=DATE:20261108', 'DTEND;VALUE=DATE:20261111'),
      event('UID:2', 'SUMMARY:Republic Day', 'DTSTART;VALUE=DATE:20200126', 'RRULE:FREQ=YEARLY'),
      event('UID:3', 'SUMMARY:Town hall', 'DTSTART;TZID=Asia/Kolkata:20261201T220000', 'DTEND;TZID=Asia/Kolkata:20261202T010000'),
      // 20:00 UTC is 01:30 the next day in India.
      event('UID:4', 'SUMMARY:Maintenance', 'DTSTART:20261214T200000Z', 'DURATION:PT1H'),
      event('UID:5', 'SUMMARY:Called off', 'STATUS:CANCELLED', 'DTSTART;VALUE=DATE:20261224'),
    );
    const response = await t.api('POST', '/api/accounts/12/holidays/import', { ics: text });
    expect(response.statusCode).toBe(200);
    expect(await dates(12)).toEqual(['2026-01-26', '2026-11-08', '2026-11-09', '2026-11-10', '2026-12-01', '2026-12-02', '2026-12-15', '2027-01-26']);
    expect(response.json()).toEqual({ imported: 8 });
    expect((await t.api('POST', '/api/accounts/12/holidays/import', { ics: text })).json()).toEqual({ imported: 0 });
  });

  it('refuses unreadable iCalendar naming the line, importing nothing', async () => {
    const bad = ics(event('UID:1', 'SUMMARY:Fine', 'DTSTART;VALUE=DATE:20260815'), event('UID:2', 'SUMMARY:Broken', 'DTSTART;VALUE=DATE:20261399'));
    const response = await t.api('POST', '/api/accounts/13/holidays/import', { ics: bad });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('line 12');
    const noColon = await t.api('POST', '/api/accounts/13/holidays/import', { ics: 'BEGIN:VCALENDAR\nthis is not ical\nEND:VCALENDAR' });
    expect(noColon.json().error.message).toContain('line 2');
    expect((await t.api('POST', '/api/accounts/13/holidays/import', { ics: 'hello' })).statusCode).toBe(422);
    expect(await dates(13)).toEqual([]);
  });

  it('refuses a recurrence rule that can never match with 422 naming the event, importing nothing', async () => {
    const hostile = ics(event('UID:1', 'SUMMARY:Fine', 'DTSTART;VALUE=DATE:20260815'), event('UID:2', 'SUMMARY:Thirtieth of February', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'));
    const response = await t.api('POST', '/api/accounts/13/holidays/import', { ics: hostile });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'ics' }] });
    expect(response.json().error.message).toContain('line 9: event "Thirtieth of February": its recurrence rule cannot match');
    expect(await dates(13)).toEqual([]);
  });

  it('answers /healthz while a hostile calendar is being expanded, then refuses the calendar naming an event', async () => {
    // Many weekly events, then one that never matches: seconds of work in the old loop, forever in the last.
    const weekly = Array.from({ length: 100 }, (_, index) => event(`UID:w${index}`, `SUMMARY:Weekly ${index}`, 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=WEEKLY'));
    const hostile = ics(...weekly, event('UID:last', 'SUMMARY:Never', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'));
    const base = await listening();
    let settled = false;
    const importing = t.api('POST', '/api/accounts/13/holidays/import', { ics: hostile }).finally(() => (settled = true));
    let answeredDuringImport = 0;
    while (!settled) {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      if (!settled) answeredDuringImport++;
    }
    expect(answeredDuringImport).toBeGreaterThan(1);
    const response = await importing;
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/event "(Weekly \d+|Never)"/);
    expect(await dates(13)).toEqual([]);
  });

  it('refuses a valid rule on which the iCalendar library loops for good within its time limit, answering /healthz meanwhile, importing nothing', async () => {
    const base = await listening();
    const rules = [
      ['DTSTART:20260101T090000Z', 'RRULE:FREQ=DAILY;BYMONTHDAY=-1;BYHOUR=5'],
      ['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=WEEKLY;BYWEEKNO=3;BYDAY=MO'],
    ];
    let unsettled = rules.length;
    const imports = rules.map(async ([start, rule]) => {
      const startedAt = performance.now();
      const text = ics(event('UID:1', 'SUMMARY:Fine', 'DTSTART;VALUE=DATE:20260815'), event('UID:2', 'SUMMARY:Stuck', start!, rule!));
      const response = await t.api('POST', '/api/accounts/13/holidays/import', { ics: text }).finally(() => unsettled--);
      return { response, tookMs: performance.now() - startedAt };
    });
    // Each health check is answered while the imports' workers are stuck in ical.js.
    let answeredDuringImports = 0;
    while (unsettled > 0) {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      if (unsettled > 0) answeredDuringImports++;
    }
    expect(answeredDuringImports).toBeGreaterThan(1);
    for (const { response, tookMs } of await Promise.all(imports)) {
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'ics', message: `line 9: event "Stuck": its recurrence rule cannot be expanded within ${icsWallLimitMs} ms` }],
      });
      // The limit counts from when the worker has loaded its modules (compiled first when run from the TypeScript sources).
      expect(tookMs).toBeGreaterThanOrEqual(icsWallLimitMs);
      expect(tookMs).toBeLessThan(icsWallLimitMs + 5000);
    }
    expect(await dates(13)).toEqual([]);
  });

  it('imports CSV with a header, day-first dates and quoted names, once', async () => {
    const csv = 'date,name\n2026-11-08,Diwali\n\n15/08/2026,"Independence Day, observed"\n2026-11-08,Duplicate\n';
    const response = await t.api('POST', '/api/accounts/13/holidays/import', { csv });
    expect(response.json()).toEqual({ imported: 2 });
    expect((await t.api('GET', '/api/accounts/13/holidays')).json()).toEqual([
      { date: '2026-08-15', name: 'Independence Day, observed' },
      { date: '2026-11-08', name: 'Diwali' },
    ]);
    expect((await t.api('POST', '/api/accounts/13/holidays/import', { csv })).json()).toEqual({ imported: 0 });
  });

  it('keeps an imported name on one line: tabs and other control characters as one space, invisible format characters dropped', async () => {
    const csv = 'date,name\n2026-10-02,"Gandhi\t\u000bJayanti\t "\n2026-10-20,"Dussehra\u202e\u200b"\n';
    expect((await t.api('POST', '/api/accounts/10/holidays/import', { csv })).json()).toEqual({ imported: 2 });
    expect((await t.api('GET', '/api/accounts/10/holidays?year=2026')).json()).toEqual(
      expect.arrayContaining([{ date: '2026-10-02', name: 'Gandhi Jayanti' }, { date: '2026-10-20', name: 'Dussehra' }]),
    );
  });

  it('keeps a joiner within an imported word, a line separator as a space, and cuts a long name between characters, never within one', async () => {
    const long = `${'a'.repeat(199)}😀 and more`;
    const csv = `date,name\n2026-03-21,"Nowruz می\u200cخواهم\u2028Eve"\n2026-03-22,"${long}"\n`;
    expect((await t.api('POST', '/api/accounts/10/holidays/import', { csv })).json()).toEqual({ imported: 2 });
    expect((await t.api('GET', '/api/accounts/10/holidays?year=2026')).json()).toEqual(
      expect.arrayContaining([{ date: '2026-03-21', name: 'Nowruz می\u200cخواهم Eve' }, { date: '2026-03-22', name: `${'a'.repeat(199)}😀` }]),
    );
  });

  it('imports CSV as spreadsheets save it: ; or tab separated, CR line ends, headers naming the columns, month names and two-digit years', async () => {
    const files = [
      'Holiday Date;Holiday Name\r\n15-Aug-2027;Independence Day, observed\r\n',
      'Date\tDay\tOccasion\n26/01/27\tTuesday\tRepublic Day\n',
      'date,name\r2027-10-02 00:00:00,Gandhi Jayanti\r"Nov 8th, 2027",Diwali\r',
      '25 December 2027,Christmas\n',
    ];
    for (const csv of files) expect((await t.api('POST', '/api/accounts/10/holidays/import', { csv })).statusCode, csv).toBe(200);
    expect((await t.api('GET', '/api/accounts/10/holidays?year=2027')).json()).toEqual(
      expect.arrayContaining([
        { date: '2027-08-15', name: 'Independence Day, observed' },
        { date: '2027-01-26', name: 'Republic Day' },
        { date: '2027-10-02', name: 'Gandhi Jayanti' },
        { date: '2027-11-08', name: 'Diwali' },
        { date: '2027-12-25', name: 'Christmas' },
      ]),
    );
    const refused = await t.api('POST', '/api/accounts/10/holidays/import', { csv: 'date;name\n31-Feb-2027;Nope\n' });
    expect(refused.json().error.fields).toEqual([{ field: 'csv', message: expect.stringContaining('line 2') }]);
  });

  it('refuses CSV with a bad date, naming the line, importing nothing', async () => {
    const response = await t.api('POST', '/api/accounts/13/holidays/import', { csv: 'date,name\n2026-12-31,New Year Eve\n2026-02-30,Nope\n' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toEqual([{ field: 'csv', message: expect.stringContaining('line 3') }]);
    expect(await dates(13)).not.toContain('2026-12-31');
  });
});
