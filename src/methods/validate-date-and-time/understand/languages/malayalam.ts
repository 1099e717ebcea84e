import { fusedFractions, fusedHalfHours, fusedTens, monthEnds, numberWords, ordinalWords, type LanguageTable } from './table.js';

// Malayalam's number words 1–20 (the hours' numberWords below stop at 12) and 21–31 in one word (ഇരുപത്തഞ്ച്: 25).
const malayalamNumbers: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['ഒന്ന്', 'onnu']], [2, ['രണ്ട്', 'randu', 'rendu']], [3, ['മൂന്ന്', 'moonnu', 'munnu']], [4, ['നാല്', 'naalu', 'nalu']], [5, ['അഞ്ച്', 'anchu', 'anju']],
  [6, ['ആറ്', 'aaru']], [7, ['ഏഴ്', 'ezhu']], [8, ['എട്ട്', 'ettu']], [9, ['ഒമ്പത്', 'ഒൻപത്', 'ombathu', 'onpathu']], [10, ['പത്ത്', 'pathu', 'pattu']],
  [11, ['പതിനൊന്ന്', 'pathinonnu']], [12, ['പന്ത്രണ്ട്', 'panthrandu']], [13, ['പതിമൂന്ന്', 'pathimoonnu']], [14, ['പതിനാല്', 'pathinaalu', 'pathinalu']],
  [15, ['പതിനഞ്ച്', 'pathinanchu', 'pathinanju']], [16, ['പതിനാറ്', 'pathinaaru']], [17, ['പതിനേഴ്', 'pathinezhu']], [18, ['പതിനെട്ട്', 'pathinettu']],
  [19, ['പത്തൊമ്പത്', 'പത്തൊൻപത്', 'pathonpathu']], [20, ['ഇരുപത്', 'irupathu']], [30, ['മുപ്പത്', 'muppathu']],
];
const malayalamTwenties = fusedTens([[20, 'ഇരുപത്ത്'], [30, 'മുപ്പത്ത്']], malayalamNumbers, 'ി');

/**
 * A word ending in the chandrakkala (്, the half-u) is also written with the full ു: രണ്ട് / രണ്ടു, പത്ത് / പത്തു,
 * മണിക്ക് / മണിക്കു, കഴിഞ്ഞ് / കഴിഞ്ഞു (probe round 10). Every native phrase of the table gets that spelling too, so the
 * number words and whatever is made from them (hours, fused tens, quarter hours, counts) read both ways.
 */
function withFullU(phrases: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  return phrases.flatMap(([phrase, meaning]) => {
    const full = phrase.replace(/്(?=\s|$)/g, 'ു');
    return full === phrase ? [[phrase, meaning] as const] : [[phrase, meaning] as const, [full, meaning] as const];
  });
}

