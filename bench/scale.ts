import { readFileSync } from 'node:fs';
import { callWebhook, mustCall } from '../harness/client.js';
import type { ServerProcess } from '../harness/process.js';
import { scaleCounts } from './options.js';
import { load, loadGet, startFlowhooks, type Figures } from './runner.js';
import { scaleContact, scaleCustToken, scaleLanguage, scaleLongUrl, seedScaleData, type SeedTiming } from './scale-data.js';
import { adminToken, allScenarios, bareLoad, browser, loadOf, seed, token, type Seeded, type WebhookLoad } from './scenarios.js';

/**
 * The `scale` part (docs/benchmark.md "Cost as data grows"): the calls whose
 * cost could grow with the data — a preference read and write, a report
 * write, the redirect — measured on a database holding a million contacts'
 * preferences, a million report rows and 100 000 short links
 * (bench/scale-data.ts), beside the bare handler measured right before; then
 * a CSV export of the whole report through the reports API, with the server's
 * memory sampled while it streams.
 */

/** What the CSV export of the seeded report measured. */
export interface ExportFigures {
  rows: number;
  bytes: number;
  /** From the request to the first byte: the export reads the report's extra column names first. */
  firstByteMs: number;
  /** From the request to the last byte. */
  ms: number;
  /** The server's resident set (VmRSS) when the export began, in KiB. */
  rssBeforeKiB: number;
  /** The highest VmRSS sampled in the first and in the second half of the streaming, in KiB: level when memory stays flat. */
  peakFirstHalfKiB: number;
  peakSecondHalfKiB: number;
}

/** One database's `scale` pass. */
export interface ScalePass {
  database: string;
  seeding: SeedTiming[];
  baseline: { post: Figures; get: Figures };
  /** By scenario name: the names of the small-data scenarios they compare with. */
  results: Map<string, Figures>;
  export: ExportFigures;
  peakRss: string;
}

/** The measured calls, named as the `methods` pass names its scenarios (bench/report.ts compares them by name). */
export const scaleScenarioNames = ['fetchUserPreferences', 'updateUserPreferences', 'pullreport', 'short URL redirect (visit recorded)'] as const;

const randomIndex = (count: number) => Math.floor(Math.random() * count);

/** fetchUserPreferences of a contact among the seeded ones, a new one each call, in the national form flows send. */
const seededContactRead: WebhookLoad = {
  method: 'fetchUserPreferences',
  keys: () => [{ name: '$user.syskey.contactNumber', value: scaleContact(randomIndex(scaleCounts.contacts)) }],
};

/** The small-data scenario of that name, for the writes: they do the same thing on the bigger tables. */
const sameAs = (name: string, seeded: Seeded): WebhookLoad => loadOf(allScenarios.find((scenario) => scenario.name === name)!, seeded);

/**
 * Seeds `env`'s fresh database, starts flowhooks on it, checks that the
 * server reads the seeded rows, exports the report, then measures the bare
 * handler and the four calls.
 */
export async function scaleBench(database: string, env: { DATABASE_URL: string; DATABASE_SCHEMA: string }, bareAddress: string, translationUrl: string): Promise<ScalePass> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!Object.values(scaleCounts).every((count) => Number.isInteger(count) && count > 0)) {
    throw new Error('SCALE_PREFERENCES, SCALE_REPORT_ROWS and SCALE_SHORT_LINKS must be whole numbers above 0');
  }
  log(`${database}: seeding ${scaleCounts.contacts} contacts' preferences, ${scaleCounts.reportRows} report rows, ${scaleCounts.shortLinks} short links`);
  const { timings, codes } = await seedScaleData(env, log);
  const server = await startFlowhooks(env, translationUrl);
  try {
    const seeded = await seed(server.address);
    await checkSeeded(server.address, codes);
    log(`${database}: exporting the report as CSV`);
    const exported = await measureExport(server, scaleCounts.reportRows);
    // Unmeasured: in the methods pass, the scenarios before fetchUserPreferences warm the webhook path up (JIT, connections).
    log(`${database}: warming up, then measuring the bare handler and ${scaleScenarioNames.length} scenarios on the grown database`);
    await load(`${server.address}/webhook`, seededContactRead);
    const baseline = {
      post: await load(`${bareAddress}/webhook`, bareLoad),
      // A path set on each request, as the redirect load below sets its random one: that costs the load generator too.
      get: await loadGet(bareAddress, { 'user-agent': browser, accept: 'text/html' }, () => '/bench001'),
    };
    const results = new Map<string, Figures>([
      ['fetchUserPreferences', await load(`${server.address}/webhook`, seededContactRead)],
      ['updateUserPreferences', await load(`${server.address}/webhook`, sameAs('updateUserPreferences', seeded))],
      ['pullreport', await load(`${server.address}/webhook`, sameAs('pullreport', seeded))],
      // A random link among the seeded ones: most miss the shortener's in-memory cache (50 000 links, 3 s) and read the table.
      ['short URL redirect (visit recorded)', await loadGet(server.address, { 'user-agent': browser, accept: 'text/html' }, () => `/${codes[randomIndex(codes.length)]}`)],
    ]);
    return { database, seeding: timings, baseline, results, export: exported, peakRss: server.peakRss() };
  } finally {
    await server.stop();
  }
}

