import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateBot } from '../storage/bots.js';
import { deleteShortCustomer, insertShortCustomer } from '../storage/short-customers.js';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';
import { rotatedBotToken, supportBotToken } from '../../test/secrets.js';
import { createBotCache } from './cache.js';

const call = (botId: string, token: string) => [
  { name: '$flow.key.cli', value: '918160712345' },
  { name: '$flow.key.botid', value: botId },
  { name: '$flow.key.token', value: token },
];

describe.each(await databaseTargets())('bots cached for linkcreation on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_SHORT_BASE_URL: 'https://s.example.in' } });
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'support', baseUrl: 'https://bot.example.com/chat', token: supportBotToken })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  /** The call's short-URL host, or its error code. */
  const linkOrError = async (botId: string, token: string) => {
    const answer = await t.webhook('linkcreation', call(botId, token));
    expect(answer.statusCode).toBe(200);
    const outputs = outputsOf(answer);
    return outputs['$flow.key.shortenUrl'] ? new URL(outputs['$flow.key.shortenUrl']).host : outputs['$flow.key.errorCode'];
  };

  it("takes a bot created, changed or removed through this node's API in the very next call", async () => {
    // Named before it exists: the answer is cached, and the bot's creation evicts it.
    expect(await linkOrError('sales', supportBotToken)).toBe('UNKNOWN_BOT');
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'sales', baseUrl: 'https://bot.example.com/sales', token: supportBotToken })).statusCode).toBe(201);
    expect(await linkOrError('sales', supportBotToken)).toBe('s.example.in');
    // A rotated token: the old one is refused at once, the new one taken.
    expect((await t.api('PATCH', '/api/accounts/1/bots/sales', { token: rotatedBotToken })).statusCode).toBe(200);
    expect(await linkOrError('sales', supportBotToken)).toBe('INVALID_BOT_TOKEN');
    expect(await linkOrError('sales', rotatedBotToken)).toBe('s.example.in');
    expect((await t.api('DELETE', '/api/accounts/1/bots/sales')).statusCode).toBe(204);
    expect(await linkOrError('sales', rotatedBotToken)).toBe('UNKNOWN_BOT');
  });

  it("takes a short-URL customer created, given other domains or removed through this node's API in the very next link", async () => {
    expect(await linkOrError('support', supportBotToken)).toBe('s.example.in');
    const customer = await t.api('POST', '/api/accounts/1/short-customers', { name: 'Brand', domains: ['go.brand.in'] });
    expect(customer.statusCode).toBe(201);
    expect(await linkOrError('support', supportBotToken)).toBe('go.brand.in');
    expect((await t.api('PATCH', `/api/accounts/1/short-customers/${customer.json().id}`, { domains: ['m.brand.in'] })).statusCode).toBe(200);
    expect(await linkOrError('support', supportBotToken)).toBe('m.brand.in');
    expect((await t.api('DELETE', `/api/accounts/1/short-customers/${customer.json().id}`)).statusCode).toBe(204);
    expect(await linkOrError('support', supportBotToken)).toBe('s.example.in');
  });

  it('shortens on the default domain when the cached link owner was removed on another node since', async () => {
    const db = t.database.db;
    // Written as another node would, so this node's cache is not told.
    await insertShortCustomer(db, { id: 'elsewhere-1', accountId: 1, name: 'Elsewhere', tokenHash: '0'.repeat(64), domains: ['go.elsewhere.in'] }, Date.now());
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'owner-check', baseUrl: 'https://bot.example.com/owner', token: supportBotToken })).statusCode).toBe(201);
    expect(await linkOrError('owner-check', supportBotToken)).toBe('go.elsewhere.in');
    // Removed elsewhere: a link for the cached owner is refused by the database, and the owner is read again.
    expect(await deleteShortCustomer(db, 1, 'elsewhere-1')).toBe(true);
    expect(await linkOrError('owner-check', supportBotToken)).toBe('s.example.in');
    expect(await linkOrError('owner-check', supportBotToken)).toBe('s.example.in');
  });

  it('sees a change made on another node once its cache time has passed', async () => {
    // Long enough that the write below lands inside it even on a loaded machine; short enough to wait out.
    const cache = createBotCache(t.database.db, { ttlMs: 2_000 });
    expect((await cache.get(1, 'support')).bot?.baseUrl).toBe('https://bot.example.com/chat');
    await updateBot(t.database.db, 1, 'support', { baseUrl: 'https://bot.example.com/chat3' }, Date.now());
    // Still the bot it read: the change arrives when the entry expires.
    expect((await cache.get(1, 'support')).bot?.baseUrl).toBe('https://bot.example.com/chat');
    await expect.poll(async () => (await cache.get(1, 'support')).bot?.baseUrl, { timeout: 15_000, interval: 100 }).toBe('https://bot.example.com/chat3');
  });
});
