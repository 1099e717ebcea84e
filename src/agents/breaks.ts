/** An agent's breaks over a period (the console's and the API's break report, docs/methods/agents.md). */
import { parseIsoInstant } from '../time/iso-time.js';
import type { PauseEvent } from '../storage/agents.js';

export interface BreakSummary {
  /** Time on break inside the period, in whole seconds (rounded). */
  totalBreakSeconds: number;
  /** Breaks that overlap the period (one still running counts). */
  breaks: number;
}

/**
 * Break time of one agent inside [from, until): `events` are the agent's
 * state changes in that period, oldest first; `pausedAtStart` is the state at
 * `from`. A break still open at `until` counts up to `until` (the caller
 * passes the earlier of the period's end and now).
 */
export function breakSummary(pausedAtStart: boolean, events: readonly Pick<PauseEvent, 'paused' | 'at'>[], from: number, until: number): BreakSummary {
  let totalMs = 0;
  let breaks = pausedAtStart ? 1 : 0;
  let breakStart: number | undefined = pausedAtStart ? from : undefined;
  for (const event of events) {
    if (event.at >= until) break;
    if (event.paused && breakStart === undefined) {
      breakStart = Math.max(event.at, from);
      breaks += 1;
    } else if (!event.paused && breakStart !== undefined) {
      totalMs += Math.max(0, event.at - breakStart);
      breakStart = undefined;
    }
  }
  if (breakStart !== undefined) totalMs += Math.max(0, until - breakStart);
  return { totalBreakSeconds: Math.round(totalMs / 1000), breaks };
}

/** The default report period when `from`/`to` are absent: the 24 hours before `to`. */
export const defaultPeriodMs = 24 * 60 * 60 * 1000;

/**
 * Reads a report period. Each end is ISO 8601 with a time and an offset
 * (`2026-11-28T09:00:00+05:30`, `Z`); `to` defaults to now and `from` to 24
 * hours before `to`. Returns the problems instead when an end cannot be read
 * or the period is empty.
 */
export function readPeriod(
  query: { from?: string; to?: string },
  now: number,
): { from: number; to: number; issues: [] } | { issues: Array<{ field: string; message: string }> } {
  const issues: Array<{ field: string; message: string }> = [];
  const read = (field: 'from' | 'to') => {
    const text = query[field];
    if (text === undefined) return undefined;
    const time = parseIsoInstant(text);
    if (time === undefined) {
      // An unencoded `+` of an offset arrives as a space in a query string.
      const plusAsSpace = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)? \d{1,2}:?\d{2}$/.test(text);
      issues.push({
        field,
        message: plusAsSpace
          ? 'has a space where its offset\'s + should be: a + in a query string must be written %2B (2026-11-28T09:00:00%2B05:30)'
          : 'must be an ISO 8601 date-time with an offset of a day that exists, e.g. 2026-11-28T09:00:00+05:30',
      });
    }
    return time;
  };
  const toTime = read('to');
  const fromTime = read('from');
  if (issues.length) return { issues };
  const to = toTime ?? now;
  const from = fromTime ?? to - defaultPeriodMs;
  if (from >= to) return { issues: [{ field: 'from', message: 'must be before to' }] };
  return { from, to, issues: [] };
}
