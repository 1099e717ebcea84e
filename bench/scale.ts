import { readFileSync } from 'node:fs';
import { callWebhook, mustCall } from '../harness/client.js';
import type { ServerProcess } from '../harness/process.js';
import { scaleCounts } from './options.js';
import { ratioOf } from './ratios.js';
import { load, loadGet, startBare, startFlowhooks, withCpu, type Figures } from './runner.js';
import { scaleContact, scaleCustToken, scaleLanguage, scaleLongUrl, seedScaleData, type ScaleCounts, type SeedTiming } from './scale-data.js';
import { withFreshDatabase, type DatabaseKind, type FreshDatabase } from '../harness/database.js';
import { openDatabase } from '../src/storage/db.js';
import { listPreferences } from '../src/storage/preferences.js';
import { findLinkTarget, insertVisits } from '../src/storage/short-urls.js';
import { visitOf } from '../src/shortener/visits.js';
import { adminToken, allScenarios, bareLink, bareLoad, browser, browserHeaders, loadOf, seed, token, type Seeded, type WebhookLoad } from './scenarios.js';

/**
 * The `scale` part (docs/benchmark.md "Cost as data grows"): the calls whose
 * cost could grow with the data — a preference read and write, a report
 * write, the redirect — measured on a database holding a million contacts'
 * preferences, a million report rows and 100 000 short links
 * (bench/scale-data.ts), and the same calls on a hundredth of that, each
 * beside the bare handler measured right before; then a CSV export of the
 * whole report through the reports API, with the server's memory sampled
 * while it streams; and the statements of the two reads alone on both
 * databases (bench/scale-floor.ts), which bound what those calls can reach.
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

/** The calls measured on one database. */
export interface ScaleMeasure {
  /** By scenario name (`scaleScenarioNames`). */
  results: Map<string, Figures>;
  /** The storage functions of those calls run alone, with the server stopped (`storageWork`). */
  storage: StorageFigures;
}

/** One database's `scale` pass: the grown data, and the same calls on a hundredth of it. */
export interface ScalePass extends ScaleMeasure {
  database: string;
  seeding: SeedTiming[];
  /** The bare handler, loaded once before the scenarios of both sides. */
  baseline: { post: Figures; get: Figures };
  /** The same seed and loads on a hundredth of the rows: what the grown data is compared with. */
  control: ScaleMeasure;
  export: ExportFigures;
  peakRss: string;
  /** The two reads of seeded rows with their statements alone (bench/scale-floor.ts), on the control and on the grown data. */
  floors: ScaleFloorFigures;
}

/** The scale part's floors: calls whose statements alone run behind the bare handler, on both databases. */
export interface ScaleFloorFigures {
  /** The bare handler of the grown database's floor process, POST and GET, loaded before the floors. */
  bare: { post: Figures; get: Figures };
  /** By scenario name (fetchUserPreferences, the redirect): the better of two rounds on each side. */
  rows: Map<string, { control: Figures; grown: Figures }>;
}

/** The scenarios with a floor at scale: the reads of seeded rows (updateUserPreferences and pullreport write new ones). */
export const scaleFloorScenarios = ['fetchUserPreferences', 'short URL redirect (visit recorded)'] as const;

/** A scale floor's change from the control to the grown data (a share: −0.4 is −40 %) and its ratio on the grown data. */
export function scaleFloorOf(pass: Pick<ScalePass, 'floors'>, scenario: string): { change: number; grownRatio: number } | undefined {
  const row = pass.floors.rows.get(scenario);
  if (!row) return undefined;
  return { change: row.grown.requestsPerSecond / row.control.requestsPerSecond - 1, grownRatio: ratioOf(row.grown, pass.floors.bare, scenario)! };
}

/** The measured calls, named as the `methods` pass names its scenarios (bench/report.ts compares them by name). */
export const scaleScenarioNames = ['fetchUserPreferences', 'updateUserPreferences', 'pullreport', 'short URL redirect (visit recorded)'] as const;

const randomIndex = (count: number) => Math.floor(Math.random() * count);

/** fetchUserPreferences of a contact among the `count` seeded ones, a new one each call, in the national form flows send. */
const seededContactRead = (count: number): WebhookLoad => ({
  method: 'fetchUserPreferences',
  keys: () => [{ name: '$user.syskey.contactNumber', value: scaleContact(randomIndex(count)) }],
});

/** The small-data scenario of that name, for the writes: they do the same thing on the bigger tables. */
const sameAs = (name: string, seeded: Seeded): WebhookLoad => loadOf(allScenarios.find((scenario) => scenario.name === name)!, seeded);

/** A hundredth of the grown data (at least one row a table): the same calls on it show what the growth alone costs. */
export const controlCounts = (counts: ScaleCounts): ScaleCounts => ({
  contacts: Math.max(1, Math.round(counts.contacts / 100)),
  reportRows: Math.max(1, Math.round(counts.reportRows / 100)),
  shortLinks: Math.max(1, Math.round(counts.shortLinks / 100)),
});

/** One database under test: its seeded data, and the server started on it. */
interface Side {
  counts: ScaleCounts;
  codes: string[];
  server: ServerProcess;
  seeded: Seeded;
}

