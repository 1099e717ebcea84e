import { describe, expect, it } from 'vitest';
import { holidayDays, type Calendar } from '../validate-date-and-time/rules.js';
import {
  afterOutcome,
  callbackRetryDelay,
  effectiveRetryPolicy,
  effectiveWindow,
  insideWindow,
  nextDialTime,
  nextWindowTime,
  outboundFlowIssues,
  parseContactNumbers as parseList,
  retryDelay,
} from './rules.js';

describe('parseContactNumbers', () => {
  // The invalid numbers as typed; where each stands is checked where it matters (masking).
  const parseContactNumbers = (raw: string, region: string) => {
    const { numbers, invalid } = parseList(raw, region);
    return { numbers, invalid: invalid.map((item) => item.text) };
  };

  it('splits on commas, semicolons and spaces and normalises to E.164, each number once', () => {
    expect(parseContactNumbers('9876543210, 09812345678;+919812345679\n919876543210  +1-212-555-0123', 'IN')).toEqual({
      numbers: ['+919876543210', '+919812345678', '+919812345679', '+12125550123'],
      invalid: [],
    });
  });

  it('reads a number written with spaces between commas as one, and spaces alone as separators otherwise', () => {
    expect(parseContactNumbers('+91 98765 43210, 098123 45678; (022) 2345 6789', 'IN')).toEqual({
      numbers: ['+919876543210', '+919812345678', '+912223456789'],
      invalid: [],
    });
    expect(parseContactNumbers('9876543210 9812345678', 'IN')).toEqual({ numbers: ['+919876543210', '+919812345678'], invalid: [] });
    expect(parseContactNumbers('+91 98765 4321x', 'IN')).toEqual({ numbers: [], invalid: ['+91', '98765', '4321x'] });
  });

  it('reads a tel: or sip: URI with its ; parameters as the number it carries, while a ; before a number still separates', () => {
    const uris = (national: string) => [
      `sip:0${national}@10.0.0.1;user=phone`,
      `tel:+91-${national.slice(0, 5)}-${national.slice(5)};ext=56`,
      `sip:+91${national}@10.0.0.1:5060;transport=udp`,
      `tel:${national};phone-context=+91`,
      `sip:+91${national};npdi;rn=+91${national}@pbx;user=phone`,
      `"Asha K" <sip:+91${national}@pbx.example;user=phone>;tag=a1`,
    ];
    for (const national of ['9381099999', '7012345678', '2226001234']) {
      for (const uri of uris(national)) {
        expect(parseContactNumbers(uri, 'IN'), uri).toEqual({ numbers: [`+91${national}`], invalid: [] });
        for (const list of [`${uri};9812345678`, `${uri}; 9812345678`, `9812345678;${uri}`, `${uri}\n9812345678`, `${uri}, 9812345678`]) {
          expect(parseContactNumbers(list, 'IN').numbers.sort(), list).toEqual([`+91${national}`, '+919812345678'].sort());
        }
      }
    }
    // Text after a URI's host is another number, not dropped with the URI's parameters.
    expect(parseContactNumbers('sip:+919381099999@10.0.0.1 9812345678', 'IN').numbers).toEqual(['+919381099999', '+919812345678']);
    expect(parseContactNumbers('sip:+919381099999@10.0.0.1;user=phone;notanumber', 'IN')).toEqual({ numbers: ['+919381099999'], invalid: [] });
  });

  it('lists what is not a valid number, as typed', () => {
    expect(parseContactNumbers('9876543210,12345,abc', 'IN')).toEqual({ numbers: ['+919876543210'], invalid: ['12345', 'abc'] });
  });

  it('says where each invalid number stands in the list, for masking it in context', () => {
    const raw = ' 12345 ,abc; +91 98200\n12345 x;tel:;9876543210 ';
    const { invalid } = parseList(raw, 'IN');
    expect(invalid.map((item) => item.text)).toEqual(['12345', 'abc', '+91', '98200', '12345', 'x', 'tel:']);
    for (const item of invalid) expect(raw.slice(item.start, item.start + item.text.length)).toBe(item.text);
  });

  it('ignores separators at either end', () => {
    expect(parseContactNumbers(' ,9876543210; ', 'IN')).toEqual({ numbers: ['+919876543210'], invalid: [] });
  });

  it('reads a number of 4 characters, shorter than a customer id may be', () => {
    expect(parseContactNumbers('4002 7012', 'NU')).toEqual({ numbers: ['+6834002', '+6837012'], invalid: [] });
  });
});

