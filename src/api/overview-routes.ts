import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildOverview, periodStart } from '../overview/overview.js';
import { missKinds } from '../overview/misses.js';
import type { WebhookMethod } from '../methods/contract.js';
import { findAccount } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';
import { groupMisses } from '../storage/invocations.js';
import { assertAccountAccess, existingAccount } from './access.js';
import { methodName } from './invocations-routes.js';

export interface OverviewRouteDeps {
  db: Database;
  methods: ReadonlyMap<string, WebhookMethod>;
  clock: () => Date;
}

const accountId = Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'One account; without it the admin sees all accounts. An account token sees only its own.' });
const hours = Type.Integer({ minimum: 1, maximum: 720, default: 24, description: 'The last this many clock hours, the current one included (1–720). Default 24.', examples: [24] });

const overviewQuery = Type.Object({ accountId: Type.Optional(accountId), hours: Type.Optional(hours) }, { additionalProperties: false });

const missesQuery = Type.Object(
  {
    accountId: Type.Optional(accountId),
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only misses of this webhook method (any case): `validateDateAndTime` or `findLanguage` record them.', examples: ['validateDateAndTime'] })),
    hours: Type.Optional(hours),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Groups answered, most frequent first (1–500). Default 100.' })),
  },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0 });
const outcomes = Type.Object(
  { SUCCESS: count, FAILURE: count, '4xx': count, '5xx': count },
  { description: 'Calls by how they ended: `SUCCESS`/`FAILURE` answers (HTTP 200), or refused with a 4xx or 5xx status.' },
);
const codes = Type.Array(Type.Object({ code: Type.String(), calls: count }), { description: 'Most frequent first.' });
const nullableNumber = Type.Union([Type.Number(), Type.Null()]);
const time = (description: string) => Type.String({ format: 'date-time', description });
const period = {
  from: time('Start of the first hour of the period.'),
  to: time('When the answer was computed.'),
  hours: Type.Integer(),
  accountId: Type.Union([Type.Integer(), Type.Null()], { description: 'Null: all accounts.' }),
};

const overviewResponse = Type.Object({
  ...period,
  calls: count,
  outcomes,
  errorCodes: codes,
  methods: Type.Array(
    Type.Object({
      method: Type.Union([Type.String(), Type.Null()], { description: 'Null for calls that named no known method.' }),
      calls: count,
      outcomes,
      errorCodes: codes,
      durationMs: Type.Object(
        { mean: nullableNumber, p50: nullableNumber, p95: nullableNumber, p99: nullableNumber },
        { description: 'Percentiles estimated from per-hour duration buckets (exact to a bucket, see docs/console.md).' },
      ),
    }),
    { description: 'Busiest first.' },
  ),
  callsPerHour: Type.Array(Type.Object({ hour: time('Start of the hour.'), ...outcomes.properties }), { description: 'Every hour of the period, oldest first.' }),
  outbound: Type.Object({
    jobs: Type.Object(
      { scheduled: count, dispatching: count, delivered: count, failed: count, cancelled: count, simulated: count },
      { description: 'Outbound jobs made in the period, by their status now.' },
    ),
    deliveriesPerHour: Type.Array(Type.Object({ hour: time('Start of the hour.'), delivered: count })),
  }),
  visitsPerHour: Type.Array(Type.Object({ hour: time('Start of the hour.'), humans: count, bots: count }), { description: 'Short-URL visits.' }),
});

const missesResponse = Type.Object({
  ...period,
  misses: Type.Array(
    Type.Object({
      method: Type.String(),
      kind: Type.Union([Type.Literal('date'), Type.Literal('block')], { description: '`date`: a date text validateDateAndTime refused; `block`: the 5-digit block of a number findLanguage knew no circle for.' }),
      text: Type.String({ description: 'The text (at most 100 characters; runs of 10+ digits masked) or the block.' }),
      count,
      lastSeen: time('The latest call with it.'),
    }),
    { description: 'Most frequent first.' },
  ),
});

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

/** `GET /api/overview` and `GET /api/misses`: the console's first page and its misses page (docs/management-api.md). */
export async function overviewRoutes(server: FastifyInstance, deps: OverviewRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/overview', { schema: { querystring: overviewQuery, response: { 200: overviewResponse } } }, async (request) => {
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

  app.get('/api/misses', { schema: { querystring: missesQuery, response: { 200: missesResponse } } }, async (request) => {
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
