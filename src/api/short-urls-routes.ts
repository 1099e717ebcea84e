import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import { AppError } from '../kernel/errors.js';
import type { BotCache } from '../bots/cache.js';
import { sha256Hex } from '../kernel/hash.js';
import { created, deleted, duplicate, routeDoc } from '../kernel/route-doc.js';
import { randomBase62 } from '../shortener/codes.js';
import { longUrlIsShortLink, readShortUrlRequest } from '../shortener/create-rules.js';
import { checkLongUrl } from '../shortener/long-url.js';
import { normaliseDomain } from '../shortener/hosts.js';
import { linkState, type Shortener } from '../shortener/shortener.js';
import { addDays, dailySeries, dateIn, queryWindow } from '../shortener/visit-series.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import {
  deleteShortCustomer,
  domainsHeldByOthers,
  domainsWithLinksOfOthers,
  findShortCustomer,
  findShortCustomerByTokenHash,
  insertShortCustomer,
  listShortCustomers,
  replaceCustomerDomains,
  updateShortCustomer,
} from '../storage/short-customers.js';
import { deleteShortUrl, findShortUrl, listShortUrls, recentVisits, updateShortUrl, visitBuckets, type ShortUrl } from '../storage/short-urls.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams } from './account-schemas.js';
import { isCalendarDate } from '../time/iso-time.js';
import {
  createShortCustomerBody,
  createShortUrlBody,
  customerParams,
  listShortUrlsQuery,
  shortUrlParams,
  updateShortCustomerBody,
  updateShortUrlBody,
  visitsQuery,
  type ShortUrlVisits,
  type ShortUrlView,
} from './short-url-schemas.js';

export interface ShortUrlRouteDeps {
  db: Database;
  accounts: AccountCache;
  shortener: Shortener;
  clock: () => Date;
}

const hashCustToken = sha256Hex;

const doc = routeDoc('Short URLs');
/** The refusals both create routes give. */
const createRefusals = {
  '400': 'INVALID_URL (not an absolute http/https URL of at most 2048 characters) or DOMAIN_NOT_ALLOWED.',
  '401': 'INVALID_CUST_TOKEN: the custToken names no customer.',
  '422': 'VALIDATION_FAILED, naming each field: a malformed or reserved customSlug, an expiresAt in the past, or a longUrl on one of the service\'s own short-link domains (it would redirect back here).',
} as const;

/** Domains from a request: normalised, de-duplicated, never the default host; a 422 naming each bad one. */
function readDomains(domains: string[] | undefined, defaultHost: string): string[] {
  if (!domains) return [];
  const issues: Array<{ field: string; message: string }> = [];
  const hosts = new Set<string>();
  domains.forEach((domain, index) => {
    const host = normaliseDomain(domain);
    if (!host) issues.push({ field: `domains.${index}`, message: 'is not a host name' });
    else if (host === defaultHost) issues.push({ field: `domains.${index}`, message: 'is the default short domain' });
    else hosts.add(host);
  });
  if (issues.length) throw fieldErrors(issues);
  return [...hosts];
}

function linkView(link: ShortUrl, shortener: Shortener, now: number): ShortUrlView {
  return {
    id: link.id,
    shortUrl: shortener.shortUrlOf(link),
    longUrl: link.longUrl,
    domain: link.domain === '' ? shortener.defaultHost : link.domain,
    code: link.code,
    accountId: link.accountId,
    customerId: link.customerId,
    redirectStatus: link.redirectStatus,
    customSlug: link.customSlug,
    expiresAt: link.expiresAt === null ? null : new Date(link.expiresAt).toISOString(),
    maxVisits: link.maxVisits,
    disabled: link.disabled,
    state: linkState(link, now),
    visits: { total: link.humanVisits + link.botVisits, humans: link.humanVisits, bots: link.botVisits },
    createdAt: new Date(link.createdAt).toISOString(),
    updatedAt: new Date(link.updatedAt).toISOString(),
  };
}

/**
 * A preValidation hook of the create routes, run before the text guard (api/nul-guard.ts): a NUL in
 * `longUrl` is a control character like any other, so 400 INVALID_URL (docs/short-urls.md), not the guard's 422.
 */
