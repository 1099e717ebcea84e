import { describe, expect, it } from 'vitest';
import { lookupLanguage } from './languages.js';
import { resolveLanguages } from './rules.js';

const unknown = (parameter: string) => ({
  parameter,
  code: 'INVALID_PARAMETER',
  message: `${parameter} is not a language flowhooks knows (use a name such as Hindi or a code such as hi${parameter.endsWith('sourceLang') ? '; leave it empty, or send auto, to detect it' : ''})`,
});

describe('resolveLanguages', () => {
  it('reads the target, and the source only when one is given (absent: the provider detects it)', () => {
    expect(resolveLanguages(undefined, 'Hindi')).toEqual({ target: lookupLanguage('hi') });
    expect(resolveLanguages('English', 'hi')).toEqual({ source: lookupLanguage('en'), target: lookupLanguage('hi') });
    // LibreTranslate's `auto`, and `detect`, ask for detection as an empty sourceLang does.
    for (const detect of ['auto', 'AUTO', 'detect', 'auto-detect']) expect(resolveLanguages(detect, 'Hindi'), detect).toEqual({ target: lookupLanguage('hi') });
  });

  it('names each parameter that is no language, with how to write one', () => {
    expect(resolveLanguages('Klingon', 'Hindi')).toEqual({ issues: [unknown('$flow.key.sourceLang')] });
    expect(resolveLanguages(undefined, 'Elvish')).toEqual({ issues: [unknown('$flow.key.targetLang')] });
    expect(resolveLanguages('Klingon', 'Elvish')).toEqual({ issues: [unknown('$flow.key.sourceLang'), unknown('$flow.key.targetLang')] });
  });
});
