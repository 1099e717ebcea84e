import type { WireKey } from '../../kernel/wire.js';
import { lastSegment } from '../../protocol/envelope.js';
import type { ParameterIssue } from '../../kernel/errors.js';
import { parseIsoDate, parseIsoDateTime, wallTimeToEpoch } from '../../time/iso-time.js';

/** Report type names (docs/methods/pullreport.md, issue 8): letters, digits, `_` and `-`, 1–64 characters. */
export const reportTypePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Full names of the parameters pullreport reads itself; every other key becomes an extra column. */
export const reportParams = {
  reportType: '$flow.key.reportType',
  flowId: '$flow.key.flowid',
  startTime: '$flow.key.starttime',
  dtmf: '$flow.key.dtmf',
  dnis: '$flow.key.dnis',
  accountId: '$flow.key.accountID',
  callId: '$flow.key.callId',
} as const;

// Keys the protocol consumes (testNow pins "now" on the test stage) are not call data either.
const notExtra = new Set([...Object.values(reportParams).map((name) => lastSegment(name).toLowerCase()), 'testnow']);

/**
 * The extra columns of a row: every key that is not a declared parameter,
 * named by its last segment (`$flow.key.language` → `language`). Names match
 * case-insensitively like parameters do, so a repeated name keeps its last
 * value (and the spelling of that last key); empty and null values count as
 * absent, as they do for parameters. Values are trimmed.
 */
export function extraColumns(keys: readonly WireKey[]): Record<string, string> {
  const byLowerName = new Map<string, { name: string; value: string }>();
  for (const key of keys) {
    const name = lastSegment(key.name);
    const lower = name.toLowerCase();
    if (notExtra.has(lower)) continue;
    const value = key.value?.trim();
    // Absent wins over an earlier value too: the last key is what the flow means.
    if (value === undefined || value === '') byLowerName.delete(lower);
    else byLowerName.set(lower, { name, value });
  }
  return Object.fromEntries([...byLowerName.values()].map(({ name, value }) => [name, value]));
}

/** The call's start as an instant, or an issue naming `starttime`. */
export function readStartTime(text: string, timeZone: string): { startAt: number } | { issue: ParameterIssue } {
  const startAt = parseIsoDateTime(text, timeZone);
  if (startAt !== undefined) return { startAt };
  return {
    issue: {
      parameter: reportParams.startTime,
      code: 'INVALID_PARAMETER',
      message: `${reportParams.startTime} must be an ISO 8601 date-time such as 2021-01-11T09:00:00.000+05:30 (+5:30 and Z accepted)`,
    },
  };
}

/**
 * A report filter bound: `YYYY-MM-DD` is a whole day in the account's zone
 * (from its first millisecond; `to` up to its last), a date-time is that
 * instant (its offset, or the account's zone when it has none). Returns the
 * bound as epoch ms — `from` inclusive, `to` exclusive — or undefined when
 * the text is neither.
 */
export function readRangeBound(text: string, bound: 'from' | 'to', timeZone: string): number | undefined {
  const date = parseIsoDate(text);
  if (date) {
    // Day arithmetic in UTC so month and year ends roll over correctly.
    const day = new Date(Date.UTC(date.year, date.month - 1, date.day + (bound === 'to' ? 1 : 0)));
    return wallTimeToEpoch(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 },
      timeZone,
    );
  }
  return parseIsoDateTime(text, timeZone);
}

/** The columns every CSV export starts with, in order. */
export const fixedCsvColumns = ['startTime', 'startAt', 'flowId', 'dnis', 'dtmf', 'callId', 'accountId', 'stage', 'receivedAt'] as const;

/**
 * The extra columns of a CSV header: each name once, matched
 * case-insensitively (the first spelling in sort order wins), sorted
 * case-insensitively. A name that equals a fixed column is written `extra.NAME`
 * so no header repeats. `name` is the lower-case name to look values up by.
 */
export function csvExtraColumns(names: Iterable<string>): Array<{ header: string; name: string }> {
  const byLower = new Map<string, string>();
  for (const name of [...names].sort()) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  const fixed = new Set(fixedCsvColumns.map((column) => column.toLowerCase()));
  return [...byLower]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([lower, name]) => ({ header: fixed.has(lower) ? `extra.${name}` : name, name: lower }));
}

// Characters a spreadsheet may read as the start of a formula (OWASP, CSV injection).
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet will show as text: a value starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading single quote, as OWASP
 * recommends against CSV injection. `+919876543210` and `-5` are changed
 * too: the rule cannot tell a number from a formula (docs/methods/pullreport.md).
 */
export function spreadsheetSafe(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * One CSV record (RFC 4180): a field holding a comma, a double quote, CR or LF
 * is quoted and its quotes doubled; records end with CRLF. Unless `raw`, every
 * field is made spreadsheet-safe first, and a field so changed is quoted.
 */
export function csvRecord(fields: readonly string[], options: { raw?: boolean } = {}): string {
  const raw = options.raw ?? false;
  return `${fields
    .map((field) => {
      const safe = raw ? field : spreadsheetSafe(field);
      return safe !== field || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',')}\r\n`;
}
