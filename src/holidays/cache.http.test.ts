import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';
import { putHoliday } from '../storage/holidays.js';
import { createHolidayCache } from './cache.js';

// Wednesday 2 December 2026, 10:00 in India.
const wednesdayMorning = new Date('2026-12-02T10:00:00+05:30');

describe.each(await databaseTargets())('holiday calendars cached for validateDateAndTime on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { now: wednesdayMorning });
  });
  afterAll(() => t.close());

  const dateIsValid = async (inputDate: string) =>
    outputsOf(await t.webhook('validateDateAndTime', [{ name: '$flow.key.inputDate', value: inputDate }]))['$flow.key.dateIsValid'];

  it('counts a holiday added or removed through the API in the very next call on this node', async () => {
    expect(await dateIsValid('2026-12-09T11:00:00+05:30')).toBe('true');
    expect((await t.api('PUT', '/api/accounts/1/holidays/2026-12-09', { name: 'Company day' })).statusCode).toBe(201);
    expect(await dateIsValid('2026-12-09T11:00:00+05:30')).toBe('false');
    expect((await t.api('DELETE', '/api/accounts/1/holidays/2026-12-09')).statusCode).toBe(204);
    expect(await dateIsValid('2026-12-09T11:00:00+05:30')).toBe('true');
    expect((await t.api('POST', '/api/accounts/1/holidays/import', { csv: 'date,name\n2026-12-09,Imported day\n' })).statusCode).toBe(200);
    expect(await dateIsValid('2026-12-09T11:00:00+05:30')).toBe('false');
  });

  it('sees a change made elsewhere (another node) once its cache time has passed, and reads days before its week from the database', async () => {
    const now = () => wednesdayMorning.getTime();
    // Long enough that the write below lands inside it even on a loaded machine; short enough to wait out.
    const cache = createHolidayCache(t.database.db, { ttlMs: 2_000, now });
    expect(await cache.from(1, '2026-12-20')).toEqual([]);
    await putHoliday(t.database.db, 1, { date: '2026-12-21', name: 'Set on another node' }, now());
    // Still the calendar it read: the change arrives when the entry expires.
    expect(await cache.from(1, '2026-12-20')).toEqual([]);
    await expect.poll(() => cache.from(1, '2026-12-20'), { timeout: 15_000, interval: 100 }).toEqual([{ date: '2026-12-21', name: 'Set on another node' }]);
    // A month back is older than what the cache holds: the database answers.
    await putHoliday(t.database.db, 1, { date: '2026-11-02', name: 'Long ago' }, now());
    expect((await cache.from(1, '2026-11-01')).map((holiday) => holiday.date)).toContain('2026-11-02');
    expect((await cache.from(1, '2026-11-26')).map((holiday) => holiday.date)).not.toContain('2026-11-02');
  });

  it('keeps in memory only the calendars its bytes allow: a calendar past them is read from the database on each call', async () => {
    const now = () => wednesdayMorning.getTime();
    await t.api('POST', '/api/accounts', { id: 31, name: 'Few holidays' });
    await t.api('POST', '/api/accounts', { id: 32, name: 'Years of holidays' });
    await putHoliday(t.database.db, 31, { date: '2026-12-25', name: 'Christmas' }, now());
    const days = Array.from({ length: 400 }, (_, n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));
    for (const date of days) await putHoliday(t.database.db, 32, { date, name: `Closed ${date}` }, now());
    const cache = createHolidayCache(t.database.db, { ttlMs: 60_000, now, bytes: 10_000 });
    expect(await cache.from(31, '2026-12-20')).toEqual([{ date: '2026-12-25', name: 'Christmas' }]);
    expect(await cache.from(32, '2026-12-20')).toHaveLength(400);
    // Changes made elsewhere: the small calendar was kept (the change waits for its minute), the large one was not.
    await putHoliday(t.database.db, 31, { date: '2026-12-28', name: 'Set on another node' }, now());
    await putHoliday(t.database.db, 32, { date: '2026-12-28', name: 'Set on another node' }, now());
    expect(await cache.from(31, '2026-12-20')).toHaveLength(1);
    expect(await cache.from(32, '2026-12-20')).toHaveLength(401);
  });
});