/** Rounds of each scenario on each side, alternated: the better round of each side is kept (a busy machine only ever slows a round). */
const rounds = 2;
/** The better of a kept round and a new one. */
const better = (kept: Figures | undefined, next: Figures): Figures => (kept && kept.requestsPerSecond >= next.requestsPerSecond ? kept : next);

/**
 * Seeds two fresh databases — one with a hundredth of the rows (the
 * control), one with all of them — starts flowhooks on each, checks that
 * each server reads its seeded rows and exports the grown report; then
 * measures the bare handler, and each of the four calls on the control and
 * on the grown data in turn, `rounds` times, so that both sides meet the
 * same machine. After the servers stop, the calls' storage functions run
 * alone on each database.
 */
export async function scaleBench(database: string, kind: DatabaseKind, bareAddress: string, translationUrl: string): Promise<ScalePass> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!Object.values(scaleCounts).every((count) => Number.isInteger(count) && count > 0)) {
    throw new Error('SCALE_PREFERENCES, SCALE_REPORT_ROWS and SCALE_SHORT_LINKS must be whole numbers above 0');
  }
  const small = controlCounts(scaleCounts);
  return withFreshDatabase(kind, 'fh_bench_scale', (controlEnv) =>
    withFreshDatabase(kind, 'fh_bench_scale', async (grownEnv) => {
      log(`${database}: the control, ${small.contacts} contacts' preferences, ${small.reportRows} report rows, ${small.shortLinks} short links`);
      const controlCodes = (await seedScaleData(controlEnv, log, small)).codes;
      log(`${database}: seeding ${scaleCounts.contacts} contacts' preferences, ${scaleCounts.reportRows} report rows, ${scaleCounts.shortLinks} short links`);
      const { timings, codes } = await seedScaleData(grownEnv, log);
      const sides: Side[] = [];
      let exported: ExportFigures;
      let measured: Pick<ScaleMeasure, 'results'>[];
      let baseline: ScalePass['baseline'];
      let peakRss: string;
      try {
        for (const [env, counts, sideCodes] of [[controlEnv, small, controlCodes], [grownEnv, scaleCounts, codes]] as const) {
          const server = await startFlowhooks(env, translationUrl);
          sides.push({ counts, codes: sideCodes, server, seeded: await seed(server.address) });
          await checkSeeded(server.address, sideCodes, counts);
        }
        const [control, grown] = sides as [Side, Side];
        log(`${database}: exporting the report as CSV`);
        exported = await measureExport(grown.server, scaleCounts.reportRows);
        log(`${database}: measuring the bare handler, then ${scaleScenarioNames.length} scenarios on the control and the grown database in turn`);
        // Unmeasured: in the methods pass, the scenarios before fetchUserPreferences warm the webhook path up (JIT, connections).
        for (const side of sides) await load(`${side.server.address}/webhook`, seededContactRead(side.counts.contacts));
        baseline = {
          post: await load(`${bareAddress}/webhook`, bareLoad),
          // A path set on each request, as the redirect loads set their random one: that costs the load generator too.
          get: await loadGet(bareAddress, browserHeaders, () => `/${bareLink.code}`),
        };
        measured = [{ results: new Map() }, { results: new Map() }];
        for (const name of scaleScenarioNames) {
          for (let round = 0; round < rounds; round++) {
            for (const [index, side] of [control, grown].entries()) {
              const figures = await withCpu(side.server, () => loadScenario(name, side));
              measured[index]!.results.set(name, better(measured[index]!.results.get(name), figures));
            }
          }
        }
        peakRss = grown.server.peakRss();
      } finally {
        for (const side of sides) await side.server.stop();
      }
      const floors = await scaleFloorBench(database, [controlEnv, grownEnv], [small, scaleCounts], [controlCodes, codes]);
      return {
        database,
        seeding: timings,
        floors,
        baseline,
        results: measured[1]!.results,
        storage: await storageWork(grownEnv, codes, scaleCounts),
        control: { results: measured[0]!.results, storage: await storageWork(controlEnv, controlCodes, small) },
        export: exported,
        peakRss,
      };
    }),
  );
}

/** One load of scenario `name` on `side`: a random seeded contact or link of its data; the writes as in the small-data scenarios. */
function loadScenario(name: (typeof scaleScenarioNames)[number], side: Side): Promise<Figures> {
  const { address } = side.server;
  switch (name) {
    case 'fetchUserPreferences':
      return load(`${address}/webhook`, seededContactRead(side.counts.contacts));
    case 'updateUserPreferences':
    case 'pullreport':
      return load(`${address}/webhook`, sameAs(name, side.seeded));
    case 'short URL redirect (visit recorded)':
      // At full size most links miss the shortener's in-memory cache (50 000 links, 3 s) and read the table.
      return loadGet(address, browserHeaders, () => `/${side.codes[randomIndex(side.codes.length)]}`);
  }
}

/**
 * The floors at scale (bench/scale-floor.ts): a bare process on each database, after flowhooks stopped;
 * the grown one's bare handler, then each read's statements on the control and on the grown data in
 * turn, twice, keeping each side's better round, as the scenarios are measured.
 */
