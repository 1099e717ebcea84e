import { recordAlone, recordFloorOf, type CeilingPass } from './ceiling.js';
import { dispatchCell, dispatchColumns, isGetScenario, ratioOf, valueAtRatio } from './ratios.js';
import type { RunFigures } from './report.js';
import type { Pass, WorkBudgetRow } from './runner.js';
import { scaleFloorOf, scaleScenarioNames, type ScalePass } from './scale.js';

/**
 * The performance targets (docs/benchmark.md "Targets"), each judged against the run that measured
 * it: met, short, or out of reach on this machine, where the run measured what bounds it (the call's
 * statements alone behind the bare handler, the dispatcher's floor). The report opens with them, so
 * a results file says by itself where it stands.
 */

export type Database = 'SQLite' | 'PostgreSQL';
const databases: readonly Database[] = ['SQLite', 'PostgreSQL'];

/** Ratios to the bare handler, by scenario name (bench/scenarios.ts), SQLite / PostgreSQL. */
export const ratioTargets: ReadonlyArray<{ scenario: string; group: string; target: Record<Database, number> }> = [
  ...['findLanguage (nothing stored)', 'findLanguage (stored preference)', 'translateText (cache hit)', 'fetchUserPreferences'].map((scenario) => ({
    scenario,
    group: 'reads',
    target: { SQLite: 0.5, PostgreSQL: 0.4 },
  })),
  { scenario: 'short URL redirect (visit recorded)', group: 'the redirect', target: { SQLite: 0.5, PostgreSQL: 0.4 } },
  { scenario: 'validateDateAndTime', group: 'date validation', target: { SQLite: 0.3, PostgreSQL: 0.25 } },
  ...['updateUserPreferences', 'pullreport', 'updatePauseStatusForCLI (toggle)', 'allocateAgent', 'createOutbound (1 number, due in 7 days)', 'linkcreation'].map((scenario) => ({
    scenario,
    group: 'writes',
    target: { SQLite: 0.25, PostgreSQL: 0.12 },
  })),
];

/** A scenario's ratio target on `database`, when it has one. */
export const ratioTargetOf = (scenario: string, database: Database): number | undefined => ratioTargets.find((candidate) => candidate.scenario === scenario)?.target[database];

/** 2000 jobs due at once, the first burst after a start: deliveries a second, and the lag's p99. */
export const dispatchTarget = { perSecond: { SQLite: 3000, PostgreSQL: 2000 } as Record<Database, number>, lagP99Ms: 1000 };
/** Peak resident set of every flowhooks process of the run, MiB. */
export const peakRssTargetMiB = 160;
/** A call on the grown data within this share of the same call on a hundredth of it. */
export const growthTargetPercent = 20;
/** The export's memory is flat: the second half's peak at most this share above the first half's. */
const flatExportShare = 0.05;

export type Verdict = 'met' | 'short' | 'out of reach here' | 'not measured';

export interface TargetCell {
  verdict: Verdict;
  text: string;
}

export interface TargetRow {
  target: string;
  cells: Record<Database, TargetCell>;
}

const notMeasured: TargetCell = { verdict: 'not measured', text: 'not measured in this run' };
const both = (cell: (database: Database) => TargetCell): Record<Database, TargetCell> => ({ SQLite: cell('SQLite'), PostgreSQL: cell('PostgreSQL') });

