import type { TSchema } from '@sinclair/typebox';
import type { SwaggerOptions } from '@fastify/swagger';
import type { WebhookMethod } from '../methods/contract.js';
import { errorCodes, webhookStatusOf, type ErrorCode } from '../kernel/errors.js';
import { testNowParam } from '../protocol/envelope.js';
import type { RawRequestBody, RouteTag } from '../kernel/route-doc.js';

type Json = Record<string, unknown>;

/**
 * Each tag once, in the order the rendered docs list them. A route names its
 * tag on its own schema (kernel/route-doc.ts); the type makes every tag a
 * route can name have a description here.
 */
export const tagDescriptions: Readonly<Record<RouteTag, string>> = {
  Webhook: 'The wire protocol flows call (docs/protocol.md): one body variant per method.',
  Accounts: 'Tenants, their webhook tokens, and admin tokens.',
  Holidays: 'Per-account holiday calendars used by validateDateAndTime.',
  Agents: 'Direct-dial agents, their breaks and allocation.',
  Bots: 'Chatbots for linkcreation and the sessions it stores.',
  Outbound: 'Outbound flows for createOutbound, the requests it scheduled, and the dialer\'s outcome reports.',
  'Status webhooks': 'Endpoints an account registers to receive outbound status callbacks (Standard Webhooks).',
  'Do-not-call': "An account's do-not-call list: numbers createOutbound never dials.",
  Reports: 'Rows written by pullreport, as JSON or streamed CSV.',
  'Short URLs': 'Short-URL customers, links, visits, redirects and QR codes.',
  Numbering: "India's numbering plan used by findLanguage.",
  Invocations: 'Recent webhook calls.',
  Overview: "The service's health at a glance and the inputs flows fail on (the console's first pages).",
  Operations: 'Liveness, readiness and metrics.',
  Documentation: 'This document and the Postman collection.',
};

/** Routes left out of the document: user interfaces and their assets, not API (the /docs UI hides its own). */
const undocumentedPrefixes: readonly string[] = ['/docs', '/console'];

/** The account id example calls name; the Postman collection passes `{{accountId}}` instead. */
const exampleAccountId = '1';

/** Every parameter code a webhook method may answer with a 422, whatever the method. */
const parameterCodes: readonly ErrorCode[] = ['MISSING_PARAMETER', 'INVALID_PARAMETER', 'ACCOUNT_NOT_FOUND'];

const describeCode = (code: ErrorCode) => ({ code, status: errorCodes[code].status, description: errorCodes[code].description });
/** As a webhook call answers it: business outcomes are HTTP 200 with `status: FAILURE`. */
const describeWebhookCode = (code: ErrorCode) => ({ ...describeCode(code), status: webhookStatusOf(code) });

/**
 * The keys of an example call of a method: each declared parameter that has an
 * example (the account parameter naming `accountId`, default `1`), then the
 * method's extra example keys. The docs and the Postman collection both send these.
 */
export function exampleKeys(method: WebhookMethod, accountId: string = exampleAccountId): Array<{ name: string; value: string | null }> {
  const declared = Object.entries(method.params.properties as Record<string, TSchema>).flatMap(([name, schema]) => {
    if (name === method.accountParam) return [{ name, value: accountId }];
    const example = (schema.examples as unknown[] | undefined)?.[0];
    return example === undefined ? [] : [{ name, value: String(example) }];
  });
  return [...declared, ...(method.exampleKeys ?? [])];
}

/** What a successful call of the method answers, from its outputs' examples. */
function exampleAnswer(method: WebhookMethod): Json {
  return { method: method.name, status: 'SUCCESS', keys: method.outputs.map((output) => ({ name: output.name, value: output.example ?? '' })) };
}

/** One `oneOf` variant of the webhook body per method, built from the same schemas that validate calls. */
export function webhookVariant(method: WebhookMethod): Json {
  const properties = method.params.properties as Record<string, TSchema>;
  const required = new Set(method.params.required ?? []);
  const parameters = Object.entries(properties).map(([name, schema]) => {
    const { description, examples, errorMessage: _errorMessage, ...constraints } = schema;
    return {
      name,
      type: schema.type ?? 'string',
      required: required.has(name),
      description,
      example: (examples as unknown[] | undefined)?.[0],
      // Values travel as strings; the constraints apply after coercion to `type`.
      schema: JSON.parse(JSON.stringify(constraints)) as Json,
    };
  });
  return {
    title: method.name,
    description: method.summary,
    type: 'object',
    required: ['method', 'keys'],
    properties: {
      method: { type: 'string', const: method.name, description: 'Matched case-insensitively.' },
      keys: {
        type: 'array',
        maxItems: 200,
        description: `Flow variables. The declared parameters are listed in \`x-parameters\`; a parameter is found by its full name, else by its last segment under any scope, case-insensitively. Other keys are ignored unless the method says it keeps them. On the test stage \`${testNowParam}\` pins "now".`,
        items: {
          type: 'object',
          required: ['name', 'value'],
          properties: {
            name: { type: 'string', maxLength: 128, examples: Object.keys(properties) },
            value: { type: ['string', 'number', 'boolean', 'null'], description: 'Coerced to a string; empty or null counts as absent.' },
          },
        },
      },
    },
    examples: [{ method: method.name, keys: exampleKeys(method) }],
    'x-parameters': parameters,
    'x-outputs': method.outputs,
    'x-error-codes': [...parameterCodes, ...(method.errorCodes ?? [])].map(describeWebhookCode),
  };
}

