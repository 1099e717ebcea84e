import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminToken, createTestApp, databaseTargets, webhookToken, type DatabaseTarget, type TestApp } from '../../test/support.js';
import { createTokenResolver } from '../auth/tokens.js';
import { requestLimitHook } from './limits.js';
import { limitsCustomerToken, supportBotToken, unknownTokens } from '../../test/secrets.js';

const contact = { name: '$user.syskey.contactNumber', value: '9876543210' };
const apps: TestApp[] = [];
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});

async function appWith(target: DatabaseTarget, env: Record<string, string>): Promise<TestApp> {
  const t = await createTestApp(target, { env });
  apps.push(t);
  return t;
}

/** A webhook call from a given client address. */
function call(t: TestApp, token: string, address = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/webhook',
    remoteAddress: address,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: { method: 'fetchUserPreferences', keys: [contact] },
  });
}

function apiCall(t: TestApp, token: string, address = '127.0.0.1') {
  return t.app.inject({ method: 'GET', url: '/api/accounts/1', remoteAddress: address, headers: { authorization: `Bearer ${token}` } });
}

function expectRateLimited(response: Awaited<ReturnType<typeof call>>) {
  expect(response.statusCode).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(response.json().error.code).toBe('RATE_LIMITED');
}

/**
 * An app whose unknown-code limit is 3 a minute (with `env` over it), with one link on the default
 * short domain; `visit` asks for a path from an address, `t.setNow` moves the clock.
 */
async function unknownCodeLimitOf3On(target: DatabaseTarget, env: Record<string, string> = {}) {
  const t = await appWith(target, { FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE: '3', FLOWHOOKS_SHORT_BASE_URL: 'https://s.example.in', ...env });
  await t.api('POST', '/api/accounts/1/short-customers', { name: 'Limits', custToken: limitsCustomerToken });
  const created = await t.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: limitsCustomerToken, longUrl: 'https://example.com/x' } });
  const path = new URL(created.json().shortUrl).pathname;
  const visit = (url: string, address: string, accept = 'application/json', method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url, remoteAddress: address, headers: { host: 's.example.in', accept } });
  return { t, path, visit };
}

