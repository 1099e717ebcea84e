import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { isCI } from '../harness/ci.js';
import { adminToken, webhookToken } from './support.js';
import { startDialer } from '../harness/dialer.js';
import { startReceiver } from '../harness/receiver.js';
import { callWebhook, startServerProcess, type ServerProcess } from './server-process.js';

// Debian's chromium, never a downloaded browser. Missing: skipped with a
// printed reason locally, a failure in CI (any truthy CI).
const chromiumPath = process.env.FLOWHOOKS_TEST_CHROMIUM ?? '/usr/bin/chromium';
const chromiumMissing = existsSync(chromiumPath) ? undefined : `${chromiumPath} not found (apt-get install -y chromium)`;
if (chromiumMissing) {
  if (isCI()) throw new Error(`The console end-to-end tests need Chromium: ${chromiumMissing}.`);
  console.warn(`Skipping the console end-to-end tests: ${chromiumMissing}.`);
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const screenshotFolder = join(import.meta.dirname, '..', 'test-results');

describe.skipIf(chromiumMissing !== undefined)('the web console in headless Chromium', () => {
  let folder: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let policyViolations: string[];

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.address}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return (await response.json()) as T;
  }

  /** Opens a console address and signs in there (the token lives in this tab's sessionStorage). */
  async function signIn(path: string, heading: string): Promise<void> {
    await page.goto(`${server.address}${path}`);
    await page.getByLabel('Admin token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  }

  async function chooseAccount(id: number): Promise<void> {
    const picker = page.getByLabel('Account', { exact: true });
    await expect.poll(() => picker.locator(`option[value="${id}"]`).count()).toBe(1);
    await picker.selectOption(String(id));
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'flowhooks-console-'));
    // A known port, so short URLs (and their QR images) point at this server.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    probe.close();
    await once(probe, 'close');
    server = await startServerProcess({
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(folder, 'flowhooks.db')}`,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // Served here under the Content-Security-Policy the console is meant to run under, so an inline script or style shows up as a violation.
    await context.route(
      (url) => url.pathname.startsWith('/console'),
      async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "default-src 'self'" } });
      },
    );
    page = await context.newPage();
    policyViolations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });

  afterEach(async (context: TestContext) => {
    if (context.task.result?.state === 'fail') {
      mkdirSync(screenshotFolder, { recursive: true });
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      await page.screenshot({ path: join(screenshotFolder, `console-${name}.png`), fullPage: true }).catch(() => {});
    }
    await page.context().close();
    expect(policyViolations).toEqual([]);
  });

  it('refuses a wrong token in words, signs in with the admin token and signs out', async () => {
    await page.goto(`${server.address}/console`);
    await page.getByLabel('Admin token').fill('not-the-admin-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/That token was not accepted: .*unknown or revoked/);

    await page.getByLabel('Admin token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The landing page is the overview.
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(adminToken);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).not.toContain(adminToken);
  });

  it('creates an account', async () => {
    await signIn('/console/accounts', 'Accounts');
    const create = page.getByRole('form', { name: 'Create an account' });
    await create.getByLabel('Name').fill('Acme Care');
    await create.getByLabel('Time zone').fill('Asia/Kolkata');
    await create.getByLabel('Default language').fill('MARATHI');
    await create.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => create.getByRole('status').textContent()).toMatch(/^Created account \d+ — Acme Care\.$/);
    await page.getByRole('cell', { name: 'Acme Care', exact: true }).waitFor();

    const accounts = await api<Array<{ id: number; name: string; defaultLanguage: string }>>('GET', '/api/accounts');
    expect(accounts).toContainEqual(expect.objectContaining({ name: 'Acme Care', defaultLanguage: 'MARATHI' }));
  });

  it('creates a webhook token shown once, which works until it is revoked', async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Token Co' });
    await signIn('/console/accounts', 'Accounts');
    await page.getByRole('button', { name: `Edit account ${account.id} Token Co` }).click();
    const create = page.getByRole('form', { name: 'Create a token' });
    await create.getByLabel('Label').fill('ivr flows');
    await create.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('code.token').textContent()) ?? '';
    expect(token).toMatch(/^fh_/);
    expect((await callWebhook(server.address, token, 'fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543210' }])).status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke token ivr flows' }).click();
    await expect.poll(() => page.getByRole('row', { name: /ivr flows/ }).textContent()).toMatch(/revoked/);
    expect((await callWebhook(server.address, token, 'fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543210' }])).status).toBe(401);
  });

  it('shows an invalid field of the API in words and creates nothing', async () => {
    await signIn('/console/accounts', 'Accounts');
    const create = page.getByRole('form', { name: 'Create an account' });
    await create.getByLabel('Name').fill('Bad Zone Ltd');
    await create.getByLabel('Time zone').fill('Mars/Olympus');
    await create.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => create.getByRole('status').textContent()).toMatch(/timezone/i);
    const accounts = await api<Array<{ name: string }>>('GET', '/api/accounts');
    expect(accounts.map((account) => account.name)).not.toContain('Bad Zone Ltd');
  });

  it('adds a holiday, shown on the month calendar', async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Holiday Co' });
    await signIn('/console/holidays', 'Holidays');
    await chooseAccount(account.id);
    const add = page.getByRole('form', { name: 'Add a holiday' });
    await add.getByLabel('Date').fill('2026-12-25');
    await add.getByLabel('Name').fill('Christmas Day');
    await add.getByRole('button', { name: 'Add holiday' }).click();
    await expect.poll(() => add.getByRole('status').textContent()).toBe('Added Christmas Day on 2026-12-25.');

    const calendar = page.getByRole('table', { name: 'December 2026' });
    await expect.poll(() => calendar.locator('td.holiday').textContent()).toBe('25Christmas Day');
    expect(await api('GET', `/api/accounts/${account.id}/holidays?year=2026`)).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);

    const importForm = page.getByRole('form', { name: 'Import public holidays' });
    await importForm.getByLabel('Country').fill('IN');
    await importForm.getByLabel('Region (optional)').fill('MH');
    await importForm.getByLabel('Year').fill('2027');
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => importForm.getByRole('status').textContent()).toMatch(/^Imported [1-9]\d* holidays\.$/);
    const imported = Number(/\d+/.exec((await importForm.getByRole('status').textContent()) ?? '')?.[0]);
    expect(await api<unknown[]>('GET', `/api/accounts/${account.id}/holidays?year=2027`)).toHaveLength(imported);
  });

  it('pauses an agent', async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Agents Co' });
    await api('POST', `/api/accounts/${account.id}/agents`, { cli: '9876543210', name: 'Asha' });
    await signIn('/console/agents', 'Agents');
    await chooseAccount(account.id);
    await page.getByRole('button', { name: 'Pause Asha' }).click();
    await page.getByRole('button', { name: 'Unpause Asha' }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Asha/ }).textContent()).toMatch(/on break since/);

    const agents = await api<Array<{ name: string; paused: boolean }>>('GET', `/api/accounts/${account.id}/agents`);
    expect(agents).toEqual([expect.objectContaining({ name: 'Asha', paused: true })]);
  });

  /** A new account with an outbound flow and one request scheduled two hours ahead through the createOutbound webhook. */
  async function scheduledRequest(name: string, clientId: string, flowId: string, contactNumbers: string): Promise<{ account: { id: number }; requestId: string | undefined }> {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name, clientId });
    const flow = await api<{ securityId: string }>('POST', `/api/accounts/${account.id}/outbound-flows`, { flowId, name: `${name} flow`, dialerUrl: 'http://127.0.0.1:9/dial' });
    const accountToken = (await api<{ token: string }>('POST', `/api/accounts/${account.id}/tokens`, {})).token;
    const scheduled = await callWebhook(server.address, accountToken, 'createOutbound', [
      { name: '$flow.syskey.securityID', value: flow.securityId },
      { name: '$flow.syskey.flowID', value: flowId },
      { name: '$flow.syskey.clientID', value: clientId },
      { name: '$flow.syskey.contactNumbers', value: contactNumbers },
      { name: '$flow.syskey.delayMinutes', value: '120' },
    ]);
    return { account, requestId: scheduled.body.keys.find((output) => output.name === '$flow.key.obdReqID')?.value };
  }

  it('lists outbound requests and cancels one, showing each number as cancelled', async () => {
    const { account, requestId } = await scheduledRequest('Dialer Co', 'dialerco000001', 'OBDE2E01', '9876543210,9812345678');
    expect(requestId).toBeDefined();

    await signIn('/console/outbound', 'Outbound');
    await chooseAccount(account.id);
    await page.getByRole('button', { name: `Details of request ${requestId}` }).click();
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await expect.poll(() => page.getByText(/^Cancelled \d+ jobs not yet delivered\.$/).textContent()).toBe('Cancelled 2 jobs not yet delivered.');
    const numbers = page.getByRole('table', { name: 'Numbers' });
    expect(await numbers.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['cancelled', 'cancelled']);
    expect(await api('GET', `/api/outbound-requests/${requestId}`)).toMatchObject({ status: 'cancelled' });
  });

  it("keeps the account picked last on screen when an earlier account's list answers late", async () => {
    const slow = await api<{ id: number }>('POST', '/api/accounts', { name: 'Slow Co', clientId: 'slowco00000001' });
    const { account: shown, requestId } = await scheduledRequest('Shown Co', 'shownco0000001', 'OBDLATE1', '9876543210');
    // Hold the first account's list until the second account's is on screen.
    const slowList = `${server.address}/api/accounts/${slow.id}/outbound-requests`;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const isSlowList = (url: URL) => url.href.startsWith(slowList);
    await page.route(isSlowList, async (route) => {
      await released;
      await route.continue();
    });
    try {
      await signIn('/console/outbound', 'Outbound');
      await chooseAccount(slow.id);
      await chooseAccount(shown.id);
      const details = page.getByRole('button', { name: `Details of request ${requestId}` });
      await details.waitFor();
      const lateAnswer = page.waitForResponse((response) => response.url().startsWith(slowList));
      release();
      await (await lateAnswer).finished();
      // The late answer has been read (two frames: its body parsed, then drawn or dropped);
      // the page must still show the account picked last.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await details.count()).toBe(1);
      await expect.poll(() => page.getByLabel('Account', { exact: true }).inputValue()).toBe(String(shown.id));
    } finally {
      release();
      await page.unroute(isSlowList);
    }
  });

  it('manages the do-not-call list on the outbound page: add, search, remove, import a scrub file, refuse a bad one by line', async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Scrub Co', country: 'IN' });
    await signIn('/console/outbound', 'Outbound');
    await chooseAccount(account.id);
    const region = page.getByRole('region', { name: 'Do-not-call list' });
    await expect.poll(() => region.getByText(/numbers on the list\.$/).textContent()).toBe('0 numbers on the list.');

    const add = region.getByRole('form', { name: 'Add to the do-not-call list' });
    await add.getByLabel('Numbers to add').fill('9876543210, 09812345678 +919700000001');
    await add.getByRole('button', { name: 'Add numbers' }).click();
    await expect.poll(() => add.getByRole('status').textContent()).toBe('Added: 3 added, 0 already on the list; 3 numbers on the list now.');
    const numbers = region.getByRole('table', { name: 'Do-not-call numbers' });
    await expect.poll(() => numbers.locator('tbody tr td:first-child').allTextContents()).toEqual(['+919700000001', '+919812345678', '+919876543210']);

    const search = region.getByRole('form', { name: 'Search the do-not-call list' });
    await search.getByLabel('Search numbers').fill('98123');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => numbers.locator('tbody tr td:first-child').allTextContents()).toEqual(['+919812345678']);
    await expect.poll(() => region.getByText(/numbers match/).textContent()).toBe('1 numbers match "98123".');

    await region.getByRole('button', { name: 'Remove +919812345678' }).click();
    await expect.poll(() => region.getByText(/^Removed /).textContent()).toBe('Removed +919812345678 from the do-not-call list.');
    expect(await region.getByText('no number matches.').count()).toBe(1);
    expect((await fetch(`${server.address}/api/accounts/${account.id}/dnc/9812345678`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(404);

    const importForm = region.getByRole('form', { name: 'Import a scrub file' });
    await importForm.getByLabel('Scrub file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('number,name\n9600000001,Asha\nnot a number,Ravi\n9600000002,Kiran\n') });
    await importForm.getByRole('button', { name: 'Import file' }).click();
    await expect.poll(() => importForm.getByRole('status').textContent()).toMatch(/^Nothing was imported: 1 bad rows \(line 3: "not a number" is not a valid phone number/);

    await importForm.getByLabel('Scrub file').setInputFiles({ name: 'scrub.csv', mimeType: 'text/csv', buffer: Buffer.from('number,name\n9600000001,Asha\n9876543210,Ravi\n09600000002,Kiran\n') });
    await importForm.getByRole('button', { name: 'Import file' }).click();
    await expect.poll(() => importForm.getByRole('status').textContent()).toBe('Imported: 2 added, 1 already on the list (3 rows); 4 numbers on the list now.');
    await search.getByLabel('Search numbers').fill('');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => numbers.locator('tbody tr td:first-child').allTextContents()).toEqual(['+919600000001', '+919600000002', '+919700000001', '+919876543210']);
    expect(await numbers.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['import', 'import', 'api', 'api']);
  });

  it("shows every setting the API returns for an outbound flow", async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Settings Co' });
    await api('POST', `/api/accounts/${account.id}/outbound-flows`, { flowId: 'OBDSET01', name: 'Reminders', dialerUrl: 'http://127.0.0.1:9/dial', throttlePerSecond: 3, callingWindow: { start: '09:00', end: '21:00' } });
    await signIn('/console/outbound', 'Outbound');
    await chooseAccount(account.id);
    await page.getByRole('button', { name: 'Settings of flow OBDSET01' }).click();
    await expect.poll(() => page.locator('dl[aria-label="Settings of flow OBDSET01"] dt').allTextContents()).toEqual(expect.arrayContaining(['flowId', 'name', 'dialerUrl', 'throttlePerSecond', 'callingWindow']));
    const facts = await page.locator('dl[aria-label="Settings of flow OBDSET01"]').evaluate((list) =>
      Object.fromEntries([...list.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent])),
    );
    expect(facts).toMatchObject({ name: 'Reminders', throttlePerSecond: '3', callingWindow: 'start: 09:00, end: 21:00' });
  });

  it('shows a status webhook that refuses callbacks: its failures and deliveries; disables, enables and removes it', { timeout: 60_000 }, async () => {
    const dialerSecret = 'whsec_ZGlhbGVyLXNlY3JldC1mb3ItdGVzdHMtMDAwMQ==';
    const dialer = await startDialer(dialerSecret);
    // Refuses for an hour first: one failed attempt, the retry far off, so what the page shows holds still.
    const receiver = await startReceiver(() => ({ status: 503, headers: { 'retry-after': '3600' } }));
    try {
      const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Callbacks Co', clientId: 'callbacks00001', timezone: 'UTC', workingDaysOff: [] });
      const flow = await api<{ securityId: string }>('POST', `/api/accounts/${account.id}/outbound-flows`, { flowId: 'OBDHOOK1', name: 'Callbacks', dialerUrl: dialer.url, dialerSecret });
      const accountToken = (await api<{ token: string }>('POST', `/api/accounts/${account.id}/tokens`, {})).token;
      const createOutbound = async (number: string) => {
        const answer = await callWebhook(server.address, accountToken, 'createOutbound', [
          { name: '$flow.syskey.securityID', value: flow.securityId },
          { name: '$flow.syskey.flowID', value: 'OBDHOOK1' },
          { name: '$flow.syskey.clientID', value: 'callbacks00001' },
          { name: '$flow.syskey.contactNumbers', value: number },
        ]);
        expect(answer.body.status).toBe('SUCCESS');
      };
      const endpointsApi = () => api<Array<{ failureCount: number; disabled: boolean; lastSuccessAt: string | null }>>('GET', `/api/accounts/${account.id}/status-webhooks`);

      await signIn('/console/outbound', 'Outbound');
      await chooseAccount(account.id);
      const region = page.getByRole('region', { name: 'Status webhooks' });
      await region.getByText('Status webhook endpoints: none yet: this account gets no status callbacks.').waitFor();

      const add = region.getByRole('form', { name: 'Add a status webhook' });
      await add.getByLabel('Endpoint URL').fill('http://someone:hunter2@127.0.0.1:9/status');
      await add.getByRole('button', { name: 'Add endpoint' }).click();
      await expect.poll(() => add.getByRole('status').textContent()).toMatch(/url.*must not carry user info/);
      expect(await endpointsApi()).toEqual([]);

      await add.getByLabel('Endpoint URL').fill(receiver.url);
      for (const type of ['outbound.job.attempted', 'outbound.job.completed', 'outbound.request.completed']) await add.getByLabel(type, { exact: true }).uncheck();
      await add.getByRole('button', { name: 'Add endpoint' }).click();
      await expect.poll(() => region.getByText(/signing secret is shown only now/).textContent()).toBe(
        `Added ${receiver.url}. Its signing secret is shown only now: keep it where your receiver checks the signatures.`,
      );
      const secret = (await region.locator('code.token').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      receiver.useSecret(secret);

      const endpoints = region.getByRole('table', { name: 'Status webhook endpoints' });
      const row = endpoints.locator('tbody tr').filter({ hasText: receiver.url });
      const cells = () => row.locator('td').allTextContents();
      // URL, events, state, failures, last success, last failure.
      await expect.poll(async () => (await cells()).slice(0, 6)).toEqual([receiver.url, 'outbound.job.delivered', 'enabled', '0', '—', '—']);

      // A dial the dialer accepts: one outbound.job.delivered callback, refused.
      await createOutbound('9876500001');
      await receiver.waitFor(1);
      expect(receiver.received[0]).toMatchObject({ type: 'outbound.job.delivered', signatureValid: true });
      await expect.poll(async () => (await endpointsApi())[0]?.failureCount, { timeout: 10_000 }).toBe(1);
      await region.getByRole('button', { name: 'Refresh endpoints' }).click();
      await expect.poll(async () => (await cells())[3]).toBe('1');
      expect((await cells()).slice(2, 5)).toEqual(['enabled', '1', '—']);
      expect((await cells())[5]).toMatch(/: status webhook answered HTTP 503$/);

      await row.getByRole('button', { name: `Deliveries of ${receiver.url}` }).click();
      const deliveries = region.getByRole('table', { name: `Recent deliveries to ${receiver.url}` });
      const deliveryRows = () => deliveries.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      await expect.poll(async () => (await deliveryRows()).map((cellsOfRow) => cellsOfRow.slice(0, 5))).toEqual([['outbound.job.delivered', 'pending', '1', '503', 'status webhook answered HTTP 503']]);
      expect((await deliveryRows())[0]?.[6]).toMatch(/^next attempt /);
      expect((await deliveryRows())[0]?.[7]).toBe(receiver.received[0]?.messageId);

      await row.getByRole('button', { name: `Disable ${receiver.url}` }).click();
      await expect.poll(async () => (await cells())[2]).toMatch(/^disabled since .+: disabled through the API$/);
      expect(await region.getByText(/^Disabled /).textContent()).toBe(`Disabled ${receiver.url}: it gets no callbacks until it is enabled.`);
      expect((await endpointsApi())[0]?.disabled).toBe(true);

      // Enabled again, the count starts from 0, and a callback the receiver takes shows as delivered.
      receiver.behave(() => 204);
      await row.getByRole('button', { name: `Enable ${receiver.url}` }).click();
      await expect.poll(async () => (await cells()).slice(2, 4)).toEqual(['enabled', '0']);
      await createOutbound('9876500002');
      await expect.poll(async () => (await endpointsApi())[0]?.lastSuccessAt, { timeout: 10_000 }).not.toBeNull();
      await region.getByRole('button', { name: 'Refresh endpoints' }).click();
      await expect.poll(async () => (await cells())[4]).not.toBe('—');
      await expect.poll(async () => (await deliveryRows())[0]?.slice(0, 4)).toEqual(['outbound.job.delivered', 'delivered', '1', '204']);
      expect((await deliveryRows())[0]?.[6]).toMatch(/^delivered /);

      // 410 Gone disables the endpoint by itself, with the reason shown.
      receiver.behave(() => 410);
      await createOutbound('9876500003');
      await expect.poll(async () => (await endpointsApi())[0]?.disabled, { timeout: 10_000 }).toBe(true);
      await region.getByRole('button', { name: 'Refresh endpoints' }).click();
      await expect.poll(async () => (await cells())[2]).toMatch(/^disabled since .+: the endpoint answered 410 Gone$/);
      expect((await cells())[3]).toBe('1');
      await expect.poll(async () => (await deliveryRows())[0]?.slice(0, 5)).toEqual(['outbound.job.delivered', 'dropped', '1', '410', 'status webhook answered HTTP 410']);

      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: `Remove ${receiver.url}` }).click();
      await expect.poll(() => region.getByText(/^Removed /).textContent()).toBe(`Removed ${receiver.url}.`);
      expect(await region.getByText('Status webhook endpoints: none yet: this account gets no status callbacks.').count()).toBe(1);
      expect(await deliveries.count()).toBe(0);
      expect(await endpointsApi()).toEqual([]);
    } finally {
      await dialer.close();
      await receiver.close();
    }
  });

  it('runs a method in the playground, shows its answer and copies it as curl', async () => {
    await signIn('/console/playground', 'Webhook playground');
    const call = page.getByRole('form', { name: 'Webhook call' });
    await expect.poll(() => call.getByLabel('Method').locator('option').allTextContents()).toContain('pullreport');
    await call.getByLabel('Method').selectOption('pullreport');

    await call.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => call.getByRole('status').first().textContent()).toMatch(/^Fill in the required parameters: .*\$flow\.key\.reportType/);

    await call.getByLabel('$flow.key.reportType (required)').fill('call');
    await call.getByLabel('$flow.key.flowid (required)').fill('PLAYGROUND1');
    await call.getByLabel('$flow.key.starttime (required)').fill('2026-11-20T10:15:00.000+5:30');
    await call.getByLabel('$flow.key.dnis').fill('18005550100');
    await call.getByLabel('Stage').selectOption('test');
    await call.getByLabel(/^Test "now"/).fill('2026-12-06T19:00:00+05:30');
    await call.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await expect.poll(() => response.locator('.status-line').textContent()).toBe('HTTP 200 OK');
    const answer = JSON.parse((await response.locator('pre').textContent()) ?? '') as { method: string; status: string };
    expect(answer).toMatchObject({ method: 'pullreport', status: 'SUCCESS' });

    // The test stage tags the row `test`, and testNow pins the time it was received.
    const rows = await api<{ rows: Array<{ flowId: string; dnis: string }> }>('GET', '/api/accounts/1/reports/call?flowId=PLAYGROUND1&stage=test');
    expect(rows.rows).toEqual([expect.objectContaining({ flowId: 'PLAYGROUND1', dnis: '18005550100', stage: 'test', receivedAt: '2026-12-06T13:30:00.000Z' })]);

    await call.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = (await page.locator('pre.curl').textContent()) ?? '';
    expect(curl).toContain(`curl -sS -X POST '${server.address}/webhook/test'`);
    expect(curl).toContain('{"name":"$flow.syskey.testNow","value":"2026-12-06T19:00:00+05:30"}');
    expect(curl).toContain('"method":"pullreport"');
    expect(curl).toContain('$FLOWHOOKS_TOKEN');
    expect(curl).not.toContain(adminToken);
  });

  it('downloads a report as CSV and charts calls per day', async () => {
    for (const [callId, startTime] of [['csv-1', '2026-11-18T09:00:00.000+5:30'], ['csv-2', '2026-11-18T11:30:00.000+5:30'], ['csv-3', '2026-11-19T09:00:00.000+5:30']]) {
      const written = await callWebhook(server.address, webhookToken, 'pullreport', [
        { name: '$flow.key.reportType', value: 'call' },
        { name: '$flow.key.flowid', value: 'CSVFLOW' },
        { name: '$flow.key.starttime', value: startTime },
        { name: '$flow.key.dnis', value: '18001234567' },
        { name: '$flow.key.callId', value: callId },
        { name: '$flow.key.agentName', value: 'Ravi, "the closer"' },
      ]);
      expect(written.body.status).toBe('SUCCESS');
    }
    await signIn('/console/reports', 'Reports');
    await chooseAccount(1);
    const filters = page.getByRole('form', { name: 'Report filters' });
    await filters.getByLabel('Report type').fill('call');
    await filters.getByLabel('Flow id').fill('CSVFLOW');
    await filters.getByRole('button', { name: 'Show rows' }).click();
    await expect.poll(() => filters.getByRole('status').textContent()).toBe('3 rows.');
    expect(await page.getByRole('img', { name: /^Calls per day\./ }).getAttribute('aria-label')).toBe('Calls per day. 2026-11-18: 2, 2026-11-19: 1');

    const [download] = await Promise.all([page.waitForEvent('download'), filters.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('call-prod.csv');
    const file = readFileSync(await download.path(), 'utf8');
    // A byte order mark first, for Excel on Windows.
    expect(file.startsWith('\ufeff')).toBe(true);
    const csv = file.slice(1).trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^startTime,startAt,flowId,dnis,dtmf,callId,accountId,stage,receivedAt,agentName$/i);
    expect(csv.slice(1).map((line) => line.split(',').slice(2, 6).join(','))).toEqual(['CSVFLOW,18001234567,,csv-1', 'CSVFLOW,18001234567,,csv-2', 'CSVFLOW,18001234567,,csv-3']);
    expect(csv[1]).toContain('"Ravi, ""the closer"""');
  });

  it('lists short URLs with a per-day visits chart and the QR image', async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Links Co', timezone: 'UTC' });
    const customer = await api<{ custToken: string }>('POST', `/api/accounts/${account.id}/short-customers`, { name: 'Shop' });
    const link = await api<{ shortUrl: string }>('POST', '/api/short-urls', { custToken: customer.custToken, longUrl: 'https://example.com/offer' });
    for (let visit = 0; visit < 2; visit++) {
      const redirect = await fetch(link.shortUrl, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' } });
      expect(redirect.status).toBe(302);
    }

    await signIn('/console/short-urls', 'Short URLs');
    await chooseAccount(account.id);
    await page.getByRole('button', { name: `Visits and QR of ${link.shortUrl}` }).click();
    const today = new Date().toISOString().slice(0, 10);
    await expect.poll(() => page.getByRole('img', { name: /^Visits by people per day\./ }).getAttribute('aria-label')).toMatch(new RegExp(`${today}: 2$`));
    const qr = page.getByRole('img', { name: `QR code of ${link.shortUrl}` });
    await expect.poll(() => qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  });

  it('is usable 360 px wide: the navigation opens from the Menu button by keyboard', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn('/console/reports', 'Reports');
    const agentsLink = page.getByRole('link', { name: 'Agents' });
    expect(await agentsLink.isVisible()).toBe(false);

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await agentsLink.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    expect(page.url()).toBe(`${server.address}/console/agents`);
    expect(await agentsLink.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it("shows the series row a number matched and how often each findLanguage rule answered the account's calls this week", async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Language Co' });
    const token = (await api<{ token: string }>('POST', `/api/accounts/${account.id}/tokens`, {})).token;
    await callWebhook(server.address, token, 'updateUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9831011111' }, { name: '$user.key.language', value: 'TAMIL' }]);
    for (const cli of ['9831011111', '9831011112', '9831011113', '6100012345']) {
      const answered = await callWebhook(server.address, token, 'findLanguage', [{ name: '$flow.key.cli', value: cli }, { name: '$flow.key.languageSupported', value: 'HINDI,BENGALI,TAMIL' }]);
      expect(answered.body.status).toBe('SUCCESS');
    }
    // The invocation log is written in the background, about once a second.
    await expect.poll(async () => (await api<{ total: number }>('GET', `/api/numbering/language-sources?accountId=${account.id}`)).total, { timeout: 10_000 }).toBe(4);

    await signIn('/console/numbering', 'Numbering');
    await chooseAccount(account.id);
    const counts = page.getByRole('table', { name: 'findLanguage answers by source, last 7 days' });
    await expect.poll(() => counts.getByRole('row', { name: /^circle / }).textContent()).toBe("circlethe mobile number's circle250 %");
    expect(await counts.getByRole('row', { name: /^preference / }).textContent()).toBe("preferencethe caller's stored choice125 %");
    expect(await counts.getByRole('row', { name: /^default / }).textContent()).toBe("defaultthe account's default language125 %");

    const lookup = page.getByRole('form', { name: 'Look a number up' });
    await lookup.getByLabel('Number').fill('+91 98310 11111');
    await lookup.getByLabel('Languages offered').fill('HINDI,BANGLA,TAMIL');
    await lookup.getByRole('button', { name: 'Look up' }).click();
    const row = page.getByLabel('The row that matched');
    await row.waitFor();
    const facts = Object.fromEntries(
      await row.locator('dt').evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent])),
    );
    expect(facts).toMatchObject({
      Series: '9831',
      Sources: 'tcf+rm+lpn',
      Circle: 'KOLKATA (KO)',
      Confidence: 'low',
      'Alternative circle': 'MAHARASHTRA (MH)',
      'Stored preference': 'TAMIL',
      Answer: 'TAMIL (preference)',
    });

    await lookup.getByLabel('Number').fill('98200');
    await lookup.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => lookup.getByRole('status').textContent()).toMatch(/^number has an impossible length/);
  });

  // 300 webhook calls first: more than the other tests' few.
  it('opens on an overview that draws its charts and tables from the calls made', { timeout: 90_000 }, async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Overview Co' });
    const { token } = await api<{ token: string }>('POST', `/api/accounts/${account.id}/tokens`, { label: 'overview' });
    const calls: Array<[string, Array<{ name: string; value: unknown }>]> = [
      ['validateDateAndTime', [{ name: '$flow.key.inputDate', value: 'tomorrow' }]],
      ['validateDateAndTime', [{ name: '$flow.key.inputDate', value: 'ask my husband first' }]],
      ['findLanguage', [{ name: '$flow.key.cli', value: '9876543210' }, { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH' }]],
      ['fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543245' }]],
      ['allocateAgent', []],
    ];
    const outcomes = { SUCCESS: 0, FAILURE: 0, '4xx': 0, '5xx': 0 };
    // A few hundred mixed calls, as a fresh server would see them.
    for (let round = 0; round < 60; round++) {
      const answers = await Promise.all(calls.map(([method, keys]) => callWebhook(server.address, token, method, keys)));
      for (const answer of answers) outcomes[answer.status >= 500 ? '5xx' : answer.status >= 400 ? '4xx' : (answer.body.status as 'SUCCESS' | 'FAILURE')] += 1;
    }
    expect(outcomes['4xx']).toBeGreaterThanOrEqual(60);
    // The server writes its invocation log every second.
    await expect.poll(async () => (await api<{ calls: number }>('GET', `/api/overview?accountId=${account.id}`)).calls, { timeout: 10_000 }).toBe(300);

    await signIn('/console', 'Overview');
    await page.getByLabel('Account', { exact: true }).selectOption(String(account.id));
    await expect.poll(() => page.locator('[data-total="calls"]').textContent(), { timeout: 15_000 }).toBe('300');
    for (const [kind, count] of Object.entries(outcomes)) expect(await page.locator(`[data-total="${kind}"]`).textContent()).toBe(String(count));
    // Calls per hour: coloured segments in the SVG, and the same numbers in the table beside it.
    const perHour = page.getByRole('img', { name: /^Calls per hour, stacked by outcome\./ });
    expect(await perHour.getAttribute('aria-label')).toContain(`SUCCESS: ${outcomes.SUCCESS}, FAILURE: ${outcomes.FAILURE}, 4xx: ${outcomes['4xx']}`);
    expect(await perHour.locator('rect.segment').count()).toBeGreaterThan(0);
    const hourTable = page.getByRole('table', { name: /^Calls per hour/ });
    expect(await hourTable.locator('tbody tr').count()).toBeGreaterThan(0);
    // Failures by code and p95 per method, drawn and tabled.
    expect(await page.getByRole('img', { name: /^Calls by error code\./ }).getAttribute('aria-label')).toContain('UNPARSEABLE_DATE: 60');
    await page.getByRole('table', { name: 'Error codes' }).getByRole('cell', { name: 'UNPARSEABLE_DATE' }).waitFor();
    const p95 = page.getByRole('img', { name: /^p95 duration per method/ });
    expect(await p95.locator('rect.bar').count()).toBe(4);
    const methods = page.getByRole('table', { name: 'Calls and durations per method' });
    expect(await methods.getByRole('row', { name: /validateDateAndTime 120 60 0 60 0/ }).count()).toBe(1);
    // Another period answers from the same data.
    await page.getByLabel('Period', { exact: true }).selectOption('168');
    await expect.poll(() => page.locator('[data-total="calls"]').textContent(), { timeout: 15_000 }).toBe('300');
  });

  it('lists a refused date input on the Misses page, with a link that opens the playground filled in', { timeout: 60_000 }, async () => {
    const account = await api<{ id: number }>('POST', '/api/accounts', { name: 'Misses Co' });
    const { token } = await api<{ token: string }>('POST', `/api/accounts/${account.id}/tokens`, { label: 'misses' });
    for (let call = 0; call < 3; call++) {
      const answer = await callWebhook(server.address, token, 'validateDateAndTime', [{ name: '$flow.key.inputDate', value: 'when the 3 moons align' }]);
      expect(answer.status).toBe(422);
    }
    // The invocation log writes in batches: wait until all three calls are counted, not only the first batch, before the page reads them.
    await expect.poll(async () => (await api<{ misses: Array<{ count: number }> }>('GET', `/api/misses?accountId=${account.id}`)).misses.map((miss) => miss.count), { timeout: 10_000 }).toEqual([3]);

    await signIn('/console/misses', 'Misses');
    await page.getByLabel('Account', { exact: true }).selectOption(String(account.id));
    const dates = page.getByRole('table', { name: /^Date inputs validateDateAndTime could not read/ });
    const row = dates.getByRole('row', { name: /when the 3 moons align 3/ });
    await row.waitFor();
    await row.getByRole('link', { name: 'Try in the playground' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook playground' }).waitFor();
    await expect.poll(() => page.getByLabel('Method', { exact: true }).inputValue(), { timeout: 15_000 }).toBe('validateDateAndTime');
    await expect.poll(() => page.locator('input[data-parameter="$flow.key.inputDate"]').inputValue(), { timeout: 15_000 }).toBe('when the 3 moons align');
  });

  it('shows the invocation log, or the API error in words', async () => {
    await signIn('/console/invocations', 'Invocation log');
    const answer = await fetch(`${server.address}/api/invocations`, { headers: { authorization: `Bearer ${adminToken}` } });
    const message = page.locator('main > p.notice');
    if (answer.status === 404) {
      // Until the invocation log route exists, the page says what the API said.
      await expect.poll(() => message.textContent()).toBe('No route for GET /api/invocations.');
    } else {
      await expect.poll(() => message.textContent()).toMatch(/calls shown/);
    }
  });
});
