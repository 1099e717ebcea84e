import type { Figures } from './runner.js';
import { allScenarios } from './scenarios.js';

/** Whether the scenario of that name is a GET (the redirect), measured against the bare handler's GET. */
export const isGetScenario = (name: string): boolean => allScenarios.find((scenario) => scenario.name === name)?.get !== undefined;

/** A pass's ratio for one scenario: req/s ÷ the bare handler's (GET for the redirect, POST otherwise). */
export function ratioOf(figures: Figures | undefined, baseline: { post: Figures; get: Figures }, name: string): number | undefined {
  if (!figures) return undefined;
  const base = isGetScenario(name) ? baseline.get : baseline.post;
  return figures.requestsPerSecond / base.requestsPerSecond;
}

/**
 * The value at which the loaded ratio falls to `ratio`, interpolated between
 * the two measured rows around it (rows from the highest ratio down); undefined
 * outside the rows.
 */
export function valueAtRatio(rows: ReadonlyArray<{ ratio: number; value: number }>, ratio: number): number | undefined {
  for (let index = 1; index < rows.length; index++) {
    const above = rows[index - 1];
    const below = rows[index];
    if (above && below && above.ratio >= ratio && below.ratio <= ratio) {
      const share = above.ratio === below.ratio ? 0 : (above.ratio - ratio) / (above.ratio - below.ratio);
      return above.value + share * (below.value - above.value);
    }
  }
  return undefined;
}

/**
 * One cell of the dispatcher part's rows (`| database | burst | jobs | deliveries/s | CPU µs a job |
 * lag p50 | lag p99 | …`), by column number; undefined when the row or the cell is missing.
 */
export function dispatchCell(rows: readonly string[], database: string, burst: 'first burst' | 'running', column: number): string | undefined {
  return rows.find((row) => row.startsWith(`| ${database} | ${burst}`))?.split('|')[column]?.trim() || undefined;
}

/** The dispatcher rows' columns. */
export const dispatchColumns = { perSecond: 4, cpuMicros: 5, lagP99: 7 } as const;
