import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { createNumberingPlan } from '../src/adapters/numbering/numbering.js';
import { readNumberingData, shippedDataFolder } from '../src/adapters/numbering/shipped-data.js';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';

/**
 * `npm run bench`: loads every webhook method and the short-URL redirect with
 * autocannon, on SQLite and on PostgreSQL (when FLOWHOOKS_TEST_PG answers;
 * the output says so when it is skipped), beside a bare Fastify handler
 * measured in the same run before each database's pass; then the outbound
 * dispatcher. Prints the results and writes them to bench/RESULTS.md
 * (BENCH_RESULTS names another file).
 *
 * BENCH_SECONDS (default 5) sets each scenario's duration; BENCH_CONNECTIONS
 * (default 10) its concurrency; BENCH_JOBS (default 2000) the dispatcher's jobs.
 * BENCH_ONLY=validateDate,findLanguage measures only the scenarios whose names contain one of them (no dispatcher, RESULTS.md untouched unless BENCH_RESULTS is set).
 * BENCH_PARTS=methods,limits,dispatcher (default all) picks the parts: the webhook
 * scenarios, the cost of cluster-wide limits, the dispatcher and outcome reports.
 * FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS, when set, is passed to the measured servers
 * (0 keeps a server on a busy machine from shedding the bench's own load).
 * Peak RSS of each server process is read from /proc/<pid>/status (VmHWM) before it stops.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const token = 'bench-webhook-token-000000001';
const adminToken = 'bench-admin-token-00000000001';
const benchClientId = 'benchclient0001';
const jobCount = Number(process.env.BENCH_JOBS ?? 2000);
const parts = new Set((process.env.BENCH_PARTS ?? 'methods,limits,dispatcher').split(',').map((part) => part.trim()));
const shedding = process.env.FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS !== undefined ? { FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: process.env.FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS } : {};
const pgUrl = process.env.FLOWHOOKS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The outbound flow the createOutbound scenario schedules on; set in main(). */
let benchFlow = { flowId: 'BENCH001', securityId: '' };
const here = fileURLToPath(new URL('.', import.meta.url));

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Scenario {
  name: string;
  method: string;
  keys: () => Array<{ name: string; value: string }>;
  /** A GET scenario instead of a webhook call: the path on flowhooks and on the bare server, and headers. */
  get?: { path: () => string; baselinePath: string; headers: Record<string, string> };
}

async function startProcess(script: string, args: string[], env: Record<string, string>, readyMessage: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: '127.0.0.0/8', ...shedding, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; address?: string };
        if (entry.msg === readyMessage && entry.address) {
          // Stop reading log lines: parsing them would take CPU from the load generator.
          lines.close();
          child.stdout!.resume();
          resolve(entry.address);
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, address };
}

/** Loads a GET route without following redirects; a 3xx counts as success. */
async function loadGet(url: string, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, method: 'GET', headers });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result['4xx'] + result['5xx'],
  };
}

