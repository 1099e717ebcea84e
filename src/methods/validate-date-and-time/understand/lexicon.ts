import { distance } from 'fastest-levenshtein';
import { bengali } from './languages/bengali.js';
import { countedByOrdinal, english } from './languages/english.js';
import { gujarati } from './languages/gujarati.js';
import { hindi } from './languages/hindi.js';
import { kannada } from './languages/kannada.js';
import { malayalam } from './languages/malayalam.js';
import { marathi } from './languages/marathi.js';
import { odia } from './languages/odia.js';
import { punjabi } from './languages/punjabi.js';
import type { LanguageTable } from './languages/table.js';
import { tamil } from './languages/tamil.js';
import { telugu } from './languages/telugu.js';
import { fixedDays, movableDays } from './named-days.js';
import { normaliseText, tokenise, type RawToken } from './normalise.js';

/** A token of the canonical stream the grammar reads. */
export type Token =
  /** `beforeTime`: a chat shorthand that is also a name ("tom", "thr"), a day only right before a clock or a part of the day. */
  | { kind: 'word'; word: string; loose?: boolean; beforeTime?: boolean }
  /** `heard`: a recogniser's homophone of a number ("at for" = at 4), an hour only when no word of its own follows. */
  | { kind: 'number'; value: number; digits: number; ordinal: boolean; spoken: boolean; weak: boolean; heard?: boolean }
  | { kind: 'separator'; text: string }
  /** A named day: a fixed date, or a festival to look up in the account's calendar. */
  | { kind: 'named'; fixed?: readonly [month: number, day: number]; festival?: string }
  /** A word no table knows: it keeps numbers on either side from being read together. */
  | { kind: 'gap' };

/** English first: where two tables spell a word alike, the earlier meaning stays. */
export const languages: readonly LanguageTable[] = [english, hindi, marathi, gujarati, bengali, punjabi, tamil, telugu, kannada, malayalam, odia];

type Meaning = Token[];

const phraseKey = (phrase: string): string =>
  tokenise(normaliseText(phrase))
    .map((token) => (token.kind === 'word' ? token.text : token.kind === 'number' ? String(token.value) : ''))
    .filter(Boolean)
    .join(' ');

function meaningOf(text: string): Meaning {
  const tokens: Token[] = [];
  for (const word of text.split(' ')) {
    if (word === '_') continue;
    const number = /^([~^])?(\d+)(th)?$/.exec(word);
    if (number) {
      const heard = number[1] === '^';
      tokens.push({ kind: 'number', value: Number(number[2]), digits: 0, ordinal: number[3] !== undefined, spoken: true, weak: number[1] === '~', ...(heard ? { heard } : {}) });
    }
    else if (word.startsWith('?')) tokens.push({ kind: 'word', word: word.slice(1), loose: true });
    else if (word.startsWith('!')) tokens.push({ kind: 'word', word: word.slice(1), beforeTime: true });
    else tokens.push({ kind: 'word', word });
  }
  return tokens;
}

const lexicon = new Map<string, Meaning>();
/** Every phrase's beginnings short of the whole ("day after" of "day after tomorrow"): a key that is none of them ends the look ahead. */
const phrasePrefixes = new Set<string>();
let longestPhrase = 1;
function addPhrase(phrase: string, meaning: Meaning): void {
  const key = phraseKey(phrase);
  if (key === '' || lexicon.has(key)) return;
  lexicon.set(key, meaning);
  const words = key.split(' ');
  longestPhrase = Math.max(longestPhrase, words.length);
  for (let length = 1; length < words.length; length++) phrasePrefixes.add(words.slice(0, length).join(' '));
}
/**
 * Case endings speakers fuse onto a day's name, by the script it is written in: Bengali হোলির দিন, ঈদের পরের দিন;
 * Marathi दिवाळीला, गणपतीच्या दिवशी; Gujarati દિવાળીએ, હોળીના દિવસે; Punjabi ਈਦ ਦੇ ਦਿਨ; Odia ଦୀପାବଳିରେ; and romanised
 * `diwalila`, `holir` (probe round 9). Hindi writes its postpositions apart (`diwali ko`).
 */
