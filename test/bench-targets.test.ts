import { describe, expect, it } from 'vitest';
import { report, type RunFigures } from '../bench/report.js';
import type { Figures, Pass } from '../bench/runner.js';
import type { ScalePass } from '../bench/scale.js';
import { targetRows, targetsSection } from '../bench/targets.js';

// The report's opening section judges each performance target against the run's own figures
// (docs/benchmark.md "Targets"); these runs are made up so that each verdict is known.

const figures = (requestsPerSecond: number, cpuMicrosPerCall?: number): Figures => ({
  calls: requestsPerSecond * 5,
  requestsPerSecond,
  p50: 1,
  p99: 4,
  errors: 0,
  ...(cpuMicrosPerCall !== undefined && { cpuMicrosPerCall }),
});

const baseline = { post: figures(30_000, 25), get: figures(60_000, 15) };

function pass(database: 'SQLite' | 'PostgreSQL', results: Record<string, Figures>, peakRss = '150 MiB'): Pass {
  return { database, baseline, results: new Map(Object.entries(results)), firstCalls: [], peakRss };
}

function scalePass(
  database: 'SQLite' | 'PostgreSQL',
  control: Record<string, Figures>,
  grown: Record<string, Figures>,
  peakRss: string,
  floors: Record<string, { control: Figures; grown: Figures }> = {},
): ScalePass {
  const storage = { contactRead: 10, linkRead: 10, visitWrite: 30 };
  return {
    database,
    baseline,
    results: new Map(Object.entries(grown)),
    storage,
    control: { results: new Map(Object.entries(control)), storage },
    seeding: [],
    export: { rows: 1_000_000, bytes: 150 * 2 ** 20, firstByteMs: 600, ms: 9_000, rssBeforeKiB: 140 * 1024, peakFirstHalfKiB: 156 * 1024, peakSecondHalfKiB: 157 * 1024 },
    peakRss,
    floors: { bare: baseline, rows: new Map(Object.entries(floors)) },
  };
}

function run(parts: Partial<RunFigures>): RunFigures {
  return {
    started: new Date('2026-12-06T09:00:00Z'),
    loadAtStart: 0.3,
    passes: [],
    skipped: [],
    limitRows: [],
    dispatchRows: [],
    callbackRows: [],
    profileLines: [],
    bareRss: '100 MiB',
    translationProviderCalls: 0,
    scalePasses: [],
    scaleNotes: [],
    ...parts,
  };
}

const rowOf = (figuresOfRun: RunFigures, start: string) => {
  const row = targetRows(figuresOfRun).find((candidate) => candidate.target.startsWith(start));
  if (!row) throw new Error(`no target row starts with ${start}`);
  return row;
};