/** A ratio target: met, short of a floor above it, or out of reach under a floor below it. */
function ratioCell(run: RunFigures, scenario: string, database: Database, target: number): TargetCell {
  const pass = run.passes.find((candidate) => candidate.database === database);
  const ratio = pass && ratioOf(pass.results.get(scenario), pass.baseline, scenario);
  if (!pass || ratio === undefined) return notMeasured;
  const shown = `${ratio.toFixed(2)} (target ${target})`;
  if (ratio >= target) return { verdict: 'met', text: `${shown}: met` };
  const floor = floorOf(run.ceiling?.passes, scenario, database);
  // A floor the service itself beat bounds nothing (on PostgreSQL a floor's batches share its pool with its statements).
  if (floor !== undefined && floor.ratio < ratio) return { verdict: 'short', text: `${shown}: short; ${floor.what} ${floor.ratio.toFixed(2)}, under the call's own, so no bound` };
  if (floor !== undefined) {
    return floor.ratio < target
      ? { verdict: 'out of reach here', text: `${shown}: out of reach here, ${floor.what} ${floor.ratio.toFixed(2)}` }
      : { verdict: 'short', text: `${shown}: short; ${floor.what} ${floor.ratio.toFixed(2)}` };
  }
  // Only on SQLite is all of a call's work in the server's CPU (PostgreSQL's share runs in its own processes),
  // and the work budget was measured on the bare handler's POST, not on its GET redirect.
  const comparable = database === 'SQLite' && !isGetScenario(scenario);
  const cpu = comparable ? pass.results.get(scenario)?.cpuMicrosPerCall : undefined;
  const allowed = cpuAtRatio(run.ceiling?.workBudget, target);
  const why = cpu !== undefined && allowed !== undefined ? `; ${cpu.toFixed(0)} µs of CPU a call, where ${target} left the bare handler about ${allowed.toFixed(0)}` : '';
  return { verdict: 'short', text: `${shown}: short${why}` };
}

/**
 * The call's floor ÷ its bare handler (bench/ceiling.ts), when the run measured it: its statements with what
 * every call records (its own, or the floor it shares, `recordFloorOf`), the closer bound, or else its statements alone.
 */
function floorOf(passes: readonly CeilingPass[] | undefined, scenario: string, database: Database): { ratio: number; what: string } | undefined {
  const pass = passes?.find((candidate) => candidate.database === database);
  if (!pass) return undefined;
  const recordedAs = recordFloorOf[scenario] ?? scenario;
  const measured = (recorded: boolean, floorScenario: string) => {
    const row = pass.rows.find((candidate) => candidate.scenario === floorScenario && (candidate.recorded ?? false) === recorded);
    return row && row.figures.errors === 0 ? row.figures.requestsPerSecond / (row.bare ?? pass.bare).requestsPerSecond : undefined;
  };
  const recorded = measured(true, recordedAs);
  if (recorded !== undefined) {
    const statements = recordedAs === scenario ? 'its statements' : `${recordedAs}'s statements`;
    return { ratio: recorded, what: recordedAs === recordAlone ? 'what every call records alone reaches' : `${statements} with what every call records reach` };
  }
  const alone = measured(false, scenario);
  return alone === undefined ? undefined : { ratio: alone, what: 'its statements alone reach' };
}

/** The CPU a call of the bare handler with work added, at the work that brings it to `ratio` ("What a ratio allows"). */
function cpuAtRatio(rows: readonly WorkBudgetRow[] | undefined, ratio: number): number | undefined {
  const bare = rows?.find((row) => row.micros === 0);
  if (!rows || !bare) return undefined;
  const measured = rows.filter((row) => row.figures.cpuMicrosPerCall !== undefined);
  return valueAtRatio(measured.map((row) => ({ ratio: row.figures.requestsPerSecond / bare.figures.requestsPerSecond, value: row.figures.cpuMicrosPerCall! })), ratio);
}

