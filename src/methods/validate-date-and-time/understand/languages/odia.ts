import { monthEnds, monthNames, numberWords, type LanguageTable } from './table.js';

const odiaNumbers: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['ଏକ', 'eka']], [2, ['ଦୁଇ', 'dui']], [3, ['ତିନି', 'tini']], [4, ['ଚାରି', 'chari']], [5, ['ପାଞ୍ଚ', 'pancha']], [6, ['ଛଅ', 'chha']],
  [7, ['ସାତ', 'sata']], [8, ['ଆଠ', 'atha']], [9, ['ନଅ', 'naa']], [10, ['ଦଶ', 'dasa']], [11, ['ଏଗାର', 'egara']], [12, ['ବାର', 'bara']],
];

/** Odia, native script and romanised. କାଲି points both ways and is read as tomorrow. */
export const odia: LanguageTable = {
  language: 'Odia',
  phrases: [
    ['ଆଜି', 'today'],
    ['aaji', 'today'],
    ['aji', 'today'],
    ['କାଲି', 'tomorrow'],
    ['kali', 'tomorrow'],
    ['kaali', 'tomorrow'],
    ['ଆସନ୍ତାକାଲି', 'tomorrow'],
    ['asantakali', 'tomorrow'],
    ['ପଅରଦିନ', 'overmorrow'],
    ['ପରଦିନ', 'overmorrow'],
    ['paradina', 'overmorrow'],
    ['paaradina', 'overmorrow'],
    ['pauradina', 'overmorrow'],
    ['ସୋମବାର', 'monday'],
    ['ମଙ୍ଗଳବାର', 'tuesday'],
    ['ବୁଧବାର', 'wednesday'],
    ['ଗୁରୁବାର', 'thursday'],
    ['ଶୁକ୍ରବାର', 'friday'],
    ['ଶନିବାର', 'saturday'],
    ['ରବିବାର', 'sunday'],
    ['ସୋମବାରେ', 'monday'],
    ['ଶୁକ୍ରବାରେ', 'friday'],
    ['somabara', 'monday'],
    ['sombara', 'monday'],
    ['mangalabara', 'tuesday'],
    ['mangalbara', 'tuesday'],
    ['budhabara', 'wednesday'],
    ['budhbara', 'wednesday'],
    ['gurubara', 'thursday'],
    ['sukrabara', 'friday'],
    ['shukrabara', 'friday'],
    ['sanibara', 'saturday'],
    ['shanibara', 'saturday'],
    ['rabibara', 'sunday'],
    ['rabibar', 'sunday'],
    ['ଆସନ୍ତା', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['ପ୍ରତି', 'prati'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['ଛଡ଼ା', 'chhada'].map((word) => [word, 'nahi'] as const),
    ['asanta', 'next'],
    ['aasanta', 'next'],
    ['ଏହି', 'this'],
    ['ehi', 'this'],
    ['ସପ୍ତାହ', 'week'],
    ['saptaha', 'week'],
    ['saptahare', 'week'],
    ['ଦିନ', 'day'],
    ['ପରେ', 'later'],
    ['ସକାଳେ', 'morning'],
    ['sakale', 'morning'],
    ['ସନ୍ଧ୍ୟାରେ', 'evening'],
    ['sandhyare', 'evening'],
    ['ରାତିରେ', 'night'],
    ['ସକାଳ', 'morning'],
    ['sakala', 'morning'],
    ['sakalu', 'morning'],
    ['ସନ୍ଧ୍ୟା', 'evening'],
    ['sandhya', 'evening'],
    ['ଦିପହର', 'afternoon'],
    ['dipahara', 'afternoon'],
    // The parts of the day with the locative "in the": ସକାଳେ / ସକାଳରେ, ଦିପହରେ, ସନ୍ଧ୍ୟାରେ, ରାତିରେ; romanised "aaji dipahare", "kali
    // sakalare", "sandhyare" (probe round 10).
    // A word ending in a consonant (its inherent a) takes େ / -e in its place as well.
    ...([['ସକାଳ', 'sakala', 'morning'], ['ଦିପହର', 'dipahara', 'afternoon'], ['ସନ୍ଧ୍ୟା', 'sandhya', 'evening'], ['ରାତି', 'rati', 'night']] as const).flatMap(([native, romanised, meaning]) => {
      const consonantFinal = !/[\u0b3e-\u0b4c]$/.test(native);
      const stem = romanised.slice(0, -1);
      return [`${native}ରେ`, `${romanised}re`, ...(consonantFinal ? [`${native}େ`, stem, `${stem}e`] : [])].map((word) => [word, meaning] as const);
    }),
    ['ରାତି', 'night'],
    ['rati', 'night'],
    ['ratire', 'night'],
    // "5 ta": five o'clock.
    ['ଟା', 'oclock'],
    ['ta', 'oclock'],
    ['tare', 'oclock'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['ନୁହେଁ', 'nahi'],
    ['ନୁହେ', 'nahi'],
    ['nuhen', 'nahi'],
    ['nuhe', 'nahi'],
    ['ନାହିଁ', 'nahi'],
    ['nahin', 'nahi'],
    ['ନା', 'nahi'],
    ['ମୋତେ', '_'],
    ['mote', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['ଘଣ୍ଟା', 'ghanta', 'ghanta re'].map((word) => [word, 'hours'] as const),
    ...['ଅଧଘଣ୍ଟା', 'ଅଧ ଘଣ୍ଟା', 'adha ghanta', 'adhaghanta'].map((phrase) => [phrase, '30 minute'] as const),
    ...['pare', 'ପରେ'].map((word) => [word, 'later'] as const),
    ...['gote', 'ଗୋଟେ', 'ଗୋଟିଏ', 'gotie'].map((word) => [word, '~1'] as const),
    ...['ଟାରେ', 'ଟାବେଳେ', 'tabele'].map((word) => [word, 'oclock'] as const),
    ...['ଭୋରରୁ', 'ଭୋର', 'bhoru', 'bhor'].map((word) => [word, 'morning'] as const),
    // "ଗତ ସୋମବାର": the last one, a day gone by (probe round 9).
    ...['ଗତ', 'gata'].map((word) => [word, 'last'] as const),
    // Number words: the hours, alone or with the hour's ending fused on ("ଦଶଟାରେ", "ସାତଟା"), and days of the month; weak, as
    // every language's (docs, "spoken numbers").
    ...numberWords(odiaNumbers),
    ...odiaNumbers.flatMap(([hour, spellings]) => spellings.filter((spelling) => !/^[a-z]/.test(spelling)).flatMap((spelling) => ['ଟା', 'ଟାରେ', 'ଟାବେଳେ'].map((ending) => [`${spelling}${ending}`, `${hour} oclock`] as const))),
    ...['ମଧ୍ୟାହ୍ନ', 'ମଧ୍ୟାହ୍ନରେ', 'madhyahna', 'madhyanha'].map((word) => [word, 'noon'] as const),
    ...['ଅପରାହ୍ନ', 'ଅପରାହ୍ନରେ', 'aparahna'].map((word) => [word, 'afternoon'] as const),
    // A range of hours, "ସକାଳ 10 ରୁ 12 ଟା ଭିତରେ": from one hour to the other; the range is its start (probe round 9).
    ...['ରୁ', 'ru', 'ଠାରୁ', 'tharu'].map((word) => [word, 'from'] as const),
    ...['ଟାରୁ', 'taru'].map((word) => [word, 'oclock from'] as const),
    ...['ପର୍ଯ୍ୟନ୍ତ', 'paryanta', 'ଯାଏ', 'jae', 'ଭିତରେ', 'bhitare', 'madhyare', 'ମଧ୍ୟରେ'].map((word) => [word, '_'] as const),
    // Days of the month: the word for date and its endings ("କୋଡ଼ିଏ ତାରିଖରେ", "kodie tarikhare"), the numbers 13–31 as words, and
    // "ଫେବୃଆରୀ ମାସ 10 ତାରିଖ" (the month named with the word for month).
    ...['ତାରିଖ', 'ତାରିଖରେ', 'ତାରିଖ୍', 'tarikha', 'tarikhare', 'tarikhre'].map((word) => [word, 'tarikh'] as const),
    ...['ମାସ', 'ମାସରେ', 'masa', 'masare'].map((word) => [word, 'month'] as const),
    // "ଆସନ୍ତା ମାସର ପ୍ରଥମ ସୋମବାର": a month's, then which of its weekdays (grammar.ts).
    ...['ମାସର', 'masara', 'masar'].map((word) => [word, 'month'] as const),
    ...([
      [1, ['ପ୍ରଥମ', 'prathama', 'pratham']],
      [2, ['ଦ୍ୱିତୀୟ', 'dwitiya', 'dwitiyo']],
      [3, ['ତୃତୀୟ', 'trutiya', 'tritiya']],
      [4, ['ଚତୁର୍ଥ', 'chaturtha']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['ଶେଷ', 'shesha'].map((word) => [word, 'final'] as const),
    // "ମାସ ଶେଷରେ", "masa sesare", "ମାସର ଶେଷ ଦିନ": the month's last day (probe round 10).
    ...monthEnds(
      ['ମାସ', 'ମାସର', 'masa', 'maasa', 'masara'],
      ['ଶେଷରେ', 'ଶେଷ ଦିନ', 'ଶେଷ ତାରିଖ', 'sesare', 'seshare', 'sheshare', 'sesha dina', 'shesha dina', 'sesha tarikh', 'shesha tarikh'],
      ['ଆସନ୍ତା', 'asanta'],
    ),
    ...numberWords([
      [13, ['ତେର', 'tera']], [14, ['ଚଉଦ', 'chauda']], [15, ['ପନ୍ଦର', 'pandara']], [16, ['ଷୋହଳ', 'sohala']], [17, ['ସତର', 'satara']], [18, ['ଅଠର', 'athara']],
      [19, ['ଊଣେଇଶି', 'uneishi']], [20, ['କୋଡ଼ିଏ', 'କୋଡିଏ', 'kodie', 'kodiye']], [21, ['ଏକୋଇଶି', 'ekoishi']], [22, ['ବାଇଶି', 'baishi']], [23, ['ତେଇଶି', 'teishi']],
      [24, ['ଚବିଶି', 'chabishi']], [25, ['ପଚିଶି', 'pachishi']], [26, ['ଛବିଶି', 'chhabishi']], [27, ['ସତେଇଶି', 'sateishi']], [28, ['ଅଠେଇଶି', 'atheishi']],
      [29, ['ଅଣତିରିଶି', 'anatirishi']], [30, ['ତିରିଶି', 'tirishi']], [31, ['ଏକତିରିଶି', 'ekatirishi']],
    ]),
    // Self-corrections: "ଶୁକ୍ରବାର... ସରି, ଶନିବାର", "somabara, na na, mangalabara", as English "sorry", "no no".
    ...['ସରି', 'ସୋରି', 'ନା ନା'].map((phrase) => [phrase, 'correction'] as const),
    // Busy or out of town ("କାଲି ମୁଁ ବ୍ୟସ୍ତ", "bahare thibi") denies the day, as ହେବନି does.
    ...['ବ୍ୟସ୍ତ', 'byasta', 'ବାହାରେ ଥିବି', 'bahare thibi', 'bahare thibi'].map((phrase) => [phrase, 'notfine'] as const),
    // "tini dina pare", "ଆସନ୍ତା ସପ୍ତାହରେ": the units as spoken and with "in" fused on.
    ...['dina', 'dinaru'].map((word) => [word, 'day'] as const),
    ...['ସପ୍ତାହରେ', 'ସପ୍ତାହ ରେ'].map((word) => [word, 'week'] as const),
    // Half past one and two (ଦେଢ଼, ଅଢ଼େଇ), alone and with the hour's ending fused on ("ଦେଢ଼ଟାରେ", "adhei tare"), and nine
    // o'clock as "na ta".
    ...[['ଦେଢ଼', 'ଦେଢ', 'dedha', 'dedh'], ['ଅଢ଼େଇ', 'ଅଢେଇ', 'adhei', 'adhai']].flatMap((words, index) =>
      words.flatMap((word) => [[word, `halfpast ${index + 1}`] as const, ...(/^[a-z]/.test(word) ? [] : ['ଟା', 'ଟାରେ', 'ଟାବେଳେ'].map((ending) => [`${word}${ending}`, `halfpast ${index + 1} oclock`] as const))]),
    ),
    ...['na ta', 'na tare', 'naa tare'].map((phrase) => [phrase, '9 oclock'] as const),
    // "ସୋମବାରରୁ ବୁଧବାର": a weekday with "from" fused on; the span is its first day.
    ...[['ସୋମବାର', 'somabara'], ['ମଙ୍ଗଳବାର', 'mangalabara'], ['ବୁଧବାର', 'budhabara'], ['ଗୁରୁବାର', 'gurubara'], ['ଶୁକ୍ରବାର', 'sukrabara'], ['ଶନିବାର', 'sanibara'], ['ରବିବାର', 'rabibara']].flatMap(
      ([native, romanised], index) => [[`${native}ରୁ`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const, [`${romanised}ru`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const],
    ),
    // The English month names as this script writes them (probe round 8).
    ...monthNames([['ଜାନୁଆରୀ', 'january'], ['ଫେବୃଆରୀ', 'february'], ['ମାର୍ଚ୍ଚ', 'march'], ['ଅପ୍ରେଲ', 'april'], ['ମେ', 'may'], ['ଜୁନ', 'june'], ['ଜୁଲାଇ', 'july'], ['ଅଗଷ୍ଟ', 'august'], ['ସେପ୍ଟେମ୍ବର', 'september'], ['ଅକ୍ଟୋବର', 'october'], ['ନଭେମ୍ବର', 'november'], ['ଡିସେମ୍ବର', 'december']], ['ର', 'ରେ']),
    // Fractions of the hour, as Hindi's saade/sawa/paune (probe round 8): half past, quarter past, quarter to.
    ...['ସାଢ଼େ', 'ସାଢେ', 'sadhe', 'saadhe'].map((word) => [word, 'halfpast'] as const),
    ...['ସୁଆ', 'sua', 'suaa'].map((word) => [word, 'quarterpast'] as const),
    ...['ପାଉଣେ', 'paune', 'paaune'].map((word) => [word, 'quarterto'] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['ବାହାରକୁ ଯାଉଛି', 'baharaku jauchi', 'hebani', 'ହେବନି', 'chhuti', 'ଛୁଟି'].map((phrase) => [phrase, 'notfine'] as const),
    // The past, "ଫୋନ ଆସିଥିଲା" (a call had come), "ଥିଲା" (was): a day that went by, none to call on, as Hindi "tha" (probe round 10).
    ...['ଥିଲା', 'ଥିଲେ', 'ଥିଲି', 'ଆସିଥିଲା', 'ଆସିଲା', 'thila', 'thile', 'thili', 'asithila', 'aasithila', 'asila'].map((word) => [word, 'notfine'] as const),
    // Going anywhere that day, as Hindi "ja raha hoon": "କାଲି ମୁଁ ଗାଁକୁ ଯାଉଛି, ସୋମବାର ଫୋନ କରନ୍ତୁ" (probe round 10).
    ...['ଯାଉଛି', 'ଯାଉଛୁ', 'ଯିବି', 'ଯିବୁ', 'jauchi', 'jaauchi', 'jauchu', 'jibi', 'jibu'].map((word) => [word, 'notfine'] as const),
  ],
};
