import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { groupWriteCounts } from '../kernel/group-write.js';
import { sha256Hex } from '../kernel/hash.js';
import { findLinkTarget, findShortUrl, insertShortUrl, insertVisits, updateShortUrl, type NewShortUrl } from '../storage/short-urls.js';
import { createShortener, linkEntryBytes, linkState, type Shortener } from './shortener.js';
import { visitOf } from './visits.js';

describe.each(await databaseTargets())('the shortener on several nodes on $name', (target) => {
  let t: TestApp;
  let nodeA: Shortener;
  let nodeB: Shortener;
  let clockMs = 1_000_000;
  const cacheClock = { now: () => clockMs };
  beforeAll(async () => {
    t = await createTestApp(target);
    nodeA = createShortener(t.database.db, { baseUrl: 'https://s.example.in', cacheClock });
    nodeB = createShortener(t.database.db, { baseUrl: 'https://s.example.in', cacheClock });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await t.close();
  });

  it('sees a change made on another node once its 3-second cache entry runs out', async () => {
    const { link } = await nodeA.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/nodes', domain: '' }, Date.now());
    expect((await nodeB.resolve('', link.code))?.disabled).toBe(false);
    await updateShortUrl(t.database.db, link.id, { disabled: true }, Date.now());
    nodeA.invalidate('', link.code);
    expect((await nodeA.resolve('', link.code))?.disabled).toBe(true);
    expect((await nodeB.resolve('', link.code))?.disabled).toBe(false);
    clockMs += 3_001;
    const seen = await nodeB.resolve('', link.code);
    expect(seen?.disabled).toBe(true);
    expect(linkState(seen!, Date.now())).toBe('disabled');
  });

  it('finds a link made on another node after a miss was remembered, within the same 3 seconds', async () => {
    expect(await nodeB.resolve('', 'fresh-slug')).toBeUndefined();
    await nodeA.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/fresh', domain: '', customSlug: 'fresh-slug' }, Date.now());
    expect(await nodeA.resolve('', 'fresh-slug')).toMatchObject({ longUrl: 'https://example.com/fresh', disabled: false });
    clockMs += 3_001;
    expect((await nodeB.resolve('', 'fresh-slug'))?.longUrl).toBe('https://example.com/fresh');
  });

  it('draws a new code when the first one is taken, and reuses a plain link', async () => {
    const first = await nodeA.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/same', domain: '' }, Date.now());
    const second = await nodeB.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/same', domain: '' }, Date.now());
    expect(second).toMatchObject({ created: false, link: { id: first.link.id } });
    const permanent = await nodeB.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/same', domain: '', redirectStatus: 301 }, Date.now());
    expect(permanent.created).toBe(true);
    expect(permanent.link.code).not.toBe(first.link.code);
  });
});