function dispatchCellOf(run: RunFigures, database: Database): TargetCell {
  const perSecond = Number(dispatchCell(run.dispatchRows, database, 'first burst', dispatchColumns.perSecond));
  const lagP99 = Number(dispatchCell(run.dispatchRows, database, 'first burst', dispatchColumns.lagP99));
  if (!Number.isFinite(perSecond) || !Number.isFinite(lagP99) || perSecond === 0) return notMeasured;
  const target = dispatchTarget.perSecond[database];
  const shown = `${perSecond.toFixed(0)} a second, lag p99 ${lagP99.toFixed(0)} ms (target ${target}, ${dispatchTarget.lagP99Ms} ms)`;
  if (perSecond >= target && lagP99 <= dispatchTarget.lagP99Ms) return { verdict: 'met', text: `${shown}: met` };
  const floor = run.ceiling?.passes.find((pass) => pass.database === database)?.dispatch[0]?.perSecond;
  if (floor !== undefined && floor < target) return { verdict: 'out of reach here', text: `${shown}: out of reach here, its floor delivers ${floor.toFixed(0)} a second` };
  return { verdict: 'short', text: `${shown}: short${floor === undefined ? '' : `; its floor delivers ${floor.toFixed(0)} a second`}` };
}

/** "154 MiB" → 154. */
const mebibytes = (text: string) => Number(/^(\d+(?:\.\d+)?) MiB$/.exec(text.trim())?.[1] ?? Number.NaN);

function rssCell(passes: ReadonlyArray<Pick<Pass | ScalePass, 'database' | 'peakRss'>>, database: Database): TargetCell {
  const pass = passes.find((candidate) => candidate.database === database);
  const peak = pass ? mebibytes(pass.peakRss) : Number.NaN;
  if (!Number.isFinite(peak)) return notMeasured;
  return peak <= peakRssTargetMiB
    ? { verdict: 'met', text: `${peak} MiB (target ${peakRssTargetMiB}): met` }
    : { verdict: 'short', text: `${peak} MiB (target ${peakRssTargetMiB}): short by ${peak - peakRssTargetMiB} MiB` };
}

function growthCell(run: RunFigures, scenario: string, database: Database): TargetCell {
  const pass = run.scalePasses.find((candidate) => candidate.database === database);
  const grown = pass && ratioOf(pass.results.get(scenario), pass.baseline, scenario);
  const control = pass && ratioOf(pass.control.results.get(scenario), pass.baseline, scenario);
  if (grown === undefined || !control) return notMeasured;
  const change = (grown / control - 1) * 100;
  const shown = `${change < 0 ? '−' : '+'}${Math.abs(change).toFixed(0)} % (target within ${growthTargetPercent} %)`;
  // Faster on the grown data is the machine's drift, not growth: only a loss counts against the target.
  if (change >= -growthTargetPercent) return { verdict: 'met', text: `${shown}: met` };
  // A call at its ratio target on small data and within the growth target at full size reaches this share of the
  // target at full size; its statements alone at full size (bench/scale-floor.ts) bound what it can reach there.
  const floor = pass && scaleFloorOf(pass, scenario);
  const ratioTarget = ratioTargetOf(scenario, database);
  if (!floor || ratioTarget === undefined) return { verdict: 'short', text: `${shown}: short` };
  const needed = (1 - growthTargetPercent / 100) * ratioTarget;
  const bound = `its statements alone change by ${floor.change < 0 ? '−' : '+'}${Math.abs(floor.change * 100).toFixed(0)} % and reach ${floor.grownRatio.toFixed(2)} at full size`;
  return floor.grownRatio < needed
    ? { verdict: 'out of reach here', text: `${shown}: out of reach here together with the ratio target (${ratioTarget}): that needs ${needed.toFixed(2)} at full size, ${bound}` }
    : { verdict: 'short', text: `${shown}: short; ${bound}` };
}

function exportCell(run: RunFigures, database: Database): TargetCell {
  const csv = run.scalePasses.find((candidate) => candidate.database === database)?.export;
  if (!csv) return notMeasured;
  const [first, second] = [csv.peakFirstHalfKiB / 1024, csv.peakSecondHalfKiB / 1024];
  const shown = `${first.toFixed(0)} / ${second.toFixed(0)} MiB in the first / second half`;
  return second <= first * (1 + flatExportShare) ? { verdict: 'met', text: `${shown}: flat, met` } : { verdict: 'short', text: `${shown}: grows, short` };
}

