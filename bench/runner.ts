import { fileURLToPath } from 'node:url';
import { ceilingScenarios, prepareCeilingDatabase, recordAlone, redirectFloor, type CeilingPass, type CeilingRow } from './ceiling.js';
import autocannon from 'autocannon';
import { Webhook } from 'standardwebhooks';
import { callWebhook, mustCall } from '../harness/client.js';
import { freshDatabase, withPostgresSchema, type DatabaseKind } from '../harness/database.js';
import { startDialer } from '../harness/dialer.js';
import { startReceiver } from '../harness/receiver.js';
import { startServer, type ServerOptions, type ServerProcess } from '../harness/process.js';
import { json, startTranslationServer } from '../harness/translation.js';
import { connections, dispatchConcurrency, extraNodeArgs, jobCount, only, redisUrl, seconds, shedding, startScriptEnv } from './options.js';
import { profiledProcess, profileTable } from './profile.js';
import { adminToken, allScenarios, bareLink, bareLoad, benchClientId, benchDialerSecret, browserHeaders, loadOf, scenarios, seed, seedOutboundFlow, token, type Scenario, type Seeded, type WebhookLoad } from './scenarios.js';

/** What autocannon measured of one scenario. */
export interface Figures {
  /** Requests answered during the load. */
  calls: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** The measured server's CPU time (all its threads) per answered call, in µs; set where the bench knows the process. */
  cpuMicrosPerCall?: number;
  /** The share of one core the server's main thread (the one that runs JavaScript) was busy during the load. */
  mainThreadBusy?: number;
  /** The share of one core the bench's own process (the load generator) was busy during the load. */
  loadGeneratorBusy?: number;
}

/** One database's pass over every scenario, with the bare handler's figures measured right before. */
export interface Pass {
  database: string;
  baseline: { post: Figures; get: Figures };
  results: Map<string, Figures>;
  /** Each method's first two calls on the freshly started, seeded server, in ms at the client. */
  firstCalls: FirstCall[];
  peakRss: string;
}

export interface FirstCall {
  scenario: string;
  /** Seeding called the method already (its first call is then not this one). */
  calledWhileSeeding: boolean;
  firstMs: number;
  secondMs: number;
  status: number;
}

/**
 * A measured process: its log lines are not read once it is ready (parsing
 * them would take CPU from the load generator), its errors show on the
 * bench's standard error.
 */
function startMeasured(env: Record<string, string>, process: Omit<ServerOptions, 'env'> = {}): Promise<ServerProcess> {
  return startServer({ env: { ...shedding, ...env }, stderr: 'inherit', ...process });
}

/**
 * The bare Fastify baseline (bench/bare-server.ts); with a database, it also serves the calls' floors
 * (bench/ceiling.ts), or with `floors: 'scale'` the scale part's (bench/scale-floor.ts).
 */
export function startBare(database?: { DATABASE_URL: string; DATABASE_SCHEMA: string }, floors?: 'scale'): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./bare-server.js', import.meta.url));
  const args = database ? ['0', database.DATABASE_URL, database.DATABASE_SCHEMA, ...(floors ? [floors] : [])] : ['0'];
  return startMeasured({}, { script, args, readyMessage: 'bare ready', name: script });
}

/**
 * The floor of each call on one database (bench/ceiling.ts): a bare process
 * on a freshly migrated database, its bare handler loaded, then each call's
 * statements behind the same handler.
 */
