import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { createShortener } from './shortener.js';
import { createVisitRecorder, visitOf } from './visits.js';

describe.each(await databaseTargets())('visit recorder on $name', (target) => {
  let t: TestApp;
  let linkId: string;
  beforeAll(async () => {
    t = await createTestApp(target);
    const shortener = createShortener(t.database.db, { baseUrl: 'https://s.example.in' });
    linkId = (await shortener.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/r', domain: '' }, Date.now())).link.id;
    await shortener.close();
  });
  afterAll(() => t.close());

  const stored = async () => (await t.database.db.selectFrom('short_url_visits').select('link_id').where('link_id', '=', linkId).execute()).length;
  const browser = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1';

  it('keeps visits in memory until a flush writes them together, counting unwritten human visits', async () => {
    const flushed: Array<ReadonlySet<string>> = [];
    const recorder = createVisitRecorder(t.database.db, { flushIntervalMs: 60_000, onFlushed: (ids) => flushed.push(ids) });
    const before = await stored();
    for (let index = 0; index < 5; index++) recorder.record(visitOf(linkId, Date.now(), undefined, browser));
    recorder.record(visitOf(linkId, Date.now(), undefined, 'Googlebot/2.1'));
    expect(await stored()).toBe(before);
    expect(recorder.pendingHumanVisits(linkId)).toBe(5);
    await recorder.flush();
    expect(await stored()).toBe(before + 6);
    expect(recorder.pendingHumanVisits(linkId)).toBe(0);
    expect(flushed).toEqual([new Set([linkId])]);
    const counts = await t.database.db.selectFrom('short_urls').select(['human_visits', 'bot_visits']).where('id', '=', linkId).executeTakeFirstOrThrow();
    expect({ humans: Number(counts.human_visits), bots: Number(counts.bot_visits) }).toEqual({ humans: 5, bots: 1 });
    await recorder.close();
  });

  it('writes at once when the buffer is full, and what is left on close', async () => {
    let written!: () => void;
    const firstWrite = new Promise<void>((resolve) => (written = resolve));
    const recorder = createVisitRecorder(t.database.db, { flushIntervalMs: 60_000, maxBuffered: 250, onFlushed: () => written() });
    const before = await stored();
    for (let index = 0; index < 260; index++) recorder.record(visitOf(linkId, Date.now(), 'https://wa.me/', browser));
    // The interval is a minute away: only the full buffer can have started this write.
    await firstWrite;
    expect(await stored()).toBeGreaterThanOrEqual(before + 250);
    for (let index = 0; index < 3; index++) recorder.record(visitOf(linkId, Date.now(), undefined, browser));
    await recorder.close();
    expect(await stored()).toBe(before + 263);
  });

  it('treats a visit without a user agent as a bot', () => {
    expect(visitOf(linkId, 0, undefined, undefined).bot).toBe(true);
    expect(visitOf(linkId, 0, undefined, browser).bot).toBe(false);
  });
});
