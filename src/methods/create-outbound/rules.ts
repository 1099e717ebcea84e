import { DateTime } from 'luxon';
import { phoneNumberE164 } from '../../phone/contact-id.js';
import type { HoursWindow } from '../../storage/accounts.js';
import { cachedZone } from '../../time/cached-zone.js';
import { dayOf, instantOf, isBusinessDay, nextBusinessDay, type Calendar } from '../validate-date-and-time/rules.js';

/** Limits of docs/methods/create-outbound.md */
export const outboundLimits = {
  maxNumbers: 1000,
  maxDelayMinutes: 7 * 24 * 60,
  supportedApiVersions: ['1.0'],
  /** A repeated idempotency key answers with the first answer for this long. */
  idempotencyMs: 24 * 60 * 60 * 1000,
  /** The longest idempotency key, `requestKey` or the `Idempotency-Key` header. */
  maxIdempotencyKeyLength: 200,
} as const;

/** A number of a contactNumbers list as typed, and where it stands in the list (for masking it in context). */
export interface ListItem {
  text: string;
  start: number;
}

/**
 * Splits `contactNumbers` on commas, semicolons and white space (listSegments) and reads each
 * as a phone number of `region` (or with its own country code). Valid numbers
 * come back in E.164, in the order given, each once; the rest as typed, with where they stand.
 */
export function parseContactNumbers(raw: string, region: string): { numbers: string[]; invalid: ListItem[] } {
  const numbers = new Set<string>();
  const invalid: ListItem[] = [];
  for (const segment of listSegments(raw)) {
    // A segment between commas (or semicolons, or lines) is one number when it reads as one whole ("+91 98765 43210",
    // "(022) 2345 6789", `"Asha K" <sip:…>`); else white space separates numbers ("9876543210 9812345678"), also
    // after a URI's host or closing `>`, which end the number it carries (`sip:…@pbx 9812345678` is two).
    const whole = segment.text.trim();
    const wholeStart = segment.start + segment.text.length - segment.text.trimStart().length;
    const asOne = /\s/.test(whole) && !textAfterUriHost.test(whole) ? phoneNumberE164(whole.replace(/\s+/g, ''), region, { minLength: 4 }) : undefined;
    const parts = asOne ? [{ text: whole, start: wholeStart }] : [...whole.matchAll(/\S+/g)].map((part) => ({ text: part[0], start: wholeStart + part.index }));
    for (const part of parts) {
      // 4 characters may be a number (short codes of some dialers).
      const number = asOne ?? phoneNumberE164(part.text, region, { minLength: 4 });
      if (number) numbers.add(number);
      else invalid.push(part);
    }
  }
  return { numbers: [...numbers], invalid };
}
const textAfterUriHost = /[@>]\S*\s+\S/;

/**
 * The segments of a contactNumbers list (docs/methods/create-outbound.md, "Numbers"): the text between `,`, `;`
 * and line breaks, except that a `;` followed by a URI parameter (`;user=phone`, `;ext=56`, `;transport=udp`,
 * `;npdi`, `;phone-context=+91`: a name starting with a letter, RFC 3966 and RFC 3261) after a `tel:`/`sip:`
 * URI is part of that URI, which is the number it carries; a `;` followed by anything else (a number) still
 * separates.
 */
export function listSegments(raw: string): ListItem[] {
  const segments: ListItem[] = [];
  let lineStart = 0;
  for (const line of raw.split(/[,\n]/)) {
    let current: ListItem | undefined;
    let pieceStart = lineStart;
    for (const piece of line.split(';')) {
      if (current !== undefined && telephonyUriStart.test(current.text) && uriParameter.test(piece)) current = { text: `${current.text};${piece}`, start: current.start };
      else {
        if (current !== undefined) segments.push(current);
        current = { text: piece, start: pieceStart };
      }
      pieceStart += piece.length + 1;
    }
    if (current !== undefined) segments.push(current);
    lineStart += line.length + 1;
  }
  return segments;
}
const telephonyUriStart = /(?:^|[\s<"])(?:tel|sips?):/i;
const uriParameter = /^[A-Za-z][\w.!~*'%+-]*(?:=[^\s,;"<]*)?>?\s*$/;

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
  category?: FlowCategory;
}): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = [];
  if (fields.dialerUrl !== undefined) {
    const url = URL.canParse(fields.dialerUrl) ? new URL(fields.dialerUrl) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      issues.push({ field: 'dialerUrl', message: 'must be an absolute http or https URL' });
    } else if (url.username || url.password) {
      // It would be shown in the API and echoed in errors; the signature (dialerSecret) authenticates deliveries.
      issues.push({ field: 'dialerUrl', message: 'must not carry user info (user:password@); the dialer authenticates deliveries by their signature' });
    }
  }
  if (fields.callingWindow && fields.callingWindow.start === fields.callingWindow.end) {
    issues.push({ field: 'callingWindow', message: 'must not start and end at the same time' });
  } else if (fields.category === 'promotional' && fields.callingWindow && !narrows(fields.callingWindow, promotionalHours)) {
    issues.push({ field: 'callingWindow', message: `of a promotional flow must lie within ${promotionalHours.start}–${promotionalHours.end} (it may only narrow it)` });
  }
  return issues;
}