/** Malayalam, native script and romanised. */
export const malayalam: LanguageTable = {
  language: 'Malayalam',
  phrases: withFullU([
    // The day of the month: "15 aam theeyathi", "15 ആം തീയതി".
    ...['theeyathi', 'thiyathi', 'theeyadi', 'തീയതി', 'തിയതി'].map((word) => [word, 'tarikh'] as const),
    ...['aam', 'ആം', 'am theeyathi'].map((word) => [word, word === 'am theeyathi' ? 'tarikh' : '_'] as const),
    ['ഇന്ന്', 'today'],
    ['innu', 'today'],
    ['inn', 'today'],
    ['നാളെ', 'tomorrow'],
    ['naale', 'tomorrow'],
    ['നാളെത്തന്നെ', 'tomorrow'],
    ['മറ്റന്നാൾ', 'overmorrow'],
    ['mattannal', 'overmorrow'],
    ['mattanaal', 'overmorrow'],
    ['mattannaal', 'overmorrow'],
    ['തിങ്കളാഴ്ച', 'monday'],
    ['ചൊവ്വാഴ്ച', 'tuesday'],
    ['ബുധനാഴ്ച', 'wednesday'],
    ['വ്യാഴാഴ്ച', 'thursday'],
    ['വെള്ളിയാഴ്ച', 'friday'],
    ['ശനിയാഴ്ച', 'saturday'],
    ['ഞായറാഴ്ച', 'sunday'],
    ['thinkalazhcha', 'monday'],
    ['thingalazhcha', 'monday'],
    ['tinkalazhcha', 'monday'],
    ['chovvazhcha', 'tuesday'],
    ['chowvazhcha', 'tuesday'],
    ['budhanazhcha', 'wednesday'],
    ['budhanaazhcha', 'wednesday'],
    ['vyazhazhcha', 'thursday'],
    ['vyaazhaazhcha', 'thursday'],
    ['velliyazhcha', 'friday'],
    ['velliyaazhcha', 'friday'],
    ['shaniyazhcha', 'saturday'],
    ['saniyazhcha', 'saturday'],
    ['njayarazhcha', 'sunday'],
    ['njayaraazhcha', 'sunday'],
    ['nhayarazhcha', 'sunday'],
    // The weekdays' short names, without -aazhcha ("thinkal muthal budhan vare").
    ...([['തിങ്കൾ', 'monday'], ['thinkal', 'monday'], ['ചൊവ്വ', 'tuesday'], ['chovva', 'tuesday'], ['ബുധൻ', 'wednesday'], ['budhan', 'wednesday'], ['വ്യാഴം', 'thursday'], ['vyazham', 'thursday'],
      ['വെള്ളി', 'friday'], ['velli', 'friday'], ['ശനി', 'saturday'], ['shani', 'saturday'], ['ഞായർ', 'sunday'], ['njayar', 'sunday']] as const),
    ['അടുത്ത', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['എല്ലാ', 'ella', 'ellaa'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['ഒഴികെ', 'ozhike', 'ozhikke'].map((word) => [word, 'nahi'] as const),
    ['adutha', 'next'],
    ['aduththa', 'next'],
    // "adutha maasam 5 thethi": next month's 5th.
    ...['മാസം', 'maasam', 'masam'].map((word) => [word, 'month'] as const),
    // "അടുത്ത മാസത്തെ ആദ്യ തിങ്കളാഴ്ച", "രണ്ടാമത്തെ ശനിയാഴ്ച": a month's, then which of its weekdays (grammar.ts).
    ...['മാസത്തെ', 'മാസത്തിലെ', 'maasathe', 'masathe', 'maasathile', 'masathile'].map((word) => [word, 'month'] as const),
    ...([
      [1, ['ആദ്യ', 'ആദ്യത്തെ', 'aadya', 'adya', 'aadyathe', 'adyathe']],
      [2, ['രണ്ടാമത്തെ', 'randamathe']],
      [3, ['മൂന്നാമത്തെ', 'moonnamathe']],
      [4, ['നാലാമത്തെ', 'naalamathe']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['അവസാന', 'അവസാനത്തെ', 'avasana', 'avasanathe'].map((word) => [word, 'final'] as const),
    // "മാസാവസാനം" (one word), "maasa avasaanam", "മാസത്തിന്റെ അവസാന ദിവസം": the month's last day (probe round 10).
    ...monthEnds([''], ['മാസാവസാനം', 'മാസാവസാനത്തിൽ', 'മാസാവസാനത്ത്', 'maasavasaanam', 'masavasanam', 'maasavasanam'], ['അടുത്ത', 'adutha']),
    ...monthEnds(
      ['മാസ', 'മാസം', 'മാസത്തിന്റെ', 'maasa', 'masa', 'maasam', 'maasathinte'],
      ['അവസാനം', 'അവസാനത്തിൽ', 'അവസാന ദിവസം', 'അവസാന തീയതി', 'avasaanam', 'avasanam', 'avasaanathil', 'avasana divasam', 'avasana theeyathi'],
      ['അടുത്ത', 'adutha'],
    ),
    ['ഈ', 'this'],
    ['ആഴ്ച', 'week'],
    ['azhcha', 'week'],
    ['aazhcha', 'week'],
    ['ദിവസം', 'day'],
    ['ദിവസത്തിന്', 'day'],
    ['divasam', 'day'],
    ['ശേഷം', 'later'],
    ['kazhinju', 'later'],
    ['കഴിഞ്ഞ്', 'later'],
    ['shesham', 'later'],
    ['രാവിലെ', 'morning'],
    ['raavile', 'morning'],
    ['ravile', 'morning'],
    ['ഉച്ചയ്ക്ക്', 'afternoon'],
    ['uchakku', 'afternoon'],
    ['വൈകുന്നേരം', 'evening'],
    ['vaikunneram', 'evening'],
    ['vaikittu', 'evening'],
    ['രാത്രി', 'night'],
    ['raathri', 'night'],
    ['മണിക്ക്', 'oclock'],
    ['manikku', 'oclock'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['വേണ്ട', 'nahi'],
    ['venda', 'nahi'],
    ['vendaa', 'nahi'],
    ['ഇല്ല', 'nahi'],
    ['illa', 'nahi'],
    ['എനിക്ക്', '_'],
    ['enikku', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['മണിക്കൂർ', 'മണിക്കൂറ്', 'manikkoor', 'manikkur', 'manikoor'].map((word) => [word, 'hours'] as const),
    ...['അര മണിക്കൂർ', 'ara manikkoor', 'ara manikkur'].map((phrase) => [phrase, '30 minute'] as const),
    ...['oru', 'ഒരു'].map((word) => [word, '~1'] as const),
    ...['rathri', 'raatri'].map((word) => [word, 'night'] as const),
    ...['manik', 'മണിക്'].map((word) => [word, 'oclock'] as const),
    ...['പുലർച്ചെ', 'pularche', 'pularchey'].map((word) => [word, 'morning'] as const),
    // Half past an hour in one word: അഞ്ചര (anchara) is 5:30, അഞ്ചരയ്ക്ക് at 5:30.
    ...fusedHalfHours(
      [
        [1, ['ഒന്നര', 'onnara']], [2, ['രണ്ടര', 'randara']], [3, ['മൂന്നര', 'moonnara', 'moonara']], [4, ['നാലര', 'naalara', 'nalara']],
        [5, ['അഞ്ചര', 'anchara', 'anjara']], [6, ['ആറര', 'aarara']], [7, ['ഏഴര', 'ezhara']], [8, ['എട്ടര', 'ettara']], [9, ['ഒമ്പതര', 'ഒൻപതര', 'ombathara', 'onpathara']],
        [10, ['പത്തര', 'pathara', 'pattara']], [11, ['പതിനൊന്നര', 'pathinonnara']], [12, ['പന്ത്രണ്ടര', 'panthrandara']],
      ],
      { native: ['യ്ക്ക്', 'ക്ക്', 'മണിക്ക്'], romanised: ['ykku', 'kku', 'kk', 'manikku'] },
    ),
    // "കഴിഞ്ഞ തിങ്കളാഴ്ച": the last one, a day gone by (probe round 9).
    ...['കഴിഞ്ഞ', 'kazhinja', 'kazhinje'].map((word) => [word, 'last'] as const),
    // "ഓണം കഴിഞ്ഞ് പിറ്റേന്ന്", "തലേന്ന്": the day after or before the day said (probe round 9).
    ...['പിറ്റേന്ന്', 'പിറ്റേ ദിവസം', 'കഴിഞ്ഞ് പിറ്റേന്ന്', 'pittennu', 'pitte divasam', 'kazhinju pittennu'].map((phrase) => [phrase, 'next day'] as const),
    ...['തലേന്ന്', 'തലേ ദിവസം', 'thalennu', 'thale divasam'].map((phrase) => [phrase, 'before day'] as const),
    // Number words: the hours ("പത്ത് മണിക്ക്") and days of the month; weak, as every language's (docs, "spoken numbers").
    ...numberWords([
      [1, ['ഒന്ന്', 'onnu']], [2, ['രണ്ട്', 'randu', 'rendu']], [3, ['മൂന്ന്', 'moonnu', 'munnu']], [4, ['നാല്', 'naalu', 'nalu']], [5, ['അഞ്ച്', 'anchu', 'anju']],
      [6, ['ആറ്', 'aaru']], [7, ['ഏഴ്', 'ezhu']], [8, ['എട്ട്', 'ettu']], [9, ['ഒമ്പത്', 'ഒൻപത്', 'ombathu', 'onpathu']], [10, ['പത്ത്', 'pathu', 'pattu']],
      [11, ['പതിനൊന്ന്', 'pathinonnu']], [12, ['പന്ത്രണ്ട്', 'panthrandu']],
    ]),
    ...['ഉച്ചകഴിഞ്ഞ്', 'ഉച്ച കഴിഞ്ഞ്', 'uchakazhinju', 'ucha kazhinju'].map((word) => [word, 'afternoon'] as const),
    ...['വൈകിട്ട്', 'വൈകീട്ട്', 'vaikeettu'].map((word) => [word, 'evening'] as const),
    // A range of hours, "രാവിലെ 10 മുതൽ 12 വരെ": from one hour to the other; the range is its start (probe round 9).
    ...['മുതൽ', 'muthal', 'mudhal'].map((word) => [word, 'from'] as const),
    ...['വരെ', 'vare', 'idayil', 'ഇടയിൽ'].map((word) => [word, '_'] as const),
    // Days of the month 13–31 as words ("ഡിസംബർ ഇരുപത്തഞ്ച്") and as ordinals, "അഞ്ചാം തീയതി", "anchaam theeyathi" (the fifth),
    // "20-ാം തീയതി" (the ending typed after digits is dropped).
    ...numberWords([...malayalamNumbers, ...malayalamTwenties]),
    ...ordinalWords([...malayalamNumbers, ...malayalamTwenties], [[/്$/, 'ാം'], [/u$/, 'aam']]),
    ['ാം', '_'],
    // Self-corrections: "വെള്ളിയാഴ്ച... സോറി, ശനിയാഴ്ച", "naale, alla, mattannal" (അല്ല, "not that"), "alla alla".
    ...['സോറി', 'സോറി', 'അല്ല അല്ല', 'alla alla'].map((phrase) => [phrase, 'correction'] as const),
    ...['അല്ല', 'alla'].map((word) => [word, 'nahi'] as const),
    // Busy, no time or away ("നാളെ ഞാൻ ബിസിയാണ്", "samayamilla", "naattil illa") denies the day, as പറ്റില്ല does.
    ...['ബിസിയാണ്', 'ബിസി', 'ബിസിയാ', 'bisiyaanu', 'busyaanu', 'സമയമില്ല', 'samayamilla', 'നാട്ടിൽ ഇല്ല', 'naattil illa', 'nattil illa'].map((phrase) => [phrase, 'notfine'] as const),
    // A count of weeks fused with ആഴ്ച: "ഒരാഴ്ച കഴിഞ്ഞ്" (a week on), "രണ്ടാഴ്ച", "oraazhcha kazhinju".
    ...['ഒരാഴ്ച', 'oraazhcha', 'orazhcha'].map((word) => [word, '1 week'] as const),
    ...malayalamNumbers.filter(([count]) => count >= 2 && count <= 6).flatMap(([count, spellings]) =>
      spellings.flatMap((spelling) => (/്$/.test(spelling) ? [spelling.replace(/്$/, 'ാഴ്ച')] : [spelling.replace(/u$/, 'aazhcha'), spelling.replace(/u$/, 'azhcha')])).map((word) => [word, `${count} week`] as const),
    ),
    // A quarter past the hour and three quarters in one word with it: "നാലേകാൽ" (4:15), "അഞ്ചേമുക്കാലിന്" (at 5:45), "naalekaalinu".
    ...fusedFractions(
      malayalamNumbers.filter(([hour]) => hour <= 12),
      [['quarterpast', ['കാൽ', 'കാലിന്', ' കാൽ', ' കാലിന്', 'kaal', 'kaalinu', 'kaalin']], ['threequarters', ['മുക്കാൽ', 'മുക്കാലിന്', ' മുക്കാൽ', ' മുക്കാലിന്', 'mukkaal', 'mukkaalinu', 'mukkal']]],
      { join: [[/്$/, 'േ'], [/u$/, 'e']] },
    ),
    // "5 മുതൽ 8 വരെയുള്ള തീയതികളിൽ" (on the dates from the 5th to the 8th): the span is its first day.
    ...['വരെയുള്ള', 'vare ulla', 'vareyulla'].map((phrase) => [phrase, '_'] as const),
    ...['തീയതികളിൽ', 'തീയതികളില്', 'theeyathikalil'].map((word) => [word, 'tarikh'] as const),
    // The English month names as this script writes them (probe round 8).
    ...([['ജനുവരി', 'january'], ['ഫെബ്രുവരി', 'february'], ['മാർച്ച്', 'march'], ['ഏപ്രിൽ', 'april'], ['മേയ്', 'may'], ['ജൂൺ', 'june'], ['ജൂലൈ', 'july'], ['ഓഗസ്റ്റ്', 'august'], ['സെപ്റ്റംബർ', 'september'], ['ഒക്ടോബർ', 'october'], ['നവംബർ', 'november'], ['ഡിസംബർ', 'december']] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['നാട്ടിൽ പോകും', 'naattil pokum', 'nattil pokum', 'pattilla', 'പറ്റില്ല', 'avadhi', 'അവധി'].map((phrase) => [phrase, 'notfine'] as const),
    // The past, "കോൾ വന്നിരുന്നു" (a call had come), "വന്നു" (came), "ആയിരുന്നു" (was): a day that went by, none to call on, as
    // Hindi "tha" (probe round 10).
    ...['വന്നിരുന്നു', 'വന്നു', 'ആയിരുന്നു', 'ഉണ്ടായിരുന്നു', 'vannirunnu', 'vannu', 'aayirunnu', 'ayirunnu', 'undaayirunnu', 'undayirunnu'].map((word) => [word, 'notfine'] as const),
    // Going anywhere that day, as Hindi "ja raha hoon": "നാളെ ഞാൻ നാട്ടിൽ പോകുന്നു, തിങ്കളാഴ്ച വിളിക്കൂ" (probe round 10).
    ...['പോകുന്നു', 'പോകും', 'പോവുകയാണ്', 'പോകുവാ', 'pokunnu', 'pokum', 'povukayaanu', 'povukayanu', 'pokuva'].map((word) => [word, 'notfine'] as const),
  ]),
};
