import { describe, expect, it } from 'vitest';
import { breakSummary, readPeriod } from './breaks.js';

const minute = 60_000;

describe('breakSummary', () => {
  it('adds up closed breaks inside the period', () => {
    const events = [
      { paused: true, at: 10 * minute },
      { paused: false, at: 25 * minute },
      { paused: true, at: 40 * minute },
      { paused: false, at: 45 * minute },
    ];
    expect(breakSummary(false, events, 0, 60 * minute)).toEqual({ totalBreakSeconds: 20 * 60, breaks: 2 });
  });

  it('counts a break begun before the period from the period start', () => {
    expect(breakSummary(true, [{ paused: false, at: 15 * minute }], 10 * minute, 60 * minute)).toEqual({ totalBreakSeconds: 5 * 60, breaks: 1 });
  });

  it('counts a break still running up to the end it is given', () => {
    expect(breakSummary(false, [{ paused: true, at: 50 * minute }], 0, 60 * minute)).toEqual({ totalBreakSeconds: 10 * 60, breaks: 1 });
    expect(breakSummary(true, [], 0, 30 * minute)).toEqual({ totalBreakSeconds: 30 * 60, breaks: 1 });
  });

  it('leaves out what happens at or after the end it is given', () => {
    expect(breakSummary(false, [{ paused: true, at: 60 * minute }], 0, 60 * minute)).toEqual({ totalBreakSeconds: 0, breaks: 0 });
  });

  it('keeps the first start of a break when a paused agent is paused again', () => {
    const events = [
      { paused: true, at: 10 * minute },
      { paused: true, at: 20 * minute },
      { paused: false, at: 30 * minute },
    ];
    expect(breakSummary(false, events, 0, 60 * minute)).toEqual({ totalBreakSeconds: 20 * 60, breaks: 1 });
  });

  it('is zero for an agent who never paused', () => {
    expect(breakSummary(false, [], 0, 60 * minute)).toEqual({ totalBreakSeconds: 0, breaks: 0 });
  });
});

describe('readPeriod', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');

  it('defaults to the 24 hours before now', () => {
    expect(readPeriod({}, now)).toEqual({ from: now - 24 * 60 * minute, to: now, issues: [] });
  });

  it('reads offsets, including a one-digit hour', () => {
    expect(readPeriod({ from: '2026-11-28T09:00:00+5:30', to: '2026-11-28T10:00Z' }, now)).toEqual({
      from: Date.parse('2026-11-28T03:30:00Z'),
      to: Date.parse('2026-11-28T10:00:00Z'),
      issues: [],
    });
  });

  it('names each end it cannot read, and an empty period', () => {
    const offsetMissing = 'must be an ISO 8601 date-time with an offset of a day that exists, e.g. 2026-11-28T09:00:00+05:30';
    expect(readPeriod({ from: 'yesterday', to: '2026-11-28' }, now).issues).toEqual([
      { field: 'to', message: offsetMissing },
      { field: 'from', message: offsetMissing },
    ]);
    expect(readPeriod({ from: '2026-11-28T10:00Z', to: '2026-11-28T10:00Z' }, now).issues).toEqual([{ field: 'from', message: 'must be before to' }]);
  });
});
