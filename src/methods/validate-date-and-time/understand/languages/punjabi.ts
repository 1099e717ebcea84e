import { monthEnds, monthNames, numberWords, spellingVariants, type LanguageTable } from './table.js';

/** Punjabi, Gurmukhi and romanised. ਕੱਲ੍ਹ points both ways and is read as tomorrow. */
export const punjabi: LanguageTable = {
  language: 'Punjabi',
  phrases: [
    ['ਅੱਜ', 'today'],
    ['ਅਜ', 'today'],
    ['ajj', 'today'],
    ['ਕੱਲ੍ਹ', 'tomorrow'],
    ['ਕੱਲ', 'tomorrow'],
    ['ਕਲ', 'tomorrow'],
    ['ਕਲ੍ਹ', 'tomorrow'],
    ['kallh', 'tomorrow'],
    ['ਪਰਸੋਂ', 'overmorrow'],
    ['ਪਰਸੋ', 'overmorrow'],
    ['parsõ', 'overmorrow'],
    ['ਸੋਮਵਾਰ', 'monday'],
    ['ਮੰਗਲਵਾਰ', 'tuesday'],
    ['ਬੁੱਧਵਾਰ', 'wednesday'],
    ['ਬੁਧਵਾਰ', 'wednesday'],
    ['ਵੀਰਵਾਰ', 'thursday'],
    ['ਸ਼ੁੱਕਰਵਾਰ', 'friday'],
    ['ਸ਼ੁਕਰਵਾਰ', 'friday'],
    ['ਸ਼ਨੀਵਾਰ', 'saturday'],
    ['ਛਨਿੱਚਰਵਾਰ', 'saturday'],
    ['ਸ਼ਨਿੱਚਰਵਾਰ', 'saturday'],
    ['ਐਤਵਾਰ', 'sunday'],
    ['budhvaar', 'wednesday'],
    ['shukkarvar', 'friday'],
    ['shanicharvar', 'saturday'],
    ['chhanicharvar', 'saturday'],
    ['chhanichar', 'saturday'],
    ['aitvaar', 'sunday'],
    ['ਅਗਲੇ', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['ਹਰ'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['ਤੋਂ ਇਲਾਵਾ', 'ton ilava', 'ton ilawa', 'ਤੋਂ ਬਿਨਾਂ', 'ton bina'].map((word) => [word, 'nahi'] as const),
    // "ਅਗਲੇ ਮਹੀਨੇ ਦਾ ਪਹਿਲਾ ਸੋਮਵਾਰ": next month's first Monday (grammar.ts), "ਅਗਲੇ ਮਹੀਨੇ 5 ਤਾਰੀਖ".
    ...['ਮਹੀਨੇ', 'ਮਹੀਨਾ', 'ਮਹੀਨੇ ਦਾ', 'ਮਹੀਨੇ ਦੇ', 'ਮਹੀਨੇ ਦੀ', 'mahine da', 'mahine de', 'mahine di'].map((word) => [word, 'month'] as const),
    ...([
      [1, ['ਪਹਿਲਾ', 'ਪਹਿਲੇ', 'ਪਹਿਲੀ']],
      [2, ['ਦੂਜਾ', 'ਦੂਜੇ', 'ਦੂਜੀ', 'dooja', 'duja', 'dooje', 'duje']],
      [3, ['ਤੀਜਾ', 'ਤੀਜੇ', 'ਤੀਜੀ', 'teeja', 'tija', 'teeje']],
      [4, ['ਚੌਥਾ', 'ਚੌਥੇ', 'ਚੌਥੀ']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['ਆਖਰੀ', 'ਅਖੀਰਲਾ'].map((word) => [word, 'final'] as const),
    // "ਮਹੀਨੇ ਦੇ ਅਖੀਰ ਵਿੱਚ", "mahine de akhir vich", "ਮਹੀਨੇ ਦਾ ਆਖਰੀ ਦਿਨ": the month's last day (probe round 10).
    ...monthEnds(
      ['ਮਹੀਨੇ ਦੇ', 'ਮਹੀਨੇ ਦਾ', 'ਮਹੀਨੇ ਦੀ', 'mahine de', 'mahine da', 'mahine di'],
      ['ਅਖੀਰ', 'ਅਖੀਰ ਵਿੱਚ', 'ਅਖੀਰ ਵਿਚ', 'ਅੰਤ ਵਿੱਚ', 'ਅੰਤ ਵਿਚ', 'ਆਖਰੀ ਦਿਨ', 'ਆਖਰੀ ਤਰੀਕ', 'ਆਖਰੀ ਤਾਰੀਖ',
        'akhir', 'akheer', 'akhir vich', 'akheer vich', 'ant vich', 'aakhri din', 'akhri din', 'aakhri tareek', 'akhri tareek', 'aakhri tarikh', 'akhri tarikh'],
      ['ਅਗਲੇ', 'agle'],
    ),
    ['ਅਗਲਾ', 'next'],
    ['ਅਗਲੀ', 'next'],
    ['ਇਸ', 'this'],
    ['ਹਫ਼ਤੇ', 'week'],
    ['ਹਫਤੇ', 'week'],
    ['ਦਿਨ', 'day'],
    ['ਦਿਨਾਂ', 'day'],
    ['ਬਾਅਦ', 'later'],
    ['baad', 'later'],
    ['ਸਵੇਰੇ', 'morning'],
    ['savere', 'morning'],
    ['ਦੁਪਹਿਰ', 'afternoon'],
    ['ਸ਼ਾਮ', 'evening'],
    ['ਸ਼ਾਮੀਂ', 'evening'],
    ['ਰਾਤ', 'night'],
    ['ਵਜੇ', 'oclock'],
    ['vaje', 'oclock'],
    ['ਨੂੰ', '_'],
    ['nu', '_'],
    ['noo', '_'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['ਨਹੀਂ', 'nahi'],
    ['ਨਹੀ', 'nahi'],
    ['nahi', 'nahi'],
    ['nahin', 'nahi'],
    ['ਨਾ', 'nahi'],
    ['ਮੈਨੂੰ', '_'],
    ['mainu', '_'],
    ['ਕਰੋ', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['ਘੰਟੇ', 'ਘੰਟਾ', 'ghante', 'ghanta'].map((word) => [word, 'hours'] as const),
    ...['ਅੱਧੇ ਘੰਟੇ', 'ਅੱਧਾ ਘੰਟਾ', 'adhe ghante', 'addhe ghante'].map((phrase) => [phrase, '30 minute'] as const),
    ...['ਤੜਕੇ', 'tadke', 'tarke'].map((word) => [word, 'morning'] as const),
    // The past "was" ("kal phone korechilam"): a day that went by, none to call on; denied like an unavailable day.
    ...['ਸੀ', 'si', 'sigaa', 'ਸਿਗਾ'].map((word) => [word, 'notfine'] as const),
    // "3 ton 5 vaje": a range of hours from its first.
    ...Array.from({ length: 12 }, (_, hour) => ['ton', 'ਤੋਂ'].map((from) => [`${hour + 1} ${from}`, `${hour + 1} from`] as const)).flat(),
    // "february di 10 tareek", "ਜਨਵਰੀ ਦਾ ਆਖਰੀ ਸ਼ੁੱਕਰਵਾਰ": the genitive between a month and its day (probe round 9).
    ...['di', 'ਦੀ', 'ਦਾ'].map((word) => [word, '_'] as const),
    // "ਪਿਛਲੇ ਸੋਮਵਾਰ": the last one, a day gone by (probe round 9).
    ...['ਪਿਛਲੇ', 'ਪਿਛਲਾ', 'pichhla'].map((word) => [word, 'last'] as const),
    ...['ਦੁਪਹਿਰੇ', 'dupehre', 'dupahire'].map((word) => [word, 'afternoon'] as const),
    // "ajj dupehar nu": the afternoon as typed, dupehar / dupahar / dopehar, and with -e (probe round 10).
    ...spellingVariants('dupehar', [['u', 'o'], ['e', 'a']]).flatMap((word) => [word, `${word}e`]).map((word) => [word, 'afternoon'] as const),
    // A range of hours, "4 ton 6 vaje tak": from one hour to the other; the range is its start (probe round 9).
    ...['ton', 'ਤੋਂ'].map((word) => [word, 'from'] as const),
    ...['ਤੱਕ', 'vichkar', 'ਵਿਚਕਾਰ'].map((word) => [word, '_'] as const),
    // Days of the month: the word for date ("ਵੀਹ ਤਰੀਕ ਨੂੰ") and the numbers 13–31 as words ("ਪੰਦਰਾਂ ਦਸੰਬਰ", "pachchi december").
    ...['ਤਰੀਕ', 'ਤਾਰੀਖ', 'ਤਾਰੀਖ਼', 'ਤਰੀਖ'].map((word) => [word, 'tarikh'] as const),
    ...numberWords([
      [13, ['ਤੇਰਾਂ', 'teraan']], [14, ['ਚੌਦਾਂ', 'chaudaan']], [15, ['ਪੰਦਰਾਂ', 'pandraan', 'pandran']], [16, ['ਸੋਲਾਂ', 'ਸੋਲ਼ਾਂ', 'solaan']], [17, ['ਸਤਾਰਾਂ', 'sataaraan']],
      [18, ['ਅਠਾਰਾਂ', 'athaaraan']], [19, ['ਉੱਨੀ', 'unni']], [20, ['ਵੀਹ', 'veeh', 'vih']], [21, ['ਇੱਕੀ', 'ikki']], [22, ['ਬਾਈ']], [23, ['ਤੇਈ']], [24, ['ਚੌਵੀ', 'chauvi']],
      [25, ['ਪੱਚੀ', 'pachchi', 'pachi']], [26, ['ਛੱਬੀ', 'chhabbi']], [27, ['ਸਤਾਈ', 'sataai']], [28, ['ਅਠਾਈ', 'athaai']], [29, ['ਉਣੱਤੀ', 'unatti']], [30, ['ਤੀਹ', 'teeh']], [31, ['ਇਕੱਤੀ', 'ikatti']],
    ]),
    // Self-corrections: "ਸ਼ੁੱਕਰਵਾਰ... ਸੌਰੀ, ਸ਼ਨੀਵਾਰ", as English "sorry".
    ...['ਸੌਰੀ', 'ਸੋਰੀ', 'ਸਾਰੀ', 'ਨਾ ਨਾ', 'ਨਹੀਂ ਨਹੀਂ'].map((phrase) => [phrase, 'correction'] as const),
    // Out of town ("ਸ਼ੁੱਕਰਵਾਰ ਮੈਂ ਬਾਹਰ ਹੋਵਾਂਗਾ", "bahar haan") denies the day, as ਬਾਹਰ ਜਾ ਰਿਹਾ does.
    ...['ਬਾਹਰ ਹੋਵਾਂਗਾ', 'ਬਾਹਰ ਹੋਵਾਂਗੀ', 'ਬਾਹਰ ਹਾਂ', 'bahar haan', 'bahar hovanga', 'bahar hovangi'].map((phrase) => [phrase, 'notfine'] as const),
    // Plurals of the units: "ਦੋ ਹਫ਼ਤਿਆਂ ਬਾਅਦ", "tinn dinan baad", "5 dina baad".
    ...['ਹਫ਼ਤਿਆਂ', 'ਹਫਤਿਆਂ', 'haftiyan', 'hafteyan', 'haftean'].map((word) => [word, 'week'] as const),
    ...['dinan', 'dina', 'ਦਿਨਾ'].map((word) => [word, 'day'] as const),
    // The English month names as this script writes them (probe round 8).
    ...monthNames([['ਜਨਵਰੀ', 'january'], ['ਫ਼ਰਵਰੀ', 'february'], ['ਮਾਰਚ', 'march'], ['ਅਪ੍ਰੈਲ', 'april'], ['ਮਈ', 'may'], ['ਜੂਨ', 'june'], ['ਜੁਲਾਈ', 'july'], ['ਅਗਸਤ', 'august'], ['ਸਤੰਬਰ', 'september'], ['ਅਕਤੂਬਰ', 'october'], ['ਨਵੰਬਰ', 'november'], ['ਦਸੰਬਰ', 'december']], ['ਦੀ', 'ਦੇ', 'ਨੂੰ', 'ਵਿੱਚ']),
    // Fractions of the hour, as Hindi's saade/sawa/paune (probe round 8): half past, quarter past, quarter to.
    ...['ਸਾਢੇ', 'saadhe', 'sadhe'].map((word) => [word, 'halfpast'] as const),
    ...['ਸਵਾ', 'sava', 'sawa'].map((word) => [word, 'quarterpast'] as const),
    ...['ਪੌਣੇ', 'paune', 'pone'].map((word) => [word, 'quarterto'] as const),
    ['ਡੇਢ', 'halfpast 1'],
    ['dedh', 'halfpast 1'],
    ['ਢਾਈ', 'halfpast 2'],
    // Number words 1–12, weak as every language's (docs, "spoken numbers"): "saadhe panj vaje".
    ...numberWords([
      [1, ['ਇੱਕ', 'ikk']], [2, ['ਦੋ']], [3, ['ਤਿੰਨ', 'tinn']], [4, ['ਚਾਰ']], [5, ['ਪੰਜ', 'panj']], [6, ['ਛੇ']], [7, ['ਸੱਤ', 'satt']], [8, ['ਅੱਠ', 'atth']],
      [9, ['ਨੌਂ', 'ਨੌ']], [10, ['ਦਸ']], [11, ['ਗਿਆਰਾਂ', 'ਗਿਆਰਾ', 'gyaaran']], [12, ['ਬਾਰਾਂ', 'ਬਾਰਾ', 'baaran']],
    ]),
    // The romanised hours 1–12 as typed, long vowels written or not ("kal gyaran vaje", "savere sava gyaran"; probe round 10).
    ...numberWords(([
      [1, ['ikk', 'ik']], [2, ['do']], [3, ['tinn', 'tin']], [4, ['chaar']], [5, ['panj', 'punj']], [6, ['chhe', 'chhey']],
      [7, ['satt']], [8, ['atth', 'aath', 'aatth']], [9, ['naun', 'nau']], [10, ['das', 'dass']], [11, ['gyaaraan', 'giaaraan']], [12, ['baaraan']],
    ] as const).map(([value, words]) => [value, words.flatMap((word) => spellingVariants(word, [['aa', 'a']]))] as const)),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['ਬਿਜ਼ੀ', 'ਬਿਜੀ', 'ਛੁੱਟੀ ਹੈ', 'ਛੁੱਟੀ', 'bahar ja reha', 'ਬਾਹਰ ਜਾ ਰਿਹਾ', 'ni ho sakda', 'ਨਹੀਂ ਹੋ ਸਕਦਾ'].map((phrase) => [phrase, 'notfine'] as const),
    // Going anywhere that day, as Hindi "ja raha hoon": "ਕੱਲ੍ਹ ਮੈਂ ਪਿੰਡ ਜਾ ਰਿਹਾ ਹਾਂ, ਸੋਮਵਾਰ ਨੂੰ ਫ਼ੋਨ ਕਰਨਾ" (probe round 10).
    ...['ਜਾ ਰਿਹਾ ਹਾਂ', 'ਜਾ ਰਹੀ ਹਾਂ', 'ਜਾ ਰਿਹਾ', 'ਜਾ ਰਹੀ', 'ਜਾਵਾਂਗਾ', 'ਜਾਵਾਂਗੀ', 'ja reha haan', 'ja riha haan', 'ja rahi haan', 'ja reha', 'ja riha', 'jaavanga', 'javanga', 'jaavangi', 'javangi'].map((phrase) => [phrase, 'notfine'] as const),
  ],
};
