import type { DestinationGuard } from '../net/destinations.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assertDestinationField } from './destination-field.js';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { generateSecret } from '../adapters/delivery/standard-webhooks.js';
import { statusEventTypes } from '../methods/create-outbound/events.js';
import { AppError } from '../kernel/errors.js';
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
import { accountIdField, accountIdParams } from './account-schemas.js';

const eventTypes = Type.Array(Type.Union(statusEventTypes.map((type) => Type.Literal(type))), {
  minItems: 1,
  uniqueItems: true,
  description: 'Events this endpoint receives: outbound.job.delivered, outbound.job.attempted, outbound.job.completed, outbound.request.completed.',
});
const url = Type.String({ minLength: 1, maxLength: 2048, description: 'Where callbacks are POSTed (http or https).', examples: ['https://crm.example.com/flowhooks-status'] });

const createBody = Type.Object({ url, eventTypes: Type.Optional(eventTypes) }, { additionalProperties: false });
const updateBody = Type.Object(
  { url: Type.Optional(url), eventTypes: Type.Optional(eventTypes), enabled: Type.Optional(Type.Boolean({ description: '`true` re-enables (and clears the failure count); `false` disables.' })) },
  { additionalProperties: false, minProperties: 1 },
);
const webhookParams = Type.Object({ id: accountIdField, webhookId: Type.String({ minLength: 1, maxLength: 64 }) });

const webhookResponse = Type.Object({
  id: Type.String(),
  accountId: Type.Integer(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  failureCount: Type.Integer({ description: 'Failed delivery attempts since the last success.' }),
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  lastSuccessAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastFailureAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const deliveryResponse = Type.Object({
  id: Type.String({ description: 'The webhook-id of the callback.' }),
  eventType: Type.String(),
  status: Type.String({ description: 'pending, dispatching, delivered, failed (attempts used up) or dropped (endpoint disabled).' }),
  attempts: Type.Integer(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

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

/** An account's status-webhook endpoints (docs/methods/create-outbound.md, status callbacks). */
export async function statusWebhookRoutes(server: FastifyInstance, deps: { db: Database; clock: () => Date; destinations: DestinationGuard }): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, destinations } = deps;
  const notFound = (webhookId: string) => new AppError('NOT_FOUND', `Status webhook ${webhookId} not found.`);

  app.post('/api/accounts/:id/status-webhooks', { schema: { params: accountIdParams, body: createBody, response: { 201: Type.Composite([webhookResponse, Type.Object({ secret: Type.String() })]) } } }, async (request, reply) => {
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

  app.get('/api/accounts/:id/status-webhooks', { schema: { params: accountIdParams, response: { 200: Type.Array(webhookResponse) } } }, async (request) => {
    const { id } = request.params;
    assertAccountAccess(request, id, 'read');
    return listStatusWebhooks(db, id);
  });

  app.get(
    '/api/accounts/:id/status-webhooks/:webhookId',
    { schema: { params: webhookParams, response: { 200: Type.Composite([webhookResponse, Type.Object({ recentDeliveries: Type.Array(deliveryResponse) })]) } } },
    async (request) => {
      const { id, webhookId } = request.params;
      assertAccountAccess(request, id, 'read');
      const webhook = await findStatusWebhook(db, id, webhookId);
      if (!webhook) throw notFound(webhookId);
      return { ...webhook, recentDeliveries: await listStatusDeliveries(db, webhookId, 50) };
    },
  );

  app.patch('/api/accounts/:id/status-webhooks/:webhookId', { schema: { params: webhookParams, body: updateBody, response: { 200: webhookResponse } } }, async (request) => {
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

  app.delete('/api/accounts/:id/status-webhooks/:webhookId', { schema: { params: webhookParams } }, async (request, reply) => {
    const { id, webhookId } = request.params;
    assertAccountAccess(request, id, 'write');
    if (!(await deleteStatusWebhook(db, id, webhookId))) throw notFound(webhookId);
    return reply.code(204).send();
  });
}