const fusedEndings: ReadonlyArray<readonly [script: RegExp, endings: readonly string[]]> = [
  [/^[\u0980-\u09ff]/, ['র', 'ের', 'ে', 'তে', 'য়']],
  [/^[\u0900-\u097f]/, ['ला', 'च्या', 'ची', 'चा', 'ले']],
  [/^[\u0a80-\u0aff]/, ['એ', 'ે', 'ના', 'ની', 'નો', 'માં']],
  [/^[\u0a00-\u0a7f]/, ['ਦੇ', 'ਦੀ', 'ਤੇ', 'ਨੂੰ']],
  [/^[\u0b00-\u0b7f]/, ['ରେ', 'ର']],
  [/^[a-z]/, ['la', 'chya', 'r', 'er', 'te']],
];
const withEndings = (name: string): string[] => [name, ...(fusedEndings.find(([script]) => script.test(name))?.[1] ?? []).map((ending) => `${name}${ending}`)];
// Named days before the languages, so "christmas eve" is not "christmas" and an evening; a name with an ending after every
// name alone, so no name's fused form takes another's place.
for (const [names, month, day] of fixedDays) for (const name of names) addPhrase(name, [{ kind: 'named', fixed: [month, day] }]);
for (const [key, spellings] of movableDays) for (const spelling of spellings) addPhrase(spelling, [{ kind: 'named', festival: key }]);
for (const [names, month, day] of fixedDays) for (const name of names) for (const form of withEndings(name)) addPhrase(form, [{ kind: 'named', fixed: [month, day] }]);
for (const [key, spellings] of movableDays) for (const spelling of spellings) for (const form of withEndings(spelling)) addPhrase(form, [{ kind: 'named', festival: key }]);
// "diwali eve", "republic day eve": the day before it, as "christmas eve" (a fixed day of its own, added first, so it stays)
// is (probe round 10); "eve of <day>" is english.ts's "day before".
const dayBefore: Meaning = [{ kind: 'word', word: 'day' }, { kind: 'word', word: 'before' }];
for (const [names, month, day] of fixedDays) for (const name of names) addPhrase(`${name} eve`, [...dayBefore, { kind: 'named', fixed: [month, day] }]);
for (const [key, spellings] of movableDays) for (const spelling of spellings) if (/^[a-z ]+$/.test(spelling)) addPhrase(`${spelling} eve`, [...dayBefore, { kind: 'named', festival: key }]);
// A festival wished names no day to call on: "happy diwali, call me tomorrow", "merry christmas", "eid mubarak".
const wishes = (name: string): string[] => [`happy ${name}`, `merry ${name}`, `a happy ${name}`, `a merry ${name}`, `wish you a happy ${name}`, `${name} mubarak`, `${name} ki shubhkamnayen`, `${name} ki shubhkamnaye`, `${name} ki badhai`];
for (const [names] of fixedDays) for (const name of names) for (const wish of wishes(name)) addPhrase(wish, []);
for (const [, spellings] of movableDays) for (const spelling of spellings) for (const wish of wishes(spelling)) addPhrase(wish, []);
// One token list a meaning, shared by its phrases (tokens are only read): the tables' generated spellings mean few things.
const meanings = new Map<string, Meaning>();
const sharedMeaning = (text: string): Meaning => meanings.get(text) ?? meanings.set(text, meaningOf(text)).get(text)!;
for (const table of languages) for (const [phrase, meaning] of table.phrases) addPhrase(phrase, sharedMeaning(meaning));

/**
 * Spellings a typo may be corrected to: English month and weekday names of five
 * letters or more, "tomorrow", and "after", whose slips ("aftr", "afer") would
 * otherwise leave "day aftr tomorrow" reading as tomorrow. Shorter names (may,
 * june, july) are too close to other words to correct.
 */
