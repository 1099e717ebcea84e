/** The invocation log (docs/management-api.md): what `GET /api/invocations` takes and answers. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const invocationListQuery = Type.Object(
  {
    accountId: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'Only calls of this account. An account token sees only its own.' })),
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only calls of this webhook method (any case).', examples: ['validateDateAndTime'] })),
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: '`SUCCESS` or `FAILURE` (any case), or a 3-digit HTTP status.', examples: ['FAILURE', '422'] })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Entries per page (1–500). Default 50.' })),
    // An id (a bigint) is exact in a JavaScript number up to 2^53 − 1; a larger cursor is a 422, never a PostgreSQL overflow.
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Paging cursor: only entries older than this id; pass the previous page\'s `nextBefore`.' })),
  },
  { additionalProperties: false },
);

/** One webhook call in the log, as the API answers it. */
export const invocationSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time', description: 'When the call arrived.' }),
  accountId: nullable(Type.Integer()),
  method: nullable(Type.String({ description: 'Null when the call named no known method.' })),
  flowId: nullable(Type.String()),
  stage: Type.Union([Type.Literal('prod'), Type.Literal('test')]),
  httpStatus: Type.Integer(),
  outcome: Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')]),
  errorCode: nullable(Type.String()),
  durationMs: Type.Number(),
  caller: nullable(Type.String({ description: 'The caller\'s number masked, e.g. `98XXXXXX45`.' })),
  answerSource: Type.Optional(nullable(Type.String({ description: 'Which rule answered, for methods that say: findLanguage\'s cliLanguageSource (`preference`, `circle`, `state`, `default`, `first`).' }))),
  requestId: Type.String(),
});

export const invocationPageResponse = Type.Object({
  invocations: Type.Array(invocationSchema, { description: 'Newest first.' }),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'The `before` of the next page; null on the last page.' }),
});

export type Invocation = Static<typeof invocationSchema>;
export type InvocationPage = Static<typeof invocationPageResponse>;
