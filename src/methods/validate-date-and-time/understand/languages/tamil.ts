import { fusedFractions, fusedHalfHours, fusedTens, numberWords, ordinalWords, monthEnds, spellingVariants, type LanguageTable } from './table.js';

/**
 * A part of the day with the locative "in the", written and spoken (probe round 10): காலை → காலையில், காலையில, காலைல;
 * மதியம் → மதியத்தில், மதியத்துல; இரவு → இரவில், இரவுல; romanised kaalai → kaalaiyil, kaalaiyila, kaalaila, mathiyam → mathiyathula.
 */
function withLocative(words: readonly string[], meaning: string): Array<readonly [string, string]> {
  return words.flatMap((word) => {
    const native = !/^[a-z]+$/.test(word);
    let forms: string[];
    if (native) {
      if (word.endsWith('ம்')) forms = ['த்தில்', 'த்தில', 'த்துல'].map((ending) => `${word.slice(0, -2)}${ending}`);
      else if (word.endsWith('ு')) forms = [`${word.slice(0, -1)}ில்`, `${word.slice(0, -1)}ில`, `${word}ல`];
      else forms = [`${word}யில்`, `${word}யில`, `${word}ல`];
    } else if (word.endsWith('am')) forms = ['thil', 'thila', 'thula'].map((ending) => `${word.slice(0, -1)}${ending}`);
    else if (word.endsWith('u')) forms = [`${word.slice(0, -1)}il`, `${word}la`];
    else forms = [`${word}yil`, `${word}yila`, `${word}la`];
    return [word, ...forms].map((form) => [form, meaning] as const);
  });
}

/** Romanised Tamil writes த as th or dh (pathinanju, padhinanju; probe round 10): every romanised number phrase both ways. */
function withDh(phrases: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  return phrases.flatMap(([phrase, meaning]) =>
    /^[a-z ]+$/.test(phrase) && /^~|halfpast|quarter/.test(meaning) ? spellingVariants(phrase, [['th', 'dh']]).map((spelling) => [spelling, meaning] as const) : [[phrase, meaning] as const],
  );
}

// The units as Tamil writes them after a ten in one word (இருபத்தஞ்சு: 25), spoken forms included.
const tamilUnits: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['ஒன்று']], [2, ['இரண்டு']], [3, ['மூன்று', 'மூணு']], [4, ['நான்கு', 'நாலு']], [5, ['ஐந்து', 'அஞ்சு']], [6, ['ஆறு']], [7, ['ஏழு']], [8, ['எட்டு']], [9, ['ஒன்பது', 'ஒம்பது']],
];
const tamilTwenties = fusedTens([[20, 'இருபத்த்'], [30, 'முப்பத்த்']], tamilUnits, 'ு');