export async function floorBench(database: string, env: { DATABASE_URL: string; DATABASE_SCHEMA: string }): Promise<CeilingPass> {
  await prepareCeilingDatabase(env);
  const server = await startBare(env);
  try {
    process.stdout.write(`${database}: the bare handler, then the statements of ${ceilingScenarios.length} calls behind it\n`);
    const bare = await load(`${server.address}/webhook`, bareLoad);
    const rows: CeilingRow[] = [];
    for (const { scenario, work } of ceilingScenarios) rows.push({ database, scenario, work, figures: await load(`${server.address}/floor/${scenario}`, bareLoad) });
    process.stdout.write(`${database}: what every call records, alone and with each call's statements\n`);
    for (const { scenario, work } of [{ scenario: recordAlone, work: 'no statement' }, ...ceilingScenarios]) {
      rows.push({ database, scenario, work, figures: await load(`${server.address}/floor-record/${scenario}`, bareLoad), recorded: true });
    }
    process.stdout.write(`${database}: the dispatcher's floor, ${jobCount} jobs twice\n`);
    const dispatch = [await dispatchFloorRun(server), await dispatchFloorRun(server)];
    // Last: the redirect's floor, against the same process's bare redirect, loaded as the redirect scenario is.
    process.stdout.write(`${database}: the bare redirect, then the redirect's statements behind it\n`);
    const bareGet = await loadGet(`${server.address}/${bareLink.code}`, browserHeaders);
    rows.push({ database, ...redirectFloor, figures: await loadGet(`${server.address}/floor/link/${bareLink.code}`, browserHeaders), bare: bareGet });
    return { database, bare, rows, dispatch };
  } finally {
    await server.stop();
  }
}

/** µs of busy work a call added to the bare handler (workBudgetBench): 0 is the bare handler itself. */
export const addedWorkMicros = [0, 10, 20, 40, 60];

/** The bare handler with `micros` of work added a call, as loaded (workBudgetBench). */
export interface WorkBudgetRow {
  micros: number;
  figures: Figures;
  /** The process's CPU a call spent in the kernel, µs. */
  kernelMicrosPerCall: number;
}

/**
 * What a call may cost for a ratio (docs/benchmark.md "What a ratio allows"):
 * the bare handler loaded with each amount of busy work added to a call, its
 * req/s, and its CPU a call as the kernel counts it. A server slower than the
 * load generator leaves it asleep between answers, and each answer then pays
 * for waking it: the CPU a call grows by more than the work added.
 */
export async function workBudgetBench(bare: ServerProcess): Promise<WorkBudgetRow[]> {
  process.stdout.write(`the bare handler with ${addedWorkMicros.join(', ')} µs of work added a call\n`);
  const rows: WorkBudgetRow[] = [];
  for (const micros of addedWorkMicros) {
    const before = bare.cpuTimes();
    const figures = await withCpu(bare, () => load(`${bare.address}/work/${micros}`, bareLoad));
    const kernelMicrosPerCall = ((bare.cpuTimes().system - before.system) * 1e6) / Math.max(figures.calls, 1);
    rows.push({ micros, figures, kernelMicrosPerCall });
  }
  return rows;
}

/**
 * One run of the dispatcher's floor (bench/dispatch-floor.ts) in the bare
 * process: jobCount jobs due at once, delivered to the same kind of local
 * dialer as the dispatcher part's; deliveries/s from the request to the last
 * delivery's arrival, timed as the dispatcher part times a burst.
 */
async function dispatchFloorRun(server: ServerProcess): Promise<{ perSecond: number; cpuMicros: number }> {
  const sink = await startDialer(benchDialerSecret);
  try {
    const cpuBefore = server.cpuSeconds();
    const started = Date.now();
    await mustCall(server.address, 'POST', '/floor-dispatch', { jobs: jobCount, concurrency: dispatchConcurrency, dialerUrl: sink.url, secret: benchDialerSecret, flowId: 'BENCH001' });
    await sink.waitFor(jobCount);
    const seconds = (Math.max(...sink.received.map((delivery) => delivery.receivedAt)) - started) / 1000;
    const badlySigned = sink.received.filter((delivery) => !delivery.signatureValid).length;
    if (badlySigned > 0 || sink.received.length !== jobCount) throw new Error(`the dispatcher's floor: ${sink.received.length} deliveries, ${badlySigned} badly signed`);
    return { perSecond: jobCount / seconds, cpuMicros: ((server.cpuSeconds() - cpuBefore) * 1e6) / jobCount };
  } finally {
    await sink.close();
  }
}

/**
 * A load's figures with the server's CPU time per answered call: unlike req/s, it
 * hardly moves when other work on the machine takes CPU from the bench.
 */
export async function withCpu(server: ServerProcess, measure: () => Promise<Figures>): Promise<Figures> {
  const before = server.cpuSeconds();
  const mainBefore = server.mainThreadSeconds();
  const generatorBefore = process.cpuUsage();
  const startedAt = performance.now();
  const figures = await measure();
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const generator = process.cpuUsage(generatorBefore);
  return {
    ...figures,
    cpuMicrosPerCall: ((server.cpuSeconds() - before) * 1e6) / Math.max(figures.calls, 1),
    mainThreadBusy: (server.mainThreadSeconds() - mainBefore) / wallSeconds,
    loadGeneratorBusy: (generator.user + generator.system) / 1e6 / wallSeconds,
  };
}