describe.each(await databaseTargets())('making and finding links on $name', (target) => {
  let t: TestApp;
  const nowMs = Date.parse('2026-12-07T10:00:00Z');
  const plainLink = { accountId: 1, customerId: null, domain: '' };
  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('POST', '/api/accounts', { id: 2, name: 'Second' });
  });
  afterAll(() => t.close());

  /** A shortener whose generated codes come from `codes`, in order. */
  const drawing = (codes: string[]) => {
    const drawn: string[] = [];
    const shortener = createShortener(t.database.db, {
      baseUrl: 'https://s.example.in/',
      newCode: () => {
        const code = codes[drawn.length] ?? 'exhausted';
        drawn.push(code);
        return code;
      },
    });
    return { shortener, drawn };
  };

  it('draws again while a generated code is taken, and gives up after five draws', async () => {
    const { shortener, drawn } = drawing(['taken001', 'taken001', 'free0001']);
    await shortener.create({ ...plainLink, longUrl: 'https://example.com/first' }, nowMs);
    const { link, created } = await shortener.create({ ...plainLink, longUrl: 'https://example.com/second' }, nowMs);
    expect({ code: link.code, created, drawn }).toEqual({ code: 'free0001', created: true, drawn: ['taken001', 'taken001', 'free0001'] });

    const unlucky = drawing(Array(6).fill('taken001'));
    await expect(unlucky.shortener.create({ ...plainLink, longUrl: 'https://example.com/third' }, nowMs)).rejects.not.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(unlucky.drawn).toHaveLength(5);
    await shortener.close();
    await unlucky.shortener.close();
  });

  it('gives a link with a slug, an expiry or a visit limit its own code every time; a plain link is reused per owner', async () => {
    const { shortener, drawn } = drawing(['code0001', 'code0002', 'code0003', 'code0004', 'code0005', 'code0006', 'code0007']);
    const longUrl = 'https://example.com/offer';
    const plain = await shortener.create({ ...plainLink, longUrl }, nowMs);
    expect(plain.link).toMatchObject({ code: 'code0001', customSlug: false });
    expect((await shortener.create({ ...plainLink, longUrl, maxVisits: 5 }, nowMs)).link.code).toBe('code0002');
    expect((await shortener.create({ ...plainLink, longUrl, maxVisits: 5 }, nowMs)).link.code).toBe('code0003');
    expect((await shortener.create({ ...plainLink, longUrl, expiresAt: nowMs + 60_000 }, nowMs)).link.code).toBe('code0004');
    const slugged = await shortener.create({ ...plainLink, longUrl, customSlug: 'offer-slug' }, nowMs);
    expect(slugged.link).toMatchObject({ code: 'offer-slug', customSlug: true });
    // Another account, or a customer of this one, making the same URL gets a link of its own.
    expect((await shortener.create({ ...plainLink, accountId: 2, longUrl }, nowMs)).link.code).toBe('code0005');
    const customer = await t.api('POST', '/api/accounts/1/short-customers', { name: 'Reuse owner' });
    const customerId = customer.json<{ id: string }>().id;
    expect((await shortener.create({ ...plainLink, customerId, longUrl }, nowMs)).link.code).toBe('code0006');
    const drawnBefore = drawn.length;
    expect(await shortener.create({ ...plainLink, longUrl }, nowMs)).toMatchObject({ created: false, link: { code: 'code0001' } });
    // Found by its reuse key first: no code drawn, no insert tried.
    expect(drawn).toHaveLength(drawnBefore);
    await expect(shortener.create({ ...plainLink, longUrl: 'https://example.com/other', customSlug: 'offer-slug' }, nowMs)).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'The slug "offer-slug" is already taken on this domain.',
    });
    await shortener.close();
  });

  it('still returns the stored link for a URL said to be new that was shortened before, after one refused insert', async () => {
    const { shortener, drawn } = drawing(['newurl01', 'newurl02', 'newurl03']);
    const longUrl = 'https://example.com/said-to-be-new';
    const first = await shortener.create({ ...plainLink, longUrl, urlIsNew: true }, nowMs);
    expect(first).toMatchObject({ created: true, link: { code: 'newurl01' } });
    // Not looked up first, so a code is drawn and its insert refused by the reuse key; the stored link is the answer.
    expect(await shortener.create({ ...plainLink, longUrl, urlIsNew: true }, nowMs)).toMatchObject({ created: false, link: { id: first.link.id, code: 'newurl01' } });
    expect(drawn).toEqual(['newurl01', 'newurl02']);
    expect(await shortener.resolve('', 'newurl02')).toBeUndefined();
    await shortener.close();
  });

  it("stores a link through the caller's own insert, and draws again while that insert finds the code taken", async () => {
    const { shortener } = drawing(['ownins01', 'ownins02']);
    await shortener.create({ ...plainLink, longUrl: 'https://example.com/holds-ownins01' }, nowMs);
    const tried: string[] = [];
    const insert = (values: NewShortUrl, at: number) => {
      tried.push(values.code);
      return insertShortUrl(t.database.db, values, at);
    };
    const own = drawing(['ownins01', 'ownins02']);
    const { link, created } = await own.shortener.create({ ...plainLink, longUrl: 'https://example.com/own-insert', urlIsNew: true, insert }, nowMs);
    expect({ code: link.code, created, tried }).toEqual({ code: 'ownins02', created: true, tried: ['ownins01', 'ownins02'] });
    expect((await own.shortener.resolve('', 'ownins02'))?.longUrl).toBe('https://example.com/own-insert');
    await shortener.close();
    await own.shortener.close();
  });

  it('answers two identical plain requests made at once with one link, made by one of them', async () => {
    const { shortener } = drawing(['same0001', 'same0002', 'same0003']);
    const longUrl = 'https://example.com/at-once';
    const results = await Promise.all([shortener.create({ ...plainLink, longUrl }, nowMs), shortener.create({ ...plainLink, longUrl }, nowMs)]);
    expect(results[0]!.link.id).toBe(results[1]!.link.id);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
    await shortener.close();
  });

  it('stores links written at once, each told whether its own was stored, and fails only a link the database refuses', async () => {
    let next = 0;
    const link = (code: string, reuseKey: string | null, accountId = 1): NewShortUrl => ({
      id: `batch-link-${++next}`, domain: 'batch.example.in', code, accountId, customerId: null, longUrl: `https://example.com/batch/${next}`,
      urlHash: sha256Hex(`https://example.com/batch/${next}`), reuseKey, redirectStatus: 302, customSlug: false, expiresAt: null, maxVisits: null,
    });
    const store = (each: NewShortUrl) => insertShortUrl(t.database.db, each, nowMs);
    const statements = () => groupWriteCounts(t.database.db).get('short_url')?.writes ?? 0;
    const before = statements();
    // The second of a code, and the second of a reuse key, are not stored: the first one sent is.
    const together = [link('batch001', null), link('batch001', null), link('batch002', 'reuse-1'), link('batch003', 'reuse-1'), link('batch004', null)];
    const stored = await Promise.all(together.map(store));
    expect(statements() - before).toBe(target.name === 'postgres' ? 1 : 0);
    expect(stored.map((each) => each && [each.id, each.code, each.longUrl])).toEqual([
      ['batch-link-1', 'batch001', 'https://example.com/batch/1'],
      undefined,
      ['batch-link-3', 'batch002', 'https://example.com/batch/3'],
      undefined,
      ['batch-link-5', 'batch004', 'https://example.com/batch/5'],
    ]);
    // An account that does not exist breaks its link's foreign key: that call fails, the link written with it does not.
    const [refused, kept] = await Promise.allSettled([store(link('batch005', null, 999_999)), store(link('batch006', null))]);
    expect(refused.status).toBe('rejected');
    expect(kept.status === 'fulfilled' && kept.value?.code).toBe('batch006');
    expect(await findShortUrl(t.database.db, 'batch.example.in', 'batch005')).toBeUndefined();
  });

  it('finds links looked up at once, each on its own domain with its own visits, in one statement on PostgreSQL', async () => {
    const link = (id: string, domain: string, maxVisits: number | null): NewShortUrl => ({
      id, domain, code: 'pair0001', accountId: 1, customerId: null, longUrl: `https://example.com/${id}`,
      urlHash: sha256Hex(`https://example.com/${id}`), reuseKey: null, redirectStatus: 302, customSlug: true, expiresAt: null, maxVisits,
    });
    await insertShortUrl(t.database.db, link('pair-a', 'a.example.in', 5), nowMs);
    await insertShortUrl(t.database.db, link('pair-b', 'b.example.in', null), nowMs);
    const browser = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36';
    await insertVisits(t.database.db, [visitOf('pair-a', nowMs, undefined, browser), visitOf('pair-a', nowMs + 1, undefined, browser), visitOf('pair-a', nowMs + 2, undefined, undefined)]);
    const reads = () => groupWriteCounts(t.database.db).get('short_url_read')?.writes ?? 0;
    const before = reads();
    const keys: Array<[string, string]> = [['b.example.in', 'pair0001'], ['c.example.in', 'pair0001'], ['a.example.in', 'pair0001'], ['a.example.in', 'pair0002']];
    const found = await Promise.all(keys.map(([domain, code]) => findLinkTarget(t.database.db, domain, code)));
    expect(reads() - before).toBe(target.name === 'postgres' ? 1 : 0);
    expect(found.map((each) => each && [each.id, each.longUrl, each.maxVisits, each.humanVisits])).toEqual([
      ['pair-b', 'https://example.com/pair-b', null, 0],
      undefined,
      // Two human visits; the visit without a user agent counts as a bot's.
      ['pair-a', 'https://example.com/pair-a', 5, 2],
      undefined,
    ]);
  });

  it('writes the short URL on the base URL without a doubled slash, and matches a request without a Host to no link', async () => {
    const { shortener } = drawing(['host0001']);
    const { link } = await shortener.create({ ...plainLink, longUrl: 'https://example.com/host' }, nowMs);
    expect(shortener.shortUrlOf(link)).toBe('https://s.example.in/host0001');
    expect(shortener.domainOfHost('s.example.in')).toBe('');
    expect(await shortener.resolve(shortener.domainOfHost('s.example.in'), 'host0001')).toMatchObject({ id: link.id });
    expect(await shortener.resolve(shortener.domainOfHost(''), 'host0001')).toBeUndefined();
    await shortener.close();
  });

  it('keeps a link in memory for 3 seconds by default, timed by the injected clock', async () => {
    let clockMs = 1_000_000;
    const shortener = createShortener(t.database.db, { baseUrl: 'https://s.example.in', cacheClock: { now: () => clockMs } });
    const { link } = await shortener.create({ ...plainLink, longUrl: 'https://example.com/ttl' }, nowMs);
    await shortener.resolve('', link.code);
    await updateShortUrl(t.database.db, link.id, { disabled: true }, nowMs);
    clockMs += 3_000;
    expect(shortener.cached('', link.code)?.disabled).toBe(false);
    clockMs += 1;
    expect(shortener.cached('', link.code)).toBeUndefined();
    expect((await shortener.resolve('', link.code))?.disabled).toBe(true);
    await shortener.close();
  });

  it('keeps in memory only as many links as its bytes allow when their URLs are long, the latest read', async () => {
    const longUrl = (n: number) => `https://example.com/${'campaign/'.repeat(220)}?n=${n}`;
    const maker = createShortener(t.database.db, { baseUrl: 'https://s.example.in' });
    const links = [];
    for (let n = 10; n < 30; n++) links.push((await maker.create({ ...plainLink, longUrl: longUrl(n) }, nowMs)).link);
    await maker.close();
    // Room for ten of these links by the shortener's own estimate (each the same length here).
    const room = 10 * linkEntryBytes({ link: links[0]! }, `/${links[0]!.code}`);
    const node = createShortener(t.database.db, { baseUrl: 'https://s.example.in', cacheBytes: room });
    for (const link of links) expect((await node.resolve('', link.code))?.longUrl).toBe(link.longUrl);
    const kept = links.filter((link) => node.cached('', link.code) !== undefined);
    expect(kept.map((link) => link.code)).toEqual(links.slice(10).map((link) => link.code));
    // One no longer kept is read again, as it was.
    expect((await node.resolve('', links[0]!.code))?.longUrl).toBe(longUrl(10));
    await node.close();
  });

  it('reloads a link with a visit limit once its visits are written, and writes buffered visits on close', async () => {
    const shortener = createShortener(t.database.db, { baseUrl: 'https://s.example.in', visits: { flushIntervalMs: 60_000 } });
    const { link } = await shortener.create({ ...plainLink, longUrl: 'https://example.com/limited', maxVisits: 3 }, nowMs);
    expect((await shortener.resolve('', link.code))?.humanVisits).toBe(0);
    shortener.visits.record({ linkId: link.id, visitedAt: nowMs, referrer: null, userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36', bot: false });
    await shortener.visits.flush();
    expect((await shortener.resolve('', link.code))?.humanVisits).toBe(1);
    shortener.visits.record({ linkId: link.id, visitedAt: nowMs, referrer: null, userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36', bot: false });
    await shortener.close();
    const fresh = createShortener(t.database.db, { baseUrl: 'https://s.example.in' });
    expect((await fresh.resolve('', link.code))?.humanVisits).toBe(2);
    await fresh.close();
  });

  it('reloads a link with a visit limit once its visits are written, after as many other such links as its cache holds were read', async () => {
    const shortener = createShortener(t.database.db, { baseUrl: 'https://s.example.in', cacheMax: 5, visits: { flushIntervalMs: 60_000 } });
    const limitedLink = async (n: number) => (await shortener.create({ ...plainLink, longUrl: `https://example.com/once/${n}`, maxVisits: 1 }, nowMs)).link;
    const first = await limitedLink(0);
    expect((await shortener.resolve('', first.code))?.humanVisits).toBe(0);
    for (let n = 1; n < 5; n++) await shortener.resolve('', (await limitedLink(n)).code);
    expect(shortener.cached('', first.code)?.humanVisits).toBe(0);
    shortener.visits.record({ linkId: first.id, visitedAt: nowMs, referrer: null, userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36', bot: false });
    await shortener.visits.flush();
    // Used up: the redirect must see it at once, not after the cache's 3 s.
    const reloaded = await shortener.resolve('', first.code);
    expect(reloaded?.humanVisits).toBe(1);
    expect(linkState(reloaded!, nowMs)).toBe('exhausted');
    await shortener.close();
  });

  it('reports a failing database as itself, not as a taken slug', async () => {
    const broken = await createTestApp(target);
    const shortener = createShortener(broken.database.db, { baseUrl: 'https://s.example.in' });
    await broken.close();
    const failure = await shortener.create({ ...plainLink, longUrl: 'https://example.com/broken', customSlug: 'broken-db' }, nowMs).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toMatchObject({ code: 'ALREADY_EXISTS' });
    await shortener.close().catch(() => undefined);
  });
});
