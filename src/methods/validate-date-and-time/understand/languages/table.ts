/**
 * One language's words for dates, mapped to the canonical English words the
 * grammar reads (docs/methods/validate-date-and-time.md, "Reading inputDate").
 * A phrase is one or more words as a caller writes them (native script or
 * romanised); its meaning is one or more canonical words, separated by spaces:
 * `today`, `tomorrow`, `overmorrow` (the day after tomorrow), weekday and month
 * names, `next`, `this`, `coming`, `day`, `week`, `month`, `later`, `in`,
 * `tarikh` (a day of the month), `morning` … `night`, `oclock`, numbers as
 * digits, or `_` for a word to drop (fillers and politeness).
 *
 * A word written `?name` is loose: a short name that is also an ordinary word ("sat"), read as
 * the name only when no unknown word stands beside it.
 *
 * A word written `!name` is a day only right before a clock or a part of the day ("tom 4pm", "thr 5pm"; "tom" alone
 * is a name).
 *
 * A number written `~N` is weak: it counts only beside a month, a unit
 * (`din`, `hafte`) or `tarikh`, because the romanised word is also an
 * ordinary word ("do" is two and also "give").
 */
export interface LanguageTable {
  language: string;
  phrases: ReadonlyArray<readonly [phrase: string, meaning: string]>;
}

/**
 * Weak number words 1–31 (`~N`, docs "spoken numbers"): `units` are 1–19 and the tens; a language that says 21–29
 * as a ten then a unit ("iravai okati") gives `tens` (their spellings before a unit) and the nine unit words.
 */
export function numberWords(
  words: ReadonlyArray<readonly [number, readonly string[]]>,
  tens: ReadonlyArray<readonly [number, readonly string[]]> = [],
  unitsAfterTen: readonly string[] = [],
): Array<readonly [string, string]> {
  const phrases: Array<readonly [string, string]> = words.flatMap(([value, spellings]) => spellings.map((word) => [word, `~${value}`] as const));
  for (const [ten, spellings] of tens) {
    for (const spelling of spellings) {
      unitsAfterTen.forEach((unit, index) => {
        if (ten + index + 1 <= 31) phrases.push([`${spelling} ${unit}`, `~${ten + index + 1}`]);
      });
    }
  }
  return phrases;
}

/**
 * Half past an hour said as one word, as the Dravidian languages fuse the number with "and a half" (Tamil
 * ஐந்தரை, Telugu ఐదున్నర, Kannada ಐದೂವರೆ, Malayalam അഞ്ചര: 5:30), alone and with the language's "at"
 * endings fused on (ஐந்தரைக்கு): native endings on native spellings, romanised on romanised.
 */
export function fusedHalfHours(
  words: ReadonlyArray<readonly [hour: number, spellings: readonly string[]]>,
  endings: { native: readonly string[]; romanised: readonly string[] },
): Array<readonly [string, string]> {
  return words.flatMap(([hour, spellings]) =>
    spellings.flatMap((spelling) => {
      const fused = (/^[a-z]+$/.test(spelling) ? endings.romanised : endings.native).map((ending) => [`${spelling}${ending}`, `halfpast ${hour} oclock`] as const);
      return [[spelling, `halfpast ${hour}`] as const, ...fused];
    }),
  );
}

/**
 * The English month names as a script writes them, alone and with the case endings its speakers fuse on
 * (Bengali জানুয়ারির "of January", ডিসেম্বরে "in December"; Marathi जानेवारीच्या, डिसेंबरला; Gujarati જાન્યુઆરીની):
 * without the ending, the day after was read in the current month.
 */
export function monthNames(names: ReadonlyArray<readonly [name: string, month: string]>, endings: readonly string[] = []): Array<readonly [string, string]> {
  return names.flatMap(([name, month]) => [[name, month] as const, ...endings.map((ending) => [`${name}${ending}`, month] as const)]);
}