describe('calling window', () => {
  const kolkata = 'Asia/Kolkata';
  const at = (iso: string) => Date.parse(iso);

  it('is open from the start and closed from the end, account time', () => {
    const window = { start: '09:00', end: '21:00' };
    expect(insideWindow(at('2026-12-07T09:00:00+05:30'), window, kolkata)).toBe(true);
    expect(insideWindow(at('2026-12-07T20:59:00+05:30'), window, kolkata)).toBe(true);
    expect(insideWindow(at('2026-12-07T21:00:00+05:30'), window, kolkata)).toBe(false);
    expect(insideWindow(at('2026-12-07T08:59:00+05:30'), window, kolkata)).toBe(false);
  });

  it('moves a time outside the window to its next opening: later today or tomorrow', () => {
    const window = { start: '09:00', end: '21:00' };
    expect(nextWindowTime(at('2026-12-07T07:30:00+05:30'), window, kolkata)).toBe(at('2026-12-07T09:00:00+05:30'));
    expect(nextWindowTime(at('2026-12-07T22:15:00+05:30'), window, kolkata)).toBe(at('2026-12-08T09:00:00+05:30'));
    expect(nextWindowTime(at('2026-12-07T12:00:00+05:30'), window, kolkata)).toBe(at('2026-12-07T12:00:00+05:30'));
  });

  it('counts the minutes of both ends', () => {
    const window = { start: '09:30', end: '17:45' };
    expect(insideWindow(at('2026-12-07T09:15:00+05:30'), window, kolkata)).toBe(false);
    expect(insideWindow(at('2026-12-07T09:30:00+05:30'), window, kolkata)).toBe(true);
    expect(insideWindow(at('2026-12-07T17:44:00+05:30'), window, kolkata)).toBe(true);
    expect(insideWindow(at('2026-12-07T17:45:00+05:30'), window, kolkata)).toBe(false);
  });

  it('runs past midnight when the end is before the start', () => {
    const night = { start: '21:00', end: '06:00' };
    expect(insideWindow(at('2026-12-07T21:00:00+05:30'), night, kolkata)).toBe(true);
    expect(insideWindow(at('2026-12-07T20:59:00+05:30'), night, kolkata)).toBe(false);
    expect(insideWindow(at('2026-12-08T06:00:00+05:30'), night, kolkata)).toBe(false);
    expect(insideWindow(at('2026-12-07T23:00:00+05:30'), night, kolkata)).toBe(true);
    expect(insideWindow(at('2026-12-08T05:59:00+05:30'), night, kolkata)).toBe(true);
    expect(nextWindowTime(at('2026-12-08T12:00:00+05:30'), night, kolkata)).toBe(at('2026-12-08T21:00:00+05:30'));
  });

  it('opens at the local start across a daylight-saving change', () => {
    // New York springs forward on 8 March 2026.
    const opening = nextWindowTime(at('2026-03-07T22:00:00-05:00'), { start: '09:00', end: '17:00' }, 'America/New_York');
    expect(new Date(opening).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });
});

describe('retryDelay', () => {
  it('doubles with each attempt, spread within ±20 %', () => {
    expect(retryDelay(1, 5000, 0.5)).toBe(5000);
    expect(retryDelay(2, 5000, 0.5)).toBe(10_000);
    expect(retryDelay(4, 5000, 0.5)).toBe(40_000);
    expect(retryDelay(3, 5000, 0)).toBe(16_000);
    expect(retryDelay(3, 5000, 1)).toBe(24_000);
  });
});

describe('outboundFlowIssues', () => {
  it('names a non-http dialer URL and an empty window', () => {
    expect(outboundFlowIssues({ dialerUrl: 'ftp://dialer', callingWindow: { start: '09:00', end: '09:00' } }).map((issue) => issue.field)).toEqual([
      'dialerUrl',
      'callingWindow',
    ]);
    expect(outboundFlowIssues({ dialerUrl: 'https://dialer.example.com/hook', callingWindow: null })).toEqual([]);
  });

  it('says what is wrong with each field', () => {
    expect(outboundFlowIssues({ dialerUrl: 'not a url' })).toEqual([{ field: 'dialerUrl', message: 'must be an absolute http or https URL' }]);
    expect(outboundFlowIssues({ callingWindow: { start: '10:00', end: '10:00' } })).toEqual([{ field: 'callingWindow', message: 'must not start and end at the same time' }]);
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '08:00', end: '12:00' } })).toEqual([
      { field: 'callingWindow', message: 'of a promotional flow must lie within 09:00–21:00 (it may only narrow it)' },
    ]);
  });

  it('refuses user info in the dialer URL, a user name or a password alone', () => {
    const refusal = [{ field: 'dialerUrl', message: 'must not carry user info (user:password@); the dialer authenticates deliveries by their signature' }];
    expect(outboundFlowIssues({ dialerUrl: 'https://user@dialer.example.com/hook' })).toEqual(refusal);
    expect(outboundFlowIssues({ dialerUrl: 'https://:secret@dialer.example.com/hook' })).toEqual(refusal);
  });
});

