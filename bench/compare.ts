import { join, resolve } from 'node:path';
import { freshDatabase } from '../harness/database.js';
import { environmentWords, seconds } from './options.js';
import { loadScenario, startFakeTranslationProvider, startFlowhooks, withCpu } from './runner.js';
import { scenarios, seed } from './scenarios.js';

/**
 * Two builds' settings side by side (`npm run bench:compare -- "A options" "B options"`,
 * docs/benchmark.md "CPU a call"): two flowhooks servers on SQLite (COMPARE_DATABASE=postgres:
 * each on a fresh schema of the local PostgreSQL, FLOWHOOKS_TEST_PG), one started with
 * node options A and one with B (after those of `npm start`; a `NAME=value` word sets that
 * variable of the process's environment instead), loaded in turn
 * scenario by scenario for COMPARE_ROUNDS rounds (default 4) after a round that warms
 * them up, the order of A and B swapped every round, so that whatever else the machine does weighs on both alike.
 * Prints each scenario's median CPU a call and req/s of A and B and each server's peak RSS
 * (req/s tells what CPU a call cannot: time a server spends waiting, e.g. for a sync to the disk).
 * BENCH_ONLY picks the scenarios (default: translateText, fetchUserPreferences,
 * updateUserPreferences, validateDateAndTime); BENCH_SECONDS the length of a load.
 * COMPARE_TOGETHER=1 loads A and B at the same time instead of in turn (two load
 * generators, each with BENCH_CONNECTIONS), so that a busy machine slows both alike,
 * and adds the median of each round's B ÷ A: on a machine whose speed drifts from
 * one load to the next, this tells a change of a few per cent from the drift.
 * COMPARE_BUILD_A names another checkout, built (`npm run build` there): side A runs
 * its `dist/src/cli.js` instead of this one's, so two builds meet the same machine.
 */
const [optionsA = '', optionsB = ''] = process.argv.slice(2);
const rounds = Number(process.env.COMPARE_ROUNDS ?? 4);
const together = process.env.COMPARE_TOGETHER === '1';
const defaultNames = ['translateText (cache hit)', 'fetchUserPreferences', 'updateUserPreferences', 'validateDateAndTime'];
const picked = process.env.BENCH_ONLY ? scenarios : scenarios.filter((scenario) => defaultNames.includes(scenario.name));
const buildA = process.env.COMPARE_BUILD_A ? join(resolve(process.env.COMPARE_BUILD_A), 'dist', 'src', 'cli.js') : undefined;

const database = process.env.COMPARE_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const fresh = await Promise.all(['A', 'B'].map(() => freshDatabase(database, 'fh_compare')));
const translation = await startFakeTranslationProvider();
const sides = await Promise.all(
  (['A', 'B'] as const).map(async (side, index) => {
    // `NAME=value` words are the process's environment (e.g. MALLOC_ARENA_MAX=1), the rest node options.
    const { env, rest: nodeArgs } = environmentWords([optionsA, optionsB][index]!.split(' ').filter(Boolean));
    const server = await startFlowhooks({ ...env, ...fresh[index]!.env }, translation.url, nodeArgs, side === 'A' ? buildA : undefined);
    return { side, server, seeded: await seed(server.address), cpu: new Map<string, number[]>(), rate: new Map<string, number[]>() };
  }),
);
try {
  process.stdout.write(`A: ${optionsA || '(npm start options only)'}${buildA ? ` (${buildA})` : ''}\nB: ${optionsB || '(npm start options only)'}\n${picked.length} scenarios, ${rounds} rounds of ${seconds} s each side\n`);
  // Round 0 warms both servers up (compiled code, caches, database pages) and is not counted.
  for (let round = 0; round <= rounds; round++) {
    for (const scenario of picked) {
      const measure = ({ server, seeded }: (typeof sides)[number]) => withCpu(server, () => loadScenario(server.address, scenario, seeded));
      const ordered = round % 2 ? [...sides].reverse() : sides;
      const figures = together ? await Promise.all(ordered.map(measure)) : [];
      if (!together) for (const side of ordered) figures.push(await measure(side));
      if (round > 0) {
        ordered.forEach(({ cpu, rate }, index) => {
          cpu.set(scenario.name, [...(cpu.get(scenario.name) ?? []), figures[index]!.cpuMicrosPerCall ?? Number.NaN]);
          rate.set(scenario.name, [...(rate.get(scenario.name) ?? []), figures[index]!.requestsPerSecond]);
        });
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const lines = [
    `| scenario | A: CPU µs a call (median) | B | B ÷ A |${together ? ' B ÷ A, median of the rounds |' : ''} A, each round | B, each round | A: req/s (median) | B | B ÷ A |`,
    `|---|---:|---:|---:|${together ? '---:|' : ''}---|---|---:|---:|---:|`,
  ];
  for (const scenario of picked) {
    const [a, b] = sides.map(({ cpu }) => cpu.get(scenario.name) ?? []);
    const [rateA, rateB] = sides.map(({ rate }) => median(rate.get(scenario.name) ?? [Number.NaN]));
    const rounded = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
    // Loaded together, A and B of a round met the same machine: their ratio drifts less than either.
    const roundRatios = together ? ` ${median(b!.map((value, index) => value / a![index]!)).toFixed(3)} |` : '';
    lines.push(`| ${scenario.name} | ${median(a!).toFixed(0)} | ${median(b!).toFixed(0)} | ${(median(b!) / median(a!)).toFixed(2)} |${roundRatios} ${rounded(a!)} | ${rounded(b!)} | ${rateA!.toFixed(0)} | ${rateB!.toFixed(0)} | ${(rateB! / rateA!).toFixed(2)} |`);
  }
  lines.push('', `Peak RSS: A ${sides[0]!.server.peakRss()}, B ${sides[1]!.server.peakRss()}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await Promise.all(sides.map(({ server }) => server.stop()));
  await translation.close();
  await Promise.all(fresh.map((database) => database.cleanup()));
}
