import { hourOf, percentile } from '../invocations/rollup.js';
import { hourMs, outcomeKinds, type OutcomeKind } from '../storage/invocation-hours.js';
import type { Database } from '../storage/db.js';
import { callsByHour, totalsByMethod } from '../storage/invocation-hours.js';
import { countDeliveriesByHour, countJobsByStatus } from '../storage/outbound-jobs.js';
import { countVisitsByHour } from '../storage/short-urls.js';
import type { OutboundJobStatus } from '../storage/tables.js';

export type Outcomes = Record<OutcomeKind, number>;

export interface MethodOverview {
  /** Null for calls that named no known method. */
  method: string | null;
  calls: number;
  outcomes: Outcomes;
  /** The method's most frequent error codes, most frequent first (at most 5). */
  errorCodes: Array<{ code: string; calls: number }>;
  /** Estimated from the hourly duration buckets (docs/console.md "Overview"); null without calls. */
  durationMs: { mean: number | null; p50: number | null; p95: number | null; p99: number | null };
}

export interface Overview {
  /** The first hour's start and the instant the answer was computed. */
  from: number;
  to: number;
  hours: number;
  accountId: number | null;
  calls: number;
  outcomes: Outcomes;
  /** The most frequent error codes of all methods (at most 10). */
  errorCodes: Array<{ code: string; calls: number }>;
  methods: MethodOverview[];
  /** One entry an hour of the period, oldest first, quiet hours included. */
  callsPerHour: Array<{ hour: number } & Outcomes>;
  outbound: {
    /** Jobs made in the period, by their status now. */
    jobs: Record<OutboundJobStatus, number>;
    deliveriesPerHour: Array<{ hour: number; delivered: number }>;
  };
  visitsPerHour: Array<{ hour: number; humans: number; bots: number }>;
}

const jobStatuses: readonly OutboundJobStatus[] = ['scheduled', 'dispatching', 'paused', 'delivered', 'answered', 'unreached', 'failed', 'cancelled', 'refused', 'simulated'];

const noOutcomes = (): Outcomes => ({ SUCCESS: 0, FAILURE: 0, '4xx': 0, '5xx': 0 });

/** The first hour of a period of `hours` clock hours that ends with the current one. */
export function periodStart(now: number, hours: number): number {
  return hourOf(now) - (hours - 1) * hourMs;
}

function topCodes(counts: Map<string, number>, limit: number): Array<{ code: string; calls: number }> {
  return [...counts].map(([code, calls]) => ({ code, calls })).sort((a, b) => b.calls - a.calls || a.code.localeCompare(b.code)).slice(0, limit);
}

/**
 * The console's first page (docs/management-api.md `GET /api/overview`): the
 * last `hours` clock hours (the current one included) of webhook calls from
 * the hourly rollup, outbound jobs and short-URL visits, for one account or
 * all. Every figure is read through an index over the period only.
 */
export async function buildOverview(db: Database, options: { now: number; hours: number; accountId?: number }): Promise<Overview> {
  const from = periodStart(options.now, options.hours);
  const filter = { from, accountId: options.accountId };
  const [totals, hourly, jobs, deliveries, visits] = await Promise.all([
    totalsByMethod(db, filter),
    callsByHour(db, filter),
    countJobsByStatus(db, filter),
    countDeliveriesByHour(db, filter),
    countVisitsByHour(db, filter),
  ]);

  const outcomes = noOutcomes();
  const allCodes = new Map<string, number>();
  const methods = new Map<string, { calls: number; outcomes: Outcomes; codes: Map<string, number>; durationSumMs: number; buckets: number[] }>();
  for (const row of totals) {
    outcomes[row.kind] += row.calls;
    let method = methods.get(row.method);
    if (!method) {
      method = { calls: 0, outcomes: noOutcomes(), codes: new Map(), durationSumMs: 0, buckets: row.buckets.map(() => 0) };
      methods.set(row.method, method);
    }
    method.calls += row.calls;
    method.outcomes[row.kind] += row.calls;
    method.durationSumMs += row.durationSumMs;
    row.buckets.forEach((count, index) => (method.buckets[index]! += count));
    if (row.errorCode) {
      method.codes.set(row.errorCode, (method.codes.get(row.errorCode) ?? 0) + row.calls);
      allCodes.set(row.errorCode, (allCodes.get(row.errorCode) ?? 0) + row.calls);
    }
  }

  const hours = Array.from({ length: options.hours }, (_, index) => from + index * hourMs);
  const perHour = new Map(hours.map((hour) => [hour, { hour, ...noOutcomes() }]));
  for (const row of hourly) {
    const entry = perHour.get(row.hour);
    if (entry) entry[row.kind] += row.calls;
  }
  const delivered = new Map(deliveries.map((row) => [row.hour, row.count]));
  const visitsPerHour = new Map(hours.map((hour) => [hour, { hour, humans: 0, bots: 0 }]));
  for (const row of visits) {
    const entry = visitsPerHour.get(row.hour);
    if (entry) entry[row.bot ? 'bots' : 'humans'] += row.count;
  }
  const jobCounts = Object.fromEntries(jobStatuses.map((status) => [status, 0])) as Record<OutboundJobStatus, number>;
  for (const row of jobs) jobCounts[row.status] = (jobCounts[row.status] ?? 0) + row.count;

  return {
    from,
    to: options.now,
    hours: options.hours,
    accountId: options.accountId ?? null,
    calls: outcomeKinds.reduce((sum, kind) => sum + outcomes[kind], 0),
    outcomes,
    errorCodes: topCodes(allCodes, 10),
    methods: [...methods]
      .map(([name, method]) => ({
        method: name === '' ? null : name,
        calls: method.calls,
        outcomes: method.outcomes,
        errorCodes: topCodes(method.codes, 5),
        durationMs: {
          mean: method.calls ? Math.round((method.durationSumMs / method.calls) * 100) / 100 : null,
          p50: percentile(method.buckets, 0.5),
          p95: percentile(method.buckets, 0.95),
          p99: percentile(method.buckets, 0.99),
        },
      }))
      .sort((a, b) => b.calls - a.calls || (a.method ?? '').localeCompare(b.method ?? '')),
    callsPerHour: [...perHour.values()],
    outbound: { jobs: jobCounts, deliveriesPerHour: hours.map((hour) => ({ hour, delivered: delivered.get(hour) ?? 0 })) },
    visitsPerHour: [...visitsPerHour.values()],
  };
}