/**
 * The part must measure what it says: the server finds a seeded contact's
 * preference, redirects a seeded code to its URL, and finds a seeded link by
 * its reuse key (the same request answers the seeded link, not a new one).
 */
async function checkSeeded(address: string, codes: string[]): Promise<void> {
  const last = scaleCounts.contacts - 1;
  const read = await callWebhook(address, token, 'fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: scaleContact(last) }]);
  if (read.outputs['$user.key.language'] !== scaleLanguage(last)) throw new Error(`scale: contact ${scaleContact(last)} reads ${JSON.stringify(read.body)}, not its seeded language`);
  const code = codes.at(-1)!;
  const redirect = await fetch(`${address}/${code}`, { redirect: 'manual', headers: { 'user-agent': browser, accept: 'text/html' } });
  if (redirect.status !== 302 || redirect.headers.get('location') !== scaleLongUrl(codes.length - 1)) throw new Error(`scale: /${code} answered ${redirect.status} to ${redirect.headers.get('location')}`);
  const again = await mustCall(address, 'POST', '/api/short-urls', { custToken: scaleCustToken, longUrl: scaleLongUrl(0) });
  if (again.created !== false || !String(again.shortUrl).endsWith(`/${codes[0]}`)) throw new Error(`scale: the service does not find seeded link ${codes[0]} by its reuse key: ${JSON.stringify(again)}`);
}

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM); 0 where /proc is missing. */
function statusKiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Line ends in a chunk: each CSV record ends with CRLF, and no seeded value holds a line break. */
function countLineEnds(chunk: Uint8Array): number {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

/**
 * `GET /api/accounts/1/reports/call?format=csv`, read to the end and
 * counted, not kept; the server's VmRSS is sampled every 50 ms meanwhile.
 * Throws when the export holds another number of rows than were seeded.
 */
async function measureExport(server: ServerProcess, expectedRows: number): Promise<ExportFigures> {
  const pid = server.child.pid;
  const rssBeforeKiB = statusKiB(pid, 'VmRSS');
  const samples: Array<{ at: number; kib: number }> = [];
  const sampler = setInterval(() => samples.push({ at: performance.now(), kib: statusKiB(pid, 'VmRSS') }), 50);
  const started = performance.now();
  let firstByte: number | undefined;
  let bytes = 0;
  let lines = 0;
  try {
    const response = await fetch(`${server.address}/api/accounts/1/reports/call?format=csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (!response.ok || !response.body) throw new Error(`scale: the CSV export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    for await (const chunk of response.body) {
      firstByte ??= performance.now();
      bytes += chunk.byteLength;
      lines += countLineEnds(chunk);
    }
  } finally {
    clearInterval(sampler);
  }
  const ended = performance.now();
  // The header is the first line.
  const rows = lines - 1;
  if (rows !== expectedRows) throw new Error(`scale: the CSV export held ${rows} rows, ${expectedRows} were seeded`);
  const streamingFrom = firstByte ?? started;
  const middle = (streamingFrom + ended) / 2;
  const peak = (from: number, to: number) => Math.max(0, ...samples.filter((sample) => sample.at >= from && sample.at < to).map((sample) => sample.kib));
  return {
    rows,
    bytes,
    firstByteMs: streamingFrom - started,
    ms: ended - started,
    rssBeforeKiB,
    peakFirstHalfKiB: peak(started, middle),
    peakSecondHalfKiB: peak(middle, ended + 1),
  };
}
