import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { createAccountCache } from './accounts/cache.js';
import { startImportedSeriesSync } from './adapters/numbering/imported-sync.js';
import { createNumberingPlan, type NumberingPlan } from './adapters/numbering/numbering.js';
import { loadShippedNumbering } from './adapters/numbering/shipped-data.js';
import { accountRoutes } from './api/accounts-routes.js';
import { reportRoutes } from './api/reports-routes.js';
import { numberingRoutes } from './api/numbering-routes.js';
import { agentRoutes } from './api/agents-routes.js';
import { holidayRoutes } from './api/holidays-routes.js';
import { outboundRoutes } from './api/outbound-routes.js';
import { botRoutes } from './api/bots-routes.js';
import { rejectNulCharacters } from './api/nul-guard.js';
import { shortUrlCreateRoutes, shortUrlRoutes } from './api/short-urls-routes.js';
import { authenticate } from './auth/authenticate.js';
import { createTokenResolver } from './auth/tokens.js';
import { shortBaseUrl, type Settings } from './config.js';
import { methodRegistry } from './methods/registry.js';
import { openApiRoute } from './docs/openapi.js';
import { AppError, errorBody, errorCodes, type ErrorCode } from './protocol/errors.js';
import type { WebhookMethod } from './protocol/method.js';
import { webhookRoutes } from './protocol/webhook-route.js';
import { redirectRoutes } from './shortener/redirect-route.js';
import { createShortener } from './shortener/shortener.js';
import { createTranslationService } from './adapters/translation/service.js';
import { readiness, type DatabaseHandle } from './storage/db.js';

export interface AppDeps {
  settings: Settings;
  database: DatabaseHandle;
  /** The clock every handler reads "now" from. Default: the system clock. */
  clock?: () => Date;
  /** Where log lines go. Default: standard output. */
  logStream?: Writable;
  methods?: readonly WebhookMethod[];
  /** India's numbering plan. Default: the shipped data, with the database's imported series over it. */
  numbering?: NumberingPlan;
  /** How often imports made on other nodes are looked for, in ms. Default 30 000. */
  numberingPollMs?: number;
}

