import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { createShortener } from './shortener.js';
import { botVerdicts, createVisitRecorder, maxStoredAgentLength, visitOf } from './visits.js';
import { findShortUrl, listShortUrls } from '../storage/short-urls.js';

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
  /** Each link's counts as the links' listing reads them. */
  const countedVisits = async () => new Map((await listShortUrls(t.database.db, 1, 1000)).map((link) => [link.id, { humans: link.humanVisits, bots: link.botVisits }]));

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
    expect((await countedVisits()).get(linkId)).toEqual({ humans: 5, bots: 1 });
    await recorder.close();
  });

  it('adds each link its own visits when one flush holds visits to many links', async () => {
    const shortener = createShortener(t.database.db, { baseUrl: 'https://s.example.in' });
    // More links than one counter statement takes (100), each visited a different number of times.
    const links: string[] = [];
    for (let index = 0; index < 130; index++) {
      links.push((await shortener.create({ accountId: 1, customerId: null, longUrl: `https://example.com/many/${index}`, domain: '' }, Date.now())).link.id);
    }
    await shortener.close();
    const recorder = createVisitRecorder(t.database.db, { flushIntervalMs: 60_000 });
    links.forEach((id, index) => {
      for (let visit = 0; visit < (index % 3) + 1; visit++) recorder.record(visitOf(id, Date.now(), undefined, browser));
      if (index % 2) recorder.record(visitOf(id, Date.now(), undefined, 'Googlebot/2.1'));
    });
    await recorder.close();
    const counted = await countedVisits();
    links.forEach((id, index) => expect(counted.get(id), `link ${index}`).toEqual({ humans: (index % 3) + 1, bots: index % 2 }));
  });

  it('adds the visits counted in the links\' own row (before migration 0021, or by an older node during an upgrade) to those counted since', async () => {
    await t.database.db.updateTable('short_urls').set({ human_visits: 7, bot_visits: 2 }).where('id', '=', linkId).execute();
    const before = (await countedVisits()).get(linkId)!;
    const recorder = createVisitRecorder(t.database.db, { flushIntervalMs: 60_000 });
    recorder.record(visitOf(linkId, Date.now(), undefined, browser));
    await recorder.close();
    expect((await countedVisits()).get(linkId)).toEqual({ humans: before.humans + 1, bots: before.bots });
    const link = await findShortUrl(t.database.db, '', (await listShortUrls(t.database.db, 1, 1000)).find((candidate) => candidate.id === linkId)!.code);
    expect({ humans: link?.humanVisits, bots: link?.botVisits }).toEqual({ humans: before.humans + 1, bots: before.bots });
    await t.database.db.updateTable('short_urls').set({ human_visits: 0, bot_visits: 0 }).where('id', '=', linkId).execute();
  });

  it('writes at once when the buffer is full, and what is left on close', async () => {
    let written!: () => void;
    const firstWrite = new Promise<void>((resolve) => (written = resolve));
    const recorder = createVisitRecorder(t.database.db, { flushIntervalMs: 60_000, batchSize: 250, onFlushed: () => written() });
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

describe('bot verdicts on long user agents', () => {
  const browser = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';

  it('keeps at most 5 000 stored-length agents in memory, however long and many the agents sent', () => {
    // Distinct 16 KB agents, as many as the cache holds and more: before, each was kept whole (~77 MiB per 5 000).
    for (let index = 0; index < 6_000; index++) {
      const agent = `${browser} ${String(index).padStart(6, '0')} ${'x'.repeat(16 * 1024)}`;
      const visit = visitOf('link', 0, undefined, agent);
      expect(visit.userAgent).toHaveLength(maxStoredAgentLength);
      expect(visit.bot).toBe(false);
    }
    const keptCharacters = [...botVerdicts.keys()].reduce((sum, agent) => sum + agent.length, 0);
    expect(botVerdicts.size).toBeLessThanOrEqual(5_000);
    expect(keptCharacters).toBeLessThanOrEqual(5_000 * maxStoredAgentLength);
  });

  it('judges the agent that is stored, so the flag agrees with the agent kept with the visit', () => {
    expect(visitOf('link', 0, undefined, `Googlebot/2.1 ${'x'.repeat(16 * 1024)}`).bot).toBe(true);
    // A bot word past the stored part is not in the stored agent, and not in the verdict.
    const padded = `${browser} ${'x'.repeat(maxStoredAgentLength)} Googlebot/2.1`;
    const visit = visitOf('link', 0, undefined, padded);
    expect(visit.userAgent).not.toContain('Googlebot');
    expect(visit.bot).toBe(false);
  });
});
