import { monthEnds, monthNames, numberWords, spellingVariants, type LanguageTable } from './table.js';

/**
 * Romanised Gujarati units. `be` (two) is also an English word, so it counts only said before one of them ("be divas pachhi",
 * "be athvadiya pachi", "be vage"; probe round 10), the way weak numbers count only beside a unit.
 */
const romanisedUnits: ReadonlyArray<readonly [string, string]> = [
  ...['divas', 'divase', 'divse'].map((word) => [word, 'day'] as const),
  ...['athvadiya', 'athvadiye', 'athavadiya', 'athavadiye', 'athvadiyu', 'athwadiya', 'athwadiye'].map((word) => [word, 'week'] as const),
  ...['kalak', 'kalaak'].map((word) => [word, 'hours'] as const),
  ...['mahina', 'mahine', 'mahino'].map((word) => [word, 'month'] as const),
  ...['vage', 'vaage', 'vagye'].map((word) => [word, 'oclock'] as const),
  ...['tarikhe', 'tarikh'].map((word) => [word, 'tarikh'] as const),
];

/** Gujarati, native script and romanised. કાલે points both ways and is read as tomorrow. */
export const gujarati: LanguageTable = {
  language: 'Gujarati',
  phrases: [
    // The day of the month and the hour: "15 tarikhe", "10 vage", "aavte athavadiye".
    ...['tarikhe', 'તારીખે', 'તારીખ'].map((word) => [word, 'tarikh'] as const),
    ...['vage', 'vaage', 'વાગે'].map((word) => [word, 'oclock'] as const),
    ['athavadiye', 'week'],
    ['aavte', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['દર', 'dar', 'દરેક', 'darek'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['સિવાય', 'sivay', 'sivaay'].map((word) => [word, 'nahi'] as const),
    ['આજે', 'today'],
    ['આજ', 'today'],
    ['aaje', 'today'],
    ['aje', 'today'],
    ['આવતીકાલે', 'tomorrow'],
    ['આવતી કાલે', 'tomorrow'],
    ['કાલે', 'tomorrow'],
    ['કાલ', 'tomorrow'],
    ['aavtikale', 'tomorrow'],
    ['aavti kale', 'tomorrow'],
    ['avtikale', 'tomorrow'],
    ['avti kale', 'tomorrow'],
    ['kale', 'tomorrow'],
    ['kaale', 'tomorrow'],
    ['પરમ દિવસે', 'overmorrow'],
    ['પરમદિવસે', 'overmorrow'],
    ['પરમ દિવસ', 'overmorrow'],
    ['પરમ', 'overmorrow'],
    ['param divase', 'overmorrow'],
    ['param divse', 'overmorrow'],
    ['paramdivse', 'overmorrow'],
    ...['parmdivse', 'parm divse', 'parmdivase', 'param divsey', 'paramdivase'].map((word) => [word, 'overmorrow'] as const),
    // Spellings of the parts of the day as callers type them.
    ...['saanje', 'sanjhe', 'saanjhe', 'saanj', 'sanj'].map((word) => [word, 'evening'] as const),
    ...['saware', 'saavare', 'savaare', 'savar'].map((word) => [word, 'morning'] as const),
    ...['bapor', 'baapore', 'baporna'].map((word) => [word, 'afternoon'] as const),
    ...['raatre', 'raat'].map((word) => [word, 'night'] as const),
    ['param', 'overmorrow'],
    ['સોમવાર', 'monday'],
    ['સોમવારે', 'monday'],
    ['મંગળવાર', 'tuesday'],
    ['મંગળવારે', 'tuesday'],
    ['બુધવાર', 'wednesday'],
    ['બુધવારે', 'wednesday'],
    ['ગુરુવાર', 'thursday'],
    ['ગુરુવારે', 'thursday'],
    ['શુક્રવાર', 'friday'],
    ['શુક્રવારે', 'friday'],
    ['શનિવાર', 'saturday'],
    ['શનિવારે', 'saturday'],
    ['રવિવાર', 'sunday'],
    ['રવિવારે', 'sunday'],
    ['somvare', 'monday'],
    ['mangalvare', 'tuesday'],
    ['budhvare', 'wednesday'],
    ['guruvare', 'thursday'],
    ['shukravare', 'friday'],
    ['shanivare', 'saturday'],
    ['ravivare', 'sunday'],
    ['આવતા', 'next'],
    ['આવતી', 'next'],
    ['આવતું', 'next'],
    ['આવતે', 'next'],
    ['આગામી', 'next'],
    ['aavta', 'next'],
    ['avta', 'next'],
    ['aavti', 'next'],
    ['aavtu', 'next'],
    ['aavte', 'next'],
    ['aagami', 'next'],
    // "આવતા મહિને 10 તારીખે": the 10th of next month.
    ...['મહિને', 'મહિનો', 'મહિનાની', 'મહિના', 'mahino', 'mahinani'].map((word) => [word, 'month'] as const),
    // "આવતા મહિનાનો પહેલો સોમવાર": a month's, then which of its weekdays (grammar.ts); not પહેલા ("before") or બીજા ("other").
    ...['મહિનાનો', 'મહિનાના', 'મહિનાનું', 'mahinano', 'mahinana'].map((word) => [word, 'month'] as const),
    ...([
      [1, ['પહેલો', 'પહેલી', 'pehlo', 'pahelo', 'pehli', 'paheli']],
      [2, ['બીજો', 'બીજી', 'bijo', 'biji']],
      [3, ['ત્રીજો', 'ત્રીજી', 'trijo', 'triji']],
      [4, ['ચોથો', 'ચોથી', 'chotho', 'chothi']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['છેલ્લો', 'છેલ્લી', 'છેલ્લા', 'chhello', 'chhelli', 'chello'].map((word) => [word, 'final'] as const),
    // "મહિનાના અંતે", "mahina na ante", "મહિનાનો છેલ્લો દિવસ": the month's last day (probe round 10).
    ...monthEnds(
      ['મહિનાના', 'મહિનાને', 'મહિનાનો', 'mahina na', 'mahinana', 'mahina ne', 'mahinane', 'mahinano', 'mahina no'],
      ['અંતે', 'અંતમાં', 'છેલ્લા દિવસે', 'છેલ્લો દિવસ', 'છેલ્લી તારીખે', 'છેલ્લી તારીખ', 'ante', 'antma', 'ant ma', 'chhella divase', 'chhello divas', 'chhelli tarikhe', 'chhelli tarikh'],
      ['આવતા', 'aavta', 'avta'],
    ),
    ['agami', 'next'],
    ['આ', 'this'],
    ['અઠવાડિયે', 'week'],
    ['અઠવાડિયા', 'week'],
    ['athvadiye', 'week'],
    ['athvadiya', 'week'],
    ['દિવસ', 'day'],
    // "diwali pachi" excludes the day, as "diwali ke baad"; "3 divas pachi" counts from today.
    ['પછી', 'kebaad'],
    ['pachi', 'kebaad'],
    ['pachhi', 'kebaad'],
    ['સવારે', 'morning'],
    ['savare', 'morning'],
    ['બપોરે', 'afternoon'],
    ['bapore', 'afternoon'],
    ['સાંજે', 'evening'],
    ['sanje', 'evening'],
    ['રાત્રે', 'night'],
    ['ratre', 'night'],
    ['raate', 'night'],
    ['રાતે', 'night'],
    ['વાગ્યે', 'oclock'],
    ['vagye', 'oclock'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['નહીં', 'nahi'],
    ['નહિ', 'nahi'],
    ['nahi', 'nahi'],
    ['nahin', 'nahi'],
    ['નથી', 'nahi'],
    ['nathi', 'nahi'],
    ['mane', '_'],
    ['મને', '_'],
    ['karjo', '_'],
    ['કરજો', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['કલાક', 'kalak', 'kalaak'].map((word) => [word, 'hours'] as const),
    ...['અડધા કલાક', 'અડધો કલાક', 'adhha kalak', 'adha kalak', 'addha kalak', 'adadha kalak'].map((phrase) => [phrase, '30 minute'] as const),
    ...['vaheli savare', 'વહેલી સવારે'].map((phrase) => [phrase, 'morning'] as const),
    // "3 thi 5 vage": a range of hours from its first ("thi" alone is Hindi's past "was").
    ...Array.from({ length: 12 }, (_, hour) => ['thi', 'થી'].map((from) => [`${hour + 1} ${from}`, `${hour + 1} from`] as const)).flat(),
    // "february ni 10 tarikh": the genitive between a month and its day (probe round 9).
    ...['ni', 'ની'].map((word) => [word, '_'] as const),
    // "ગયા સોમવારે": the last one, a day gone by; "gai kale" is yesterday, none to call on (probe round 9).
    ...['ગયા', 'ગયે', 'ગયેલા'].map((word) => [word, 'last'] as const),
    ...['ગઈ કાલે', 'ગઈકાલે', 'gai kale', 'gaikale', 'gai kal'].map((phrase) => [phrase, '_'] as const),
    // "દિવાળી પછીના દિવસે", "આગલા દિવસે": the day after or before the day said (probe round 9).
    ...['પછીના દિવસે', 'બીજા દિવસે', 'pachhina divase', 'pachina divase', 'pachi na divase', 'bija divase'].map((phrase) => [phrase, 'next day'] as const),
    ...['આગલા દિવસે', 'aagla divase', 'agla divase'].map((phrase) => [phrase, 'before day'] as const),
    // A range of hours, "4 thi 6 vage": from one hour to the other; the range is its start (probe round 9).
    ...['thi', 'થી'].map((word) => [word, 'from'] as const),
    ...['sudhi', 'સુધી', 'vachche', 'વચ્ચે'].map((word) => [word, '_'] as const),
    // Days of the month 13–31 as words ("પંદર ડિસેમ્બર", "વીસ તારીખે"), a month with "-e" fused on ("૧૫ ડિસેમ્બરે"), the
    // romanised genitive ("januarini 5 tarikhe").
    ...numberWords([
      [13, ['તેર', 'ter']], [14, ['ચૌદ', 'chaud']], [15, ['પંદર', 'pandar']], [16, ['સોળ', 'sol']], [17, ['સત્તર', 'sattar']], [18, ['અઢાર', 'adhar']],
      [19, ['ઓગણીસ', 'ognis']], [20, ['વીસ', 'vis']], [21, ['એકવીસ']], [22, ['બાવીસ']], [23, ['તેવીસ']], [24, ['ચોવીસ']], [25, ['પચીસ', 'pachis']],
      [26, ['છવ્વીસ', 'chhavvis']], [27, ['સત્તાવીસ', 'sattavis']], [28, ['અઠ્ઠાવીસ', 'atthavis']], [29, ['ઓગણત્રીસ', 'ogantris']], [30, ['ત્રીસ', 'tris']], [31, ['એકત્રીસ', 'ekatris']],
    ]),
    ...monthNames([['જાન્યુઆરી', 'january'], ['ફેબ્રુઆરી', 'february'], ['માર્ચ', 'march'], ['એપ્રિલ', 'april'], ['જૂન', 'june'], ['જુલાઈ', 'july'], ['ઑગસ્ટ', 'august'], ['સપ્ટેમ્બર', 'september'], ['ઑક્ટોબર', 'october'], ['નવેમ્બર', 'november'], ['ડિસેમ્બર', 'december']], ['ે']),
    ...monthNames([['januari', 'january'], ['februari', 'february']], ['ni', 'na', 'no']),
    ...monthNames(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((month) => [month, month] as const), ['ni', 'na', 'no']),
    // Self-corrections: "શુક્રવારે... સોરી, શનિવારે", "સોમવારે, ના ના, મંગળવારે"; "ના" alone only after a comma or full stop
    // (lexicon.ts), as it is also the genitive.
    ...['સોરી', 'સૉરી', 'ના ના'].map((phrase) => [phrase, 'correction'] as const),
    ['ના', '?nahi'],
    // Busy in the script's own spelling ("કાલે હું બીઝી છું") denies the day, as bahargam does.
    ...['બીઝી', 'બિઝી', 'બિજી', 'બીજી છું', 'bizi'].map((phrase) => [phrase, 'notfine'] as const),
    // Spans of days, "પાંચ થી આઠ તારીખની વચ્ચે", "somvar thi budhvar", "સોમવારથી": the word for date in the genitive, and "thi" (from)
    // after a weekday ("thi" alone is Hindi's "was").
    ...['તારીખની', 'tarikhni'].map((word) => [word, 'tarikh'] as const),
    ...['somvar', 'mangalvar', 'budhvar', 'guruvar', 'shukravar', 'shanivar', 'ravivar'].flatMap((name, index) => [[`${name} thi`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const, [`${name}e thi`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const]),
    ...['સોમવાર', 'મંગળવાર', 'બુધવાર', 'ગુરુવાર', 'શુક્રવાર', 'શનિવાર', 'રવિવાર'].map((name, index) => [`${name}થી`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const),
    // Romanised "gaya somvare", "gaye somvar": last Monday, a day gone by as ગયા સોમવારે is (it was read as the coming Monday).
    ...['somvar', 'mangalvar', 'budhvar', 'guruvar', 'shukravar', 'shanivar', 'ravivar'].flatMap((name, index) =>
      ['gaya', 'gaye'].flatMap((last) => [[`${last} ${name}`, `last ${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]}`] as const, [`${last} ${name}e`, `last ${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]}`] as const]),
    ),
    // "diwali pachhi na divse": the day after, spelled as spoken.
    ...['pachhi na divse', 'pachhina divse', 'pachi na divse', 'pachina divse'].map((phrase) => [phrase, 'next day'] as const),
    // The English month names as this script writes them (probe round 8).
    ...monthNames([['જાન્યુઆરી', 'january'], ['ફેબ્રુઆરી', 'february'], ['માર્ચ', 'march'], ['એપ્રિલ', 'april'], ['મે', 'may'], ['જૂન', 'june'], ['જુલાઈ', 'july'], ['ઑગસ્ટ', 'august'], ['સપ્ટેમ્બર', 'september'], ['ઑક્ટોબર', 'october'], ['નવેમ્બર', 'november'], ['ડિસેમ્બર', 'december']], ['ની', 'નો', 'ના', 'એ', 'માં']),
    // Fractions of the hour, as Hindi's saade/sawa/paune (probe round 8): half past, quarter past, quarter to.
    // Romanised "saadhaa" as typed: saadha, sadha, sada… (probe round 10).
    ...['સાડા', ...spellingVariants('saadhaa', [['aa', 'a'], ['dh', 'd']])].map((word) => [word, 'halfpast'] as const),
    ...['સવા', 'sava', 'savaa'].map((word) => [word, 'quarterpast'] as const),
    ...['પોણા', 'pona', 'ponaa', 'pauna'].map((word) => [word, 'quarterto'] as const),
    ...['દોઢ', 'dodh', 'dodhh'].map((word) => [word, 'halfpast 1'] as const),
    ...['અઢી', 'adhi', 'adhee'].map((word) => [word, 'halfpast 2'] as const),
    // Number words 1–12, weak as every language's (docs, "spoken numbers"): "saada dus vage", "pona chha vage".
    ...numberWords([
      [1, ['એક']], [2, ['બે']], [3, ['ત્રણ', 'tran', 'tren']], [4, ['ચાર']], [5, ['પાંચ']], [6, ['છ', 'chha', 'chh']], [7, ['સાત']], [8, ['આઠ']],
      [9, ['નવ', 'nav']], [10, ['દસ', 'dus']], [11, ['અગિયાર', 'agiyar', 'agiyaar']], [12, ['બાર', 'baar']],
    ]),
    ...romanisedUnits,
    ...romanisedUnits.map(([unit, meaning]) => [`be ${unit}`, `~2 ${meaning}`] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['બહારગામ', 'bahargam', 'raja che', 'રજા છે', 'nahi fave', 'નહીં ફાવે'].map((phrase) => [phrase, 'notfine'] as const),
    // The past, "ફોન આવ્યો હતો" (a call had come): a day that went by, none to call on, denied like an unavailable day, as Hindi
    // "tha" (probe round 10).
    ...['હતો', 'હતી', 'હતું', 'હતા', 'આવ્યો', 'આવ્યું', 'hato', 'hati', 'hatu', 'aavyo', 'avyo', 'aavyu', 'avyu'].map((word) => [word, 'notfine'] as const),
  ],
};