/** flowhooks as in production, with the bench's tokens and the local translation provider. */
export function startFlowhooks(env: Record<string, string>, translationUrl: string, nodeArgs: string[] = [], cliScript?: string): Promise<ServerProcess> {
  return startMeasured(
    { ...startScriptEnv, FLOWHOOKS_WEBHOOK_TOKEN: token, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_TRANSLATE_URL: translationUrl, FLOWHOOKS_TRANSLATE_API_KEY: 'bench-translation-key', ...env },
    // The caller's options last: of two V8 options that set the same thing, the later one holds.
    { nodeArgs: [...extraNodeArgs, ...nodeArgs], ...(cliScript && { script: cliScript, args: ['serve'] }) },
  );
}

/** Loads a GET route without following redirects; a 3xx counts as success. `path`, when given, picks each request's path on `url`'s server. */
export async function loadGet(url: string, headers: Record<string, string>, path?: () => string): Promise<Figures> {
  const requests = path && [{ method: 'GET' as const, setupRequest: (request: autocannon.Request) => ({ ...request, path: path() }) }];
  const result = await autocannon({ url, connections, duration: seconds, method: 'GET', headers, ...(requests && { requests }) });
  return {
    calls: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result['4xx'] + result['5xx'],
  };
}

/** Loads `POST /webhook` with the calls of `call`. */
export async function load(url: string, call: WebhookLoad): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ method: call.method, keys: call.keys() }) }),
      },
    ],
  });
  return {
    calls: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** A local stand-in for Google Cloud Translation v2, counting the calls that reach it. */
export async function startFakeTranslationProvider(): Promise<{ url: string; calls(): number; close(): Promise<void> }> {
  let calls = 0;
  const server = await startTranslationServer((request, response) => {
    calls++;
    const body = request.body as { q: string[]; target: string };
    json(response, 200, { data: { translations: [{ translatedText: `[${body.target}] ${body.q[0]}`, detectedSourceLanguage: 'en' }] } });
  });
  return { url: server.url, calls: () => calls, close: server.close };
}

/** The methods seed() calls before any scenario runs. */
const seedingMethods = new Set(['translateText', 'updateUserPreferences', 'findLanguage']);

/**
 * What a caller waits for on the first calls of each method after a start (docs/benchmark.md "First
 * calls"): on the server just started and seeded, one scenario a method (and the redirect) is called
 * twice in turn, each timed at the client from the request to the whole answer.
 */
async function firstCallsOf(address: string, seeded: Seeded): Promise<FirstCall[]> {
  const calls: FirstCall[] = [];
  const seen = new Set<string>();
  for (const scenario of scenarios) {
    if (seen.has(scenario.method)) continue;
    seen.add(scenario.method);
    const first = await timedCall(address, scenario, seeded);
    const second = await timedCall(address, scenario, seeded);
    calls.push({ scenario: scenario.name, calledWhileSeeding: seedingMethods.has(scenario.method), firstMs: first.ms, secondMs: second.ms, status: first.status });
  }
  return calls;
}

async function timedCall(address: string, scenario: Scenario, seeded: Seeded): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  let status: number;
  if (scenario.get) {
    const response = await fetch(`${address}${scenario.get.path(seeded)}`, { headers: scenario.get.headers, redirect: 'manual' });
    await response.arrayBuffer();
    status = response.status;
  } else {
    status = (await callWebhook(address, token, scenario.method, scenario.keys(seeded))).status;
  }
  return { ms: performance.now() - started, status };
}

/** One scenario's load against a flowhooks process. */
export function loadScenario(address: string, scenario: Scenario, seeded: Seeded): Promise<Figures> {
  return scenario.get ? loadGet(`${address}${scenario.get.path(seeded)}`, scenario.get.headers) : load(`${address}/webhook`, loadOf(scenario, seeded));
}