describe('the report against the targets', () => {
  it('judges a ratio against its database\'s target, and says what bounds a call that falls short', () => {
    const measured = run({
      passes: [
        pass('SQLite', { 'translateText (cache hit)': figures(16_000, 60), pullreport: figures(6_000, 130), allocateAgent: figures(9_000, 90) }),
        pass('PostgreSQL', { 'translateText (cache hit)': figures(12_000, 70), pullreport: figures(3_000, 150), allocateAgent: figures(3_000, 120) }),
      ],
      ceiling: {
        notes: [],
        // The bare handler with work added: 20 µs of work brought it to 0.49 at 54 µs of CPU a call.
        workBudget: [
          { micros: 0, figures: figures(36_000, 26), kernelMicrosPerCall: 8 },
          { micros: 20, figures: figures(17_640, 54), kernelMicrosPerCall: 12 },
          { micros: 40, figures: figures(12_000, 79), kernelMicrosPerCall: 17 },
        ],
        passes: [
          {
            database: 'SQLite',
            bare: figures(30_000),
            // pullreport's statements alone reach 0.4: above its 0.25, so the service is short of its floor.
            rows: [{ database: 'SQLite', scenario: 'pullreport', work: 'one row inserted', figures: figures(12_000) }],
            dispatch: [],
          },
          {
            database: 'PostgreSQL',
            bare: figures(30_000),
            // allocateAgent's statements alone reach 0.1: under its 0.12, so no service reaches it here.
            rows: [{ database: 'PostgreSQL', scenario: 'allocateAgent', work: 'one update', figures: figures(3_000) }],
            dispatch: [],
          },
        ],
      },
    });

    const translate = rowOf(measured, 'reads: translateText (cache hit)');
    // 16 000 / 30 000 = 0.53 against 0.5; 12 000 / 30 000 = 0.4 against 0.4.
    expect(translate.cells.SQLite).toEqual({ verdict: 'met', text: '0.53 (target 0.5): met' });
    expect(translate.cells.PostgreSQL.verdict).toBe('met');

    const pullreport = rowOf(measured, 'writes: pullreport');
    expect(pullreport.cells.SQLite).toEqual({ verdict: 'short', text: '0.20 (target 0.25): short; its statements alone reach 0.40' });
    // No floor for it on PostgreSQL, and no work-budget row below 0.12: short, without a bound to name.
    expect(pullreport.cells.PostgreSQL).toEqual({ verdict: 'short', text: '0.10 (target 0.12): short' });

    const allocate = rowOf(measured, 'writes: allocateAgent');
    expect(allocate.cells.SQLite.verdict).toBe('met');
    expect(allocate.cells.PostgreSQL).toEqual({ verdict: 'out of reach here', text: '0.10 (target 0.12): out of reach here, its statements alone reach 0.10' });

    // A read with no floor, short: its CPU a call beside the bare handler's at the target ratio
    // (interpolated between the 0 µs and 20 µs rows: 0.5 is 98 % of the way from 1.0 to 0.49).
    const redirect = 'short URL redirect (visit recorded)';
    const short = run({
      ...measured,
      passes: [pass('SQLite', { 'translateText (cache hit)': figures(9_000, 93), [redirect]: figures(24_000, 40) }), pass('PostgreSQL', { 'translateText (cache hit)': figures(9_000, 93) })],
    });
    // The redirect is a GET, set against the bare handler's GET (60 000 req/s); the work budget was measured on its POST.
    expect(rowOf(short, 'the redirect').cells.SQLite).toEqual({ verdict: 'short', text: '0.40 (target 0.5): short' });
    expect(rowOf(short, 'reads: translateText (cache hit)').cells).toEqual({
      SQLite: { verdict: 'short', text: '0.30 (target 0.5): short; 93 µs of CPU a call, where 0.5 left the bare handler about 53' },
      // On PostgreSQL the database's share of a call is not in the server's CPU: no comparison is made.
      PostgreSQL: { verdict: 'short', text: '0.30 (target 0.4): short' },
    });
  });

  it('sets the redirect\'s floor against the bare redirect of its own process, not the bare POST', () => {
    const redirect = 'short URL redirect (visit recorded)';
    const floorPass = (database: 'SQLite' | 'PostgreSQL', floor: number, bareGet: number) => ({
      database,
      bare: figures(30_000),
      rows: [{ database, scenario: redirect, work: 'the link kept in memory, its visit written', figures: figures(floor), bare: figures(bareGet) }],
      dispatch: [],
    });
    const measured = run({
      // 24 000 redirects a second against the methods pass's bare GET of 60 000: 0.40.
      passes: [pass('SQLite', { [redirect]: figures(24_000, 40) }), pass('PostgreSQL', { [redirect]: figures(18_000, 60) })],
      ceiling: {
        notes: [],
        workBudget: [],
        // SQLite: 22 000 against its process's bare GET of 50 000 is 0.44, under 0.5 (against the POST's 30 000 it
        // would read 0.73). PostgreSQL: 25 000 of 50 000 is 0.50, above 0.4.
        passes: [floorPass('SQLite', 22_000, 50_000), floorPass('PostgreSQL', 25_000, 50_000)],
      },
    });
    expect(rowOf(measured, 'the redirect').cells).toEqual({
      SQLite: { verdict: 'out of reach here', text: '0.40 (target 0.5): out of reach here, its statements alone reach 0.44' },
      PostgreSQL: { verdict: 'short', text: '0.30 (target 0.4): short; its statements alone reach 0.50' },
    });
    // The floor table names the bare redirect it was set against, and the service's ratio against the methods pass's GET.
    const table = report(measured).split('\n');
    expect(table).toContain(`| SQLite | ${redirect} | the link kept in memory, its visit written | 50000 | 22000 | 1 / 4 | 0 | 0.44 | 0.40 |`);
  });

  it('bounds a call by its statements with what every call records, and a call without statements by that record alone', () => {
    const translate = 'translateText (cache hit)';
    const measured = run({
      passes: [
        pass('SQLite', { [translate]: figures(12_000, 80), validateDateAndTime: figures(8_000, 110), 'findLanguage (stored preference)': figures(7_500, 120), fetchUserPreferences: figures(9_000, 95) }),
      ],
      ceiling: {
        notes: [],
        workBudget: [],
        passes: [
          {
            database: 'SQLite',
            bare: figures(30_000),
            rows: [
              // fetchUserPreferences' read alone reaches 0.99; with the record 0.45, under its 0.5.
              { database: 'SQLite', scenario: 'fetchUserPreferences', work: 'one indexed read', figures: figures(29_700) },
              { database: 'SQLite', scenario: 'none', work: 'no statement', figures: figures(16_500), recorded: true },
              { database: 'SQLite', scenario: 'fetchUserPreferences', work: 'one indexed read', figures: figures(13_500), recorded: true },
            ],
            dispatch: [],
          },
        ],
      },
    });
    // The record alone, 16 500 / 30 000 = 0.55: above translateText's 0.5 and validateDateAndTime's 0.3.
    expect(rowOf(measured, `reads: ${translate}`).cells.SQLite).toEqual({ verdict: 'short', text: '0.40 (target 0.5): short; what every call records alone reaches 0.55' });
    expect(rowOf(measured, 'date validation').cells.SQLite).toEqual({ verdict: 'short', text: '0.27 (target 0.3): short; what every call records alone reaches 0.55' });
    // The closer bound wins over the statements alone, and findLanguage shares fetchUserPreferences' read.
    expect(rowOf(measured, 'reads: fetchUserPreferences').cells.SQLite).toEqual({
      verdict: 'out of reach here',
      text: '0.30 (target 0.5): out of reach here, its statements with what every call records reach 0.45',
    });
    expect(rowOf(measured, 'reads: findLanguage (stored preference)').cells.SQLite).toEqual({
      verdict: 'out of reach here',
      text: "0.25 (target 0.5): out of reach here, fetchUserPreferences's statements with what every call records reach 0.45",
    });
    // A floor the call itself beat is no bound: short, not out of reach.
    const beaten = run({ ...measured, passes: [pass('SQLite', { fetchUserPreferences: figures(14_000, 70) })] });
    expect(rowOf(beaten, 'reads: fetchUserPreferences').cells.SQLite).toEqual({
      verdict: 'short',
      text: '0.47 (target 0.5): short; its statements with what every call records reach 0.45, under the call\'s own, so no bound',
    });
    // The floor table names every call a recorded floor bounds, with each one's ratio.
    const table = report(measured).split('\n');
    expect(table).toContain(`| SQLite | ${translate}, validateDateAndTime | no statement, with what every call records | 30000 | 16500 | 1 / 4 | 0 | 0.55 | 0.40, 0.27 |`);
    expect(table).toContain('| SQLite | fetchUserPreferences, findLanguage (nothing stored), findLanguage (stored preference) | one indexed read, with what every call records | 30000 | 13500 | 1 / 4 | 0 | 0.45 | 0.30, n/a, 0.25 |');
  });

  it('judges the dispatcher\'s first burst by rate and lag, and names a floor under the target', () => {
    const rows = [
      '| SQLite | first burst after start | 2000 | 3215 | 395 | 364 | 570 | 1924 | 665 | 4 / 16 | 0 | 139 MiB |',
      '| SQLite | running (a second burst) | 2000 | 4505 | 280 | 257 | 403 | | | | | 139 MiB |',
      '| PostgreSQL | first burst after start | 2000 | 1800 | 425 | 419 | 1250 | 672 | 1405 | 13 / 37 | 0 | 133 MiB |',
    ];
    const measured = run({
      dispatchRows: rows,
      ceiling: {
        notes: [],
        workBudget: [],
        passes: [{ database: 'PostgreSQL', bare: figures(30_000), rows: [], dispatch: [{ perSecond: 1900, cpuMicros: 200 }] }],
      },
    });
    const dispatcher = rowOf(measured, 'dispatcher');
    expect(dispatcher.cells.SQLite).toEqual({ verdict: 'met', text: '3215 a second, lag p99 570 ms (target 3000, 1000 ms): met' });
    expect(dispatcher.cells.PostgreSQL).toEqual({
      verdict: 'out of reach here',
      text: '1800 a second, lag p99 1250 ms (target 2000, 1000 ms): out of reach here, its floor delivers 1900 a second',
    });

    // Fast enough, but too late at the p99: short.
    const late = run({ dispatchRows: ['| SQLite | first burst after start | 2000 | 3500 | 300 | 700 | 1100 | | | | | |'] });
    expect(rowOf(late, 'dispatcher').cells.SQLite.verdict).toBe('short');
  });

  it('judges memory, growth on the grown data, the export and exactly-once, and counts the verdicts', () => {
    const redirect = 'short URL redirect (visit recorded)';
    const measured = run({
      passes: [pass('SQLite', {}, '154 MiB'), pass('PostgreSQL', {}, '161 MiB')],
      scalePasses: [
        scalePass('SQLite', { fetchUserPreferences: figures(8_000), [redirect]: figures(20_000) }, { fetchUserPreferences: figures(6_000), [redirect]: figures(9_000) }, '171 MiB'),
        scalePass('PostgreSQL', { fetchUserPreferences: figures(7_000) }, { fetchUserPreferences: figures(9_100) }, '160 MiB'),
      ],
      crash: {
        exitCode: 0,
        runs: [
          { run: 'crash/sqlite', writesSent: 10_009, acknowledged: 9_996, jobs: 9_996, lost: 0, dialledTwice: 0, redeliveries: 1, problems: 0 },
          { run: 'crash/postgres', writesSent: 10_014, acknowledged: 9_981, jobs: 9_978, lost: 1, dialledTwice: 0, redeliveries: 8, problems: 1 },
        ],
      },
    });

    expect(rowOf(measured, 'peak RSS ≤ 160 MiB, the methods pass').cells).toEqual({
      SQLite: { verdict: 'met', text: '154 MiB (target 160): met' },
      PostgreSQL: { verdict: 'short', text: '161 MiB (target 160): short by 1 MiB' },
    });
    expect(rowOf(measured, 'peak RSS ≤ 160 MiB, the scale pass').cells.PostgreSQL.verdict).toBe('met');

    const fetch = rowOf(measured, 'fetchUserPreferences at full size');
    expect(fetch.cells.SQLite).toEqual({ verdict: 'short', text: '−25 % (target within 20 %): short' });
    // Faster on the grown data: the machine's drift, never counted against the target.
    expect(fetch.cells.PostgreSQL).toEqual({ verdict: 'met', text: '+30 % (target within 20 %): met' });
    expect(rowOf(measured, `${redirect} at full size`).cells.SQLite.text).toBe('−55 % (target within 20 %): short');
    expect(rowOf(measured, `${redirect} at full size`).cells.PostgreSQL.verdict).toBe('not measured');

    expect(rowOf(measured, 'CSV export').cells.SQLite.verdict).toBe('met');
    const once = rowOf(measured, 'exactly once');
    expect(once.cells.SQLite.verdict).toBe('met');
    expect(once.cells.PostgreSQL).toEqual({ verdict: 'short', text: 'crash/postgres 9978 jobs; 1 lost, 0 dialled twice: FAILED' });

    const section = targetsSection(measured).join('\n');
    expect(section).toContain('| peak RSS ≤ 160 MiB, the methods pass | 154 MiB (target 160): met | 161 MiB (target 160): short by 1 MiB |');
    // Met: SQLite methods RSS, PostgreSQL scale RSS, PostgreSQL fetch growth, the two exports, SQLite exactly-once;
    // short: the other RSS of each pass, SQLite's fetch and redirect growth, PostgreSQL's exactly-once.
    expect(section).toMatch(/Of 11 measured: 6 met, 0 out of reach here, 5 short; \d+ not measured in this run\./);
  });

  it('names a growth out of reach only when the statements alone at full size fall under what the ratio target and the growth target need together', () => {
    const redirect = 'short URL redirect (visit recorded)';
    const measured = run({
      scalePasses: [
        scalePass(
          'SQLite',
          { fetchUserPreferences: figures(8_000), [redirect]: figures(20_000) },
          { fetchUserPreferences: figures(6_000), [redirect]: figures(10_000) },
          '150 MiB',
          {
            // 13 500 / 30 000 = 0.45 at full size: above 0.8 × 0.5, so the service's growth is its own.
            fetchUserPreferences: { control: figures(15_000), grown: figures(13_500) },
            // 18 000 / 60 000 (the bare GET) = 0.30 at full size, under 0.8 × 0.5 = 0.40.
            [redirect]: { control: figures(30_000), grown: figures(18_000) },
          },
        ),
        scalePass('PostgreSQL', { [redirect]: figures(20_000) }, { [redirect]: figures(10_000) }, '150 MiB', {
          // 21 000 / 60 000 = 0.35: above 0.8 × 0.4 = 0.32, though the statements alone lose 30 %.
          [redirect]: { control: figures(30_000), grown: figures(21_000) },
        }),
      ],
    });
    const fetch = rowOf(measured, 'fetchUserPreferences at full size');
    expect(fetch.cells.SQLite).toEqual({ verdict: 'short', text: '−25 % (target within 20 %): short; its statements alone change by −10 % and reach 0.45 at full size' });
    const redirectGrowth = rowOf(measured, `${redirect} at full size`);
    expect(redirectGrowth.cells.SQLite).toEqual({
      verdict: 'out of reach here',
      text: '−50 % (target within 20 %): out of reach here together with the ratio target (0.5): that needs 0.40 at full size, its statements alone change by −40 % and reach 0.30 at full size',
    });
    expect(redirectGrowth.cells.PostgreSQL).toEqual({ verdict: 'short', text: '−50 % (target within 20 %): short; its statements alone change by −30 % and reach 0.35 at full size' });
  });
});

