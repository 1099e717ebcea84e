import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AccountCache } from '../accounts/cache.js';
import { accountDefaults } from '../accounts/defaults.js';
import { normaliseAccountFields } from '../accounts/validate.js';
import { generateToken, hashToken, newTokenId, type TokenResolver } from '../auth/tokens.js';
import { AppError } from '../kernel/errors.js';
import { created, deleted, duplicate, routeDoc } from '../kernel/route-doc.js';
import { findAccount, insertAccount, listAccounts, updateAccount } from '../storage/accounts.js';
import { isUniqueViolation, type Database } from '../storage/db.js';
import { insertToken, listAccountTokens, revokeAccountToken } from '../storage/tokens.js';
import { accountNotFound, assertAccountAccess, assertAdmin, existingAccount, fieldErrors } from './access.js';
import {
  accountIdParams,
  accountResponse,
  createAccountBody,
  createTokenBody,
  tokenParams,
  updateAccountBody,
  type Account,
  type TokenRecord,
} from './account-schemas.js';

export interface AccountRouteDeps {
  db: Database;
  accounts: AccountCache;
  tokens: TokenResolver;
  clock: () => Date;
}

/** Lets a POST whose fields are all optional come without a body. */
async function emptyBodyAsObject(request: FastifyRequest) {
  request.body ??= {};
}

const doc = routeDoc('Accounts');

/** `/api/accounts…` and their tokens (docs/management-api.md). */
export async function accountRoutes(server: FastifyInstance, deps: AccountRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  app.post('/api/accounts', { schema: { ...doc('Create an account', { responses: duplicate }), body: createAccountBody, response: { 201: accountResponse } } }, async (request, reply) => {
    assertAdmin(request);
    const { id, ...input } = request.body;
    const { fields, issues } = normaliseAccountFields({ ...accountDefaults, ...input });
    if (issues.length) throw fieldErrors(issues);
    if (id !== undefined && (await findAccount(db, id))) throw new AppError('ALREADY_EXISTS', `Account ${id} already exists.`);
    // Without an id, two concurrent creations may pick the same next id: retry the loser.
    for (let attempt = 1; ; attempt++) {
      try {
        const account = await insertAccount(db, fields, id, clock().getTime());
        deps.accounts.evict(account.id);
        return reply.code(201).send(account);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (id !== undefined || attempt >= 5) throw new AppError('ALREADY_EXISTS', 'An account with that id already exists.');
      }
    }
  });

  app.get('/api/accounts', { schema: doc('List accounts (an account token sees its own)') }, async (request): Promise<Account[]> => {
    const principal = request.principal;
    if (principal?.kind === 'account') {
      const own = await findAccount(db, principal.accountId);
      return own ? [own] : [];
    }
    return listAccounts(db);
  });

  app.get('/api/accounts/:id', { schema: { ...doc('Read an account'), params: accountIdParams, response: { 200: accountResponse } } }, async (request) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    return existingAccount(id, (accountId) => findAccount(db, accountId));
  });

  app.patch('/api/accounts/:id', { schema: { ...doc("Change an account's settings"), params: accountIdParams, body: updateAccountBody, response: { 200: accountResponse } } }, async (request) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    const existing = await existingAccount(id, (accountId) => findAccount(db, accountId));
    const input = request.body;
    // Validate windows against the stored half when only one end changes.
    const { fields, issues } = normaliseAccountFields({
      ...input,
      ...(input.businessHours && { businessHours: { ...existing.businessHours, ...input.businessHours } }),
      ...(input.callbackHours && { callbackHours: { ...existing.callbackHours, ...input.callbackHours } }),
    });
    if (issues.length) throw fieldErrors(issues);
    const account = await updateAccount(db, id, fields, clock().getTime());
    deps.accounts.evict(id);
    if (!account) throw accountNotFound(id);
    return account;
  });

  const listTokensDoc = doc("List an account's webhook tokens (never the tokens themselves)");
  app.get('/api/accounts/:id/tokens', { schema: { ...listTokensDoc, params: accountIdParams } }, async (request): Promise<TokenRecord[]> => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    await existingAccount(id, (accountId) => findAccount(db, accountId));
    return listAccountTokens(db, id);
  });

  const createTokenDoc = doc('Create a webhook token (shown once)', { responses: created('the token, shown once') });
  app.post('/api/accounts/:id/tokens', { schema: { ...createTokenDoc, params: accountIdParams, body: createTokenBody }, preValidation: emptyBodyAsObject }, async (request, reply) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    await existingAccount(id, (accountId) => findAccount(db, accountId));
    const { label } = request.body;
    const token = generateToken();
    const tokenId = newTokenId();
    const now = clock();
    await insertToken(db, { id: tokenId, accountId: id, kind: 'account', label: label ?? 'webhook token', tokenHash: hashToken(token) }, now.getTime());
    // The token is shown in this answer only; the database keeps its hash.
    return reply.code(201).send({ id: tokenId, token, label: label ?? 'webhook token', accountId: id, createdAt: now.toISOString() });
  });

  app.delete('/api/accounts/:id/tokens/:tokenId', { schema: { ...doc('Revoke a webhook token', { responses: deleted }), params: tokenParams } }, async (request, reply) => {
    const { id, tokenId } = request.params;
    assertAccountAccess(request, id, 'write');
    const tokenHash = await revokeAccountToken(db, id, tokenId, clock().getTime());
    if (!tokenHash) throw new AppError('NOT_FOUND', `Token ${tokenId} not found.`);
    deps.tokens.evict(tokenHash);
    return reply.code(204).send();
  });
}
