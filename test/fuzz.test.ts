import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMethods } from '../src/methods/registry.js';
import { errorCodes } from '../src/kernel/errors.js';
import { apiRequests, redirectRequests, shorten, webhookRequests, type FuzzRequest, type FuzzSeed } from './fuzz-requests.js';
import { adminToken, createTestApp, databaseTargets, webhookToken, type TestApp } from './support.js';
import { googleTranslates, startTranslationServer } from '../harness/translation.js';
import { fuzzBotToken, fuzzCustomerToken } from './secrets.js';

/**
 * Throws generated requests at the whole app in-process: webhook envelopes of
 * every shape, stage paths, content types, management-API bodies and
 * redirects. Whatever arrives, the server never answers 5xx, every error
 * has the wire body, no promise rejects unhandled, and /healthz keeps answering.
 *
 * FUZZ_RUNS (default 100 000 on SQLite; PostgreSQL and FLOWHOOKS_AUTH=off get a tenth) and
 * FUZZ_SEED (default fixed, printed) reproduce or widen a run.
 */
const sqliteRuns = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? 20_261_129);

const targets = await databaseTargets();
/**
 * Token auth on SQLite with the full count and on PostgreSQL with a tenth;
 * FLOWHOOKS_AUTH=off (accountID in the keys trusted) on SQLite with a tenth.
 */
const cases = [
  ...targets.map((target) => ({ target, auth: 'token' as const, runs: target.name === 'sqlite' ? sqliteRuns : Math.max(1, Math.round(sqliteRuns / 10)) })),
  { target: targets[0]!, auth: 'off' as const, runs: Math.max(1, Math.round(sqliteRuns / 10)) },
].map((entry) => ({ ...entry, label: `${entry.target.name}${entry.auth === 'off' ? ', FLOWHOOKS_AUTH=off' : ''}` }));

const webhookPath = /^\/(webhook|[^/]+\/[^/]+)\/?$/;

/** Why an answer breaks the contract, or undefined when it keeps it. */
function contractViolation(request: FuzzRequest, response: LightMyRequestResponse): string | undefined {
  if (response.statusCode >= 500) return `answered ${response.statusCode}: ${response.body.slice(0, 500)}`;
  if (!response.headers['x-request-id']) return 'no x-request-id header';
  if (request.method === 'HEAD') return undefined;
  const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
  if (response.statusCode >= 400) {
    // The redirect routes answer a browser with a page; everything else with the error body.
    if (request.kind === 'redirect' && !json) return response.headers['content-type']?.toString().startsWith('text/html') ? undefined : `a ${response.statusCode} that is neither JSON nor a page`;
    if (!json) return `a ${response.statusCode} without a JSON body`;
    const body = response.json() as { status?: unknown; error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== 'string' || !(body.error.code in errorCodes)) return `a ${response.statusCode} without a known error.code`;
    if (typeof body.error.message !== 'string' || body.error.message === '') return `a ${response.statusCode} without error.message`;
    if (errorCodes[body.error.code as keyof typeof errorCodes].status !== response.statusCode) return `error.code ${body.error.code} with HTTP ${response.statusCode}`;
    // A path no webhook route matches (`/svc/prod/extra`) or the router cannot decode gets the plain error body; the webhook routes answer FAILURE bodies.
    if (request.kind === 'webhook' && webhookPath.test(request.url.split('?')[0]!) && !['NOT_FOUND', 'INVALID_PATH'].includes(body.error.code) && body.status !== 'FAILURE') return `a webhook ${response.statusCode} without status FAILURE`;
    return undefined;
  }
  if (request.kind === 'webhook' && response.statusCode === 200) {
    const body = response.json() as Record<string, unknown>;
    if (body.status !== 'SUCCESS' && body.status !== 'FAILURE') return `status ${String(body.status)}`;
    // Every output value is a string (docs/protocol.md), in both response formats.
    const values = Array.isArray(body.keys) ? (body.keys as Array<{ value: unknown }>).map((key) => key.value) : Object.entries(body).filter(([name]) => name !== 'error').map(([, value]) => value);
    if (values.some((value) => typeof value !== 'string')) return 'an output value that is not a string';
  }
  return undefined;
}