export function refuseNulInLongUrl(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void {
  const longUrl = (request.body as { longUrl?: unknown } | null | undefined)?.longUrl;
  const checked = typeof longUrl === 'string' && longUrl.includes('\u0000') ? checkLongUrl(longUrl) : undefined;
  done(checked && !checked.ok ? new AppError('INVALID_URL', `${checked.reason}.`) : undefined);
}

/**
 * `POST /UrlShortner/phonon/shortUrl` (the path flows already call) and
 * `POST /api/short-urls`: authenticated by the body's custToken, not by a
 * bearer token, so they are registered outside the /api plugin.
 */
export async function shortUrlCreateRoutes(server: FastifyInstance, deps: ShortUrlRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, shortener, clock } = deps;

  const create = async (body: Static<typeof createShortUrlBody>) => {
    const customer = await findShortCustomerByTokenHash(db, hashCustToken(body.custToken));
    if (!customer) throw new AppError('INVALID_CUST_TOKEN', 'The custToken names no customer.');
    const now = clock().getTime();
    const read = readShortUrlRequest(body, customer, shortener.defaultHost, now);
    if (!read.ok) throw read.issue.code === 'VALIDATION_FAILED' ? fieldErrors(read.issue.fields) : new AppError(read.issue.code, read.issue.message);
    if (await shortener.leadsToShortLinks(read.input.longUrl)) throw fieldErrors([longUrlIsShortLink]);
    const { link, created } = await shortener.create(read.input, now);
    // Warnings are about this request's URL; a look-alike host is reported, not refused.
    return { created, body: { ...linkView(link, shortener, now), created, warnings: read.warnings } };
  };

  // Flows read `shortUrl`; this legacy path always answers 200.
  const legacyDoc = doc('Create a short URL (legacy path flows call)', {
    public: true,
    responses: { '200': 'The short URL (new or existing; this legacy path always answers 200).', ...createRefusals },
  });
  app.post('/UrlShortner/phonon/shortUrl', { schema: { ...legacyDoc, body: createShortUrlBody } }, async (request) => (await create(request.body)).body);
  const createDoc = doc('Create a short URL', {
    public: true,
    responses: { '200': 'The existing short URL for this customer, long URL and domain.', ...created('the short URL'), ...createRefusals },
  });
  app.post('/api/short-urls', { schema: { ...createDoc, body: createShortUrlBody } }, async (request, reply) => {
    const result = await create(request.body);
    return reply.code(result.created ? 201 : 200).send(result.body);
  });
}

/**
 * Short-URL customers, links and their visits, inside the bearer-authenticated /api plugin; a change of
 * an account's customers evicts linkcreation's cached link owners of that account (`bots`).
 */