export type FlowCategory = 'promotional' | 'service' | 'transactional';
export type RetryableDisposition = 'busy' | 'no-answer' | 'failed';
export interface RetryRule {
  /** Further dials after this disposition, 0…10. */
  attempts: number;
  /** Minutes from the report to the next dial, at least 1. */
  afterMinutes: number;
}
export type RetryPolicy = Record<RetryableDisposition, RetryRule>;

/** The dispositions a dialer reports (docs/methods/create-outbound.md). */
export const dispositions = ['answered', 'busy', 'no-answer', 'failed', 'invalid-number', 'dnd', 'rejected'] as const;
export const retryableDispositions: readonly RetryableDisposition[] = ['busy', 'no-answer', 'failed'];

/** docs/methods/create-outbound.md: busy 2 after 10 min, no-answer 2 after 60, failed 1 after 15. */
export const defaultRetryPolicy: RetryPolicy = {
  busy: { attempts: 2, afterMinutes: 10 },
  'no-answer': { attempts: 2, afterMinutes: 60 },
  failed: { attempts: 1, afterMinutes: 15 },
};

/** A flow's policy: what it sets, the defaults for the rest. */
export function effectiveRetryPolicy(policy: Partial<RetryPolicy> | null | undefined): RetryPolicy {
  return { ...defaultRetryPolicy, ...(policy ?? {}) };
}

/**
 * Hours promotional calls are allowed in, account time (TRAI's Telecom
 * Commercial Communications Customer Preference Regulations, 2018:
 * docs/methods/create-outbound.md).
 */
export const promotionalHours: HoursWindow = { start: '09:00', end: '21:00' };

/** The window a flow dials in: its own; a promotional flow without one, the promotional hours. */
export function effectiveWindow(category: FlowCategory, callingWindow: HoursWindow | null): HoursWindow | null {
  return callingWindow ?? (category === 'promotional' ? promotionalHours : null);
}

/**
 * When the first dial of a request due at `dueAt` is planned, as its answer says (`obdFirstDialAt`,
 * docs/methods/create-outbound.md): the asked time, or the next opening of the flow's window when the asked
 * time is outside it — what the dispatcher will do. A throttle may put it a little later still.
 */
export function plannedFirstDial(dueAt: number, flow: { category: FlowCategory; callingWindow: HoursWindow | null }, zone: string): number {
  const window = effectiveWindow(flow.category, flow.callingWindow);
  return window ? nextWindowTime(dueAt, window, zone) : dueAt;
}

/** Whether `window` lies inside `outer` (neither runs past midnight when it matters). */
function narrows(window: HoursWindow, outer: HoursWindow): boolean {
  const [start, end, outerStart, outerEnd] = [window.start, window.end, outer.start, outer.end].map(minutesOf) as [number, number, number, number];
  return start < end && start >= outerStart && end <= outerEnd;
}

/** What happens to a job after an outcome report. */
export type AfterOutcome = { next: 'retry'; afterMinutes: number } | { next: 'final'; status: 'answered' | 'unreached' | 'cancelled' };

/**
 * docs/methods/create-outbound.md, retries by disposition: `answered` ends the
 * job answered; busy, no-answer and failed dial again while the policy allows
 * (`reportedSoFar` counts this disposition's reports of the job, this one
 * included); everything else, and a used-up policy, ends it unreached. A
 * cancelled request dials no more.
 */
export function afterOutcome(disposition: (typeof dispositions)[number], reportedSoFar: number, policy: RetryPolicy, requestCancelled: boolean): AfterOutcome {
  if (disposition === 'answered') return { next: 'final', status: 'answered' };
  const rule = (retryableDispositions as readonly string[]).includes(disposition) ? policy[disposition as RetryableDisposition] : undefined;
  if (!rule || reportedSoFar > rule.attempts) return { next: 'final', status: 'unreached' };
  if (requestCancelled) return { next: 'final', status: 'cancelled' };
  return { next: 'retry', afterMinutes: rule.afterMinutes };
}

/**
 * The first instant at or after `at` that is inside `window` (when there is
 * one) on a business day of `calendar`, in `zone`: where a retry dial goes.
 */
export function nextDialTime(at: number, window: HoursWindow | null, zone: string, calendar: Calendar): number {
  let candidate = at;
  const startSecond = window ? minutesOf(window.start) * 60 : 0;
  for (let step = 0; step < 64; step++) {
    const local = DateTime.fromMillis(candidate, { zone });
    const day = dayOf(local.year, local.month, local.day);
    if (!isBusinessDay(day, calendar)) {
      let next: number;
      try {
        next = nextBusinessDay(day + 1, calendar);
      } catch {
        return window ? nextWindowTime(at, window, zone) : at;
      }
      candidate = Math.max(candidate, instantOf(next, startSecond, cachedZone(zone)).epochMs);
      continue;
    }
    if (window && !insideWindow(candidate, window, zone)) {
      candidate = nextWindowTime(candidate, window, zone);
      continue;
    }
    return candidate;
  }
  return candidate;
}

/**
 * Delay before a status callback's next attempt: exponential from `baseMs`
 * (capped at an hour) with ±20 % jitter; a receiver's longer Retry-After
 * wins, up to a day (docs/methods/create-outbound.md, status callbacks).
 */
export function callbackRetryDelay(attempt: number, baseMs: number, random: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(retryDelay(attempt, baseMs, random), 3_600_000);
  const asked = retryAfterSeconds === undefined ? 0 : Math.min(retryAfterSeconds * 1000, 86_400_000);
  return Math.max(backoff, asked);
}
