import { fusedFractions, fusedHalfHours, fusedTens, numberWords, monthEnds, ordinalWords, romanisedWeekdays, type LanguageTable } from './table.js';

// Kannada's number words as the days of the month are said, and 21–31 in one word (ಇಪ್ಪತ್ತೈದು: 25).
const kannadaNumbers: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['ಒಂದು', 'ondu']], [2, ['ಎರಡು', 'eradu']], [3, ['ಮೂರು', 'mooru']], [4, ['ನಾಲ್ಕು', 'naalku', 'nalku']], [5, ['ಐದು', 'aidu']], [6, ['ಆರು', 'aaru']],
  [7, ['ಏಳು', 'elu', 'yelu']], [8, ['ಎಂಟು', 'entu']], [9, ['ಒಂಬತ್ತು', 'ombattu']], [10, ['ಹತ್ತು', 'hattu']], [11, ['ಹನ್ನೊಂದು', 'hannondu']],
  [12, ['ಹನ್ನೆರಡು', 'hanneradu']], [13, ['ಹದಿಮೂರು', 'hadimooru']], [14, ['ಹದಿನಾಲ್ಕು', 'hadinalku', 'hadinaalku']], [15, ['ಹದಿನೈದು', 'hadinaidu']],
  [16, ['ಹದಿನಾರು', 'hadinaaru']], [17, ['ಹದಿನೇಳು', 'hadinelu']], [18, ['ಹದಿನೆಂಟು', 'hadinentu']], [19, ['ಹತ್ತೊಂಬತ್ತು', 'hattombattu']],
  [20, ['ಇಪ್ಪತ್ತು', 'ippattu']], [30, ['ಮೂವತ್ತು', 'moovattu', 'muvattu']],
];
const kannadaTwenties = fusedTens([[20, 'ಇಪ್ಪತ್ತ್'], [30, 'ಮೂವತ್ತ್']], kannadaNumbers, '');