function exactlyOnceCell(run: RunFigures, database: Database): TargetCell {
  const runs = run.crash?.runs.filter((figures) => figures.run.endsWith(`/${database === 'SQLite' ? 'sqlite' : 'postgres'}`)) ?? [];
  if (runs.length === 0) return notMeasured;
  const lost = runs.reduce((sum, figures) => sum + figures.lost, 0);
  const twice = runs.reduce((sum, figures) => sum + figures.dialledTwice, 0);
  const failed = runs.reduce((sum, figures) => sum + figures.problems, 0);
  const shown = `${runs.map((figures) => `${figures.run} ${figures.jobs} jobs`).join(', ')}; ${lost} lost, ${twice} dialled twice`;
  return lost === 0 && twice === 0 && failed === 0 ? { verdict: 'met', text: `${shown}: met` } : { verdict: 'short', text: `${shown}: FAILED` };
}

/** Every target of the run, in the order of docs/benchmark.md "Targets". */
export function targetRows(run: RunFigures): TargetRow[] {
  return [
    ...ratioTargets.map(({ scenario, group, target }) => ({
      target: `${group}: ${scenario}, ≥ ${target.SQLite} / ≥ ${target.PostgreSQL}`,
      cells: both((database) => ratioCell(run, scenario, database, target[database])),
    })),
    { target: `dispatcher, ${dispatchTarget.perSecond.SQLite} / ${dispatchTarget.perSecond.PostgreSQL} a second, lag p99 ≤ 1 s (first burst after a start)`, cells: both((database) => dispatchCellOf(run, database)) },
    { target: `peak RSS ≤ ${peakRssTargetMiB} MiB, the methods pass`, cells: both((database) => rssCell(run.passes, database)) },
    { target: `peak RSS ≤ ${peakRssTargetMiB} MiB, the scale pass`, cells: both((database) => rssCell(run.scalePasses, database)) },
    ...scaleScenarioNames.map((scenario) => ({ target: `${scenario} at full size within ${growthTargetPercent} % of the control`, cells: both((database) => growthCell(run, scenario, database)) })),
    { target: 'CSV export of a million rows, memory flat', cells: both((database) => exportCell(run, database)) },
    { target: 'exactly once at scale (crash and two-node tests)', cells: both((database) => exactlyOnceCell(run, database)) },
  ];
}

/** The `## Against the targets` section: each target's cells, and a count of the verdicts. */
export function targetsSection(run: RunFigures): string[] {
  const rows = targetRows(run);
  const cells = rows.flatMap((row) => databases.map((database) => row.cells[database]));
  const count = (verdict: Verdict) => cells.filter((cell) => cell.verdict === verdict).length;
  return [
    '## Against the targets',
    '',
    'Each target of the performance work (docs/benchmark.md "Targets") against this run, SQLite / PostgreSQL. *Out of reach here*: the run measured what bounds it below the target — the call\'s statements behind the bare handler with what every call records (its token, log line, metrics and invocation-log entry), or without that where only that was measured ("The floor of a call"), the dispatcher\'s floor, or for a growth target the reads\' statements alone on the grown data, under what the growth and ratio targets need together ("Cost as data grows") — so no service could meet it on this machine. *Short*: the target is above that bound, or no bound was measured; for a SQLite webhook call without a floor, its CPU a call is set beside what the bare handler spent a call with work added at the target ratio ("What a ratio allows", measured on the bare handler\'s POST; on PostgreSQL part of a call\'s work runs in the database\'s processes, so its CPU is not comparable).',
    '',
    '| target | SQLite | PostgreSQL |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.target} | ${row.cells.SQLite.text} | ${row.cells.PostgreSQL.text} |`),
    '',
    `Of ${cells.length - count('not measured')} measured: ${count('met')} met, ${count('out of reach here')} out of reach here, ${count('short')} short${count('not measured') ? `; ${count('not measured')} not measured in this run` : ''}.`,
    '',
  ];
}
