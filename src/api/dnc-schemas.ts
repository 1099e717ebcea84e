/** An account's do-not-call list (docs/methods/create-outbound.md, "Do-not-call lists"): what `/api/accounts/{id}/dnc…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { accountIdField } from './account-schemas.js';
import { Patterned } from '../kernel/patterned.js';

/** Numbers one JSON call may add. */
export const maxNumbersPerAdd = 1000;

export const doNotCallNumberParams = Type.Object({
  id: accountIdField,
  number: Type.String({ minLength: 1, maxLength: 32, description: "E.164 (`+919876543210`, `+` written `%2B`) or a national number of the account's country.", examples: ['+919876543210'] }),
});
export const doNotCallEntry = Type.Object({
  number: Type.String({ description: 'E.164.' }),
  source: Type.Union([Type.Literal('api'), Type.Literal('import'), Type.Literal('opt-out')], { description: 'How the number came onto the list: this API, a scrub-file import, or the optOut webhook method.' }),
  addedAt: Type.String({ format: 'date-time' }),
});
export const doNotCallListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Digits the number contains (`98765`), or a whole number in any form the account\'s country reads.', examples: ['98765'] })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Page size.' }),
    cursor: Type.Optional(Patterned('^\\+\\d{1,15}$', 'must be the next of the previous page (a number in E.164, e.g. +919876543210)', { description: 'The `next` of the previous page.' })),
  },
  { additionalProperties: false },
);
export const doNotCallPageResponse = Type.Object({
  numbers: Type.Array(doNotCallEntry),
  total: Type.Integer({ description: 'Numbers on the list (matching `search` when given).' }),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page; null on the last.' }),
});
export const doNotCallAddBody = Type.Object(
  {
    numbers: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
      minItems: 1,
      maxItems: maxNumbersPerAdd,
      description: "Numbers to add: E.164, or national numbers of the account's country.",
      examples: [['+919876543210', '9812345678']],
    }),
  },
  { additionalProperties: false },
);
const counts = {
  added: Type.Integer({ description: 'Numbers that were not on the list before.' }),
  alreadyPresent: Type.Integer({ description: 'Numbers that were on the list already (left unchanged).' }),
  total: Type.Integer({ description: 'Distinct numbers in this call: `added + alreadyPresent`.' }),
  listSize: Type.Integer({ description: 'Numbers on the list afterwards.' }),
};
export const doNotCallAddResponse = Type.Object({ ...counts, numbers: Type.Array(Type.String(), { description: 'The numbers of the call in E.164, in the order given, each once.' }) });
export const doNotCallImportResponse = Type.Object({ ...counts, rows: Type.Integer({ description: 'Data rows read (blank lines and a header aside); rows − total are repeats within the file.' }) });

export type DoNotCallEntry = Static<typeof doNotCallEntry>;
export type DoNotCallPage = Static<typeof doNotCallPageResponse>;
export type DoNotCallAdded = Static<typeof doNotCallAddResponse>;
export type DoNotCallImported = Static<typeof doNotCallImportResponse>;