describe.each(await databaseTargets())('request limits on $name', (target) => {
  it('answers a webhook call past its account\'s limit with 429, Retry-After and a webhook FAILURE body, while another account goes on', async () => {
    const t = await appWith(target, { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '3' });
    await t.api('POST', '/api/accounts', { id: 2, name: 'Second' });
    const secondToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token as string;

    for (let count = 0; count < 3; count++) expect((await call(t, webhookToken)).statusCode).toBe(200);
    const limited = await call(t, webhookToken);
    expectRateLimited(limited);
    // Retry-After is the time left in the minute's window, in the header, the message and the error alike.
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(limited.json()).toMatchObject({
      status: 'FAILURE',
      error: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, message: `This account sent more than its limit of requests a minute. Retry in ${retryAfter} s.` },
    });
    expect(limited.json().keys).toContainEqual({ name: '$flow.key.errorCode', value: 'RATE_LIMITED' });
    // Another address does not help: the limit is the account's.
    expectRateLimited(await call(t, webhookToken, '10.1.1.1'));
    // Another account from the same address has a limit of its own.
    expect((await call(t, secondToken)).statusCode).toBe(200);
  });

  it('limits webhook calls per address across accounts', async () => {
    const t = await appWith(target, { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: '2' });
    const first = await call(t, webhookToken, '10.2.2.2');
    expect(first.statusCode).toBe(200);
    // The limits are counted by our hooks only: no route carries the plugin's own global limit or its headers.
    expect(first.headers['x-ratelimit-limit']).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['x-ratelimit-limit']).toBeUndefined();
    expect((await call(t, webhookToken, '10.2.2.2')).statusCode).toBe(200);
    const limited = await call(t, webhookToken, '10.2.2.2');
    expectRateLimited(limited);
    expect(limited.json().error.message).toMatch(/^This address sent more than its limit of requests a minute\. Retry in \d+ s\.$/);
    expect((await call(t, webhookToken, '10.2.2.3')).statusCode).toBe(200);
  });

  it('limits management API calls per account and per address, each family counted apart from webhooks', async () => {
    const t = await appWith(target, { FLOWHOOKS_RATE_LIMIT_API_PER_MINUTE: '2', FLOWHOOKS_RATE_LIMIT_API_PER_IP_PER_MINUTE: '3', FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '100' });
    expect((await apiCall(t, adminToken, '10.3.3.1')).statusCode).toBe(200);
    expect((await apiCall(t, adminToken, '10.3.3.2')).statusCode).toBe(200);
    expectRateLimited(await apiCall(t, adminToken, '10.3.3.3'));
    // Calls without a token are counted by their address, not with the admin token's.
    expect((await t.app.inject({ method: 'GET', url: '/api/accounts/1', remoteAddress: '10.3.3.5' })).statusCode).toBe(401);
    // The account's webhook calls are not counted against its API calls.
    expect((await call(t, webhookToken, '10.3.3.9')).statusCode).toBe(200);
    // Per address: account 1's token from one address, three calls, then 429.
    expect((await apiCall(t, webhookToken, '10.3.3.4')).statusCode).toBe(200);
    expect((await apiCall(t, webhookToken, '10.3.3.4')).statusCode).toBe(200);
    const limited = await apiCall(t, webhookToken, '10.3.3.4');
    expectRateLimited(limited);
    expect(limited.json().status).toBeUndefined();
  });

  it('answers an address\'s failing attempts with 429 past the failed-authentication limit, while its valid tokens are always served', async () => {
    const t = await appWith(target, { FLOWHOOKS_AUTH_FAILURES_PER_MINUTE: '3' });
    for (let count = 0; count < 3; count++) expect((await call(t, `guessed-token-${count}-0000000`, '10.4.4.4')).statusCode).toBe(401);
    const turnedAway = await call(t, 'guessed-token-3-0000000', '10.4.4.4');
    expectRateLimited(turnedAway);
    expect(turnedAway.json()).toMatchObject({ status: 'FAILURE', error: { code: 'RATE_LIMITED' } });
    expect(turnedAway.json().error.message).toContain('failed authentications');
    // One flow with a stale token must not stop the others arriving from the same egress address.
    expect((await call(t, webhookToken, '10.4.4.4')).statusCode).toBe(200);
    expect((await apiCall(t, adminToken, '10.4.4.4')).statusCode).toBe(200);
    // Every kind of failing attempt from the limited address is turned away: a wrong or missing token, a wrong custToken.
    expectRateLimited(await apiCall(t, 'guessed-admin-token-0000000', '10.4.4.4'));
    expectRateLimited(await t.app.inject({ method: 'GET', url: '/api/accounts/1', remoteAddress: '10.4.4.4' }));
    expectRateLimited(await t.app.inject({
      method: 'POST', url: '/api/short-urls', remoteAddress: '10.4.4.4',
      headers: { 'content-type': 'application/json' }, payload: { custToken: unknownTokens.customer, longUrl: 'https://example.com/x' },
    }));
    // Another address's failures are its own.
    expect((await call(t, 'guessed-token-4-0000000', '10.4.4.5')).statusCode).toBe(401);
  });

  it('counts wrong bot tokens and wrong securityIDs as failed authentications', async () => {
    // The allow-list lets the local dialer address be saved where private destinations are refused.
    const t = await appWith(target, { FLOWHOOKS_AUTH_FAILURES_PER_MINUTE: '3', FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: '127.0.0.0/8' });
    await t.api('PATCH', '/api/accounts/1', { clientId: 'limitsclient01' });
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'support', baseUrl: 'https://bot.example.com/chat', token: supportBotToken })).statusCode).toBe(201);
    const flow = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBD00001', name: 'Renewals', dialerUrl: 'http://127.0.0.1:9/dial' });
    expect(flow.statusCode).toBe(201);
    const webhook = (method: string, keys: Array<[string, string]>) =>
      t.app.inject({
        method: 'POST', url: '/webhook', remoteAddress: '10.7.7.7',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken}` },
        payload: { method, keys: keys.map(([name, value]) => ({ name, value })) },
      });
    const link = (token: string) => webhook('linkcreation', [['$flow.key.cli', '918160712345'], ['$flow.key.botid', 'support'], ['$flow.key.token', token]]);
    const outbound = (securityId: string) =>
      webhook('createOutbound', [['securityID', securityId], ['flowID', 'OBD00001'], ['clientID', 'limitsclient01'], ['contactNumbers', '9876543210']]);
    const errorCode = (response: Awaited<ReturnType<typeof link>>) => response.json().error?.code;

    expect(errorCode(await link('not-the-token'))).toBe('INVALID_BOT_TOKEN');
    expect(errorCode(await outbound('f'.repeat(64)))).toBe('OUTBOUND_UNAUTHORIZED');
    expect(errorCode(await outbound('e'.repeat(64)))).toBe('OUTBOUND_UNAUTHORIZED');
    const limitedLink = await link('still-not-the-token');
    expectRateLimited(limitedLink);
    expect(limitedLink.json()).toMatchObject({ method: 'linkcreation', status: 'FAILURE' });
    expectRateLimited(await outbound('d'.repeat(64)));
    // The right bot token and securityID from the same address are still served.
    expect((await link(supportBotToken)).json().status).toBe('SUCCESS');
    expect((await outbound(flow.json().securityId)).json().status).toBe('SUCCESS');
  });

  // The unknown-code limit is 3 and the block 6 (docs/short-urls.md, Guessing).
  const unknownCodeBlockOf6 = () => unknownCodeLimitOf3On(target, { FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_BLOCK_PER_MINUTE: '6' });

  it('refuses every short-link look-up of an address past the unknown-code block, codes that exist and QR codes included, while other addresses are served', async () => {
    const { path, visit } = await unknownCodeBlockOf6();
    const browser = 'text/html,application/xhtml+xml,*/*;q=0.8';
    for (const guess of ['/AAAAAAAA', '/AAAAAAAB', '/AAAAAAAC']) expect((await visit(guess, '10.5.5.5')).statusCode).toBe(404);
    // Past the first limit and under the block: unknown codes 429, and the refused ones still count.
    expectRateLimited(await visit('/AAAAAAAD', '10.5.5.5'));
    expectRateLimited(await visit('/not.a.code', '10.5.5.5'));
    expect((await visit(path, '10.5.5.5')).statusCode).toBe(302);
    expect((await visit(`${path}/qr`, '10.5.5.5', 'image/png')).statusCode).toBe(200);
    // The sixth unknown code.
    expectRateLimited(await visit('/AAAAAAAE/qr', '10.5.5.5'));

    const redirect = await visit(path, '10.5.5.5');
    expectRateLimited(redirect);
    expect(redirect.headers.location).toBeUndefined();
    expect(redirect.json().error.message).toMatch(/^Far too many unknown short URLs from this address: its short URLs are paused\. Retry in \d+ s\.$/);
    expect(redirect.json().error.retryAfterSeconds).toBe(Number(redirect.headers['retry-after']));
    // The same answer whether the code exists or not: the code is not looked up.
    expect((await visit('/AAAAAAAF', '10.5.5.5')).json()).toEqual(redirect.json());
    const head = await visit(path, '10.5.5.5', 'application/json', 'HEAD');
    expect(head.statusCode).toBe(429);
    expect(head.headers['retry-after']).toBe(redirect.headers['retry-after']);
    const page = await visit(path, '10.5.5.5', browser);
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(`Try again in ${page.headers['retry-after']} seconds`);
    const qr = await visit(`${path}/qr`, '10.5.5.5', 'image/png');
    expect(qr.statusCode).toBe(429);
    expect(qr.headers['content-type']).toBe('text/html; charset=utf-8');
    expectRateLimited(await visit(`${path}/qr?format=svg`, '10.5.5.5'));

    // Everyone else's links: another address is served.
    const other = await visit(path, '10.5.5.6');
    expect(other.statusCode).toBe(302);
    expect(other.headers.location).toBe('https://example.com/x');
    expect((await visit(`${path}/qr`, '10.5.5.6', 'image/png')).headers['content-type']).toBe('image/png');
  });

  it('serves a blocked address again once its window has passed', async () => {
    const { t, path, visit } = await unknownCodeBlockOf6();
    const start = Date.parse('2026-12-08T10:00:00Z');
    t.setNow(new Date(start));
    for (const guess of ['/AAAAAAAA', '/AAAAAAAB', '/AAAAAAAC', '/AAAAAAAD', '/AAAAAAAE', '/AAAAAAAF']) expect([404, 429]).toContain((await visit(guess, '10.5.5.5')).statusCode);
    t.setNow(new Date(start + 59_001));
    const last = await visit(path, '10.5.5.5');
    expectRateLimited(last);
    expect(last.headers['retry-after']).toBe('1');
    t.setNow(new Date(start + 60_000));
    expect((await visit(path, '10.5.5.5')).statusCode).toBe(302);
    expect((await visit(`${path}/qr`, '10.5.5.5', 'image/png')).statusCode).toBe(200);
    // A new window: unknown codes are counted from none again.
    expect((await visit('/AAAAAAAG', '10.5.5.5')).statusCode).toBe(404);
  });
});

const [sqlite] = await databaseTargets();
describe('limits that need no database variety', () => {
  const unknownCodeLimitOf3 = () => unknownCodeLimitOf3On(sqlite!);

  it('refuses unknown short codes from an address past its limit, while codes that exist go on redirecting from it (docs/short-urls.md, Guessing)', async () => {
    const { path, visit } = await unknownCodeLimitOf3();

    expect((await visit(path, '10.5.5.5')).statusCode).toBe(302);
    for (const guess of ['/AAAAAAAA', '/AAAAAAAB', '/AAAAAAAC']) expect((await visit(guess, '10.5.5.5')).statusCode).toBe(404);
    expectRateLimited(await visit('/AAAAAAAD', '10.5.5.5'));
    expectRateLimited(await visit('/not.a.code', '10.5.5.5'));
    expectRateLimited(await visit('/AAAAAAAE/qr', '10.5.5.5'));
    // Subscribers behind the same carrier address (CGNAT) keep their working links and QR codes.
    const redirect = await visit(path, '10.5.5.5');
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('https://example.com/x');
    const qr = await visit(`${path}/qr`, '10.5.5.5', 'image/png');
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');
    // Another address has a count of its own.
    expect((await visit('/AAAAAAAD', '10.5.5.6')).statusCode).toBe(404);
  });

  it('answers a browser past the unknown-code limit with an HTML page, as the 404 and 410 pages are, and JSON to a client asking for it', async () => {
    const { visit } = await unknownCodeLimitOf3();
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const guess of ['/AAAAAAAA', '/AAAAAAAB', '/AAAAAAAC']) expect((await visit(guess, '10.5.5.5', browser)).statusCode).toBe(404);

    const page = await visit('/AAAAAAAD', '10.5.5.5', browser);
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const retryAfter = Number(page.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(page.body).toContain('<title>Too many unknown links</title>');
    expect(page.body).toContain(`try again in ${retryAfter} seconds`);
    // No Accept header: a page, as for the 404.
    expect((await visit('/AAAAAAAD', '10.5.5.5', '')).headers['content-type']).toBe('text/html; charset=utf-8');

    const json = await visit('/AAAAAAAD', '10.5.5.5');
    expectRateLimited(json);
    expect(json.json().error).toMatchObject({ retryAfterSeconds: Number(json.headers['retry-after']) });
  });

  it('rate-limits QR images per address', async () => {
    const t = await appWith(sqlite!, { FLOWHOOKS_RATE_LIMIT_QR_PER_IP_PER_MINUTE: '2', FLOWHOOKS_SHORT_BASE_URL: 'https://s.example.in' });
    await t.api('POST', '/api/accounts/1/short-customers', { name: 'Limits', custToken: limitsCustomerToken });
    const created = await t.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: limitsCustomerToken, longUrl: 'https://example.com/qr' } });
    const path = `${new URL(created.json().shortUrl).pathname}/qr`;
    const qr = (address: string, size: number) => t.app.inject({ method: 'GET', url: `${path}?size=${size}`, remoteAddress: address, headers: { host: 's.example.in' } });

    expect((await qr('10.6.6.6', 100)).statusCode).toBe(200);
    expect((await qr('10.6.6.6', 101)).statusCode).toBe(200);
    const limited = await qr('10.6.6.6', 102);
    expectRateLimited(limited);
    expect((await qr('10.6.6.7', 102)).statusCode).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only from a trusted proxy', async () => {
    const t = await appWith(sqlite!, { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: '1', FLOWHOOKS_TRUST_PROXY: '10.9.9.9' });
    const viaProxy = (client: string, proxy = '10.9.9.9') =>
      t.app.inject({
        method: 'POST',
        url: '/webhook',
        remoteAddress: proxy,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken}`, 'x-forwarded-for': client },
        payload: { method: 'fetchUserPreferences', keys: [contact] },
      });
    expect((await viaProxy('203.0.113.1')).statusCode).toBe(200);
    expect((await viaProxy('203.0.113.2')).statusCode).toBe(200);
    expectRateLimited(await viaProxy('203.0.113.1'));
    // From an untrusted peer the header is ignored: both calls are the peer's.
    expect((await viaProxy('203.0.113.3', '10.8.8.8')).statusCode).toBe(200);
    expectRateLimited(await viaProxy('203.0.113.4', '10.8.8.8'));
  });

  it('puts security headers on the API description but not on webhook answers', async () => {
    const t = await appWith(sqlite!, {});
    const page = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');

    const webhook = await call(t, webhookToken);
    expect(webhook.statusCode).toBe(200);
    expect(webhook.headers['content-security-policy']).toBeUndefined();
    expect(webhook.headers['x-content-type-options']).toBeUndefined();
    expect(webhook.headers['strict-transport-security']).toBeUndefined();
  });

  it('sheds load with 503 OVERLOADED and Retry-After while over its memory limit; /healthz and /metrics still answer', async () => {
    // 1 MiB of heap: always over, once the first sample (a second after start) is taken. The event-loop limit is off.
    const t = await appWith(sqlite!, { FLOWHOOKS_MAX_HEAP_USED_MB: '1', FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0' });
    await vi.waitFor(async () => expect((await call(t, webhookToken)).statusCode).toBe(503), { timeout: 5000, interval: 100 });
    const shed = await call(t, webhookToken);
    expect(shed.headers['retry-after']).toBe('10');
    expect(shed.json()).toMatchObject({
      status: 'FAILURE',
      error: { code: 'OVERLOADED', retryAfterSeconds: 10, message: 'The server is overloaded (memory); retry in 10 s.' },
    });
    const api = await apiCall(t, adminToken);
    expect(api.statusCode).toBe(503);
    expect(api.json().error.code).toBe('OVERLOADED');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });

  it('serves every request while the heap in use is under its limit', async () => {
    const t = await appWith(sqlite!, { FLOWHOOKS_MAX_HEAP_USED_MB: '4096', FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0' });
    // The first sample, a second after start, is what a limit is judged against.
    await vi.waitFor(() => expect((t.app as unknown as { memoryUsage(): { heapUsed: number } }).memoryUsage().heapUsed).toBeGreaterThan(0), { timeout: 5000, interval: 100 });
    expect((await call(t, webhookToken)).statusCode).toBe(200);
  });

  it('sheds load while the event loop lags past its limit, naming the cause', async () => {
    const t = await appWith(sqlite!, { FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '1', FLOWHOOKS_MAX_HEAP_USED_MB: '0' });
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    await vi.waitFor(
      async () => {
        busy(50);
        expect((await call(t, webhookToken)).statusCode).toBe(503);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect((await call(t, webhookToken)).json().error).toMatchObject({ code: 'OVERLOADED', message: 'The server is overloaded (event loop delay); retry in 10 s.' });
  });

  it('adds no request hook at all when both limits of a family are off', async () => {
    const t = await appWith(sqlite!, {});
    expect(requestLimitHook(t.app, { family: 'webhook', perAccountPerMinute: 0, perAddressPerMinute: 0, tokens: createTokenResolver(t.database.db) })).toBeUndefined();
  });
});
