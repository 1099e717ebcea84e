import { sql } from 'kysely';
import { groupWriteFor } from '../kernel/group-write.js';
import { dialectOf, type Database } from './db.js';
import { arrayParam, byPosition, columnArrays, eachCallLooksUp, preparedQuery } from './prepared.js';
import { linkOwner } from './short-customers.js';
import { givenLinks, insertedLinks, insertGivenLinks, insertShortUrl, linkArrays, shortUrlValues, type LinkArrays, type NewShortUrl, type ShortUrl, type ShortUrlValues } from './short-urls.js';

export type LinkMode = 'query' | 'opaque';

export interface Bot {
  accountId: number;
  botId: string;
  baseUrl: string;
  linkMode: LinkMode;
  createdAt: string;
  updatedAt: string;
}

export interface BotSession {
  botUniqueID: string;
  accountId: number;
  botId: string;
  cli: string;
  variables: Record<string, string>;
  shortUrl: string;
  createdAt: string;
}

type BotRow = { account_id: number; bot_id: string; base_url: string; link_mode: LinkMode; created_at: number; updated_at: number };

function toBot(row: BotRow): Bot {
  return {
    accountId: row.account_id,
    botId: row.bot_id,
    baseUrl: row.base_url,
    linkMode: row.link_mode,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

const botColumns = ['account_id', 'bot_id', 'base_url', 'link_mode', 'created_at', 'updated_at'] as const;

/** Inserts a bot; an existing (account, botId) fails with a unique violation. */
export async function insertBot(db: Database, bot: { accountId: number; botId: string; baseUrl: string; tokenHash: string; linkMode: LinkMode }, now: number): Promise<Bot> {
  await db
    .insertInto('bots')
    .values({ account_id: bot.accountId, bot_id: bot.botId, base_url: bot.baseUrl, token_hash: bot.tokenHash, link_mode: bot.linkMode, created_at: now, updated_at: now })
    .execute();
  return toBot({ account_id: bot.accountId, bot_id: bot.botId, base_url: bot.baseUrl, link_mode: bot.linkMode, created_at: now, updated_at: now });
}

export async function updateBot(db: Database, accountId: number, botId: string, fields: { baseUrl?: string; tokenHash?: string; linkMode?: LinkMode }, now: number): Promise<Bot | undefined> {
  const result = await db
    .updateTable('bots')
    .set({
      ...(fields.baseUrl !== undefined && { base_url: fields.baseUrl }),
      ...(fields.tokenHash !== undefined && { token_hash: fields.tokenHash }),
      ...(fields.linkMode !== undefined && { link_mode: fields.linkMode }),
      updated_at: now,
    })
    .where('account_id', '=', accountId)
    .where('bot_id', '=', botId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) ? findBot(db, accountId, botId) : undefined;
}

export async function findBot(db: Database, accountId: number, botId: string): Promise<Bot | undefined> {
  const row = await db.selectFrom('bots').select(botColumns).where('account_id', '=', accountId).where('bot_id', '=', botId).executeTakeFirst();
  return row ? toBot(row) : undefined;
}

/** What linkcreation needs of a bot: its link's base and mode, and its token hash to check the call's token. */
export type BotForLink = Pick<Bot, 'baseUrl' | 'linkMode'> & { tokenHash: string };

type BotForLinkRow = { base_url: string; link_mode: LinkMode; token_hash: string };
const toBotForLink = (row: BotForLinkRow): BotForLink => ({ baseUrl: row.base_url, linkMode: row.link_mode, tokenHash: row.token_hash });

const botForLinkQuery = preparedQuery<{ accountId: number; botId: string }, BotForLinkRow>((db, slot) =>
  db.selectFrom('bots').select(['base_url', 'link_mode', 'token_hash']).where('account_id', '=', slot('accountId')).where('bot_id', '=', slot('botId')),
);

/** What linkcreation reads before it shortens: the bot (undefined when the account has none of that id) and whom the link is made for (linkOwner). */
export interface BotAndLinkOwner {
  bot: BotForLink | undefined;
  owner: { customerId: string; domain: string } | undefined;
}

/**
 * PostgreSQL: the bots of several calls, each with its account's link owner (the oldest customer and
 * its first domain, as linkOwner), in one prepared statement of one array a column.
 */
const botsWithLinkOwnersPostgres = preparedQuery<
  { accountIds: number[]; botIds: string[] },
  { position: string; owner_id: string | null; owner_host: string | null } & ({ token_hash: null } | BotForLinkRow)
>(
  (_db, slot) => sql`select given.position, bot.base_url, bot.link_mode, bot.token_hash, owner.id as owner_id, owner.host as owner_host
    from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('botIds'), 'text')}) with ordinality as given(account_id, bot_id, position)
    ${eachCallLooksUp(sql`select stored.base_url, stored.link_mode, stored.token_hash from bots as stored where stored.account_id = given.account_id and stored.bot_id = given.bot_id`, 'bot', 'left')}
    left join lateral (
      select customer.id, (select domain.host from short_domains as domain where domain.customer_id = customer.id order by domain.host limit 1) as host
      from short_customers as customer where customer.account_id = given.account_id order by customer.created_at, customer.id limit 1
    ) as owner on true`,
);

const readTogetherOnPostgres = groupWriteFor('bot_read', async (db: Database, lookups: Array<{ accountId: number; botId: string }>): Promise<BotAndLinkOwner[]> => {
  const { rows } = await botsWithLinkOwnersPostgres(db, columnArrays(lookups, { accountIds: 'accountId', botIds: 'botId' }));
  return byPosition(lookups.length, rows, (row) => ({
    bot: row.token_hash === null ? undefined : toBotForLink(row),
    owner: row.owner_id === null ? undefined : { customerId: row.owner_id, domain: row.owner_host ?? '' },
  }), { bot: undefined, owner: undefined });
});

/**
 * linkcreation's reads: the bot and the account's link owner. SQLite runs the two reads (the owner
 * only for a bot that exists); PostgreSQL sends the reads of the calls that arrive together as one
 * statement (groupWriteFor; docs/deploying.md "Topology"), one round trip instead of two a call.
 */
export async function findBotAndLinkOwner(db: Database, accountId: number, botId: string): Promise<BotAndLinkOwner> {
  if (dialectOf(db) === 'postgres') return readTogetherOnPostgres(db, { accountId, botId });
  const row = (await botForLinkQuery(db, { accountId, botId })).rows[0];
  return { bot: row && toBotForLink(row), owner: row && (await linkOwner(db, accountId)) };
}

export async function listBots(db: Database, accountId: number): Promise<Bot[]> {
  const rows = await db.selectFrom('bots').select(botColumns).where('account_id', '=', accountId).orderBy('bot_id').execute();
  return rows.map(toBot);
}

export async function deleteBot(db: Database, accountId: number, botId: string): Promise<boolean> {
  const result = await db.deleteFrom('bots').where('account_id', '=', accountId).where('bot_id', '=', botId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertBotSession(db: Database, session: Omit<BotSession, 'createdAt'>, now: number): Promise<void> {
  const values = { ...session, variables: JSON.stringify(session.variables), now };
  if (!db.isTransaction && dialectOf(db) === 'postgres') return insertSessionOnPostgres(db, values);
  await insertBotSessionQuery(db, values);
}

type BotSessionValues = Omit<BotSession, 'createdAt' | 'variables'> & { variables: string; now: number };

/**
 * linkcreation's write: its short link (as insertShortUrl) and, when the link was inserted, its bot
 * session, whose short URL the caller made from the link's code. Returns the link as stored, or
 * undefined with nothing written when its code or reuse key is taken (the caller draws again).
 * PostgreSQL: the links and sessions of the calls that arrive together as one statement
 * (groupWriteFor; docs/deploying.md "Topology"), one round trip instead of two; SQLite: the two
 * inserts.
 */
export async function insertLinkWithSession(db: Database, link: NewShortUrl, session: Omit<BotSession, 'createdAt'>, now: number): Promise<ShortUrl | undefined> {
  if (dialectOf(db) === 'sqlite') {
    const inserted = await insertShortUrl(db, link, now);
    if (inserted) await insertBotSession(db, session, now);
    return inserted;
  }
  const values = { link: shortUrlValues(link, now), session: { ...session, variables: JSON.stringify(session.variables) } };
  if (db.isTransaction) return (await insertLinksWithSessions(db, [values]))[0];
  return insertLinkWithSessionOnPostgres(db, values);
}

type LinkWithSession = { link: ShortUrlValues; session: Omit<BotSessionValues, 'now'> };

async function insertLinksWithSessions(db: Database, items: readonly LinkWithSession[]): Promise<Array<ShortUrl | undefined>> {
  const links = items.map((item) => item.link);
  const sessions = items.map((item) => item.session);
  const { rows } = await insertLinksWithSessionsPostgres(db, {
    ...linkArrays(links),
    ...columnArrays(sessions, { sessionIds: 'botUniqueID', botIds: 'botId', clis: 'cli', variables: 'variables', shortUrls: 'shortUrl' }),
  });
  return insertedLinks(links, rows);
}

const insertLinkWithSessionOnPostgres = groupWriteFor('bot_link', insertLinksWithSessions);

/** PostgreSQL: the links of given (insertGivenLinks), and the session of each link that was inserted, from the same position of the session arrays. */
const insertLinksWithSessionsPostgres = preparedQuery<LinkArrays & { sessionIds: string[]; botIds: string[]; clis: string[]; variables: string[]; shortUrls: string[] }, { id: string }>(
  (_db, slot) => sql`with ${givenLinks(slot)}, link as (${insertGivenLinks}), stored_session as (
      insert into bot_sessions (id, account_id, bot_id, cli, variables, short_url, created_at)
      select session.id, given.account_id, session.bot_id, session.cli, session.variables, session.short_url, given.now
      from unnest(${arrayParam(slot('sessionIds'), 'text')}, ${arrayParam(slot('botIds'), 'text')}, ${arrayParam(slot('clis'), 'text')}, ${arrayParam(slot('variables'), 'text')}, ${arrayParam(slot('shortUrls'), 'text')})
        with ordinality as session(id, bot_id, cli, variables, short_url, position)
      join given on given.position = session.position
      join link on link.id = given.id
    )
    select id from link`,
);

/**
 * PostgreSQL: the sessions of calls that arrive together as one insert of one array a column
 * (groupWriteFor; docs/deploying.md "Topology"); each call is answered once it has committed.
 */
const insertSessionOnPostgres = groupWriteFor('bot_session', async (db: Database, sessions: BotSessionValues[]): Promise<void[]> => {
  await insertBotSessionsPostgres(db, columnArrays(sessions, { ids: 'botUniqueID', accountIds: 'accountId', botIds: 'botId', clis: 'cli', variables: 'variables', shortUrls: 'shortUrl', nows: 'now' }));
  return sessions.map(() => undefined);
});

const insertBotSessionsPostgres = preparedQuery<
  { ids: string[]; accountIds: number[]; botIds: string[]; clis: string[]; variables: string[]; shortUrls: string[]; nows: number[] },
  never
>(
  (_db, slot) => sql`insert into bot_sessions (id, account_id, bot_id, cli, variables, short_url, created_at)
    select * from unnest(${arrayParam(slot('ids'), 'text')}, ${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('botIds'), 'text')}, ${arrayParam(slot('clis'), 'text')},
      ${arrayParam(slot('variables'), 'text')}, ${arrayParam(slot('shortUrls'), 'text')}, ${arrayParam(slot('nows'), 'bigint')})`,
);

const insertBotSessionQuery = preparedQuery<Omit<BotSession, 'createdAt' | 'variables'> & { variables: string; now: number }, never>((db, slot) =>
  db.insertInto('bot_sessions').values({
    id: slot('botUniqueID'),
    account_id: slot('accountId'),
    bot_id: slot('botId'),
    cli: slot('cli'),
    variables: slot('variables'),
    short_url: slot('shortUrl'),
    created_at: slot('now'),
  }),
);

export async function findBotSession(db: Database, botUniqueID: string): Promise<BotSession | undefined> {
  const row = await db.selectFrom('bot_sessions').selectAll().where('id', '=', botUniqueID).executeTakeFirst();
  if (!row) return undefined;
  return {
    botUniqueID: row.id,
    accountId: row.account_id,
    botId: row.bot_id,
    cli: row.cli,
    variables: JSON.parse(row.variables) as Record<string, string>,
    shortUrl: row.short_url,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
