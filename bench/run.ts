import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/**
 * `npm run bench`: starts flowhooks on a temporary SQLite file and a bare
 * Fastify handler, loads each with autocannon in this process, and prints
 * req/s and latency beside the baseline measured in the same run.
 *
 * BENCH_SECONDS (default 5) sets each scenario's duration; BENCH_CONNECTIONS (default 10) its concurrency.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const token = 'bench-webhook-token-000000001';
const adminToken = 'bench-admin-token-00000000001';
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

const browser = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
/** Set in main() once the short link exists. */
let shortCode = '';

const scenarios: Scenario[] = [
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
    // GET /{code} as a phone's browser sends it: cached lookup, visit recorded in the background.
    name: 'short URL redirect (visit recorded)',
    method: 'GET',
    keys: () => [],
    get: { path: () => `/${shortCode}`, baselinePath: '/bench001', headers: { 'user-agent': browser, accept: 'text/html' } },
  },
];

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'flowhooks-bench-'));
  const bare = await startProcess(join(here, 'bare-server.js'), ['0'], {}, 'bare ready');
  const server = await startProcess(
    join(here, '..', 'src', 'cli.js'),
    ['serve'],
    {
      PORT: '0',
      DATABASE_URL: `sqlite:${join(folder, 'bench.db')}`,
      FLOWHOOKS_WEBHOOK_TOKEN: token,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
    },
    'flowhooks ready',
  );
  try {
    // Seed the contact the fetch scenario reads.
    await fetch(`${server.address}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: knownContact }, { name: '$user.key.language', value: 'TAMIL' }] }),
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
      ].join('\n'),
    );
  } finally {
    bare.child.kill('SIGTERM');
    server.child.kill('SIGTERM');
    await Promise.all([once(bare.child, 'exit'), once(server.child, 'exit')]);
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
