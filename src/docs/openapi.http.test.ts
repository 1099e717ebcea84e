import { Validator } from '@seriousme/openapi-schema-validator';
import type { TSchema } from '@sinclair/typebox';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { allMethods } from '../methods/registry.js';
import { errorCodes } from '../kernel/errors.js';
import { exampleKeys, tagDescriptions } from './openapi.js';
import { patternWords } from '../kernel/patterned.js';

type Operation = { tags?: string[]; summary?: string; security?: unknown[]; parameters?: Array<{ name: string; in: string }>; requestBody?: any; responses: Record<string, any> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any>; securitySchemes: Record<string, any> }; tags: Array<{ name: string }> };

/** Every route Fastify registered (HEAD routes Fastify adds for GET aside), read from its route tree. */
function registeredRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  // Each stack entry holds the alternatives of one tree level: a parametric node prints as `/:service|:code`.
  const stack: string[][] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const segment = match[2]!;
    const alternatives = segment.startsWith('/:') && segment.includes('|') ? segment.slice(1).split('|').map((part) => `/${part}`) : [segment];
    stack.length = depth;
    stack.push(alternatives);
    const urls = stack.reduce<string[]>((prefixes, level) => prefixes.flatMap((prefix) => level.map((part) => prefix + part)), ['']);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method === 'HEAD') continue;
      // A parametric node shared by several routes: keep the spellings that are routes of this method.
      for (const url of urls) if (app.hasRoute({ method: method as 'GET', url })) routes.push({ method, url });
    }
  }
  return routes;
}

/** `/api/accounts/:id` and `/api/accounts/{id}` both become `/api/accounts/{}`: parameter names are not compared. */
const shape = (method: string, url: string) => `${method.toUpperCase()} ${url.replace(/:[^/]+/g, '{}').replace(/\{[^}]*\}/g, '{}')}`;

