import { CompiledQuery, sql } from 'kysely';
import { groupWriteFor } from '../kernel/group-write.js';
import { dialectOf, type Database } from './db.js';
import type { ShortUrlsTable } from './tables.js';
import { arrayParam, byPosition, columnArrays, eachCallLooksUp, everyColumn, preparedQuery, readTogetherOnPostgres, type SlotOf } from './prepared.js';
import { multiRowStatement, slices, sqliteRowsPerStatement } from './statement-slices.js';

/** What creating a short URL stores. `domain` is '' for the default short domain. */
export interface NewShortUrl {
  id: string;
  domain: string;
  code: string;
  accountId: number;
  customerId: string | null;
  longUrl: string;
  /** SHA-256 of longUrl, hex. */
  urlHash: string;
  /** Set on plain links so the same request finds them again; null otherwise. */
  reuseKey: string | null;
  redirectStatus: number;
  customSlug: boolean;
  expiresAt: number | null;
  maxVisits: number | null;
}

/** A short URL as the shortener sees it. */
export interface ShortUrl extends Omit<NewShortUrl, 'urlHash' | 'reuseKey'> {
  disabled: boolean;
  humanVisits: number;
  botVisits: number;
  createdAt: number;
  updatedAt: number;
}

/** What the redirect needs of a link (src/shortener/redirect-route.ts): where to, how, and whether it may still be followed. */
export type LinkTarget = Pick<ShortUrl, 'id' | 'longUrl' | 'redirectStatus' | 'disabled' | 'expiresAt' | 'maxVisits' | 'humanVisits'>;

/** A link's row with its counters' row (short_url_visit_counts), absent until its first batch of visits. */
type LinkRow = ShortUrlsTable & { humans?: number | null; bots?: number | null };
type LinkTargetRow = Pick<LinkRow, 'id' | 'long_url' | 'redirect_status' | 'disabled' | 'expires_at' | 'max_visits' | 'human_visits' | 'humans'>;

function toLinkTarget(row: LinkTargetRow): LinkTarget {
  return {
    id: row.id,
    longUrl: row.long_url,
    redirectStatus: row.redirect_status,
    disabled: row.disabled === 1,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    maxVisits: row.max_visits,
    // Counted before migration 0021 (or by an older node during an upgrade), and since.
    humanVisits: Number(row.human_visits) + Number(row.humans ?? 0),
  };
}

/** A whole link (the API's). Object.assign, not a spread of toLinkTarget, which would make each object about twice the size. */
function toLink(row: LinkRow): ShortUrl {
  return Object.assign(toLinkTarget(row), {
    domain: row.domain,
    code: row.code,
    accountId: row.account_id,
    customerId: row.customer_id,
    customSlug: row.custom_slug === 1,
    botVisits: Number(row.bot_visits) + Number(row.bots ?? 0),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  });
}

const shortUrlColumns = everyColumn<ShortUrlsTable>({
  id: true, domain: true, code: true, account_id: true, customer_id: true, long_url: true, url_hash: true, reuse_key: true, redirect_status: true,
  custom_slug: true, expires_at: true, max_visits: true, disabled: true, human_visits: true, bot_visits: true, created_at: true, updated_at: true,
});

/**
 * Inserts a link and returns it as stored; undefined, with nothing written,
 * when its (domain, code) or its reuse key is taken.
 */
export async function insertShortUrl(db: Database, link: NewShortUrl, now: number): Promise<ShortUrl | undefined> {
  const values = shortUrlValues(link, now);
  if (!db.isTransaction && dialectOf(db) === 'postgres') return insertOnPostgres(db, values);
  const { rows } = await insertShortUrlQuery(db, values);
  return rows[0] && storedLink(values);
}

/** A link's values as its statements take them. */
export type ShortUrlValues = Omit<NewShortUrl, 'customSlug'> & { customSlug: number; now: number };

export const shortUrlValues = (link: NewShortUrl, now: number): ShortUrlValues => ({ ...link, customSlug: link.customSlug ? 1 : 0, now });

/** PostgreSQL: the values of several links, one array a column (linkArrays). */
export type LinkArrays = {
  ids: string[]; domains: string[]; codes: string[]; accountIds: number[]; customerIds: Array<string | null>; longUrls: string[]; urlHashes: string[];
  reuseKeys: Array<string | null>; redirectStatuses: number[]; customSlugs: number[]; expiresAts: Array<number | null>; maxVisits: Array<number | null>; nows: number[];
};

