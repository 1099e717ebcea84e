import type { WebhookMethod } from '../protocol/method.js';
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

/**
 * A Postman collection (v2.1) with one request per webhook method, each
 * sending the method's example keys to `{{baseUrl}}/webhook` with the bearer
 * token `{{token}}`, and a test that it answered 200 and `status: SUCCESS`.
 * `baseUrl` defaults to the given origin, `accountId` to 1; `token` is empty
 * (set it in a Postman environment).
 */
export function postmanCollection(methods: readonly WebhookMethod[], baseUrl: string): Record<string, unknown> {
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
      { key: 'accountId', value: '1', type: 'string' },
    ],
    item: [{ name: 'Webhook methods', item: methods.map(webhookRequest) }],
  };
}