async function scaleFloorBench(
  database: string,
  envs: readonly [FreshDatabase['env'], FreshDatabase['env']],
  counts: readonly [ScaleCounts, ScaleCounts],
  codes: readonly [string[], string[]],
): Promise<ScaleFloorFigures> {
  process.stdout.write(`${database}: the statements of ${scaleFloorScenarios.join(' and ')} alone, on the control and the grown database in turn\n`);
  const servers: ServerProcess[] = [];
  try {
    for (const env of envs) servers.push(await startBare(env, 'scale'));
    const grownAddress = servers[1]!.address;
    // Twice, the better kept, as the floors: the first load of a fresh process runs on code not yet compiled.
    let bare: ScaleFloorFigures['bare'] | undefined;
    for (let round = 0; round < rounds; round++) {
      const post = await load(`${grownAddress}/webhook`, bareLoad);
      const get = await loadGet(grownAddress, browserHeaders, () => `/${bareLink.code}`);
      bare = { post: better(bare?.post, post), get: better(bare?.get, get) };
    }
    const floorLoad = (scenario: (typeof scaleFloorScenarios)[number], side: 0 | 1) =>
      scenario === 'fetchUserPreferences'
        ? load(`${servers[side]!.address}/floor-scale/contact`, seededContactRead(counts[side].contacts))
        : loadGet(servers[side]!.address, browserHeaders, () => `/floor-scale/link/${codes[side][randomIndex(codes[side].length)]}`);
    const rows = new Map<string, { control: Figures; grown: Figures }>();
    for (const scenario of scaleFloorScenarios) {
      const best: Array<Figures | undefined> = [undefined, undefined];
      for (let round = 0; round < rounds; round++) {
        for (const side of [0, 1] as const) {
          const figures = await floorLoad(scenario, side);
          if (figures.errors > 0) throw new Error(`scale: the floor of ${scenario} answered ${figures.errors} errors`);
          best[side] = better(best[side], figures);
        }
      }
      rows.set(scenario, { control: best[0]!, grown: best[1]! });
    }
    return { bare: bare!, rows };
  } finally {
    for (const server of servers) await server.stop();
  }
}

/** Microseconds of wall-clock time a call of each storage function (on PostgreSQL with its round trip), run alone, one at a time, on the database after its server stopped. */
export interface StorageFigures {
  /** `listPreferences` of a random seeded contact (what fetchUserPreferences reads). */
  contactRead: number;
  /** `findLinkTarget` of a random seeded link (the redirect's read of a link not in memory). */
  linkRead: number;
  /** `insertVisits` of batches of 1000 visits to random seeded links, a visit (the redirect's write). */
  visitWrite: number;
}

/**
 * The storage functions behind the calls, run one after another on `env`'s
 * database through the service's own code (query builder and driver; no
 * HTTP, authentication or logs): the part of a call's cost that is the
 * database's. The same on a hundredth of the data shows how much of the
 * grown data's extra cost the database alone accounts for.
 */
async function storageWork(env: FreshDatabase['env'], codes: string[], counts: ScaleCounts): Promise<StorageFigures> {
  const handle = openDatabase(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA });
  try {
    // A tenth more first, untimed: compiled code, prepared statements, a warm connection.
    const timed = async (times: number, one: () => Promise<unknown>) => {
      for (let run = 0; run < Math.ceil(times / 10); run++) await one();
      const started = performance.now();
      for (let run = 0; run < times; run++) await one();
      return ((performance.now() - started) * 1000) / times;
    };
    const contactRead = await timed(5000, () => listPreferences(handle.db, 1, `+91${scaleContact(randomIndex(counts.contacts))}`));
    const links: string[] = [];
    const linkRead = await timed(5000, async () => {
      const link = await findLinkTarget(handle.db, '', codes[randomIndex(codes.length)]!);
      if (!link) throw new Error('scale: a seeded link was not found');
      links.push(link.id);
    });
    const batches = 10;
    const visitAt = Date.now();
    const visitWrite =
      (await timed(batches, () => insertVisits(handle.db, Array.from({ length: 1000 }, (_, index) => visitOf(links[randomIndex(links.length)]!, visitAt + index, undefined, browser))))) / 1000;
    return { contactRead, linkRead, visitWrite };
  } finally {
    await handle.close();
  }
}

/**
 * The part must measure what it says: the server finds a seeded contact's
 * preference, redirects a seeded code to its URL, and finds a seeded link by
 * its reuse key (the same request answers the seeded link, not a new one).
 */
async function checkSeeded(address: string, codes: string[], counts: ScaleCounts): Promise<void> {
  const last = counts.contacts - 1;
  const read = await callWebhook(address, token, 'fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: scaleContact(last) }]);
  if (read.outputs['$user.key.language'] !== scaleLanguage(last)) throw new Error(`scale: contact ${scaleContact(last)} reads ${JSON.stringify(read.body)}, not its seeded language`);
  const code = codes.at(-1)!;
  const redirect = await fetch(`${address}/${code}`, { redirect: 'manual', headers: browserHeaders });
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
