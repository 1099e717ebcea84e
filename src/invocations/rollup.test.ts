import { describe, expect, it } from 'vitest';
import type { InvocationEntry } from '../storage/invocations.js';
import { bucketColumns, durationBounds } from '../storage/invocation-hours.js';
import { bucketOf, outcomeKind, percentile, rollUp } from './rollup.js';

const entry = (overrides: Partial<InvocationEntry>): InvocationEntry => ({
  at: Date.parse('2026-06-01T10:20:00Z'),
  accountId: 1,
  method: 'findLanguage',
  flowId: null,
  stage: 'prod',
  httpStatus: 200,
  outcome: 'SUCCESS',
  errorCode: null,
  durationMs: 1,
  caller: null,
  requestId: 'r',
  ...overrides,
});

describe('the hourly rollup', () => {
  it('counts a 2xx by its answer and anything else by its HTTP class', () => {
    expect([outcomeKind(200, 'SUCCESS'), outcomeKind(200, 'FAILURE'), outcomeKind(422, 'FAILURE'), outcomeKind(401, 'FAILURE'), outcomeKind(503, 'FAILURE')]).toEqual([
      'SUCCESS',
      'FAILURE',
      '4xx',
      '4xx',
      '5xx',
    ]);
  });

  it('puts a duration in the first bucket whose upper bound holds it, and anything slower in the open last one', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.5)).toBe(0);
    expect(bucketOf(0.51)).toBe(1);
    expect(bucketOf(9.99)).toBe(durationBounds.indexOf(10));
    expect(bucketOf(60_000)).toBe(bucketColumns.length - 1);
  });

  it('adds up a batch into one row per hour, account, method, outcome and error code', () => {
    const rows = rollUp([
      entry({ durationMs: 0.4 }),
      entry({ durationMs: 3 }),
      entry({ at: Date.parse('2026-06-01T11:00:00Z') }),
      entry({ httpStatus: 422, outcome: 'FAILURE', errorCode: 'INVALID_PARAMETER' }),
      entry({ accountId: null, method: null, httpStatus: 401, outcome: 'FAILURE', errorCode: 'UNAUTHORIZED' }),
    ]);
    expect(rows).toHaveLength(4);
    const first = rows.find((row) => row.hour === Date.parse('2026-06-01T10:00:00Z') && row.kind === 'SUCCESS')!;
    expect(first).toMatchObject({ accountId: 1, method: 'findLanguage', errorCode: '', calls: 2, durationSumMs: 3.4 });
    expect(first.buckets[0]).toBe(1);
    expect(first.buckets[bucketOf(3)]).toBe(1);
    expect(rows.find((row) => row.kind === '4xx' && row.errorCode === 'UNAUTHORIZED')).toMatchObject({ accountId: 0, method: '' });
  });

  it('reads percentiles from bucket counts, interpolated inside the bucket', () => {
    const buckets = new Array<number>(bucketColumns.length).fill(0);
    expect(percentile(buckets, 0.5)).toBeNull();
    // 100 calls: 90 between 1 and 2 ms, 10 between 50 and 75 ms.
    buckets[bucketOf(1.5)] = 90;
    buckets[bucketOf(60)] = 10;
    expect(percentile(buckets, 0.5)).toBeCloseTo(1 + 50 / 90, 2);
    expect(percentile(buckets, 0.95)).toBe(62.5);
    expect(percentile(buckets, 0.99)).toBe(72.5);
    buckets[bucketColumns.length - 1] = 1000;
    expect(percentile(buckets, 0.99)).toBe(10_000);
  });
});
