import { describe, expect, it } from 'vitest';
import { languageNameOfCode, languages, lookupLanguage } from './languages.js';
import { resolveLanguages } from './rules.js';

describe('the language table', () => {
  it.each([
    ['Hindi', 'hi'],
    ['HINDI', 'hi'],
    ['hi', 'hi'],
    ['Oriya', 'or'],
    ['ODIA', 'or'],
    ['Telgu', 'te'],
    ['telugu', 'te'],
    ['Bangla', 'bn'],
    ['Konkani', 'gom'],
    ['zh-CN', 'zh'],
    ['pt-BR', 'pt'],
    ['  Marathi ', 'mr'],
    // ISO 639-2/3 codes, a locale written with `_`, and each language's own name in its script.
    ['hin', 'hi'],
    ['MAR', 'mr'],
    ['en_US', 'en'],
    ['pt_BR', 'pt'],
    ['हिन्दी', 'hi'],
    ['हिंदी', 'hi'],
    ['मराठी', 'mr'],
    ['தமிழ்', 'ta'],
    ['తెలుగు', 'te'],
    ['বাংলা', 'bn'],
    ['ଓଡ଼ିଆ', 'or'],
    ['اردو', 'ur'],
    ['Français', 'fr'],
  ])('reads %s as %s', (text, code) => {
    expect(lookupLanguage(text)?.code).toBe(code);
  });

  it('knows English and the 22 scheduled languages of India', () => {
    const scheduled = ['Assamese', 'Bengali', 'Bodo', 'Dogri', 'Gujarati', 'Hindi', 'Kannada', 'Kashmiri', 'Konkani', 'Maithili', 'Malayalam', 'Manipuri', 'Marathi', 'Nepali', 'Odia', 'Punjabi', 'Sanskrit', 'Santali', 'Sindhi', 'Tamil', 'Telugu', 'Urdu'];
    for (const name of ['English', ...scheduled]) expect(lookupLanguage(name)?.name).toBe(name);
  });

  it('has no name, alias or code twice', () => {
    const keys = languages.flatMap((language) => [language.code, language.name, ...(language.aliases ?? [])].map((key) => key.toLowerCase()));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses what is not a language', () => {
    expect(lookupLanguage('Klingon')).toBeUndefined();
    expect(lookupLanguage('')).toBeUndefined();
  });

  it('names detected codes in English, keeping unknown codes as given', () => {
    expect(languageNameOfCode('hi')).toBe('Hindi');
    expect(languageNameOfCode('zh-TW')).toBe('Chinese (Traditional)');
    expect(languageNameOfCode('xx')).toBe('xx');
    expect(languageNameOfCode('not a code')).toBe('not a code');
  });

  it("names a detected language outside the table in English, and Google's und (undetermined) as nothing", () => {
    expect(languageNameOfCode('jw')).toBe('Javanese');
    expect(languageNameOfCode('ceb')).toBe('Cebuano');
    expect(languageNameOfCode('und')).toBe('');
  });

  it('names each parameter that is not a language', () => {
    expect(resolveLanguages('Klingon', 'Vulcan')).toEqual({ issues: [expect.objectContaining({ parameter: '$flow.key.sourceLang' }), expect.objectContaining({ parameter: '$flow.key.targetLang' })] });
    expect(resolveLanguages(undefined, 'Tamil')).toEqual({ target: expect.objectContaining({ code: 'ta' }) });
  });
});