const variantName = (method: WebhookMethod) => `Webhook.${method.name}`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

/** Schemas every operation refers to. */
function sharedSchemas(methods: readonly WebhookMethod[]): Json {
  return {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(errorCodes), description: 'Stable UPPER_SNAKE code; see `x-error-codes` of the webhook operation and the README.' },
            message: { type: 'string' },
            fields: { type: 'array', description: 'VALIDATION_FAILED: each invalid field.', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            parameters: { type: 'array', description: 'Webhook 422: the full names of the bad parameters.', items: { type: 'string' } },
            requestId: { type: 'string', description: 'INTERNAL_ERROR: quote it when reporting the fault.' },
          },
        },
      },
    },
    WebhookAnswer: {
      type: 'object',
      required: ['status', 'keys'],
      description: 'Every value is a string. With `?format=flat`: one object keyed by each output\'s last segment, plus `status` (and `error`).',
      properties: {
        method: { type: 'string' },
        status: { type: 'string', enum: ['SUCCESS', 'FAILURE'] },
        keys: { type: 'array', items: { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } } } },
        error: ref('Error/properties/error'),
      },
    },
    ...Object.fromEntries(methods.map((method) => [variantName(method), webhookVariant(method)])),
  };
}

/** The whole webhook operation (docs/protocol.md): body variants, stage, format, answers and every error code. */
function webhookOperation(methods: readonly WebhookMethod[], withPath: boolean): Json {
  const examples = (build: (method: WebhookMethod) => Json) => Object.fromEntries(methods.map((method) => [method.name, { summary: method.summary, value: build(method) }]));
  return {
    description:
      'One endpoint for every method: the body names the method and carries flow variables as `keys`. The token decides the account; `accountID` in the keys naming another account is 403. Business outcomes the flow branches on answer HTTP 200 with `status: FAILURE` and `$flow.key.errorCode` / `$flow.key.errorMessage` keys.',
    parameters: [
      ...(withPath
        ? [
            { name: 'service', in: 'path', required: true, description: 'Any service segment flows already use, e.g. `centraloutboundwebhook-v1`.', schema: { type: 'string' } },
            { name: 'stage', in: 'path', required: true, description: '`test`: createOutbound never calls the dialer, report rows are tagged `test`, and `$flow.syskey.testNow` may pin "now". Anything else: 404 UNKNOWN_STAGE.', schema: { type: 'string', enum: ['prod', 'test'] } },
          ]
        : []),
      { name: 'format', in: 'query', required: false, description: '`flat`: answer one flat object keyed by each output\'s last segment.', schema: { type: 'string', enum: ['flat'] } },
      { name: 'Idempotency-Key', in: 'header', required: false, description: 'createOutbound: a repeat within 24 h returns the first answer and schedules nothing new.', schema: { type: 'string', maxLength: 200 } },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            oneOf: methods.map((method) => ref(variantName(method))),
            discriminator: { propertyName: 'method', mapping: Object.fromEntries(methods.map((method) => [method.name, `#/components/schemas/${variantName(method)}`])) },
          },
          examples: examples((method) => ({ method: method.name, keys: exampleKeys(method) })),
        },
      },
    },
    responses: {
      '200': { description: 'SUCCESS with the method\'s outputs, or a business FAILURE with errorCode/errorMessage outputs.', content: { 'application/json': { schema: ref('WebhookAnswer'), examples: examples(exampleAnswer) } } },
      '400': errorResponse('INVALID_JSON, INVALID_ENVELOPE, MISSING_METHOD or INVALID_KEYS.'),
      '401': errorResponse('UNAUTHORIZED: no token, or an unknown or revoked one.'),
      '403': errorResponse('FORBIDDEN_ACCOUNT: the keys name another account.'),
      '404': errorResponse('UNKNOWN_METHOD (the message lists the known ones) or UNKNOWN_STAGE.'),
      '413': errorResponse('BODY_TOO_LARGE.'),
      '422': { description: 'A parameter of a known method is missing or malformed: `status: FAILURE`, `error.parameters` names them, `keys` has the method\'s failure outputs.', content: { 'application/json': { schema: ref('WebhookAnswer') } } },
      '500': errorResponse('INTERNAL_ERROR, with a request id.'),
    },
    'x-error-codes': Object.keys(errorCodes).map((code) => describeCode(code as ErrorCode)),
  };
}

