import { Type } from '@sinclair/typebox';
import { accountParams } from '../shared-params.js';

export const maxInputLength = 5000;

/** translateText's parameters (docs/methods/translate-text.md). */
export const translateParams = Type.Object({
  '$flow.key.inputText': Type.String({
    maxLength: maxInputLength,
    description: `The text to translate, at most ${maxInputLength} characters.`,
    examples: ['Your appointment is confirmed for tomorrow.'],
  }),
  '$flow.key.sourceLang': Type.Optional(
    Type.String({ maxLength: 64, description: 'Language of the text: a name (any case, common spellings such as Oriya, Telgu, Bangla) or an ISO code; empty: detect.', examples: ['English'] }),
  ),
  '$flow.key.targetLang': Type.String({ maxLength: 64, description: 'Language to translate into: a name or an ISO code.', examples: ['Hindi'] }),
  '$flow.key.apiKey': Type.Optional(
    Type.String({ maxLength: 512, description: 'Provider key; optional when the server has one (FLOWHOOKS_TRANSLATE_API_KEY). Never logged or stored.' }),
  ),
  ...accountParams,
});
