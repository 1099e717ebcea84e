import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createNumberingPlan } from '../src/adapters/numbering/numbering.js';
import { readNumberingData, shippedDataFolder } from '../src/adapters/numbering/shipped-data.js';
import { connections, dispatchConcurrency, extraNodeArgs, jobCount, profileDatabase, scaleCounts, seconds, startScriptEnv } from './options.js';
import { recordAlone, recordFloorOf, type CeilingPass, type CeilingRow } from './ceiling.js';
import { crashLoad, type CrashPart } from './crash.js';
import type { Figures, Pass, WorkBudgetRow } from './runner.js';
import { controlCounts, scaleFloorOf, scaleFloorScenarios, scaleScenarioNames, type ScalePass } from './scale.js';
import { scenarios, type Scenario } from './scenarios.js';
import { dispatchCell, dispatchColumns, ratioOf, valueAtRatio } from './ratios.js';
import { growthTargetPercent, ratioTargetOf, targetsSection, type Database } from './targets.js';

/** What a run measured, for its report. */
export interface RunFigures {
  started: Date;
  /** 1-minute load average when the run started. */
  loadAtStart: number;
  passes: Pass[];
  /** Why a database's pass did not run. */
  skipped: string[];
  limitRows: string[];
  dispatchRows: string[];
  /** The status callbacks of the running burst's outcome reports (bench/runner.ts `statusCallbacks`). */
  callbackRows: string[];
  /** The CPU profile tables (`--profile`), empty when not profiled. */
  profileLines: string[];
  bareRss: string;
  translationProviderCalls: number;
  /** The `scale` part's passes, and why one did not run or failed (empty when the part was not asked for). */
  scalePasses: ScalePass[];
  scaleNotes: string[];
  /** The `ceiling` part: each database's bare handler and its calls' floors (bench/ceiling.ts), and why one did not run. */
  ceiling?: CeilingPart;
  /** The `crash` part (bench/crash.ts); undefined when it did not run. */
  crash?: CrashPart;
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

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

/** One scenario's cells of a pass: req/s, latency, ratio against the pass's bare handler, server CPU a call, errors. */
function cell(pass: Pass | undefined, scenario: Scenario): string {
  const figures = pass?.results.get(scenario.name);
  if (!pass || !figures) return '| | | | | ';
  const base = scenario.get ? pass.baseline.get : pass.baseline.post;
  return `| ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} / ${figures.p99} | ${(figures.requestsPerSecond / base.requestsPerSecond).toFixed(2)} | ${cpuCell(figures)} | ${figures.errors} `;
}

/** A figure the bench read, formatted, or n/a where it could not read it (no /proc, no such load). */
function measuredCell(value: number | undefined, format: (value: number) => string): string {
  return value !== undefined && Number.isFinite(value) ? format(value) : 'n/a';
}

/** Server CPU µs a call. */
const cpuCell = (figures: Figures): string => measuredCell(figures.cpuMicrosPerCall, (micros) => micros.toFixed(0));

/** A share of one core as a whole percentage. */
const busyCell = (share: number | undefined): string => measuredCell(share, (busy) => `${(busy * 100).toFixed(0)} %`);

/**
 * How busy the server's main thread and the load generator were during each load: a call whose server
 * thread is near a whole core is bound by that one thread, not by the machine (docs/benchmark.md,
 * thirty-fifth section).
 */
function busySection(passes: Pass[], measured: readonly Scenario[]): string[] {
  if (passes.length === 0) return [];
  const row = (name: string, pick: (pass: Pass) => Figures | undefined) =>
    `| ${name} |${passes.map((pass) => ` ${busyCell(pick(pass)?.mainThreadBusy)} | ${busyCell(pick(pass)?.loadGeneratorBusy)} |`).join('')}`;
  return [
    '### The server\'s main thread and the load generator',
    '',
    'The share of one core each was busy during each load: the server\'s main thread (the one that runs JavaScript; its other threads, the collector\'s helpers and libuv\'s pool, are in CPU µs above but not here) and the bench\'s own process, which generates the load on the same machine. A call whose server thread is near 100 % is bound by that one thread; the bare handler and the load generator together fill the machine\'s cores.',
    '',
    `| load | ${passes.map((pass) => `${pass.database} server thread | load generator`).join(' | ')} |`,
    `|---|${passes.map(() => '---:|---:').join('|')}|`,
    row('bare handler (POST)', (pass) => pass.baseline.post),
    row('bare handler (GET redirect)', (pass) => pass.baseline.get),
    ...measured.map((scenario) => row(scenario.name, (pass) => pass.results.get(scenario.name))),
    '',
  ];
}

/** Each method's first two calls after a start, per pass (runner.ts firstCallsOf). */
function firstCallsSection(passes: Pass[]): string[] {
  const withCalls = passes.filter((pass) => pass.firstCalls.length > 0);
  if (withCalls.length === 0) return [];
  const names = [...new Set(withCalls.flatMap((pass) => pass.firstCalls.map((call) => call.scenario)))];
  const cells = (pass: Pass, name: string) => {
    const call = pass.firstCalls.find((candidate) => candidate.scenario === name);
    return call ? ` ${call.firstMs.toFixed(1)} | ${call.secondMs.toFixed(1)} | ${call.status} |` : ' | | |';
  };
  return [
    '## First calls after a start',
    '',
    'What a caller waits for right after a deploy: on each pass\'s server, started and seeded, one scenario of each method (and the redirect) called twice in turn, ms from the request to the whole answer at the client (fetch). Seeding has already called translateText, updateUserPreferences and findLanguage (marked *), and every call of the server\'s first seconds pays for V8 compiling the protocol\'s path, so these are the first calls of a method, not of the process.',
    '',
    `| scenario | ${withCalls.map((pass) => `${pass.database} first ms | second ms | status`).join(' | ')} |`,
    `|---|${withCalls.map(() => '---:|---:|---:').join('|')}|`,
    ...names.map((name) => {
      const seeded = withCalls.some((pass) => pass.firstCalls.find((call) => call.scenario === name)?.calledWhileSeeding);
      return `| ${name}${seeded ? ' *' : ''} |${withCalls.map((pass) => cells(pass, name)).join('')}`;
    }),
    '',
  ];
}

/** The report `npm run bench` prints and writes to bench/RESULTS.md (docs/benchmark.md). */
export function report(run: RunFigures): string {
  const { started, loadAtStart, passes, skipped, limitRows, dispatchRows, callbackRows, bareRss } = run;
  const [sqlitePass, postgresPass] = passes;
  return [
    '# flowhooks benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${started.toISOString()}.`,
    '',
    `- Machine: ${machine()}; 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end (other processes than the bench's count in it).`,
    `- Load: autocannon in the bench process, ${connections} connections, ${seconds} s a scenario (BENCH_SECONDS, BENCH_CONNECTIONS); the server, the bare handler and the load generator share the machine.`,
    `- flowhooks runs as in production: \`${[...Object.entries(startScriptEnv).map(([name, value]) => `${name}=${value}`), 'node', ...extraNodeArgs, 'dist/src/cli.js serve'].join(' ')}\` (the environment and node options of \`npm start\`, then BENCH_NODE_ARGS), info-level JSON logs, bearer token checked on every call.`,
    `- Databases: ${[...new Set([...passes, ...run.scalePasses].map((pass) => pass.database))].join(' and ')}${skipped.length ? `; ${skipped.join(' ')}` : ' (a fresh schema on the local server)'}.`,
    '',
    ...targetsSection(run),
    '## Bare Fastify baseline (same run)',
    '',
    'A bare Fastify process that parses the webhook body and answers a fixed response (and a 302 from a Map for the redirect), measured right before each database pass; ratios below are against the baseline of their pass.',
    '',
    '| pass | POST /webhook req/s | p50 / p99 ms | CPU µs a call | GET redirect req/s | p50 / p99 ms | CPU µs a call |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[
      ...passes,
      ...run.scalePasses.map((pass) => ({ database: `${pass.database} scale`, baseline: pass.baseline })),
    ].map(
      ({ database, baseline: { post, get } }) =>
        `| before ${database} | ${post.requestsPerSecond.toFixed(0)} | ${post.p50} / ${post.p99} | ${cpuCell(post)} | ${get.requestsPerSecond.toFixed(0)} | ${get.p50} / ${get.p99} | ${cpuCell(get)} |`,
    ),
    '',
    '## Webhook methods and the redirect',
    '',
    'req/s, latency p50 / p99 in ms, ratio = req/s ÷ bare req/s, CPU = the server process\'s CPU time (all threads) per answered call in µs (the bare handler\'s is in the table above; unlike req/s it hardly moves when other work takes the machine), errors = non-2xx answers and socket errors.',
    '',
    '| scenario | SQLite req/s | p50 / p99 | ratio | CPU µs | errors | PostgreSQL req/s | p50 / p99 | ratio | CPU µs | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...scenarios.map((scenario) => `| ${scenario.name} ${cell(sqlitePass, scenario)}${cell(postgresPass, scenario)}|`),
    '',
    'What each scenario does: translateText asks for five prompts again and again against a local stand-in for Google (after one seeding call each, every measured call is a cache hit:',
    `${run.translationProviderCalls} provider calls in the whole run); fetchUserPreferences reads one stored contact; updateUserPreferences writes two keys of a new contact; pullreport writes a row with a new callId and two extra columns;`,
    'findLanguage (nothing stored) looks up callers across mobile series and landlines, each call also reading the (absent) stored preference; findLanguage (stored preference) calls as one of 200 callers who stored a language, answered from that preference; updatePauseStatusForCLI toggles one of 20 agents; allocateAgent picks the longest-idle agent; validateDateAndTime parses ISO, day-first and English dates against an imported holiday calendar, and its corpus mix draws from every understood utterance of src/methods/validate-date-and-time/understand/corpus.json (sentences, spoken forms, typos, Hindi and nine other Indian languages);',
    'createOutbound schedules one number a week ahead (the dispatcher stays idle); linkcreation stores a bot session and a short URL; the redirect is `GET /{code}` with a phone browser\'s user agent (visit recorded, redirect not followed).',
    '',
    ...busySection(passes, scenarios),
    ...firstCallsSection(passes),
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
    `${jobCount} jobs due at once (createOutbound, 1000 numbers a call), one flowhooks process, a local sink answering 200 (every delivery's signature is checked with the standardwebhooks package after the burst, outside the timing); rate from the first call to the last delivery; lag = delivery − due time. The first burst runs on a server started for it, which also pays for V8 compiling the hot paths; the second burst, on the same process once the first is reported on, is the pace of a node that has been running (docs/benchmark.md).`,
    `Then the dialer's outcome reports of the first burst: one signed \`answered\` report a job (\`POST /api/outbound-jobs/{jobId}/result\`), ${connections} connections; each is verified, stored, ends its job and checks its request's completion in one transaction.`,
    '',
    '| database | burst | jobs | deliveries/s | server CPU µs a job | lag p50 ms | lag p99 ms | outcome reports/s | server CPU µs a report | p50 / p99 ms | report errors | peak RSS |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...dispatchRows,
    '',
    ...callbackSection(callbackRows),
    ...ceilingSection(run),
    ...crashSection(run),
    ...scaleSection(run),
    '## Peak memory',
    '',
    'Peak resident set size (VmHWM) of each process over its whole life, read just before it stopped.',
    '',
    '| process | peak RSS |',
    '|---|---:|',
    ...passes.map((pass) => `| flowhooks, ${pass.database} pass (all scenarios) | ${pass.peakRss} |`),
    ...run.scalePasses.map((pass) => `| flowhooks, ${pass.database} scale pass (export and ${scaleScenarioNames.length} scenarios) | ${pass.peakRss} |`),
    `| bare Fastify handler | ${bareRss} |`,
    '',
    `Numbering data (findLanguage) in memory: ${numberingMemoryMiB().toFixed(1)} MiB of heap.`,
    '',
    '## Where the time goes',
    '',
    ...(run.profileLines.length
      ? [
          `CPU profiles (\`npm run bench -- --profile\`): each scenario on a ${profileDatabase === 'postgres' ? 'PostgreSQL' : 'SQLite'} server of its own run with \`node --cpu-prof\`, the profile summed by who spent the time (a package, one of our modules, Node, the garbage collector); share of the busy (non-idle) time, and microseconds per call. Profiling slows the server, so its req/s are not the figures above. The profiler samples at wall-clock intervals: a thread put off the CPU inside a system call (the socket write wakes the load generator) is recorded as still in it, so \`native:\` rows are wall time; each heading adds the CPU time the kernel counted for the same load and how much of it was in the kernel (docs/benchmark.md, twelfth section).`,
          '',
          ...run.profileLines,
        ]
      : ['Not profiled in this run: `npm run bench -- --profile` (or BENCH_PARTS=profile for the profiles alone) adds the tables.', '']),
    ...profileBefore(),
  ].join('\n');
}

