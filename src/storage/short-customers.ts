import type { Database } from './db.js';
import { preparedQuery } from './prepared.js';

export interface ShortCustomer {
  id: string;
  accountId: number;
  name: string;
  /** Custom domains, sorted. */
  domains: string[];
  createdAt: string;
  updatedAt: string;
}

async function domainsOf(db: Database, customerIds: string[]): Promise<Map<string, string[]>> {
  const byCustomer = new Map<string, string[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return byCustomer;
  const rows = await db.selectFrom('short_domains').select(['host', 'customer_id']).where('customer_id', 'in', customerIds).orderBy('host').execute();
  for (const row of rows) byCustomer.get(row.customer_id)?.push(row.host);
  return byCustomer;
}

type CustomerRow = { id: string; account_id: number; name: string; created_at: number; updated_at: number };

async function withDomains(db: Database, rows: CustomerRow[]): Promise<ShortCustomer[]> {
  const domains = await domainsOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    domains: domains.get(row.id) ?? [],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

const customerColumns = ['id', 'account_id', 'name', 'created_at', 'updated_at'] as const;

export async function insertShortCustomer(
  db: Database,
  customer: { id: string; accountId: number; name: string; tokenHash: string; domains: string[] },
  now: number,
): Promise<void> {
  await db
    .insertInto('short_customers')
    .values({ id: customer.id, account_id: customer.accountId, name: customer.name, token_hash: customer.tokenHash, created_at: now, updated_at: now })
    .execute();
  await replaceCustomerDomains(db, customer.id, customer.domains, now);
}

/** Sets a customer's domains to exactly these; a host another customer holds fails with a unique violation. */
export async function replaceCustomerDomains(db: Database, customerId: string, domains: string[], now: number): Promise<void> {
  await db.deleteFrom('short_domains').where('customer_id', '=', customerId).execute();
  if (domains.length) {
    await db.insertInto('short_domains').values(domains.map((host) => ({ host, customer_id: customerId, created_at: now }))).execute();
  }
}

export async function updateShortCustomer(db: Database, customerId: string, fields: { name?: string; tokenHash?: string }, now: number): Promise<void> {
  await db
    .updateTable('short_customers')
    .set({ ...(fields.name !== undefined && { name: fields.name }), ...(fields.tokenHash !== undefined && { token_hash: fields.tokenHash }), updated_at: now })
    .where('id', '=', customerId)
    .execute();
}

export async function findShortCustomer(db: Database, accountId: number, customerId: string): Promise<ShortCustomer | undefined> {
  const row = await db.selectFrom('short_customers').select(customerColumns).where('id', '=', customerId).where('account_id', '=', accountId).executeTakeFirst();
  return row ? (await withDomains(db, [row]))[0] : undefined;
}

export async function findShortCustomerByTokenHash(db: Database, tokenHash: string): Promise<ShortCustomer | undefined> {
  const row = await db.selectFrom('short_customers').select(customerColumns).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? (await withDomains(db, [row]))[0] : undefined;
}

/**
 * Whom linkcreation shortens for: the account's oldest customer and its first
 * domain ('' for the default domain when it has none), in one query;
 * undefined when the account has no customer.
 */
export async function linkOwner(db: Database, accountId: number): Promise<{ customerId: string; domain: string } | undefined> {
  const row = (await linkOwnerQuery(db, { accountId })).rows[0];
  return row && { customerId: row.id, domain: row.host ?? '' };
}

const linkOwnerQuery = preparedQuery<{ accountId: number }, { id: string; host: string | null }>((db, slot) =>
  db
    .selectFrom('short_customers as customer')
    .select((eb) => [
      'customer.id',
      eb.selectFrom('short_domains as domain').select('domain.host').whereRef('domain.customer_id', '=', 'customer.id').orderBy('domain.host').limit(1).as('host'),
    ])
    .where('customer.account_id', '=', slot('accountId'))
    .orderBy('customer.created_at')
    .orderBy('customer.id')
    .limit(1),
);

export async function listShortCustomers(db: Database, accountId: number): Promise<ShortCustomer[]> {
  const rows = await db.selectFrom('short_customers').select(customerColumns).where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  return withDomains(db, rows);
}

export async function deleteShortCustomer(db: Database, accountId: number, customerId: string): Promise<boolean> {
  const result = await db.deleteFrom('short_customers').where('id', '=', customerId).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Which of these hosts are held by a customer other than `exceptCustomerId`. */
export async function domainsHeldByOthers(db: Database, hosts: string[], exceptCustomerId?: string): Promise<string[]> {
  if (hosts.length === 0) return [];
  let query = db.selectFrom('short_domains').select('host').where('host', 'in', hosts);
  if (exceptCustomerId) query = query.where('customer_id', '!=', exceptCustomerId);
  return (await query.execute()).map((row) => row.host);
}

/**
 * Whether short links are answered on `host`: it is a customer's domain, or a former one that
 * still holds links (a domain that leaves its customer keeps serving them, docs/management-api.md).
 */
export async function hostHoldsShortLinks(db: Database, host: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.or([eb.exists(eb.selectFrom('short_domains').select('host').where('host', '=', host)), eb.exists(eb.selectFrom('short_urls').select('id').where('domain', '=', host))]).as('holds'),
    ])
    .executeTakeFirstOrThrow();
  // SQLite answers 1 or 0, PostgreSQL true or false.
  return Boolean(row.holds);
}

/**
 * Which of these hosts still hold links of another customer than `customerId` (a domain's former
 * customer), with how many: a domain cannot be given to a customer while they remain, or they would
 * go on redirecting on its host, out of its new owner's reach (docs/management-api.md).
 */
export async function domainsWithLinksOfOthers(db: Database, hosts: readonly string[], customerId?: string): Promise<Array<{ host: string; links: number }>> {
  if (hosts.length === 0) return [];
  let query = db
    .selectFrom('short_urls')
    .select(['domain as host', (eb) => eb.fn.countAll<number | string>().as('links')])
    .where('domain', 'in', hosts)
    .groupBy('domain')
    .orderBy('domain');
  if (customerId) query = query.where((eb) => eb.or([eb('customer_id', 'is', null), eb('customer_id', '!=', customerId)]));
  return (await query.execute()).map((row) => ({ host: row.host, links: Number(row.links) }));
}
