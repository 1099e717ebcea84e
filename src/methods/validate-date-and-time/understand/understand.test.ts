import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { slowDateText } from '../../../../test/fuzz-requests.js';
import { isoDateOf } from '../rules.js';
import { correctTypo, languages } from './lexicon.js';
import { normaliseText } from './normalise.js';
import { understandDate, type NamedHoliday } from './understand.js';

const zone = IANAZone.create('Asia/Kolkata');
// Wednesday 2 December 2026, 10:00 in India.
const now = new Date('2026-12-02T10:00:00+05:30');

function read(text: string, holidays: NamedHoliday[] = []): string {
  const understood = understandDate(text, { now, zone, holidays });
  if (!understood.ok) return `refused: ${understood.reason}`;
  return understood.time === undefined ? isoDateOf(understood.day) : `${isoDateOf(understood.day)} ${understood.time / 3600}h`;
}

describe('normalisation', () => {
  it('reads the digits of every Indian script as ASCII', () => {
    const zeros = [0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66];
    for (const zero of zeros) {
      const digits = Array.from({ length: 10 }, (_, value) => String.fromCodePoint(zero + value)).join('');
      expect(normaliseText(digits)).toBe('0123456789');
    }
  });

  it('meets the spellings callers mix: compatibility forms, case, nukta, chandrabindu, apostrophes', () => {
    expect(normaliseText('ＴＯＭＯＲＲＯＷ')).toBe('tomorrow');
    expect(normaliseText('फ़रवरी')).toBe(normaliseText('फरवरी'));
    expect(normaliseText('पाँच')).toBe(normaliseText('पांच'));
    expect(normaliseText("New Year's")).toBe('new years');
  });
});

describe('typos', () => {
  it.each([
    ['tomorow', 'tomorrow'],
    ['tommorrow', 'tomorrow'],
    ['wensday', 'wednesday'],
    ['firday', 'friday'],
    ['decmber', 'december'],
    ['septmber', 'september'],
  ])('corrects %s to %s', (typo, meant) => {
    expect(correctTypo(typo)).toBe(meant);
  });

  it.each(['money', 'monkey', 'match', 'marsh', 'sundae', 'someday', 'friend', 'sorrow', 'mother', 'tomato', 'mar', 'june', 'juno'])('never turns the real word %s into a date', (word) => {
    expect(correctTypo(word)).toBeUndefined();
  });

  it('never corrects a word of any language table into a different meaning', () => {
    const meanings = new Map<string, string>();
    for (const table of languages) for (const [phrase, meaning] of table.phrases) if (!meanings.has(normaliseText(phrase))) meanings.set(normaliseText(phrase), meaning);
    const changed = [...meanings].filter(([word, meaning]) => /^[a-z]+$/.test(word) && correctTypo(word) !== undefined && correctTypo(word) !== meaning);
    expect(changed).toEqual([]);
  });
});

describe('understandDate', () => {
  it('takes the future reading of a word that points both ways and the next week for a weekday said on that weekday', () => {
    expect(read('कल')).toBe('2026-12-03');
    expect(read('wednesday')).toBe('2026-12-09');
    expect(read('2nd december')).toBe('2026-12-02');
  });

  it("finds a festival only in the account's calendar, by any of its spellings or by the name as imported", () => {
    const holidays = [
      { date: '2026-11-08', name: 'Diwali' },
      { date: '2027-10-29', name: 'Deepavali' },
      { date: '2027-05-01', name: 'Founders Day' },
    ];
    expect(read('deepawali', holidays)).toBe('2027-10-29');
    expect(read('diwali 2026', holidays)).toBe('2026-11-08');
    expect(read('founders day please', holidays)).toBe('2027-05-01');
    expect(read('diwali')).toBe('refused: unknown-festival');
    // Fixed-date days need no calendar.
    expect(read('republic day')).toBe('2027-01-26');
  });

  it('places a part of the day inside the window it is given', () => {
    expect(understandDate('kal shaam', { now, zone, window: { start: 9 * 3600, end: 18 * 3600 } })).toEqual({ ok: true, day: expect.any(Number), time: 17 * 3600 });
    expect(understandDate('kal subah', { now, zone, window: { start: 9 * 3600, end: 18 * 3600 } })).toMatchObject({ time: 9 * 3600 });
    // Night lies outside a 09:00–18:00 window: its own start is kept, and the rules say the time is not valid.
    expect(understandDate('kal raat', { now, zone, window: { start: 9 * 3600, end: 18 * 3600 } })).toMatchObject({ time: 20 * 3600 });
  });

  it('refuses two different dates, a denied one alone, and impossible ones, each with its reason', () => {
    expect(read('monday or tuesday')).toBe('refused: two-dates');
    expect(read('friday 12 december')).toBe('refused: two-dates');
    expect(read('not tomorrow')).toBe('refused: no-date');
    expect(read('31 april')).toBe('refused: invalid-date');
    expect(read('29/02/2027')).toBe('refused: invalid-date');
    expect(read('x'.repeat(201))).toBe('refused: too-long');
  });

  it('answers every text built to be slow without throwing', () => {
    fc.assert(
      fc.property(slowDateText, (text) => {
        const understood = understandDate(text, { now, zone });
        expect(typeof understood.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