export const linkArrays = (links: readonly ShortUrlValues[]): LinkArrays =>
  columnArrays(links, { ids: 'id', domains: 'domain', codes: 'code', accountIds: 'accountId', customerIds: 'customerId', longUrls: 'longUrl', urlHashes: 'urlHash', reuseKeys: 'reuseKey', redirectStatuses: 'redirectStatus', customSlugs: 'customSlug', expiresAts: 'expiresAt', maxVisits: 'maxVisits', nows: 'now' });

/** PostgreSQL: `given`, the links of linkArrays with their position, for a `with` clause. */
export const givenLinks = (slot: SlotOf<LinkArrays>) => sql`given as (select * from unnest(${arrayParam(slot('ids'), 'text')}, ${arrayParam(slot('domains'), 'text')}, ${arrayParam(slot('codes'), 'text')}, ${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('customerIds'), 'text')},
      ${arrayParam(slot('longUrls'), 'text')}, ${arrayParam(slot('urlHashes'), 'text')}, ${arrayParam(slot('reuseKeys'), 'text')}, ${arrayParam(slot('redirectStatuses'), 'integer')}, ${arrayParam(slot('customSlugs'), 'integer')},
      ${arrayParam(slot('expiresAts'), 'bigint')}, ${arrayParam(slot('maxVisits'), 'integer')}, ${arrayParam(slot('nows'), 'bigint')})
      with ordinality as given(id, domain, code, account_id, customer_id, long_url, url_hash, reuse_key, redirect_status, custom_slug, expires_at, max_visits, now, position))`;

/**
 * PostgreSQL: inserts `given`'s links in their order. A link whose code or reuse key is taken, by a
 * stored link or by one before it in the statement, is not inserted; the links returned are those that were.
 */
export const insertGivenLinks = sql`insert into short_urls (id, domain, code, account_id, customer_id, long_url, url_hash, reuse_key, redirect_status, custom_slug,
      expires_at, max_visits, disabled, human_visits, bot_visits, created_at, updated_at)
    select id, domain, code, account_id, customer_id, long_url, url_hash, reuse_key, redirect_status, custom_slug, expires_at, max_visits, 0, 0, 0, now, now
    from given order by position
    on conflict do nothing
    returning id`;

/**
 * A link as its insert stored it: its values, no visits, created now. Inserts return only the id,
 * so a link is not parsed back from 17 columns it was just given (docs/benchmark.md, twenty-first section).
 */
function storedLink(link: ShortUrlValues): ShortUrl {
  return {
    id: link.id,
    domain: link.domain,
    code: link.code,
    accountId: link.accountId,
    customerId: link.customerId,
    longUrl: link.longUrl,
    redirectStatus: link.redirectStatus,
    customSlug: link.customSlug === 1,
    expiresAt: link.expiresAt,
    maxVisits: link.maxVisits,
    disabled: false,
    humanVisits: 0,
    botVisits: 0,
    createdAt: link.now,
    updatedAt: link.now,
  };
}

/** Each link as stored, by the ids an insert of several returned; undefined for a link that was not inserted. */
export function insertedLinks(links: readonly ShortUrlValues[], rows: ReadonlyArray<{ id: string }>): Array<ShortUrl | undefined> {
  const inserted = new Set(rows.map((row) => row.id));
  return links.map((link) => (inserted.has(link.id) ? storedLink(link) : undefined));
}

/**
 * PostgreSQL: the links of calls that arrive together as one insert of one array a column
 * (groupWriteFor; docs/deploying.md "Topology"), in the calls' order; each call is answered
 * once it has committed, with its link or, when its code or reuse key was taken, undefined.
 */
const insertOnPostgres = groupWriteFor('short_url', async (db: Database, links: ShortUrlValues[]): Promise<Array<ShortUrl | undefined>> => {
  const { rows } = await insertShortUrlsPostgres(db, linkArrays(links));
  return insertedLinks(links, rows);
});

const insertShortUrlsPostgres = preparedQuery<LinkArrays, { id: string }>((_db, slot) => sql`with ${givenLinks(slot)} ${insertGivenLinks}`);

