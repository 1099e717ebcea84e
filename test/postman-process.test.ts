import type { TSchema } from '@sinclair/typebox';
import newman, { type NewmanRunSummary } from 'newman';
import { afterEach, describe, expect, it } from 'vitest';
import { allMethods } from '../src/methods/registry.js';
import { webhookFolder } from '../src/docs/postman.js';
import type { WebhookMethod } from '../src/methods/contract.js';
import { startDialer } from '../harness/dialer.js';
import { callApi, startServerProcess } from './server-process.js';
import { adminToken, databaseTargets, webhookToken } from './support.js';
import { googleTranslates, startTranslationServer } from '../harness/translation.js';
import { postmanDialerSecret, serverTranslationKey } from './secrets.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const method = (name: string): WebhookMethod => allMethods.find((candidate) => candidate.name === name)!;
/** The example a method documents for a parameter: the collection sends it, so the setup registers it. */
const example = (methodName: string, parameter: string) => String(((method(methodName).params.properties as Record<string, TSchema>)[parameter]!.examples as unknown[])[0]);

function runCollection(collection: unknown, token: string): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run({ collection: collection as never, folder: webhookFolder, envVar: [{ key: 'token', value: token }], reporters: [] }, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

describe.each(await databaseTargets())('the Postman collection run by newman against a server process on $name', (target) => {
  // A server process migrating a fresh database, then a whole collection run: longer than a unit test's 30 s on a loaded machine.
  it('answers every method of /postman.json with HTTP 200 and status SUCCESS, once the data its examples name is registered', { timeout: 90_000 }, async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const dialerSecret = postmanDialerSecret;
    const dialer = await startDialer(dialerSecret);
    cleanups.push(() => dialer.close());
    const translator = await startTranslationServer(googleTranslates);
    cleanups.push(() => translator.close());
    const server = await startServerProcess({
      ...fresh.settings,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
      FLOWHOOKS_TRANSLATE_URL: translator.url,
      FLOWHOOKS_TRANSLATE_API_KEY: serverTranslationKey,
      FLOWHOOKS_DISPATCH_POLL_MS: '50',
    });
    cleanups.push(() => server.stop('SIGKILL'));

    // What the examples refer to: the outbound flow with its securityID and client, two agents
    // (the collection pauses one before it allocates), and the bot with its token.
    const admin = (verb: string, path: string, body?: unknown) => callApi(server.address, adminToken, verb, path, body);
    expect((await admin('PATCH', '/api/accounts/1', { clientId: example('createOutbound', '$flow.syskey.clientID') })).status).toBe(200);
    const flow = await admin('POST', '/api/accounts/1/outbound-flows', {
      flowId: example('createOutbound', '$flow.syskey.flowID'),
      securityId: example('createOutbound', '$flow.syskey.securityID'),
      name: 'Postman example flow',
      dialerUrl: dialer.url,
      dialerSecret,
    });
    expect(flow.status).toBe(201);
    expect((await admin('POST', '/api/accounts/1/agents', { cli: example('updatePauseStatusForCLI', '$flow.key.cli'), name: 'Asha' })).status).toBe(201);
    expect((await admin('POST', '/api/accounts/1/agents', { cli: '9812300000', name: 'Ravi' })).status).toBe(201);
    const bot = await admin('POST', '/api/accounts/1/bots', {
      botId: example('linkcreation', '$flow.key.botid'),
      baseUrl: 'https://bot.example.com/chat',
      token: example('linkcreation', '$flow.key.token'),
    });
    expect(bot.status).toBe(201);

    const collection = await (await fetch(`${server.address}/postman.json`)).json();
    const summary = await runCollection(collection, webhookToken);

    expect(summary.run.failures.map((failure) => `${failure.source?.name}: ${failure.error.message}`)).toEqual([]);
    expect(summary.run.stats.requests).toMatchObject({ total: allMethods.length, failed: 0 });
    expect(summary.run.stats.assertions).toMatchObject({ total: 2 * allMethods.length, failed: 0 });
    expect(summary.run.executions.map((execution) => execution.item.name)).toEqual(allMethods.map((candidate) => candidate.name));
    // The calls did what they say: the dialer got the example numbers, the provider the example text.
    const numbers = example('createOutbound', '$flow.syskey.contactNumbers').split(/[,; ]+/).filter(Boolean);
    await dialer.waitFor(numbers.length);
    expect(dialer.received.every((delivery) => delivery.signatureValid)).toBe(true);
    expect(translator.requests).toHaveLength(1);
    expect(translator.requests[0]!.body.q).toEqual([example('translateText', '$flow.key.inputText')]);
  });
});