describe('the report\'s table of what bounds a call', () => {
  it('shows how busy the server\'s main thread and the load generator were in each load, and n/a where the bench could not read it', () => {
    const busy = (requestsPerSecond: number, mainThreadBusy: number, loadGeneratorBusy: number): Figures => ({ ...figures(requestsPerSecond, 90), mainThreadBusy, loadGeneratorBusy });
    const sqlite: Pass = { ...pass('SQLite', { 'translateText (cache hit)': busy(11_000, 0.964, 0.571) }), baseline: { post: busy(24_000, 0.78, 0.83), get: figures(60_000, 15) } };
    const text = report(run({ passes: [sqlite, pass('PostgreSQL', { 'translateText (cache hit)': busy(8_000, 0.87, 0.53) })] }));
    const table = text.slice(text.indexOf("### The server's main thread and the load generator"));
    expect(table).toContain('| load | SQLite server thread | load generator | PostgreSQL server thread | load generator |');
    expect(table).toContain('| bare handler (POST) | 78 % | 83 % | n/a | n/a |');
    expect(table).toContain('| bare handler (GET redirect) | n/a | n/a | n/a | n/a |');
    expect(table).toContain('| translateText (cache hit) | 96 % | 57 % | 87 % | 53 % |');
    // A scenario neither pass measured still has its row, with nothing read.
    expect(table).toContain('| fetchUserPreferences | n/a | n/a | n/a | n/a |');
  });
});
