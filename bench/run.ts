import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { createNumberingPlan } from '../src/adapters/numbering/numbering.js';
import { readNumberingData, shippedDataFolder } from '../src/adapters/numbering/shipped-data.js';
import pg from 'pg';

/**
 * `npm run bench`: starts flowhooks on a temporary SQLite file and a bare
 * Fastify handler, loads each with autocannon in this process, and prints
 * req/s and latency beside the baseline measured in the same run.
 *
 * BENCH_SECONDS (default 5) sets each scenario's duration; BENCH_CONNECTIONS (default 10) its concurrency.
 *
 * Then the outbound dispatcher: BENCH_JOBS (default 2000) jobs due at once,
 * delivered to a local sink, on SQLite and (when FLOWHOOKS_TEST_PG answers)
 * PostgreSQL: deliveries per second and due → delivered lag.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const token = 'bench-webhook-token-000000001';
const adminToken = 'bench-admin-token-00000000001';
const benchClientId = 'benchclient0001';
const jobCount = Number(process.env.BENCH_JOBS ?? 2000);
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
  const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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

// Direct-dial agents seeded through the API; the pause scenario toggles a random one.
const agentNumbers = Array.from({ length: 20 }, (_, index) => `97000000${String(index).padStart(2, '0')}`);

const browser = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
/** Set in main() once the short link exists. */
let shortCode = '';

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

const scenarios: Scenario[] = [
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
    name: 'findLanguage',
    method: 'findLanguage',
    keys: () => [
      { name: '$flow.key.cli', value: randomCaller() },
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
    // GET /{code} as a phone's browser sends it: cached lookup, visit recorded in the background.
    name: 'short URL redirect (visit recorded)',
    method: 'GET',
    keys: () => [],
    get: { path: () => `/${shortCode}`, baselinePath: '/bench001', headers: { 'user-agent': browser, accept: 'text/html' } },
  },
];

/** A mix of what callers say: ISO, day-first, English and Hindi; the account has holidays seeded. */
const dateInputs = ['2026-12-24T10:30:00+05:30', '25-12-2026', 'tomorrow at 5 pm', 'day after tomorrow', 'next monday', 'kal', 'in 3 days'];
async function adminCall(address: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${address}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Account 1 gets a clientId and an outbound flow pointing at `dialerUrl`. */
async function seedOutboundFlow(address: string, flowId: string, dialerUrl: string): Promise<{ flowId: string; securityId: string }> {
  await adminCall(address, 'PATCH', '/api/accounts/1', { clientId: benchClientId });
  const flow = await adminCall(address, 'POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Bench', dialerUrl, dialerSecret: 'bench-dialer-secret-000001' });
  return { flowId, securityId: String(flow.securityId) };
}

/** A dialer that accepts everything and records when each job arrived against its due time. */
async function startSink() {
  const lags: number[] = [];
  const waiters: Array<() => void> = [];
  let target = Infinity;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { dueAt: string };
      lags.push(Date.now() - Date.parse(body.dueAt));
      response.writeHead(200).end();
      if (lags.length >= target) waiters.splice(0).forEach((resolve) => resolve());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dial`,
    lags,
    reached(count: number) {
      target = count;
      return lags.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const percentile = (values: number[], fraction: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? 0;

/** Schedules `jobCount` jobs due now on a fresh server and measures their delivery to a local sink. */
async function dispatchBench(label: string, env: Record<string, string>): Promise<string> {
  const sink = await startSink();
  const server = await startProcess(
    join(here, '..', 'src', 'cli.js'),
    ['serve'],
    { PORT: '0', FLOWHOOKS_WEBHOOK_TOKEN: token, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_DISPATCH_POLL_MS: '50', ...env },
    'flowhooks ready',
  );
  try {
    const flow = await seedOutboundFlow(server.address, 'DISPATCH', sink.url);
    const started = Date.now();
    for (let offset = 0; offset < jobCount; offset += 1000) {
      const numbers = Array.from({ length: Math.min(1000, jobCount - offset) }, (_, index) => `96${String(offset + index).padStart(8, '0')}`);
      await fetch(`${server.address}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          method: 'createOutbound',
          keys: [
            { name: '$flow.syskey.securityID', value: flow.securityId },
            { name: '$flow.syskey.flowID', value: flow.flowId },
            { name: '$flow.syskey.clientID', value: benchClientId },
            { name: '$flow.syskey.contactNumbers', value: numbers.join(',') },
          ],
        }),
      });
    }
    await sink.reached(jobCount);
    const seconds = (Date.now() - started) / 1000;
    return `| ${label} | ${jobCount} | ${(jobCount / seconds).toFixed(0)} | ${percentile(sink.lags, 0.5)} | ${percentile(sink.lags, 0.99)} |`;
  } finally {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
    await sink.close();
  }
}

