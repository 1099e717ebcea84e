/** Report rows written by pullreport (docs/methods/pullreport.md): what `/api/accounts/{id}/reports…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { accountIdField } from './account-schemas.js';
import { Patterned } from '../kernel/patterned.js';
import { reportTypeText } from '../methods/pullreport/params.js';

export const reportParams = Type.Object({
  id: accountIdField,
  reportType: reportTypeText({ description: 'Report type, as pullreport wrote it (case-sensitive).', examples: ['call'] }),
});

export const reportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 64, description: 'First day (`YYYY-MM-DD`, account time) or instant (ISO 8601), inclusive.', examples: ['2026-11-01'] })),
    to: Type.Optional(Type.String({ maxLength: 64, description: 'Last day (`YYYY-MM-DD`, inclusive) or instant (ISO 8601, exclusive).', examples: ['2026-11-30'] })),
    flowId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Only rows of this flow.' })),
    dnis: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only rows with this DNIS (exactly as written).' })),
    stage: Type.Union([Type.Literal('prod'), Type.Literal('test')], { default: 'prod', description: '`prod` (default) or `test` rows.' }),
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json', description: '`json` (paged) or `csv` (every row, streamed).' }),
    raw: Type.Boolean({
      default: false,
      description: 'CSV only: `true` writes values exactly as stored. Default: a cell or header starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `\'` so spreadsheets do not run it as a formula.',
    }),
    bom: Type.Boolean({
      default: false,
      description: 'CSV only: `true` starts the file with a UTF-8 byte order mark, so Excel on Windows reads names in Indian scripts (`पुणे`) as UTF-8 instead of garbling them.',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'JSON page size.' }),
    cursor: Type.Optional(Patterned('^-?\\d{1,16}\\.\\d{1,16}$', 'must be the next of the previous page', { description: 'The `next` of the previous JSON page.' })),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof reportQuery>;

// The JSON answers of these routes: they type the handlers, not declared as their response schemas (docs/layout.md, api/).
export const reportTypesResponse = Type.Array(Type.Object({ reportType: Type.String(), prodRows: Type.Integer(), testRows: Type.Integer() }));

const nullableText = Type.Union([Type.String(), Type.Null()]);
export const reportRowResponse = Type.Object({
  id: Type.Integer(),
  accountId: Type.Integer(),
  reportType: Type.String(),
  stage: Type.Union([Type.Literal('prod'), Type.Literal('test')]),
  callId: nullableText,
  flowId: Type.String(),
  dtmf: nullableText,
  dnis: nullableText,
  startTime: Type.String({ description: 'As the flow sent it.' }),
  startAt: Type.String({ format: 'date-time', description: "The call's start in UTC." }),
  receivedAt: Type.String({ format: 'date-time' }),
  extra: Type.Record(Type.String(), Type.String(), { description: 'Extra columns by name.' }),
});

/** `format=json`: a page of rows, oldest first. */
export const reportPageResponse = Type.Object({
  rows: Type.Array(reportRowResponse),
  next: Type.Union([Type.String(), Type.Null()], { description: 'The `cursor` of the next page; null on the last.' }),
});

export type ReportTypeCount = Static<typeof reportTypesResponse>[number];
export type ReportRow = Static<typeof reportRowResponse>;
export type ReportPage = Static<typeof reportPageResponse>;
