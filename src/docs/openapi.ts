import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { WebhookMethod } from '../protocol/method.js';
import { errorCodes } from '../protocol/errors.js';

/** One `oneOf` variant of the webhook body per method, built from the same schemas that validate calls. */
export function webhookVariant(method: WebhookMethod): Record<string, unknown> {
  const properties = method.params.properties as Record<string, TSchema>;
  const required = new Set(method.params.required ?? []);
  const parameters = Object.entries(properties).map(([name, schema]) => ({
    name,
    type: schema.type ?? 'string',
    required: required.has(name),
    description: schema.description,
    example: (schema.examples as unknown[] | undefined)?.[0],
  }));
  return {
    title: method.name,
    description: method.summary,
    type: 'object',
    required: ['method', 'keys'],
    properties: {
      method: { const: method.name },
      keys: {
        type: 'array',
        items: { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string', enum: Object.keys(properties) }, value: {} } },
      },
    },
    'x-parameters': parameters,
    'x-outputs': method.outputs,
  };
}

/** The OpenAPI 3.1 document for the webhook endpoint (management routes are not covered yet). */
export function openApiDocument(methods: readonly WebhookMethod[]): Record<string, unknown> {
  const errors = Object.entries(errorCodes).map(([code, { status, description }]) => ({ code, status, description }));
  return {
    openapi: '3.1.0',
    info: { title: 'flowhooks', version: '1' },
    paths: {
      '/webhook': {
        post: {
          summary: 'Call a webhook method',
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: methods.map(webhookVariant) } } } },
          responses: { '200': { description: 'SUCCESS or a business FAILURE with errorCode/errorMessage outputs.' } },
          'x-error-codes': errors,
        },
      },
    },
  };
}

/** `GET /openapi.json`, no token needed. */
export async function openApiRoute(app: FastifyInstance, methods: readonly WebhookMethod[]): Promise<void> {
  const document = openApiDocument(methods);
  app.get('/openapi.json', async () => document);
}
