import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedZone } from './cached-zone.js';

describe('cachedZone', () => {
  it.each([
    ['America/New_York', '2026-03-08T00:00:00Z'],
    ['America/New_York', '2026-11-01T00:00:00Z'],
    ['Europe/London', '2026-03-29T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T12:00:00Z'],
    ['Asia/Kolkata', '2026-11-28T00:00:00Z'],
  ])('gives %s the same offset as Intl minute by minute around %s', (name, start) => {
    const cached = cachedZone(name);
    const plain = IANAZone.create(name);
    const from = Date.parse(start);
    for (let ts = from; ts < from + 30 * 3600_000; ts += 60_000) {
      // Ask twice: the second answer comes from the cache.
      expect(cached.offset(ts)).toBe(plain.offset(ts));
      expect(cached.offset(ts + 59_999)).toBe(plain.offset(ts + 59_999));
    }
  });

  it('builds the same wall-clock instants as the plain zone, across a gap', () => {
    for (const hour of [0, 1, 2, 3, 4]) {
      const wall = { year: 2026, month: 3, day: 8, hour, minute: 30 };
      expect(DateTime.fromObject(wall, { zone: cachedZone('America/New_York') }).toISO()).toBe(
        DateTime.fromObject(wall, { zone: 'America/New_York' }).toISO(),
      );
    }
  });

  it.each(['Asia/Kolkata', 'America/St_Johns', 'America/New_York', 'Asia/Kathmandu'])('formats offsets of %s as luxon does', (name) => {
    const plain = IANAZone.create(name);
    for (const ts of [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)]) {
      for (const format of ['narrow', 'short', 'techie'] as const) {
        expect(cachedZone(name).formatOffset(ts, format)).toBe(plain.formatOffset(ts, format));
      }
    }
  });

  it('is one zone a name, equal to the plain zone of that name', () => {
    expect(cachedZone('Asia/Kolkata')).toBe(cachedZone('Asia/Kolkata'));
    expect(cachedZone('Asia/Kolkata').equals(IANAZone.create('Asia/Kolkata'))).toBe(true);
    expect(cachedZone('Asia/Kolkata').name).toBe('Asia/Kolkata');
  });
});
