/** India's numbering plan (docs/management-api.md): what `/api/numbering/…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { languageSources } from '../methods/find-language/rules.js';
import { accountIdField } from './account-schemas.js';
import { numberTextSchema } from '../methods/shared-params.js';

export const lookupQuery = Type.Object(
  {
    number: numberTextSchema({ minLength: 1, description: '10 digits, optionally after 0, 91, 091, +91 or 0091, or a `tel:` or `sip:` URI that carries them (findLanguage\'s `cli`).' }),
    languageSupported: Type.Optional(Type.String({ maxLength: 1000, description: "Languages separated by commas (or `;`, `|`, `/`), as findLanguage reads them; when given, the answer includes the chosen `language` (the caller's stored preference first, as findLanguage does)." })),
    cliSource: Type.Optional(Type.String({ maxLength: 16, description: '`MOBILE` or `LANDLINE`; detected when absent.' })),
    accountId: Type.Optional(Type.Integer({ minimum: accountIdField.minimum, maximum: accountIdField.maximum, description: "Account whose preferences, default language and operator names apply. Default: the token's account, or account 1 for the admin token." })),
  },
  { additionalProperties: false },
);

const circleSchema = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);
const nullableText = Type.Union([Type.String(), Type.Null()]);
export const lookupResponse = Type.Object({
  kind: Type.String(),
  prefix: nullableText,
  source: Type.String(),
  operator: Type.String(),
  operatorSource: Type.String({ description: '`allotment`, `import` or `none`, as findLanguage\'s cliOperatorSource.' }),
  currentOperator: nullableText,
  legacyOperator: nullableText,
  operatorStatus: nullableText,
  circle: Type.String(),
  circleCode: nullableText,
  circleAlternative: circleSchema,
  state: nullableText,
  place: nullableText,
  languages: Type.Union([Type.Object({ primary: Type.String(), secondary: Type.String() }), Type.Null()]),
  language: Type.Optional(Type.String()),
  languageReason: Type.Optional(Type.String()),
  languageSource: Type.Optional(Type.String({ description: 'As findLanguage\'s cliLanguageSource: `preference`, `circle`, `state`, `default` or `first`.' })),
  storedPreference: Type.Optional(Type.String({ description: "The caller's stored preference under the account's languagePreferenceKey, when there is one (used only when languageSupported has it)." })),
  confidence: Type.String(),
  sources: nullableText,
  note: nullableText,
});

export const sourcesQuery = Type.Object(
  {
    accountId: Type.Optional(Type.Integer({ minimum: accountIdField.minimum, maximum: accountIdField.maximum, description: "Default: the token's account, or account 1 for the admin token." })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'The window, in days back from now. Default 7 (entries older than the invocation log retention are gone).' })),
  },
  { additionalProperties: false },
);

export const sourcesResponse = Type.Object({
  accountId: Type.Integer(),
  days: Type.Integer(),
  since: Type.String({ format: 'date-time' }),
  total: Type.Integer({ description: 'findLanguage calls answered in the window.' }),
  sources: Type.Object(Object.fromEntries(languageSources.map((source) => [source, Type.Integer()])), { description: 'Calls per cliLanguageSource.' }),
});

export type NumberLookup = Static<typeof lookupResponse>;
export type LanguageSourceCounts = Static<typeof sourcesResponse>;
