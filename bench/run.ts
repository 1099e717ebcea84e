import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
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
];

/** A mix of what callers say: ISO, day-first, English and Hindi; the account has holidays seeded. */
const dateInputs = ['2026-12-24T10:30:00+05:30', '25-12-2026', 'tomorrow at 5 pm', 'day after tomorrow', 'next monday', 'kal', 'in 3 days'];

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
    const baselineScenario: Scenario = { name: 'bare', method: 'bare', keys: () => [{ name: '$flow.key.x', value: '1' }] };
    // Warm both processes up before measuring.
    await load(`${bare.address}/webhook`, { ...baselineScenario });
    const rows: string[] = [];
    for (const scenario of scenarios) {
      const baseline = await load(`${bare.address}/webhook`, baselineScenario);
      const measured = await load(`${server.address}/webhook`, scenario);
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
