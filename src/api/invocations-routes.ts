import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { WebhookMethod } from '../methods/contract.js';
import type { Database } from '../storage/db.js';
import { routeDoc } from '../kernel/route-doc.js';
import { listInvocations, type Invocation, type InvocationFilter } from '../storage/invocations.js';
import { assertAccountAccess, fieldErrors } from './access.js';
import { invocationListQuery, invocationPageResponse } from './invocation-schemas.js';

export interface InvocationRouteDeps {
  db: Database;
  /** Methods by lower-case name, to read the `method` filter in any case. */
  methods: ReadonlyMap<string, WebhookMethod>;
}

/** `GET /api/invocations`: the invocation log, newest first (docs/management-api.md). */
export async function invocationRoutes(server: FastifyInstance, deps: InvocationRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const doc = routeDoc('Invocations')('Recent webhook calls (the invocation log), newest first');
  app.get('/api/invocations', { schema: { ...doc, querystring: invocationListQuery, response: { 200: invocationPageResponse } } }, async (request) => {
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