export async function shortUrlRoutes(server: FastifyInstance, deps: ShortUrlRouteDeps & { bots: Pick<BotCache, 'evictAccount'> }): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, shortener, clock } = deps;

  const accountExists = (id: number) => existingAccount(id, deps.accounts.get);

  /**
   * A domain given to a customer must not hold another customer's links: they would go on redirecting on
   * its host, out of the new owner's reach (a domain that leaves its customer keeps serving the links it
   * sent, until it is given to another).
   */
  const assertNoFormerLinks = async (domains: string[], customerId?: string) => {
    const former = await domainsWithLinksOfOthers(db, domains, customerId);
    if (!former.length) return;
    const named = former.map(({ host, links }) => `${host} (${links} link${links === 1 ? '' : 's'})`).join(', ');
    throw new AppError('DOMAIN_HAS_LINKS', `Domain ${named} still holds links of its former customer: delete them (DELETE /api/short-urls/{domain}/{code}), or that customer, first.`);
  };

  const createCustomerDoc = doc('Create a short-URL customer (custToken)', { responses: { ...created('the customer with its custToken'), ...duplicate } });
  app.post('/api/accounts/:id/short-customers', { schema: { ...createCustomerDoc, params: accountIdParams, body: createShortCustomerBody } }, async (request, reply) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    await accountExists(id);
    const body = request.body;
    const domains = readDomains(body.domains, shortener.defaultHost);
    const held = await domainsHeldByOthers(db, domains);
    if (held.length) throw new AppError('ALREADY_EXISTS', `Domain ${held.join(', ')} already belongs to a customer.`);
    await assertNoFormerLinks(domains);
    const custToken = body.custToken ?? randomBase62(24);
    const customerId = randomUUID();
    try {
      await db.transaction().execute((trx) => insertShortCustomer(trx, { id: customerId, accountId: id, name: body.name, tokenHash: hashCustToken(custToken), domains }, clock().getTime()));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', 'That custToken or a domain is already in use.');
      throw error;
    }
    deps.bots.evictAccount(id);
    const customer = await findShortCustomer(db, id, customerId);
    // The custToken is shown in this answer only; the database keeps its hash.
    return reply.code(201).send({ ...customer, custToken });
  });

  app.get('/api/accounts/:id/short-customers', { schema: { ...doc('List short-URL customers'), params: accountIdParams } }, async (request) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    await accountExists(id);
    return listShortCustomers(db, id);
  });

  app.get('/api/accounts/:id/short-customers/:customerId', { schema: { ...doc('Read a short-URL customer'), params: customerParams } }, async (request) => {
    const { id, customerId } = request.params;
    assertAccountAccess(request, id, 'read');
    const customer = await findShortCustomer(db, id, customerId);
    if (!customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found.`);
    return customer;
  });

  app.patch('/api/accounts/:id/short-customers/:customerId', { schema: { ...doc('Change a short-URL customer or its domains'), params: customerParams, body: updateShortCustomerBody } }, async (request) => {
    const { id, customerId } = request.params;
    assertAccountAccess(request, id, 'write');
    const body = request.body;
    if (!(await findShortCustomer(db, id, customerId))) throw new AppError('NOT_FOUND', `Customer ${customerId} not found.`);
    const domains = body.domains && readDomains(body.domains, shortener.defaultHost);
    if (domains) {
      const held = await domainsHeldByOthers(db, domains, customerId);
      if (held.length) throw new AppError('ALREADY_EXISTS', `Domain ${held.join(', ')} already belongs to a customer.`);
      await assertNoFormerLinks(domains, customerId);
    }
    const custToken = body.custToken ?? (body.rotateToken ? randomBase62(24) : undefined);
    const now = clock().getTime();
    try {
      await db.transaction().execute(async (trx) => {
        await updateShortCustomer(trx, customerId, { name: body.name, tokenHash: custToken && hashCustToken(custToken) }, now);
        if (domains) await replaceCustomerDomains(trx, customerId, domains, now);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', 'That custToken or a domain is already in use.');
      throw error;
    }
    if (domains) deps.bots.evictAccount(id);
    const customer = await findShortCustomer(db, id, customerId);
    return { ...customer, ...(custToken && { custToken }) };
  });

  app.delete('/api/accounts/:id/short-customers/:customerId', { schema: { ...doc('Remove a short-URL customer', { responses: deleted }), params: customerParams } }, async (request, reply) => {
    const { id, customerId } = request.params;
    assertAccountAccess(request, id, 'write');
    // Deleting a customer deletes its links and their visits.
    if (!(await deleteShortCustomer(db, id, customerId))) throw new AppError('NOT_FOUND', `Customer ${customerId} not found.`);
    shortener.invalidateAll();
    deps.bots.evictAccount(id);
    return reply.code(204).send();
  });

  app.get('/api/accounts/:id/short-urls', { schema: { ...doc("List an account's short URLs"), params: accountIdParams, querystring: listShortUrlsQuery } }, async (request): Promise<ShortUrlView[]> => {
    const { id } = request.params;
    // The schema's default fills it in (ajv useDefaults); its type stays optional.
    const { limit = listShortUrlsQuery.properties.limit.default as number } = request.query;
    assertAccountAccess(request, id, 'read');
    await accountExists(id);
    const now = clock().getTime();
    return (await listShortUrls(db, id, limit)).map((link) => linkView(link, shortener, now));
  });

  /** The link named by the path, when the caller may see it; 404 otherwise (also for another account's link). */
  const readableLink = async (request: FastifyRequest, { domain, code }: { domain: string; code: string }, access: 'read' | 'write') => {
    const link = await findShortUrl(db, shortener.domainOfHost(domain.toLowerCase()), code);
    const notFound = 'No short URL with that domain and code.';
    if (!link) throw new AppError('NOT_FOUND', notFound);
    assertAccountAccess(request, link.accountId, access, notFound);
    return link;
  };

  app.get('/api/short-urls/:domain/:code', { schema: { ...doc('Read a short URL with its visit count'), params: shortUrlParams } }, async (request) => {
    // Visits this node has buffered are written first, so its answer is exact.
    await shortener.visits.flush();
    const link = await readableLink(request, request.params, 'read');
    const recent = await recentVisits(db, link.id, 20);
    return {
      ...linkView(link, shortener, clock().getTime()),
      recentVisits: recent.map((visit) => ({ visitedAt: new Date(visit.visitedAt).toISOString(), referrer: visit.referrer, userAgent: visit.userAgent, bot: visit.bot })),
    };
  });

  app.get('/api/short-urls/:domain/:code/visits', { schema: { ...doc('Visits of a short URL per day'), params: shortUrlParams, querystring: visitsQuery } }, async (request): Promise<ShortUrlVisits> => {
    await shortener.visits.flush();
    const link = await readableLink(request, request.params, 'read');
    const account = await deps.accounts.get(link.accountId);
    const timeZone = account?.timezone ?? 'UTC';
    const query = request.query;
    const to = query.to ?? dateIn(timeZone)(clock().getTime());
    const from = query.from ?? addDays(to, -29);
    const issues: Array<{ field: string; message: string }> = [];
    // A day that does not exist (30 February) is refused, not rolled over into the next month.
    if (!isCalendarDate(from)) issues.push({ field: 'from', message: 'is not a date (YYYY-MM-DD)' });
    if (!isCalendarDate(to)) issues.push({ field: 'to', message: 'is not a date (YYYY-MM-DD)' });
    if (!issues.length && (from > to || addDays(from, 366) <= to)) issues.push({ field: 'from', message: 'must be on or before to, at most 366 days apart' });
    if (issues.length) throw fieldErrors(issues);
    const window = queryWindow(from, to);
    const days = dailySeries(await visitBuckets(db, link.id, window.start, window.end), { from, to, timeZone });
    const total = days.reduce((sum, day) => ({ humans: sum.humans + day.humans, bots: sum.bots + day.bots }), { humans: 0, bots: 0 });
    return { shortUrl: shortener.shortUrlOf(link), timezone: timeZone, from, to, total, days };
  });

  app.patch('/api/short-urls/:domain/:code', { schema: { ...doc('Change, expire or switch off a short URL'), params: shortUrlParams, body: updateShortUrlBody } }, async (request) => {
    const link = await readableLink(request, request.params, 'write');
    const body = request.body;
    const now = clock().getTime();
    const expiresAt = body.expiresAt === undefined ? undefined : body.expiresAt === null ? null : Date.parse(body.expiresAt);
    // As create refuses it (shortener/create-rules.ts); `null` takes the expiry off.
    if (expiresAt != null && expiresAt <= now) throw fieldErrors([{ field: 'expiresAt', message: 'is in the past' }]);
    await updateShortUrl(db, link.id, {
      disabled: body.disabled,
      expiresAt,
      maxVisits: body.maxVisits,
      redirectStatus: body.redirectStatus,
    }, now);
    shortener.invalidate(link.domain, link.code);
    const updated = await findShortUrl(db, link.domain, link.code);
    if (!updated) throw new AppError('NOT_FOUND', 'No short URL with that domain and code.');
    return linkView(updated, shortener, now);
  });

  app.delete('/api/short-urls/:domain/:code', { schema: { ...doc('Delete a short URL and its visits', { responses: deleted }), params: shortUrlParams } }, async (request, reply) => {
    const link = await readableLink(request, request.params, 'write');
    await deleteShortUrl(db, link.id);
    // Other nodes may serve it from memory for up to the shortener's cache time (docs/short-urls.md).
    shortener.invalidate(link.domain, link.code);
    return reply.code(204).send();
  });
}
