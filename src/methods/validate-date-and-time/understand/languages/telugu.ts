import { fusedFractions, fusedHalfHours, monthEnds, numberWords, ordinalWords, romanisedWeekdays, type LanguageTable } from './table.js';

/** Telugu, native script and romanised. */
const teluguPhrases: ReadonlyArray<readonly [string, string]> = [
    // The day of the month: "15 tariku", "15వ తేదీ", "padihenu tedi"; number words are weak (docs, "spoken numbers"):
    // they count only beside a date word, a unit or a month.
    ...['tariku', 'tareeku', 'tarikhu', 'tedi', 'tedee', 'thedi', 'thedee', 'తేదీ', 'తేది', 'తారీఖు', 'తారీకు'].map((word) => [word, 'tarikh'] as const),
    ...['va', 'వ', 'vi', 'వి'].map((word) => [word, '_'] as const),
    ...numberWords([
      [1, ['okati', 'okka', 'ఒకటి']], [2, ['rendu', 'రెండు']], [3, ['moodu', 'mudu', 'మూడు']], [4, ['naalugu', 'nalugu', 'నాలుగు']],
      [5, ['aidu', 'ayidu', 'ఐదు']], [6, ['aaru', 'ఆరు']], [7, ['edu', 'yedu', 'ఏడు']], [8, ['enimidi', 'enmidi', 'ఎనిమిది']],
      [9, ['tommidi', 'thommidi', 'తొమ్మిది']], [10, ['padi', 'పది']], [11, ['padakondu', 'పదకొండు']], [12, ['pannendu', 'పన్నెండు']],
      [13, ['padamoodu', 'padamudu', 'పదమూడు']], [14, ['padnalugu', 'padunalugu', 'పద్నాలుగు']], [15, ['padihenu', 'padiheynu', 'పదిహేను']],
      [16, ['padahaaru', 'padaharu', 'పదహారు']], [17, ['padihedu', 'పదిహేడు']], [18, ['paddenimidi', 'padhenimidi', 'పద్దెనిమిది']],
      [19, ['pantommidi', 'panthommidi', 'పంతొమ్మిది']], [20, ['iravai', 'iruvai', 'ఇరవై']], [30, ['muppai', 'muppayi', 'ముప్పై']],
    ], [[20, ['iravai', 'iruvai', 'ఇరవై']], [30, ['muppai', 'muppayi', 'ముప్పై']]], ['okati', 'rendu', 'moodu', 'naalugu', 'aidu', 'aaru', 'edu', 'enimidi', 'tommidi']),
    ['ఈరోజు', 'today'],
    ['ఈ రోజు', 'today'],
    ['ఇవాళ', 'today'],
    ['eeroju', 'today'],
    ['ee roju', 'today'],
    ['iroju', 'today'],
    ['ivala', 'today'],
    ['ivaala', 'today'],
    ['రేపు', 'tomorrow'],
    ['repu', 'tomorrow'],
    ['reypu', 'tomorrow'],
    ['ఎల్లుండి', 'overmorrow'],
    ['ellundi', 'overmorrow'],
    ['yellundi', 'overmorrow'],
    ['సోమవారం', 'monday'],
    ['మంగళవారం', 'tuesday'],
    ['బుధవారం', 'wednesday'],
    ['గురువారం', 'thursday'],
    ['శుక్రవారం', 'friday'],
    ['శనివారం', 'saturday'],
    ['ఆదివారం', 'sunday'],
    ['somavaram', 'monday'],
    ['somvaram', 'monday'],
    ['mangalavaram', 'tuesday'],
    ['mangalvaram', 'tuesday'],
    ['budhavaram', 'wednesday'],
    ['budhvaram', 'wednesday'],
    ['guruvaram', 'thursday'],
    ['shukravaram', 'friday'],
    ['sukravaram', 'friday'],
    ['shanivaram', 'saturday'],
    ['sanivaram', 'saturday'],
    ['aadivaram', 'sunday'],
    ['adivaram', 'sunday'],
    // Every romanised spelling: long vowels doubled or not, v or w ("somavaaram", "budhavaaramu", "shukrawaram"; probe round 10).
    ...romanisedWeekdays(
      [['monday', ['soma', 'som']], ['tuesday', ['mangala', 'mangal']], ['wednesday', ['budha', 'budh']], ['thursday', ['guru', 'bruhaspathi', 'lakshmi']],
        ['friday', ['shukra']], ['saturday', ['shani']], ['sunday', ['aadi', 'aadhi', 'ravi']]],
      ['vaaram', 'vaaramu'],
    ),
    ['వచ్చే', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['ప్రతి', 'prati', 'prathi'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['తప్ప', 'tappa', 'thappa'].map((word) => [word, 'nahi'] as const),
    ['తదుపరి', 'next'],
    ['vachche', 'next'],
    ['vache', 'next'],
    ['vacche', 'next'],
    ['vachhe', 'next'],
    // "వచ్చే నెల 5వ తేదీ": next month's 5th.
    ...['నెల', 'నెలలో', 'nela', 'nelalo'].map((word) => [word, 'month'] as const),
    // "వచ్చే నెల మొదటి సోమవారం", "వచ్చే నెల చివరి శుక్రవారం": a month's first or last weekday (grammar.ts).
    ...['మొదటి', 'modati', 'modhati', 'modhata'].map((word) => [word, '~1th'] as const),
    ...['చివరి', 'chivari', 'chivara'].map((word) => [word, 'final'] as const),
    // "నెల చివరిలో", "nela chivarilo", "నెల చివరి రోజు": the month's last day (probe round 10).
    ...monthEnds(
      ['నెల', 'నెలలో', 'nela', 'nelalo'],
      ['చివరిలో', 'చివరన', 'చివర్లో', 'చివరి రోజు', 'చివరి తేదీ', 'ఆఖరులో', 'ఆఖరి రోజు', 'chivarilo', 'chivarlo', 'chivarana', 'chivari roju', 'chivari tedi', 'aakharulo', 'akharulo', 'aakhari roju'],
      ['వచ్చే', 'vachche', 'vachhe', 'vache'],
    ),
    ['ఈ', 'this'],
    ['ee', 'this'],
    ...['వారం', 'vaaram', 'varam'].map((word) => [word, 'week'] as const),
    ['రోజుల', 'day'],
    ['రోజులు', 'day'],
    ['రోజు', 'day'],
    ['rojula', 'day'],
    ['rojulu', 'day'],
    ['roju', 'day'],
    // "deepavali tarvata" excludes the day, as "diwali ke baad"; "3 rojula tarvata" counts from today.
    ['తర్వాత', 'kebaad'],
    ['tarvata', 'kebaad'],
    ['taruvata', 'kebaad'],
    ['tharvatha', 'kebaad'],
    ['ఉదయం', 'morning'],
    ['udayam', 'morning'],
    ['మధ్యాహ్నం', 'afternoon'],
    ['madhyahnam', 'afternoon'],
    ['సాయంత్రం', 'evening'],
    ['sayantram', 'evening'],
    ['saayantram', 'evening'],
    ['రాత్రి', 'night'],
    ['ratri', 'night'],
    // Spoken spellings of the parts of the day.
    ...['madhyanam', 'madhyaanam', 'madhyahnamu', 'madyanam', 'madhyanamu'].map((word) => [word, 'afternoon'] as const),
    ...['sayankalam', 'saayankalam', 'సాయంకాలం', 'saayantramu', 'sayantramu'].map((word) => [word, 'evening'] as const),
    ...['poddunna', 'podduna', 'poddune', 'పొద్దున', 'పొద్దున్న'].map((word) => [word, 'morning'] as const),
    ...['raatri', 'రాత్రికి', 'ratriki', 'raatriki'].map((word) => [word, 'night'] as const),
    ['గంటలకు', 'oclock'],
    ['gantalaku', 'oclock'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['కాదు', 'nahi'],
    ['kaadu', 'nahi'],
    ['kadu', 'nahi'],
    ['వద్దు', 'nahi'],
    ['vaddu', 'nahi'],
    ['లేదు', 'nahi'],
    ['ledu', 'nahi'],
    ['నాకు', '_'],
    ['naaku', '_'],
    ['cheyandi', '_'],
    ['చేయండి', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['గంటల', 'గంటలు', 'gantala', 'gantalu'].map((word) => [word, 'hours'] as const),
    ...['అరగంట', 'అర గంట', 'ara ganta', 'araganta'].map((phrase) => [phrase, '30 minute'] as const),
    ...['oka', 'ఒక'].map((word) => [word, '~1'] as const),
    ...['oka ganta', 'ఒక గంట'].map((phrase) => [phrase, '1 hours'] as const),
    ...['గంటలకి', 'gantalaki', 'గంటకు', 'gantaku'].map((word) => [word, 'oclock'] as const),
    ...['తెల్లవారుజామున', 'tellavarujamuna', 'tellavaarujaamuna'].map((word) => [word, 'morning'] as const),
    // Half past an hour in one word: ఐదున్నర (aidunnara) is 5:30, ఐదున్నరకు at 5:30.
    ...fusedHalfHours(
      [
        [1, ['ఒకటిన్నర', 'okatinnara']], [2, ['రెండున్నర', 'rendunnara']], [3, ['మూడున్నర', 'moodunnara', 'mudunnara']], [4, ['నాలుగున్నర', 'naalugunnara', 'nalugunnara']],
        [5, ['ఐదున్నర', 'aidunnara', 'ayidunnara']], [6, ['ఆరున్నర', 'aarunnara', 'arunnara']], [7, ['ఏడున్నర', 'edunnara', 'yedunnara']], [8, ['ఎనిమిదిన్నర', 'enimidinnara']],
        [9, ['తొమ్మిదిన్నర', 'tommidinnara', 'thommidinnara']], [10, ['పదిన్నర', 'padinnara']], [11, ['పదకొండున్నర', 'padakondunnara']], [12, ['పన్నెండున్నర', 'pannendunnara']],
      ],
      { native: ['కు', 'కి', 'గంటలకు', 'గంటలకి'], romanised: ['ku', 'ki', 'gantalaku', 'gantalaki'] },
    ),
    // "పోయిన సోమవారం", "గత వారం": the last one, a day gone by (probe round 9).
    ...['పోయిన', 'గత', 'poyina', 'poina', 'gatha'].map((word) => [word, 'last'] as const),
    // "సంక్రాంతి తర్వాత రోజు", "ముందు రోజు": the day after or before the day said (probe round 9).
    ...['తర్వాత రోజు', 'తరువాత రోజు', 'మరుసటి రోజు', 'tarvata roju', 'taruvata roju', 'marusati roju'].map((phrase) => [phrase, 'next day'] as const),
    ...['ముందు రోజు', 'mundu roju', 'mundhu roju'].map((phrase) => [phrase, 'before day'] as const),
    // A range of hours, "ఉదయం 10 నుంచి 12 వరకు": from one hour to the other; the range is its start (probe round 9).
    ...['నుంచి', 'నుండి', 'nunchi', 'nundi'].map((word) => [word, 'from'] as const),
    ...['గంటల నుంచి', 'గంటల నుండి', 'gantala nunchi', 'gantala nundi'].map((phrase) => [phrase, 'oclock from'] as const),
    ...['గంటల వరకు', 'gantala varaku'].map((phrase) => [phrase, 'oclock'] as const),
    ...['వరకు', 'varaku', 'దాకా', 'daaka', 'madhyalo', 'మధ్యలో'].map((word) => [word, '_'] as const),
    // Days of the month said as ordinals, "ఐదో తేదీ", "aido tedi", "ఇరవయ్యో", "padihenava tedi" (the fifth, 20th, 15th).
    ...ordinalWords(
      [
        [1, ['ఒకటి']], [2, ['రెండు', 'rendu']], [3, ['మూడు', 'moodu', 'mudu']], [4, ['నాలుగు', 'naalugu', 'nalugu']], [5, ['ఐదు', 'aidu', 'ayidu']], [6, ['ఆరు', 'aaru']],
        [7, ['ఏడు', 'edu', 'yedu']], [8, ['ఎనిమిది', 'enimidi']], [9, ['తొమ్మిది', 'tommidi']], [10, ['పది', 'padi']], [11, ['పదకొండు', 'padakondu']], [12, ['పన్నెండు', 'pannendu']],
        [13, ['పదమూడు', 'padamoodu']], [14, ['పద్నాలుగు', 'padnalugu']], [15, ['పదిహేను', 'padihenu']], [16, ['పదహారు', 'padaharu']], [17, ['పదిహేడు', 'padihedu']],
        [18, ['పద్దెనిమిది', 'paddenimidi']], [19, ['పంతొమ్మిది', 'pantommidi']], [20, ['ఇరవై', 'iravai']], [30, ['ముప్పై', 'muppai']],
      ],
      [[/ు$/, 'ో'], [/ు$/, 'వ'], [/ి$/, 'ో'], [/ి$/, 'వ'], [/ై$/, 'య్యో'], [/ై$/, 'య్యవ'], [/u$/, 'o'], [/u$/, 'ava'], [/([^a])i$/, '$1o'], [/([^a])i$/, '$1ava'], [/ai$/, 'ayyo'], [/ai$/, 'ayyava']],
    ),
    // Self-corrections: "శుక్రవారం... సారీ, శనివారం", as English "sorry" (not సారి, "time": ఈ సారి is "this time").
    ...['సారీ', 'సోరీ'].map((word) => [word, 'correction'] as const),
    // Busy or out of town ("రేపు నేను బిజీ", "oorlo undanu") denies the day, as ఊరికి వెళ్తున్నాను does.
    ...['బిజీ', 'బిజి', 'ఊర్లో ఉండను', 'ఊళ్ళో ఉండను', 'oorlo undanu', 'oorlo undanu', 'oollo undanu'].map((phrase) => [phrase, 'notfine'] as const),
    // "రెండు వారాల తర్వాత": the weeks' plural before "after".
    ...['వారాల', 'వారాలు', 'vaarala', 'varala', 'vaaralu', 'varalu'].map((word) => [word, 'week'] as const),
    // A quarter past the hour and three quarters in one word with it: "నాలుగుంబావుకు" (4:15), "ఐదుముప్పావు" (5:45), "naalugumbavuki".
    ...fusedFractions(
      [
        [1, ['ఒకటి', 'okati']], [2, ['రెండు', 'rendu']], [3, ['మూడు', 'moodu']], [4, ['నాలుగు', 'naalugu', 'nalugu']], [5, ['ఐదు', 'aidu']], [6, ['ఆరు', 'aaru']],
        [7, ['ఏడు', 'edu']], [8, ['ఎనిమిది', 'enimidi']], [9, ['తొమ్మిది', 'tommidi']], [10, ['పది', 'padi']], [11, ['పదకొండు', 'padakondu']], [12, ['పన్నెండు', 'pannendu']],
      ],
      [['quarterpast', ['ంబావు', 'ంపావు', 'mbavu', 'mbaavu', 'mpavu']], ['threequarters', ['ముప్పావు', ' ముప్పావు', 'muppavu', 'muppaavu', ' muppavu']]],
      { endings: ['కు', 'కి', 'గంటలకు', 'ku', 'ki', 'gantalaku'] },
    ),
    // "రేపు 5కి", "5కు": the hour with "at" fused on after its digits.
    ...Array.from({ length: 12 }, (_, index) => ['కి', 'కు'].map((ending) => [`${index + 1}${ending}`, `${index + 1} oclock`] as const)).flat(),
    // The English month names as this script writes them (probe round 8).
    ...([['జనవరి', 'january'], ['ఫిబ్రవరి', 'february'], ['మార్చి', 'march'], ['ఏప్రిల్', 'april'], ['మే', 'may'], ['జూన్', 'june'], ['జూలై', 'july'], ['ఆగస్టు', 'august'], ['సెప్టెంబర్', 'september'], ['అక్టోబర్', 'october'], ['నవంబర్', 'november'], ['డిసెంబర్', 'december']] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['ఊరికి వెళ్తున్నాను', 'ooriki veltunnanu', 'ooriki velthunna', 'kudaradu', 'కుదరదు', 'selavu', 'సెలవు'].map((phrase) => [phrase, 'notfine'] as const),
    // The past, "కాల్ వచ్చింది" (a call came), "ఉండేది" (was): a day that went by, none to call on, as Hindi "tha" (probe round 10).
    ...['వచ్చింది', 'ఉండేది', 'vachindi', 'vachchindi', 'vacchindi', 'undedi'].map((word) => [word, 'notfine'] as const),
];

const nextMeanings = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week', 'month']);

export const telugu: LanguageTable = {
  language: 'Telugu',
  phrases: [
    // "vachche shukravaram", "vachche vaaram": romanised vachche is also Gujarati's "between", which comes first in the
    // lexicon, so before a weekday, the week or the month it is said as one phrase with it (it was read as this Friday).
    ...teluguPhrases.filter(([phrase, meaning]) => /^[a-z]+$/.test(phrase) && nextMeanings.has(meaning)).map(([phrase, meaning]) => [`vachche ${phrase}`, `next ${meaning}`] as const),
    ...teluguPhrases,
  ],
};
