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

/** The reading as `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, or the refusal's reason. */
function readClock(text: string, holidays: NamedHoliday[] = []): string {
  const understood = understandDate(text, { now, zone, holidays });
  if (!understood.ok) return `refused: ${understood.reason}`;
  if (understood.time === undefined) return isoDateOf(understood.day);
  const hours = String(Math.floor(understood.time / 3600)).padStart(2, '0');
  const minutes = String(Math.floor((understood.time % 3600) / 60)).padStart(2, '0');
  return `${isoDateOf(understood.day)}T${hours}:${minutes}`;
}

describe('times of day (read on Wednesday 2 December 2026)', () => {
  it.each([
    // h:mm from 1:00 to 7:59 without am/pm is the afternoon, like a bare hour; 8–12 and a leading zero are kept.
    ['tomorrow at 4:30', '2026-12-03T16:30'],
    ['kal 5:30 baje', '2026-12-03T17:30'],
    ['friday 1:15', '2026-12-04T13:15'],
    ['monday at 2:45', '2026-12-07T14:45'],
    ['parso 3.15', '2026-12-04T15:15'],
    ['tomorrow at 7:59', '2026-12-03T19:59'],
    ['tomorrow at 8:30', '2026-12-03T08:30'],
    ['tomorrow at 12:15', '2026-12-03T12:15'],
    ['tomorrow at 05:30', '2026-12-03T05:30'],
    ['tomorrow 4:30 am', '2026-12-03T04:30'],
    ['kal subah 6:30', '2026-12-03T06:30'],
  ])('reads h:mm in %j as %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each([
    ['tomorrow at ten thirty', '2026-12-03T10:30'],
    ['friday at two fifteen', '2026-12-04T14:15'],
    ['tomorrow at eleven forty five', '2026-12-03T11:45'],
    ['tomorrow ten thirty in the morning', '2026-12-03T10:30'],
    ['friday at four thirty in the evening', '2026-12-04T16:30'],
    ['tomorrow at 5 30 pm', '2026-12-03T17:30'],
    ['monday 11 15 am', '2026-12-07T11:15'],
    ['friday morning 9 30', '2026-12-04T09:30'],
    ['tomorrow at half past 10', '2026-12-03T10:30'],
    ['half past 4 tomorrow', '2026-12-03T16:30'],
    ['friday at quarter past 9', '2026-12-04T09:15'],
    ['tomorrow at a quarter to 6', '2026-12-03T17:45'],
    ['tomorrow at quarter to one', '2026-12-03T12:45'],
    ['tomorrow at 1630', '2026-12-03T16:30'],
    ['monday 0930', '2026-12-07T09:30'],
    ['tomorrow at 1900 hours', '2026-12-03T19:00'],
    ['15/12/2026 1745', '2026-12-15T17:45'],
    ['20th december 1615', '2026-12-20T16:15'],
    ['kal saade 4 baje', '2026-12-03T16:30'],
    ['parso saade gyarah baje', '2026-12-04T11:30'],
    ['kal sawa 5 baje', '2026-12-03T17:15'],
    ['kal paune 5 baje', '2026-12-03T16:45'],
    ['kal paune das baje', '2026-12-03T09:45'],
    ['kal dhai baje', '2026-12-03T14:30'],
    ['kal dedh baje', '2026-12-03T13:30'],
    ['साढ़े चार बजे कल', '2026-12-03T16:30'],
    ['kal subah saade nau baje', '2026-12-03T09:30'],
  ])('keeps the minutes of %j: %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each(['tomorrow at 10:75', 'friday at 9:80 am', 'tomorrow 13 pm', 'monday at 14 am', 'tomorrow at 0 pm', '15/12/2026 at 45 pm', 'kal 25 baje', 'friday at 26', 'tomorrow at 2460'])(
    'refuses the impossible time in %j rather than dropping it',
    (text) => {
      expect(readClock(text)).toBe('refused: invalid-date');
    },
  );

  it.each([
    ['tomorrow 10', '2026-12-03T10:00'],
    ['friday 4', '2026-12-04T16:00'],
    ['today 5', '2026-12-02T17:00'],
    ['kal 9', '2026-12-03T09:00'],
    ['monday after 6', '2026-12-07T18:00'],
    ['day after tomorrow 11', '2026-12-04T11:00'],
    // After a weekday, 13–31 is the day of the month, which must agree with it.
    ['friday 18', '2026-12-18'],
    ['friday 19', 'refused: two-dates'],
    // Not an hour: left out, as before.
    ['tomorrow 21', '2026-12-03'],
    ['tomorrow 2026', '2026-12-03'],
    ['kal 17 hrs', '2026-12-03T17:00'],
    ['tomorrow 2 hours', '2026-12-03'],
  ])('reads a bare number after a day word in %j as %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each([
    ['tomorrow 9 at night', '2026-12-03T21:00'],
    ['kal raat 10 baje', '2026-12-03T22:00'],
    // Twelve (and 1–4) at night are past midnight: the next day's early hours.
    ['kal raat 12 baje', '2026-12-04T00:00'],
    ['tonight at 12', '2026-12-03T00:00'],
    ['friday night at 1', '2026-12-05T01:00'],
  ])('reads the hour said with a part of the night in %j as %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each([
    ['tomorrow between 3 to 5 pm', '2026-12-03T15:00'],
    ['tomorrow 4-5 pm', '2026-12-03T16:00'],
    ['tomorrow 10 to 11 am', '2026-12-03T10:00'],
    ['friday 11 to 1 pm', '2026-12-04T11:00'],
    ['between 3 and 5 tomorrow', '2026-12-03T15:00'],
    ['kal 2 baje se 4 baje tak', '2026-12-03T14:00'],
    ['2-3 days', 'refused: no-date'],
  ])('reads a range of hours in %j as its start: %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });
});