describe('afterOutcome', () => {
  const policy = effectiveRetryPolicy({ busy: { attempts: 2, afterMinutes: 10 } });
  it('ends an answered call answered and never retries invalid-number, dnd or rejected', () => {
    expect(afterOutcome('answered', 1, policy, false)).toEqual({ next: 'final', status: 'answered' });
    for (const disposition of ['invalid-number', 'dnd', 'rejected'] as const) expect(afterOutcome(disposition, 1, policy, false)).toEqual({ next: 'final', status: 'unreached' });
  });
  it('retries busy while the policy has dials left, then ends unreached', () => {
    expect(afterOutcome('busy', 1, policy, false)).toEqual({ next: 'retry', afterMinutes: 10 });
    expect(afterOutcome('busy', 2, policy, false)).toEqual({ next: 'retry', afterMinutes: 10 });
    expect(afterOutcome('busy', 3, policy, false)).toEqual({ next: 'final', status: 'unreached' });
  });
  it('uses the defaults for dispositions the flow leaves out, and a zero policy never retries', () => {
    expect(afterOutcome('no-answer', 1, policy, false)).toEqual({ next: 'retry', afterMinutes: 60 });
    expect(afterOutcome('failed', 2, policy, false)).toEqual({ next: 'final', status: 'unreached' });
    expect(afterOutcome('busy', 1, effectiveRetryPolicy({ busy: { attempts: 0, afterMinutes: 5 } }), false)).toEqual({ next: 'final', status: 'unreached' });
  });
  it('dials no more for a cancelled request', () => {
    expect(afterOutcome('busy', 1, policy, true)).toEqual({ next: 'final', status: 'cancelled' });
  });
});

describe('nextDialTime', () => {
  const zone = 'Asia/Kolkata';
  const at = (text: string) => Date.parse(text);
  const weekend: Calendar = { daysOff: new Set([7]), holidays: holidayDays(['2026-12-08']) };
  it('keeps a time inside the window on a working day', () => {
    expect(nextDialTime(at('2026-12-07T11:00:00+05:30'), { start: '09:00', end: '21:00' }, zone, weekend)).toBe(at('2026-12-07T11:00:00+05:30'));
  });
  it('moves a time after closing past a holiday to the next working morning', () => {
    // Monday 21:30 → Tuesday is a holiday → Wednesday 09:00.
    expect(nextDialTime(at('2026-12-07T21:30:00+05:30'), { start: '09:00', end: '21:00' }, zone, weekend)).toBe(at('2026-12-09T09:00:00+05:30'));
  });
  it("reads the day in the account's zone: early Sunday in Kolkata is still Saturday in UTC", () => {
    expect(nextDialTime(at('2026-12-13T04:30:00+05:30'), null, zone, weekend)).toBe(at('2026-12-14T00:00:00+05:30'));
  });
  it('moves a Sunday to Monday at the window opening, or midnight without a window', () => {
    expect(nextDialTime(at('2026-12-13T12:00:00+05:30'), { start: '10:00', end: '18:00' }, zone, weekend)).toBe(at('2026-12-14T10:00:00+05:30'));
    expect(nextDialTime(at('2026-12-13T12:00:00+05:30'), null, zone, weekend)).toBe(at('2026-12-14T00:00:00+05:30'));
  });
});

describe('promotional flows', () => {
  it('dial in 09:00–21:00 without a window of their own, and may only narrow it', () => {
    expect(effectiveWindow('promotional', null)).toEqual({ start: '09:00', end: '21:00' });
    expect(effectiveWindow('service', null)).toBeNull();
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '10:00', end: '20:00' } })).toEqual([]);
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '08:00', end: '20:00' } }).map((issue) => issue.field)).toEqual(['callingWindow']);
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '20:00', end: '10:00' } }).map((issue) => issue.field)).toEqual(['callingWindow']);
    expect(outboundFlowIssues({ category: 'service', callingWindow: { start: '08:00', end: '22:00' } })).toEqual([]);
    // The promotional hours themselves, and windows sharing one of their ends, narrow nothing away.
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '09:00', end: '21:00' } })).toEqual([]);
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '09:00', end: '12:00' } })).toEqual([]);
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '12:00', end: '21:00' } })).toEqual([]);
    expect(outboundFlowIssues({ category: 'promotional', callingWindow: { start: '12:00', end: '21:30' } }).map((issue) => issue.field)).toEqual(['callingWindow']);
  });
});

describe('callbackRetryDelay', () => {
  it('backs off exponentially with jitter, capped at an hour, and honours a longer Retry-After up to a day', () => {
    expect(callbackRetryDelay(1, 5000, 0.5)).toBe(5000);
    expect(callbackRetryDelay(3, 5000, 0.5)).toBe(20_000);
    expect(callbackRetryDelay(30, 5000, 0.5)).toBe(3_600_000);
    expect(callbackRetryDelay(1, 5000, 0, undefined)).toBe(4000);
    expect(callbackRetryDelay(1, 5000, 0.5, 120)).toBe(120_000);
    expect(callbackRetryDelay(1, 5000, 0.5, 10 * 86_400)).toBe(86_400_000);
  });
});