describe.each(await databaseTargets())('API documentation on $name', (target) => {
  let t: TestApp;
  let document: Document;
  beforeAll(async () => {
    t = await createTestApp(target);
    document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('says in words what every pattern of an /api request wants, so no refusal quotes a regular expression', () => {
    const patterns: string[] = [];
    const collect = (schema: unknown): void => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      if (node.$ref) return collect(document.components.schemas[String(node.$ref).split('/').pop()!]);
      if (typeof node.pattern === 'string') patterns.push(node.pattern);
      for (const value of Object.values(node)) collect(value);
    };
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const operation of Object.values(operations)) {
        for (const parameter of operation.parameters ?? []) collect((parameter as { schema?: unknown }).schema);
        collect(operation.requestBody?.content);
      }
    }
    expect(patterns.length).toBeGreaterThan(10);
    expect([...new Set(patterns)].filter((pattern) => patternWords(pattern) === undefined)).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document, without a token, that a standard validator accepts and whose references resolve', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    // The validator resolves references in place: it gets a copy.
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('documents every registered route except the user interfaces, and nothing that is not a route', () => {
    const registered = registeredRoutes(t.app).filter((route) => !/^\/(docs|console)(\/|$)/.test(route.url));
    // The route tree was read: the routes docs/management-api.md and §4 name are among them.
    expect(registered.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining(['POST /webhook', 'POST /:service/:stage', 'GET /healthz', 'GET /readyz', 'POST /api/accounts', 'GET /:code', 'POST /UrlShortner/phonon/shortUrl']),
    );
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => shape(method, path)));
    expect(new Set(documented)).toEqual(new Set(registered.map((route) => shape(route.method, route.url))));
    expect(Object.keys(document.paths).filter((path) => /^\/(docs|console)(\/|$)/.test(path))).toEqual([]);
  });

  it('gives every operation a tag, a summary and the answers it can give; /api needs the bearer token, public routes none', () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const tagNames = document.tags.map((tag) => tag.name);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.tags?.length, `${method} ${path} tags`).toBe(1);
        expect(tagNames).toContain(operation.tags![0]);
        expect(operation.summary, `${method} ${path}`).not.toMatch(/^(GET|POST|PUT|PATCH|DELETE) \//);
        const ownCredential = method === 'post' && (path === '/api/short-urls' || path === '/api/outbound-jobs/{jobId}/result');
        if (path.startsWith('/api/') && !ownCredential) {
          expect(operation.security, `${method} ${path}`).toBeUndefined();
          expect(operation.responses['401'], `${method} ${path}`).toBeDefined();
        }
      }
    }
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/postman.json', '/{code}']) expect(document.paths[path]!.get!.security).toEqual([]);
    expect(document.paths['/api/short-urls']!.post!.security).toEqual([]);
    // Outcome reports are authenticated by their Standard Webhooks signature, not a bearer token.
    expect(document.paths['/api/outbound-jobs/{jobId}/result']!.post!.security).toEqual([]);
    expect(Object.keys(document.paths['/api/outbound-jobs/{jobId}/result']!.post!.responses)).toEqual(expect.arrayContaining(['200', '401', '404', '409', '422']));
    expect(Object.keys(document.paths['/api/accounts/{id}/bots/{botId}']!.delete!.responses)).toEqual(expect.arrayContaining(['204', '401', '403', '404']));
    expect(document.paths['/api/accounts/{id}/bots/{botId}']!.delete!.responses['200']).toBeUndefined();
    expect(document.paths['/{code}']!.get!.responses).toHaveProperty('410');
  });

  it('gives every operation the summary and the one tag its route carries, each tag one of those described', () => {
    // The document invents neither (docs/api-documentation.md): a route added without them fails here.
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.summary?.trim(), `${method} ${path} summary`).toBeTruthy();
        expect(operation.tags, `${method} ${path} tags`).toHaveLength(1);
        expect(Object.keys(tagDescriptions), `${method} ${path} tag`).toContain(operation.tags![0]);
      }
    }
  });

  it('documents the webhook on /webhook and /{service}/{stage} with one body variant per method: parameters with full names, outputs and error codes', () => {
    for (const path of ['/webhook', '/{service}/{stage}']) {
      const operation = document.paths[path]!.post!;
      const body = operation.requestBody.content['application/json'];
      expect(body.schema.oneOf).toHaveLength(allMethods.length);
      expect(Object.keys(body.examples)).toEqual(allMethods.map((method) => method.name));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '413', '422']));
      expect((operation as any)['x-error-codes'].map((entry: { code: string }) => entry.code)).toEqual(Object.keys(errorCodes));
    }
    expect(document.paths['/{service}/{stage}']!.post!.parameters).toContainEqual(expect.objectContaining({ name: 'stage', in: 'path', schema: { type: 'string', enum: ['prod', 'test'] } }));

    const ajv = new Ajv2020({ strict: false });
    for (const method of allMethods) {
      const variant = document.components.schemas[`Webhook.${method.name}`];
      const properties = method.params.properties as Record<string, TSchema>;
      expect(variant.properties.method.const).toBe(method.name);
      expect(variant['x-parameters']).toEqual(
        Object.entries(properties).map(([name, schema]) =>
          expect.objectContaining({ name, type: schema.type, required: (method.params.required ?? []).includes(name), description: schema.description }),
        ),
      );
      for (const parameter of variant['x-parameters']) expect(parameter.name).toMatch(/^\$(flow|user|call)\.(key|syskey)?\.?[A-Za-z_]+$/);
      expect(variant['x-outputs']).toEqual(method.outputs);
      const codes = variant['x-error-codes'].map((entry: { code: string }) => entry.code);
      expect(codes).toEqual(expect.arrayContaining(['MISSING_PARAMETER', 'INVALID_PARAMETER', ...(method.errorCodes ?? [])]));
      // The documented example is a body the documented schema accepts, with every required parameter.
      expect(variant.examples[0]).toEqual({ method: method.name, keys: exampleKeys(method) });
      expect(ajv.validate(variant, variant.examples[0]), JSON.stringify(ajv.errors)).toBe(true);
      const sent = new Set(variant.examples[0].keys.map((key: { name: string }) => key.name));
      for (const name of method.params.required ?? []) expect(sent, `${method.name} example sends ${name}`).toContain(name);
    }
  });

  it('names, for every business outcome code, the method that answers it', () => {
    const claimed = new Set(allMethods.flatMap((method) => method.errorCodes ?? []));
    const business = Object.entries(errorCodes).filter(([, entry]) => entry.status === 200).map(([code]) => code);
    for (const code of business) expect(claimed, code).toContain(code);
  });

  it("documents a method's codes with the HTTP status its webhook answers, as the wire sends it", async () => {
    // allocateAgent without agents: NO_AGENT_AVAILABLE is a 409 on the management API but a 200 FAILURE on the webhook.
    const codes = document.components.schemas['Webhook.allocateAgent']['x-error-codes'] as Array<{ code: string; status: number }>;
    const answer = await t.webhook('allocateAgent', []);
    expect(answer.json().keys).toContainEqual({ name: '$flow.key.errorCode', value: 'NO_AGENT_AVAILABLE' });
    expect(codes.find((entry) => entry.code === 'NO_AGENT_AVAILABLE')?.status).toBe(answer.statusCode);
  });

  it('renders the docs at /docs from this server alone, under a strict Content-Security-Policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|http:/);
    // No inline script, and every asset the page loads comes from this server.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/docs\//);
      const answer = await t.app.inject({ method: 'GET', url: asset });
      expect(answer.statusCode, asset).toBe(200);
      expect(answer.headers['content-security-policy']).toBe(csp);
    }
    // The page loads ./json, which is the same document as /openapi.json.
    const initializer = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain("resolveUrl('./json')");
    expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).json()).toEqual(document);
  });

  it('serves a Postman v2.1 collection: one tested request per method with bearer auth from {{token}}, then every other route with {{adminToken}}', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/postman.json', headers: { host: 'flowhooks.example:8080' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('flowhooks.example');
    expect(response.headers['cache-control']).toBe('no-store');
    const collection = response.json();
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(collection.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] });
    expect(collection.variable).toEqual(
      // The listening address (settings' HOST:PORT here: inject() does not listen), never the Host header a caller sent.
      expect.arrayContaining([expect.objectContaining({ key: 'baseUrl', value: `http://${t.settings.HOST}:${t.settings.PORT}` }), expect.objectContaining({ key: 'token' })]),
    );
    const [webhookFolder, ...otherFolders] = collection.item;
    expect(webhookFolder.name).toBe('Webhook methods');
    const requests = webhookFolder.item;
    expect(requests.map((request: { name: string }) => request.name)).toEqual(allMethods.map((method) => method.name));
    for (const [index, method] of allMethods.entries()) {
      const request = requests[index];
      expect(request.request.url.raw).toBe('{{baseUrl}}/webhook');
      expect(JSON.parse(request.request.body.raw)).toEqual({ method: method.name, keys: exampleKeys(method, '{{accountId}}') });
      const script = request.event.find((event: { listen: string }) => event.listen === 'test').script.exec.join('\n');
      expect(script).toContain('pm.response.to.have.status(200)');
      expect(script).toContain(".to.eql('SUCCESS')");
    }
    // Every other documented route, by tag, with the admin token; public routes without one.
    const others = otherFolders.flatMap((folder: { item: Array<{ name: string }> }) => folder.item);
    const documented = Object.entries(document.paths)
      .filter(([path]) => path !== '/webhook' && path !== '/{service}/{stage}')
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(others.map((request: { name: string }) => request.name).sort()).toEqual(documented.sort());
    for (const folder of otherFolders) expect(folder.auth.bearer[0].value).toBe('{{adminToken}}');
    const byName = new Map(others.map((request: any) => [request.name, request.request]));
    expect(byName.get('GET /healthz').auth).toEqual({ type: 'noauth' });
    const agent = byName.get('POST /api/accounts/{id}/agents');
    expect(agent.url.raw).toBe('{{baseUrl}}/api/accounts/:id/agents');
    expect(agent.url.variable).toEqual([expect.objectContaining({ key: 'id', value: '{{accountId}}' })]);
    expect(JSON.parse(agent.body.raw)).toEqual({ cli: '9876543210', name: 'Asha' });
  });
});

describe.each(await databaseTargets())('absolute URLs the server prints on $name', (target) => {
  it('points /postman.json at FLOWHOOKS_PUBLIC_URL, whatever Host the caller sends', async () => {
    const t = await createTestApp(target, { env: { FLOWHOOKS_PUBLIC_URL: 'https://hooks.example.com/flowhooks/' } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/postman.json', headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' } });
      expect(response.json().variable).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'baseUrl', value: 'https://hooks.example.com/flowhooks' })]));
      expect(response.body).not.toContain('attacker.example');
    } finally {
      await t.close();
    }
  });

  it('points /postman.json at the listening address when no public URL is set', async () => {
    const t = await createTestApp(target, { env: { PORT: '0' } });
    try {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${address}/postman.json`, { headers: { host: 'attacker.example' } });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const collection = (await response.json()) as { variable: Array<{ key: string; value: string }> };
      expect(collection.variable.find((variable) => variable.key === 'baseUrl')?.value).toBe(address);
    } finally {
      await t.close();
    }
  });
});