describe('days (read on Wednesday 2 December 2026)', () => {
  it.each([
    ['eighteenth', '2026-12-18'],
    ['twenty first', '2026-12-21'],
    ['twenty-fifth please', '2026-12-25'],
    ['thirtieth', '2026-12-30'],
    ['fifteenth at 4 pm', '2026-12-15T16:00'],
    // "first" and "second" alone are ordinary words.
    ['second', 'refused: no-date'],
    ['first', 'refused: no-date'],
    ['hold on a second', 'refused: no-date'],
  ])('reads a spoken ordinal said alone, %j, as %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each([
    ['saturday not friday', '2026-12-05'],
    ['friday not saturday', '2026-12-04'],
    ['tomorrow not friday', '2026-12-03'],
    ['the 15th not the 16th', '2026-12-15'],
    ['call me on monday not on tuesday', '2026-12-07'],
    ['wednesday and not tomorrow', '2026-12-09'],
    ["i can't do friday, saturday works", '2026-12-05'],
    ['tomorrow, not friday', '2026-12-03'],
    ['monday is not good tuesday is fine', '2026-12-08'],
    ['kal nahi parso', '2026-12-04'],
    ['somvar ko nahi mangalvar ko', '2026-12-08'],
    ['tomorrow is not ok', 'refused: no-date'],
    ["please don't call me tomorrow", 'refused: no-date'],
    ["friday isn't good", 'refused: no-date'],
    ['kal possible nahi hai', 'refused: no-date'],
    ['not on monday', 'refused: no-date'],
  ])('drops the day denied in %j (English before, Hindi after): %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each(['tomorrow or day after', 'tomorrow or the day after', 'either monday or the day after', 'monday and the day after', 'kal ya uske baad', 'this week or next week', 'next week or the week after'])(
    'refuses two days in %j',
    (text) => {
      expect(readClock(text)).toBe('refused: two-dates');
    },
  );

  it.each([
    ['a week from friday', '2026-12-11'],
    ['2 weeks from monday', '2026-12-21'],
    ['a week on friday', '2026-12-11'],
    ['a week from next monday', '2026-12-14'],
    ['a fortnight from monday', '2026-12-21'],
    ['the day before christmas', '2026-12-24'],
    ['two days after christmas', '2026-12-27'],
    ['the day after the 15th', '2026-12-16'],
    ['three days before 20/12/2026', '2026-12-17'],
    ['the day before friday', '2026-12-03'],
    ['the day after the day after tomorrow', '2026-12-05'],
    ['a day before new year', '2026-12-31'],
    ['week after next', '2026-12-14'],
    ['agle hafte ke baad wala somvar', '2026-12-14'],
    ['the day after', 'refused: no-date'],
  ])('counts a shift from the day it names in %j: %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it('counts a shift from an account holiday', () => {
    expect(readClock('the day after diwali', [{ date: '2027-10-29', name: 'Diwali' }])).toBe('2027-10-30');
  });

  it.each([
    ['sunday this weekend', '2026-12-06'],
    ['this weekend sunday', '2026-12-06'],
    ['next weekend sunday', '2026-12-13'],
    ['saturday this weekend', '2026-12-05'],
    ['this weekend', '2026-12-05'],
    ['end of next week', 'refused: invalid-date'],
    ['middle of next week', 'refused: invalid-date'],
    ['mid december', 'refused: no-date'],
  ])('reads a day of a weekend and refuses a part of a week in %j: %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });

  it.each([
    ['nex friday', '2026-12-11'],
    ['ikattis december', '2026-12-31'],
    ['mahine ke aakhir mein', '2026-12-31'],
    ['aaj rat ko', '2026-12-02T20:00'],
    ['kal dupahar', '2026-12-03T12:00'],
    ['beginning of january', '2027-01-01'],
    ['14 th december', '2026-12-14'],
    ['dec-14', '2026-12-14'],
    ['to morrow', '2026-12-03'],
    ['tonite', '2026-12-02T20:00'],
    ['one five one two two zero two six', '2026-12-15'],
    ['kali sandhya 5 ta', '2026-12-03T17:00'],
    ['agamikal 5 tar somoy', '2026-12-03T17:00'],
    ['asanta saptaha', '2026-12-07'],
    ['pudhchya aathavdyat', '2026-12-07'],
    ['15 ஆம் தேதி', '2026-12-15'],
    ['i sat down', 'refused: no-date'],
    ['sat 5 pm', '2026-12-05T17:00'],
  ])('knows the word in %j: %s', (text, expected) => {
    expect(readClock(text)).toBe(expected);
  });
});
