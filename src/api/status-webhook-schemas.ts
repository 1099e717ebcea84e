/** Status-webhook endpoints of an account (docs/methods/create-outbound.md, status callbacks): what `/api/accounts/{id}/status-webhooks…` takes and answers. */
import { Type, type Static } from '@sinclair/typebox';
import { statusEventTypes } from '../methods/create-outbound/events.js';
import { accountIdField } from './account-schemas.js';

const eventTypes = Type.Array(Type.Union(statusEventTypes.map((type) => Type.Literal(type))), {
  minItems: 1,
  uniqueItems: true,
  description: 'Events this endpoint receives: outbound.job.delivered, outbound.job.attempted, outbound.job.completed, outbound.request.completed.',
});
const url = Type.String({ minLength: 1, maxLength: 2048, description: 'Where callbacks are POSTed (http or https).', examples: ['https://crm.example.com/flowhooks-status'] });

export const createStatusWebhookBody = Type.Object({ url, eventTypes: Type.Optional(eventTypes) }, { additionalProperties: false });
export const updateStatusWebhookBody = Type.Object(
  { url: Type.Optional(url), eventTypes: Type.Optional(eventTypes), enabled: Type.Optional(Type.Boolean({ description: '`true` re-enables (and clears the failure count); `false` disables.' })) },
  { additionalProperties: false, minProperties: 1 },
);
export const statusWebhookParams = Type.Object({ id: accountIdField, webhookId: Type.String({ minLength: 1, maxLength: 64 }) });

export const statusWebhookResponse = Type.Object({
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
export const statusDeliveryResponse = Type.Object({
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

/** The 201 answer: the endpoint and its secret, shown this once. */
export const createdStatusWebhookResponse = Type.Composite([statusWebhookResponse, Type.Object({ secret: Type.String() })]);
/** One endpoint with its latest deliveries. */
export const statusWebhookDetailResponse = Type.Composite([statusWebhookResponse, Type.Object({ recentDeliveries: Type.Array(statusDeliveryResponse) })]);

export type StatusWebhook = Static<typeof statusWebhookResponse>;
export type StatusDelivery = Static<typeof statusDeliveryResponse>;
export type CreatedStatusWebhook = Static<typeof createdStatusWebhookResponse>;
export type StatusWebhookDetail = Static<typeof statusWebhookDetailResponse>;
