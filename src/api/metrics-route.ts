import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { bearerToken } from '../auth/tokens.js';
import { AppError } from '../kernel/errors.js';
import { matchesSha256Hex, sha256Hex } from '../kernel/hash.js';
import { routeDoc } from '../kernel/route-doc.js';

export interface MetricsRouteOptions {
  registry: Registry;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`; absent: open. */
  token?: string;
  config?: FastifyContextConfig;
}

/** `GET /metrics`: the registry in Prometheus text format. */
export async function metricsRoute(app: FastifyInstance, options: MetricsRouteOptions): Promise<void> {
  const expected = options.token === undefined ? undefined : sha256Hex(options.token);
  // Public in the document: the metrics token, when set, is its own credential, not a bearer token of this API.
  const schema = routeDoc('Operations')('Prometheus metrics', { public: true });
  app.get('/metrics', { config: options.config, schema }, async (request, reply) => {
    if (expected) {
      const sent = bearerToken(request.headers.authorization);
      if (!sent || !matchesSha256Hex(sent, expected)) throw new AppError('UNAUTHORIZED', 'Send "Authorization: Bearer <metrics token>".');
    }
    const text = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(text);
  });
}
