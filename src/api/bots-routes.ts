import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import { AppError } from '../kernel/errors.js';
import { sha256Hex } from '../kernel/hash.js';
import { checkLongUrl } from '../shortener/long-url.js';
import { deleteBot, findBot, findBotSession, insertBot, listBots, updateBot } from '../storage/bots.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams, accountIdField } from './account-schemas.js';

export interface BotRouteDeps {
  db: Database;
  accounts: AccountCache;
  clock: () => Date;
}

const linkMode = Type.Union([Type.Literal('query'), Type.Literal('opaque')], {
  description: '`query` (default): cli, botid and every variable in the link; `opaque`: only botUniqueID, the bot fetches the rest from /api/bot-sessions.',
});
const botFields = {
  botId: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,128}$', description: 'The id flows send as `$flow.key.botid`.', examples: ['support-bot'] }),
  baseUrl: Type.String({ minLength: 1, maxLength: 1024, description: "The bot's web address; variables are added as query parameters.", examples: ['https://bot.example.com/chat'] }),
  token: Type.String({ minLength: 8, maxLength: 256, description: 'The token flows send as `$flow.key.token` (stored hashed, never shown).' }),
  linkMode,
};
const createBotBody = Type.Object({ ...botFields, linkMode: Type.Optional(linkMode) }, { additionalProperties: false });
const updateBotBody = Type.Partial(Type.Omit(Type.Object(botFields), ['botId']), { additionalProperties: false, minProperties: 1 });
const botParams = Type.Object({ id: accountIdField, botId: Type.String({ minLength: 1, maxLength: 128 }) });
const sessionParams = Type.Object({ botUniqueID: Type.String({ minLength: 1, maxLength: 64 }) });

const hashBotToken = sha256Hex;

function checkBaseUrl(baseUrl: string | undefined): void {
  if (baseUrl === undefined) return;
  const check = checkLongUrl(baseUrl);
  if (!check.ok) throw fieldErrors([{ field: 'baseUrl', message: check.reason.replace(/^longUrl /, '') }]);
  // Every chatbot link starts with the base URL: user info in it would reach every caller's browser and the logs.
  const url = new URL(check.url);
  if (url.username || url.password) throw fieldErrors([{ field: 'baseUrl', message: 'must not carry user info (user:password@)' }]);
}

/** `/api/accounts/{id}/bots…` and `GET /api/bot-sessions/{botUniqueID}` (docs/methods/linkcreation.md, §3). */
export async function botRoutes(server: FastifyInstance, deps: BotRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  app.post('/api/accounts/:id/bots', { schema: { params: accountIdParams, body: createBotBody } }, async (request, reply) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    await existingAccount(id, deps.accounts.get);
    const body = request.body;
    checkBaseUrl(body.baseUrl);
    try {
      const bot = await insertBot(db, { accountId: id, botId: body.botId, baseUrl: body.baseUrl, tokenHash: hashBotToken(body.token), linkMode: body.linkMode ?? 'query' }, clock().getTime());
      return reply.code(201).send(bot);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `Bot ${body.botId} already exists.`);
      throw error;
    }
  });

  app.get('/api/accounts/:id/bots', { schema: { params: accountIdParams } }, async (request) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    await existingAccount(id, deps.accounts.get);
    return listBots(db, id);
  });

  app.get('/api/accounts/:id/bots/:botId', { schema: { params: botParams } }, async (request) => {
    const { id, botId } = request.params;
    assertAccountAccess(request, id, 'read');
    const bot = await findBot(db, id, botId);
    if (!bot) throw new AppError('NOT_FOUND', `Bot ${botId} not found.`);
    return bot;
  });

  app.patch('/api/accounts/:id/bots/:botId', { schema: { params: botParams, body: updateBotBody } }, async (request) => {
    const { id, botId } = request.params;
    assertAccountAccess(request, id, 'write');
    const body = request.body;
    checkBaseUrl(body.baseUrl);
    const bot = await updateBot(db, id, botId, { baseUrl: body.baseUrl, linkMode: body.linkMode, tokenHash: body.token && hashBotToken(body.token) }, clock().getTime());
    if (!bot) throw new AppError('NOT_FOUND', `Bot ${botId} not found.`);
    return bot;
  });

  app.delete('/api/accounts/:id/bots/:botId', { schema: { params: botParams } }, async (request, reply) => {
    const { id, botId } = request.params;
    assertAccountAccess(request, id, 'write');
    if (!(await deleteBot(db, id, botId))) throw new AppError('NOT_FOUND', `Bot ${botId} not found.`);
    return reply.code(204).send();
  });

  // A bot fetches its session with its account's webhook token (read access) or the admin token.
  app.get('/api/bot-sessions/:botUniqueID', { schema: { params: sessionParams } }, async (request) => {
    const { botUniqueID } = request.params;
    const session = await findBotSession(db, botUniqueID);
    const notFound = 'No bot session with that id.';
    if (!session) throw new AppError('NOT_FOUND', notFound);
    assertAccountAccess(request, session.accountId, 'read', notFound);
    return { botUniqueID: session.botUniqueID, accountId: session.accountId, botId: session.botId, cli: session.cli, variables: session.variables, shortUrl: session.shortUrl, createdAt: session.createdAt };
  });
}
