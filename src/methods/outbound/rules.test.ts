import { describe, expect, it } from 'vitest';
import { signature } from '../../adapters/dialer/dialer.js';
import { insideWindow, nextWindowTime, outboundFlowIssues, parseContactNumbers, retryDelay } from './rules.js';

describe('parseContactNumbers', () => {
  it('splits on commas, semicolons and spaces and normalises to E.164, each number once', () => {
    expect(parseContactNumbers('9876543210, 09812345678;+919812345679\n919876543210  +1-212-555-0123', 'IN')).toEqual({
      numbers: ['+919876543210', '+919812345678', '+919812345679', '+12125550123'],
      invalid: [],
    });
  });

  it('lists what is not a valid number, as typed', () => {
    expect(parseContactNumbers('9876543210,12345,abc', 'IN')).toEqual({ numbers: ['+919876543210'], invalid: ['12345', 'abc'] });
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

  it('runs past midnight when the end is before the start', () => {
    const night = { start: '21:00', end: '06:00' };
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
});

describe('signature', () => {
  it('is sha256= and the hex HMAC of timestamp.body', () => {
    // Reference value from: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signature('secret', 1_700_000_000, '{"a":1}')).toBe('sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686');
  });
});
