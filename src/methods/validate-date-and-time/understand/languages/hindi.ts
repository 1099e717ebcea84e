import { monthEnds, type LanguageTable } from './table.js';

/** Hindi number words 1–31, Devanagari then romanised spellings. Weak: "do" is also "give". */
const numbers: Array<[number, string[]]> = [
  [1, ['एक', 'ek', 'ekk']],
  [2, ['दो', 'do', 'doh']],
  [3, ['तीन', 'teen', 'tin', 'theen']],
  [4, ['चार', 'char', 'chaar']],
  [5, ['पांच', 'पाँच', 'panch', 'paanch', 'paach', 'panc']],
  [6, ['छह', 'छः', 'छे', 'छै', 'chhe', 'chhah', 'chah', 'che', 'chhai', 'chheh']],
  [7, ['सात', 'saat', 'sat']],
  [8, ['आठ', 'aath', 'ath', 'aat']],
  [9, ['नौ', 'nau', 'nao']],
  [10, ['दस', 'das', 'dus']],
  [11, ['ग्यारह', 'gyarah', 'gyara', 'gyaarah', 'gyaraa']],
  [12, ['बारह', 'barah', 'bara', 'baarah', 'baara']],
  [13, ['तेरह', 'terah', 'tera', 'terha']],
  [14, ['चौदह', 'chaudah', 'chauda', 'choudah', 'chouda']],
  [15, ['पंद्रह', 'पन्द्रह', 'pandrah', 'pandra', 'pundrah']],
  [16, ['सोलह', 'solah', 'sola']],
  [17, ['सत्रह', 'satrah', 'satra', 'sattrah']],
  [18, ['अठारह', 'atharah', 'athara', 'attharah']],
  [19, ['उन्नीस', 'unnees', 'unnis', 'unees', 'unis']],
  [20, ['बीस', 'bees', 'bis']],
  [21, ['इक्कीस', 'ikkees', 'ikkis', 'ikis', 'ekkis']],
  [22, ['बाईस', 'baees', 'bais', 'baais', 'baaees']],
  [23, ['तेईस', 'teis', 'teees', 'teiis']],
  [24, ['चौबीस', 'chaubees', 'chaubis', 'choubees', 'chobis']],
  [25, ['पच्चीस', 'pachchees', 'pachees', 'pachis', 'pacchis', 'pachchis']],
  [26, ['छब्बीस', 'chhabbees', 'chhabbis', 'chabbis', 'chabbees']],
  [27, ['सत्ताईस', 'sattaees', 'sattais', 'sataees', 'sattaaees']],
  [28, ['अट्ठाईस', 'अठाईस', 'atthaees', 'atthais', 'athais', 'athaees', 'atthaaees']],
  [29, ['उनतीस', 'untees', 'untis', 'unatis']],
  [30, ['तीस', 'tees', 'tis']],
  [31, ['इकतीस', 'iktees', 'iktis', 'ekattis', 'ikatis', 'ikattis', 'ikkatis', 'ikatees']],
];

const months: Array<[string, string[]]> = [
  ['january', ['जनवरी', 'janvari', 'janwari', 'janwary', 'janvary']],
  ['february', ['फरवरी', 'फ़रवरी', 'farvari', 'farwari', 'farvary', 'farwary', 'pharvari']],
  ['march', ['मार्च', 'maarch']],
  ['april', ['अप्रैल', 'अप्रेल', 'aprail', 'aprel', 'apral']],
  ['may', ['मई', 'mai', 'mayi']],
  ['june', ['जून', 'joon']],
  ['july', ['जुलाई', 'julai', 'julaai']],
  ['august', ['अगस्त', 'agast', 'agust', 'agasth']],
  ['september', ['सितंबर', 'सितम्बर', 'sitambar', 'sitamber', 'sitembar', 'sitmbar']],
  ['october', ['अक्टूबर', 'अक्तूबर', 'aktubar', 'aktoobar', 'oktubar', 'aktubr']],
  ['november', ['नवंबर', 'नवम्बर', 'navambar', 'navamber', 'nawambar', 'novembar']],
  ['december', ['दिसंबर', 'दिसम्बर', 'disambar', 'disamber', 'dismbar', 'disembar', 'decembar']],
];

