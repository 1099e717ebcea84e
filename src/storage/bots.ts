import { sql } from 'kysely';
import { groupWriteFor } from '../kernel/group-write.js';
import { dialectOf, type Database } from './db.js';
import { columnArrays, preparedQuery } from './prepared.js';

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

/** The bot with its token hash, for checking a call's token. */
export async function findBotWithTokenHash(db: Database, accountId: number, botId: string): Promise<(Bot & { tokenHash: string }) | undefined> {
  const row = (await botWithTokenHashQuery(db, { accountId, botId })).rows[0];
  return row ? { ...toBot(row), tokenHash: row.token_hash } : undefined;
}

const botWithTokenHashQuery = preparedQuery<{ accountId: number; botId: string }, BotRow & { token_hash: string }>((db, slot) =>
  db.selectFrom('bots').select([...botColumns, 'token_hash']).where('account_id', '=', slot('accountId')).where('bot_id', '=', slot('botId')),
);

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
    select * from unnest(${slot('ids')}::text[], ${slot('accountIds')}::integer[], ${slot('botIds')}::text[], ${slot('clis')}::text[],
      ${slot('variables')}::text[], ${slot('shortUrls')}::text[], ${slot('nows')}::bigint[])`,
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