/**
 * A day of the month said as an ordinal word ("the fifth"), made from the number words by the language's ending:
 * Tamil அஞ்சு → அஞ்சாம், Kannada ಐದು → ಐದನೇ, Malayalam അഞ്ച് → അഞ്ചാം, Telugu ఐదు → ఐదో, Bengali পনেরো → পনেরোই. Each
 * rule replaces what a spelling ends with; the ordinals are weak (`~Nth`) as the number words are.
 */
export function ordinalWords(
  words: ReadonlyArray<readonly [number, readonly string[]]>,
  rules: ReadonlyArray<readonly [ending: RegExp, replacement: string]>,
): Array<readonly [string, string]> {
  return words.flatMap(([value, spellings]) =>
    spellings.flatMap((spelling) => rules.filter(([ending]) => ending.test(spelling)).map(([ending, replacement]) => [spelling.replace(ending, replacement), `~${value}th`] as const)),
  );
}

/**
 * The numbers 21–31 as the Dravidian scripts write them, a ten and a unit in one word (Tamil இருபத்தஞ்சு, Kannada
 * ಇಪ್ಪತ್ತೈದು, Malayalam ഇരുപത്തഞ്ച്: 25). `tens` end in the script's virama (இருபத்த்): a unit that begins with a vowel
 * takes the vowel's sign in its place, any other is joined by `link` (Tamil ு: இருபத்துமூன்று).
 */
export function fusedTens(
  tens: ReadonlyArray<readonly [ten: number, stem: string]>,
  units: ReadonlyArray<readonly [number, readonly string[]]>,
  link: string,
): Array<readonly [number, string[]]> {
  return tens.flatMap(([ten, stem]) => {
    const base = stem.slice(0, -1);
    return units
      .filter(([unit]) => unit >= 1 && unit <= 9 && ten + unit <= 31)
      .map(([unit, spellings]) => [
        ten + unit,
        spellings.filter((spelling) => !/^[a-z]/.test(spelling)).map((spelling) => {
          const first = spelling.codePointAt(0)!;
          const offset = first & 0x7f;
          // Independent vowels sit at 0x05–0x14 of each Indian script's block, their signs 0x38 further on; "a" has none.
          if (offset === 0x05) return `${base}${spelling.slice(1)}`;
          if (offset > 0x05 && offset <= 0x14) return `${base}${String.fromCodePoint(first + 0x38)}${spelling.slice(1)}`;
          return `${base}${link}${spelling}`;
        }),
      ] as const);
  });
}

/**
 * A quarter or half hour said as one word with the hour, as `fusedHalfHours` for the other fractions: the hour's spelling
 * (joined by the first `join` rule that fits: Tamil நாலு → நாலே, Kannada ನಾಲ್ಕು → ನಾಲ್ಕೂ, Malayalam നാല് → നാലേ), then the
 * fraction's word (Tamil நாலே கால் 4:15; Telugu నాలుగుంబావు; Malayalam നാലേകാൽ; `threequarters`, the hour and three quarters:
 * Tamil அஞ்சே முக்கால், Kannada ಐದೂಮುಕ್ಕಾಲು 5:45), or the fraction first (`fractionFirst`: Marathi साडेपाच 5:30, पावणेपाच 4:45). A word beginning with a space is said apart. Native
 * words go with native spellings, romanised with romanised; an ending ("at", fused on) makes it an o'clock.
 */
export function fusedFractions(
  hours: ReadonlyArray<readonly [hour: number, spellings: readonly string[]]>,
  fractions: ReadonlyArray<readonly [fraction: 'halfpast' | 'quarterpast' | 'quarterto' | 'threequarters', words: readonly string[]]>,
  options: { join?: ReadonlyArray<readonly [ending: RegExp, replacement: string]>; endings?: readonly string[]; fractionFirst?: boolean } = {},
): Array<readonly [string, string]> {
  const romanised = (text: string): boolean => /^[a-z ]+$/.test(text);
  const phrases: Array<readonly [string, string]> = [];
  for (const [hour, spellings] of hours) {
    for (const spelling of spellings) {
      const rule = options.join?.find(([ending]) => ending.test(spelling));
      const joined = rule ? spelling.replace(rule[0], rule[1]) : spelling;
      for (const [fraction, words] of fractions) {
        for (const word of words.filter((word) => romanised(word) === romanised(spelling))) {
          const said = options.fractionFirst ? `${word}${joined}` : `${joined}${word}`;
          const meaning = fraction === 'threequarters' ? `quarterto ${(hour % 12) + 1}` : `${fraction} ${hour}`;
          phrases.push([said, meaning]);
          for (const ending of (options.endings ?? []).filter((ending) => romanised(ending) === romanised(spelling))) phrases.push([`${said}${ending}`, `${meaning} oclock`]);
        }
      }
    }
  }
  return phrases;
}