/** Weekday stems; each romanised stem takes the suffixes var/vaar/war/waar. */
const weekdays: Array<[string, string[], string[]]> = [
  ['monday', ['सोमवार', 'सोम'], ['som']],
  ['tuesday', ['मंगलवार', 'मंगल'], ['mangal', 'mangl', 'mangel']],
  ['wednesday', ['बुधवार', 'बुध'], ['budh', 'budha', 'bud']],
  ['thursday', ['गुरुवार', 'गुरूवार', 'बृहस्पतिवार', 'वीरवार', 'बीरवार'], ['guru', 'guroo', 'brihaspati', 'brihaspat', 'veer', 'vir', 'bir', 'beer']],
  ['friday', ['शुक्रवार', 'शुक्र'], ['shukra', 'shukr', 'shukar', 'sukra', 'sukar', 'shukkar', 'sukkar']],
  ['saturday', ['शनिवार', 'शनि', 'शनीचर', 'शनिचर'], ['shani', 'shanee', 'sani', 'shanichar', 'sanichar']],
  ['sunday', ['रविवार', 'इतवार', 'एतवार', 'रवि'], ['ravi', 'rabi', 'it', 'itt', 'ait', 'et', 'ith']],
];
const weekdaySuffixes = ['var', 'vaar', 'war', 'waar', 'vār'];

/** The denial words a day or a worry is followed by. */
const denials = ['nahi', 'nahin', 'nhi', 'nai', 'नहीं', 'नही'];
/** Denies the day said before it, as nahi does: "kal busy hoon, parso", "aaj mushkil hai, kal". */
const unavailable = ['vyast', 'व्यस्त', 'mushkil', 'मुश्किल', 'muskil', 'bahar hoon', 'bahar hu', 'बाहर हूं', 'office mein hoon', 'office me hoon', 'office mein hu', 'office me hu', 'time nahi', 'samay nahi', 'समय नहीं',
  // An everyday reason to be away that day: "kal meeting hai, parso free hoon", "kal gaon ja raha hoon, monday ko call karna".
  ...['meeting', 'shaadi', 'shadi', 'exam', 'chutti', 'chhutti', 'puja', 'pooja', 'leave', 'function', 'duty', 'interview'].flatMap((reason) => [`${reason} hai`, `${reason} he`]),
  // Going somewhere that day, wherever it is: "kal bank jaana hai", "kal shaadi mein jaana hai", "parso delhi ja raha hoon".
  ...['jaana hai', 'jana hai', 'jaana he', 'jana he', 'ja raha hoon', 'ja rahi hoon', 'ja raha hu', 'ja rahi hu', 'ja raha hun', 'ja rahi hun', 'jaunga', 'jaungi', 'jaoonga', 'jaoongi',
    // "jaa raha hoon" as typed with the long a (probe round 10).
    'jaa raha hoon', 'jaa rahi hoon', 'jaa raha hu', 'jaa rahi hu', 'jaa raha hun', 'jaa rahi hun',
    'जाना है', 'जा रहा हूं', 'जा रही हूं', 'जा रहा हूँ', 'जा रही हूँ', 'जाऊंगा', 'जाऊंगी'],
  // Being somewhere that day: "kal main delhi mein hoon", "kal gaon mein hu" (at home is no absence, below).
  ...['mein', 'me', 'mai', 'में'].flatMap((inside) => ['hoon', 'hu', 'hun', 'rahunga', 'rahungi', 'हूं', 'हूँ', 'रहूंगा', 'रहूंगी'].map((am) => `${inside} ${am}`)),
  ...['office', 'kaam', 'school', 'college', 'class', 'tuition', 'ऑफिस', 'काम', 'स्कूल'].flatMap((reason) => [`${reason} hai`, `${reason} he`, `${reason} है`]),
  'मीटिंग है', 'शादी है', 'परीक्षा है', 'छुट्टी है', 'पूजा है'];