async function postgresDispatchBench(): Promise<string> {
  const schema = `fh_bench_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return `| PostgreSQL | skipped: ${pgUrl} unreachable | | | |`;
  }
  try {
    return await dispatchBench('PostgreSQL', { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema });
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'flowhooks-bench-'));
  const bare = await startProcess(join(here, 'bare-server.js'), ['0'], {}, 'bare ready');
  const translationProvider = await startFakeTranslationProvider();
  const server = await startProcess(
    join(here, '..', 'src', 'cli.js'),
    ['serve'],
    {
      PORT: '0',
      DATABASE_URL: `sqlite:${join(folder, 'bench.db')}`,
      FLOWHOOKS_WEBHOOK_TOKEN: token,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_TRANSLATE_URL: translationProvider.url,
      FLOWHOOKS_TRANSLATE_API_KEY: 'bench-translation-key',
    },
    'flowhooks ready',
  );
  try {
    benchFlow = await seedOutboundFlow(server.address, 'BENCH001', 'http://127.0.0.1:9/never-called');
    // Fill the translation cache with the prompts the translateText scenario asks for.
    for (const prompt of prompts) {
      await fetch(`${server.address}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ method: 'translateText', keys: [{ name: '$flow.key.inputText', value: prompt }, { name: '$flow.key.targetLang', value: 'Hindi' }] }),
      });
    }
    // Seed the contact the fetch scenario reads.
    await fetch(`${server.address}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: knownContact }, { name: '$user.key.language', value: 'TAMIL' }] }),
    });
    for (const [index, cli] of agentNumbers.entries()) {
      await fetch(`${server.address}/api/accounts/1/agents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ cli, name: `Agent ${index}` }),
      });
    }
    // Seed holidays the validateDateAndTime scenario reads.
    await fetch(`${server.address}/api/accounts/1/holidays/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ country: 'IN', year: new Date().getFullYear() }),
    });
    // Seed the short link the redirect scenario follows.
    const customer = await fetch(`${server.address}/api/accounts/1/short-customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ name: 'bench', custToken: 'bench-cust-token' }),
    });
    if (!customer.ok) throw new Error(`short customer not created: ${customer.status}`);
    const shortened = await fetch(`${server.address}/api/short-urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ custToken: 'bench-cust-token', longUrl: 'https://example.com/landing?campaign=diwali' }),
    });
    shortCode = new URL(((await shortened.json()) as { shortUrl: string }).shortUrl).pathname.slice(1);
    const baselineScenario: Scenario = { name: 'bare', method: 'bare', keys: () => [{ name: '$flow.key.x', value: '1' }] };
    // Warm both processes up before measuring.
    await load(`${bare.address}/webhook`, { ...baselineScenario });
    const rows: string[] = [];
    for (const scenario of scenarios) {
      const baseline = scenario.get ? await loadGet(`${bare.address}${scenario.get.baselinePath}`, scenario.get.headers) : await load(`${bare.address}/webhook`, baselineScenario);
      const measured = scenario.get ? await loadGet(`${server.address}${scenario.get.path()}`, scenario.get.headers) : await load(`${server.address}/webhook`, scenario);
      rows.push(
        `| ${scenario.name} | ${measured.requestsPerSecond.toFixed(0)} | ${measured.p50} | ${measured.p99} | ${baseline.requestsPerSecond.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | ${(measured.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} | ${measured.errors} |`,
      );
    }
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      [
        `flowhooks bench — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
        `SQLite (temporary file), ${connections} connections, ${seconds} s a scenario; the bare Fastify handler is measured right before each scenario.`,
        '',
        '| scenario | flowhooks req/s | p50 ms | p99 ms | bare req/s | bare p50 ms | bare p99 ms | ratio | errors |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...rows,
        '',
        `Numbering data (findLanguage) in memory: ${numberingMemoryMiB().toFixed(1)} MiB of heap.`,
        `translateText: ${translationProviderCalls} provider calls in the whole run (${prompts.length} to seed the cache; every measured call was a cache hit).`,
        '',
      ].join('\n'),
    );
  } finally {
    translationProvider.close();
    bare.child.kill('SIGTERM');
    server.child.kill('SIGTERM');
    await Promise.all([once(bare.child, 'exit'), once(server.child, 'exit')]);
  }
  try {
    const dispatchRows = [
      await dispatchBench('SQLite', { DATABASE_URL: `sqlite:${join(folder, 'dispatch.db')}` }),
      await postgresDispatchBench(),
    ];
    process.stdout.write(
      [
        `Outbound dispatch: ${jobCount} jobs due at once (createOutbound, 1000 numbers a call), one flowhooks process, a local sink answering 200; rate from the first call to the last delivery; lag = delivery − due time.`,
        '',
        '| database | jobs | deliveries/s | lag p50 ms | lag p99 ms |',
        '|---|---:|---:|---:|---:|',
        ...dispatchRows,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
