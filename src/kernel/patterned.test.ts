import { describe, expect, it } from 'vitest';
import { DisplayName, withoutStrayFormatCharacters } from './patterned.js';

const ZWNJ = '\u200c';
const ZWJ = '\u200d';

describe('DisplayName', () => {
  // Ajv compiles a pattern with the `u` flag.
  const takes = (name: string) => new RegExp(DisplayName({ maxLength: 200 }).pattern!, 'u').test(name);

  it.each([
    ['Persian, a ZWNJ between letters', `می${ZWNJ}خواهم`],
    ['a Malayalam chillu, a ZWJ after a virama', `ന്${ZWJ}`],
    ['a Devanagari half form, a ZWJ after a virama', `क्${ZWJ}ष`],
    ['a Bengali ya-phala, a ZWNJ after a virama', `র্${ZWNJ}য`],
    ['the rainbow flag, a ZWJ after U+FE0F', `🏳️${ZWJ}🌈`],
    ['a family, ZWJs between emoji', `👨${ZWJ}👩${ZWJ}👧`],
    ['any script without joiners', 'आशा 🙂'],
  ])('takes %s', (_what, name) => {
    expect(takes(name)).toBe(true);
  });

  it.each([
    ['a line separator', 'A\u2028B'],
    ['a paragraph separator', 'A\u2029B'],
    ['a line feed', 'A\nB'],
    ['a next-line control', 'A\u0085B'],
    ['a tab', 'A\tB'],
    ['a zero-width space', 'As\u200bha'],
    ['a bidi override', 'Asha \u202egnp.exe'],
    ['a joiner first', `${ZWJ}Asha`],
    ['a joiner after a letter at the end', `Asha${ZWNJ}`],
    ['a joiner after a space', `Asha ${ZWJ}K`],
    ['two joiners in a row', `a${ZWJ}${ZWJ}b`],
  ])('refuses %s', (_what, name) => {
    expect(takes(name)).toBe(false);
  });
});

describe('withoutStrayFormatCharacters', () => {
  it('drops the format characters a DisplayName refuses and keeps a joiner within a word', () => {
    expect(withoutStrayFormatCharacters(`Dussehra\u202e\u200b`)).toBe('Dussehra');
    expect(withoutStrayFormatCharacters(`می${ZWNJ}خواهم`)).toBe(`می${ZWNJ}خواهم`);
    expect(withoutStrayFormatCharacters(`${ZWJ}क्${ZWJ}ष\u2060`)).toBe(`क्${ZWJ}ष`);
  });
});
