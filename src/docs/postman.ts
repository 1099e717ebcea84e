import type { WebhookMethod } from '../methods/contract.js';
import { exampleKeys } from './openapi.js';

/** Postman collection format v2.1. */
const collectionSchema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** Postman's test script: the call answered 200 and `status: SUCCESS`. */
function testScript(method: WebhookMethod): string[] {
  return [
    `pm.test('${method.name} answers HTTP 200', function () {`,
    '  pm.response.to.have.status(200);',
    '});',
    `pm.test('${method.name} answers status SUCCESS', function () {`,
    '  const answer = pm.response.json();',
    "  pm.expect(answer.status, answer.error ? answer.error.code + ': ' + answer.error.message : '').to.eql('SUCCESS');",
    '});',
  ];
}

function webhookRequest(method: WebhookMethod) {
  const outputs = method.outputs.map((output) => `- \`${output.name}\`: ${output.description}`).join('\n');
  return {
    name: method.name,
    request: {
      method: 'POST',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      body: {
        mode: 'raw',
        raw: JSON.stringify({ method: method.name, keys: exampleKeys(method, '{{accountId}}') }, null, 2),
        options: { raw: { language: 'json' } },
      },
      url: { raw: '{{baseUrl}}/webhook', host: ['{{baseUrl}}'], path: ['webhook'] },
      description: `${method.summary}${outputs ? `\n\nOutputs:\n${outputs}` : ''}`,
    },
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: testScript(method) } }],
  };
}

type Schema = { type?: unknown; examples?: unknown[]; default?: unknown; properties?: Record<string, Schema>; required?: string[]; description?: string };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; description?: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> };
};
/** The parts of this server's OpenAPI document (see openapi.ts) the collection reads. */
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** An example body from a schema: each field's example (or default); a required field without one gets a `<name>` placeholder. */
function exampleBody(schema: Schema): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const example = property.examples?.[0] ?? property.default;
    if (example !== undefined) body[name] = example;
    else if (schema.required?.includes(name)) body[name] = `<${name}>`;
  }
  return body;
}

/** One management request: path ids as Postman path variables (`:id` is `{{accountId}}`), query parameters listed but off. */
function managementRequest(path: string, verb: string, operation: Operation) {
  const segments = path.split('/').filter(Boolean).map((segment) => segment.replace(/^\{(.+)\}$/, ':$1'));
  const parameters = operation.parameters ?? [];
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  // A body read as text (a CSV import): its first content type and example, sent raw.
  const [textType, text] = schema ? [] : (Object.entries(operation.requestBody?.content ?? {})[0] ?? []);
  return {
    name: `${verb.toUpperCase()} ${path}`,
    request: {
      method: verb.toUpperCase(),
      ...(operation.security?.length === 0 && { auth: { type: 'noauth' } }),
      header: schema ? [{ key: 'Content-Type', value: 'application/json' }] : textType ? [{ key: 'Content-Type', value: textType }] : [],
      ...(schema && { body: { mode: 'raw', raw: JSON.stringify(exampleBody(schema), null, 2), options: { raw: { language: 'json' } } } }),
      ...(!schema && text?.example !== undefined && { body: { mode: 'raw', raw: String(text.example), options: { raw: { language: 'text' } } } }),
      url: {
        raw: `{{baseUrl}}/${segments.join('/')}`,
        host: ['{{baseUrl}}'],
        path: segments,
        query: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => ({ key: parameter.name, value: String(parameter.schema?.examples?.[0] ?? ''), description: parameter.description, disabled: true })),
        variable: parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => ({ key: parameter.name, value: parameter.name === 'id' ? '{{accountId}}' : String(parameter.schema?.examples?.[0] ?? ''), description: parameter.description })),
      },
      description: [operation.summary, operation.description].filter(Boolean).join('\n\n'),
    },
  };
}

/** The management API and the other non-webhook routes, one folder per OpenAPI tag, with the admin token `{{adminToken}}`. */
function managementFolders(document: OpenApiDocument) {
  const folders = new Map<string, unknown[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(item)) {
      const tag = operation.tags?.[0] ?? 'Other';
      if (tag === 'Webhook') continue;
      folders.set(tag, [...(folders.get(tag) ?? []), managementRequest(path, verb, operation)]);
    }
  }
  return [...folders].map(([name, item]) => ({ name, item, auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{adminToken}}', type: 'string' }] } }));
}

/** The folder of webhook requests; the one `newman` runs in the tests. */
export const webhookFolder = 'Webhook methods';

/**
 * A Postman collection (v2.1): one request per webhook method, each sending
 * the method's example keys to `{{baseUrl}}/webhook` with the bearer token
 * `{{token}}`, and a test that it answered 200 and `status: SUCCESS`; then
 * every other documented route, grouped by tag, with the admin token
 * `{{adminToken}}` and example bodies (no tests: they need data to act on).
 * `baseUrl` defaults to the given origin, `accountId` to 1; the tokens are
 * empty (set them in a Postman environment).
 */
export function postmanCollection(methods: readonly WebhookMethod[], document: object, baseUrl: string): Record<string, unknown> {
  return {
    info: {
      name: 'flowhooks',
      description: 'Every flowhooks webhook method with example keys. Set `token` (an account\'s webhook token) and `baseUrl` in an environment. The OpenAPI document is at /openapi.json.',
      schema: collectionSchema,
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: baseUrl, type: 'string' },
      { key: 'token', value: '', type: 'string' },
      { key: 'adminToken', value: '', type: 'string' },
      { key: 'accountId', value: '1', type: 'string' },
    ],
    item: [{ name: webhookFolder, item: methods.map(webhookRequest) }, ...managementFolders(document as OpenApiDocument)],
  };
}