/** The scenarios `--profile` profiles (BENCH_ONLY narrows them): the cheapest calls, a read, a write, dates, the redirect. */
const profiledNames = ['findLanguage (nothing stored)', 'fetchUserPreferences', 'updateUserPreferences', 'validateDateAndTime', 'short URL redirect (visit recorded)'];

/**
 * CPU profiles (`npm run bench -- --profile`, docs/benchmark.md): each chosen
 * scenario on a server of its own (SQLite, or PostgreSQL with
 * BENCH_PROFILE_DATABASE), run with Node's profiler, then the dispatcher's
 * 2000 jobs; a table of where the server's time went for each.
 */
export async function profileBench(database: DatabaseKind, translationUrl: string): Promise<string[]> {
  const lines: string[] = [];
  // BENCH_ONLY profiles the scenarios it names; otherwise the main ones.
  for (const scenario of only ? scenarios : scenarios.filter((candidate) => profiledNames.includes(candidate.name))) {
    process.stdout.write(`profiling ${scenario.name}\n`);
    const profile = profiledProcess(scenario.name);
    const fresh = await freshDatabase(database, 'fh_bench_profile');
    try {
      const spawned = Date.now();
      const server = await startFlowhooks(fresh.env, translationUrl, profile.nodeArgs);
      let figures: Figures;
      let loadFrom: number;
      let counted: { user: number; system: number };
      try {
        const seeded = await seed(server.address);
        loadFrom = Date.now();
        const before = server.cpuTimes();
        figures = await loadScenario(server.address, scenario, seeded);
        const after = server.cpuTimes();
        counted = { user: after.user - before.user, system: after.system - before.system };
      } finally {
        await server.stop();
      }
      // Start-up and seeding left out: the profile's clock starts with the process.
      lines.push(...profileTable(scenario.name, figures.calls, profile.read(), (loadFrom - spawned) * 1000, counted));
    } finally {
      profile.remove();
      await fresh.cleanup();
    }
  }
  if (!only) {
    process.stdout.write('profiling the dispatcher\n');
    const profile = profiledProcess('dispatcher');
    const fresh = await freshDatabase(database, 'fh_bench_profile');
    try {
      const { startupMs } = await dispatchBench(database === 'sqlite' ? 'SQLite' : 'PostgreSQL', fresh.env, profile.nodeArgs, false);
      // Start-up left out, as for the scenarios: compiling every route's schema and loading modules were a third of the table.
      lines.push(...profileTable(`dispatcher (${jobCount} jobs scheduled, delivered and reported on)`, jobCount, profile.read(), startupMs * 1000));
    } finally {
      profile.remove();
      await fresh.cleanup();
    }
  }
  return lines;
}

/** Every scenario against one flowhooks process on `env`'s database, after the bare handler's figures of this pass. */
export async function measurePass(database: string, env: Record<string, string>, bare: ServerProcess, translationUrl: string): Promise<Pass> {
  const server = await startFlowhooks(env, translationUrl);
  try {
    const seeded = await seed(server.address);
    const firstCalls = await firstCallsOf(server.address, seeded);
    process.stdout.write(`${database}: measuring the bare handler, then ${scenarios.length} scenarios of ${seconds} s\n`);
    const baseline = {
      post: await withCpu(bare, () => load(`${bare.address}/webhook`, bareLoad)),
      get: await withCpu(bare, () => loadGet(`${bare.address}/${bareLink.code}`, browserHeaders)),
    };
    const results = new Map<string, Figures>();
    for (const scenario of scenarios) results.set(scenario.name, await withCpu(server, () => loadScenario(server.address, scenario, seeded)));
    return { database, baseline, results, firstCalls, peakRss: server.peakRss() };
  } finally {
    await server.stop();
  }
}

/** Limits high enough never to be reached: the bench measures what counting costs, not refusals. */
const unreachableLimits = { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '1000000000', FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: '1000000000' };

/**
 * The cost of cluster-wide limits (docs/deploying.md "Limits across nodes"):
 * fetchUserPreferences on PostgreSQL with the webhook limits off, counted per
 * node, counted in PostgreSQL, and counted in Redis; ratios against the bare
 * handler measured right before. Undefined when PostgreSQL does not answer.
 */
