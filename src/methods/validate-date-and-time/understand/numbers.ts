import type { Token } from './lexicon.js';

const isSpoken = (token: Token | undefined): token is Extract<Token, { kind: 'number' }> => token?.kind === 'number' && token.spoken && !token.weak;
/** A weak number word (`~N`): "ఇరవై ఐదు", a ten then a unit, joins as the strong ones do and stays weak. */
const isWeak = (token: Token | undefined): token is Extract<Token, { kind: 'number' }> => token?.kind === 'number' && token.spoken && token.weak;

/**
 * Joins spoken numbers: "twenty first" → 21st, "thirty-one" → 31,
 * "two thousand (and) twenty seven" → 2027, "twenty twenty seven" → 2027
 * (a spoken year: nineteen, twenty or twenty-one hundred and then 0–99).
 * Then drops weak numbers (romanised Hindi "do", "no", English "a") that stand
 * beside nothing they could count: a month, a unit, "tarikh" or "o'clock".
 * One pass each over the tokens.
 */
export function joinNumbers(input: readonly Token[]): Token[] {
  const tens: Token[] = [];
  for (let index = 0; index < input.length; index++) {
    const token = input[index]!;
    if ((isSpoken(token) || isWeak(token)) && !token.ordinal && token.value >= 20 && token.value <= 90 && token.value % 10 === 0) {
      const hyphen = input[index + 1]?.kind === 'separator' && (input[index + 1] as { text: string }).text === '-' ? 1 : 0;
      const unit = input[index + 1 + hyphen];
      if ((isSpoken(unit) || isWeak(unit)) && unit.weak === token.weak && unit.value >= 1 && unit.value <= 9) {
        tens.push({ ...token, value: token.value + unit.value, ordinal: unit.ordinal });
        index += 1 + hyphen;
        continue;
      }
    }
    tens.push(token);
  }
  const years: Token[] = [];
  for (let index = 0; index < tens.length; index++) {
    const token = tens[index]!;
    const next = tens[index + 1];
    if (isSpoken(token) && !token.ordinal && token.value >= 1 && token.value <= 9 && next?.kind === 'word' && next.word === 'thousand') {
      const rest = tens[index + 2];
      const tail = isSpoken(rest) && !rest.ordinal && rest.value < 100 ? rest.value : 0;
      years.push({ ...token, value: token.value * 1000 + tail });
      index += tail > 0 ? 2 : 1;
      continue;
    }
    // "seventeen hundred (hours)", "nine hundred hours": a 24-hour clock said the military way, as if typed 1700.
    // Typed digits too: "16 hundred".
    const hundreds = token.kind === 'number' && (token.spoken ? !token.weak : token.digits <= 2);
    if (hundreds && token.kind === 'number' && !token.ordinal && token.value >= 1 && token.value <= 23 && next?.kind === 'word' && next.word === 'hundred' && (token.value >= 10 || (tens[index + 2]?.kind === 'word' && (tens[index + 2] as { word: string }).word === 'hours'))) {
      years.push({ ...token, value: token.value * 100, digits: 4, spoken: false });
      index += 1;
      continue;
    }
    if (isSpoken(token) && !token.ordinal && token.value >= 19 && token.value <= 21 && isSpoken(next) && !next.ordinal && next.value >= 10 && next.value <= 99) {
      years.push({ ...token, value: token.value * 100 + next.value });
      index += 1;
      continue;
    }
    years.push(token);
  }
  // A weak number that counts nothing is a word no table reads here: a gap, so "hold on a second" is not "on the 2nd".
  return years.flatMap((token, index): Token[] => {
    // "ek do din mein", "do teen din baad", "एक दो दिन में": two counts said one after the other are a range of counts, as
    // "2-3 din baad" is (refused: no one day; probe round 10).
    const following = years[index + 1];
    if (token.kind === 'number' && token.weak && !token.ordinal && following?.kind === 'number' && following.spoken && !following.ordinal && following.value > token.value && following.value - token.value <= 5 && spanUnits.has((years[index + 2] as { word?: string }).word ?? '')) {
      return [token, { kind: 'word', word: 'to' }];
    }
    return [keptOrGap(token, index)];
  });

  function keptOrGap(token: Token, index: number): Token {
    if (token.kind === 'number' && token.heard) {
      // "at for" is 4 o'clock only when nothing of its own follows: "at for the interview", "at won the match",
      // "at tree house" are words (docs, "homophones").
      const next = years[index + 1];
      const own = next?.kind === 'gap' || (next?.kind === 'number' && next.weak) || (next?.kind === 'word' && next.word === 'the');
      return own ? { kind: 'gap' } : token;
    }
    if (token.kind !== 'number' || !token.weak) return token;
    const before = years[index - 1];
    // "panch theke aat tarikh", "ପାଞ୍ଚ ରୁ ଆଠ ତାରିଖ": the first of a range of days counts what its last counts.
    const next = years[index + 2];
    const rangeOf = years[index + 1]?.kind === 'word' && ['from', 'to'].includes((years[index + 1] as { word: string }).word) && next?.kind === 'number' && countsSomething(years[index + 3]);
    // "do friday baad": a count of weekdays with "later" after them.
    const weekdaysLater = years[index + 1]?.kind === 'word' && weekdayNames.has((years[index + 1] as { word: string }).word) && years[index + 2]?.kind === 'word' && ['later', 'kebaad'].includes((years[index + 2] as { word: string }).word);
    const kept =
      rangeOf ||
      weekdaysLater ||
      countsSomething(years[index + 1]) ||
      countsSomething(before) ||
      (before?.kind === 'word' && fractions.has(before.word)) ||
      (before?.kind === 'word' && before.word === 'in' && years[index + 1]?.kind === 'word');
    return kept ? token : { kind: 'gap' };
  }
}

const weekdayNames = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** "saade chaar", "paune paanch": a fraction of the hour counts the hour after it. */
const fractions = new Set(['halfpast', 'quarterpast', 'quarterto']);

/** Units of a span from now: "ek do din", "do teen ghante" (not dates or clocks: "do char tarikh" is the 4th). */
const spanUnits = new Set(['day', 'week', 'fortnight', 'month', 'year', 'hours', 'minute']);

const countable = new Set(['day', 'week', 'fortnight', 'month', 'year', 'tarikh', 'oclock', 'hours', 'minute', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

function countsSomething(token: Token | undefined): boolean {
  return token?.kind === 'word' && countable.has(token.word);
}