/**
 * The profile tables of an earlier run, to read beside this run's: BENCH_PROFILE_BEFORE names
 * a report written by `npm run bench -- --profile` of an earlier build (docs/benchmark.md).
 */
function profileBefore(): string[] {
  const file = process.env.BENCH_PROFILE_BEFORE;
  if (!file) return [];
  const text = readFileSync(file, 'utf8');
  const written = /Written by `npm run bench` \(bench\/run\.ts\) on ([^.]+)\./.exec(text)?.[1] ?? 'an unknown date';
  const start = text.indexOf('## Where the time goes');
  const section = start < 0 ? '' : text.slice(start).split('\n').slice(1).join('\n');
  const end = section.search(/^## /m);
  const body = (end < 0 ? section : section.slice(0, end)).trim();
  return ['### Before: the same profiles of an earlier build', '', `From ${basename(file)} (written ${written}), on the same machine; the tables above are after.`, '', body.replace(/^\*\*/gm, '**Before: ').replace(/\n+$/, ''), ''];
}


const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** `+4 %`, `−12 %`. */
const signedPercent = (change: number) => `${change < 0 ? '−' : '+'}${Math.abs(change).toFixed(0)} %`;

/**
 * One scale pass's rows of the comparison table, and its largest change against
 * the same calls on a hundredth of the data (its control); the `methods`
 * pass's ratio of the scenario is beside them where that part ran.
 */
function scaleRows(pass: ScalePass, small: Pass | undefined): { rows: string[]; largestChange?: { name: string; change: number } } {
  let largestChange: { name: string; change: number } | undefined;
  const rows = scaleScenarioNames.map((name) => {
    const figures = pass.results.get(name);
    const scale = ratioOf(figures, pass.baseline, name);
    const controlFigures = pass.control.results.get(name);
    const before = ratioOf(controlFigures, pass.baseline, name);
    const methods = small && ratioOf(small.results.get(name), small.baseline, name);
    const change = scale !== undefined && before !== undefined ? (scale / before - 1) * 100 : undefined;
    if (change !== undefined && (largestChange === undefined || Math.abs(change) > Math.abs(largestChange.change))) largestChange = { name, change };
    const cells = [
      pass.database,
      name,
      controlFigures ? controlFigures.requestsPerSecond.toFixed(0) : '',
      figures ? figures.requestsPerSecond.toFixed(0) : '',
      figures ? `${figures.p50} / ${figures.p99}` : '',
      figures ? String(figures.errors + (controlFigures?.errors ?? 0)) : '',
      before?.toFixed(2) ?? '',
      scale?.toFixed(2) ?? '',
      change === undefined ? 'n/a' : signedPercent(change),
      `${controlFigures ? cpuCell(controlFigures) : ''} / ${figures ? cpuCell(figures) : ''}`,
      methods?.toFixed(2) ?? 'n/a',
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return { rows, largestChange };
}

/** What the storage functions alone cost on the control's data and on the grown data. */
function storageRows(pass: ScalePass): string[] {
  const row = (what: string, call: string, key: keyof ScalePass['storage']) => {
    const before = pass.control.storage[key];
    const after = pass.storage[key];
    return `| ${pass.database} | ${what} | ${call} | ${before.toFixed(1)} | ${after.toFixed(1)} | ${signedMicros(after - before)} |`;
  };
  return [
    row('`listPreferences`, a random seeded contact', 'fetchUserPreferences', 'contactRead'),
    row('`findLinkTarget`, a random seeded link', 'the redirect, a link not in memory', 'linkRead'),
    row('`insertVisits`, batches of 1000 visits to random seeded links, a visit', 'the redirect (off the request, every 500 ms)', 'visitWrite'),
  ];
}

/** The scale floors' rows (bench/scale-floor.ts): each read's statements alone on the control and at full size. */
function scaleFloorRows(pass: ScalePass): string[] {
  return scaleFloorScenarios.flatMap((scenario) => {
    const row = pass.floors.rows.get(scenario);
    const floor = scaleFloorOf(pass, scenario);
    if (!row || !floor) return [];
    const needed = (1 - growthTargetPercent / 100) * ratioTargetOf(scenario, pass.database as Database)!;
    return [`| ${pass.database} | ${scenario} | ${row.control.requestsPerSecond.toFixed(0)} | ${row.grown.requestsPerSecond.toFixed(0)} | ${signedPercent(floor.change * 100)} | ${floor.grownRatio.toFixed(2)} | ${needed.toFixed(2)} |`];
  });
}

/** `+4.2 µs`, `−1.0 µs`. */
const signedMicros = (change: number) => `${change < 0 ? '−' : '+'}${Math.abs(change).toFixed(1)} µs`;

/** Indexes the scale scenarios read (src/storage/migrations/): what keeps them flat as the tables grow. */
const scaleIndexes = [
  '- `user_preferences` primary key `user_preferences_pk` (account_id, contact_id, name), 0001-foundation: fetchUserPreferences reads a contact\'s rows by its first two columns, already in name order; updateUserPreferences upserts on it and counts the contact\'s rows on it.',
  '- `report_rows` unique `report_rows_call` (account_id, report_type, stage, call_id), 0004-reports: pullreport\'s idempotent insert (`on conflict do nothing`) checks the call id there. `report_rows_time` (account_id, report_type, stage, start_at, id): the CSV export reads its batches of 1000 by key on it, each batch a seek, not an offset. `report_rows_flow` (…, flow_id, start_at, id) and `report_rows_dnis` (…, dnis, start_at, id) serve filtered exports and are kept up by every write.',
  '- `short_urls` unique `short_urls_domain_code` (domain, code), 0008-short-urls: the redirect\'s lookup of a link that is not in memory, with its counters\' row by the primary key of `short_url_visit_counts` (link_id), 0021-visit-counts. The recorded visits go to `short_url_visits` (indexes `short_url_visits_link` (link_id, visited_at), 0008, and `short_url_visits_at` (visited_at), 0015-overview) and are added to the links\' counters by that same key.',
];

/** The `## Cost as data grows` section (`BENCH_PARTS=scale`, bench/scale.ts). */
function scaleSection(run: RunFigures): string[] {
  const { scalePasses, scaleNotes, passes } = run;
  if (!scalePasses.length && !scaleNotes.length) return [];
  const compared = scalePasses.map((pass) => ({ pass, ...scaleRows(pass, passes.find((small) => small.database === pass.database)) }));
  const summaries = compared.map(({ pass, largestChange }) =>
    largestChange === undefined
      ? `${pass.database}: no change could be given.`
      : `${pass.database}: every call within ${Math.abs(largestChange.change).toFixed(0)} % of the same calls on a hundredth of the data (largest change: ${largestChange.name}, ${signedPercent(largestChange.change)}).`,
  );
  const databases = scalePasses.map((pass) => pass.database);
  const seedingRow = (table: string) =>
    `| ${table} | ${scalePasses.map((pass) => {
      const timing = pass.seeding.find((candidate) => candidate.table === table);
      return timing ? `${timing.rows} | ${(timing.ms / 1000).toFixed(1)} | ${timing.rows ? ((timing.ms / timing.rows) * 10).toFixed(2) : 'n/a'}` : ' | | ';
    }).join(' | ')} |`;
  return [
    '## Cost as data grows',
    '',
    `\`BENCH_PARTS=scale\` (bench/scale.ts): a fresh database seeded straight into its tables with ${scaleCounts.contacts} contacts' preferences (one each, \`language\`), ${scaleCounts.reportRows} rows of the \`call\` report over 90 days and ${scaleCounts.shortLinks} short links, all of the bench's account, written as the service writes them (bench/scale-data.ts); then flowhooks on it, with the normal seed on top.`,
    `The control: the same seed with a hundredth of the rows (${controlCounts(scaleCounts).contacts} contacts, ${controlCounts(scaleCounts).reportRows} report rows, ${controlCounts(scaleCounts).shortLinks} links) on another fresh database, with a flowhooks of its own running beside the grown database's. Each scenario runs on the control and on the grown data in turn, twice (${seconds} s each), and the better round of each side is kept, so both sides meet the same machine; the bare handler is measured once before them. The change between the two is what the growth of the data costs a call.`,
    'fetchUserPreferences reads a random seeded contact each call (so at full size the number normalisation\'s cache of 20 000 callers mostly misses, and on the control it always answers). updateUserPreferences and pullreport are the small-data scenarios (new contacts, new call ids). The redirect follows a random seeded link: the shortener keeps a link in memory for 3 s (at most 50 000), so at full size most look-ups read the table, where on the control every link stays in memory; each batch of recorded visits adds to the counters of every link it touched (`short_url_visit_counts`). The bare redirect is loaded the same way (a path set on each request, which costs the load generator too).',
    'Ratio = req/s ÷ the bare handler measured before the scenarios; change = full-size req/s ÷ control req/s − 1; CPU = the server\'s CPU time per answered call, µs; methods ratio = the scenario in this run\'s `methods` pass (one contact read again and again, one link), for reference.',
    ...scaleNotes.map((note) => `${note}`),
    '',
    '| database | scenario | control req/s | full-size req/s | p50 / p99 ms | errors | control ratio | full-size ratio | change | CPU µs, control / full size | methods ratio |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...compared.flatMap(({ rows }) => rows),
    '',
    ...summaries.map((summary) => `- ${summary}`),
    '',
    'On a busy machine the bare handler itself moves by a fifth or more from pass to pass (see the baseline table), so changes of that size are noise; the CPU a call moves less.',
    '',
    'The database\'s share: after each server stopped, the calls\' storage functions ran alone on its database through the service\'s own code (query builder and driver, one after another; no HTTP, authentication or logs), 5 000 reads each and 10 batches of 1000 visits after a tenth as many untimed; wall-clock µs a call, one at a time (on PostgreSQL the round trip and the server\'s work included). Where the webhook\'s CPU a call grows by about what its storage function grows by, the growth is the database\'s own pace on more rows than its cache holds, not the service\'s.',
    '',
    '| database | storage function | in the call | µs on the control | µs at full size | change |',
    '|---|---|---|---:|---:|---:|',
    ...scalePasses.flatMap(storageRows),
    '',
    `The floor at scale: after the servers stopped, the bare handler's process on each database (bench/scale-floor.ts) answered the two reads of seeded rows with their statements alone, straight through the driver (no query builder, authentication, webhook protocol or logs): fetchUserPreferences' read of a random seeded contact, and the redirect's read of a random seeded link with its visit written as the shortener writes visits (batches every 500 ms or 1000 visits, both tables), a link read kept in memory for 3 s as the shortener may keep it (the time another node takes to see a change), with no bound on how many. SQLite is opened as the server opens it (the same page cache, the log checkpointed off the event loop); on PostgreSQL the reads that arrive together go as one statement. Each on the control and on the grown data in turn, twice, the better round kept; ratio = req/s ÷ that process's bare handler (GET for the redirect). A call that meets its ratio target on small data and stays within ${growthTargetPercent} % of it at full size must reach ${(1 - growthTargetPercent / 100).toFixed(1)} × its target at full size; where the statements alone reach less there, the two targets together are out of reach on this machine ("Against the targets").`,
    '',
    '| database | scenario | floor req/s, control | floor req/s, full size | change | floor ratio at full size | needed at full size |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...scalePasses.flatMap(scaleFloorRows),
    '',
    'CSV export of the whole report (`GET /api/accounts/1/reports/call?format=csv`, admin token), read to the end by the bench process; the server\'s resident set (VmRSS) sampled every 50 ms. The first byte waits for the report\'s extra column names (one pass over every row\'s JSON); then rows stream in batches of 1000. Memory is flat when the second half\'s peak is level with the first\'s.',
    '',
    '| database | rows | CSV MiB | first byte s | total s | rows/s | RSS before | peak RSS, first / second half |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...scalePasses.map(({ database, export: csv }) =>
      `| ${database} | ${csv.rows} | ${(csv.bytes / 2 ** 20).toFixed(1)} | ${(csv.firstByteMs / 1000).toFixed(2)} | ${(csv.ms / 1000).toFixed(1)} | ${(csv.rows / (csv.ms / 1000)).toFixed(0)} | ${mib(csv.rssBeforeKiB)} | ${mib(csv.peakFirstHalfKiB)} / ${mib(csv.peakSecondHalfKiB)} |`),
    '',
    'Seeding (multi-row inserts in transactions of 100 000 rows; `unnest` arrays on PostgreSQL, then `vacuum analyze`, not counted): seconds, and seconds per 10 000 rows.',
    '',
    `| table | ${databases.map((database) => `${database} rows | s | s per 10 000`).join(' | ')} |`,
    `|---|${databases.map(() => '---:|---:|---:').join('|')}|`,
    ...['user_preferences', 'report_rows', 'short_urls'].map(seedingRow),
    '',
    'The indexes that keep these lookups flat (src/storage/migrations/):',
    '',
    ...scaleIndexes,
    '',
  ];
}

/** The `ceiling` part's figures: what a ratio allows (bench/runner.ts workBudgetBench), and each database's floors. */
export interface CeilingPart {
  workBudget: WorkBudgetRow[];
  passes: CeilingPass[];
  notes: string[];
}

/** `### What a ratio allows`: the bare handler with work added, and the work each target ratio leaves a call. */
function workBudgetSection(rows: WorkBudgetRow[]): string[] {
  const bare = rows.find((row) => row.micros === 0);
  if (!bare) return [];
  const ratios = rows.map((row) => ({ value: row.micros, ratio: row.figures.requestsPerSecond / bare.figures.requestsPerSecond }));
  const budget = (ratio: number) => {
    const micros = valueAtRatio(ratios, ratio);
    return micros === undefined ? `${ratio}: outside the measured rows` : `${ratio}: about ${micros.toFixed(0)} µs`;
  };
  const cpu = (figures: Figures) => (figures.cpuMicrosPerCall === undefined ? 'n/a' : figures.cpuMicrosPerCall.toFixed(0));
  return [
    '### What a ratio allows',
    '',
    `The bare handler of this run's main process, loaded the same way with a fixed amount of busy work added to each call (\`POST /work/{µs}\`, bench/bare-server.ts). While the server is faster than the load generator, the generator never waits; once it is slower, the generator sleeps between answers and each answer pays for waking it, so a call's CPU grows by more than the work added (docs/benchmark.md "What a ratio allows"). Work a call may add to the bare handler's for a ratio of ${[0.5, 0.4, 0.3, 0.25].map(budget).join('; ')}.`,
    '',
    '| work added a call, µs | req/s | p50 / p99 ms | ratio | server CPU µs a call | of it in the kernel |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.micros} | ${row.figures.requestsPerSecond.toFixed(0)} | ${row.figures.p50} / ${row.figures.p99} | ${(row.figures.requestsPerSecond / bare.figures.requestsPerSecond).toFixed(2)} | ${cpu(row.figures)} | ${row.kernelMicrosPerCall.toFixed(0)} |`,
    ),
    '',
  ];
}

/** The `## The floor of a call` section (`BENCH_PARTS=ceiling`, bench/ceiling.ts). */
function ceilingSection(run: RunFigures): string[] {
  if (!run.ceiling) return [];
  const { passes, notes } = run.ceiling;
  // A floor with what every call records also bounds the calls that share it (recordFloorOf); `none` has no call of its own.
  const boundCalls = (row: CeilingRow) =>
    row.recorded ? [row.scenario, ...Object.keys(recordFloorOf).filter((call) => recordFloorOf[call] === row.scenario)].filter((call) => call !== recordAlone) : [row.scenario];
  const measured = (row: CeilingRow) => {
    const pass = run.passes.find((candidate) => candidate.database === row.database);
    return boundCalls(row).map((call) => (pass && ratioOf(pass.results.get(call), pass.baseline, call)?.toFixed(2)) ?? 'n/a').join(', ');
  };
  const rows = passes.flatMap((pass) =>
    pass.rows.map((row) => {
      const bare = row.bare ?? pass.bare;
      const work = row.recorded ? `${row.scenario === recordAlone ? 'no statement' : row.work}, with what every call records` : row.work;
      return `| ${row.database} | ${boundCalls(row).join(', ')} | ${work} | ${bare.requestsPerSecond.toFixed(0)} | ${row.figures.requestsPerSecond.toFixed(0)} | ${row.figures.p50} / ${row.figures.p99} | ${row.figures.errors} | ${(row.figures.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} | ${measured(row)} |`;
    }),
  );
  return [
    '## The floor of a call',
    '',
    `\`BENCH_PARTS=ceiling\` (bench/ceiling.ts): the bare handler's process, on a database made by the service's migrations, also answers \`POST /floor/{call}\` by running that call's statements straight through the service's driver (better-sqlite3 on one connection, each statement prepared once and kept, the statements of one event-loop turn in one transaction and its writes answered after the commit, as the service does; node-postgres with a pool of ${connections}, named statements, and the writes of pullreport, updateUserPreferences, updatePauseStatusForCLI, allocateAgent, createOutbound and linkcreation (its link with its session) of one turn, and those queued behind them, as one statement, createOutbound's reads too, as the service sends them; linkcreation's bot and link owner read once in 5 s, as the service keeps them in memory) — no query builder, no authentication, no webhook protocol, no logs. Loaded like the scenarios (${connections} connections, ${seconds} s), right after that process's bare handler. Last, the redirect's floor: \`GET /floor/link/{code}\` (bench/scale-floor.ts) answers the bare redirect's link from the database, kept in memory for 3 s as the shortener may keep it, its visit written with the others every 500 ms or 1 000 visits as the shortener writes them (on SQLite with the log checkpointed off the event loop, as the server does), set against the same process's bare redirect (GET), loaded right before it. Then each again at \`POST /floor-record/{call}\` with what every webhook call records (bench/call-record.ts), each in the cheapest way the process knows: the bearer token's account looked up in memory; after the answer, one log line with the service's request-log fields through the service's log destination, the call counted and timed in the service's metrics, and its invocation-log entry written with the others through the driver, 500 a batch or each second (no hourly roll-up); and that record alone, for the calls without statements of their own (translateText answered from its cache, validateDateAndTime) and, with fetchUserPreferences' read, for findLanguage, which reads the caller's stored preferences. A webhook call that runs these statements over HTTP cannot be answered faster on this machine, so floor ÷ bare is the highest ratio the call can reach here; the methods table's ratio is beside it.`,
    ...notes,
    '',
    '| database | call | its statements | bare req/s | floor req/s | p50 / p99 ms | errors | highest ratio possible | flowhooks ratio |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...workBudgetSection(run.ceiling.workBudget),
    ...dispatchFloorSection(run, passes),
  ];
}

/** The status callbacks the running burst's outcome reports queue, and their pace (bench/runner.ts `statusCallbacks`). */
function callbackSection(rows: string[]): string[] {
  if (rows.length === 0) return [];
  return [
    '### Status callbacks',
    '',
    `Then, on the same process, a status webhook registered for the account and an \`answered\` outcome report for each job of the running burst (${connections} connections): each report queues the job's \`outbound.job.attempted\` and \`outbound.job.completed\` callbacks, and the last of a request its \`outbound.request.completed\`, which the node's sender delivers to a local receiver answering 204 (each signature checked on arrival with the standardwebhooks package) while the reports come in. Rate = callbacks ÷ the time from the first report to the last callback's arrival, which the reports' own pace bounds; how long the last callback came after the last report's answer is the sender's backlog; CPU = the server's CPU over the same time, per callback (the reports' included).`,
    '',
    '| database | outcome reports | reports/s | callbacks | received | callbacks/s | last callback after the last report, ms | server CPU µs a callback |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ];
}

/** The dispatcher's floor (bench/dispatch-floor.ts) beside the dispatcher part's deliveries/s. */
function dispatchFloorSection(run: RunFigures, passes: CeilingPass[]): string[] {
  // The dispatcher part's rows: | database | burst | jobs | deliveries/s | CPU µs a job | …
  const measured = (database: string, burst: 'first burst' | 'running', column: number) => dispatchCell(run.dispatchRows, database, burst, column) ?? 'n/a';
  return [
    '### The floor of the dispatcher',
    '',
    `In the same process, \`POST /floor-dispatch\` (bench/dispatch-floor.ts) does what delivering ${jobCount} jobs due at once cannot do without, through the driver alone: the jobs inserted 1000 a statement, claimed with the claim's statement whenever half of ${dispatchConcurrency} deliveries in flight have ended, each POSTed signed (the service's Standard Webhooks signing) over kept-alive node:http connections to the same kind of local dialer as the dispatcher part's, and the ends of one event-loop turn written in one statement; no query builder, webhook protocol, logs or metrics. Timed like a burst, from the request to the last delivery's arrival, twice (the first on code not yet compiled). A dispatcher on this machine cannot deliver faster.`,
    '',
    '| database | run | floor deliveries/s | floor CPU µs a job | flowhooks deliveries/s | flowhooks CPU µs a job |',
    '|---|---|---:|---:|---:|---:|',
    ...passes.flatMap((pass) =>
      (['first burst', 'running'] as const).map((burst, index) => {
        const floor = pass.dispatch[index];
        return `| ${pass.database} | ${burst === 'running' ? 'second (running)' : 'first'} | ${floor?.perSecond.toFixed(0) ?? 'n/a'} | ${floor?.cpuMicros.toFixed(0) ?? 'n/a'} | ${measured(pass.database, burst, dispatchColumns.perSecond)} | ${measured(pass.database, burst, dispatchColumns.cpuMicros)} |`;
      }),
    ),
    '',
  ];
}

/** The `## Exactly once at scale` section (`BENCH_PARTS=crash`, bench/crash.ts). */
function crashSection(run: RunFigures): string[] {
  if (!run.crash) return [];
  const { runs, exitCode, failure } = run.crash;
  return [
    '## Exactly once at scale',
    '',
    `\`BENCH_PARTS=crash\` (bench/crash.ts): \`node dist/scripts/crash-test.js --scenario all --database all --seconds ${crashLoad.seconds} --rate ${crashLoad.rate}\` (docs/testing.md "Crash and scale tests"): mixed writes (updateUserPreferences, pullreport, createOutbound of three numbers) at ${crashLoad.rate} a second for ${crashLoad.seconds} s, at most 256 in flight. **crash**: one server, killed with SIGKILL at the end of the load while deliveries, outcome reports and status callbacks are under way, then started again on the same database. **nodes**: two servers on one PostgreSQL, each dispatching, no kill. Lost = acknowledged jobs that never reached the dialer; dialled twice = a dial delivered under two \`webhook-id\`s (the dialer would place it twice); redeliveries = a job sent again after the kill under the \`webhook-id\` of its first delivery, which the dialer drops as the protocol asks (docs/methods/create-outbound.md).`,
    '',
    '| run | writes sent | acknowledged | outbound jobs | lost | dialled twice | redeliveries | checks |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map((figures) => `| ${figures.run} | ${figures.writesSent} | ${figures.acknowledged} | ${figures.jobs} | ${figures.lost} | ${figures.dialledTwice} | ${figures.redeliveries} | ${figures.problems === 0 ? 'passed' : `${figures.problems} failed`} |`),
    '',
    exitCode === 0 ? 'The crash test passed (exit 0).' : `The crash test FAILED (exit ${exitCode}): ${failure ?? ''}`,
    '',
  ];
}