const typoTargets = ['january', 'february', 'march', 'april', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'tomorrow', 'after'];
/** Real words within reach of a target: never corrected. */
const realWords = new Set(['match', 'marsh', 'marches', 'sundae', 'sundry', 'mondal', 'tuesdays', 'fries', 'fried', 'frisky', 'octet', 'average', 'aprils', 'saturn', 'sorrow', 'borrow', 'morrow', 'alter', 'aster', 'afters', 'asked', 'actor', 'sturdy', 'deceiver', 'nonmember', 'mach', 'apter', 'marco', 'marcy']);

/**
 * The target a typo most likely meant: same first letter, within one edit for
 * every four letters of the target (at most two), and one target only.
 */
export function correctTypo(word: string): string | undefined {
  if (word.length < 4 || word.length > 12 || !/^[a-z]+$/.test(word) || realWords.has(word)) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const target of typoTargets) {
    if (target[0] !== word[0] || Math.abs(target.length - word.length) > 2) continue;
    const bound = Math.min(2, Math.floor(target.length / 4));
    const found = swapsInto(word, target) ? 1 : editsWithSwap(word, target, bound);
    if (found > bound) continue;
    if (found < bestDistance) {
      best = target;
      bestDistance = found;
      tie = false;
    } else if (found === bestDistance && target !== best) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/**
 * Edits from `word` to `target`, where two swapped neighbouring letters count as one edit beside the others
 * ("feburay": a swap and a missing letter, two). The swaps are tried only when plain edits exceed the bound.
 */
function editsWithSwap(word: string, target: string, bound: number): number {
  let found = distance(word, target);
  if (found <= bound || bound < 2) return found;
  for (let at = 0; at < word.length - 1 && found > bound; at++) {
    if (word[at] === word[at + 1]) continue;
    const swapped = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    found = Math.min(found, 1 + distance(swapped, target));
  }
  return found;
}

/** Two neighbouring letters swapped ("firday", "apirl"): one slip of the fingers, not two edits. */
function swapsInto(word: string, target: string): boolean {
  if (word.length !== target.length) return false;
  let at = 0;
  while (at < word.length && word[at] === target[at]) at++;
  return at < word.length - 1 && word[at] === target[at + 1] && word[at + 1] === target[at] && word.slice(at + 2) === target.slice(at + 2);
}

/** Ordinal endings of the Indian languages as typed after digits and a hyphen ("20-ാം", "15-aam", "5-ನೇ", "10-వ"). */
const hyphenedOrdinalEndings = new Set(['ാം', 'ആം', 'aam', 'ஆம்', 'ನೇ', 'వ']);

const dayWords = new Set(['today', 'tomorrow', 'overmorrow', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const isDayWord = (token: Token | undefined): boolean => token?.kind === 'word' && dayWords.has(token.word);

/** A day just read, then at `after` a comma and a word naming another day: "kal na, porshu", "sombar na, mongolbar". */
function betweenDays(tokens: readonly Token[], raw: readonly RawToken[], after: number): boolean {
  const comma = raw[after];
  const next = raw[after + 1];
  return isDayWord(tokens.at(-1)) && comma?.kind === 'separator' && comma.text === ',' && next?.kind === 'word' && isDayWord(lexicon.get(next.text)?.[0]);
}

/**
 * Raw tokens → the canonical stream: the longest phrase of any table at each
 * word, then a typo correction, else a gap. At most `longestPhrase` lookups a
 * word, so this stays linear.
 */
export function canonicalise(raw: readonly RawToken[]): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < raw.length) {
    const token = raw[index]!;
    // A phrase may start with digits ("2moro", "3 ton"): only phrases of two words, or of a word between two numbers
    // ("10 te 12"), are tried there.
    if (token.kind === 'number' && raw[index + 1]?.kind === 'word') {
      const pair = `${token.value} ${(raw[index + 1] as { text: string }).text}`;
      const third = raw[index + 2];
      const between = third?.kind === 'number' ? lexicon.get(`${pair} ${third.value}`) : undefined;
      const meaning = between ?? lexicon.get(pair);
      if (meaning) {
        tokens.push(...meaning);
        index += between ? 3 : 2;
        continue;
      }
    }
    // "20-ാം തീയതി", "15-aam thethi": an ordinal ending typed after a hyphen is dropped with it.
    if (token.kind === 'number' && raw[index + 1]?.kind === 'separator' && (raw[index + 1] as { text: string }).text === '-' && raw[index + 2]?.kind === 'word' && hyphenedOrdinalEndings.has((raw[index + 2] as { text: string }).text)) {
      tokens.push({ kind: 'number', value: token.value, digits: token.digits, ordinal: true, spoken: false, weak: false });
      index += 3;
      continue;
    }
    if (token.kind === 'number') {
      // "14 th december": the ending typed or recognised apart.
      const next = raw[index + 1];
      const ending = !token.ordinal && next?.kind === 'word' && ['st', 'nd', 'rd', 'th'].includes(next.text);
      // "3rd floor", "my 2nd number": an ordinal that counts a noun is no day of a month (docs, "spoken numbers").
      const counted = raw[index + (ending ? 2 : 1)];
      if ((token.ordinal || ending) && counted?.kind === 'word' && countedByOrdinal.has(counted.text)) {
        tokens.push({ kind: 'gap' });
        index += ending ? 2 : 1;
        continue;
      }
      tokens.push({ kind: 'number', value: token.value, digits: token.digits, ordinal: token.ordinal || ending, spoken: false, weak: false });
      index += ending ? 2 : 1;
      continue;
    }
    if (token.kind === 'separator') {
      tokens.push({ kind: 'separator', text: token.text });
      index++;
      continue;
    }
    let matched = false;
    let key = '';
    const candidates: Array<[number, string]> = [];
    for (let length = 1; length <= longestPhrase && index + length <= raw.length; length++) {
      const next = raw[index + length - 1]!;
      if (next.kind === 'separator' && next.text !== '-') break;
      const part = next.kind === 'word' ? next.text : next.kind === 'number' ? String(next.value) : '';
      if (part === '') continue;
      key = key === '' ? part : `${key} ${part}`;
      candidates.push([length, key]);
      // No longer phrase starts this way: the tables' thousands of generated phrases cost no look ahead here.
      if (!phrasePrefixes.has(key)) break;
    }
    for (let candidate = candidates.length - 1; candidate >= 0; candidate--) {
      const [length, phrase] = candidates[candidate]!;
      const meaning = lexicon.get(phrase);
      if (meaning && (length === 1 || raw[index + length - 1]!.kind !== 'separator')) {
        // "the second time", "on second thought": a spoken ordinal that counts a noun is no day of a month either.
        const after = raw[index + length];
        if (meaning.length === 1 && meaning[0]!.kind === 'number' && meaning[0]!.ordinal && after?.kind === 'word' && countedByOrdinal.has(after.text)) {
          tokens.push({ kind: 'gap' });
          index += length;
          matched = true;
          break;
        }
        // "kale, na, param divse": a loose denial ("na", also a filler and a genitive) denies only at the start of a clause,
        // or between two days, right after the first and before a comma ("kal na, porshu"; probe round 10).
        const previous = raw[index - 1];
        if (meaning.length === 1 && meaning[0]!.kind === 'word' && meaning[0]!.loose && meaning[0]!.word === 'nahi' && !(previous?.kind === 'separator' && [',', '.'].includes(previous.text)) && !betweenDays(tokens, raw, index + length)) {
          tokens.push({ kind: 'gap' });
          index += length;
          matched = true;
          break;
        }
        tokens.push(...meaning);
        index += length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const corrected = correctTypo(token.text);
    tokens.push(...(corrected ? lexicon.get(corrected)! : [{ kind: 'gap' } as const]));
    index++;
  }
  return tokens;
}

export { normaliseText, tokenise };
