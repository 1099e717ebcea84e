import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildOverview, periodStart } from '../overview/overview.js';
import { missKinds } from '../overview/misses.js';
import { routeDoc } from '../kernel/route-doc.js';
import type { WebhookMethod } from '../methods/contract.js';
import { findAccount } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';
import { groupMisses } from '../storage/invocations.js';
import { assertAccountAccess, existingAccount } from './access.js';
import { methodName } from './invocations-routes.js';
import { missesQuery, missesResponse, overviewQuery, overviewResponse } from './overview-schemas.js';

export interface OverviewRouteDeps {
  db: Database;
  methods: ReadonlyMap<string, WebhookMethod>;
  clock: () => Date;
}

/** The account a query reads: an account token only its own; another account (or none) answers 404. */
async function scopedAccount(request: FastifyRequest, db: Database, requested: number | undefined): Promise<number | undefined> {
  const principal = request.principal;
  if (principal?.kind === 'account') {
    if (requested !== undefined) assertAccountAccess(request, requested, 'read');
    return principal.accountId;
  }
  if (requested !== undefined) await existingAccount(requested, (accountId) => findAccount(db, accountId));
  return requested;
}

const iso = (at: number) => new Date(at).toISOString();
const withIsoHour = <T extends { hour: number }>(entry: T) => ({ ...entry, hour: iso(entry.hour) });

const doc = routeDoc('Overview');

/** `GET /api/overview` and `GET /api/misses`: the console's first page and its misses page (docs/management-api.md). */
export async function overviewRoutes(server: FastifyInstance, deps: OverviewRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const overviewDoc = doc('Calls, outcomes, error codes and durations per method, per hour; outbound jobs and deliveries; link visits');
  app.get('/api/overview', { schema: { ...overviewDoc, querystring: overviewQuery, response: { 200: overviewResponse } } }, async (request) => {
    const query = request.query;
    const accountId = await scopedAccount(request, deps.db, query.accountId);
    const overview = await buildOverview(deps.db, { now: deps.clock().getTime(), hours: query.hours ?? 24, accountId });
    return {
      ...overview,
      from: iso(overview.from),
      to: iso(overview.to),
      callsPerHour: overview.callsPerHour.map(withIsoHour),
      outbound: { ...overview.outbound, deliveriesPerHour: overview.outbound.deliveriesPerHour.map(withIsoHour) },
      visitsPerHour: overview.visitsPerHour.map(withIsoHour),
    };
  });

  const missesDoc = doc('What callers said that the service did not understand: date texts and unknown number blocks, grouped');
  app.get('/api/misses', { schema: { ...missesDoc, querystring: missesQuery, response: { 200: missesResponse } } }, async (request) => {
    const query = request.query;
    const method = query.method === undefined ? undefined : methodName(query.method, deps.methods);
    const accountId = await scopedAccount(request, deps.db, query.accountId);
    const now = deps.clock().getTime();
    const hourCount = query.hours ?? 24;
    const from = periodStart(now, hourCount);
    const groups = await groupMisses(deps.db, { from, accountId, method, limit: query.limit ?? 100 });
    return {
      from: iso(from),
      to: iso(now),
      hours: hourCount,
      accountId: accountId ?? null,
      misses: groups.map((group) => ({ method: group.method, kind: missKinds[group.method] ?? 'date', text: group.miss, count: group.count, lastSeen: iso(group.lastAt) })),
    };
  });
}
