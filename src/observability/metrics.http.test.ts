import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { googleTranslates, json, startTranslationServer } from '../../harness/translation.js';
import { startDialer, type DialerServer } from '../../harness/dialer.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, type TestApp } from '../../test/support.js';
import { createDispatcher } from '../methods/create-outbound/dispatcher.js';
import { createMetrics } from './metrics.js';
import { databaseReadings } from '../storage/readings.js';
import { sample } from '../../test/metrics-text.js';
import { metricsCustomerToken, metricsDialerSecret, metricsToken, metricsTranslationKey, unknownTokens } from '../../test/secrets.js';

const contact = { name: '$user.syskey.contactNumber', value: '9876543210' };
const dialerSecret = metricsDialerSecret;
const translationKey = metricsTranslationKey;

describe.each(await databaseTargets())('metrics on $name', (target) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startTranslationServer>>;
  let dialer: DialerServer;
  const scrape = async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.body;
  };

  beforeAll(async () => {
    provider = await startTranslationServer(googleTranslates);
    dialer = await startDialer(dialerSecret);
    t = await createTestApp(target, { env: { FLOWHOOKS_TRANSLATE_URL: provider.url, FLOWHOOKS_TRANSLATE_API_KEY: translationKey } });
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
    await dialer.close();
  });

  it('counts webhook calls by method, stage, outcome and status, with a latency histogram per method', async () => {
    const before = await scrape();
    const labels = { method: 'fetchUserPreferences', stage: 'prod', outcome: 'SUCCESS', status: '200' };
    const counted = sample(before, 'flowhooks_webhook_requests_total', labels) ?? 0;
    const timed = sample(before, 'flowhooks_webhook_duration_seconds_count', { method: 'fetchUserPreferences' }) ?? 0;
    await t.webhook('fetchUserPreferences', [contact]);
    await t.webhook('fetchUserPreferences', [contact]);
    await t.webhook('fetchUserPreferences', [contact], { url: '/prefs/test' });
    await t.webhook('fetchUserPreferences', [], { url: '/prefs/test' });
    await t.webhook('fetchUserPreferences', [contact], { token: unknownTokens.metrics });

    const after = await scrape();
    expect(sample(after, 'flowhooks_webhook_requests_total', labels)).toBe(counted + 2);
    expect(sample(after, 'flowhooks_webhook_requests_total', { ...labels, stage: 'test' })).toBe(1);
    expect(sample(after, 'flowhooks_webhook_requests_total', { method: 'fetchUserPreferences', stage: 'test', outcome: 'FAILURE', status: '422' })).toBe(1);
    // Refused before the method is known.
    expect(sample(after, 'flowhooks_webhook_requests_total', { method: 'unknown', stage: 'prod', outcome: 'FAILURE', status: '401' })).toBe(1);
    expect(sample(after, 'flowhooks_webhook_duration_seconds_count', { method: 'fetchUserPreferences' })).toBe(timed + 4);
    expect(sample(after, 'flowhooks_webhook_duration_seconds_bucket', { method: 'fetchUserPreferences', le: '+Inf' })).toBe(timed + 4);
    expect(sample(after, 'flowhooks_webhook_duration_seconds_sum', { method: 'fetchUserPreferences' })).toBeGreaterThan(0);
  });

  it('counts management API calls by route pattern and status', async () => {
    await t.api('GET', '/api/accounts/1');
    await t.api('GET', '/api/accounts/424242');
    const text = await scrape();
    expect(sample(text, 'flowhooks_api_requests_total', { route: 'GET /api/accounts/:id', status: '200' })).toBe(1);
    expect(sample(text, 'flowhooks_api_requests_total', { route: 'GET /api/accounts/:id', status: '404' })).toBe(1);
  });

  it('reports translation provider calls, their failures and the cache hits and misses', async () => {
    const translate = (text: string) =>
      t.webhook('translateText', [
        { name: '$flow.key.inputText', value: text },
        { name: '$flow.key.targetLang', value: 'Hindi' },
      ]);
    await translate('Press 1 for your balance');
    await translate('Press 1 for your balance');
    provider.answer((_request, response) => json(response, 403, { error: { code: 403, message: 'API key not valid', status: 'PERMISSION_DENIED' } }));
    expect(outputsOf(await translate('Thank you for calling'))['$flow.key.errorCode']).toBe('PROVIDER_AUTH');
    provider.answer(googleTranslates);

    const text = await scrape();
    expect(sample(text, 'flowhooks_translation_cache_lookups_total', { result: 'hit' })).toBe(1);
    expect(sample(text, 'flowhooks_translation_cache_lookups_total', { result: 'miss' })).toBe(2);
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_count', { provider: 'google', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_count', { provider: 'google', outcome: 'auth' })).toBe(1);
    expect(sample(text, 'flowhooks_provider_errors_total', { provider: 'google', failure: 'auth' })).toBe(1);
  });

  it('reports the outbound queue from the database, and delivery lag and dialer calls from the dispatcher', async () => {
    await t.api('PATCH', '/api/accounts/1', { clientId: 'metricsclient01' });
    const flow = (await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'METRICS1', name: 'Metrics', dialerUrl: dialer.url, dialerSecret })).json();
    const schedule = (numbers: string, delayMinutes: number) =>
      t.webhook('createOutbound', [
        { name: '$flow.syskey.securityID', value: flow.securityId },
        { name: '$flow.syskey.flowID', value: 'METRICS1' },
        { name: '$flow.syskey.clientID', value: 'metricsclient01' },
        { name: '$flow.syskey.contactNumbers', value: numbers },
        { name: '$flow.syskey.delayMinutes', value: delayMinutes },
      ]);
    await schedule('9876543201,9876543202', 0);
    await schedule('9876543203', 60);

    const queued = await scrape();
    expect(sample(queued, 'flowhooks_outbound_jobs', { status: 'scheduled' })).toBe(3);
    expect(sample(queued, 'flowhooks_outbound_jobs', { status: 'dispatching' })).toBe(0);
    expect(sample(queued, 'flowhooks_outbound_queue_depth', { state: 'due' })).toBe(2);
    expect(sample(queued, 'flowhooks_outbound_queue_depth', { state: 'undelivered' })).toBe(3);

    const metrics = createMetrics({ database: databaseReadings(t.database), processMetrics: false });
    const dispatcher = createDispatcher({ database: t.database, metrics, destinations: loopbackDestinations() });
    expect(await dispatcher.tick()).toBe(2);
    await dispatcher.stop();
    const dispatched = await metrics.registry.metrics();
    expect(sample(dispatched, 'flowhooks_outbound_delivery_lag_seconds_count')).toBe(2);
    expect(sample(dispatched, 'flowhooks_outbound_jobs_finished_total', { status: 'delivered' })).toBe(2);
    expect(sample(dispatched, 'flowhooks_provider_request_duration_seconds_count', { provider: 'dialer', outcome: 'ok' })).toBe(2);

    const after = await scrape();
    expect(sample(after, 'flowhooks_outbound_queue_depth', { state: 'due' })).toBe(0);
    expect(sample(after, 'flowhooks_outbound_queue_depth', { state: 'undelivered' })).toBe(1);
  });

  it('reports the size of written short-URL visit batches', async () => {
    await t.api('POST', '/api/accounts/1/short-customers', { name: 'Metrics', custToken: metricsCustomerToken });
    const created = await t.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: metricsCustomerToken, longUrl: 'https://example.com/m' } });
    const shortUrl = new URL(created.json().shortUrl);
    const visit = () => t.app.inject({ method: 'GET', url: shortUrl.pathname, headers: { host: shortUrl.host, 'user-agent': 'Mozilla/5.0 (Linux; Android 14)' } });
    for (let count = 0; count < 3; count++) expect((await visit()).statusCode).toBe(302);
    // Visits are written in the background, every 500 ms.
    await vi.waitFor(async () => expect(sample(await scrape(), 'flowhooks_short_url_visit_batch_size_sum')).toBe(3), { timeout: 5000, interval: 100 });
  });

  it('reports database connections', async () => {
    const text = await scrape();
    const total = sample(text, 'flowhooks_database_connections', { state: 'total' });
    // SQLite has its one connection; the test apps' PostgreSQL pools hold up to 4.
    if (target.name === 'sqlite') expect(total).toBe(1);
    else expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(4);
    expect(sample(text, 'flowhooks_database_connections', { state: 'idle' })).toBeLessThanOrEqual(total!);
    expect(sample(text, 'flowhooks_database_connections', { state: 'waiting' })).toBe(0);
  });

  it('reports how many writes a SQLite commit or a PostgreSQL statement held, each database only its own', async () => {
    // Five preference writes at once: five durable writes, committed together (SQLite) or sent as one statement (PostgreSQL).
    const fivePreferenceWrites = async () => {
      const calls = Array.from({ length: 5 }, (_, index) =>
        t.webhook('updateUserPreferences', [
          { name: '$user.syskey.contactNumber', value: `98765432${10 + index}` },
          { name: '$user.key.language', value: 'HINDI' },
        ]),
      );
      for (const answer of await Promise.all(calls)) expect(answer.statusCode).toBe(200);
    };
    const before = await scrape();
    const writesBefore = sample(before, 'flowhooks_sqlite_writes_total');
    const commitsBefore = sample(before, 'flowhooks_sqlite_commits_total');
    if (target.name !== 'sqlite') {
      expect(writesBefore).toBeUndefined();
      expect(commitsBefore).toBeUndefined();
      const grouped = (text: string, name: string) => sample(text, name, { write: 'preferences' }) ?? 0;
      await fivePreferenceWrites();
      const after = await scrape();
      expect(grouped(after, 'flowhooks_postgres_grouped_calls_total') - grouped(before, 'flowhooks_postgres_grouped_calls_total')).toBe(5);
      const statements = grouped(after, 'flowhooks_postgres_grouped_statements_total') - grouped(before, 'flowhooks_postgres_grouped_statements_total');
      expect(statements).toBeGreaterThanOrEqual(1);
      expect(statements).toBeLessThan(5);
      return;
    }
    expect(sample(before, 'flowhooks_postgres_grouped_calls_total', { write: 'preferences' })).toBeUndefined();
    await fivePreferenceWrites();
    const after = await scrape();
    expect(sample(after, 'flowhooks_postgres_grouped_calls_total', { write: 'preferences' })).toBeUndefined();
    expect(sample(after, 'flowhooks_sqlite_writes_total')! - writesBefore!).toBeGreaterThanOrEqual(5);
    const commits = sample(after, 'flowhooks_sqlite_commits_total')! - commitsBefore!;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(5);
  });
});

describe('/metrics with FLOWHOOKS_METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp((await databaseTargets())[0]!, { env: { FLOWHOOKS_METRICS_TOKEN: metricsToken } });
  });
  afterAll(() => t.close());

  it('answers 401 without the token or with another one, and the metrics with it', async () => {
    const bare = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error.code).toBe('UNAUTHORIZED');
    expect(bare.body).not.toContain('flowhooks_');
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('flowhooks_webhook_requests_total');
  });
});
