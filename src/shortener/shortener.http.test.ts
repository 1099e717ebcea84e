import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../../test/metrics-text.js';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { shortCustomerToken, unknownTokens } from '../../test/secrets.js';

const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const defaultHost = 's.example.in';

describe.each(await databaseTargets())('short URLs on $name', (target) => {
  let t: TestApp;
  let custToken: string;
  let otherToken: string;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_SHORT_BASE_URL: `https://${defaultHost}` } });
    const customer = await t.api('POST', '/api/accounts/1/short-customers', { name: 'Phonon', custToken: shortCustomerToken, domains: ['PHN.io'] });
    expect(customer.statusCode).toBe(201);
    custToken = customer.json().custToken;
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other' });
    const other = await t.api('POST', '/api/accounts/2/short-customers', { name: 'Other customer', domains: ['oth.er'] });
    otherToken = other.json().custToken;
  });
  afterAll(() => t.close());

  const shorten = (body: Record<string, unknown>, url = '/UrlShortner/phonon/shortUrl') =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify(body) });
  const visit = (host: string, path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url: path, headers: { host, 'user-agent': browser, ...headers } });
  const codeOf = (shortUrl: string) => new URL(shortUrl).pathname.slice(1);

  it('creates an 8-character base62 code on the default domain and redirects to the long URL with 302', async () => {
    const created = await shorten({ custToken, longUrl: 'https://google.co.in' });
    expect(created.statusCode).toBe(200);
    const { shortUrl } = created.json();
    expect(shortUrl).toMatch(new RegExp(`^https://${defaultHost}/[0-9A-Za-z]{8}$`));
    const redirect = await visit(defaultHost, `/${codeOf(shortUrl)}`);
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('https://google.co.in');
  });

  it('stores and redirects to the WHATWG href of a non-ASCII long URL: punycode host, percent-encoded path and query', async () => {
    const created = await shorten({ custToken, longUrl: 'https://müller.example/straße/ä?q=नमस्ते#teil' }, '/api/short-urls');
    expect(created.statusCode).toBe(201);
    const href = 'https://xn--mller-kva.example/stra%C3%9Fe/%C3%A4?q=%E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87#teil';
    expect(created.json()).toMatchObject({ longUrl: href, warnings: [] });
    const redirect = await visit(defaultHost, `/${codeOf(created.json().shortUrl)}`);
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe(href);
    // The same URL typed either way is one link.
    expect((await shorten({ custToken, longUrl: href }, '/api/short-urls')).json()).toMatchObject({ created: false, code: created.json().code });
  });

  it('redirects a non-ASCII long URL stored before the rule by its href instead of failing', async () => {
    const created = await shorten({ custToken, longUrl: 'https://example.com/legacy-unicode' }, '/api/short-urls');
    await t.database.db.updateTable('short_urls').set({ long_url: 'https://пример.example/путь' }).where('id', '=', created.json().id).execute();
    const redirect = await visit(defaultHost, `/${codeOf(created.json().shortUrl)}`);
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('https://xn--e1afmkfd.example/%D0%BF%D1%83%D1%82%D1%8C');
  });

  it('flags a look-alike host in the answer and still creates the link', async () => {
    const cases: Array<[string, RegExp]> = [
      ['https://аррӏе.com/login', /Cyrillic letters that look like the Latin "apple"/],
      ['https://xn--80ak6aa92e.com/login', /Cyrillic letters that look like the Latin "apple"/],
      ['https://pаypal.com/', /mixes Latin and Cyrillic letters in "pаypal"/],
      ['https://gοogle.com/', /mixes Latin and Greek/],
    ];
    for (const [longUrl, warning] of cases) {
      const created = await shorten({ custToken, longUrl }, '/api/short-urls');
      expect(created.statusCode, longUrl).toBe(201 - (created.json().created ? 0 : 1));
      expect(created.json().warnings, longUrl).toEqual([expect.stringMatching(warning)]);
    }
    for (const longUrl of ['https://google.co.in/plain', 'https://müller.de/', 'https://例え.jp/', 'https://पुस्तक.भारत/', 'https://пример.рф/']) {
      expect((await shorten({ custToken, longUrl }, '/api/short-urls')).json().warnings, longUrl).toEqual([]);
    }
  });

  it('returns the same short URL for the same customer, long URL and domain, and a new one elsewhere', async () => {
    const first = (await shorten({ custToken, longUrl: 'https://example.com/a?x=1' })).json().shortUrl;
    const again = await shorten({ custToken, longUrl: 'https://example.com/a?x=1' }, '/api/short-urls');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ shortUrl: first, created: false });
    const onDomain = await shorten({ custToken, longUrl: 'https://example.com/a?x=1', domain: 'phn.io' }, '/api/short-urls');
    expect(onDomain.statusCode).toBe(201);
    expect(onDomain.json().shortUrl).toMatch(/^https:\/\/phn\.io\/[0-9A-Za-z]{8}$/);
    const otherCustomer = (await shorten({ custToken: otherToken, longUrl: 'https://example.com/a?x=1' })).json().shortUrl;
    expect(otherCustomer).not.toBe(first);
  });

  it('makes codes that are not sequential', async () => {
    const codes = new Set<string>();
    for (let index = 0; index < 20; index++) codes.add(codeOf((await shorten({ custToken, longUrl: `https://example.com/n/${index}` })).json().shortUrl));
    expect(codes.size).toBe(20);
    const sorted = [...codes].sort();
    expect(sorted).not.toEqual([...codes]);
  });

  it('resolves a code by the Host it is asked on: a phn.io code is 404 on the default host', async () => {
    const shortUrl = (await shorten({ custToken, longUrl: 'https://example.com/domain-only', domain: 'phn.io' })).json().shortUrl;
    const code = codeOf(shortUrl);
    expect((await visit('phn.io', `/${code}`)).statusCode).toBe(302);
    expect((await visit('PHN.IO:443', `/${code}`)).statusCode).toBe(302);
    const wrongHost = await visit(defaultHost, `/${code}`);
    expect(wrongHost.statusCode).toBe(404);
    expect(wrongHost.headers['content-type']).toContain('text/html');
    expect(wrongHost.body).toContain('Link not found');
  });

  it('finds no link for a request without a Host header', async () => {
    const code = codeOf((await shorten({ custToken, longUrl: 'https://example.com/no-host' })).json().shortUrl);
    expect((await visit('', `/${code}`)).statusCode).toBe(404);
    expect((await visit(defaultHost, '/')).statusCode).toBe(404);
  });

  it('answers 404 as JSON when the client asks for JSON', async () => {
    const response = await visit(defaultHost, '/Nope1234', { accept: 'application/json' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('answers HEAD with the redirect and records only GET as a visit', async () => {
    const shortUrl = (await shorten({ custToken, longUrl: 'https://example.com/head' })).json().shortUrl;
    const code = codeOf(shortUrl);
    const head = await visit(defaultHost, `/${code}`, {}, 'HEAD');
    expect(head.statusCode).toBe(302);
    expect(head.headers.location).toBe('https://example.com/head');
    const detail = await t.api('GET', `/api/short-urls/${defaultHost}/${code}`);
    expect(detail.json().visits).toEqual({ total: 0, humans: 0, bots: 0 });
  });

  it('records visits with referrer, user agent and bot flag, and serves a per-day series', async () => {
    t.setNow(new Date('2026-11-20T10:00:00+05:30'));
    const code = codeOf((await shorten({ custToken, longUrl: 'https://example.com/visits' })).json().shortUrl);
    await visit(defaultHost, `/${code}`, { referer: 'https://wa.me/' });
    await visit(defaultHost, `/${code}`, { 'user-agent': 'WhatsApp/2.23.20.0 A' });
    await visit(defaultHost, `/${code}`, { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' });
    t.setNow(new Date('2026-11-21T23:50:00+05:30'));
    await visit(defaultHost, `/${code}`);
    const detail = (await t.api('GET', `/api/short-urls/${defaultHost}/${code}`)).json();
    expect(detail).toMatchObject({ longUrl: 'https://example.com/visits', shortUrl: `https://${defaultHost}/${code}`, state: 'active', visits: { total: 4, humans: 2, bots: 2 } });
    expect(detail.recentVisits).toHaveLength(4);
    expect(detail.recentVisits.find((entry: { referrer: string | null }) => entry.referrer === 'https://wa.me/')).toMatchObject({ bot: false, userAgent: browser });
    const series = (await t.api('GET', `/api/short-urls/${defaultHost}/${code}/visits?from=2026-11-19&to=2026-11-22`)).json();
    expect(series.timezone).toBe('Asia/Kolkata');
    // 23:50 in Kolkata is still the 21st there, though the 21st has ended in UTC+14 and not in UTC.
    expect(series.days).toEqual([
      { date: '2026-11-19', humans: 0, bots: 0 },
      { date: '2026-11-20', humans: 1, bots: 2 },
      { date: '2026-11-21', humans: 1, bots: 0 },
      { date: '2026-11-22', humans: 0, bots: 0 },
    ]);
    expect(series.total).toEqual({ humans: 2, bots: 2 });
    // A day that does not exist is refused, not rolled over into the next month's days.
    const impossible = await t.api('GET', `/api/short-urls/${defaultHost}/${code}/visits?from=2026-02-30&to=2026-03-05`);
    expect(impossible.statusCode).toBe(422);
    expect(impossible.json().error.fields).toEqual([{ field: 'from', message: 'is not a date (YYYY-MM-DD)' }]);
    t.setNow(undefined as unknown as Date);
  });

  it('writes visits in the background: the redirect is answered before anything is stored', async () => {
    const code = codeOf((await shorten({ custToken, longUrl: 'https://example.com/background' })).json().shortUrl);
    await visit(defaultHost, `/${code}`);
    const stored = await t.database.db.selectFrom('short_url_visits').innerJoin('short_urls', 'short_urls.id', 'short_url_visits.link_id').select('short_urls.code').where('short_urls.code', '=', code).execute();
    expect(stored).toHaveLength(0);
    expect((await t.api('GET', `/api/short-urls/${defaultHost}/${code}`)).json().visits.humans).toBe(1);
  });

  it('honours redirectStatus, a custom slug, expiry and a visit limit', async () => {
    const permanent = (await shorten({ custToken, longUrl: 'https://example.com/p', redirectStatus: 301 })).json().shortUrl;
    expect((await visit(defaultHost, `/${codeOf(permanent)}`)).statusCode).toBe(301);
    const slug = await shorten({ custToken, longUrl: 'https://example.com/diwali', customSlug: 'diwali-sale' });
    expect(slug.json().shortUrl).toBe(`https://${defaultHost}/diwali-sale`);
    expect((await visit(defaultHost, '/diwali-sale')).headers.location).toBe('https://example.com/diwali');
    const expiring = await shorten({ custToken, longUrl: 'https://example.com/soon', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const expiringCode = codeOf(expiring.json().shortUrl);
    expect((await visit(defaultHost, `/${expiringCode}`)).statusCode).toBe(302);
    t.setNow(new Date(Date.now() + 120_000));
    const gone = await visit(defaultHost, `/${expiringCode}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('no longer available');
    t.setNow(undefined as unknown as Date);
    const limited = codeOf((await shorten({ custToken, longUrl: 'https://example.com/twice', maxVisits: 2 })).json().shortUrl);
    expect((await visit(defaultHost, `/${limited}`)).statusCode).toBe(302);
    // A link preview does not use up the limit.
    expect((await visit(defaultHost, `/${limited}`, { 'user-agent': 'facebookexternalhit/1.1' })).statusCode).toBe(302);
    expect((await visit(defaultHost, `/${limited}`)).statusCode).toBe(302);
    const third = await visit(defaultHost, `/${limited}`, { accept: 'application/json' });
    expect(third.statusCode).toBe(410);
    expect(third.json().error.code).toBe('SHORT_URL_GONE');
  });

  it('answers 410 for a disabled link at once on this node, and a new link for the same URL after that', async () => {
    const shortUrl = (await shorten({ custToken, longUrl: 'https://example.com/off' })).json().shortUrl;
    const code = codeOf(shortUrl);
    expect((await visit(defaultHost, `/${code}`)).statusCode).toBe(302);
    const patched = await t.api('PATCH', `/api/short-urls/${defaultHost}/${code}`, { disabled: true });
    expect(patched.json()).toMatchObject({ disabled: true, state: 'disabled' });
    expect((await visit(defaultHost, `/${code}`)).statusCode).toBe(410);
    const fresh = (await shorten({ custToken, longUrl: 'https://example.com/off' })).json().shortUrl;
    expect(fresh).not.toBe(shortUrl);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['relative', '/just/a/path'],
    ['scheme-relative', '//evil.example/x'],
    ['over-long', `https://example.com/${'a'.repeat(2030)}`],
    ['a space', 'https://example.com/a b'],
    ['a newline', 'https://exa\nmple.com/'],
    ['a tab', 'https://example.com/\tx'],
    ['a number', 12345],
    ['an object', { url: 'https://example.com' }],
    ['empty', ''],
    ['ftp', 'ftp://example.com/file'],
    ['no host', 'http:example.com'],
  ])('refuses a longUrl that is %s with 400 INVALID_URL', async (_label, longUrl) => {
    const response = await shorten({ custToken, longUrl }, '/api/short-urls');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_URL');
  });

  it('accepts a URL of exactly 2048 characters', async () => {
    const longUrl = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    expect((await shorten({ custToken, longUrl }, '/api/short-urls')).statusCode).toBe(201);
  });

  it("refuses a longUrl on one of the service's short-link domains with 422 naming longUrl, so no link redirects to itself or round others", async () => {
    const loop = await shorten({ custToken, longUrl: `http://${defaultHost}/loopme1`, customSlug: 'loopme1' }, '/api/short-urls');
    expect(loop.statusCode).toBe(422);
    expect(loop.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'longUrl', message: expect.stringContaining('redirect back here') }] });
    // Nothing was made: the slug answers 404.
    expect((await visit(defaultHost, '/loopme1')).statusCode).toBe(404);
    // The default host written otherwise (case, port, trailing dot), another link's code (A → B → A),
    // the service's own pages, the customer's own domain and another customer's, on both create paths.
    const other = codeOf((await shorten({ custToken, longUrl: 'https://example.com/target' })).json().shortUrl);
    for (const longUrl of [`https://S.Example.IN:8443/${other}`, `https://${defaultHost}./x`, `https://${defaultHost}/docs`, 'https://phn.io/anything', 'https://OTH.ER/abc']) {
      for (const path of ['/UrlShortner/phonon/shortUrl', '/api/short-urls']) {
        const response = await shorten({ custToken, longUrl }, path);
        expect(response.statusCode, `${path} ${longUrl}`).toBe(422);
        expect(response.json().error.fields).toEqual([{ field: 'longUrl', message: expect.stringContaining('short-link domains') }]);
      }
    }
    // A host that only ends like ours is another host.
    expect((await shorten({ custToken, longUrl: `https://not${defaultHost}/x` }, '/api/short-urls')).statusCode).toBe(201);
  });

  it('answers 401 for an unknown custToken and 400 for a foreign or unregistered domain', async () => {
    const unknown = await shorten({ custToken: unknownTokens.nobodyCustomer, longUrl: 'https://example.com' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CUST_TOKEN');
    const foreign = await shorten({ custToken, longUrl: 'https://example.com', domain: 'oth.er' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('DOMAIN_NOT_ALLOWED');
    expect((await shorten({ custToken, longUrl: 'https://example.com', domain: 'never.registered' })).json().error.code).toBe('DOMAIN_NOT_ALLOWED');
  });

  it('refuses a taken custom slug with 409 and a reserved or malformed one with 422', async () => {
    expect((await shorten({ custToken, longUrl: 'https://example.com/1', customSlug: 'offer' })).statusCode).toBe(200);
    const taken = await shorten({ custToken, longUrl: 'https://example.com/2', customSlug: 'offer' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('ALREADY_EXISTS');
    // The same slug on another domain is free.
    expect((await shorten({ custToken, longUrl: 'https://example.com/2', customSlug: 'offer', domain: 'phn.io' })).statusCode).toBe(200);
    for (const slug of ['api', 'Healthz', 'webhook', 'console', 'UrlShortner', 'docs', 'a b', 'x']) {
      const response = await shorten({ custToken, longUrl: 'https://example.com/3', customSlug: slug });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields[0].field).toBe('customSlug');
    }
  });

  it('never shadows the service routes', async () => {
    expect((await visit(defaultHost, '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await visit(defaultHost, '/metrics')).body).toContain('# TYPE flowhooks_webhook_requests_total counter');
    for (const path of ['/api', '/webhook', '/UrlShortner']) {
      const response = await visit(defaultHost, path, { accept: 'application/json' });
      expect(response.statusCode).toBe(404);
      expect(response.headers.location).toBeUndefined();
    }
    // /docs is the rendered API documentation, never a short URL.
    const docs = await visit(defaultHost, '/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    // /console is the web console's page, never a short code.
    const consolePage = await visit(defaultHost, '/console');
    expect(consolePage.statusCode).toBe(200);
    expect(consolePage.headers.location).toBeUndefined();
    expect(consolePage.headers['content-type']).toBe('text/html; charset=utf-8');
    // The webhook route on POST /{service}/{stage} still answers.
    const webhook = await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543210' }], { url: '/abc/prod' });
    expect(webhook.statusCode).toBe(200);
  });

  it('serves a QR code as PNG by default and as SVG on request', async () => {
    const shortUrl = (await shorten({ custToken, longUrl: 'https://example.com/qr' })).json().shortUrl;
    const png = await visit(defaultHost, `/${codeOf(shortUrl)}/qr`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const svg = await visit(defaultHost, `/${codeOf(shortUrl)}/qr?format=svg&size=128`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    expect(svg.body).toContain('width="128"');
    expect((await visit(defaultHost, `/${codeOf(shortUrl)}/qr?format=gif`)).statusCode).toBe(422);
    expect((await visit(defaultHost, '/Missing9/qr')).statusCode).toBe(404);
  });

  it('takes a QR size in decimal digits only, and refuses an unknown or ill-formed parameter, naming it', async () => {
    const code = codeOf((await shorten({ custToken, longUrl: 'https://example.com/qr-digits' })).json().shortUrl);
    for (const [query, field, message] of [
      ['size=0x100', 'size', 'must be a whole number from 64 to 1024, in decimal digits (no sign, leading zero, exponent or 0x)'],
      ['size=1e3', 'size', 'must be a whole number from 64 to 1024, in decimal digits (no sign, leading zero, exponent or 0x)'],
      ['size=0256', 'size', 'must be a whole number from 64 to 1024, in decimal digits (no sign, leading zero, exponent or 0x)'],
      ['size=256.0', 'size', 'must be a whole number from 64 to 1024, in decimal digits (no sign, leading zero, exponent or 0x)'],
      ['format[]=svg', 'format[]', 'is not a known field'],
      ['colour=red', 'colour', 'is not a known field'],
    ]) {
      const response = await visit(defaultHost, `/${code}/qr?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().error, query).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field, message }] });
    }
    const decimal = await visit(defaultHost, `/${code}/qr?size=256&format=svg`);
    expect(decimal.statusCode).toBe(200);
    expect(decimal.body).toContain('width="256"');
  });

  it('answers another account\'s short URL exactly like an unknown one', async () => {
    const shortUrl = (await shorten({ custToken, longUrl: 'https://example.com/account-1-only' })).json().shortUrl;
    const code = codeOf(shortUrl);
    const secondToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token as string;
    for (const [method, suffix, body] of [['GET', '', undefined], ['GET', '/visits', undefined], ['PATCH', '', { disabled: true }]] as const) {
      const foreign = await t.api(method, `/api/short-urls/${defaultHost}/${code}${suffix}`, body, secondToken);
      const unknown = await t.api(method, `/api/short-urls/${defaultHost}/Zz9Zz9Zz${suffix}`, body, secondToken);
      expect(foreign.statusCode, `${method} ${suffix}`).toBeGreaterThanOrEqual(400);
      expect({ status: foreign.statusCode, body: foreign.json() }, `${method} ${suffix}`).toEqual({ status: unknown.statusCode, body: unknown.json() });
    }
    expect((await visit(defaultHost, `/${code}`)).statusCode).toBe(302);
  });

  it('draws QR images up to 1024 pixels, refuses larger ones with a clear 422, and renders each (link, size, format) once', async () => {
    const shortUrl = (await shorten({ custToken, longUrl: 'https://example.com/qr-cache' })).json().shortUrl;
    const qr = (query: string) => visit(defaultHost, `/${codeOf(shortUrl)}/qr${query}`);
    const lookups = async () => {
      const text = (await visit(defaultHost, '/metrics')).body;
      return { hit: sample(text, 'flowhooks_qr_image_cache_lookups_total', { result: 'hit' }) ?? 0, miss: sample(text, 'flowhooks_qr_image_cache_lookups_total', { result: 'miss' }) ?? 0 };
    };
    const tooLarge = await qr('?size=2048');
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.json().error).toEqual({ code: 'VALIDATION_FAILED', message: 'size must be a whole number from 64 to 1024', fields: [{ field: 'size', message: 'must be a whole number from 64 to 1024' }] });
    const before = await lookups();
    const first = await qr('?size=1024');
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const again = await qr('?size=1024');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    expect((await qr('?size=1024&format=svg')).headers['content-type']).toContain('image/svg+xml');
    expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss + 2 });
  });

  it('manages customers: generated token shown once, a domain belongs to one customer, changes and deletion', async () => {
    const created = await t.api('POST', '/api/accounts/1/short-customers', { name: 'Gen', domains: ['gen.example'] });
    expect(created.statusCode).toBe(201);
    expect(created.json().custToken).toMatch(/^[0-9A-Za-z]{24}$/);
    const id = created.json().id;
    const listed = (await t.api('GET', '/api/accounts/1/short-customers')).json();
    expect(listed.find((customer: { id: string }) => customer.id === id)).toEqual(expect.not.objectContaining({ custToken: expect.anything() }));
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Dup', domains: ['phn.io'] })).statusCode).toBe(409);
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Dup', custToken: shortCustomerToken })).statusCode).toBe(409);
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Bad', domains: ['not a host'] })).statusCode).toBe(422);
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Default', domains: [defaultHost] })).statusCode).toBe(422);
    const patched = await t.api('PATCH', `/api/accounts/1/short-customers/${id}`, { domains: ['gen.example', 'gen2.example'], rotateToken: true });
    expect(patched.json().domains).toEqual(['gen.example', 'gen2.example']);
    const newToken = patched.json().custToken;
    expect((await shorten({ custToken: created.json().custToken, longUrl: 'https://example.com' })).statusCode).toBe(401);
    const link = (await shorten({ custToken: newToken, longUrl: 'https://example.com/gen', domain: 'gen2.example' })).json().shortUrl;
    expect((await visit('gen2.example', `/${codeOf(link)}`)).statusCode).toBe(302);
    expect((await t.api('DELETE', `/api/accounts/1/short-customers/${id}`)).statusCode).toBe(204);
    expect((await visit('gen2.example', `/${codeOf(link)}`)).statusCode).toBe(404);
    expect((await shorten({ custToken: newToken, longUrl: 'https://example.com' })).statusCode).toBe(401);
  });

  it("keeps a domain's links working after it leaves its customer, and gives it to another only once they are gone", async () => {
    const first = await t.api('POST', '/api/accounts/1/short-customers', { name: 'Old owner', domains: ['moved.example'] });
    const link = (await shorten({ custToken: first.json().custToken, longUrl: 'https://example.com/sent-by-sms', domain: 'moved.example' })).json().shortUrl;
    expect((await t.api('PATCH', `/api/accounts/1/short-customers/${first.json().id}`, { domains: [] })).statusCode).toBe(200);
    // Links already sent keep working on the host the customer still runs.
    expect((await visit('moved.example', `/${codeOf(link)}`)).statusCode).toBe(302);
    // So a long URL on it would still redirect back here.
    expect((await shorten({ custToken, longUrl: `https://moved.example/${codeOf(link)}` })).json().error.fields[0].field).toBe('longUrl');
    const taken = await t.api('POST', '/api/accounts/2/short-customers', { name: 'New owner', domains: ['moved.example'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'DOMAIN_HAS_LINKS', message: expect.stringContaining('moved.example (1 link)') });
    const other = (await t.api('POST', '/api/accounts/2/short-customers', { name: 'New owner' })).json();
    expect((await t.api('PATCH', `/api/accounts/2/short-customers/${other.id}`, { domains: ['moved.example'] })).json().error.code).toBe('DOMAIN_HAS_LINKS');
    expect((await t.api('DELETE', `/api/short-urls/moved.example/${codeOf(link)}`)).statusCode).toBe(204);
    expect((await t.api('PATCH', `/api/accounts/2/short-customers/${other.id}`, { domains: ['moved.example'] })).statusCode).toBe(200);
  });

  it("keeps another account's links and customers out of reach of an account token", async () => {
    const token2 = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
    const code = codeOf((await shorten({ custToken, longUrl: 'https://example.com/mine' })).json().shortUrl);
    expect((await t.api('GET', `/api/short-urls/${defaultHost}/${code}`, undefined, token2)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/accounts/1/short-customers', undefined, token2)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/accounts/2/short-customers', undefined, token2)).statusCode).toBe(200);
    // A change needs the admin token whoever's link it names (403 before the body is read), so it reveals nothing either.
    expect((await t.api('PATCH', `/api/short-urls/${defaultHost}/${code}`, { disabled: true }, token2)).statusCode).toBe(403);
  });
});
