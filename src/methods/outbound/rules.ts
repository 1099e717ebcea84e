import { DateTime } from 'luxon';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { HoursWindow } from '../../storage/accounts.js';

/** Limits of docs/methods/create-outbound.md */
export const outboundLimits = {
  maxNumbers: 1000,
  maxDelayMinutes: 7 * 24 * 60,
  supportedApiVersions: ['1.0'],
  /** A repeated idempotency key answers with the first answer for this long. */
  idempotencyMs: 24 * 60 * 60 * 1000,
} as const;

/**
 * Splits `contactNumbers` on commas, semicolons and white space and reads each
 * as a phone number of `region` (or with its own country code). Valid numbers
 * come back in E.164, in the order given, each once; the rest as typed.
 */
export function parseContactNumbers(raw: string, region: string): { numbers: string[]; invalid: string[] } {
  const numbers = new Set<string>();
  const invalid: string[] = [];
  for (const part of raw.split(/[,;\s]+/)) {
    if (part === '') continue;
    const phone = /^\+?[\d().-]{4,24}$/.test(part) ? parsePhoneNumberFromString(part, region as CountryCode) : undefined;
    if (phone?.isValid()) numbers.add(phone.number);
    else invalid.push(part);
  }
  return { numbers: [...numbers], invalid };
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Whether `at` lies inside the window in `zone`. A window whose end is before
 * its start runs past midnight (21:00–06:00); the end itself is outside.
 */
export function insideWindow(at: number, window: HoursWindow, zone: string): boolean {
  const local = DateTime.fromMillis(at, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** `at` when inside the window, else the window's next opening in `zone` (daylight-saving aware). */
export function nextWindowTime(at: number, window: HoursWindow, zone: string): number {
  if (insideWindow(at, window, zone)) return at;
  const local = DateTime.fromMillis(at, { zone });
  const [hour, minute] = [Number(window.start.slice(0, 2)), Number(window.start.slice(3, 5))];
  let opening = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (opening.toMillis() <= at) opening = opening.plus({ days: 1 });
  return opening.toMillis();
}

/**
 * Delay before retry number `attempt` + 1: `baseMs` × 2^(attempt−1), spread
 * ±20 % by `random` (0…1) so retries of many jobs do not arrive together.
 */
export function retryDelay(attempt: number, baseMs: number, random: number): number {
  const nominal = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(nominal * (0.8 + 0.4 * random));
}

/** Field problems of an outbound flow definition, for a 422 naming each field. */
export function outboundFlowIssues(fields: {
  dialerUrl?: string;
  callingWindow?: HoursWindow | null;
}): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = [];
  if (fields.dialerUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(fields.dialerUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      issues.push({ field: 'dialerUrl', message: 'must be an absolute http or https URL' });
    } else if (url.username || url.password) {
      // It would be shown in the API and echoed in errors; the signature (dialerSecret) authenticates deliveries.
      issues.push({ field: 'dialerUrl', message: 'must not carry user info (user:password@); the dialer authenticates deliveries by their signature' });
    }
  }
  if (fields.callingWindow && fields.callingWindow.start === fields.callingWindow.end) {
    issues.push({ field: 'callingWindow', message: 'must not start and end at the same time' });
  }
  return issues;
}