/** Tamil, native script and romanised; spoken forms (-kku, -kizhamai) included. */
const tamilPhrases: ReadonlyArray<readonly [string, string]> = [
    // The day of the month: "15 aam thethi", "pathinainthu thethi"; number words are weak (docs, "spoken numbers").
    ['aam', '_'],
    ['aam thethi', 'tarikh'],
    ['thedhi', 'tarikh'],
    ...numberWords([
      [1, ['onnu', 'ondru', 'ஒன்று']], [2, ['rendu', 'irandu', 'இரண்டு']], [3, ['moonu', 'moondru', 'மூன்று']], [4, ['naalu', 'naangu', 'நான்கு']],
      [5, ['anju', 'ainthu', 'aindhu', 'ஐந்து']], [6, ['aaru', 'ஆறு']], [7, ['ezhu', 'yezhu', 'ஏழு']], [8, ['ettu', 'எட்டு']], [9, ['onbathu', 'ஒன்பது']],
      [10, ['pathu', 'paththu', 'பத்து']], [11, ['pathinonnu', 'pathinondru', 'பதினொன்று', 'பதினொரு', 'pathinoru']], [12, ['pannendu', 'panirendu', 'பன்னிரண்டு']],
      [13, ['pathimoonu', 'pathimoondru', 'பதிமூன்று']], [14, ['pathinaalu', 'pathinaangu', 'பதினான்கு']], [15, ['pathinanju', 'pathinainthu', 'pathinaindhu', 'பதினைந்து']],
      [16, ['pathinaaru', 'பதினாறு']], [17, ['pathinezhu', 'பதினேழு']], [18, ['pathinettu', 'பதினெட்டு']], [19, ['pathonbathu', 'பத்தொன்பது']],
      [20, ['irupathu', 'irubathu', 'iruvathu', 'இருபது']], [30, ['muppathu', 'mupathu', 'முப்பது']],
    ], [[20, ['irupathi', 'irubathi', 'iruvathi', 'irupathu', 'iruvathu']], [30, ['muppathi']]], ['onnu', 'rendu', 'moonu', 'naalu', 'anju', 'aaru', 'ezhu', 'ettu', 'onbathu']),
    ...['saayangaalam', 'sayangaalam', 'saayankaalam', 'sayankalam'].map((word) => [word, 'evening'] as const),
    ['இன்று', 'today'],
    ['இன்னைக்கு', 'today'],
    ['இன்றைக்கு', 'today'],
    ['indru', 'today'],
    ['inru', 'today'],
    ['innaikku', 'today'],
    ['innaiku', 'today'],
    ['inniki', 'today'],
    ['indraikku', 'today'],
    ['நாளை', 'tomorrow'],
    ['நாளைக்கு', 'tomorrow'],
    ['naalai', 'tomorrow'],
    ['nalai', 'tomorrow'],
    ['naalaikku', 'tomorrow'],
    ['nalaikku', 'tomorrow'],
    ['naalaiku', 'tomorrow'],
    ['nalaiku', 'tomorrow'],
    ['naliku', 'tomorrow'],
    ['naaliku', 'tomorrow'],
    ['நாளை மறுநாள்', 'overmorrow'],
    ['நாளன்னைக்கு', 'overmorrow'],
    ['மறுநாள்', 'overmorrow'],
    ['naalai marunaal', 'overmorrow'],
    ['nalai marunal', 'overmorrow'],
    ...['naalanniku', 'nalanniku', 'naalannikku', 'நாளன்னிக்கு'].map((word) => [word, 'overmorrow'] as const),
    ['naalai marunal', 'overmorrow'],
    ['marunaal', 'overmorrow'],
    ['marunal', 'overmorrow'],
    ['naalannaikku', 'overmorrow'],
    ['nalannaikku', 'overmorrow'],
    ['திங்கள்', 'monday'],
    ['திங்கட்கிழமை', 'monday'],
    ['திங்கள்கிழமை', 'monday'],
    ['செவ்வாய்', 'tuesday'],
    ['செவ்வாய்க்கிழமை', 'tuesday'],
    ['புதன்', 'wednesday'],
    ['புதன்கிழமை', 'wednesday'],
    ['வியாழன்', 'thursday'],
    ['வியாழக்கிழமை', 'thursday'],
    ['வெள்ளி', 'friday'],
    ['வெள்ளிக்கிழமை', 'friday'],
    ['சனி', 'saturday'],
    ['சனிக்கிழமை', 'saturday'],
    ['ஞாயிறு', 'sunday'],
    ['ஞாயிற்றுக்கிழமை', 'sunday'],
    ['thingal', 'monday'],
    ['thingalkizhamai', 'monday'],
    ['thingatkizhamai', 'monday'],
    ['tingal', 'monday'],
    ['sevvai', 'tuesday'],
    ['sevvaai', 'tuesday'],
    ['chevvai', 'tuesday'],
    ['sevvaikizhamai', 'tuesday'],
    ['sevvaikkizhamai', 'tuesday'],
    ['budhan', 'wednesday'],
    ['puthan', 'wednesday'],
    ['pudhan', 'wednesday'],
    ['budhankizhamai', 'wednesday'],
    ['puthankizhamai', 'wednesday'],
    ['viyazhan', 'thursday'],
    ['vyazhan', 'thursday'],
    ['viyalan', 'thursday'],
    ['viyazhakizhamai', 'thursday'],
    ['viyazhakkizhamai', 'thursday'],
    ['velli', 'friday'],
    ['vellikizhamai', 'friday'],
    ['vellikkizhamai', 'friday'],
    ['sani', 'saturday'],
    ['sanikizhamai', 'saturday'],
    ['sanikkizhamai', 'saturday'],
    ['nyayiru', 'sunday'],
    ['gnayiru', 'sunday'],
    ['nyaayiru', 'sunday'],
    ['gnayiru', 'sunday'],
    ['nyayitrukizhamai', 'sunday'],
    ['gnayitrukizhamai', 'sunday'],
    ['kizhamai', '_'],
    ['கிழமை', '_'],
    ['அடுத்த', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['ஒவ்வொரு', 'ovvoru', 'ovvaru'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['தவிர', 'thavira', 'tavira'].map((word) => [word, 'nahi'] as const),
    ['அடுத்து', 'next'],
    ['adutha', 'next'],
    // "அடுத்த மாதம் 5 ஆம் தேதி": next month's 5th.
    ...['மாதம்', 'மாதத்தில்', 'மாசம்', 'maadham', 'madham', 'maatham', 'maasam', 'masam', 'மாசமும்', 'மாதமும்', 'maasamum'].map((word) => [word, 'month'] as const),
    // "அடுத்த மாதத்தின் இரண்டாவது சனிக்கிழமை": a month's, then which of its weekdays (grammar.ts).
    ...['மாதத்தின்', 'மாசத்தின்', 'மாதத்தோட', 'மாசத்தோட', 'மாதத்து', 'மாசத்து', 'maadhathin', 'maasathin', 'maasathoda', 'masathoda'].map((word) => [word, 'month'] as const),
    ...([
      [2, ['இரண்டாவது', 'ரெண்டாவது', 'irandavathu', 'rendavathu']],
      [3, ['மூன்றாவது', 'மூணாவது', 'moondravathu', 'moonavathu']],
      [4, ['நான்காவது', 'நாலாவது', 'naangavathu', 'naalavathu']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ['aduththa', 'next'],
    ['adutta', 'next'],
    ['aduttha', 'next'],
    ['இந்த', 'this'],
    ['intha', 'this'],
    ['indha', 'this'],
    ['வாரம்', 'week'],
    // "15 ஆம் தேதி": the 15th.
    ['ஆம் தேதி', 'tarikh'],
    ['ஆம்', '_'],
    ['தேதி', 'tarikh'],
    ['thethi', 'tarikh'],
    ['theti', 'tarikh'],
    ['tethi', 'tarikh'],
    ['vaaram', 'week'],
    ['varam', 'week'],
    ['நாள்', 'day'],
    ['நாட்கள்', 'day'],
    ['naal', 'day'],
    ['naatkal', 'day'],
    ['கழித்து', 'later'],
    ['kazhithu', 'later'],
    ['kalichu', 'later'],
    ['kazhichu', 'later'],
    ['காலை', 'morning'],
    ['kaalai', 'morning'],
    ['kalai', 'morning'],
    ['kaalaila', 'morning'],
    ['kalaila', 'morning'],
    ['kaalayil', 'morning'],
    ['maalaila', 'evening'],
    ['malaila', 'evening'],
    ['saayangalam', 'evening'],
    ['மதியம்', 'afternoon'],
    ['madhiyam', 'afternoon'],
    ['mathiyam', 'afternoon'],
    ['மாலை', 'evening'],
    ['maalai', 'evening'],
    ['malai', 'evening'],
    ['இரவு', 'night'],
    ['iravu', 'night'],
    // Spoken spellings of the parts of the day.
    ...['சாயங்காலம்', 'சாயந்திரம்', 'சாயங்காலமா', 'saayandhiram', 'sayanthiram', 'saayanthiram', 'sayandhiram', 'saayangalama'].map((word) => [word, 'evening'] as const),
    ...['மத்தியானம்', 'mathiyanam', 'madhiyanam', 'mathiyaanam', 'madhyanam'].map((word) => [word, 'afternoon'] as const),
    ...['ராத்திரி', 'raathiri', 'rathiri', 'raatri', 'iravula'].map((word) => [word, 'night'] as const),
    ...['kaalaiyil', 'kalaiyila', 'kaalaiyila', 'kaalayila'].map((word) => [word, 'morning'] as const),
    ...withLocative(['காலை', 'kaalai', 'kalai'], 'morning'),
    ...withLocative(['மதியம்', 'மத்தியானம்', 'mathiyam', 'madhiyam', 'mathiyanam', 'madhiyanam'], 'afternoon'),
    ...withLocative(['மாலை', 'சாயங்காலம்', 'சாயந்திரம்', 'maalai', 'malai', 'saayangaalam', 'sayangalam', 'saayandhiram', 'sayanthiram'], 'evening'),
    ...withLocative(['இரவு', 'ராத்திரி', 'iravu', 'raathiri', 'rathiri'], 'night'),
    ['மணிக்கு', 'oclock'],
    ['மணி', 'oclock'],
    ['manikku', 'oclock'],
    ['mani', 'oclock'],
    ['பண்ணுங்க', '_'],
    ['pannunga', '_'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['வேண்டாம்', 'nahi'],
    ['vendaam', 'nahi'],
    ['vendam', 'nahi'],
    ['venam', 'nahi'],
    ['vaenam', 'nahi'],
    ['vaendaam', 'nahi'],
    ['இல்லை', 'nahi'],
    ['இல்ல', 'nahi'],
    ['illai', 'nahi'],
    ['illa', 'nahi'],
    ['எனக்கு', '_'],
    ['enakku', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['மணி நேரம்', 'மணிநேரம்', 'mani neram', 'maninéram', 'mani nearam'].map((phrase) => [phrase, 'hours'] as const),
    ...['அரை மணி நேரம்', 'arai mani neram', 'ara mani neram'].map((phrase) => [phrase, '30 minute'] as const),
    ...['oru', 'ஒரு'].map((word) => [word, '~1'] as const),
    ...['அதிகாலை', 'அதிகாலையில', 'adhikaalai', 'athikalai', 'adhikalaila'].map((word) => [word, 'morning'] as const),
    // Half past an hour in one word: ஐந்தரை (aintharai) is 5:30, ஐந்தரைக்கு at 5:30.
    ...fusedHalfHours(
      [
        [1, ['ஒன்றரை', 'onnarai', 'ondrarai']], [2, ['இரண்டரை', 'rendarai', 'irandarai']], [3, ['மூன்றரை', 'moonarai', 'moondrarai']],
        [4, ['நான்கரை', 'naalarai', 'naangarai']], [5, ['ஐந்தரை', 'aintharai', 'aindharai', 'anjarai']], [6, ['ஆறரை', 'aararai']],
        [7, ['ஏழரை', 'ezharai', 'yezharai']], [8, ['எட்டரை', 'ettarai']], [9, ['ஒன்பதரை', 'onbatharai', 'ombadharai', 'ombatharai']], [10, ['பத்தரை', 'patharai', 'paththarai', 'pattharai']],
        [11, ['பதினொன்றரை', 'pathinonnarai']], [12, ['பன்னிரண்டரை', 'pannendarai']],
      ],
      { native: ['க்கு', 'மணிக்கு'], romanised: ['kku', 'ku', 'manikku'] },
    ),
    // "போன திங்கள்", "கடந்த வாரம்": the last one, a day gone by (probe round 9).
    ...['போன', 'கடந்த', 'kadandha', 'kadantha'].map((word) => [word, 'last'] as const),
    // "மாத கடைசியில்", "maasa kadaisiyil", "மாசத்தோட கடைசி நாள்": the month's last day (probe round 10); கடைசி alone is the
    // month's last weekday before one.
    ...monthEnds(
      ['மாத', 'மாச', 'மாதம்', 'மாசம்', 'மாதத்தின்', 'மாசத்தோட', 'maasa', 'maatha', 'masa', 'maasam', 'maadham', 'maasathoda', 'maathathin'],
      ['கடைசியில்', 'கடைசியில', 'கடைசில', 'கடைசி நாள்', 'கடைசி தேதி', 'இறுதியில்', 'kadaisiyil', 'kadaisiyila', 'kadaisila', 'kadasila', 'kadaisi naal', 'kadaisi thethi', 'iruthiyil', 'irudhiyil'],
      ['அடுத்த', 'adutha'],
    ),
    // "பொங்கலுக்கு அடுத்த நாள்", "pongal mudinju adutha naal": the day after or before the day said (probe round 9).
    ...['அடுத்த நாள்', 'முடிந்து அடுத்த நாள்', 'முடிஞ்சு அடுத்த நாள்', 'adutha naal', 'adutha nal', 'mudinju adutha naal', 'mudinju adutha nal'].map((phrase) => [phrase, 'next day'] as const),
    ...['முந்தைய நாள்', 'முதல் நாள்', 'mundhaiya naal', 'munthaiya naal'].map((phrase) => [phrase, 'before day'] as const),
    // ... with the dative written apart from the day's name: "pongal ku adutha naal", "deepavali kku mundhaiya naal" (probe round 10;
    // the ending was an unknown word and the day after was refused).
    ...['ku', 'kku', 'ukku'].flatMap((dative) =>
      [...['adutha naal', 'adutha nal'].map((phrase) => [phrase, 'next day'] as const), ...['mundhaiya naal', 'munthaiya naal'].map((phrase) => [phrase, 'before day'] as const)].map(
        ([phrase, meaning]) => [`${dative} ${phrase}`, meaning] as const,
      ),
    ),
    // The hours as spoken Tamil writes them in its own script ("நாலு மணிக்கு").
    ...numberWords([[1, ['ஒண்ணு']], [2, ['ரெண்டு']], [3, ['மூணு']], [4, ['நாலு']], [5, ['அஞ்சு']], [9, ['ஒம்பது']], [12, ['பன்னெண்டு']]]),
    // A range of hours, "காலை 10 முதல் 12 மணி வரை", "4 மணியிலிருந்து 6 மணி வரை": from one hour to the other; the range
    // is its start (probe round 9).
    ...['முதல்', 'muthal', 'mudhal', 'இருந்து', 'irundhu', 'irunthu', 'lerndhu', 'lendhu'].map((word) => [word, 'from'] as const),
    ...['மணியிலிருந்து', 'maniyilirundhu', 'maniyilirunthu', 'manilerndhu', 'manilendhu'].map((word) => [word, 'oclock from'] as const),
    ...['வரை', 'varai', 'vara', 'வரைக்கும்', 'varaikkum', 'naduvula', 'நடுவுல', 'இடையில்'].map((word) => [word, '_'] as const),
    // Days of the month said as ordinals, "அஞ்சாம் தேதி", "anjaam thethi" (the fifth), and 21–31 in one word, "டிசம்பர் இருபத்தஞ்சு".
    ...numberWords(tamilTwenties),
    ...ordinalWords(
      [
        ...tamilUnits, ...tamilTwenties, [10, ['பத்து']], [11, ['பதினொன்று']], [12, ['பன்னிரண்டு']], [13, ['பதிமூன்று']], [14, ['பதினான்கு', 'பதினாலு']], [15, ['பதினைந்து', 'பதினஞ்சு']],
        [16, ['பதினாறு']], [17, ['பதினேழு']], [18, ['பதினெட்டு']], [19, ['பத்தொன்பது']], [20, ['இருபது']], [30, ['முப்பது']],
        [1, ['onnu']], [2, ['rendu']], [3, ['moonu', 'moonu']], [4, ['naalu']], [5, ['anju', 'ainthu', 'aindhu']], [6, ['aaru']], [7, ['ezhu']], [8, ['ettu']], [9, ['onbathu']],
        [10, ['pathu', 'paththu']], [11, ['pathinonnu']], [12, ['pannendu']], [13, ['pathimoonu']], [14, ['pathinaalu']], [15, ['pathinanju', 'pathinainthu', 'pathinaindhu']],
        [16, ['pathinaaru']], [17, ['pathinezhu']], [18, ['pathinettu']], [19, ['pathonbathu']], [20, ['irupathu', 'iruvathu']], [30, ['muppathu']],
      ],
      [[/ு$/, 'ாம்'], [/u$/, 'aam']],
    ),
    ...['தேதியிலிருந்து', 'தேதியில் இருந்து', 'thethiyilirundhu', 'thethiyilirunthu', 'thethilerndhu'].map((phrase) => [phrase, 'tarikh from'] as const),
    // Self-corrections: "வெள்ளிக்கிழமை... சாரி, சனிக்கிழமை", as English "sorry".
    ...['சாரி', 'சாரி சாரி', 'சோரி'].map((phrase) => [phrase, 'correction'] as const),
    // Busy or out of town ("நாளைக்கு நான் பிஸி", "ooru la illa") denies the day, as ஊருக்கு போறேன் does.
    ...['பிஸி', 'பிசி', 'ஊர்ல இல்ல', 'ஊரில் இல்லை', 'ooru la illa', 'oorla illa', 'oorula illa'].map((phrase) => [phrase, 'notfine'] as const),
    // "மூணு நாள் கழிச்சு": the spoken "after", as kazhichu.
    ...['கழிச்சு', 'களிச்சு'].map((word) => [word, 'later'] as const),
    // A quarter past the hour and three quarters in one word with it: "நாலே கால் மணிக்கு" (4:15), "அஞ்சே முக்கால்" (5:45), "naale kaal manikku";
    // romanised and apart only before manikku ("naale" is tomorrow elsewhere).
    ...fusedFractions(
      [
        ...tamilUnits, [10, ['பத்து']], [11, ['பதினொன்னு']], [12, ['பன்னெண்டு', 'பன்னிரண்டு']],
        [1, ['onnu']], [2, ['rendu']], [3, ['moonu']], [4, ['naalu']], [5, ['anju']], [6, ['aaru']], [7, ['ezhu']], [8, ['ettu']], [9, ['ombathu', 'onbathu']],
        [10, ['pathu']], [11, ['pathinonnu']], [12, ['pannendu']],
      ],
      [['quarterpast', ['கால்', ' கால்', 'kaal', ' kaal manikku', ' kaal mani']], ['threequarters', ['முக்கால்', ' முக்கால்', 'mukkaal', 'mukkal', ' mukkaal manikku', ' mukkal manikku', ' mukkal mani']]],
      { join: [[/ு$/, 'ே'], [/u$/, 'e']], endings: ['க்கு', 'kku'] },
    ),
    // "5 முதல் 8ஆம் தேதிக்குள்", "8 aam thethikulla": the word for date with "within" fused on.
    ...['தேதிக்குள்', 'thethikulla', 'thethikkulla', 'thethikul'].map((word) => [word, 'tarikh'] as const),
    // Romanised "pona thingal": last Monday, as போன திங்கள் ("pona" alone is Gujarati's quarter to; it was read as the coming Monday).
    ...['thingal', 'sevvai', 'budhan', 'viyazhan', 'velli', 'sani', 'nyayiru'].map((name, index) => [`pona ${name}`, `last ${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]}`] as const),
    ...['pona vaaram', 'pona varam'].map((phrase) => [phrase, 'last week'] as const),
    // Spoken spellings of the weekdays: "திங்கக்கிழமை", "gnayitru kizhamai".
    ...['திங்கக்கிழமை', 'thingakizhamai', 'thingakkizhamai'].map((word) => [word, 'monday'] as const),
    ...['gnayitru', 'nyayitru', 'gnaayitru', 'ஞாயித்துக்கிழமை', 'gnayithu'].map((word) => [word, 'sunday'] as const),
    // "கால் வந்துச்சு" (a call came): the past, a day gone by with none to call on, as Hindi "tha" (the spelling above would
    // otherwise read "போன திங்கக்கிழமை கால் வந்துச்சு" as 30 Nov, where it was refused).
    ...['வந்துச்சு', 'vandhuchu', 'vanthuchu'].map((word) => [word, 'notfine'] as const),
    // ... and the written past, "கால் வந்தது" (a call came), "இருந்தது" (was) (probe round 10).
    ...['வந்தது', 'இருந்தது', 'vandhadhu', 'vanthathu', 'vandhathu', 'irundhadhu', 'irunthathu', 'irundhuchu', 'irunthuchu', 'இருந்துச்சு'].map((word) => [word, 'notfine'] as const),
    // The English month names as this script writes them (probe round 8).
    ...([['ஜனவரி', 'january'], ['பிப்ரவரி', 'february'], ['மார்ச்', 'march'], ['ஏப்ரல்', 'april'], ['மே', 'may'], ['ஜூன்', 'june'], ['ஜூலை', 'july'], ['ஆகஸ்ட்', 'august'], ['செப்டம்பர்', 'september'], ['அக்டோபர்', 'october'], ['நவம்பர்', 'november'], ['டிசம்பர்', 'december']] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['ஊருக்கு போறேன்', 'oorukku poren', 'oorukku porean', 'mudiyadhu', 'mudiyathu', 'முடியாது', 'vidumurai', 'விடுமுறை'].map((phrase) => [phrase, 'notfine'] as const),
];

export const tamil: LanguageTable = {
  language: 'Tamil',
  phrases: [
    ...withDh(tamilPhrases),
    // "ஜனவரி மாசம் கடைசி வெள்ளி": a month's last weekday; "அடுத்த மாசம் முதல் திங்கள்" (முதல், "from" after a day, is
    // "first" before one) is read by the grammar (monthThenWeekdayOfMonth).
    ...['கடைசி', 'kadaisi', 'kadasi'].map((word) => [word, 'final'] as const),
  ],
};