/**
 * The spellings callers type for a romanised word, made by rule rather than listed (probe round 10): each swap
 * ([as written, also typed]) may be made at any of its places or not, so `somavaaram` with `['aa', 'a']` gives somavaaram,
 * somavaram, somavaaram's other mixes; `pathinanju` with `['th', 'dh']` gives padhinanju. Swaps apply in order, each to
 * every spelling the ones before made.
 */
export function spellingVariants(word: string, swaps: ReadonlyArray<readonly [written: string, typed: string]>): string[] {
  let found = [word];
  for (const [written, typed] of swaps) {
    found = found.flatMap((spelling) => {
      const [first, ...rest] = spelling.split(written);
      return rest.reduce<string[]>((heads, part) => heads.flatMap((head) => [`${head}${written}${part}`, `${head}${typed}${part}`]), [first!]);
    });
  }
  return [...new Set(found)];
}

/** Long vowels and aspirates romanised Dravidian words are typed with or without: aa/a, ee/i, oo/u, v/w, sh/s, dh/d, th/t, bh/b. */
export const romanisedSwaps: ReadonlyArray<readonly [written: string, typed: string]> = [['aa', 'a'], ['ee', 'i'], ['oo', 'u'], ['v', 'w'], ['sh', 's'], ['dh', 'd'], ['th', 't'], ['bh', 'b']];

/**
 * Romanised weekday names, each stem (written with its long vowels doubled) before each suffix, as hindi.ts makes its
 * weekdays, in every spelling `romanisedSwaps` gives: Telugu `somavaaram`, `somavaram`, `somawaram`; Kannada `bhaanuvaara`,
 * `bhanuvara`, `banuvaara` (probe round 10: the doubled vowels were unknown).
 */
export function romanisedWeekdays(
  stems: ReadonlyArray<readonly [day: string, stems: readonly string[]]>,
  suffixes: readonly string[],
): Array<readonly [string, string]> {
  return stems.flatMap(([day, dayStems]) =>
    dayStems.flatMap((stem) => suffixes.flatMap((suffix) => spellingVariants(`${stem}${suffix}`, romanisedSwaps))).map((spelling) => [spelling, day] as const),
  );
}

/**
 * The end of the month, read as in English (`end of the month` → its last day; probe round 10): each word for "the
 * month's" before each word for its end is `last day of this month`, after a word for "next" `last day of next month`. The
 * end words are the locatives and "last day" / "last date" (Bengali মাসের শেষে, মাসের শেষ দিন); a bare "last" stays `final`,
 * the month's last weekday when a weekday follows (grammar.ts monthThenWeekdayOfMonth). A month word of '' takes a fused end
 * alone (Malayalam മാസാവസാനം). Native words go with native, romanised with romanised.
 */
export function monthEnds(months: readonly string[], ends: readonly string[], nexts: readonly string[]): Array<readonly [string, string]> {
  const romanised = (text: string): boolean => /^[a-z ]*$/.test(text);
  const sameScript = (...words: string[]): boolean => words.filter(Boolean).every((word) => romanised(word) === romanised(words.find(Boolean)!));
  return months.flatMap((month) =>
    ends.filter((end) => sameScript(month, end)).flatMap((end) => {
      const said = [month, end].filter(Boolean).join(' ');
      return [[said, 'last day of this month'] as const, ...nexts.filter((next) => sameScript(next, end)).map((next) => [`${next} ${said}`, 'last day of next month'] as const)];
    }),
  );
}
