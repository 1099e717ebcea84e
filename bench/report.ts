import { cpus, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createNumberingPlan } from '../src/adapters/numbering/numbering.js';
import { readNumberingData, shippedDataFolder } from '../src/adapters/numbering/shipped-data.js';
import { connections, jobCount, seconds } from './options.js';
import type { Pass } from './runner.js';
import { scenarios, type Scenario } from './scenarios.js';

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
  /** The CPU profile tables (`--profile`), empty when not profiled. */
  profileLines: string[];
  bareRss: string;
  translationProviderCalls: number;
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

/** One scenario's cells of a pass: req/s, latency, ratio against the pass's bare handler, errors. */
function cell(pass: Pass | undefined, scenario: Scenario): string {
  const figures = pass?.results.get(scenario.name);
  if (!pass || !figures) return '| | | | ';
  const base = scenario.get ? pass.baseline.get : pass.baseline.post;
  return `| ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} / ${figures.p99} | ${(figures.requestsPerSecond / base.requestsPerSecond).toFixed(2)} | ${figures.errors} `;
}

/** The report `npm run bench` prints and writes to bench/RESULTS.md (docs/benchmark.md). */
export function report(run: RunFigures): string {
  const { started, loadAtStart, passes, skipped, limitRows, dispatchRows, bareRss } = run;
  const [sqlitePass, postgresPass] = passes;
  return [
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
    `${run.translationProviderCalls} provider calls in the whole run); fetchUserPreferences reads one stored contact; updateUserPreferences writes two keys of a new contact; pullreport writes a row with a new callId and two extra columns;`,
    'findLanguage (nothing stored) looks up callers across mobile series and landlines, each call also reading the (absent) stored preference; findLanguage (stored preference) calls as one of 200 callers who stored a language, answered from that preference; updatePauseStatusForCLI toggles one of 20 agents; allocateAgent picks the longest-idle agent; validateDateAndTime parses ISO, day-first and English dates against an imported holiday calendar, and its corpus mix draws from every understood utterance of src/methods/validate-date-and-time/understand/corpus.json (sentences, spoken forms, typos, Hindi and nine other Indian languages);',
    'createOutbound schedules one number a week ahead (the dispatcher stays idle); linkcreation stores a bot session and a short URL; the redirect is `GET /{code}` with a phone browser\'s user agent (visit recorded, redirect not followed).',
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
    '## Where the time goes',
    '',
    ...(run.profileLines.length
      ? [
          'CPU profiles (`npm run bench -- --profile`): each scenario on a SQLite server of its own run with `node --cpu-prof`, the profile summed by who spent the time (a package, one of our modules, Node, the garbage collector); share of the busy (non-idle) time, and microseconds per call. Profiling slows the server, so its req/s are not the figures above.',
          '',
          ...run.profileLines,
        ]
      : ['Not profiled in this run: `npm run bench -- --profile` (or BENCH_PARTS=profile for the profiles alone) adds the tables.', '']),
  ].join('\n');
}
