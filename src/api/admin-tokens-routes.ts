import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { generateToken, hashToken, newTokenId, type TokenResolver } from '../auth/tokens.js';
import { AppError } from '../kernel/errors.js';
import { created, deleted, routeDoc } from '../kernel/route-doc.js';
import type { Database } from '../storage/db.js';
import { countLiveAdminTokens, insertToken, listAdminTokens, revokeAdminToken } from '../storage/tokens.js';
import { assertAdmin } from './access.js';
import { adminTokenParams, createdTokenResponse, createTokenBody, tokenRecord } from './account-schemas.js';

export interface AdminTokenRouteDeps {
  db: Database;
  tokens: TokenResolver;
  clock: () => Date;
}

async function emptyBodyAsObject(request: FastifyRequest) {
  request.body ??= {};
}

const doc = routeDoc('Accounts');

/**
 * `/api/admin-tokens` (docs/management-api.md): list, create and revoke admin
 * tokens; admin token only. A revocation is refused on this node at once and
 * on the others within FLOWHOOKS_TOKEN_CACHE_MS.
 */
export async function adminTokenRoutes(server: FastifyInstance, deps: AdminTokenRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  app.get('/api/admin-tokens', { schema: { ...doc('List admin tokens (never the tokens themselves)'), response: { 200: Type.Array(tokenRecord) } } }, async (request) => {
    assertAdmin(request);
    return listAdminTokens(db);
  });

  app.post(
    '/api/admin-tokens',
    {
      schema: { ...doc('Create an admin token (shown once)', { responses: created('the token, shown once') }), body: createTokenBody, response: { 201: createdTokenResponse } },
      preValidation: emptyBodyAsObject,
    },
    async (request, reply) => {
      assertAdmin(request);
      const { label = 'admin token' } = request.body;
      const token = generateToken();
      const id = newTokenId();
      const now = clock();
      await insertToken(db, { id, accountId: null, kind: 'admin', label, tokenHash: hashToken(token) }, now.getTime());
      // The token is shown in this answer only; the database keeps its hash.
      return reply.code(201).send({ id, token, label, accountId: null, createdAt: now.toISOString() });
    },
  );

  const revokeDoc = doc('Revoke an admin token (not the last live one)', { responses: { ...deleted, '409': 'LAST_ADMIN_TOKEN: the last live admin token.' } });
  app.delete('/api/admin-tokens/:tokenId', { schema: { ...revokeDoc, params: adminTokenParams } }, async (request, reply) => {
    assertAdmin(request);
    const { tokenId } = request.params;
    const live = await countLiveAdminTokens(db);
    const tokens = await listAdminTokens(db);
    const target = tokens.find((token) => token.id === tokenId);
    if (!target) throw new AppError('NOT_FOUND', `Admin token ${tokenId} not found.`);
    // Without a live admin token nobody could manage the service until a restart with a new FLOWHOOKS_ADMIN_TOKEN.
    if (target.revokedAt === null && live <= 1) {
      throw new AppError('LAST_ADMIN_TOKEN', 'This is the last live admin token; create another before revoking it.');
    }
    const tokenHash = await revokeAdminToken(db, tokenId, clock().getTime());
    if (tokenHash) deps.tokens.evict(tokenHash);
    return reply.code(204).send();
  });
}
