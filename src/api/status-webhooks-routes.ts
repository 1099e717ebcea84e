import { Type } from '@sinclair/typebox';
import type { DestinationGuard } from '../net/destinations.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assertDestinationField } from './destination-field.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { generateSecret } from '../adapters/delivery/standard-webhooks.js';
import { statusEventTypes } from '../methods/create-outbound/events.js';
import { AppError } from '../kernel/errors.js';
import { created, deleted, routeDoc } from '../kernel/route-doc.js';
import { findAccount } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';
import {
  deleteStatusWebhook,
  findStatusWebhook,
  insertStatusWebhook,
  listStatusDeliveries,
  listStatusWebhooks,
  updateStatusWebhook,
} from '../storage/status-webhooks.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams } from './account-schemas.js';
import {
  createdStatusWebhookResponse,
  createStatusWebhookBody,
  statusWebhookDetailResponse,
  statusWebhookParams,
  statusWebhookResponse,
  updateStatusWebhookBody,
} from './status-webhook-schemas.js';

/** A status-webhook URL must be absolute http(s) without user info. */
function urlIssues(value: string | undefined): Array<{ field: string; message: string }> {
  if (value === undefined) return [];
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return [{ field: 'url', message: 'must be an absolute http or https URL' }];
  // Callbacks authenticate by their signature; a password in the URL would be sent to, and logged by, every hop.
  if (parsed.username || parsed.password) return [{ field: 'url', message: 'must not carry user info (user:password@); callbacks are authenticated by their signature' }];
  return [];
}

const doc = routeDoc('Status webhooks');

/** An account's status-webhook endpoints (docs/methods/create-outbound.md, status callbacks). */
export async function statusWebhookRoutes(server: FastifyInstance, deps: { db: Database; clock: () => Date; destinations: DestinationGuard }): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, destinations } = deps;
  const notFound = (webhookId: string) => new AppError('NOT_FOUND', `Status webhook ${webhookId} not found.`);

  const createDoc = doc('Register a status-webhook endpoint (secret shown once)', { responses: created('the endpoint with its secret, shown once') });
  app.post('/api/accounts/:id/status-webhooks', { schema: { ...createDoc, params: accountIdParams, body: createStatusWebhookBody, response: { 201: createdStatusWebhookResponse } } }, async (request, reply) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'write');
    await existingAccount(id, (accountId) => findAccount(db, accountId));
    const input = request.body;
    const issues = urlIssues(input.url);
    if (issues.length) throw fieldErrors(issues);
    // Refused at save time as at connection time (docs/security-outbound.md).
    await assertDestinationField(destinations, 'url', input.url);
    // The secret is shown in this answer only.
    const secret = generateSecret();
    const webhook = await insertStatusWebhook(db, { id: randomUUID(), accountId: id, url: input.url, secret, eventTypes: input.eventTypes ?? [...statusEventTypes] }, clock().getTime());
    return reply.code(201).send({ ...webhook, secret });
  });

  const listDoc = doc('List status-webhook endpoints with failure counts and disabled state');
  app.get('/api/accounts/:id/status-webhooks', { schema: { ...listDoc, params: accountIdParams, response: { 200: Type.Array(statusWebhookResponse) } } }, async (request) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    return listStatusWebhooks(db, id);
  });

  app.get(
    '/api/accounts/:id/status-webhooks/:webhookId',
    { schema: { ...doc('Read a status-webhook endpoint with its recent deliveries'), params: statusWebhookParams, response: { 200: statusWebhookDetailResponse } } },
    async (request) => {
      const { id, webhookId } = request.params;
      assertAccountAccess(request, id, 'read');
      const webhook = await findStatusWebhook(db, id, webhookId);
      if (!webhook) throw notFound(webhookId);
      return { ...webhook, recentDeliveries: await listStatusDeliveries(db, webhookId, 50) };
    },
  );

  const updateDoc = doc('Change url or event types, or enable/disable an endpoint');
  app.patch('/api/accounts/:id/status-webhooks/:webhookId', { schema: { ...updateDoc, params: statusWebhookParams, body: updateStatusWebhookBody, response: { 200: statusWebhookResponse } } }, async (request) => {
    const { id, webhookId } = request.params;
    assertAccountAccess(request, id, 'write');
    const input = request.body;
    const issues = urlIssues(input.url);
    if (issues.length) throw fieldErrors(issues);
    if (input.url !== undefined) await assertDestinationField(destinations, 'url', input.url);
    const webhook = await updateStatusWebhook(db, id, webhookId, input, clock().getTime());
    if (!webhook) throw notFound(webhookId);
    return webhook;
  });

  const removeDoc = doc('Remove a status-webhook endpoint', { responses: deleted });
  app.delete('/api/accounts/:id/status-webhooks/:webhookId', { schema: { ...removeDoc, params: statusWebhookParams } }, async (request, reply) => {
    const { id, webhookId } = request.params;
    assertAccountAccess(request, id, 'write');
    if (!(await deleteStatusWebhook(db, id, webhookId))) throw notFound(webhookId);
    return reply.code(204).send();
  });
}