const insertShortUrlQuery = preparedQuery<ShortUrlValues, { id: string }>((db, slot) =>
  db
    .insertInto('short_urls')
    .values({
      id: slot('id'),
      domain: slot('domain'),
      code: slot('code'),
      account_id: slot('accountId'),
      customer_id: slot('customerId'),
      long_url: slot('longUrl'),
      url_hash: slot('urlHash'),
      reuse_key: slot('reuseKey'),
      redirect_status: slot('redirectStatus'),
      custom_slug: slot('customSlug'),
      expires_at: slot('expiresAt'),
      max_visits: slot('maxVisits'),
      disabled: 0,
      human_visits: 0,
      bot_visits: 0,
      created_at: slot('now'),
      updated_at: slot('now'),
    })
    .onConflict((conflict) => conflict.doNothing())
    .returning('id'),
);

/**
 * What the redirect reads of the link at (domain, code) when it is not in memory: the eight columns
 * it needs, not the nineteen of findShortUrl, so a look-up and the shortener's cache entry hold less
 * (docs/benchmark.md, twenty-first section).
 */
export function findLinkTarget(db: Database, domain: string, code: string): Promise<LinkTarget | undefined> {
  return linkTargetRead(db, { domain, code });
}

/** On PostgreSQL the look-ups of the redirects that arrive together go as one select (readTogetherOnPostgres). */
const linkTargetRead = readTogetherOnPostgres(
  'short_url_read',
  async (db, key: { domain: string; code: string }) => {
    const row = (await linkTargetAt(db, key)).rows[0];
    return row && toLinkTarget(row);
  },
  async (db, keys) => {
    const { rows } = await linkTargetsPostgres(db, columnArrays(keys, { domains: 'domain', codes: 'code' }));
    return byPosition(keys.length, rows, toLinkTarget);
  },
);

const linkTargetsPostgres = preparedQuery<{ domains: string[]; codes: string[] }, LinkTargetRow & { position: string }>(
  (_db, slot) =>
    sql`select given.position, link.id, link.long_url, link.redirect_status, link.disabled, link.expires_at, link.max_visits, link.human_visits, link.humans
      from unnest(${arrayParam(slot('domains'), 'text')}, ${arrayParam(slot('codes'), 'text')}) with ordinality as given(domain, code, position)
      ${eachCallLooksUp(
        sql`select stored.id, stored.long_url, stored.redirect_status, stored.disabled, stored.expires_at, stored.max_visits, stored.human_visits, counts.humans
          from short_urls as stored left join short_url_visit_counts as counts on counts.link_id = stored.id
          where stored.domain = given.domain and stored.code = given.code`,
        'link',
      )}`,
);

const linkTargetAt = preparedQuery<{ domain: string; code: string }, LinkTargetRow>((db, slot) =>
  db
    .selectFrom('short_urls')
    .leftJoin('short_url_visit_counts as counts', 'counts.link_id', 'short_urls.id')
    .select(['short_urls.id', 'short_urls.long_url', 'short_urls.redirect_status', 'short_urls.disabled', 'short_urls.expires_at', 'short_urls.max_visits', 'short_urls.human_visits', 'counts.humans'])
    .where('short_urls.domain', '=', slot('domain'))
    .where('short_urls.code', '=', slot('code')),
);

/** The link at (domain, code), whole, with its counters. */
export async function findShortUrl(db: Database, domain: string, code: string): Promise<ShortUrl | undefined> {
  const row = (await shortUrlAt(db, { domain, code })).rows[0];
  return row ? toLink(row) : undefined;
}

export async function findShortUrlByReuseKey(db: Database, reuseKey: string): Promise<ShortUrl | undefined> {
  const row = (await shortUrlByReuseKey(db, { reuseKey })).rows[0];
  return row ? toLink(row) : undefined;
}

const qualifiedLinkColumns = shortUrlColumns.map((column) => `short_urls.${column}` as const);

/** Links with their counters. */
const linksWithCounts = (db: Database) =>
  db
    .selectFrom('short_urls')
    .leftJoin('short_url_visit_counts as counts', 'counts.link_id', 'short_urls.id')
    .select(qualifiedLinkColumns)
    .select(['counts.humans', 'counts.bots']);

const shortUrlByReuseKey = preparedQuery<{ reuseKey: string }, LinkRow>((db, slot) => linksWithCounts(db).where('short_urls.reuse_key', '=', slot('reuseKey')));
const shortUrlAt = preparedQuery<{ domain: string; code: string }, LinkRow>((db, slot) =>
  linksWithCounts(db).where('short_urls.domain', '=', slot('domain')).where('short_urls.code', '=', slot('code')),
);