/** At home, or free, is no absence: "kal main ghar pe hoon, call karo". */
const atHome = ['ghar', 'ghar pe', 'ghar par', 'free', 'फ्री', 'घर', 'घर पे', 'घर पर'].flatMap((where) =>
  ['mein', 'me', 'mai', 'में', ''].flatMap((inside) => ['hoon', 'hu', 'hun', 'rahunga', 'rahungi', 'हूं', 'हूँ'].map((am) => [where, inside, am].filter(Boolean).join(' '))),
);
/** A choice of one day over another: "kal ki jagah parso", "kal ke bajaye parso" deny the day before them. */
const insteadOf = ['ki jagah', 'ke jagah', 'ki jagah par', 'ki jagah pe', 'ke bajaye', 'ke bajay', 'ke bajae', 'ki bajaye', 'ke badle', 'ke badle mein', 'की जगह', 'के बजाय', 'के बदले'];
/** A denial after these words is about something else: "kal koi dikkat nahi" is tomorrow; so is "kal call karna mat bhoolna". */
const aboutElse = ['dikkat', 'dikat', 'problem', 'issue', 'pareshani', 'tension', 'fikar', 'fikr', 'chinta', 'masla', 'दिक्कत', 'परेशानी', 'समस्या', 'चिंता'];
const forget = ['bhoolna', 'bhulna', 'bhoolo', 'bhulo', 'bhool', 'bhul', 'bhoolana', 'भूलना', 'भूलो', 'भूल'];
/** Greetings name no part of the day: "namaste, kal 11 baje", "shubh prabhat, kal". */
const greetings = ['namaste', 'namaskar', 'namaskaar', 'namastey', 'नमस्ते', 'नमस्कार', 'suprabhat', 'सुप्रभात', ...['shubh', 'शुभ'].flatMap((good) => ['prabhat', 'sandhya', 'ratri', 'raatri', 'dopahar', 'din', 'प्रभात', 'संध्या', 'रात्रि'].map((part) => `${good} ${part}`))];
/** The end of next month or week: "agle mahine ke aakhir mein" is its last day; "agle hafte ke end mein", like "end of next week", is refused. */
const ends = ['aakhir', 'akhir', 'aakhri', 'akhri', 'end', 'ant', 'last', 'आखिर', 'आखिरी', 'अंत'];
const nexts = ['agle', 'agla', 'agli', 'अगले'];