export async function limitsBench(bareAddress: string, translationUrl: string): Promise<string[] | undefined> {
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
    const row = await withPostgresSchema('fh_bench', async (env) => {
      const server = await startFlowhooks({ ...env, ...limits }, translationUrl);
      try {
        const seeded = await seed(server.address);
        process.stdout.write(`limits: ${name}\n`);
        const bare = await load(`${bareAddress}/webhook`, bareLoad);
        const figures = await load(`${server.address}/webhook`, loadOf(scenario, seeded));
        return `| ${name} | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} / ${figures.p99} | ${(figures.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} | ${figures.errors} |`;
      } finally {
        await server.stop();
      }
    });
    if (row === undefined) return undefined;
    rows.push(row);
  }
  return rows;
}

const percentile = (values: number[], fraction: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? 0;

/**
 * Schedules `jobCount` jobs due now on a fresh server and measures their delivery to a local dialer answering 200,
 * then the dialer's outcome reports. With `runningBurst`, a second burst of `jobCount` jobs on the same process
 * once the first is reported on: the pace of a node that has been running (the first burst also pays for V8
 * compiling the hot paths, docs/benchmark.md).
 */
export async function dispatchBench(label: string, env: Record<string, string>, nodeArgs: string[] = [], runningBurst = true): Promise<{ rows: string[]; callbacks: string[]; peakRss: string; startupMs: number }> {
  const sink = await startDialer(benchDialerSecret);
  const spawned = Date.now();
  const server = await startMeasured({ ...startScriptEnv, FLOWHOOKS_WEBHOOK_TOKEN: token, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_DISPATCH_POLL_MS: '50', ...env }, { nodeArgs: [...nodeArgs, ...extraNodeArgs] });
  try {
    const flow = await seedOutboundFlow(server.address, 'DISPATCH', sink.url);
    /** One burst: jobCount jobs due at once (numbers starting with `prefix`), delivered; answers the deliveries/s and lags. */
    const burst = async (name: string, prefix: string) => {
      const before = sink.received.length;
      const cpuBefore = server.cpuSeconds();
      const started = Date.now();
      for (let offset = 0; offset < jobCount; offset += 1000) {
        const numbers = Array.from({ length: Math.min(1000, jobCount - offset) }, (_, index) => `${prefix}${String(offset + index).padStart(8, '0')}`);
        // Checked (and retried through load shedding): a batch lost silently would leave the wait below hanging.
        await mustCall(server.address, 'POST', '/webhook', {
          method: 'createOutbound',
          keys: [
            { name: '$flow.syskey.securityID', value: flow.securityId },
            { name: '$flow.syskey.flowID', value: flow.flowId },
            { name: '$flow.syskey.clientID', value: benchClientId },
            { name: '$flow.syskey.contactNumbers', value: numbers.join(',') },
          ],
        }, token);
      }
      const scheduledMs = Date.now() - started;
      await sink.waitFor(before + jobCount);
      const seconds = (Date.now() - started) / 1000;
      // The server's CPU (all threads) for scheduling and delivering, a job: it moves less than the rate when other work takes the machine.
      const cpuMicros = ((server.cpuSeconds() - cpuBefore) * 1e6) / jobCount;
      process.stdout.write(`${name}: ${jobCount} jobs scheduled in ${scheduledMs} ms, all delivered after ${(seconds * 1000).toFixed(0)} ms\n`);
      const delivered = sink.received.slice(before);
      // Checked after the timing (the sink checks a signature when it is first read): a dialer runs elsewhere.
      const badlySigned = delivered.filter((delivery) => !delivery.signatureValid).length;
      if (badlySigned > 0) throw new Error(`${name}: ${badlySigned} of ${jobCount} deliveries failed the dialer's signature check`);
      // Lag: when each job reached the dialer against its due time.
      const lags = delivered.map((delivery) => delivery.receivedAt - Date.parse(delivery.body.dueAt));
      return { delivered, figures: `${jobCount} | ${(jobCount / seconds).toFixed(0)} | ${cpuMicros.toFixed(0)} | ${percentile(lags, 0.5)} | ${percentile(lags, 0.99)}` };
    };
    // From the process's start to the first burst: start-up and seeding, which a profile leaves out.
    const startupMs = Date.now() - spawned;
    const first = await burst(label, '96');
    const reports = await outcomeReports(server, first.delivered.map(({ body }) => ({ resultPath: body.resultPath, attempt: body.attempt })));
    const running = runningBurst ? await burst(`${label}, running`, '97') : undefined;
    const callbacks = running && (await statusCallbacks(label, server, running.delivered.map(({ body }) => ({ resultPath: body.resultPath, attempt: body.attempt }))));
    const peakRss = server.peakRss();
    const rows = [`| ${label} | first burst after start | ${first.figures} | ${reports.requestsPerSecond.toFixed(0)} | ${reports.cpuMicrosPerCall?.toFixed(0)} | ${reports.p50} / ${reports.p99} | ${reports.errors} | ${peakRss} |`];
    if (running) rows.push(`| ${label} | running (a second burst) | ${running.figures} | | | | | ${peakRss} |`);
    return { rows, callbacks: callbacks ? [callbacks] : [], peakRss, startupMs };
  } finally {
    await server.stop();
    await sink.close();
  }
}

/**
 * Status callbacks at the pace of outcome reports (docs/methods/create-outbound.md, Status callbacks): a
 * status webhook registered for the account, then an `answered` report for each job of the running burst;
 * each report queues the job's `attempted` and `completed` callbacks, and the last of a request its
 * `completed`, which the node's sender delivers to a local receiver answering 204 while the reports come
 * in. Timed from the first report to the last callback's arrival; every callback's signature is checked
 * (the receiver checks each on arrival with the standardwebhooks package).
 */
async function statusCallbacks(label: string, server: ServerProcess, delivered: Array<{ resultPath: string; attempt: number }>): Promise<string> {
  const receiver = await startReceiver();
  try {
    const endpoint = await mustCall(server.address, 'POST', '/api/accounts/1/status-webhooks', { url: receiver.url }, adminToken);
    receiver.useSecret(String(endpoint.secret));
    const expected = delivered.length * 2 + Math.ceil(delivered.length / 1000);
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    const reports = await outcomeReports(server, delivered);
    if (reports.errors > 0) throw new Error(`${label}: ${reports.errors} outcome reports failed`);
    await receiver.waitFor(expected);
    const seconds = (performance.now() - started) / 1000;
    const cpuMicros = ((server.cpuSeconds() - cpuBefore) * 1e6) / expected;
    const badlySigned = receiver.received.filter((callback) => !callback.signatureValid).length;
    if (badlySigned > 0) throw new Error(`${label}: ${badlySigned} of ${receiver.received.length} status callbacks failed the receiver's signature check`);
    process.stdout.write(`${label}: ${expected} status callbacks delivered ${(seconds * 1000).toFixed(0)} ms after the first of ${delivered.length} outcome reports\n`);
    // The reports' own time, from the same start: what is left after it is the sender's backlog.
    const behindMs = (seconds - reports.calls / reports.requestsPerSecond) * 1000;
    return `| ${label} | ${delivered.length} | ${reports.requestsPerSecond.toFixed(0)} | ${expected} | ${receiver.received.length} | ${(expected / seconds).toFixed(0)} | ${behindMs.toFixed(0)} | ${cpuMicros.toFixed(0)} |`;
  } finally {
    await receiver.close();
  }
}

/**
 * The dialer's side of the loop: one signed outcome report (`answered`) for
 * each delivered job, each job once, `connections` at a time; every report
 * ends its job and checks whether its request is complete.
 */
async function outcomeReports(server: ServerProcess, delivered: Array<{ resultPath: string; attempt: number }>): Promise<Figures> {
  const signer = new Webhook(benchDialerSecret);
  let next = 0;
  const cpuBefore = server.cpuSeconds();
  const started = performance.now();
  let lastAnswer = started;
  const options: autocannon.Options = {
    url: server.address,
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
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on('response', () => (lastAnswer = performance.now()));
  });
  // To the last answer: autocannon ends a load given an amount on its next whole-second tick, and averages
  // whole seconds, so a load of three seconds read as 2000 ÷ 3 whatever its pace within them.
  const seconds = (lastAnswer - started) / 1000;
  const calls = result.requests.total;
  const cpuMicrosPerCall = ((server.cpuSeconds() - cpuBefore) * 1e6) / calls;
  return { calls, requestsPerSecond: calls / seconds, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuMicrosPerCall };
}