async function load(url: string, scenario: Scenario): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ method: scenario.method, keys: scenario.keys() }) }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const randomMobile = () => `98${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const knownContact = '9876543210';
// Callers across the mobile ranges (some series known, some not) and a few landlines.
const callerPrefixes = ['98', '99', '97', '94', '90', '88', '82', '79', '75', '70', '63', '080', '022', '0120'];
const randomCaller = () => {
  const prefix = callerPrefixes[Math.floor(Math.random() * callerPrefixes.length)] as string;
  const length = prefix.startsWith('0') ? 11 : 10;
  return prefix + String(Math.floor(Math.random() * 10 ** (length - prefix.length))).padStart(length - prefix.length, '0');
};

/** Heap the shipped numbering data takes once loaded into its lookup maps, in MiB. */
function numberingMemoryMiB(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const plan = createNumberingPlan(readNumberingData(shippedDataFolder()));
  gc();
  const after = process.memoryUsage().heapUsed;
  plan.lookup('9820012345', 'MOBILE');
  return (after - before) / 2 ** 20;
}

// Callers who stored a language; the second findLanguage scenario calls as one of them, in another written form.
const preferringCallers = Array.from({ length: 200 }, (_, index) => `+91 97770 ${String(index).padStart(5, '0')}`);
const preferredLanguages = ['TAMIL', 'TELUGU', 'BENGALI', 'ENGLISH'];

// Direct-dial agents seeded through the API; the pause scenario toggles a random one.
const agentNumbers = Array.from({ length: 20 }, (_, index) => `97000000${String(index).padStart(2, '0')}`);

const browser = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
/** Set by seed() once the short link exists. */
let shortCode = '';
const benchBot = { botId: 'bench-bot', token: 'bench-bot-token-000001' };

// Prompts a flow translates again and again: after the seeding call each is a cache hit.
const prompts = ['Press 1 for your balance', 'Your appointment is confirmed', 'Please hold, an agent will join you', 'Thank you for calling', 'Say your date of birth'];
let translationProviderCalls = 0;

/** A local stand-in for Google Cloud Translation v2, counting the calls that reach it. */
async function startFakeTranslationProvider(): Promise<{ url: string; close(): void }> {
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += String(chunk)));
    request.on('end', () => {
      translationProviderCalls++;
      const body = JSON.parse(raw) as { q: string[]; target: string };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { translations: [{ translatedText: `[${body.target}] ${body.q[0]}`, detectedSourceLanguage: 'en' }] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const allScenarios: Scenario[] = [
  {
    name: 'translateText (cache hit)',
    method: 'translateText',
    keys: () => [
      { name: '$flow.key.inputText', value: prompts[Math.floor(Math.random() * prompts.length)]! },
      { name: '$flow.key.targetLang', value: 'Hindi' },
    ],
  },
  {
    name: 'fetchUserPreferences',
    method: 'fetchUserPreferences',
    keys: () => [{ name: '$user.syskey.contactNumber', value: knownContact }],
  },
  {
    name: 'updateUserPreferences',
    method: 'updateUserPreferences',
    keys: () => [
      { name: '$user.syskey.contactNumber', value: randomMobile() },
      { name: '$user.key.language', value: 'HINDI' },
      { name: '$user.key.bestTime', value: 'evening' },
    ],
  },
  {
    name: 'pullreport',
    method: 'pullreport',
    keys: () => [
      { name: '$flow.key.reportType', value: 'call' },
      { name: '$flow.key.flowid', value: '58' },
      { name: '$flow.key.starttime', value: '2021-01-11T09:00:00.000+5:30' },
      { name: '$flow.key.dtmf', value: '1' },
      { name: '$flow.key.dnis', value: '18001234567' },
      { name: '$flow.key.callId', value: randomUUID() },
      { name: '$flow.key.language', value: 'HINDI' },
      { name: '$flow.key.campaign', value: 'diwali' },
    ],
  },
  {
    // Callers with nothing stored: the preference read misses, the circle answers.
    name: 'findLanguage (nothing stored)',
    method: 'findLanguage',
    keys: () => [
      { name: '$flow.key.cli', value: randomCaller() },
      { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH,MARATHI,TELGU,TAMIL,BENGALI' },
    ],
  },
  {
    // Callers who chose a language before (seeded with updateUserPreferences): the preference read answers.
    name: 'findLanguage (stored preference)',
    method: 'findLanguage',
    keys: () => [
      { name: '$flow.key.cli', value: preferringCallers[Math.floor(Math.random() * preferringCallers.length)]! },
      { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH,MARATHI,TELGU,TAMIL,BENGALI' },
    ],
  },
  {
    name: 'updatePauseStatusForCLI (toggle)',
    method: 'updatePauseStatusForCLI',
    keys: () => [{ name: '$flow.key.cli', value: agentNumbers[Math.floor(Math.random() * agentNumbers.length)]! }],
  },
  {
    name: 'allocateAgent',
    method: 'allocateAgent',
    keys: () => [],
  },
  {
    name: 'validateDateAndTime',
    method: 'validateDateAndTime',
    keys: () => [
      { name: '$flow.key.inputDate', value: dateInputs[Math.floor(Math.random() * dateInputs.length)]! },
      { name: '$flow.key.validMAxDays', value: '10' },
    ],
  },
  {
    // The utterance corpus of the understanding module (docs/methods/validate-date-and-time.md): sentences, spoken forms, typos, Hindi and other Indian languages.
    name: 'validateDateAndTime (corpus mix)',
    method: 'validateDateAndTime',
    keys: () => [
      { name: '$flow.key.inputDate', value: corpusInputs[Math.floor(Math.random() * corpusInputs.length)]! },
      { name: '$flow.key.validMAxDays', value: '10' },
    ],
  },
  {
    // A week ahead, so the jobs stay in the table and the dispatcher stays idle during the load.
    name: 'createOutbound (1 number, due in 7 days)',
    method: 'createOutbound',
    keys: () => [
      { name: '$flow.syskey.securityID', value: benchFlow.securityId },
      { name: '$flow.syskey.flowID', value: benchFlow.flowId },
      { name: '$flow.syskey.clientID', value: benchClientId },
      { name: '$flow.syskey.delayMinutes', value: '10080' },
      { name: '$flow.syskey.contactNumbers', value: randomMobile() },
    ],
  },
  {
    // Every call stores a bot session and a short link.
    name: 'linkcreation',
    method: 'linkcreation',
    keys: () => [
      { name: '$flow.key.cli', value: randomMobile() },
      { name: '$flow.key.botid', value: benchBot.botId },
      { name: '$flow.key.token', value: benchBot.token },
      { name: '$flow.key.orderId', value: randomUUID() },
    ],
  },
  {
    // GET /{code} as a phone's browser sends it: cached lookup, visit recorded in the background.
    name: 'short URL redirect (visit recorded)',
    method: 'GET',
    keys: () => [],
    get: { path: () => `/${shortCode}`, baselinePath: '/bench001', headers: { 'user-agent': browser, accept: 'text/html' } },
  },
];

/**
 * Every utterance of the corpus that names a day (refusals answer 422 and would count as errors), less the
 * festivals, which resolve only through the corpus's own calendar; fixed-date national days stay.
 */
const corpusInputs: string[] = (() => {
  const corpus = JSON.parse(readFileSync(join(here, '..', '..', 'src', 'methods', 'validate-date', 'understand', 'corpus.json'), 'utf8')) as { utterances: Record<string, Array<[string, string]>> };
  return Object.entries(corpus.utterances)
    .filter(([category]) => category !== 'named-days')
    .flatMap(([, lines]) => lines.filter(([, expected]) => expected !== 'REFUSE').map(([text]) => text))
    .concat(['republic day', 'christmas', 'independence day', 'gandhi jayanti']);
})();

/** BENCH_ONLY (parts of scenario names, comma-separated, case-insensitive) measures only the scenarios it names, skips the dispatcher and prints without writing RESULTS.md unless BENCH_RESULTS is set. */
const only = process.env.BENCH_ONLY?.toLowerCase();
const onlyParts = (only ?? '').split(',').map((part) => part.trim()).filter(Boolean);
const scenarios = only ? allScenarios.filter((scenario) => onlyParts.some((part) => scenario.name.toLowerCase().includes(part))) : allScenarios;

/** A mix of what callers say: ISO, day-first, English and Hindi; the account has holidays seeded. */
const dateInputs = ['2026-12-24T10:30:00+05:30', '25-12-2026', 'tomorrow at 5 pm', 'day after tomorrow', 'next monday', 'kal', 'in 3 days'];
async function adminCall(address: string, method: string, path: string, body: unknown) {
  return send(address, method, path, body, adminToken);
}

/** Account 1 gets a clientId and an outbound flow pointing at `dialerUrl`. */
async function seedOutboundFlow(address: string, flowId: string, dialerUrl: string): Promise<{ flowId: string; securityId: string }> {
  await adminCall(address, 'PATCH', '/api/accounts/1', { clientId: benchClientId });
  const flow = await adminCall(address, 'POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Bench', dialerUrl, dialerSecret: benchDialerSecret });
  return { flowId, securityId: String(flow.securityId) };
}

const benchDialerSecret = `whsec_${Buffer.from('bench-dialer-secret-000001').toString('base64')}`;

/** A dialer that accepts everything and records when each job arrived against its due time. */
async function startSink() {
  const lags: number[] = [];
  const delivered: Array<{ resultPath: string; attempt: number }> = [];
  const waiters: Array<() => void> = [];
  let target = Infinity;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { dueAt: string; resultPath: string; attempt: number };
      lags.push(Date.now() - Date.parse(body.dueAt));
      delivered.push({ resultPath: body.resultPath, attempt: body.attempt });
      response.writeHead(200).end();
      if (lags.length >= target) waiters.splice(0).forEach((resolve) => resolve());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dial`,
    lags,
    delivered,
    reached(count: number) {
      target = count;
      return lags.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const percentile = (values: number[], fraction: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? 0;

/** Schedules `jobCount` jobs due now on a fresh server and measures their delivery to a local sink. */
async function dispatchBench(label: string, env: Record<string, string>): Promise<{ row: string; peakRss: string }> {
  const sink = await startSink();
  const server = await startProcess(
    join(here, '..', 'src', 'cli.js'),
    ['serve'],
    // The sink listens on 127.0.0.1; private destinations are refused unless listed.
    { PORT: '0', FLOWHOOKS_WEBHOOK_TOKEN: token, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_DISPATCH_POLL_MS: '50', FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: '127.0.0.0/8', ...env },
    'flowhooks ready',
  );
  try {
    const flow = await seedOutboundFlow(server.address, 'DISPATCH', sink.url);
    const started = Date.now();
    for (let offset = 0; offset < jobCount; offset += 1000) {
      const numbers = Array.from({ length: Math.min(1000, jobCount - offset) }, (_, index) => `96${String(offset + index).padStart(8, '0')}`);
      // Checked (and retried through load shedding): a batch lost silently would leave the wait below hanging.
      await post(server.address, '/webhook', {
        method: 'createOutbound',
        keys: [
          { name: '$flow.syskey.securityID', value: flow.securityId },
          { name: '$flow.syskey.flowID', value: flow.flowId },
          { name: '$flow.syskey.clientID', value: benchClientId },
          { name: '$flow.syskey.contactNumbers', value: numbers.join(',') },
        ],
      }, token);
    }
    await sink.reached(jobCount);
    const seconds = (Date.now() - started) / 1000;
    const reports = await outcomeReports(server.address, sink.delivered);
    const peakRss = peakRssMiB(server.child);
    return {
      row: `| ${label} | ${jobCount} | ${(jobCount / seconds).toFixed(0)} | ${percentile(sink.lags, 0.5)} | ${percentile(sink.lags, 0.99)} | ${reports.requestsPerSecond.toFixed(0)} | ${reports.p50} / ${reports.p99} | ${reports.errors} | ${peakRss} |`,
      peakRss,
    };
  } finally {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
    await sink.close();
  }
}

/**
 * The dialer's side of the loop: one signed outcome report (`answered`) for
 * each delivered job, each job once, `connections` at a time; every report
 * ends its job and checks whether its request is complete.
 */
async function outcomeReports(address: string, delivered: Array<{ resultPath: string; attempt: number }>): Promise<Figures> {
  const signer = new Webhook(benchDialerSecret);
  let next = 0;
  const result = await autocannon({
    url: address,
    connections,
    amount: delivered.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const job = delivered[next++ % delivered.length]!;
          const body = JSON.stringify({ disposition: 'answered', durationSeconds: 30, attempt: job.attempt });
          const id = `msg_bench_${next}`;
          const now = new Date();
          return {
            ...request,
            path: job.resultPath,
            headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signer.sign(id, now, body) },
            body,
          };
        },
      },
    ],
  });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Runs `work` on a fresh PostgreSQL schema, dropped afterwards; undefined when PostgreSQL does not answer. */