/** Hindi and Hinglish (docs/methods/validate-date-and-time.md). */
const hindiPhrases: ReadonlyArray<readonly [string, string]> = [
    ...numbers.flatMap(([value, words]) => words.map((word) => [word, `~${value}`] as const)),
    ...months.flatMap(([month, words]) => words.map((word) => [word, month] as const)),
    ...weekdays.flatMap(([day, native, stems]) => [
      ...native.map((word) => [word, day] as const),
      ...stems.flatMap((stem) => weekdaySuffixes.map((suffix) => [`${stem}${suffix}`, day] as const)),
    ]),
    ['mangal', 'tuesday'],
    ['shukr', 'friday'],
    // Ordinals: pehli tarikh, pehli janvari, doosra shanivar.
    ...([
      [1, ['पहली', 'पहला', 'pehli', 'pahli', 'pehla', 'pahla', 'pehlee']],
      [2, ['दूसरी', 'दूसरा', 'doosri', 'dusri', 'doosra', 'dusra']],
      [3, ['तीसरी', 'तीसरा', 'teesri', 'tisri', 'teesra', 'tisra']],
      [4, ['चौथी', 'चौथा', 'chauthi', 'chauthaa', 'chautha']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['aakhri', 'akhri', 'aakhiri', 'आखिरी'].map((word) => [word, 'final'] as const),
    ['budh', 'wednesday'],
    ['shukra', 'friday'],
    ['shani', 'saturday'],
    // Today, tomorrow (कल points both ways; a scheduling flow means the future), the next two days.
    ['आज', 'today'],
    ['aaj', 'today'],
    ['aj', 'today'],
    ['aaja', 'today'],
    // Now, the present moment (its day is today): "abhi nahi, shaam ko" is this evening.
    ['abhi', 'now'],
    ['कल', 'tomorrow'],
    ['kal', 'tomorrow'],
    ['kall', 'tomorrow'],
    ['kaal', 'tomorrow'],
    ['kl', 'tomorrow'],
    ['परसों', 'overmorrow'],
    ['परसो', 'overmorrow'],
    ['parson', 'overmorrow'],
    ['parso', 'overmorrow'],
    ['parsoon', 'overmorrow'],
    ['parsun', 'overmorrow'],
    ['parsu', 'overmorrow'],
    // Chat spellings: "parsoo shaam ko", "prso 4 bje", "narsoo".
    ...['parsoo', 'prso', 'prsoo', 'parsho'].map((word) => [word, 'overmorrow'] as const),
    ...['narsoo', 'naraso', 'narso', 'narsu'].map((word) => [word, '3 day later'] as const),
    ['parson', 'overmorrow'],
    ['नरसों', '3 day later'],
    ['narson', '3 day later'],
    ['narso', '3 day later'],
    // Next, this, coming.
    ['अगले', 'next'],
    ['अगला', 'next'],
    ['अगली', 'next'],
    ['agle', 'next'],
    ['agla', 'next'],
    ['agli', 'next'],
    ['agley', 'next'],
    ['aglay', 'next'],
    ['इस', 'this'],
    ['is', 'this'],
    ['iss', 'this'],
    ['ye', 'this'],
    ['yeh', 'this'],
    ['आने वाले', 'coming'],
    ['आने वाला', 'coming'],
    ['आने वाली', 'coming'],
    ['aane wale', 'coming'],
    ['aane wala', 'coming'],
    ['aane wali', 'coming'],
    ['aanewala', 'coming'],
    ['aanewale', 'coming'],
    ['ane wala', 'coming'],
    ['ane wale', 'coming'],
    ['anewala', 'coming'],
    ['पिछले', 'last'],
    ['pichhle', 'last'],
    ['pichle', 'last'],
    // Units and the words around them: "3 din baad", "agle hafte", "agle mahine ki 5 tarikh".
    ['दिन', 'day'],
    ['din', 'day'],
    ['dino', 'day'],
    ['dinon', 'day'],
    ['दिनों', 'day'],
    ['हफ्ते', 'week'],
    ['हफ्ता', 'week'],
    ['हफ़्ते', 'week'],
    ['सप्ताह', 'week'],
    ['hafte', 'week'],
    ['hapte', 'week'],
    ['agale', 'next'],
    ['hafta', 'week'],
    ['haftay', 'week'],
    ['hafteh', 'week'],
    ['hafton', 'week'],
    ['हफ्तों', 'week'],
    ['saptah', 'week'],
    ['महीने', 'month'],
    ['महीना', 'month'],
    ['माह', 'month'],
    ['mahine', 'month'],
    ['mahina', 'month'],
    ['mahinay', 'month'],
    ['mahiney', 'month'],
    ['maheene', 'month'],
    ['saal', 'year'],
    ['साल', 'year'],
    // "X ke baad": after X (a day said before it is excluded); "3 din (ke) baad" counts from today; "baad mein" is later.
    ['ke baad', 'kebaad'],
    ['ke bad', 'kebaad'],
    ['ke baad wala', 'kebaad'],
    ['ke baad wale', 'kebaad'],
    ['ke baad wali', 'kebaad'],
    ['के बाद', 'kebaad'],
    ['के बाद वाला', 'kebaad'],
    ['के बाद वाले', 'kebaad'],
    // "diwali ki chhutti ke baad", "holi vacation ke baad": after the festival's holidays, as "diwali ke baad".
    ...['ki chhutti', 'ki chutti', 'ki chhuttiyon', 'ki chuttiyon', 'ki chhuttiyan', 'chhutti', 'chutti', 'chhuttiyon', 'vacation', 'holidays', 'ki holidays', 'की छुट्टी', 'की छुट्टियों', 'छुट्टी', 'छुट्टियों'].flatMap((holidays) =>
      ['ke baad', 'ke bad', 'के बाद'].map((after) => [`${holidays} ${after}`, 'kebaad'] as const),
    ),
    // "15 ke baad pehla monday": the first Monday after the 15th, as "15 ke baad wala monday".
    ...['ke baad', 'ke bad', 'ke baad wala', 'ke baad wale', 'ke baad wali', 'के बाद', 'के बाद वाला', 'के बाद वाले'].flatMap((after) =>
      ['pehla', 'pehli', 'pehle', 'pahla', 'pahli', 'पहला', 'पहली', 'पहले'].map((first) => [`${after} ${first}`, 'kebaad'] as const),
    ),
    ['ke agle din', 'next day'],
    ['के अगले दिन', 'next day'],
    // "4 baje ke pehle" is "4 baje se pehle": a bound on the time (docs, "before").
    ['ke pehle', 'from before'],
    ['ke pahle', 'from before'],
    ['के पहले', 'from before'],
    // "sun lo", "sun na": "listen", no Sunday.
    ['sun lo', '_'],
    ['sun na', '_'],
    ['sun ji', '_'],
    ['suno', '_'],
    ['suniye', '_'],
    ['pehle', 'before'],
    ['pahle', 'before'],
    ['pehele', 'before'],
    ['phle', 'before'],
    ['पहले', 'before'],
    ['बाद', 'later'],
    ['baad', 'later'],
    ['bad', 'later'],
    ['baadme', 'later'],
    ['में', 'in'],
    ['mein', 'in'],
    ['me', 'in'],
    ['mai', 'may'],
    ['तारीख', 'tarikh'],
    ['तारीख़', 'tarikh'],
    ['तारिख', 'tarikh'],
    ['tarikh', 'tarikh'],
    ['tareekh', 'tarikh'],
    ['tarik', 'tarikh'],
    ['tareek', 'tarikh'],
    ['taarikh', 'tarikh'],
    ['tarikhko', 'tarikh'],
    // "15 ko" is the 15th: the grammar reads ko after a day number only.
    ['ko', 'ko'],
    ['को', 'ko'],
    ['date', 'tarikh'],
    // Parts of the day and "o'clock".
    ['सुबह', 'morning'],
    ['सवेरे', 'morning'],
    ['subah', 'morning'],
    ['subha', 'morning'],
    ['subeh', 'morning'],
    ['suba', 'morning'],
    ['savere', 'morning'],
    ['sawere', 'morning'],
    ['savera', 'morning'],
    ['sawera', 'morning'],
    ['subah subah', 'morning'],
    ['bhor', 'morning'],
    ['भोर', 'morning'],
    ['prabhat', 'morning'],
    ['प्रभात', 'morning'],
    ['pratah', 'morning'],
    ['प्रातः', 'morning'],
    ['प्रात', 'morning'],
    ['प्रातःकाल', 'morning'],
    ['pratahkal', 'morning'],
    ['आधी रात', 'midnight'],
    ['aadhi raat', 'midnight'],
    ['adhi raat', 'midnight'],
    ['aadhi rat', 'midnight'],
    ['minat', 'minute'],
    // Hours from now: "2 ghante baad", "aadhe ghante baad", "dedh ghante mein".
    ...['ghante', 'ghanta', 'ghanton', 'ghnte', 'ghante', 'घंटे', 'घंटा', 'घंटों'].map((word) => [word, 'hours'] as const),
    ...['aadhe ghante', 'adhe ghante', 'aadha ghanta', 'adha ghanta', 'आधे घंटे', 'आधा घंटा'].map((phrase) => [phrase, '30 minute'] as const),
    ...['dedh ghante', 'dedh ghanta', 'डेढ़ घंटे', 'डेढ़ घंटा'].map((phrase) => [phrase, '90 minute'] as const),
    ...['dhai ghante', 'dhai ghanta', 'ढाई घंटे'].map((phrase) => [phrase, '150 minute'] as const),
    // "kal, mera matlab parso": a self-correction, as English "i mean".
    ...['matlab', 'mera matlab', 'mera matlab hai', 'मतलब', 'मेरा मतलब'].map((phrase) => [phrase, 'correction'] as const),
    ['मिनट', 'minute'],
    // "4 baj kar 30 minute": the hour, then its minutes.
    ['baj kar', 'oclock'],
    ['bajkar', 'oclock'],
    ['baj ke', 'oclock'],
    ['bajke', 'oclock'],
    ['बजकर', 'oclock'],
    ['बज कर', 'oclock'],
    ['बज के', 'oclock'],
    ['dopahar', 'afternoon'],
    ['dopehar', 'afternoon'],
    ['dophar', 'afternoon'],
    ['dopaher', 'afternoon'],
    ['दोपहर', 'afternoon'],
    ['शाम', 'evening'],
    ['shaam', 'evening'],
    ['sham', 'evening'],
    ['shyam', 'evening'],
    ['रात', 'night'],
    ['raat', 'night'],
    ['बजे', 'oclock'],
    ['baje', 'oclock'],
    // "no baje": nine o'clock; "no" alone is the English denial (english.ts).
    ...['baje', 'bje', 'bajey', 'bajay'].map((oclock) => [`no ${oclock}`, '~9 oclock'] as const),
    ...['bje', 'bjey', 'bjay', 'baaje'].map((word) => [word, 'oclock'] as const),
    ['bje', 'oclock'],
    ['bajey', 'oclock'],
    // Hindi puts the denial after its day ("kal nahi, parso"): its own word, read the other way from English "not".
    ['nahi', 'nahi'],
    ['nahin', 'nahi'],
    ['nhi', 'nahi'],
    ['नहीं', 'nahi'],
    ['नही', 'nahi'],
    ['mat', 'nahi'],
    ['मत', 'nahi'],
    ['nai', 'nahi'],
    ['nahee', 'nahi'],
    ['naheen', 'nahi'],
    ['nahiin', 'nahi'],
    // "kal 5 baje? nahi nahi 6 baje": a denial said twice is one (probe round 10), so the second does not deny the day.
    ...denials.map((denial) => [`${denial} ${denial}`, 'nahi'] as const),
    // Not `na`/`ना`: mostly a tag asking a favour ("kal call karna na", "कल आना ना"), not a denial.
    // "friday chhod ke": except Friday, said after its day like nahi.
    ...['chhod', 'chod', 'chhodh', 'chodh', 'छोड़', 'छोड'].flatMap((leave) => [`${leave} ke`, `${leave}ke`, `${leave} kar`, `${leave}kar`, `${leave} कर`, `${leave}कर`, `${leave} के`, `${leave}के`].map((phrase) => [phrase, 'nahi'] as const)),
    ...atHome.map((phrase) => [phrase, '_'] as const),
    ...unavailable.map((phrase) => [phrase, 'notfine'] as const),
    // The past "was" ("kal call aaya tha", "parso complaint ki thi"): the day is one that went by, none to call on
    // (kal and parso point both ways); denied like an unavailable day, so another day said beside it stands.
    ...['tha', 'thi', 'था', 'थी'].map((word) => [word, 'notfine'] as const),
    // Asking whether the business is open that day ("sunday ko khula hai kya", "kal aap log khule ho kya", "kal office
    // band rahega kya"): no day to call on (probe round 10), denied like the past.
    ...['khula', 'khule', 'khuli', 'khulega', 'khulegi', 'khulenge', 'khulta', 'khulte', 'band', 'खुला', 'खुले', 'खुलेगा', 'बंद']
      .flatMap((open) => ['hai kya', 'he kya', 'ho kya', 'hain kya', 'hai ki nahi', 'rahega kya', 'rahta hai kya', 'kya', 'है क्या', 'हो क्या', 'रहेगा क्या', 'क्या'].map((asked) => [`${open} ${asked}`, 'notfine'] as const)),
    ...insteadOf.map((phrase) => [phrase, 'nahi'] as const),
    ...aboutElse.flatMap((about) => denials.map((denial) => [`${about} ${denial}`, '_'] as const)),
    ...forget.flatMap((word) => ['mat', 'मत', ...denials].flatMap((denial) => [[`${word} ${denial}`, '_'] as const, [`${denial} ${word}`, '_'] as const])),
    ...greetings.map((greeting) => [greeting, '_'] as const),
    ...nexts.flatMap((next) => ends.flatMap((end) => ['ke', 'ka', 'ki', 'के', 'का', 'की'].flatMap((of) => [
      [`${next} mahine ${of} ${end}`, 'last day of next month'] as const,
      [`${next} महीने ${of} ${end}`, 'last day of next month'] as const,
      [`${next} month ${of} ${end}`, 'last day of next month'] as const,
      [`${next} hafte ${of} ${end}`, 'last day of next week'] as const,
      [`hafte ${of} ${end}`, 'last day of this week'] as const,
    ]))),
    // Commas and "lekin" end a clause: a denial reaches no day past them.
    ['lekin', 'but'],
    ['magar', 'but'],
    ['लेकिन', 'but'],
    ['मगर', 'but'],
    // Fractions of the hour: saade 4 = 4:30, sawa 5 = 5:15, paune 5 = 4:45, dhai = 2:30, dedh = 1:30.
    ['साढ़े', 'halfpast'],
    ['saade', 'halfpast'],
    ['sade', 'halfpast'],
    ['saadhe', 'halfpast'],
    ['sadhe', 'halfpast'],
    ['saarhe', 'halfpast'],
    ['सवा', 'quarterpast'],
    ['sawa', 'quarterpast'],
    ['sava', 'quarterpast'],
    ['savva', 'quarterpast'],
    ['sawaa', 'quarterpast'],
    ['पौने', 'quarterto'],
    ['paune', 'quarterto'],
    ['pone', 'quarterto'],
    ['poune', 'quarterto'],
    ['paunay', 'quarterto'],
    ['ढाई', 'halfpast 2'],
    ['dhai', 'halfpast 2'],
    ['dhaai', 'halfpast 2'],
    ['dhayi', 'halfpast 2'],
    ['डेढ़', 'halfpast 1'],
    ['dedh', 'halfpast 1'],
    ['derh', 'halfpast 1'],
    ['dhedh', 'halfpast 1'],
    ['rat', 'night'],
    // The month's end: "mahine ke aakhir mein", "mahine ke end mein".
    ...['aakhir', 'akhir', 'aakhri', 'end', 'ant', 'last'].flatMap((end) => [
      [`mahine ke ${end}`, 'last day of this month'] as const,
      [`mahine ka ${end}`, 'last day of this month'] as const,
      [`month ke ${end}`, 'last day of this month'] as const,
    ]),
    ['महीने के आखिर', 'last day of this month'],
    ['महीने के अंत', 'last day of this month'],
    // "mahine ki aakhri tarikh", "is mahine ki last date", "महीने के आखिरी दिन", Hinglish "month ending": the month's last day
    // (probe round 10); "aakhri" alone before a weekday stays the month's last weekday.
    ...monthEnds(
      ['mahine ki', 'mahine ka', 'mahine ke', 'month ki', 'month ka', 'month ke', 'महीने की', 'महीने का', 'महीने के'],
      [...['aakhri', 'akhri', 'aakhiri', 'last'].flatMap((last) => ['tarikh', 'tareekh', 'date', 'din'].map((day) => `${last} ${day}`)), 'आखिरी दिन', 'आखिरी तारीख', 'अंतिम दिन', 'अंतिम तारीख', 'ending'],
      nexts,
    ),
    ...['month ending', 'month ending mein', 'month ending me'].map((phrase) => [phrase, 'last day of this month'] as const),
    ['raat ko', 'night'],
    ['rat ko', 'night'],
    ['dupahar', 'afternoon'],
    ['dupaher', 'afternoon'],
    ['दुपहर', 'afternoon'],
    ['ya', 'or'],
    // "3 aur 4 ke beech": a range of hours, read as its start.
    ['aur', 'to'],
    ['और', 'to'],
    // "aaj se 3 din baad": counted from today.
    ['se', 'from'],
    ['से', 'from'],
    ['agle se agle', 'next next'],
    ['agle se agla', 'next next'],
    ['agli se agli', 'next next'],
    ['अगले से अगले', 'next next'],
    ['अगले से अगला', 'next next'],
    // "agle hafte isi din", "agle hafte aaj ke din": the same weekday next week.
    ...nexts.flatMap((next) => ['isi din', 'aaj ke din', 'aaj hi ke din'].flatMap((same) => [[`${next} hafte ${same}`, '1 week later'] as const, [`${same} ${next} hafte`, '1 week later'] as const])),
    // "kal isi time", "agle hafte isi waqt": the time of day it is now.
    ...['isi time', 'isi taim', 'isi tym', 'issi time', 'isi samay', 'isi samaye', 'isi waqt', 'isi wakt', 'isi vakt', 'isi vaqt', 'aaj wale time', 'इसी समय', 'इसी वक्त', 'इसी वक़्त', 'इसी टाइम'].flatMap((same) => [
      [same, 'sametime'] as const,
      ...nexts.flatMap((next) => [[`${next} hafte ${same}`, '1 week later sametime'] as const, [`${same} ${next} hafte`, '1 week later sametime'] as const]),
    ]),
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['har', 'हर', 'pratyek', 'प्रत्येक'].map((word) => [word, 'vague'] as const),
    // "sunday ke alawa koi bhi din": every day but that one, so none to answer; denies the day before it, as nahi does.
    ...['ke alawa', 'ke alava', 'ke ilawa', 'ke ilava', 'ke siwa', 'ke siva', 'ke sivay', 'ke siwaay', 'के अलावा', 'के सिवा', 'के सिवाय', 'को छोड़कर'].map((phrase) => [phrase, 'nahi'] as const),
    ['या', 'or'],
    // Fillers and politeness.
    ...[
      'का', 'की', 'के', 'है', 'हैं', 'हो', 'कर', 'करो', 'करें', 'करना', 'दीजिए', 'दीजिये', 'कीजिए', 'कीजिये', 'मुझे', 'मैं', 'हम', 'हमें', 'आप', 'जी', 'हाँ', 'हां',
      'ठीक', 'बात', 'फोन', 'कॉल', 'वाले', 'वाला', 'तक', 'पर', 'भी', 'तो', 'ही', 'चाहिए', 'रखो', 'रखिए', 'लगाओ', 'बुक', 'प्लीज', 'कृपया', 'धन्यवाद', 'अच्छा',
      'ka', 'ki', 'ke', 'kee', 'hai', 'hain', 'ho', 'kar', 'karo', 'karen', 'karein', 'kariye', 'karna', 'karni', 'dena', 'dijiye', 'dijie', 'kijiye', 'kijie',
      'mujhe', 'mujhko', 'main', 'hum', 'humko', 'hume', 'humein', 'aap', 'aapko', 'ji', 'haan', 'han', 'haa', 'theek', 'thik', 'baat', 'phone', 'wale', 'wala', 'wali',
      'tak', 'par', 'pe', 'bhi', 'to', 'hi', 'chahiye', 'chaiye', 'rakho', 'rakhiye', 'rakh', 'lagao', 'lagaiye', 'karwa', 'karwao', 'karvao', 'acha', 'accha',
      'achha', 'bas', 'bhai', 'bhaiya', 'didi', 'sahab', 'saheb', 'shukriya', 'dhanyavad', 'kripya', 'milna', 'milo', 'aana', 'aao', 'aaiye', 'aayenge', 'aaunga',
      'sakte', 'sakta', 'sakti', 'kya', 'kab', 'koi', 'beech', 'bich', 'बीच', 'bilkul', 'बिल्कुल', 'bhej', 'bhejo', 'dekh', 'dekho', 'lo', 'lijiye', 'wapas', 'vapas', 'fir', 'phir',
    ].map((word) => [word, '_'] as const),
    // "ek pakhwade baad": a fortnight.
    ...['pakhwade', 'pakhwada', 'pakhwaade', 'pakhwara', 'पखवाड़े', 'पखवाड़ा', 'पखवाडे', 'पखवाडा'].map((word) => [word, 'fortnight'] as const),
];

export const hindi: LanguageTable = {
  language: 'Hindi',
  phrases: [
    ...hindiPhrases,
    // "january ke doosre shanivar": the oblique ordinals, weak (a month or a unit must stand beside them); "agle mahine ke
    // pehle somvar" is read by the grammar (monthThenWeekdayOfMonth), as "pehle" alone is "before".
    ...([
      [2, ['doosre', 'dusre', 'दूसरे']],
      [3, ['teesre', 'tisre', 'तीसरे']],
      [4, ['chauthe', 'चौथे']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
  ],
};
