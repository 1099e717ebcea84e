import fastifySwagger from '@fastify/swagger';
// 5.x, not 6.x: 6.x needs @fastify/static 10, whose content-disposition 3 requires Node ≥ 22.
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { routeDoc } from '../kernel/route-doc.js';
import type { WebhookMethod } from '../methods/contract.js';
import { openApiOptions } from './openapi.js';
import { postmanCollection } from './postman.js';

/**
 * The Content-Security-Policy of every `/docs` answer. Swagger UI is served
 * from this process (no CDN) and needs only: its own scripts and styles
 * (`'self'`, no inline code), `data:` images (the logo and icons), and
 * `connect-src 'self'` to load `/docs/json` and send "Try it out" calls to
 * this server. A security-header layer (helmet) in front of /docs must allow
 * at least this, or leave /docs's own header in place (it is set last, in onSend).
 * Checked in Chromium: the page renders fully; the one inline style the
 * bundle applies is blocked without visible effect.
 */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

// The top bar's logo (shown as a data: image, which the policy allows) instead of the library's.
const logo =
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40"><text x="0" y="28" font-family="sans-serif" font-size="26" font-weight="bold" fill="#fff">flowhooks</text></svg>';

/**
 * Starts collecting every route's schema for the OpenAPI document. Call it on
 * the root instance before any route is added: `@fastify/swagger` sees only
 * routes added after it, in its own scope and below.
 */
export async function openApiCollector(app: FastifyInstance, methods: readonly WebhookMethod[]): Promise<void> {
  await app.register(fastifySwagger, openApiOptions(methods));
}

export interface DocsRouteDeps {
  methods: readonly WebhookMethod[];
  /** The base URL the collection points at (FLOWHOOKS_PUBLIC_URL or the listening address). */
  publicUrl: () => string;
}

/**
 * `GET /openapi.json`, `GET /docs` (Swagger UI, served locally) and
 * `GET /postman.json`, all without a token, in their own scope (so headers
 * or hooks added around them touch nothing else). Needs `openApiCollector`
 * on the root first; it may itself be called from any scope.
 */
export async function docsRoutes(app: FastifyInstance, deps: DocsRouteDeps): Promise<void> {
  if (!app.hasDecorator('swagger')) throw new Error('docsRoutes needs openApiCollector registered on the root instance first');
  const doc = routeDoc('Documentation');
  await app.register(async (docs) => {
    docs.get('/openapi.json', { schema: doc('This OpenAPI document', { public: true }) }, async () => docs.swagger());
    // The base URL never comes from the request's Host header (a caller could point it anywhere);
    // no-store so a cache never keeps one collection for another server.
    docs.get('/postman.json', { schema: doc('Postman collection (v2.1): every webhook method, then every other route', { public: true }) }, async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return postmanCollection(deps.methods, docs.swagger(), deps.publicUrl());
    });
    await docs.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      staticCSP: docsContentSecurityPolicy,
      theme: { title: 'flowhooks API' },
      logo: { type: 'image/svg+xml', content: Buffer.from(logo) },
      uiConfig: { deepLinking: true, displayRequestDuration: true, defaultModelsExpandDepth: 0 },
    });
  });
}