/** Kannada, native script and romanised. */
export const kannada: LanguageTable = {
  language: 'Kannada',
  phrases: [
    // The day of the month: "15 tareeku", "hadinaidu tareeku"; number words are weak (docs, "spoken numbers").
    ...['tareeku', 'tarikhu', 'tariku', 'dinanka', 'ತಾರೀಖು', 'ತಾರೀಕು', 'ದಿನಾಂಕ'].map((word) => [word, 'tarikh'] as const),
    ...numberWords([
      [1, ['ondu', 'ಒಂದು']], [2, ['eradu', 'ಎರಡು']], [3, ['mooru', 'ಮೂರು']], [4, ['naalku', 'nalku', 'ನಾಲ್ಕು']], [5, ['aidu', 'ಐದು']], [6, ['aaru', 'ಆರು']],
      [7, ['elu', 'yelu', 'ಏಳು']], [8, ['entu', 'ಎಂಟು']], [9, ['ombattu', 'ಒಂಬತ್ತು']], [10, ['hattu', 'ಹತ್ತು']], [11, ['hannondu', 'ಹನ್ನೊಂದು']],
      [12, ['hanneradu', 'ಹನ್ನೆರಡು']], [13, ['hadimooru', 'ಹದಿಮೂರು']], [14, ['hadinalku', 'hadinaalku', 'ಹದಿನಾಲ್ಕು']], [15, ['hadinaidu', 'ಹದಿನೈದು']],
      [16, ['hadinaaru', 'ಹದಿನಾರು']], [17, ['hadinelu', 'ಹದಿನೇಳು']], [18, ['hadinentu', 'ಹದಿನೆಂಟು']], [19, ['hattombattu', 'ಹತ್ತೊಂಬತ್ತು']],
      [20, ['ippattu', 'ಇಪ್ಪತ್ತು']], [30, ['moovattu', 'muvattu', 'ಮೂವತ್ತು']],
    ]),
    ['belagge', 'morning'],
    ['ಇಂದು', 'today'],
    ['ಇವತ್ತು', 'today'],
    ['ಈವತ್ತು', 'today'],
    ['indu', 'today'],
    ['ivattu', 'today'],
    ['evattu', 'today'],
    ['ನಾಳೆ', 'tomorrow'],
    ['naale', 'tomorrow'],
    ['nale', 'tomorrow'],
    ['ನಾಡಿದ್ದು', 'overmorrow'],
    ['naadiddu', 'overmorrow'],
    ['nadiddu', 'overmorrow'],
    ['naadidu', 'overmorrow'],
    ['ಸೋಮವಾರ', 'monday'],
    ['ಮಂಗಳವಾರ', 'tuesday'],
    ['ಬುಧವಾರ', 'wednesday'],
    ['ಗುರುವಾರ', 'thursday'],
    ['ಶುಕ್ರವಾರ', 'friday'],
    ['ಶನಿವಾರ', 'saturday'],
    ['ಭಾನುವಾರ', 'sunday'],
    ['ರವಿವಾರ', 'sunday'],
    ['ಸೋಮವಾರದಂದು', 'monday'],
    ['ಶುಕ್ರವಾರದಂದು', 'friday'],
    ['somavara', 'monday'],
    ['mangalavara', 'tuesday'],
    ['budhavara', 'wednesday'],
    ['guruvara', 'thursday'],
    ['shukravara', 'friday'],
    ['sukravara', 'friday'],
    ['shanivara', 'saturday'],
    ['sanivara', 'saturday'],
    ['bhanuvara', 'sunday'],
    ['ravivara', 'sunday'],
    // Every romanised spelling: long vowels doubled or not, v or w, and "on" fused on ("shukravaara", "bhaanuvaaradandu"; probe round 10).
    ...romanisedWeekdays(
      [['monday', ['soma']], ['tuesday', ['mangala']], ['wednesday', ['budha']], ['thursday', ['guru']], ['friday', ['shukra']], ['saturday', ['shani']], ['sunday', ['bhaanu', 'ravi']]],
      ['vaara', 'vaaradandu'],
    ),
    ['ಮುಂದಿನ', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['ಪ್ರತಿ', 'prati', 'prathi'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['ಹೊರತುಪಡಿಸಿ', 'horatupadisi'].map((word) => [word, 'nahi'] as const),
    ['mundina', 'next'],
    ['mundhina', 'next'],
    // "mundina tingalu 5 tareeku": next month's 5th.
    ...['ತಿಂಗಳು', 'ತಿಂಗಳ', 'tingalu', 'tingala', 'thingalu', 'thingala'].map((word) => [word, 'month'] as const),
    // "ಮುಂದಿನ ತಿಂಗಳ ಮೊದಲ ಸೋಮವಾರ", "ಮುಂದಿನ ತಿಂಗಳ ಕೊನೆಯ ಶುಕ್ರವಾರ": a month's first or last weekday (grammar.ts).
    ...['ಮೊದಲ', 'ಮೊದಲನೇ', 'ಮೊದಲನೆಯ', 'modala', 'modalane', 'modalaneya'].map((word) => [word, '~1th'] as const),
    ...['ಕೊನೆಯ', 'koneya'].map((word) => [word, 'final'] as const),
    // "ತಿಂಗಳ ಕೊನೆಯಲ್ಲಿ", "tingala koneyalli", "ತಿಂಗಳ ಕೊನೆಯ ದಿನ": the month's last day (probe round 10).
    ...monthEnds(
      ['ತಿಂಗಳ', 'ತಿಂಗಳು', 'tingala', 'thingala', 'tingalu'],
      ['ಕೊನೆಯಲ್ಲಿ', 'ಕೊನೆಗೆ', 'ಕೊನೆ', 'ಕೊನೆಯ ದಿನ', 'ಕೊನೆಯ ತಾರೀಖು', 'koneyalli', 'konege', 'kone', 'koneya dina', 'koneya tareeku'],
      ['ಮುಂದಿನ', 'mundina', 'mundhina'],
    ),
    ['ಈ', 'this'],
    ['ವಾರ', 'week'],
    ['vaara', 'week'],
    ['ದಿನಗಳ', 'day'],
    ['ದಿನ', 'day'],
    ['dinagala', 'day'],
    // "deepavali nantara" excludes the day, as "diwali ke baad"; "3 dina nantara" counts from today.
    ['ನಂತರ', 'kebaad'],
    ['nantara', 'kebaad'],
    ['ಬೆಳಿಗ್ಗೆ', 'morning'],
    ['beligge', 'morning'],
    ['ಮಧ್ಯಾಹ್ನ', 'afternoon'],
    ['madhyahna', 'afternoon'],
    ['ಸಂಜೆ', 'evening'],
    ['sanje', 'evening'],
    // Spoken spellings of the parts of the day.
    ...['saanje', 'sanjege', 'saanjege', 'ಸಂಜೆಗೆ'].map((word) => [word, 'evening'] as const),
    ...['madhyana', 'madyana', 'madhyanha', 'madhyaana', 'madhyahnada'].map((word) => [word, 'afternoon'] as const),
    ...['belige', 'beligge', 'bellige', 'belagge'].map((word) => [word, 'morning'] as const),
    ...['raatri', 'ratri', 'raatre', 'ರಾತ್ರಿಗೆ'].map((word) => [word, 'night'] as const),
    ['ರಾತ್ರಿ', 'night'],
    ['ಗಂಟೆಗೆ', 'oclock'],
    ['gantege', 'oclock'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['ಬೇಡ', 'nahi'],
    ['beda', 'nahi'],
    ['bedaa', 'nahi'],
    ['ಇಲ್ಲ', 'nahi'],
    ['illa', 'nahi'],
    ['ನನಗೆ', '_'],
    ['nanage', '_'],
    ['maadi', '_'],
    ['ಮಾಡಿ', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['ಗಂಟೆಗಳ', 'ಗಂಟೆಗಳು', 'gantegala', 'gantegalu'].map((word) => [word, 'hours'] as const),
    ...['ondu gante', 'ಒಂದು ಗಂಟೆ'].map((phrase) => [phrase, '1 hours'] as const),
    ...['ಅರ್ಧ ಗಂಟೆ', 'ardha gante', 'ardha ghante'].map((phrase) => [phrase, '30 minute'] as const),
    ...['ಆದ ಮೇಲೆ', 'aada mele', 'ada mele', 'aadmele'].map((phrase) => [phrase, 'kebaad'] as const),
    ...['ge', 'ಗೆ'].map((word) => [word, 'oclock'] as const),
    ...['ಬೆಳಗಿನ ಜಾವ', 'belagina jaava', 'belagina java'].map((phrase) => [phrase, 'morning'] as const),
    // Half past an hour in one word: ಐದೂವರೆ (aiduvare) is 5:30, ಐದೂವರೆಗೆ at 5:30.
    ...fusedHalfHours(
      [
        [1, ['ಒಂದೂವರೆ', 'onduvare', 'ondoovare']], [2, ['ಎರಡೂವರೆ', 'eraduvare', 'eradoovare']], [3, ['ಮೂರೂವರೆ', 'mooruvare', 'mooroovare']],
        [4, ['ನಾಲ್ಕೂವರೆ', 'naalkuvare', 'naalkoovare', 'nalkuvare']], [5, ['ಐದೂವರೆ', 'aiduvare', 'aidoovare']], [6, ['ಆರೂವರೆ', 'aaruvare', 'aaroovare']],
        [7, ['ಏಳೂವರೆ', 'eluvare', 'eloovare', 'yeluvare']], [8, ['ಎಂಟೂವರೆ', 'entuvare', 'entoovare']], [9, ['ಒಂಬತ್ತೂವರೆ', 'ombattuvare', 'ombattoovare']],
        [10, ['ಹತ್ತೂವರೆ', 'hattuvare', 'hattoovare']], [11, ['ಹನ್ನೊಂದೂವರೆ', 'hannonduvare']], [12, ['ಹನ್ನೆರಡೂವರೆ', 'hanneraduvare']],
      ],
      { native: ['ಗೆ', 'ಕ್ಕೆ'], romanised: ['ge', 'kke'] },
    ),
    // "ಹೋದ ಸೋಮವಾರ", "ಕಳೆದ ವಾರ": the last one, a day gone by (probe round 9).
    ...['ಹೋದ', 'ಕಳೆದ', 'hoda', 'kaleda'].map((word) => [word, 'last'] as const),
    // "ಸಂಕ್ರಾಂತಿ ಮರುದಿನ", "ಹಿಂದಿನ ದಿನ": the day after or before the day said (probe round 9).
    ...['ಮರುದಿನ', 'ಮಾರನೇ ದಿನ', 'ನಂತರದ ದಿನ', 'marudina', 'maarane dina', 'marane dina', 'nantarada dina'].map((phrase) => [phrase, 'next day'] as const),
    ...['ಹಿಂದಿನ ದಿನ', 'hindina dina'].map((phrase) => [phrase, 'before day'] as const),
    // A range of hours, "10 rinda 12 varege", "10ರಿಂದ 12ರವರೆಗೆ": from one hour to the other; the range is its start (probe round 9).
    ...['ರಿಂದ', 'rinda', 'inda', 'ಇಂದ', 'ಗಂಟೆಯಿಂದ', 'ganteyinda'].map((word) => [word, 'from'] as const),
    ...['ವರೆಗೆ', 'varege', 'ರವರೆಗೆ', 'ravarege', 'ತನಕ', 'tanaka', 'naduve', 'ನಡುವೆ'].map((word) => [word, '_'] as const),
    // Days of the month 21–31 in one word ("ಡಿಸೆಂಬರ್ ಇಪ್ಪತ್ತೈದು") and as ordinals, "ಐದನೇ ತಾರೀಖು", "aidane tareeku" (the fifth),
    // "20ನೇ ತಾರೀಖು" (the ending typed after digits is dropped).
    ...numberWords(kannadaTwenties),
    ...ordinalWords([...kannadaNumbers, ...kannadaTwenties], [[/ು$/, 'ನೇ'], [/u$/, 'ane']]),
    ...['ನೇ', 'ನೆಯ'].map((word) => [word, '_'] as const),
    ...Array.from({ length: 31 }, (_, index) => [`${index + 1}ne`, `${index + 1}th`] as const),
    // Self-corrections: "ಶುಕ್ರವಾರ... ಸಾರಿ, ಶನಿವಾರ", as English "sorry".
    ...['ಸಾರಿ', 'ಸಾರೀ', 'ಸೋರಿ'].map((word) => [word, 'correction'] as const),
    // Busy or out of town ("ನಾಳೆ ನಾನು ಬ್ಯುಸಿ", "oorali iralla") denies the day, as ಊರಿಗೆ ಹೋಗ್ತೀನಿ does.
    ...['ಬ್ಯುಸಿ', 'ಬಿಜಿ', 'ಬಿಸಿ', 'ಊರಲ್ಲಿ ಇರಲ್ಲ', 'ಊರಲ್ಲಿ ಇರೋದಿಲ್ಲ', 'oorali iralla', 'ooralli iralla', 'oorlli iralla'].map((phrase) => [phrase, 'notfine'] as const),
    // "ಐದು ದಿನ ಬಿಟ್ಟು" (five days on), "ಒಂದು ವಾರದ ನಂತರ", "mooru dina aada mele": "after" and the units' case forms.
    ...['ಬಿಟ್ಟು', 'bittu'].map((word) => [word, 'later'] as const),
    ...['ವಾರದ', 'ವಾರಗಳ', 'vaarada', 'varada', 'vaaragala'].map((word) => [word, 'week'] as const),
    ...['dina', 'dinada', 'ದಿನದ'].map((word) => [word, 'day'] as const),
    // A quarter past the hour and three quarters in one word with it: "ನಾಲ್ಕೂಕಾಲು" (4:15), "ಐದೂಮುಕ್ಕಾಲು" (5:45), "naalkoo kaalu".
    ...fusedFractions(
      kannadaNumbers.filter(([hour]) => hour <= 12),
      [['quarterpast', ['ಕಾಲು', ' ಕಾಲು', 'kaalu', ' kaalu']], ['threequarters', ['ಮುಕ್ಕಾಲು', ' ಮುಕ್ಕಾಲು', 'mukkaalu', ' mukkaalu', ' mukkalu']]],
      { join: [[/ು$/, 'ೂ'], [/u$/, 'oo']], endings: ['ಗೆ', 'ಕ್ಕೆ', 'ge', 'kke'] },
    ),
    // Spans of days, "5 ರಿಂದ 8ನೇ ತಾರೀಖಿನ ಒಳಗೆ", "ಸೋಮವಾರದಿಂದ ಬುಧವಾರದವರೆಗೆ", "somavaradinda": the word for date and the weekdays with
    // their case endings, "from" (-ದಿಂದ, -dinda) and "until" (-ದವರೆಗೆ, -davarege); the span is its first day.
    ...['ತಾರೀಖಿನ', 'ತಾರೀಖಿನವರೆಗೆ', 'tareekina', 'tarikina', 'tareekinavarege'].map((word) => [word, 'tarikh'] as const),
    ...['ತಾರೀಖಿನಿಂದ', 'tareekininda'].map((word) => [word, 'tarikh from'] as const),
    ...['ಒಳಗೆ', 'olage'].map((word) => [word, '_'] as const),
    ...[['ಸೋಮವಾರ', 'somavara'], ['ಮಂಗಳವಾರ', 'mangalavara'], ['ಬುಧವಾರ', 'budhavara'], ['ಗುರುವಾರ', 'guruvara'], ['ಶುಕ್ರವಾರ', 'shukravara'], ['ಶನಿವಾರ', 'shanivara'], ['ಭಾನುವಾರ', 'bhanuvara']].flatMap(
      ([native, romanised], index) => [
        [`${native}ದಿಂದ`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const, [`${romanised}dinda`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const,
        [`${native}ದವರೆಗೆ`, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]!] as const, [`${romanised}davarege`, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]!] as const,
      ],
    ),
    // The English month names as this script writes them (probe round 8).
    ...([['ಜನವರಿ', 'january'], ['ಫೆಬ್ರವರಿ', 'february'], ['ಮಾರ್ಚ್', 'march'], ['ಏಪ್ರಿಲ್', 'april'], ['ಮೇ', 'may'], ['ಜೂನ್', 'june'], ['ಜುಲೈ', 'july'], ['ಆಗಸ್ಟ್', 'august'], ['ಸೆಪ್ಟೆಂಬರ್', 'september'], ['ಅಕ್ಟೋಬರ್', 'october'], ['ನವೆಂಬರ್', 'november'], ['ಡಿಸೆಂಬರ್', 'december']] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['ಊರಿಗೆ ಹೋಗ್ತೀನಿ', 'oorige hogtini', 'oorige hogtheeni', 'aagalla', 'ಆಗಲ್ಲ', 'raje', 'ರಜೆ'].map((phrase) => [phrase, 'notfine'] as const),
    // The past, "ಕರೆ ಬಂದಿತ್ತು" (a call had come), "ಬಂತು" (came), "ಇತ್ತು" (was; not romanised "ittu", Malayalam "put"): a day that went by, none to call on, as Hindi
    // "tha" (probe round 10).
    ...['ಬಂದಿತ್ತು', 'ಬಂತು', 'ಇತ್ತು', 'bandittu', 'bandithu', 'banthu', 'bantu'].map((word) => [word, 'notfine'] as const),
    // Going anywhere that day, as Hindi "ja raha hoon": "ನಾಳೆ ನಾನು ಊರಿಗೆ ಹೋಗ್ತಾ ಇದ್ದೀನಿ, ಸೋಮವಾರ ಕರೆ ಮಾಡಿ" (probe round 10).
    ...['ಹೋಗ್ತಾ ಇದ್ದೀನಿ', 'ಹೋಗ್ತಿದ್ದೀನಿ', 'ಹೋಗುತ್ತಿದ್ದೇನೆ', 'ಹೋಗ್ತೀನಿ', 'ಹೋಗುತ್ತೇನೆ', 'hogta iddini', 'hogtha iddeeni', 'hogta iddeeni', 'hogtiddini', 'hogtidini', 'hogtini', 'hogteeni', 'hogthini', 'hoguttene', 'hoguttiddene'].map((phrase) => [phrase, 'notfine'] as const),
  ],
};