async function withPostgresSchema<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T | undefined> {
  const schema = `fh_bench_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  try {
    // A PostgreSQL server refuses to start without a short base URL (docs/deploying.md).
    return await work({ DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, FLOWHOOKS_SHORT_BASE_URL: 'http://127.0.0.1:8080' });
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

/** The most memory the process has held (VmHWM), read before it stops; "n/a" where /proc is missing. */
function peakRssMiB(child: ChildProcess): string {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a';
  } catch {
    return 'n/a';
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function post(address: string, path: string, body: unknown, bearer?: string) {
  return send(address, 'POST', path, body, bearer);
}

/**
 * A seeding call. On a loaded machine it may meet the server's load shedding
 * (503 OVERLOADED): it waits as the answer asks, a few times. Any other
 * failure, and a webhook answering FAILURE, stops the run: a scenario seeded
 * wrongly would measure something else (or wait forever for its jobs).
 */
async function send(address: string, method: string, path: string, body: unknown, bearer?: string) {
  let response: Response;
  for (let attempt = 1; ; attempt++) {
    response = await fetch(`${address}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(bearer && { authorization: `Bearer ${bearer}` }) },
      body: JSON.stringify(body),
    });
    if (response.status !== 503 || attempt === 5) break;
    const retryAfter = Number(response.headers.get('retry-after') ?? 1);
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(retryAfter, 1), 10) * 1000));
  }
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const answer = (await response.json()) as Record<string, unknown>;
  if (path === '/webhook' && answer.status !== 'SUCCESS') throw new Error(`${method} ${path} answered ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

/** What the scenarios read: an outbound flow, cached translations, a contact, agents, holidays, a short link and a bot. */
async function seed(address: string): Promise<void> {
  benchFlow = await seedOutboundFlow(address, 'BENCH001', 'http://127.0.0.1:9/never-called');
  for (const prompt of prompts) {
    await post(address, '/webhook', { method: 'translateText', keys: [{ name: '$flow.key.inputText', value: prompt }, { name: '$flow.key.targetLang', value: 'Hindi' }] }, token);
  }
  await post(address, '/webhook', { method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: knownContact }, { name: '$user.key.language', value: 'TAMIL' }] }, token);
  for (const [index, caller] of preferringCallers.entries()) {
    // Stored as 9777000000 (national form); called as +91 97770 00000: the same E.164 identity.
    const stored = caller.replace(/^\+91 /, '').replace(/ /g, '');
    await post(address, '/webhook', { method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: stored }, { name: '$user.key.language', value: preferredLanguages[index % preferredLanguages.length]! }] }, token);
  }
  // The scenario must measure what it says: a seeded caller is answered from the stored preference.
  const check = await post(address, '/webhook', { method: 'findLanguage', keys: [{ name: '$flow.key.cli', value: preferringCallers[1]! }, { name: '$flow.key.languageSupported', value: 'HINDI,TELGU' }] }, token);
  const source = (check.keys as Array<{ name: string; value: string }>).find((key) => key.name === '$flow.key.cliLanguageSource')?.value;
  if (source !== 'preference') throw new Error(`findLanguage (stored preference) would not read the stored preference (cliLanguageSource ${source})`);
  for (const [index, cli] of agentNumbers.entries()) await post(address, '/api/accounts/1/agents', { cli, name: `Agent ${index}` }, adminToken);
  await post(address, '/api/accounts/1/holidays/import', { country: 'IN', year: new Date().getFullYear() }, adminToken);
  await post(address, '/api/accounts/1/short-customers', { name: 'bench', custToken: 'bench-cust-token' }, adminToken);
  const shortened = await post(address, '/api/short-urls', { custToken: 'bench-cust-token', longUrl: 'https://example.com/landing?campaign=diwali' });
  shortCode = new URL(String(shortened.shortUrl)).pathname.slice(1);
  await post(address, '/api/accounts/1/bots', { botId: benchBot.botId, baseUrl: 'https://bot.example.com/chat', token: benchBot.token }, adminToken);
}

interface Pass {
  database: string;
  baseline: { post: Figures; get: Figures };
  results: Map<string, Figures>;
  peakRss: string;
}


const baselineScenario: Scenario = { name: 'bare', method: 'bare', keys: () => [{ name: '$flow.key.x', value: '1' }] };

/** Every scenario against one flowhooks process on `env`'s database, after the bare handler's figures of this pass. */
async function measurePass(database: string, env: Record<string, string>, bareAddress: string, translationUrl: string): Promise<Pass> {
  const server = await startProcess(
    join(here, '..', 'src', 'cli.js'),
    ['serve'],
    { PORT: '0', FLOWHOOKS_WEBHOOK_TOKEN: token, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_TRANSLATE_URL: translationUrl, FLOWHOOKS_TRANSLATE_API_KEY: 'bench-translation-key', ...env },
    'flowhooks ready',
  );
  try {
    await seed(server.address);
    process.stdout.write(`${database}: measuring the bare handler, then ${scenarios.length} scenarios of ${seconds} s\n`);
    const baseline = {
      post: await load(`${bareAddress}/webhook`, baselineScenario),
      get: await loadGet(`${bareAddress}/bench001`, { 'user-agent': browser, accept: 'text/html' }),
    };
    const results = new Map<string, Figures>();
    for (const scenario of scenarios) {
      results.set(scenario.name, scenario.get ? await loadGet(`${server.address}${scenario.get.path()}`, scenario.get.headers) : await load(`${server.address}/webhook`, scenario));
    }
    return { database, baseline, results, peakRss: peakRssMiB(server.child) };
  } finally {
    await stopProcess(server.child);
  }
}

/** Limits high enough never to be reached: the bench measures what counting costs, not refusals. */
const unreachableLimits = { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '1000000000', FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: '1000000000' };
const redisUrl = process.env.FLOWHOOKS_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/**
 * The cost of cluster-wide limits (docs/deploying.md "Limits across nodes"):
 * fetchUserPreferences on PostgreSQL with the webhook limits off, counted per
 * node, counted in PostgreSQL, and counted in Redis; ratios against the bare
 * handler measured right before.
 */
async function limitsBench(bareAddress: string, translationUrl: string): Promise<string[] | undefined> {
  const scenario = allScenarios.find((candidate) => candidate.name === 'fetchUserPreferences')!;
  const variants: Array<[string, Record<string, string>]> = [
    ['limits off', {}],
    ['per node (memory)', { ...unreachableLimits, FLOWHOOKS_RATE_LIMIT_STORE: 'node' }],
    ['cluster, PostgreSQL counters', { ...unreachableLimits }],
    ['cluster, Redis counters', { ...unreachableLimits, FLOWHOOKS_REDIS_URL: redisUrl }],
  ];
  const rows: string[] = [];
  for (const [name, limits] of variants) {
    // Each configuration seeds the same flow and data, so each gets a fresh schema of its own.
    const row = await withPostgresSchema(async (env) => {
      const server = await startProcess(
        join(here, '..', 'src', 'cli.js'),
        ['serve'],
        { PORT: '0', FLOWHOOKS_WEBHOOK_TOKEN: token, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_TRANSLATE_URL: translationUrl, FLOWHOOKS_TRANSLATE_API_KEY: 'bench-translation-key', ...env, ...limits },
        'flowhooks ready',
      );
      try {
        await seed(server.address);
        process.stdout.write(`limits: ${name}\n`);
        const bare = await load(`${bareAddress}/webhook`, baselineScenario);
        const figures = await load(`${server.address}/webhook`, scenario);
        return `| ${name} | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} / ${figures.p99} | ${(figures.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} | ${figures.errors} |`;
      } finally {
        await stopProcess(server.child);
      }
    });
    if (row === undefined) return undefined;
    rows.push(row);
  }
  return rows;
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'flowhooks-bench-'));
  const bare = await startProcess(join(here, 'bare-server.js'), ['0'], {}, 'bare ready');
  const translationProvider = await startFakeTranslationProvider();
  const started = new Date();
  // Other work on the machine takes CPU from the measured processes; the load average shows how much there was.
  const loadAtStart = loadavg()[0] ?? 0;
  const passes: Pass[] = [];
  const skipped: string[] = [];
  let dispatchRows: string[] = [];
  let limitRows: string[] = [];
  let bareRss = 'n/a';
  try {
    // Warm the load generator and the bare handler up before measuring.
    await load(`${bare.address}/webhook`, baselineScenario);
    if (parts.has('methods')) {
      passes.push(await measurePass('SQLite', { DATABASE_URL: `sqlite:${join(folder, 'bench.db')}` }, bare.address, translationProvider.url));
      const postgresPass = await withPostgresSchema((env) => measurePass('PostgreSQL', env, bare.address, translationProvider.url));
      if (postgresPass) passes.push(postgresPass);
      else skipped.push(`PostgreSQL skipped: ${pgUrl} is unreachable (set FLOWHOOKS_TEST_PG).`);
    }
    if (only || !parts.has('limits')) limitRows = ['| skipped (BENCH_ONLY or BENCH_PARTS) | | | | |'];
    else limitRows = (await limitsBench(bare.address, translationProvider.url)) ?? [`| skipped: ${pgUrl} unreachable | | | | |`];
    if (only || !parts.has('dispatcher')) {
      dispatchRows = ['| skipped (BENCH_ONLY or BENCH_PARTS) | | | | | | | | |'];
    } else {
      process.stdout.write('dispatcher\n');
      const sqliteDispatch = await dispatchBench('SQLite', { DATABASE_URL: `sqlite:${join(folder, 'dispatch.db')}` });
      const postgresDispatch = await withPostgresSchema((env) => dispatchBench('PostgreSQL', env));
      dispatchRows = [sqliteDispatch.row, postgresDispatch?.row ?? `| PostgreSQL | skipped: ${pgUrl} unreachable | | | | | | | |`];
    }
  } finally {
    bareRss = peakRssMiB(bare.child);
    translationProvider.close();
    await stopProcess(bare.child);
    rmSync(folder, { recursive: true, force: true });
  }
  const cell = (pass: Pass | undefined, scenario: Scenario) => {
    const figures = pass?.results.get(scenario.name);
    if (!pass || !figures) return '| | | | ';
    const base = scenario.get ? pass.baseline.get : pass.baseline.post;
    return `| ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} / ${figures.p99} | ${(figures.requestsPerSecond / base.requestsPerSecond).toFixed(2)} | ${figures.errors} `;
  };
  const [sqlitePass, postgresPass] = passes;
  const report = [
    '# flowhooks benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${started.toISOString()}.`,
    '',
    `- Machine: ${machine()}; 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end (other processes than the bench's count in it).`,
    `- Load: autocannon in the bench process, ${connections} connections, ${seconds} s a scenario (BENCH_SECONDS, BENCH_CONNECTIONS); the server, the bare handler and the load generator share the machine.`,
    '- flowhooks runs as in production: `node dist/src/cli.js serve`, info-level JSON logs, bearer token checked on every call.',
    `- Databases: ${passes.map((pass) => pass.database).join(' and ')}${skipped.length ? `; ${skipped.join(' ')}` : ' (a fresh schema on the local server)'}.`,
    '',
    '## Bare Fastify baseline (same run)',
    '',
    'A bare Fastify process that parses the webhook body and answers a fixed response (and a 302 from a Map for the redirect), measured right before each database pass; ratios below are against the baseline of their pass.',
    '',
    '| pass | POST /webhook req/s | p50 / p99 ms | GET redirect req/s | p50 / p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...passes.map((pass) => `| before ${pass.database} | ${pass.baseline.post.requestsPerSecond.toFixed(0)} | ${pass.baseline.post.p50} / ${pass.baseline.post.p99} | ${pass.baseline.get.requestsPerSecond.toFixed(0)} | ${pass.baseline.get.p50} / ${pass.baseline.get.p99} |`),
    '',
    '## Webhook methods and the redirect',
    '',
    'req/s, latency p50 / p99 in ms, ratio = req/s ÷ bare req/s, errors = non-2xx answers and socket errors.',
    '',
    '| scenario | SQLite req/s | p50 / p99 | ratio | errors | PostgreSQL req/s | p50 / p99 | ratio | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...scenarios.map((scenario) => `| ${scenario.name} ${cell(sqlitePass, scenario)}${cell(postgresPass, scenario)}|`),
    '',
    'What each scenario does: translateText asks for five prompts again and again against a local stand-in for Google (after one seeding call each, every measured call is a cache hit:',
    `${translationProviderCalls} provider calls in the whole run); fetchUserPreferences reads one stored contact; updateUserPreferences writes two keys of a new contact; pullreport writes a row with a new callId and two extra columns;`,
    'findLanguage (nothing stored) looks up callers across mobile series and landlines, each call also reading the (absent) stored preference; findLanguage (stored preference) calls as one of 200 callers who stored a language, answered from that preference; updatePauseStatusForCLI toggles one of 20 agents; allocateAgent picks the longest-idle agent; validateDateAndTime parses ISO, day-first and English dates against an imported holiday calendar, and its corpus mix draws from every understood utterance of src/methods/validate-date/understand/corpus.json (sentences, spoken forms, typos, Hindi and nine other Indian languages);',
    'createOutbound schedules one number a week ahead (the dispatcher stays idle); linkcreation stores a bot session and a short link; the redirect is `GET /{code}` with a phone browser\'s user agent (visit recorded, redirect not followed).',
    '',
    '## Cost of cluster-wide limits',
    '',
    'fetchUserPreferences on PostgreSQL, per-account and per-address webhook limits on (never reached) or off, one process each; ratio against the bare handler measured right before each.',
    '',
    '| limits | req/s | p50 / p99 ms | ratio | errors |',
    '|---|---:|---:|---:|---:|',
    ...limitRows,
    '',
    '## Outbound dispatcher',
    '',
    `${jobCount} jobs due at once (createOutbound, 1000 numbers a call), one flowhooks process, a local sink answering 200; rate from the first call to the last delivery; lag = delivery − due time.`,
    `Then the dialer's outcome reports: one signed \`answered\` report a job (\`POST /api/outbound-jobs/{jobId}/result\`), ${connections} connections; each is verified, stored, ends its job and checks its request's completion in one transaction.`,
    '',
    '| database | jobs | deliveries/s | lag p50 ms | lag p99 ms | outcome reports/s | p50 / p99 ms | report errors | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...dispatchRows,
    '',
    '## Peak memory',
    '',
    'Peak resident set size (VmHWM) of each process over its whole life, read just before it stopped.',
    '',
    '| process | peak RSS |',
    '|---|---:|',
    ...passes.map((pass) => `| flowhooks, ${pass.database} pass (all scenarios) | ${pass.peakRss} |`),
    `| bare Fastify handler | ${bareRss} |`,
    '',
    `Numbering data (findLanguage) in memory: ${numberingMemoryMiB().toFixed(1)} MiB of heap.`,
    '',
  ].join('\n');
  process.stdout.write(`\n${report}`);
  if (only && !process.env.BENCH_RESULTS) return;
  const resultsFile = process.env.BENCH_RESULTS ?? join(here, '..', '..', 'bench', 'RESULTS.md');
  writeFileSync(resultsFile, report);
  process.stdout.write(`\nWritten to ${resultsFile}\n`);
}

await main();
