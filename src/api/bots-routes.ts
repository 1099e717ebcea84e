import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import { AppError } from '../kernel/errors.js';
import type { BotCache } from '../bots/cache.js';
import { created, deleted, duplicate, routeDoc } from '../kernel/route-doc.js';
import { sha256Hex } from '../kernel/hash.js';
import { checkLongUrl } from '../shortener/long-url.js';
import { deleteBot, findBot, findBotSession, insertBot, listBots, updateBot } from '../storage/bots.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams } from './account-schemas.js';
import { botParams, createBotBody, sessionParams, updateBotBody, type Bot } from './bot-schemas.js';

export interface BotRouteDeps {
  db: Database;
  accounts: AccountCache;
  /** linkcreation's cached bots: a bot created, changed or removed here is evicted at once. */
  bots: Pick<BotCache, 'evictBot'>;
  clock: () => Date;
}

const hashBotToken = sha256Hex;
const doc = routeDoc('Bots');

function checkBaseUrl(baseUrl: string | undefined): void {
  if (baseUrl === undefined) return;
  const check = checkLongUrl(baseUrl);
  // Every chatbot link starts with the base URL: checkLongUrl refuses user info, which would reach every caller's browser and the logs.
  if (!check.ok) throw fieldErrors([{ field: 'baseUrl', message: check.reason.replace(/^longUrl /, '') }]);
}

/** `/api/accounts/{id}/bots…` and `GET /api/bot-sessions/{botUniqueID}` (docs/methods/linkcreation.md, §3). */
export async function botRoutes(server: FastifyInstance, deps: BotRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  const createDoc = doc('Register a chatbot', { responses: { ...created('the bot'), ...duplicate } });
  app.post('/api/accounts/:id/bots', { schema: { ...createDoc, params: accountIdParams, body: createBotBody } }, async (request, reply) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    await existingAccount(id, deps.accounts.get);
    const body = request.body;
    checkBaseUrl(body.baseUrl);
    try {
      const bot = await insertBot(db, { accountId: id, botId: body.botId, baseUrl: body.baseUrl, tokenHash: hashBotToken(body.token), linkMode: body.linkMode ?? 'query' }, clock().getTime());
      // A call that named it before it existed may have cached "no such bot".
      deps.bots.evictBot(id, body.botId);
      return reply.code(201).send(bot);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', `Bot ${body.botId} already exists.`);
      throw error;
    }
  });

  app.get('/api/accounts/:id/bots', { schema: { ...doc('List chatbots'), params: accountIdParams } }, async (request): Promise<Bot[]> => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    await existingAccount(id, deps.accounts.get);
    return listBots(db, id);
  });

  app.get('/api/accounts/:id/bots/:botId', { schema: { ...doc('Read a chatbot'), params: botParams } }, async (request): Promise<Bot> => {
    const { id, botId } = request.params;
    assertAccountAccess(request, id, 'read');
    const bot = await findBot(db, id, botId);
    if (!bot) throw new AppError('NOT_FOUND', `Bot ${botId} not found.`);
    return bot;
  });

  app.patch('/api/accounts/:id/bots/:botId', { schema: { ...doc('Change a chatbot'), params: botParams, body: updateBotBody } }, async (request): Promise<Bot> => {
    const { id, botId } = request.params;
    assertAccountAccess(request, id, 'write');
    const body = request.body;
    checkBaseUrl(body.baseUrl);
    const bot = await updateBot(db, id, botId, { baseUrl: body.baseUrl, linkMode: body.linkMode, tokenHash: body.token && hashBotToken(body.token) }, clock().getTime());
    deps.bots.evictBot(id, botId);
    if (!bot) throw new AppError('NOT_FOUND', `Bot ${botId} not found.`);
    return bot;
  });

  app.delete('/api/accounts/:id/bots/:botId', { schema: { ...doc('Remove a chatbot', { responses: deleted }), params: botParams } }, async (request, reply) => {
    const { id, botId } = request.params;
    assertAccountAccess(request, id, 'write');
    if (!(await deleteBot(db, id, botId))) throw new AppError('NOT_FOUND', `Bot ${botId} not found.`);
    deps.bots.evictBot(id, botId);
    return reply.code(204).send();
  });

  // A bot fetches its session with its account's webhook token (read access) or the admin token.
  app.get('/api/bot-sessions/:botUniqueID', { schema: { ...doc('Read the variables of a linkcreation session'), params: sessionParams } }, async (request) => {
    const { botUniqueID } = request.params;
    const session = await findBotSession(db, botUniqueID);
    const notFound = 'No bot session with that id.';
    if (!session) throw new AppError('NOT_FOUND', notFound);
    assertAccountAccess(request, session.accountId, 'read', notFound);
    return { botUniqueID: session.botUniqueID, accountId: session.accountId, botId: session.botId, cli: session.cli, variables: session.variables, shortUrl: session.shortUrl, createdAt: session.createdAt };
  });
}