/** The account's links, newest first. */
export async function listShortUrls(db: Database, accountId: number, limit: number): Promise<ShortUrl[]> {
  const rows = await linksWithCounts(db).where('short_urls.account_id', '=', accountId).orderBy('short_urls.created_at', 'desc').orderBy('short_urls.id').limit(limit).execute();
  return rows.map(toLink);
}

export interface ShortUrlChanges {
  disabled?: boolean;
  expiresAt?: number | null;
  maxVisits?: number | null;
  redirectStatus?: number;
}

/**
 * Changes a link. A link that stops being plain (disabled, given an expiry or
 * a visit limit) drops its reuse key, so the next request for the same URL
 * makes a fresh link instead of returning this one.
 */
export async function updateShortUrl(db: Database, id: string, changes: ShortUrlChanges, now: number): Promise<void> {
  const dropsReuse = changes.disabled === true || (changes.expiresAt ?? null) !== null || (changes.maxVisits ?? null) !== null || changes.redirectStatus !== undefined;
  await db
    .updateTable('short_urls')
    .set({
      ...(changes.disabled !== undefined && { disabled: changes.disabled ? 1 : 0 }),
      ...(changes.expiresAt !== undefined && { expires_at: changes.expiresAt }),
      ...(changes.maxVisits !== undefined && { max_visits: changes.maxVisits }),
      ...(changes.redirectStatus !== undefined && { redirect_status: changes.redirectStatus }),
      ...(dropsReuse && { reuse_key: null }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteShortUrl(db: Database, id: string): Promise<void> {
  await db.deleteFrom('short_urls').where('id', '=', id).execute();
}

export interface VisitRecord {
  linkId: string;
  visitedAt: number;
  referrer: string | null;
  userAgent: string | null;
  bot: boolean;
}

/**
 * PostgreSQL: a batch of visits and the counters of the links they touched
 * in one prepared statement, whatever the batch's size: the visits as one
 * array a column, inserted in a WITH clause and counted by link into the
 * links' counters. Built by the query builder, a batch of 1 000 visits to random
 * links took a transaction of twenty statements of 100 rows each.
 */
const insertVisitsPostgres = preparedQuery<
  { linkIds: string[]; visitedAt: number[]; referrers: Array<string | null>; userAgents: Array<string | null>; bots: number[] },
  never
>(
  (_db, slot) => sql`with visit as (
      select * from unnest(${arrayParam(slot('linkIds'), 'text')}, ${arrayParam(slot('visitedAt'), 'bigint')}, ${arrayParam(slot('referrers'), 'text')}, ${arrayParam(slot('userAgents'), 'text')}, ${arrayParam(slot('bots'), 'integer')})
        as visit(link_id, visited_at, referrer, user_agent, bot)
    ), inserted as (
      insert into short_url_visits (link_id, visited_at, referrer, user_agent, bot) select link_id, visited_at, referrer, user_agent, bot from visit
    )
    insert into short_url_visit_counts (link_id, humans, bots)
    select link_id, count(*) filter (where bot = 0), count(*) filter (where bot <> 0) from visit group by link_id
    on conflict (link_id) do update set humans = short_url_visit_counts.humans + excluded.humans, bots = short_url_visit_counts.bots + excluded.bots`,
);

/** By link, then by time: the order in which a batch's visits reach the indexes. */
export const byLinkThenTime = (a: Pick<VisitRecord, 'linkId' | 'visitedAt'>, b: Pick<VisitRecord, 'linkId' | 'visitedAt'>) => (a.linkId < b.linkId ? -1 : a.linkId > b.linkId ? 1 : a.visitedAt - b.visitedAt);

/**
 * Writes a batch of visits and the counters of the links touched, together
 * or not at all: on PostgreSQL one statement (above); on SQLite one
 * transaction of multi-row inserts of 100 visits and of the counters of 100
 * links (fixed sizes, so each prepared statement is reused).
 *
 * The batch is written in link order. Visits to many links touch a page of
 * the visits' link index and of the counters for each link; in link order
 * (and link ids grow with time, src/kernel/row-ids.ts, so the rows lie in
 * that order too) each page is found once, beside the last, while it is
 * still in the cache (docs/benchmark.md, eleventh and fifteenth sections).
 */
export async function insertVisits(db: Database, batch: readonly VisitRecord[]): Promise<void> {
  if (batch.length === 0) return;
  const visits = [...batch].sort(byLinkThenTime);
  if (dialectOf(db) === 'postgres') {
    await insertVisitsPostgres(db, {
      ...columnArrays(visits, { linkIds: 'linkId', visitedAt: 'visitedAt', referrers: 'referrer', userAgents: 'userAgent' }),
      bots: visits.map((visit) => (visit.bot ? 1 : 0)),
    });
    return;
  }
  // Visits come sorted by link, so each link's counts are one run of the batch.
  const counts: Array<[linkId: string, humans: number, bots: number]> = [];
  for (const visit of visits) {
    let last = counts[counts.length - 1];
    if (last?.[0] !== visit.linkId) counts.push((last = [visit.linkId, 0, 0]));
    if (visit.bot) last[2]++;
    else last[1]++;
  }
  await db.transaction().execute(async (trx) => {
    for (const slice of slices(visits, sqliteRowsPerStatement)) {
      const values: unknown[] = [];
      for (const visit of slice) values.push(visit.linkId, visit.visitedAt, visit.referrer, visit.userAgent, visit.bot ? 1 : 0);
      await trx.executeQuery(CompiledQuery.raw(sqliteVisitsInsert(slice.length), values));
    }
    for (const slice of slices(counts, sqliteRowsPerStatement)) {
      await trx.executeQuery(CompiledQuery.raw(sqliteCountsAdd(slice.length), slice.flat()));
    }
  });
}

/** SQLite: the visits of a batch and their links' counters, as multi-row statements (insertVisits). */
export const sqliteVisitsInsert = multiRowStatement('insert into short_url_visits (link_id, visited_at, referrer, user_agent, bot)', 5);
export const sqliteCountsAdd = multiRowStatement(
  'insert into short_url_visit_counts (link_id, humans, bots)',
  3,
  ' on conflict (link_id) do update set humans = humans + excluded.humans, bots = bots + excluded.bots',
);

/** Visit counts in 15-minute buckets (epoch ms / 900 000), humans and bots apart, from `from` (inclusive) to `to` (exclusive). */
export async function visitBuckets(db: Database, linkId: string, from: number, to: number): Promise<Array<{ bucket: number; bot: number; count: number }>> {
  const bucket = sql<number>`visited_at / 900000`;
  const rows = await db
    .selectFrom('short_url_visits')
    .select([bucket.as('bucket'), 'bot', (eb) => eb.fn.countAll<number>().as('count')])
    .where('link_id', '=', linkId)
    .where('visited_at', '>=', from)
    .where('visited_at', '<', to)
    .groupBy([bucket, 'bot'])
    .execute();
  return rows.map((row) => ({ bucket: Number(row.bucket), bot: Number(row.bot), count: Number(row.count) }));
}

/** The latest visits of a link, newest first. */
export async function recentVisits(db: Database, linkId: string, limit: number): Promise<VisitRecord[]> {
  const rows = await db.selectFrom('short_url_visits').selectAll().where('link_id', '=', linkId).orderBy('visited_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ linkId: row.link_id, visitedAt: Number(row.visited_at), referrer: row.referrer, userAgent: row.user_agent, bot: row.bot === 1 }));
}

/**
 * Visits of every link (or one account's) from `from` on, by hour (start,
 * epoch ms) and bot flag; reads the visited_at index (console overview).
 */
export async function countVisitsByHour(db: Database, filter: { from: number; accountId?: number }): Promise<Array<{ hour: number; bot: number; count: number }>> {
  const hour = sql<number>`(short_url_visits.visited_at / 3600000) * 3600000`;
  let query = db
    .selectFrom('short_url_visits')
    .select([hour.as('hour'), 'short_url_visits.bot', (eb) => eb.fn.countAll<number>().as('count')])
    .where('short_url_visits.visited_at', '>=', filter.from);
  if (filter.accountId !== undefined) {
    query = query.innerJoin('short_urls', 'short_urls.id', 'short_url_visits.link_id').where('short_urls.account_id', '=', filter.accountId);
  }
  const rows = await query.groupBy([hour, 'short_url_visits.bot']).execute();
  return rows.map((row) => ({ hour: Number(row.hour), bot: Number(row.bot), count: Number(row.count) }));
}
