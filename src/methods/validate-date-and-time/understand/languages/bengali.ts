import { monthEnds, monthNames, numberWords, ordinalWords, type LanguageTable } from './table.js';

/**
 * The hours 1–12 romanised with the ending fused on, as দশটায়, চারটে are written in the script (probe round 10: "kal sare
 * charte", "porshu pone panchta", "sowa egarota"): each stem with -ta, -te, -tay. Not where the word is an ordinary one
 * ("ekta", Hindi "unity" and a name; "chhota", "small"; "atta", "flour"; "note").
 */
const fusedHourStems: ReadonlyArray<readonly [hour: number, stems: readonly string[]]> = [
  [1, ['ek']], [2, ['du']], [3, ['tin']], [4, ['char', 'chaar']], [5, ['panch', 'pach', 'paach']], [6, ['chhoy', 'choy', 'chho']], [7, ['sat', 'saat']], [8, ['at', 'aat']],
  [9, ['noy', 'no']], [10, ['dos', 'dosh']], [11, ['egaro', 'egara']], [12, ['baro', 'bara']],
];
const ordinaryWords = new Set(['ekta', 'chhota', 'chhote', 'atta', 'note']);
const fusedHours = fusedHourStems.flatMap(([hour, stems]) =>
  stems.flatMap((stem) => (hour === 2 ? ['to', 'toy', 'te', 'tor'] : ['ta', 'te', 'tay']).map((ending) => `${stem}${ending}`)).filter((word) => !ordinaryWords.has(word)).map((word) => [word, `${hour} oclock`] as const),
);

// Bengali's number words 2–31 (একদিন, "one day", is "some day": docs, "one day" is refused), as written alone.
const countWords: ReadonlyArray<readonly [number, readonly string[]]> = [
  [2, ['দুই', 'দু', 'dui', 'du']], [3, ['তিন', 'tin']], [4, ['চার', 'char']], [5, ['পাঁচ', 'পাচ', 'panch', 'pach']], [6, ['ছয়', 'ছ', 'chhoy', 'choy']], [7, ['সাত', 'sat']],
  [8, ['আট', 'aat', 'at']], [9, ['নয়', 'noy']], [10, ['দশ', 'dosh']], [11, ['এগারো', 'egaro']], [12, ['বারো', 'baro']], [13, ['তেরো', 'tero']], [14, ['চোদ্দ', 'chouddo']],
  [15, ['পনেরো', 'ponero']], [20, ['কুড়ি', 'বিশ', 'kuri', 'bish']], [30, ['ত্রিশ', 'tirish']],
];
/** A count fused with দিন "day", as Bengali writes it: দুদিন, তিনদিন, dudin, tindin (probe round 10). */
const fusedDayCounts = countWords.flatMap(([count, words]) => words.map((word) => [`${word}${/^[a-z]+$/.test(word) ? 'din' : 'দিন'}`, `${count} day`] as const));

