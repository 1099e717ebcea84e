import { Type, type TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { WebhookMethod } from '../methods/contract.js';
import type { Database } from '../storage/db.js';
import { listInvocations, type Invocation, type InvocationFilter } from '../storage/invocations.js';
import { assertAccountAccess, fieldErrors } from './access.js';

export interface InvocationRouteDeps {
  db: Database;
  /** Methods by lower-case name, to read the `method` filter in any case. */
  methods: ReadonlyMap<string, WebhookMethod>;
}

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const listQuery = Type.Object(
  {
    accountId: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'Only calls of this account. An account token sees only its own.' })),
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only calls of this webhook method (any case).', examples: ['validateDateAndTime'] })),
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: '`SUCCESS` or `FAILURE` (any case), or a 3-digit HTTP status.', examples: ['FAILURE', '422'] })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Entries per page (1–500). Default 50.' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Paging cursor: only entries older than this id; pass the previous page\'s `nextBefore`.' })),
  },
  { additionalProperties: false },
);

/** One webhook call in the log, as the API answers it (the console reads its type from here). */
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

const listResponse = Type.Object({
  invocations: Type.Array(invocationSchema, { description: 'Newest first.' }),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'The `before` of the next page; null on the last page.' }),
});

/** `GET /api/invocations`: the invocation log, newest first (docs/management-api.md). */
export async function invocationRoutes(server: FastifyInstance, deps: InvocationRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/invocations', { schema: { querystring: listQuery, response: { 200: listResponse } } }, async (request) => {
    const query = request.query;
    const principal = request.principal;
    let accountId = query.accountId;
    if (principal?.kind === 'account') {
      if (accountId !== undefined) assertAccountAccess(request, accountId, 'read');
      accountId = principal.accountId;
    }
    const limit = query.limit ?? 50;
    const filter: InvocationFilter = { accountId, before: query.before, limit: limit + 1, ...statusFilter(query.status) };
    if (query.method !== undefined) filter.method = methodName(query.method, deps.methods);
    const rows = await listInvocations(deps.db, filter);
    const page = rows.slice(0, limit);
    return { invocations: page.map(toWire), nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
  });
}

function statusFilter(status: string | undefined): Pick<InvocationFilter, 'outcome' | 'httpStatus'> {
  if (status === undefined) return {};
  const upper = status.toUpperCase();
  if (upper === 'SUCCESS' || upper === 'FAILURE') return { outcome: upper };
  if (/^[1-5]\d\d$/.test(status)) return { httpStatus: Number(status) };
  throw fieldErrors([{ field: 'status', message: 'must be SUCCESS, FAILURE or a 3-digit HTTP status' }]);
}

/** The documented name of a method given in any case; a 422 naming `method` when there is none. */
export function methodName(name: string, methods: ReadonlyMap<string, WebhookMethod>): string {
  const method = methods.get(name.toLowerCase());
  if (!method) {
    const known = [...methods.values()].map((known) => known.name).join(', ');
    throw fieldErrors([{ field: 'method', message: `is not a webhook method; known methods: ${known}` }]);
  }
  return method.name;
}

function toWire(invocation: Invocation) {
  return { ...invocation, at: new Date(invocation.at).toISOString() };
}
