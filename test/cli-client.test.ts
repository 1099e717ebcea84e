import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, databaseTargets, webhookToken } from './support.js';
import { runCli, startServerProcess, type ServerProcess } from './server-process.js';

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the flowhooks client commands against a running server', () => {
  let server: ServerProcess;
  let cleanup: () => Promise<void>;
  const asAdmin = () => ({ FLOWHOOKS_URL: server.address, FLOWHOOKS_TOKEN: adminToken });
  const asAccount1 = () => ({ FLOWHOOKS_URL: server.address, FLOWHOOKS_TOKEN: webhookToken });

  beforeAll(async () => {
    const [sqlite] = await databaseTargets();
    const fresh = await sqlite!.fresh();
    cleanup = fresh.cleanup;
    server = await startServerProcess({ ...fresh.settings, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken });
  });
  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  it('calls a method with bare names and prints the answer', async () => {
    const result = await runCli(['call', 'updateUserPreferences', '$user.syskey.contactNumber=9876543245', '$user.key.language=MARATHI'], asAccount1());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      method: 'updateUserPreferences',
      status: 'SUCCESS',
      keys: [{ name: '$flow.key.userPrefsUpdationSuccess', value: 'SUCCESS' }],
    });
    // contactNumber is found under any scope, so a bare name reaches the same customer.
    const read = await runCli(['call', 'fetchuserpreferences', 'contactNumber=+91 98765 43245'], asAccount1());
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).keys).toContainEqual({ name: '$user.key.language', value: 'MARATHI' });
  });

  it('asks for the flat answer with --flat, and pins now on the test stage with --test-now', async () => {
    const result = await runCli(
      ['call', 'validateDateAndTime', 'inputDate=6-12-2026', 'validMAxDays=5', '--stage', 'test', '--test-now', '2026-12-02T10:00:00+05:30', '--flat'],
      asAccount1(),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      outputDate: '2026-12-07T08:00:00+05:30',
      smsDate: '7-12-2026',
      SmsOutputTime: '08:00 AM to 08:00 PM',
      outputTime: '08:00 AM to 08:00 PM',
      outputDay: 'Monday',
      timeIsValid: 'true',
      dateIsValid: 'false',
      inputDateUnderstood: '2026-12-06',
      status: 'SUCCESS',
    });
  });

  it('exits 1 with the error on standard error when the call fails', async () => {
    const unknown = await runCli(['call', 'fetchUserPrefs'], asAccount1());
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBe('UNKNOWN_METHOD');
    expect(unknown.stderr).toMatch(/^UNKNOWN_METHOD: Unknown method "fetchUserPrefs"\. Known methods: .*validateDateAndTime/);

    const missing = await runCli(['call', 'validateDateAndTime', 'validMAxDays=5'], asAccount1());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('MISSING_PARAMETER');
    expect(missing.stderr).toContain('$flow.key.inputDate');

    const business = await runCli(['call', 'updatePauseStatusForCLI', 'cli=9123456789', 'pause=true'], asAccount1());
    expect(business.code).toBe(1);
    expect(business.stderr).toMatch(/^AGENT_NOT_FOUND: /);

    const refused = await runCli(['call', 'fetchUserPreferences', 'contactNumber=9876543245', '--token', 'fh_not_a_real_token_000000000000'], { FLOWHOOKS_URL: server.address });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^UNAUTHORIZED: /);
    expect(refused.stderr + refused.stdout).not.toContain('fh_not_a_real_token');
  });

  it('creates and lists accounts, makes a token, and that token calls webhooks for its account', async () => {
    const created = await runCli(['accounts', 'create', '--name', 'Pune branch', '--id', '40', '--timezone', 'Asia/Kolkata'], asAdmin());
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 40, name: 'Pune branch', timezone: 'Asia/Kolkata' });

    const again = await runCli(['accounts', 'create', '--name', 'Pune branch', '--id', '40'], asAdmin());
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('ALREADY_EXISTS: Account 40 already exists.\n');

    const listed = await runCli(['accounts', 'list'], asAdmin());
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((account: { id: number }) => account.id)).toEqual([1, 40]);
    expect(listed.stdout + listed.stderr).not.toContain(adminToken);

    const token = await runCli(['tokens', 'create', '40', '--label', 'ivr'], asAdmin());
    expect(token.code).toBe(0);
    const made = JSON.parse(token.stdout) as { token: string; label: string; accountId: number };
    expect(made).toMatchObject({ label: 'ivr', accountId: 40, token: expect.stringMatching(/^fh_/) });

    const call = await runCli(['call', 'updateUserPreferences', 'contactNumber=9876500040', '$user.key.tier=gold', 'accountID=40', '--token', made.token], {
      FLOWHOOKS_URL: server.address,
    });
    expect(call.code).toBe(0);
    const otherAccount = await runCli(['call', 'fetchUserPreferences', 'contactNumber=9876500040', 'accountID=1', '--token', made.token], {
      FLOWHOOKS_URL: server.address,
    });
    expect(otherAccount.code).toBe(1);
    expect(otherAccount.stderr).toMatch(/^FORBIDDEN_ACCOUNT: /);
  });

  it('lists and revokes webhook tokens; a revoked token is refused', async () => {
    const made = JSON.parse((await runCli(['tokens', 'create', '1', '--label', 'sms'], asAdmin())).stdout) as { id: string; token: string };
    const listedTokens = await runCli(['tokens', 'list', '1'], asAdmin());
    expect(listedTokens.code).toBe(0);
    expect((JSON.parse(listedTokens.stdout) as Array<{ label: string; setting: string | null; revokedAt: string | null }>).map((entry) => [entry.label, entry.setting, entry.revokedAt])).toEqual([
      ['initial webhook token', 'FLOWHOOKS_WEBHOOK_TOKEN', null],
      ['sms', null, null],
    ]);
    expect(listedTokens.stdout).not.toContain(made.token);
    expect((await runCli(['tokens', 'revoke', '1', made.id], asAdmin())).code).toBe(0);
    const refused = await runCli(['call', 'fetchUserPreferences', 'contactNumber=9876500040', '--token', made.token], { FLOWHOOKS_URL: server.address });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^UNAUTHORIZED: /);
  });

  it('creates, lists and revokes admin tokens', async () => {
    const created = await runCli(['tokens', 'create', 'admin', '--label', 'ops'], asAdmin());
    expect(created.code).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    const asNew = { FLOWHOOKS_URL: server.address, FLOWHOOKS_TOKEN: token };
    const listed = await runCli(['tokens', 'list', 'admin'], asNew);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ label: string; setting: string | null }>).map((entry) => [entry.label, entry.setting])).toEqual([
      ['initial admin token', 'FLOWHOOKS_ADMIN_TOKEN'],
      ['ops', null],
    ]);
    expect(JSON.parse((await runCli(['tokens', 'revoke', 'admin', id], asAdmin())).stdout)).toEqual({ revoked: id });
    const refused = await runCli(['tokens', 'list', 'admin'], asNew);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^UNAUTHORIZED: /);
    const missing = await runCli(['tokens', 'revoke', 'admin', 'no-such-id'], asAdmin());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^NOT_FOUND: /);
  });

  it('imports holidays of a country and region, and from a CSV or iCalendar file', async () => {
    await runCli(['accounts', 'create', '--name', 'Mumbai', '--id', '41'], asAdmin());
    const country = await runCli(['holidays', 'import', '41', '--country', 'IN', '--region', 'MH', '--year', '2026'], asAdmin());
    expect(country.code).toBe(0);
    expect(JSON.parse(country.stdout).imported).toBeGreaterThanOrEqual(5);

    const folder = mkdtempSync(join(tmpdir(), 'flowhooks-cli-'));
    const csv = join(folder, 'festivals.csv');
    writeFileSync(csv, 'date,name\n2026-11-08,Diwali\n2026-03-04,Holi\n');
    const fromCsv = await runCli(['holidays', 'import', '41', '--file', csv], asAdmin());
    expect(fromCsv.code).toBe(0);
    expect(JSON.parse(fromCsv.stdout)).toEqual({ imported: 2 });

    const ics = join(folder, 'office.ics');
    writeFileSync(ics, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'SUMMARY:Office closed', 'DTSTART;VALUE=DATE:20261231', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'));
    expect(JSON.parse((await runCli(['holidays', 'import', '41', '--file', ics], asAdmin())).stdout)).toEqual({ imported: 1 });

    const holidays = (await (await fetch(`${server.address}/api/accounts/41/holidays?year=2026`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as Array<{ date: string; name: string }>;
    expect(holidays).toEqual(expect.arrayContaining([
      { date: '2026-05-01', name: 'Maharashtra Day' },
      { date: '2026-11-08', name: 'Diwali' },
      { date: '2026-12-31', name: 'Office closed' },
    ]));

    const badRegion = await runCli(['holidays', 'import', '41', '--country', 'IN', '--region', 'ZZ', '--year', '2026'], asAdmin());
    expect(badRegion.code).toBe(1);
    expect(badRegion.stderr).toMatch(/^VALIDATION_FAILED: region /);
  });

  it.each([
    [['call'], /call needs a METHOD/],
    [['call', 'validateDateAndTime', 'inputDate'], /"inputDate" is not NAME=VALUE/],
    [['call', 'validateDateAndTime', '--stage', 'staging'], /--stage must be prod or test/],
    [['call', 'validateDateAndTime', '--test-now', '2026-12-02T10:00:00+05:30'], /--test-now needs --stage test/],
    [['call', 'validateDateAndTime', '--colour', 'red'], /Unknown option '--colour'/],
    [['call', 'validateDateAndTime', '--url', 'ftp://example.com'], /--url must be an http\(s\) address/],
    [['accounts', 'create'], /accounts create needs --name/],
    [['accounts', 'create', '--name', 'X', '--id', 'seven'], /--id must be a positive whole number/],
    [['accounts', 'delete'], /unknown accounts subcommand "delete"/],
    [['tokens', 'create', 'abc'], /ACCOUNT_ID \(or "admin"\) must be a positive whole number/],
    [['tokens', 'revoke', 'admin'], /tokens revoke needs the TOKEN_ID/],
    [['tokens', 'list', '40', '--label', 'x'], /--label goes with tokens create/],
    [['holidays', 'import', '41', '--country', 'IN'], /--country needs --year/],
    [['holidays', 'import', '41', '--file', 'holidays.txt'], /--file must be an \.ics or \.csv file/],
    [['holidays', 'import', '41', '--file', '/nonexistent/holidays.csv'], /cannot read \/nonexistent\/holidays\.csv: ENOENT/],
  ])('refuses bad arguments %j with exit 2 and a message', async (args, message) => {
    const result = await runCli(args, asAdmin());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('--help" for usage');
    expect(result.stdout).toBe('');
  });

  it('asks for the admin token rather than sending none', async () => {
    const result = await runCli(['accounts', 'list'], { FLOWHOOKS_URL: server.address });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs the admin token: pass --token or set FLOWHOOKS_TOKEN');
  });

  it('names the address it cannot reach', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    for (const args of [['call', 'fetchUserPreferences', 'contactNumber=9876543245'], ['accounts', 'list']]) {
      const result = await runCli([...args, '--url', url, '--token', adminToken], {});
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`cannot reach flowhooks at ${url}: connection refused (is the server running?)\n`);
    }
  });

  it('shows help for each command', async () => {
    for (const [args, text] of [
      [['call', '--help'], 'Usage: flowhooks call METHOD'],
      [['help', 'accounts'], 'flowhooks accounts create --name NAME'],
      [['tokens', '-h'], 'flowhooks tokens create ACCOUNT_ID|admin'],
      [['holidays', 'import', '--help'], '--file PATH'],
      [['help'], 'flowhooks call METHOD NAME=VALUE'],
    ] as const) {
      const result = await runCli([...args], {});
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(text);
    }
  });
});