/** Bengali, native script and romanised. কাল points both ways and is read as tomorrow. */
export const bengali: LanguageTable = {
  language: 'Bengali',
  phrases: [
    // The day of the month: "15 tarikh", "ponero tarikh", "১৫ তারিখে"; number words are weak (docs, "spoken numbers").
    ...['tarikhe', 'তারিখ', 'তারিখে'].map((word) => [word, 'tarikh'] as const),
    ...numberWords([
      [1, ['ek', 'এক']], [2, ['dui', 'দুই']], [3, ['tin', 'তিন']], [4, ['char', 'চার']], [5, ['panch', 'pach', 'পাঁচ', 'পাচ']], [6, ['chhoy', 'choy', 'ছয়']],
      [7, ['sat', 'সাত']], [8, ['aat', 'আট']], [10, ['dosh', 'দশ']], [11, ['egaro', 'এগারো']], [12, ['baro', 'বারো']], [13, ['tero', 'তেরো']],
      [14, ['chouddo', 'choddo', 'চোদ্দ', 'চৌদ্দ']], [15, ['ponero', 'panero', 'পনেরো', 'পনের']], [16, ['sholo', 'ষোলো', 'ষোল']], [17, ['sotero', 'সতেরো']],
      [18, ['atharo', 'আঠারো']], [19, ['unish', 'উনিশ']], [20, ['kuri', 'কুড়ি', 'বিশ']], [21, ['ekush', 'একুশ']], [22, ['baish', 'বাইশ']],
      [23, ['teish', 'তেইশ']], [24, ['chobbish', 'চব্বিশ']], [25, ['pochish', 'পঁচিশ']], [26, ['chhabbish', 'ছাব্বিশ']], [27, ['satash', 'সাতাশ']],
      [28, ['athash', 'আঠাশ']], [29, ['unotrish', 'ঊনত্রিশ']], [30, ['tirish', 'ত্রিশ']], [31, ['ektrish', 'একত্রিশ']],
    ]),
    ...['somobar', 'shomobar'].map((word) => [word, 'monday'] as const),
    ...['sondhe bela', 'sondhebela', 'shondhebela', 'sondhe', 'sondhya', 'shondhya', 'সন্ধ্যা', 'সন্ধে', 'সন্ধেবেলা'].map((word) => [word, 'evening'] as const),
    ['আজ', 'today'],
    ['আজকে', 'today'],
    ['ajke', 'today'],
    ['aajke', 'today'],
    ['আগামীকাল', 'tomorrow'],
    ['আগামী কাল', 'tomorrow'],
    ['কাল', 'tomorrow'],
    ['কালকে', 'tomorrow'],
    ['agamikal', 'tomorrow'],
    ['agami kal', 'tomorrow'],
    ['kalke', 'tomorrow'],
    ['kaalke', 'tomorrow'],
    ['পরশু', 'overmorrow'],
    ['পরশুদিন', 'overmorrow'],
    ['porshu', 'overmorrow'],
    ['porshu din', 'overmorrow'],
    ['parshu', 'overmorrow'],
    ['porsu', 'overmorrow'],
    ['poshu', 'overmorrow'],
    ['সোমবার', 'monday'],
    ['মঙ্গলবার', 'tuesday'],
    ['বুধবার', 'wednesday'],
    ['বৃহস্পতিবার', 'thursday'],
    ['বিষ্যুদবার', 'thursday'],
    ['শুক্রবার', 'friday'],
    ['শনিবার', 'saturday'],
    ['রবিবার', 'sunday'],
    ['সোমবারে', 'monday'],
    ['মঙ্গলবারে', 'tuesday'],
    ['বুধবারে', 'wednesday'],
    ['বৃহস্পতিবারে', 'thursday'],
    ['শুক্রবারে', 'friday'],
    ['শনিবারে', 'saturday'],
    ['রবিবারে', 'sunday'],
    ['sombar', 'monday'],
    ['shombar', 'monday'],
    ['mongolbar', 'tuesday'],
    ['mangalbar', 'tuesday'],
    ['monggolbar', 'tuesday'],
    ['budhbar', 'wednesday'],
    ['budhbaar', 'wednesday'],
    ['brihospotibar', 'thursday'],
    ['brihoshpotibar', 'thursday'],
    ['brihaspatibar', 'thursday'],
    ['bishudbar', 'thursday'],
    ['bishyudbar', 'thursday'],
    ['shukrobar', 'friday'],
    ['sukrobar', 'friday'],
    ['shukrabar', 'friday'],
    ['shonibar', 'saturday'],
    ['shanibar', 'saturday'],
    ['sonibar', 'saturday'],
    ['robibar', 'sunday'],
    ['rabibar', 'sunday'],
    ['roibar', 'sunday'],
    ['আগামী', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['প্রতি', 'proti', 'prati', 'প্রত্যেক', 'prottek'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['ছাড়া', 'chhara', 'chara'].map((word) => [word, 'nahi'] as const),
    ['পরের', 'next'],
    ['সামনের', 'next'],
    ['porer', 'next'],
    ['samner', 'next'],
    ['shamner', 'next'],
    // "porer mashe 5 tarikh", "আগামী মাসের ৫ তারিখ": next month's 5th.
    ...['mashe', 'mase', 'masher', 'maser', 'মাসে', 'মাসের', 'মাস'].map((word) => [word, 'month'] as const),
    // "পরের মাসের প্রথম সোমবার": a month's, then which of its weekdays (grammar.ts).
    ...([
      [1, ['প্রথম', 'prothom', 'prathom']],
      [2, ['দ্বিতীয়', 'dwitiyo', 'ditiyo', 'dwitiya']],
      [3, ['তৃতীয়', 'tritiyo', 'tritiya']],
      [4, ['চতুর্থ', 'choturtho', 'chaturtha']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['শেষ', 'shesh'].map((word) => [word, 'final'] as const),
    // "মাসের শেষে", "masher sheshe", "মাসের শেষ দিন": the month's last day (probe round 10).
    ...monthEnds(
      ['মাসের', 'masher', 'maser', 'mashe'],
      ['শেষে', 'শেষের দিকে', 'শেষ দিন', 'শেষ দিনে', 'শেষ তারিখ', 'শেষ তারিখে', 'sheshe', 'seshe', 'shesher dike', 'shesh din', 'shesh dine', 'shesh tarikh', 'shesh tarikhe'],
      ['পরের', 'আগামী', 'porer', 'agami'],
    ),
    ['এই', 'this'],
    ['ei', 'this'],
    ['সপ্তাহে', 'week'],
    ['সপ্তাহের', 'week'],
    ['soptahe', 'week'],
    ['saptahe', 'week'],
    ['soptaho', 'week'],
    ['soptaher', 'week'],
    ['সপ্তাহ', 'week'],
    ['দিন', 'day'],
    ['পরে', 'later'],
    ['pore', 'later'],
    ['সকালে', 'morning'],
    ['sokale', 'morning'],
    ['দুপুরে', 'afternoon'],
    ['dupure', 'afternoon'],
    ['বিকেলে', 'afternoon'],
    ['bikele', 'afternoon'],
    ['সন্ধ্যায়', 'evening'],
    ['sondhyay', 'evening'],
    ['রাতে', 'night'],
    ['raate', 'night'],
    ['raatre', 'night'],
    // Not `rate` alone: an English word too ("what is the rate tomorrow"); before an hour it is the night ("kal rate 8 tay").
    ...Array.from({ length: 12 }, (_, index) => [`rate ${index + 1}`, `night ${index + 1}`] as const),
    ...['সন্ধ্যাবেলা', 'সন্ধেবেলা', 'sondhebela', 'sondhyabela'].map((word) => [word, 'evening'] as const),
    ['বিকেল', 'afternoon'],
    ['bikel', 'afternoon'],
    ['টায়', 'oclock'],
    ['tay', 'oclock'],
    // "5 tar somoy": at five o'clock.
    ['টার', 'oclock'],
    ['tar', 'oclock'],
    ['tate', 'oclock'],
    // "9 ta", "4 te": the hour with its classifier or "at".
    ...['ta', 'te', 'টা', 'টে'].map((word) => [word, 'oclock'] as const),
    ['সময়', '_'],
    ['somoy', '_'],
    ['shomoy', '_'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['না', 'nahi'],
    ['নয়', 'nahi'],
    ['noy', 'nahi'],
    ['nay', 'nahi'],
    ['নেই', 'nahi'],
    ['nei', 'nahi'],
    ['আমাকে', '_'],
    ['amake', '_'],
    ['করুন', '_'],
    ['korun', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['ঘণ্টা', 'ঘন্টা', 'ghonta', 'ghonte', 'ghanta'].map((word) => [word, 'hours'] as const),
    ...['আধ ঘণ্টা', 'আধ ঘন্টা', 'adh ghonta', 'adha ghonta', 'aadh ghonta'].map((phrase) => [phrase, '30 minute'] as const),
    ...['por', 'পর'].map((word) => [word, 'later'] as const),
    ...['রাত', 'raat', 'raatri'].map((word) => [word, 'night'] as const),
    ...['ভোরে', 'bhore', 'ভোর'].map((word) => [word, 'morning'] as const),
    // The past "was" ("kal phone korechilam"): a day that went by, none to call on; denied like an unavailable day.
    ...['ছিল', 'ছিলাম', 'ছিলেন', 'ছিলে', 'chilo', 'chhilo', 'chilam', 'chhilam', 'chilen', 'chhilen', 'korechilam', 'korechilen', 'korechile', 'korechilo', 'করেছিলাম', 'করেছিলেন', 'করেছিলে', 'করেছিল', 'ধরেনি', 'dhoreni'].map((word) => [word, 'notfine'] as const),
    // ... and "came", "said", "gave" in the past ("কাল ফোন এসেছিল", the call came yesterday: কাল was read as tomorrow; probe round 10).
    ...['এসেছিল', 'এসেছিলো', 'এসেছিলেন', 'বলেছিল', 'বলেছিলেন', 'দিয়েছিল', 'দিয়েছিলেন', 'esechilo', 'eshechilo', 'esechhilo', 'eshechhilo', 'bolechilo', 'bolechilen', 'diyechilo', 'diyechilen'].map((word) => [word, 'notfine'] as const),
    // "গত সোমবার": the last one, a day gone by (probe round 9); yesterday names none to call on.
    ...['গত', 'goto', 'gato'].map((word) => [word, 'last'] as const),
    ...['গতকাল', 'gotokal', 'gatokal'].map((word) => [word, '_'] as const),
    // "ঈদের পরের দিন", "ক্রিসমাসের আগের দিন": the day after or before the day said (probe round 9).
    ...['পরের দিন', 'porer din', 'porer dine'].map((phrase) => [phrase, 'next day'] as const),
    ...['আগের দিন', 'ager din', 'aager din'].map((phrase) => [phrase, 'before day'] as const),
    // A range of hours, "4 theke 6 tar moddhe": from one hour to the other; the range is its start (probe round 9).
    ...['theke', 'থেকে', 'theika'].map((word) => [word, 'from'] as const),
    ...['porjonto', 'পর্যন্ত', 'moddhe', 'মধ্যে'].map((word) => [word, '_'] as const),
    // Days of the month as ordinals: digits with their ending, "৫ই", "২১শে", "১লা", "21she", and the words, "পয়লা" (the first),
    // "পনেরোই", "পঁচিশে", "pochishe" (-ই to the 18th, -শে from the 19th).
    ...Array.from({ length: 31 }, (_, index) => index + 1).flatMap((day) => {
      const [native, romanised] = day === 1 ? ['লা', 'la'] : day <= 3 ? ['রা', 'ra'] : day === 4 ? ['ঠা', 'tha'] : day <= 18 ? ['ই', 'i'] : ['শে', 'she'];
      return [[`${day}${native}`, `${day}th`], [`${day}${romanised}`, `${day}th`]] as const;
    }),
    ...([[1, ['পয়লা', 'পহেলা', 'poyla', 'poila', 'pohela']], [2, ['দোসরা', 'dosra']], [3, ['তেসরা', 'tesra']], [4, ['চৌঠা', 'choutha']]] as const).flatMap(([day, words]) => words.map((word) => [word, `~${day}th`] as const)),
    ...ordinalWords(
      [
        [5, ['পাঁচ', 'panch']], [6, ['ছয়']], [7, ['সাত', 'sat']], [8, ['আট', 'aat']], [9, ['নয়']], [10, ['দশ', 'dosh']], [11, ['এগারো', 'egaro']], [12, ['বারো', 'baro']],
        [13, ['তেরো', 'tero']], [14, ['চোদ্দ', 'চৌদ্দ', 'chouddo']], [15, ['পনেরো', 'ponero']], [16, ['ষোলো', 'sholo']], [17, ['সতেরো', 'sotero']], [18, ['আঠারো', 'atharo']],
      ],
      [[/([^a-z])$/, '$1ই'], [/([a-z])$/, '$1i']],
    ),
    ...ordinalWords(
      [
        [19, ['উনিশ', 'unish']], [20, ['বিশ', 'bish']], [21, ['একুশ', 'ekush']], [22, ['বাইশ', 'baish']], [23, ['তেইশ', 'teish']], [24, ['চব্বিশ', 'chobbish']],
        [25, ['পঁচিশ', 'pochish']], [26, ['ছাব্বিশ', 'chhabbish']], [27, ['সাতাশ', 'satash']], [28, ['আঠাশ', 'athash']], [29, ['ঊনত্রিশ', 'unotrish']], [30, ['ত্রিশ', 'tirish']],
        [31, ['একত্রিশ', 'ektrish']],
      ],
      [[/শ$/, 'শে'], [/sh$/, 'she']],
    ),
    // Self-corrections, as English "sorry", "no no", "i mean": "শুক্রবার... দুঃখিত, শনিবার", "sombar, na na, mongolbar". "na" alone
    // is a correction only after a comma or full stop (lexicon.ts), as it is a filler too ("kal asbe na?").
    ...['দুঃখিত', 'সরি', 'সরি না', 'না না', 'na na', 'na mane', 'না মানে', 'মানে'].map((phrase) => [phrase, 'correction'] as const),
    ['na', '?nahi'],
    // Busy or out of town in the script's own spelling ("শুক্রবার আমি বাইরে থাকব", "baire thakbo") denies the day, as ব্যস্ত does.
    ...['বাইরে থাকব', 'বাইরে থাকবো', 'baire thakbo', 'baire thakbo', 'বিজি', 'বিজি আছি'].map((phrase) => [phrase, 'notfine'] as const),
    // Being or going anywhere that day, as Hindi "mein hoon", "ja raha hoon": "কাল আমি অফিসে থাকব, পরশু…" (probe round 10); at home
    // or free is no absence.
    ...['থাকব', 'থাকবো', 'যাচ্ছি', 'যাব', 'যাবো', 'thakbo', 'jacchi', 'jachchi', 'jabo'].map((word) => [word, 'notfine'] as const),
    ...['বাড়িতে', 'বাড়িতেই', 'বাসায়', 'ফ্রি', 'barite', 'bari te', 'basay', 'free'].flatMap((where) => ['থাকব', 'থাকবো', 'thakbo'].map((be) => [`${where} ${be}`, '_'] as const)),
    ...['sondhey', 'shondhey', 'সন্ধেয়'].map((word) => [word, 'evening'] as const),
    // "porer sopta" (next week), "porshudin" (the day after tomorrow): spoken spellings.
    ...['sopta', 'shopta', 'সপ্তা'].map((word) => [word, 'week'] as const),
    ...['porshudin', 'poroshudin', 'পরশুদিন'].map((word) => [word, 'overmorrow'] as const),
    // Half past one and two with the hour's ending as spoken ("আড়াইটে", "der ta", "arai te"), nine o'clock ("noy ta": noy alone
    // is "is not"), and the morning as "sokal".
    ...['আড়াইটে', 'arai ta', 'arai te', 'araite', 'araita'].map((phrase) => [phrase, 'halfpast 2 oclock'] as const),
    ...['দেড়টে', 'der ta', 'derta', 'der te'].map((phrase) => [phrase, 'halfpast 1 oclock'] as const),
    ...['noy ta', 'noyta', 'noy tay', 'noy te'].map((phrase) => [phrase, '9 oclock'] as const),
    ...['sokal', 'shokal'].map((word) => [word, 'morning'] as const),
    // A span of days of the month, "৫ থেকে ৮ তারিখের মধ্যে": the word for date in the genitive (the span is its first day).
    ...['তারিখের', 'tarikher'].map((word) => [word, 'tarikh'] as const),
    // "dupur 2 toy", "দুপুর ২টোয়": the afternoon, and the hour's ending as spoken.
    ...['দুপুর', 'দুপুরে', 'dupur', 'dupure', 'dupurbela'].map((word) => [word, 'afternoon'] as const),
    ...['টোয়', 'টোর', 'toy'].map((word) => [word, 'oclock'] as const),
    // The English month names as this script writes them (probe round 8).
    ...monthNames([['জানুয়ারি', 'january'], ['ফেব্রুয়ারি', 'february'], ['মার্চ', 'march'], ['এপ্রিল', 'april'], ['মে', 'may'], ['জুন', 'june'], ['জুলাই', 'july'], ['আগস্ট', 'august'], ['সেপ্টেম্বর', 'september'], ['অক্টোবর', 'october'], ['নভেম্বর', 'november'], ['ডিসেম্বর', 'december']], ['র', 'ের', 'ে', 'তে']),
    // ... and the genitive of the romanised ones ("januarir 10 tarikh").
    ['januarir', 'january'],
    ['februarir', 'february'],
    ['septemberer', 'september'],
    ['octoberer', 'october'],
    ['novemberer', 'november'],
    ['decemberer', 'december'],
    // Fractions of the hour, as Hindi's saade/sawa/paune (probe round 8): half past, quarter past, quarter to.
    ...['সাড়ে', 'সাড়ে', 'sare', 'saare', 'sarhe'].map((word) => [word, 'halfpast'] as const),
    ...['সোয়া', 'soya', 'shoa', 'sowa'].map((word) => [word, 'quarterpast'] as const),
    ...['পৌনে', 'poune', 'pone'].map((word) => [word, 'quarterto'] as const),
    ...['দেড়টায়', 'দেড়টা', 'der tay', 'deRtay'].map((word) => [word, 'halfpast 1 oclock'] as const),
    ...['আড়াইটায়', 'আড়াইটা', 'arai tay', 'araitay'].map((word) => [word, 'halfpast 2 oclock'] as const),
    // An hour said with its ending in one word: "দশটায়", "চারটে", "ন'টায়" (the apostrophe is dropped).
    ...([[1, ['একটা']], [2, ['দুটো', 'দুটোয়', 'দুটোর']], [3, ['তিনটে', 'তিনটায়', 'তিনটা']], [4, ['চারটে', 'চারটায়', 'চারটা']], [5, ['পাঁচটা', 'পাঁচটায়', 'পাঁচটে']],
      [6, ['ছটা', 'ছটায়', 'ছয়টা', 'ছয়টায়']], [7, ['সাতটা', 'সাতটায়']], [8, ['আটটা', 'আটটায়']], [9, ['নটা', 'নটায়', 'নয়টা', 'নয়টায়']], [10, ['দশটা', 'দশটায়']],
      [11, ['এগারোটা', 'এগারোটায়']], [12, ['বারোটা', 'বারোটায়']]] as const).flatMap(([hour, words]) =>
      // Each with the locative য় too: "তিনটেয়", "চারটেয়" ("at three", probe round 11).
      [...new Set(words.flatMap((word) => (/(টা|টে|টো)$/.test(word) ? [word, `${word}য়`] : [word])))].map((word) => [word, `${hour} oclock`] as const),
    ),
    ...fusedHours,
    ...fusedDayCounts,
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['ব্যস্ত', 'byasto', 'bysto', 'office ache', 'অফিস আছে', 'chhuti', 'ছুটি', 'hobe na', 'হবে না'].map((phrase) => [phrase, 'notfine'] as const),
  ],
};