type Operation = Json & {
  parameters?: Json[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
  /** What the route carries on its schema (kernel/route-doc.ts) and transform() adds, read and removed by transformObject(). */
  'x-responses'?: Record<string, string>;
  'x-request-body'?: RawRequestBody;
  'x-validated'?: boolean;
  'x-webhook'?: boolean;
};

/** Adds the answers a route gives besides its schema's: its own (`x-responses`), then the generic errors from what it takes. */
function addResponses(method: string, operation: Operation, own: Record<string, string>, validated: boolean): void {
  const responses = (operation.responses ??= {});
  // Fastify's placeholder when a route has no response schema; a route that answers another success code drops it.
  const placeholder = (responses['200'] as { description?: string } | undefined)?.description === 'Default Response';
  if (placeholder && Object.keys(own).some((status) => status !== '200' && /^[23]/.test(status))) delete responses['200'];
  for (const [status, description] of Object.entries(own)) {
    if (responses[status] && !(status === '200' && placeholder)) continue;
    responses[status] = /^[23]/.test(status) ? { description } : errorResponse(description);
  }
  const add = (status: string, description: string) => {
    responses[status] ??= errorResponse(description);
  };
  const secured = !Array.isArray(operation.security) || operation.security.length > 0;
  if (secured) add('401', 'UNAUTHORIZED: no token, or an unknown or revoked one.');
  if (secured && method !== 'get') add('403', 'ADMIN_REQUIRED: this change needs the admin token.');
  if (secured && operation.parameters?.some((parameter) => parameter.in === 'path')) add('404', "NOT_FOUND: no such resource (another account's resources answer this too).");
  if (validated) add('422', 'VALIDATION_FAILED: `error.fields` names each invalid field.');
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Options for `@fastify/swagger`: routes bring their TypeBox schemas with
 * their tag, summary, security and extra answers (kernel/route-doc.ts); this
 * adds the webhook operation built from the method registry, bodies routes
 * read themselves, and the error answers.
 */
export function openApiOptions(methods: readonly WebhookMethod[]): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'flowhooks',
        version: '1',
        description: 'Utility webhooks for contact-centre flows, and the management API behind them. Webhook calls use an account\'s webhook token; `/api` uses the admin token (an account token may read its own account).',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Admin token for /api; an account\'s webhook token for the webhook.' } },
      },
      security: [{ bearerAuth: [] }],
    },
    // Tags, summaries and security come from the route's own schema as it is; a route without them gets none (the docs test fails on it).
    transform({ schema, url }) {
      const existing = schema ?? {};
      if (undocumentedPrefixes.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))) return { url, schema: { ...existing, hide: true } };
      return { url, schema: { ...existing, 'x-validated': (['body', 'querystring', 'params', 'headers'] as const).some((part) => existing[part] !== undefined) } };
    },
    transformObject(documentObject) {
      const document = (documentObject as { openapiObject: Json }).openapiObject as Json & { paths: Record<string, Record<string, Operation>>; components: Json };
      document.components.schemas = { ...(document.components.schemas as Json | undefined), ...sharedSchemas(methods) };
      const usedTags = new Set<string>();
      for (const [path, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          if (!httpMethods.includes(method)) continue;
          const { 'x-responses': own = {}, 'x-request-body': rawBody, 'x-validated': validated = false, 'x-webhook': webhook = false } = operation;
          delete operation['x-responses'];
          delete operation['x-request-body'];
          delete operation['x-validated'];
          delete operation['x-webhook'];
          // The webhook routes have no Fastify schema for their body (the protocol layer reads it): built here from the methods.
          if (webhook) Object.assign(operation, webhookOperation(methods, path.includes('{stage}')));
          else addResponses(method, operation, own, validated);
          if (rawBody) {
            operation.requestBody = {
              required: true,
              description: rawBody.description,
              content: Object.fromEntries(rawBody.contentTypes.map((type) => [type, { schema: { type: 'string' }, example: rawBody.example }])),
            };
          }
          for (const tag of (operation.tags as string[] | undefined) ?? []) usedTags.add(tag);
        }
      }
      document.tags = Object.entries(tagDescriptions)
        .filter(([name]) => usedTags.has(name))
        .map(([name, description]) => ({ name, description }));
      return document;
    },
  };
}
