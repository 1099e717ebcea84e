import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupWriteCounts } from '../../kernel/group-write.js';
import { sha256Hex } from '../../kernel/hash.js';
import { findBotAndLinkOwner, findBotSession, insertBotSession, insertLinkWithSession } from '../../storage/bots.js';
import { findShortUrl, insertShortUrl, type NewShortUrl } from '../../storage/short-urls.js';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';
import { brandBotToken, otherBotToken, privateBotToken, supportBotToken } from '../../../test/secrets.js';

const key = (name: string, value: unknown) => ({ name, value });
const call = (botId: string, token: string, extra: Array<{ name: string; value: unknown }> = []) => [
  key('$flow.key.cli', '918160712345'),
  key('$flow.key.botid', botId),
  key('$flow.key.token', token),
  ...extra,
];

describe.each(await databaseTargets())('linkcreation on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_SHORT_BASE_URL: 'https://s.example.in' } });
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'support', baseUrl: 'https://bot.example.com/chat?lang=hi', token: supportBotToken })).statusCode).toBe(201);
    await t.api('POST', '/api/accounts/1/bots', { botId: 'private', baseUrl: 'https://bot.example.com/secure', token: privateBotToken, linkMode: 'opaque' });
  });
  afterAll(() => t.close());

  const follow = async (shortUrl: string) => {
    const url = new URL(shortUrl);
    const response = await t.app.inject({ method: 'GET', url: url.pathname, headers: { host: url.host, 'user-agent': 'Mozilla/5.0 (iPhone) Safari/604.1' } });
    expect(response.statusCode).toBe(302);
    return new URL(response.headers.location as string);
  };

  it('shortens the bot URL with cli, botid and every other variable, and stores the session', async () => {
    const response = await t.webhook('linkcreation', call('support', supportBotToken, [key('$user.key.orderId', 'A-17'), key('$flow.key.language', 'TAMIL')]));
    expect(response.statusCode).toBe(200);
    const outputs = outputsOf(response);
    expect(outputs['$flow.key.shortenUrl']).toMatch(/^https:\/\/s\.example\.in\/[0-9A-Za-z]{8}$/);
    const botUniqueID = outputs['$flow.key.botUniqueID'];
    expect(botUniqueID).toMatch(/^[0-9A-Za-z]{20}$/);
    const target = await follow(outputs['$flow.key.shortenUrl']!);
    expect(target.origin + target.pathname).toBe('https://bot.example.com/chat');
    expect(Object.fromEntries(target.searchParams)).toEqual({ lang: 'hi', cli: '918160712345', botid: 'support', orderId: 'A-17', language: 'TAMIL', botUniqueID });
    const session = await t.api('GET', `/api/bot-sessions/${botUniqueID}`);
    expect(session.json()).toMatchObject({ botId: 'support', cli: '918160712345', variables: { cli: '918160712345', botid: 'support', orderId: 'A-17', language: 'TAMIL' } });
    expect(JSON.stringify(session.json())).not.toContain(supportBotToken);
  });

  it('puts only botUniqueID in the link of an opaque bot; the bot reads the rest with the account token', async () => {
    const outputs = outputsOf(await t.webhook('linkcreation', call('private', privateBotToken, [key('$user.key.orderId', 'B-2')])));
    const target = await follow(outputs['$flow.key.shortenUrl']!);
    expect(target.toString()).toBe(`https://bot.example.com/secure?botUniqueID=${outputs['$flow.key.botUniqueID']}`);
    const session = await t.api('GET', `/api/bot-sessions/${outputs['$flow.key.botUniqueID']}`, undefined, 'webhook-token-for-tests-0001');
    expect(session.statusCode).toBe(200);
    expect(session.json().variables).toMatchObject({ cli: '918160712345', orderId: 'B-2' });
  });

  it('makes a new session and link on every call', async () => {
    const first = outputsOf(await t.webhook('linkcreation', call('support', supportBotToken)));
    const second = outputsOf(await t.webhook('linkcreation', call('support', supportBotToken)));
    expect(second['$flow.key.botUniqueID']).not.toBe(first['$flow.key.botUniqueID']);
    expect(second['$flow.key.shortenUrl']).not.toBe(first['$flow.key.shortenUrl']);
  });

  it('makes the calls made at once each its own session and link, carrying its own variables', async () => {
    const orders = ['C-1', 'C-2', 'C-3', 'C-4', 'C-5'];
    const answers = await Promise.all(orders.map((orderId) => t.webhook('linkcreation', call('support', supportBotToken, [key('$user.key.orderId', orderId)]))));
    for (const [index, answer] of answers.entries()) {
      const outputs = outputsOf(answer);
      const botUniqueID = outputs['$flow.key.botUniqueID']!;
      expect((await follow(outputs['$flow.key.shortenUrl']!)).searchParams.get('orderId')).toBe(orders[index]);
      expect((await follow(outputs['$flow.key.shortenUrl']!)).searchParams.get('botUniqueID')).toBe(botUniqueID);
      const session = await t.api('GET', `/api/bot-sessions/${botUniqueID}`);
      expect(session.json()).toMatchObject({ shortUrl: outputs['$flow.key.shortenUrl'], variables: { orderId: orders[index] } });
    }
  });

  it('stores sessions written at once each with its own variables, and fails only a session the database refuses', async () => {
    const session = (botUniqueID: string, orderId: string, accountId = 1) => ({
      botUniqueID, accountId, botId: 'support', cli: '918160712345', variables: { orderId }, shortUrl: `https://s.example.in/${botUniqueID.slice(0, 8)}`,
    });
    const store = (each: ReturnType<typeof session>) => insertBotSession(t.database.db, each, Date.now());
    const statements = () => groupWriteCounts(t.database.db).get('bot_session')?.writes ?? 0;
    const before = statements();
    const together = [session('S'.repeat(19) + '1', 'D-1'), session('S'.repeat(19) + '2', 'D-2'), session('S'.repeat(19) + '3', 'D-3')];
    await Promise.all(together.map(store));
    expect(statements() - before).toBe(target.name === 'postgres' ? 1 : 0);
    for (const each of together) expect(await findBotSession(t.database.db, each.botUniqueID)).toMatchObject({ variables: each.variables, shortUrl: each.shortUrl });
    // An account that does not exist breaks its session's foreign key: that call fails, the session written with it does not.
    const [refused, kept] = await Promise.allSettled([store(session('R'.repeat(20), 'D-4', 999_999)), store(session('K'.repeat(20), 'D-5'))]);
    expect([refused.status, kept.status]).toEqual(['rejected', 'fulfilled']);
    expect(await findBotSession(t.database.db, 'R'.repeat(20))).toBeUndefined();
    expect((await findBotSession(t.database.db, 'K'.repeat(20)))?.variables).toEqual({ orderId: 'D-5' });
  });

  it('stores the links and sessions of calls made at once in one statement on PostgreSQL; a link whose code is taken stores neither', async () => {
    const db = t.database.db;
    const now = Date.now();
    const link = (id: string, code: string, longUrl: string): NewShortUrl => ({
      id, domain: '', code, accountId: 1, customerId: null, longUrl, urlHash: sha256Hex(longUrl), reuseKey: null, redirectStatus: 302, customSlug: false, expiresAt: null, maxVisits: null,
    });
    const store = (n: number, code: string) =>
      insertLinkWithSession(db, link(`bot-link-${n}`, code, `https://bot.example.com/chat?orderId=E-${n}`), {
        botUniqueID: 'E'.repeat(19) + n, accountId: 1, botId: 'support', cli: '918160712345', variables: { orderId: `E-${n}` }, shortUrl: `https://s.example.in/${code}`,
      }, now);
    expect(await insertShortUrl(db, link('stored-link', 'takenE01', 'https://example.com/stored'), now)).toBeDefined();
    const statements = () => groupWriteCounts(db).get('bot_link')?.writes ?? 0;
    const before = statements();
    // The second's code is a stored link's; the fourth's is the third's, before it in the same statement.
    const stored = await Promise.all([store(1, 'freeE001'), store(2, 'takenE01'), store(3, 'freeE003'), store(4, 'freeE003')]);
    expect(statements() - before).toBe(target.name === 'postgres' ? 1 : 0);
    expect(stored.map((each) => each && [each.code, each.longUrl])).toEqual([
      ['freeE001', 'https://bot.example.com/chat?orderId=E-1'],
      undefined,
      ['freeE003', 'https://bot.example.com/chat?orderId=E-3'],
      undefined,
    ]);
    const sessions = await Promise.all([1, 2, 3, 4].map((n) => findBotSession(db, 'E'.repeat(19) + n)));
    expect(sessions.map((each) => each && [each.shortUrl, each.variables.orderId])).toEqual([
      ['https://s.example.in/freeE001', 'E-1'],
      undefined,
      ['https://s.example.in/freeE003', 'E-3'],
      undefined,
    ]);
    expect((await findShortUrl(db, '', 'takenE01'))?.longUrl).toBe('https://example.com/stored');
  });

  it("shortens on the account's short customer domain when it has one", async () => {
    await t.api('POST', '/api/accounts', { id: 3, name: 'Branded' });
    const token3 = (await t.api('POST', '/api/accounts/3/tokens')).json().token;
    await t.api('POST', '/api/accounts/3/short-customers', { name: 'Brand', domains: ['go.brand.in'] });
    await t.api('POST', '/api/accounts/3/bots', { botId: 'support', baseUrl: 'https://bot.brand.in/', token: brandBotToken });
    const outputs = outputsOf(await t.webhook('linkcreation', call('support', 'brand-token-1'), { token: token3 }));
    expect(outputs['$flow.key.shortenUrl']).toMatch(/^https:\/\/go\.brand\.in\/[0-9A-Za-z]{8}$/);
    // Another account cannot read this session, nor tell it from one that does not exist.
    const foreign = await t.api('GET', `/api/bot-sessions/${outputs['$flow.key.botUniqueID']}`, undefined, 'webhook-token-for-tests-0001');
    const unknown = await t.api('GET', `/api/bot-sessions/${'Z'.repeat(20)}`, undefined, 'webhook-token-for-tests-0001');
    expect(foreign.statusCode).toBe(404);
    expect({ status: foreign.statusCode, body: foreign.json() }).toEqual({ status: unknown.statusCode, body: unknown.json() });
  });

  it("reads the bots and link owners of calls made at once, each its own account's, in one statement on PostgreSQL", async () => {
    // Account 3 (the test above) has bot "support" and a short customer on go.brand.in; account 1 has no customer.
    const reads = () => groupWriteCounts(t.database.db).get('bot_read')?.writes ?? 0;
    const before = reads();
    const lookups: Array<[number, string]> = [[3, 'support'], [1, 'support'], [1, 'nobody'], [1, 'private']];
    const found = await Promise.all(lookups.map(([accountId, botId]) => findBotAndLinkOwner(t.database.db, accountId, botId)));
    expect(reads() - before).toBe(target.name === 'postgres' ? 1 : 0);
    expect(found.map(({ bot, owner }) => [bot?.baseUrl, bot?.linkMode, owner?.domain])).toEqual([
      ['https://bot.brand.in/', 'query', 'go.brand.in'],
      ['https://bot.example.com/chat?lang=hi', 'query', undefined],
      [undefined, undefined, undefined],
      ['https://bot.example.com/secure', 'opaque', undefined],
    ]);

    // Through the webhook, at once: each call shortened on its own account's domain, or refused for its own bot.
    const token3 = (await t.api('POST', '/api/accounts/3/tokens')).json().token;
    const answers = await Promise.all([
      t.webhook('linkcreation', call('support', 'brand-token-1'), { token: token3 }),
      t.webhook('linkcreation', call('support', supportBotToken)),
      t.webhook('linkcreation', call('nobody', supportBotToken)),
      t.webhook('linkcreation', call('support', 'brand-token-1')),
    ]);
    expect(answers.map((answer) => answer.json().status === 'SUCCESS' ? new URL(outputsOf(answer)['$flow.key.shortenUrl']!).host : answer.json().error.code)).toEqual([
      'go.brand.in',
      's.example.in',
      'UNKNOWN_BOT',
      'INVALID_BOT_TOKEN',
    ]);
  });

  it('answers FAILURE with UNKNOWN_BOT or INVALID_BOT_TOKEN and stores nothing', async () => {
    const unknown = await t.webhook('linkcreation', call('nobody', supportBotToken));
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().status).toBe('FAILURE');
    expect(outputsOf(unknown)['$flow.key.errorCode']).toBe('UNKNOWN_BOT');
    const wrong = await t.webhook('linkcreation', call('support', 'not-the-token'));
    expect(outputsOf(wrong)).toMatchObject({ '$flow.key.errorCode': 'INVALID_BOT_TOKEN' });
    // Both outputs are set, empty, so the flow reads no earlier call's link.
    for (const answer of [unknown, wrong]) expect(outputsOf(answer)).toMatchObject({ '$flow.key.shortenUrl': '', '$flow.key.botUniqueID': '' });
  });

  it('answers FAILURE with LINK_TOO_LONG when the variables would not fit a link', async () => {
    const extra = Array.from({ length: 30 }, (_, index) => key(`$user.key.v${index}`, 'x'.repeat(80)));
    const response = await t.webhook('linkcreation', call('support', supportBotToken, extra));
    expect(outputsOf(response)['$flow.key.errorCode']).toBe('LINK_TOO_LONG');
    // The opaque bot takes the same call.
    expect(outputsOf(await t.webhook('linkcreation', call('private', privateBotToken, extra)))['$flow.key.shortenUrl']).toMatch(/^https:\/\/s\.example\.in\/[0-9A-Za-z]{8}$/);
  });

  it('answers 422 naming a missing cli, botid or token', async () => {
    const response = await t.webhook('linkcreation', [key('$flow.key.botid', 'support')]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.parameters.sort()).toEqual(['$flow.key.cli', '$flow.key.token']);
  });

  it('manages bots: duplicate 409, bad base URL 422, changes and deletion, the token never shown', async () => {
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'support', baseUrl: 'https://x.example', token: otherBotToken })).statusCode).toBe(409);
    const bad = await t.api('POST', '/api/accounts/1/bots', { botId: 'bad', baseUrl: 'javascript:alert(1)', token: otherBotToken });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields[0].field).toBe('baseUrl');
    const withUserInfo = await t.api('POST', '/api/accounts/1/bots', { botId: 'userinfo', baseUrl: 'https://bot:hunter2bot@bot.example.com/chat', token: otherBotToken });
    expect(withUserInfo.statusCode).toBe(422);
    expect(withUserInfo.json().error.fields[0]).toMatchObject({ field: 'baseUrl', message: expect.stringContaining('user info') });
    expect(withUserInfo.body).not.toContain('hunter2bot');
    expect((await t.api('PATCH', '/api/accounts/1/bots/support', { baseUrl: 'https://bot:hunter2bot@bot.example.com/chat' })).statusCode).toBe(422);
    const patched = await t.api('PATCH', '/api/accounts/1/bots/support', { linkMode: 'opaque' });
    expect(patched.json()).toMatchObject({ botId: 'support', linkMode: 'opaque' });
    const listed = await t.api('GET', '/api/accounts/1/bots');
    expect(JSON.stringify(listed.json())).not.toMatch(/token/i);
    expect((await t.api('DELETE', '/api/accounts/1/bots/support')).statusCode).toBe(204);
    expect(outputsOf(await t.webhook('linkcreation', call('support', supportBotToken)))['$flow.key.errorCode']).toBe('UNKNOWN_BOT');
  });

  it('never logs the customer number', async () => {
    await t.webhook('linkcreation', call('private', privateBotToken));
    expect(t.logs.join('')).not.toContain('918160712345');
  });
});