describe.each(cases)('fuzzing the whole server on $label', ({ target, auth, runs, label }) => {
  let t: TestApp;
  let translation: Awaited<ReturnType<typeof startTranslationServer>>;
  let fuzzSeed: FuzzSeed;

  beforeAll(async () => {
    translation = await startTranslationServer(googleTranslates);
    t = await createTestApp(target, {
      // The limits answer 429 by design; here they would only hide the handlers from the generated calls (limits.http.test.ts covers them).
      env: { FLOWHOOKS_AUTH: auth, FLOWHOOKS_LOG_LEVEL: 'warn', FLOWHOOKS_AUTH_FAILURES_PER_MINUTE: '0', FLOWHOOKS_RATE_LIMIT_API_PER_MINUTE: '0', FLOWHOOKS_RATE_LIMIT_API_PER_IP_PER_MINUTE: '0', FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE: '0', FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_BLOCK_PER_MINUTE: '0', FLOWHOOKS_RATE_LIMIT_QR_PER_IP_PER_MINUTE: '0', FLOWHOOKS_TRANSLATE_URL: translation.url, FLOWHOOKS_TRANSLATE_TIMEOUT_MS: '2000', FLOWHOOKS_SHORT_BASE_URL: 'https://go.flowhooks.test' },
    });
    const expectStatus = async (response: Promise<LightMyRequestResponse>, status: number) => {
      const answer = await response;
      expect(answer.statusCode, answer.body).toBe(status);
      return answer.json();
    };
    await expectStatus(t.api('PATCH', '/api/accounts/1', { clientId: 'fuzzclient01' }), 200);
    await expectStatus(t.api('POST', '/api/accounts', { id: 2, name: 'Other tenant' }), 201);
    const other = await expectStatus(t.api('POST', '/api/accounts/2/tokens', { label: 'fuzz' }), 201);
    const flow = await expectStatus(t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'FUZZFLOW', name: 'Fuzz', dialerUrl: 'http://127.0.0.1:9/dial' }), 201);
    await expectStatus(t.api('POST', '/api/accounts/1/agents', { cli: '9876500001', name: 'Asha' }), 201);
    await expectStatus(t.api('POST', '/api/accounts/1/bots', { botId: 'fuzz-bot', baseUrl: 'https://bot.example.com/chat', token: fuzzBotToken }), 201);
    await expectStatus(t.api('POST', '/api/accounts/1/short-customers', { name: 'Fuzz shop', custToken: fuzzCustomerToken, domains: ['go.example.com'] }), 201);
    fuzzSeed = {
      webhookToken,
      adminToken,
      otherToken: other.token,
      clientId: 'fuzzclient01',
      flowId: 'FUZZFLOW',
      securityId: flow.securityId,
      botId: 'fuzz-bot',
      botToken: fuzzBotToken,
      custToken: fuzzCustomerToken,
      shortDomain: 'go.example.com',
      agentCli: '9876500001',
    };
  });
  afterAll(async () => {
    await t?.close();
    await translation?.close();
  });

  it(`keeps the contract for ${runs} generated requests (seed ${seed})`, { timeout: 600_000 }, async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    let sent = 0;
    // What the answers were, so a run shows it reached the handlers and not only the validators.
    const outcomes = new Map<string, number>();
    const tally = (request: FuzzRequest, response: LightMyRequestResponse) => {
      let label = `${request.kind} ${response.statusCode}`;
      if (String(response.headers['content-type'] ?? '').startsWith('application/json') && request.method !== 'HEAD') {
        const body = response.json() as { method?: string; status?: string; error?: { code?: string } };
        label += ` ${body.method ?? ''} ${body.error?.code ?? body.status ?? ''}`;
      }
      outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
    };
    const healthy = async () => {
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      return health.statusCode === 200 && health.json().status === 'ok';
    };
    const started = Date.now();
    try {
      const requests = fc.oneof(
        { weight: 6, arbitrary: webhookRequests(fuzzSeed) },
        { weight: 3, arbitrary: apiRequests(fuzzSeed) },
        { weight: 1, arbitrary: redirectRequests(fuzzSeed) },
      );
      console.log(`fuzzing ${label}: ${runs} runs, seed ${seed} (FUZZ_SEED=${seed} FUZZ_RUNS=… to repeat)`);
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const response = await t.app.inject({ method: request.method, url: request.url, headers: request.headers, ...(request.payload !== undefined && { payload: request.payload }) });
          tally(request, response);
          const violation = contractViolation(request, response);
          if (violation) throw new Error(`${request.method} ${shorten(request.url)}: ${violation}`);
          if (rejections.length) throw new Error(`unhandled rejection: ${String(rejections[0])}`);
          if (++sent % 5000 === 0 && !(await healthy())) throw new Error('/healthz stopped answering');
        }),
        { numRuns: runs, seed, verbose: 1, endOnFailure: true },
      );
      // Rejections surface a tick late; give them the chance before the last check.
      await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
      expect(await healthy()).toBe(true);
      expect(t.logs.filter((line) => line.includes('internal error'))).toEqual([]);
      // A long run must also get past validation: every method answers SUCCESS at least once.
      if (runs >= 20_000) {
        const unreached = allMethods.filter((method) => !outcomes.has(`webhook 200 ${method.name} SUCCESS`)).map((method) => method.name);
        expect(unreached, 'methods the generated calls never got a SUCCESS from').toEqual([]);
      }
    } finally {
      process.off('unhandledRejection', onRejection);
      const table = [...outcomes].sort((a, b) => b[1] - a[1]).map(([label, count]) => `  ${String(count).padStart(7)}  ${label}`);
      console.log(`fuzzing ${label}: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; answers:\n${table.join('\n')}`);
    }
  });
});
