import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationGuard, noPrivateDestinations } from '../../net/destinations.js';
import { startDialer, type DialerServer } from '../../../harness/dialer.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, testResolver, webhookToken, type TestApp } from '../../../test/support.js';
import { insertOutboundFlow } from '../../storage/outbound-flows.js';
import { hashSecurityId } from './create-outbound.js';
import { createDispatcher } from './dispatcher.js';
import { dialerSecret } from '../../../test/secrets.js';

const clientId = 'phononio123456';
const secret = dialerSecret;
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
// Names of the test resolver; none exists in DNS, so nothing here can leave the machine.
const resolver = testResolver({ 'dialer.corp.test': ['10.1.2.5'], 'dialer.loop.test': ['127.0.0.1'], 'rebind.test': ['93.184.215.14'] });

describe.each(await databaseTargets())('private destinations of outbound flows on $name', (target) => {
  describe('with the default allow-list (none)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(target, { env: { FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: '' }, resolver });
    });
    afterAll(() => t.close());

    it.each([
      ['http://169.254.169.254/latest/meta-data/', 'link-local'],
      ['http://127.0.0.1:8080/dial', 'loopback'],
      ['http://[::1]/dial', 'loopback'],
      ['http://10.0.0.8/dial', 'private'],
      ['https://dialer.corp.test/dial', 'dialer.corp.test resolves to 10.1.2.5'],
      ['http://100.100.100.200/', 'carrier-grade NAT'],
    ])('refuses the dialerUrl %s with a 422 naming the field and the setting, and stores nothing', async (dialerUrl, what) => {
      const response = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'PRIVATE1', name: 'Private', dialerUrl });
      expect(response.statusCode).toBe(422);
      const [issue] = response.json().error.fields;
      expect(issue.field).toBe('dialerUrl');
      expect(issue.message).toContain(what);
      expect(issue.message).toContain('FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS');
      expect((await t.api('GET', '/api/accounts/1/outbound-flows/PRIVATE1')).statusCode).toBe(404);
    });

    it('refuses a dialerUrl whose host does not resolve', async () => {
      const response = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'NOWHERE1', name: 'Nowhere', dialerUrl: 'https://nowhere.test/dial' });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields[0]).toMatchObject({ field: 'dialerUrl', message: expect.stringContaining('does not resolve') });
    });

    it('refuses a PATCH to a private dialerUrl and keeps the one it had', async () => {
      expect((await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'PUBLIC01', name: 'Public', dialerUrl: 'https://dialer.example.com/dial' })).statusCode).toBe(201);
      const patched = await t.api('PATCH', '/api/accounts/1/outbound-flows/PUBLIC01', { dialerUrl: 'http://192.168.1.20/dial', name: 'Changed' });
      expect(patched.statusCode).toBe(422);
      expect(patched.json().error.fields[0].field).toBe('dialerUrl');
      expect((await t.api('GET', '/api/accounts/1/outbound-flows/PUBLIC01')).json()).toMatchObject({ name: 'Public', dialerUrl: 'https://dialer.example.com/dial' });
    });
  });

  // The private URLs above and below are only sent to the API: it refuses or saves them, and no
  // dispatcher runs and no job is scheduled in these two groups, so nothing ever connects to them.
  describe('with an allow-list', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(target, { env: { FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: '10.1.2.0/24,127.0.0.0/8' }, resolver });
    });
    afterAll(() => t.close());

    it('accepts a dialer inside a listed range and still refuses the rest', async () => {
      expect((await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'ONPREM01', name: 'On premise', dialerUrl: 'https://dialer.corp.test/dial' })).statusCode).toBe(201);
      expect((await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'ONPREM02', name: 'On premise', dialerUrl: 'http://10.1.2.77/dial' })).statusCode).toBe(201);
      expect((await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'ONPREM03', name: 'Elsewhere', dialerUrl: 'http://10.1.3.1/dial' })).statusCode).toBe(422);
      expect((await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'METADATA', name: 'Metadata', dialerUrl: 'http://169.254.169.254/' })).statusCode).toBe(422);
    });
  });

  describe('at delivery time', () => {
    let t: TestApp;
    let dialer: DialerServer;
    let accountToken: string;
    beforeAll(async () => {
      t = await createTestApp(target, { resolver });
      await t.api('PATCH', '/api/accounts/1', { clientId });
      dialer = await startDialer(secret);
      accountToken = webhookToken;
    });
    afterAll(async () => {
      await dialer.close();
      await t.close();
    });

    async function scheduleOne(dialerUrl: string, flowId: string) {
      const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: flowId, dialerUrl, dialerSecret: secret });
      expect(created.statusCode).toBe(201);
      const response = await t.webhook('createOutbound', [key('securityID', created.json().securityId), key('flowID', flowId), key('clientID', clientId), key('contactNumbers', '9876543210')]);
      return outputsOf(response)['$flow.key.obdReqID']!;
    }

    it('refuses a name that resolves to a refused address when it connects, and tells the account only "destination refused"', async () => {
      // Saved while the name resolved to an allowed address; by delivery the guard refuses it (as after a DNS change).
      const port = new URL(dialer.url).port;
      const requestId = await scheduleOne(`http://dialer.loop.test:${port}/dial`, 'REBIND01');
      const before = dialer.received.length;
      const logs: string[] = [];
      const dispatcher = createDispatcher({
        database: t.database,
        destinations: destinationGuard({ allowList: noPrivateDestinations, resolver }),
        log: { debug() {}, info: (object) => logs.push(JSON.stringify(object)), warn: (object) => logs.push(JSON.stringify(object)), error() {} },
      });
      expect(await dispatcher.tick()).toBe(1);
      await dispatcher.stop();
      expect(dialer.received.length).toBe(before);
      const asAccount = (await t.api('GET', `/api/outbound-requests/${requestId}`, undefined, accountToken)).json();
      const [job] = asAccount.jobs;
      expect(job).toMatchObject({ status: 'scheduled', attempts: 1 });
      expect(job.lastError).toMatch(/^destination refused/);
      expect(job.lastError).toContain('FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS');
      expect(job.lastError).not.toContain('127.0.0.1');
      // The operator's log says which address was refused.
      expect(logs.join('\n')).toContain('dialer.loop.test resolves to 127.0.0.1 is a loopback address');
    });

    it('never shows, sends or logs the user info of a dialerUrl saved before it was refused', async () => {
      const password = 'hunter2dialerpw';
      const legacyUrl = `http://dialer:${password}@127.0.0.1:${new URL(dialer.url).port}/dial`;
      // Written as an older version stored it: the API refuses such a URL now.
      await insertOutboundFlow(t.database.db, 1, 'LEGACY01', hashSecurityId('a'.repeat(64)), { name: 'Legacy', dialerUrl: legacyUrl, dialerSecret: secret, throttlePerSecond: null, callingWindow: null }, Date.now());
      const response = await t.webhook('createOutbound', [key('securityID', 'a'.repeat(64)), key('flowID', 'LEGACY01'), key('clientID', clientId), key('contactNumbers', '9876543219')]);
      const requestId = outputsOf(response)['$flow.key.obdReqID']!;
      const before = dialer.received.length;
      const logs: string[] = [];
      const dispatcher = createDispatcher({ database: t.database, destinations: loopbackDestinations(resolver), log: { debug() {}, info: (object) => logs.push(JSON.stringify(object)), warn: (object) => logs.push(JSON.stringify(object)), error: (object) => logs.push(JSON.stringify(object)) } });
      await dispatcher.tick();
      await dispatcher.stop();
      expect(dialer.received.length).toBe(before);
      const shown = [
        (await t.api('GET', `/api/outbound-requests/${requestId}`, undefined, accountToken)).body,
        (await t.api('GET', '/api/accounts/1/outbound-flows/LEGACY01', undefined, accountToken)).body,
        (await t.api('GET', '/api/accounts/1/outbound-flows', undefined, accountToken)).body,
        logs.join('\n'),
        t.logs.join(''),
      ];
      for (const text of shown) expect(text).not.toContain(password);
      expect((await t.api('GET', '/api/accounts/1/outbound-flows/LEGACY01')).json().dialerUrl).toBe(`http://127.0.0.1:${new URL(dialer.url).port}/dial`);
      expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().jobs[0].lastError).toContain('user info');
    });

    it('refuses user info in a dialerUrl when it is saved', async () => {
      for (const dialerUrl of ['https://dialer:pw@dialer.example.com/dial', 'https://token@dialer.example.com/dial']) {
        const response = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'USERINFO', name: 'x', dialerUrl });
        expect(response.statusCode).toBe(422);
        expect(response.json().error.fields[0]).toMatchObject({ field: 'dialerUrl', message: expect.stringContaining('user info') });
      }
    });

    it('reports a dialer that cannot be reached as "connection failed", without the remote\'s error', async () => {
      const requestId = await scheduleOne('http://127.0.0.1:9/dial', 'CLOSED01');
      const logs: string[] = [];
      const dispatcher = createDispatcher({ database: t.database, destinations: loopbackDestinations(resolver), log: { debug() {}, info: (object) => logs.push(JSON.stringify(object)), warn() {}, error() {} } });
      await dispatcher.tick();
      await dispatcher.stop();
      const [job] = (await t.api('GET', `/api/outbound-requests/${requestId}`, undefined, accountToken)).json().jobs;
      expect(job.lastError).toBe('connection failed');
      expect(logs.join('\n')).toContain('ECONNREFUSED');
    });
  });
});
