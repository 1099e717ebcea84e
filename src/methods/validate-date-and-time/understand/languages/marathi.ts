import { fusedFractions, monthEnds, monthNames, numberWords, spellingVariants, type LanguageTable } from './table.js';

/** Marathi, Devanagari and romanised. काल is "yesterday" in Marathi and is left out; उद्या is tomorrow. */
export const marathi: LanguageTable = {
  language: 'Marathi',
  phrases: [
    // The day of the month: "15 tarkhela", "पंधरा तारखेला"; number words are weak (docs, "spoken numbers").
    ...['tarkhela', 'tarikhela', 'tarikhla', 'tarkhe', 'tarkhes', 'तारखेला', 'तारखेस', 'तारीखला', 'तारखे'].map((word) => [word, 'tarikh'] as const),
    ...numberWords([
      [1, ['एक']], [2, ['don', 'दोन']], [3, ['तीन']], [4, ['चार']], [5, ['paach', 'पाच']], [6, ['saha', 'सहा']], [7, ['सात']], [8, ['आठ']],
      [9, ['nau', 'नऊ']], [10, ['daha', 'दहा']], [11, ['akra', 'अकरा']], [12, ['bara', 'बारा']], [13, ['tera', 'तेरा']], [14, ['chauda', 'चौदा']],
      [15, ['pandhra', 'पंधरा']], [16, ['sola', 'सोळा']], [17, ['satra', 'सतरा']], [18, ['athra', 'अठरा']], [19, ['ekonis', 'एकोणीस']],
      [20, ['vees', 'वीस']], [21, ['ekvis', 'एकवीस']], [22, ['bavis', 'बावीस']], [23, ['tevis', 'तेवीस']], [24, ['chovis', 'चोवीस']],
      [25, ['panchvis', 'पंचवीस']], [26, ['savvis', 'सव्वीस']], [27, ['sattavis', 'सत्तावीस']], [28, ['atthavis', 'अठ्ठावीस']],
      [29, ['ekonatis', 'एकोणतीस']], [30, ['tees', 'तीस']], [31, ['ektis', 'एकतीस']],
    ]),
    ['आज', 'today'],
    ['आजच', 'today'],
    ['उद्या', 'tomorrow'],
    ['udya', 'tomorrow'],
    ['udyaa', 'tomorrow'],
    ['udyia', 'tomorrow'],
    ['परवा', 'overmorrow'],
    ['parva', 'overmorrow'],
    ['parwa', 'overmorrow'],
    ['parvaa', 'overmorrow'],
    ['सोमवार', 'monday'],
    ['मंगळवार', 'tuesday'],
    ['mangalvar', 'tuesday'],
    ['बुधवार', 'wednesday'],
    ['गुरुवार', 'thursday'],
    ['शुक्रवार', 'friday'],
    ['शनिवार', 'saturday'],
    ['रविवार', 'sunday'],
    // The locative "on Monday": सोमवारी, somvari.
    ...([
      ['monday', ['सोमवारी', 'somvari', 'somwari']],
      ['tuesday', ['मंगळवारी', 'mangalvari', 'mangalwari']],
      ['wednesday', ['बुधवारी', 'budhvari', 'budhwari']],
      ['thursday', ['गुरुवारी', 'guruvari', 'guruwari']],
      ['friday', ['शुक्रवारी', 'shukravari', 'shukrawari']],
      ['saturday', ['शनिवारी', 'shanivari', 'shaniwari']],
      ['sunday', ['रविवारी', 'ravivari', 'raviwari']],
    ] as const).flatMap(([day, words]) => words.map((word) => [word, day] as const)),
    ['पुढचा', 'next'],
    // "Every" before a day or a month: a recurring time names no one day (probe round 11; `vague`, grammar.ts).
    ...['दर', 'dar', 'प्रत्येक', 'pratyek'].map((word) => [word, 'vague'] as const),
    // "Except" after a day: every day but that one, none to answer; it denies the day before it, as Hindi "ke alawa" (probe round 11).
    ...['सोडून', 'sodun'].map((word) => [word, 'nahi'] as const),
    ['पुढच्या', 'next'],
    ['पुढची', 'next'],
    ['पुढील', 'next'],
    ['pudhcha', 'next'],
    ['pudhchya', 'next'],
    ['pudhchi', 'next'],
    ['pudhil', 'next'],
    ['pudcha', 'next'],
    ['pudhachya', 'next'],
    ['ह्या', 'this'],
    ['या', 'this'],
    ['hya', 'this'],
    ['येत्या', 'coming'],
    ['yetya', 'coming'],
    ['आठवड्यात', 'week'],
    ['आठवडा', 'week'],
    ['आठवड्याच्या', 'week'],
    ['athavda', 'week'],
    ['athvada', 'week'],
    ['athavdyat', 'week'],
    ['aathavdyat', 'week'],
    ['aathavda', 'week'],
    ['aathvada', 'week'],
    ['athavadyat', 'week'],
    ['दिवसांनी', 'day later'],
    ['दिवसानंतर', 'day later'],
    ['divsani', 'day later'],
    ['divasani', 'day later'],
    // "3 divsanni", "2 divasanantar", "२ तासांनी" (after 2 hours), "एका आठवड्याने" (after a week).
    ...['divsanni', 'divasanni', 'divsaanni', 'divsani', 'divasanantar', 'divsanantar', 'divasannantar', 'दिवसांन', 'दिवसांनंतर'].map((word) => [word, 'day later'] as const),
    ...['तासांनी', 'तासानी', 'तासानंतर', 'tasani', 'tasanni', 'taasani', 'taasanni', 'tasanantar', 'taasanantar'].map((word) => [word, 'hours later'] as const),
    ...['तास', 'tas', 'taas'].map((word) => [word, 'hours'] as const),
    ...['आठवड्याने', 'आठवड्यांनी', 'आठवड्यानंतर', 'aathavdyani', 'athavdyani', 'aathavdyane', 'athavdyane', 'aathvadyane', 'athvadyane', 'aathavdyanantar', 'athavdyanantar'].map((word) => [word, 'week later'] as const),
    ...['एका', 'eka', 'ek'].map((word) => [word, '~1'] as const),
    ['दिवस', 'day'],
    ['divas', 'day'],
    // "holi nantar" excludes the day, as "holi ke baad"; "3 divas nantar" counts from today.
    ['नंतर', 'kebaad'],
    ['nantar', 'kebaad'],
    ['महिन्याच्या', 'month'],
    ['महिन्यात', 'month'],
    ['mahinyachya', 'month'],
    // "pudhchya mahinyat 5 tarkhela": next month's 5th.
    ...['mahinyat', 'mahinyaat', 'mahina', 'mahinya', 'महिना', 'महिन्या'].map((word) => [word, 'month'] as const),
    // "पुढच्या महिन्याचा पहिला सोमवार", "januaricha dusra shanivar": a month's, then which of its weekdays (grammar.ts).
    ...['महिन्याचा', 'महिन्याची', 'महिन्यातील', 'महिन्यातला', 'mahinyacha', 'mahinyachi', 'mahinyatil', 'mahinyatla'].map((word) => [word, 'month'] as const),
    ...([
      [1, ['पहिला', 'पहिल्या', 'पहिली', 'pahila', 'pahilya', 'pahili']],
      [2, ['दुसरा', 'दुसऱ्या', 'दुसरी', 'dusra', 'dusrya', 'dusri']],
      [3, ['तिसरा', 'तिसऱ्या', 'तिसरी', 'tisra', 'tisrya', 'tisri']],
      [4, ['चौथा', 'चौथ्या', 'चौथी', 'chautha', 'chauthya', 'chauthi']],
    ] as const).flatMap(([value, words]) => words.map((word) => [word, `~${value}th`] as const)),
    ...['शेवटचा', 'शेवटच्या', 'शेवटची', 'shevatcha', 'shevatchya', 'shevatchi'].map((word) => [word, 'final'] as const),
    // "महिन्याच्या शेवटी", "mahinyachya shevti", "महिन्याचा शेवटचा दिवस": the month's last day (probe round 10).
    ...monthEnds(
      ['महिन्याच्या', 'महिन्याचा', 'mahinyachya', 'mahinyacha'],
      ['शेवटी', 'अखेरीस', 'शेवटच्या दिवशी', 'शेवटचा दिवस', 'शेवटची तारीख', 'shevti', 'shevati', 'shewti', 'akheris', 'shevatchya divshi', 'shevatcha divas', 'shevatchi tarikh'],
      ['पुढच्या', 'pudhchya', 'pudhachya'],
    ),
    ['sakali', 'morning'],
    ['सकाळी', 'morning'],
    ['dupari', 'afternoon'],
    ['दुपारी', 'afternoon'],
    ['sandhyakali', 'evening'],
    ['संध्याकाळी', 'evening'],
    ['ratri', 'night'],
    ['रात्री', 'night'],
    ['वाजता', 'oclock'],
    ['vajta', 'oclock'],
    ['wajta', 'oclock'],
    ['ला', '_'],
    ['ला', '_'],
    ['la', '_'],
    ['करा', '_'],
    ['kara', '_'],
    // The denial, said after the day it denies (like Hindi nahi).
    ['नको', 'nahi'],
    ['nako', 'nahi'],
    ['nako', 'nahi'],
    ['नाही', 'nahi'],
    ['nahi', 'nahi'],
    ['मला', '_'],
    ['mala', '_'],
    // Spans of hours from now, half an hour, hours said with their case ending, night and dawn words (probe round 8).
    ...['तासाने', 'तासांनी', 'तासांनंतर', 'तासानंतर', 'tasane', 'taasane', 'tasannantar'].map((word) => [word, 'hours later'] as const),
    ...['अर्ध्या तासाने', 'अर्धा तास', 'ardha tasane', 'ardhya tasane', 'ardha tas'].map((phrase) => [phrase, '30 minute later'] as const),
    ...['पहाटे', 'pahate', 'pahaate'].map((word) => [word, 'morning'] as const),
    // The past "was" ("kal phone korechilam"): a day that went by, none to call on; denied like an unavailable day.
    ...['होता', 'होती', 'होते', 'hota', 'hoti', 'hote'].map((word) => [word, 'notfine'] as const),
    // The romanised month names with the genitive or the locative fused on: "januarichya 5 tarkhela", "decemberla" (probe round 9).
    ...monthNames(
      [...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((month) => [month, month] as const),
        ['januari', 'january'], ['februari', 'february'], ['julai', 'july']],
      ['chya', 'cha', 'chi', 'la'],
    ).filter(([spelling, month]) => spelling !== month),
    // "मागच्या सोमवारी": the last one, a day gone by (probe round 9).
    ...['मागच्या', 'मागील', 'गेल्या', 'magchya', 'maagchya', 'magil', 'gelya'].map((word) => [word, 'last'] as const),
    // "दिवाळीच्या दुसऱ्या दिवशी", "आदल्या दिवशी": the day after or before the day said (probe round 9).
    ...['दुसऱ्या दिवशी', 'नंतरच्या दिवशी', 'dusrya divshi', 'dusrya divashi', 'nantarchya divshi'].map((phrase) => [phrase, 'next day'] as const),
    ...['आदल्या दिवशी', 'aadlya divshi', 'adlya divshi'].map((phrase) => [phrase, 'before day'] as const),
    ...['सायंकाळी', 'सायंकाळ', 'sayankali', 'saayankaali'].map((word) => [word, 'evening'] as const),
    // A range of hours, "दुपारी ३ ते ५": from one hour to the other; the range is its start (probe round 9).
    ['ते', 'to'],
    // Romanised "10 te 12": `te` alone is Bengali's o'clock ending (৫টে), so only between two hours, the first the smaller.
    ...Array.from({ length: 11 }, (_, first) => Array.from({ length: 11 - first }, (_, step) => [`${first + 1} te ${first + step + 2}`, `${first + 1} to ${first + step + 2}`] as const)).flat(),
    ...['paryant', 'पर्यंत', 'madhye', 'मध्ये'].map((word) => [word, '_'] as const),
    // Self-corrections: "शुक्रवारी... सॉरी, शनिवारी", as English "sorry".
    ...['सॉरी', 'सोरी', 'सारी', 'sori'].map((word) => [word, 'correction'] as const),
    // Busy or out of town ("उद्या मी बिझी आहे", "baher gavi") denies the day, as सुट्टी आहे does.
    ...['बिझी', 'बिजी', 'बिझी आहे', 'baher gavi', 'baher gaavi', 'बाहेर गावी', 'बाहेरगावी आहे'].map((phrase) => [phrase, 'notfine'] as const),
    // "pudhchya aathvadyat" (next week), "don aathvadyanni" (in two weeks): the week with its endings.
    ...['aathvadyat', 'athvadyat', 'आठवड्यात'].map((word) => [word, 'week'] as const),
    // The week's romanised stem as typed, aathavdya / aathvadya / athvadya / athwadya, with each ending: "don aathvadyanantar",
    // "teen athavdyanni" (probe round 10).
    ...['aathavdya', 'aathvadya'].flatMap((stem) => spellingVariants(stem, [['aa', 'a'], ['v', 'w']])).flatMap((stem) => [
      [`${stem}t`, 'week'] as const,
      ...['ni', 'nni', 'ne', 'nantar', 'nnantar'].map((ending) => [`${stem}${ending}`, 'week later'] as const),
    ]),
    ...['aathvadyanni', 'athvadyanni', 'आठवड्यांनी', 'aathvadyane', 'आठवड्याने'].map((word) => [word, 'week later'] as const),
    ...['pudhchya', 'पुढच्या'].map((word) => [word, 'next'] as const),
    // Half and quarter hours fused onto the hour: "साडेपाच" (5:30), "sadepach vajta", "सव्वापाच" (5:15), "पावणेपाच" (4:45).
    ...fusedFractions(
      [
        [1, ['एक']], [2, ['दोन', 'don']], [3, ['तीन', 'teen']], [4, ['चार', 'char']], [5, ['पाच', 'pach', 'paach']], [6, ['सहा', 'saha']], [7, ['सात', 'saat']],
        [8, ['आठ', 'aath']], [9, ['नऊ', 'nau']], [10, ['दहा', 'daha']], [11, ['अकरा', 'akra']], [12, ['बारा', 'bara']],
      ],
      [['halfpast', ['साडे', 'sade', 'saade']], ['quarterpast', ['सव्वा', 'savva', 'sawwa']], ['quarterto', ['पावणे', 'pavne', 'paavne']]],
      { fractionFirst: true, endings: ['ला', 'la'] },
    ),
    // Spans of days, "५ ते ८ तारखेदरम्यान", "somvar te budhvar": the word for date with "between" fused on, and "te" (to) after a
    // romanised weekday (after a number it is Bengali's "at").
    ...['तारखेदरम्यान', 'तारखेच्या', 'tarkhedarmyan', 'tarkhechya'].map((word) => [word, 'tarikh'] as const),
    ...['दरम्यान', 'darmyan', 'daramyan'].map((word) => [word, '_'] as const),
    // "5 te 8 tarkhedarmyan": romanised "te" (to) between two days before the word for date (elsewhere "5 te" is Bengali's "at 5").
    ...Array.from({ length: 31 }, (_, index) => index + 1).flatMap((day) => ['tarkhedarmyan', 'tarkhechya', 'tarkhela', 'tarikhela', 'tarkhe'].map((word) => [`te ${day} ${word}`, `from ${day} tarikh`] as const)),
    ...['somvar', 'mangalvar', 'budhvar', 'guruvar', 'shukravar', 'shanivar', 'ravivar'].map((name, index) => [`${name} te`, `${['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index]} from`] as const),
    // The English month names as this script writes them (probe round 8).
    ...monthNames([['जानेवारी', 'january'], ['फेब्रुवारी', 'february'], ['मार्च', 'march'], ['एप्रिल', 'april'], ['मे', 'may'], ['जून', 'june'], ['जुलै', 'july'], ['ऑगस्ट', 'august'], ['सप्टेंबर', 'september'], ['ऑक्टोबर', 'october'], ['नोव्हेंबर', 'november'], ['डिसेंबर', 'december']], ['च्या', 'ची', 'चा', 'ला', 'त', 'मध्ये']),
    // Fractions of the hour, as Hindi's saade/sawa/paune (probe round 8): half past, quarter past, quarter to.
    ...['साडे', 'sade', 'saade'].map((word) => [word, 'halfpast'] as const),
    ...['सव्वा', 'savva', 'sawwa'].map((word) => [word, 'quarterpast'] as const),
    ...['पावणे', 'pavne', 'paavne', 'pawne'].map((word) => [word, 'quarterto'] as const),
    ...['दीड', 'deed', 'did'].map((word) => [word, 'halfpast 1'] as const),
    ...['अडीच', 'adich', 'adeech'].map((word) => [word, 'halfpast 2'] as const),
    // Busy, away, a day off or "can't" said of a day denies it, as Hindi's vyast/chhutti hai (probe round 8).
    ...['बाहेरगावी', 'baheragavi', 'bahergavi', 'sutti aahe', 'सुट्टी आहे', 'jamnar nahi', 'जमणार नाही'].map((phrase) => [phrase, 'notfine'] as const),
    // Going anywhere that day, as Hindi "ja raha hoon": "उद्या मी गावाला जाणार आहे, सोमवारी फोन करा" (probe round 10).
    ...['जाणार आहे', 'जाणार आहोत', 'जात आहे', 'जातोय', 'जातेय', 'jaanar aahe', 'janar aahe', 'jaanar ahe', 'janar ahe', 'jaanar aahot', 'jat aahe', 'jatoy', 'jatey'].map((phrase) => [phrase, 'notfine'] as const),
  ],
};
