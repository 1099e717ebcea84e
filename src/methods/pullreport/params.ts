import { Type, type StringOptions } from '@sinclair/typebox';
import { Patterned } from '../../kernel/patterned.js';
import { reportParams } from './rules.js';

/** A report type, as pullreport takes it and the report routes read it (src/api/report-schemas.ts). */
export const reportTypeText = (options: StringOptions) => Patterned('^[A-Za-z0-9_-]{1,64}$', 'must be 1–64 letters, digits, _ or -', options);

/** pullreport's declared parameters (docs/methods/pullreport.md); every other key of the call is kept as an extra column. */
export const pullReportParams = Type.Object({
  [reportParams.reportType]: reportTypeText({ description: 'The report the row goes into; letters, digits, `_` and `-`, case-sensitive.', examples: ['call'] }),
  [reportParams.flowId]: Type.String({ maxLength: 128, description: 'The flow that made the call.', examples: ['58'] }),
  [reportParams.startTime]: Type.String({
    maxLength: 64,
    description: 'When the call started: ISO 8601 (`+5:30`, `+05:30`, `+0530` and `Z` offsets, with or without milliseconds; without an offset, account time). Stored as an instant and as given.',
    examples: ['2021-01-11T09:00:00.000+5:30'],
  }),
  [reportParams.dtmf]: Type.Optional(Type.String({ maxLength: 256, description: 'Digits the caller pressed.', examples: ['1'] })),
  [reportParams.dnis]: Type.Optional(Type.String({ maxLength: 64, description: 'The number the caller dialled.', examples: ['18001234567'] })),
  [reportParams.accountId]: Type.Optional(Type.String({ description: "The account; must be the token's own account when given.", examples: ['2'] })),
  [reportParams.callId]: Type.Optional(
    Type.String({ maxLength: 128, description: 'Makes the write idempotent: a second row with the same callId in the same account, report type and stage is not added.', examples: ['c5f0a8e2-1'] }),
  ),
});