// Request ids from a caller are kept when they look like ids, so a flow
// builder's trace id follows the call; anything else gets a fresh UUID.
const callerRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the whole HTTP application. It never listens: `main.ts` does. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { settings, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  // Buffered log writes: one write a few KiB (or a second) instead of one a
  // request, which otherwise costs a third of a webhook's time.
  const logDestination = deps.logStream ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const app = Fastify({
    logger: { level: settings.FLOWHOOKS_LOG_LEVEL, stream: deps.logStream ?? logDestination },
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && callerRequestId.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A path the router cannot decode (`/%zz`) or an over-long segment is answered before any hook runs;
    // Fastify's own answer echoes the whole path (it may hold a phone number) in a body of another shape.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'has a segment longer than 100 characters' : 'is not valid percent-encoding';
      return (reply as FastifyReply).code(errorCodes.INVALID_PATH.status).send(errorBody('INVALID_PATH', `The request path ${problem}.`));
    },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  });

  if (logDestination) {
    const flushTimer = setInterval(() => logDestination.flush(), 1000).unref();
    app.addHook('onClose', async () => {
      clearInterval(flushTimer);
      logDestination.flushSync();
    });
  }

  const tokens = createTokenResolver(database.db);
  const accounts = createAccountCache(database.db);
  const methods = methodRegistry(deps.methods);
  const numbering = deps.numbering ?? createNumberingPlan(loadShippedNumbering());
  const numberingSync = await startImportedSeriesSync(numbering, database.db, {
    pollMs: deps.numberingPollMs,
    onError: (error) => app.log.warn({ error: { message: error instanceof Error ? error.message : String(error) } }, 'imported numbering series not loaded; retrying'),
  });
  app.addHook('onClose', async () => numberingSync.stop());
  const shortener = createShortener(database.db, {
    baseUrl: shortBaseUrl(settings),
    visits: { onError: (error, dropped) => app.log.warn({ dropped, error: { message: error instanceof Error ? error.message : String(error) } }, 'short-URL visits not written') },
  });
  const translation = createTranslationService(database.db, {
    provider: settings.FLOWHOOKS_TRANSLATE_PROVIDER,
    baseUrl: settings.FLOWHOOKS_TRANSLATE_URL,
    serverKey: settings.FLOWHOOKS_TRANSLATE_API_KEY,
    timeoutMs: settings.FLOWHOOKS_TRANSLATE_TIMEOUT_MS,
    cacheTtlMs: settings.FLOWHOOKS_TRANSLATE_CACHE_TTL_SECONDS * 1000,
  });
  // Buffered visits are written before the database closes.
  app.addHook('onClose', () => shortener.close());

  // Callback-style hooks: every request passes these, and a promise each costs measurably.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // One line a request, written after the answer: ids, method, outcome, time.
  // Bodies, headers and query strings are never logged (they carry phone numbers and tokens).
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        http: { method: request.method, path: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
        ...(request.webhook && { webhook: request.webhook }),
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
    done();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, settings.FLOWHOOKS_LOG_LEVEL));
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`));
  });

  await openApiRoute(app, [...methods.values()]);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const state = await readiness(database);
    return state.ready ? { status: 'ready' } : reply.code(503).send({ status: 'not ready', ...errorBody('NOT_READY', state.reason ?? 'not ready') });
  });

  await app.register(async (scope) => {
    await webhookRoutes(scope, {
      db: database.db,
      methods,
      tokens,
      accounts,
      authMode: settings.FLOWHOOKS_AUTH,
      bodyLimit: settings.FLOWHOOKS_BODY_LIMIT,
      clock,
      numbering,
      shortener,
      translation,
    });
  });

  // Short URLs: the custToken-authenticated create routes and the redirects live outside the bearer-authenticated /api plugin.
  await app.register(async (scope) => {
    scope.addHook('preValidation', rejectNulCharacters);
    await shortUrlCreateRoutes(scope, { db: database.db, accounts, shortener, clock });
    await redirectRoutes(scope, { shortener, clock });
  });

  await app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      request.principal = await authenticate(request.headers.authorization, tokens, { allowTrusted: false });
    });
    api.addHook('preValidation', rejectNulCharacters);
    await accountRoutes(api, { db: database.db, accounts, tokens, clock });
    await reportRoutes(api, { db: database.db, dialect: database.dialect });
    await numberingRoutes(api, { db: database.db, plan: numbering, sync: numberingSync, accounts, clock });
    await agentRoutes(api, { db: database.db, accounts, clock });
    await holidayRoutes(api, { db: database.db, clock });
    await outboundRoutes(api, { db: database.db, clock });
    await shortUrlRoutes(api, { db: database.db, accounts, shortener, clock });
    await botRoutes(api, { db: database.db, accounts, clock });
  });

  return app;
}

/** Maps any error to the SPEC §1.3 body. Internal faults keep their details in the log, never in the answer. */
function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, logLevel: string) {
  const webhook = request.routeOptions.config?.webhook === true;
  const send = (code: ErrorCode, message: string, extra?: Record<string, unknown>) => {
    const body = errorBody(code, message, extra);
    return reply.code(errorCodes[code].status).send(webhook ? { ...(request.webhook?.method && { method: request.webhook.method }), status: 'FAILURE', ...body } : body);
  };
  if (error instanceof AppError) return send(error.code, error.message, error.details);
  // An unknown route is a 404 whatever its body: Fastify parses the body before the not-found handler runs.
  if (request.is404) return send('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`);
  if (error.validation) {
    const fields = error.validation.map((issue) => {
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const extra = (issue.params as { additionalProperty?: string }).additionalProperty;
      const path = [issue.instancePath.replace(/^\//, '').replace(/\//g, '.'), missing ?? extra].filter(Boolean).join('.');
      return { field: path || error.validationContext || 'body', message: extra ? 'is not a known field' : (issue.message ?? 'is invalid') };
    });
    return send('VALIDATION_FAILED', fields.map((field) => `${field.field} ${field.message}`).join('; '), { fields });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send('BODY_TOO_LARGE', 'The body is larger than the limit.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send('INVALID_JSON', 'The body is not valid JSON.');
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return send('INVALID_JSON', 'The body is not valid JSON.');
  }
  const verbose = logLevel === 'debug' || logLevel === 'trace';
  request.log.error({ error: { name: error.name, code: error.code, message: error.message, ...(verbose && { stack: error.stack }) } }, 'internal error');
  return send('INTERNAL_ERROR', `Internal error; quote request id ${request.id}.`, { requestId: request.id });
}
