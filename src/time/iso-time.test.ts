import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from './iso-time.js';

describe('parseIsoInstant', () => {
  it('reads a date-time with any offset form flows send', () => {
    const instant = Date.parse('2026-11-28T03:30:00Z');
    expect(parseIsoInstant('2026-11-28T09:00:00+05:30')).toBe(instant);
    expect(parseIsoInstant('2026-11-28T09:00+5:30')).toBe(instant);
    expect(parseIsoInstant('2026-11-28T09:00:00.000+0530')).toBe(instant);
    expect(parseIsoInstant('2026-11-28T03:30:00z')).toBe(instant);
  });

  it.each(['2026-11-28T09:00:00', '2026-11-28', '2026-11-28 09:00:00+05:30', 'yesterday', '2026-13-45T09:00:00Z'])('names no instant in %j', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});
