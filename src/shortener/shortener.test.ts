import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { updateShortUrl } from '../storage/short-urls.js';
import { createShortener, linkState, type Shortener } from './shortener.js';

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
    expect(await nodeA.resolve('', 'fresh-slug')).toMatchObject({ code: 'fresh-slug', longUrl: 'https://example.com/fresh', disabled: false });
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
