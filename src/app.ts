import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type onRequestHookHandler } from 'fastify';
import { pino } from 'pino';
import { createAccountCache } from './accounts/cache.js';
import { startImportedSeriesSync } from './adapters/numbering/imported-sync.js';
import { createNumberingPlan, type NumberingPlan } from './adapters/numbering/numbering.js';
import { loadShippedNumbering } from './adapters/numbering/shipped-data.js';
import { accountRoutes } from './api/accounts-routes.js';
import { adminTokenRoutes } from './api/admin-tokens-routes.js';
import { reportRoutes } from './api/reports-routes.js';
import { numberingRoutes } from './api/numbering-routes.js';
import { agentRoutes } from './api/agents-routes.js';
import { holidayRoutes } from './api/holidays-routes.js';
import { outboundRoutes } from './api/outbound-routes.js';
import { doNotCallRoutes } from './api/dnc-routes.js';
import { outboundResultRoutes } from './api/outbound-results-routes.js';
import { statusWebhookRoutes } from './api/status-webhooks-routes.js';
import { botRoutes } from './api/bots-routes.js';
import { invocationRoutes } from './api/invocations-routes.js';
import { overviewRoutes } from './api/overview-routes.js';
import { rejectNulCharacters } from './api/nul-guard.js';
import { assertChangeAllowed } from './api/access.js';
import { shortUrlCreateRoutes, shortUrlRoutes } from './api/short-urls-routes.js';
import { consoleRoutes } from './console/routes.js';
import { authenticate } from './auth/authenticate.js';
import { createTokenResolver } from './auth/tokens.js';
import { publicBaseUrl, shortBaseUrl, trustedProxies, type Settings } from './config.js';
import { invocationOf } from './invocations/from-request.js';
import { createInvocationLog, type InvocationLog } from './invocations/log.js';
import { methodRegistry } from './methods/registry.js';
import { docsRoutes, openApiCollector } from './docs/routes.js';
import { AppError, errorBody, errorCodes, type ErrorCode } from './kernel/errors.js';
import type { WebhookMethod } from './methods/contract.js';
import { webhookRoutes } from './protocol/webhook-route.js';
import { errorOutputs } from './protocol/response.js';
import { redirectRoutes } from './shortener/redirect-route.js';
import { createShortener } from './shortener/shortener.js';
import { createQrImages } from './shortener/qr.js';
import { createTranslationService } from './adapters/translation/service.js';
import { readiness, type DatabaseHandle } from './storage/db.js';
import { createFailureLimiter } from './limits/failure-limiter.js';
import { authenticationFailureGuard, exemptFromShedding, registerPressureShedding, registerRateLimiting, requestLimitHook, type CounterStore } from './limits/limits.js';
import { createDatabaseStore, createRedisClient } from './limits/stores.js';
import { destinationGuard, parseAllowList, type DestinationGuard } from './net/destinations.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { databaseReadings } from './storage/readings.js';
import { metricsRoute } from './api/metrics-route.js';
import { maskPhoneNumbers, redactedLogPaths, safeErrorMessage } from './observability/redact.js';
import helmet from '@fastify/helmet';

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
  /** Where webhook calls are recorded. Default: a log on `database` with its default batching; closed with the app either way. */
  invocationLog?: InvocationLog;
  /**
   * Where the app reports what it does (`/metrics`). Default: a registry of
   * its own on this database, without process metrics (a server process adds
   * them once, in main.ts; many apps in one process would each sample it).
   */
  metrics?: Metrics;
  /**
   * Which addresses URLs set through the API may reach, checked when they are saved.
   * Default: FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS with the system resolver.
   */
  destinations?: DestinationGuard;
  /**
   * Set `draining` to make `/readyz` answer 503 while the app still serves
   * (docs/deploying.md "Health checks and drain"). Default: never draining.
   */
  lifecycle?: { draining: boolean };
}

/**
 * Helmet's headers for the pages: everything from this origin, images also
 * as data: URLs (charts, QR codes); no inline scripts or styles, no framing.
 */
const pageSecurityHeaders = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
};

// Request ids from a caller are kept when they look like ids, so a flow
// builder's trace id follows the call; anything else gets a fresh UUID. A
// kept id is masked like every other field (docs/operations.md): a run of ten
// or more digits may be a phone number, and the id is logged and stored.
const callerRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the whole HTTP application. It never listens: `main.ts` does. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { settings, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  const metrics = deps.metrics ?? createMetrics({ database: databaseReadings(database), clock, processMetrics: false });
  // Buffered log writes: one write a few KiB (or a second) instead of one a
  // request, which otherwise costs a third of a webhook's time.
  const logDestination = deps.logStream ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const app = Fastify({
    logger: {
      level: settings.FLOWHOOKS_LOG_LEVEL,
      stream: deps.logStream ?? logDestination,
      // A second line of defence: no code logs these, but should one, they are replaced.
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
    },
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    // Behind a load balancer the client address (per-address limits) comes from X-Forwarded-For.
    ...(trustedProxies(settings) !== undefined && { trustProxy: trustedProxies(settings) }),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && callerRequestId.test(incoming) ? maskPhoneNumbers(incoming) : randomUUID();
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

  const destinations = deps.destinations ?? destinationGuard({ allowList: parseAllowList(settings.FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS) });
  const tokens = createTokenResolver(database.db, { ttlMs: settings.FLOWHOOKS_TOKEN_CACHE_MS, now: () => clock().getTime() });
  const accounts = createAccountCache(database.db);
  const methods = methodRegistry(deps.methods);
  const numbering = deps.numbering ?? createNumberingPlan(loadShippedNumbering());
  const numberingSync = await startImportedSeriesSync(numbering, database.db, {
    pollMs: deps.numberingPollMs,
    onError: (error) => app.log.warn({ error: { message: safeErrorMessage(error) } }, 'imported numbering series not loaded; retrying'),
  });
  app.addHook('onClose', async () => numberingSync.stop());
  const shortener = createShortener(database.db, {
    baseUrl: shortBaseUrl(settings),
    visits: {
      onError: (error, dropped) => app.log.warn({ dropped, error: { message: safeErrorMessage(error) } }, 'short-URL visits not written'),
      onWritten: metrics.visitBatchWritten,
    },
  });
  const translation = createTranslationService(database.db, {
    provider: settings.FLOWHOOKS_TRANSLATE_PROVIDER,
    baseUrl: settings.FLOWHOOKS_TRANSLATE_URL,
    serverKey: settings.FLOWHOOKS_TRANSLATE_API_KEY,
    timeoutMs: settings.FLOWHOOKS_TRANSLATE_TIMEOUT_MS,
    cacheTtlMs: settings.FLOWHOOKS_TRANSLATE_CACHE_TTL_SECONDS * 1000,
    observeProvider: metrics.providerCall,
  });
  metrics.watchTranslationCache(translation.cache.stats);
  // Buffered visits are written before the database closes.
  app.addHook('onClose', () => shortener.close());
  const invocationLog = deps.invocationLog ?? createInvocationLog(database.db, {
    onError: (error, buffered) => app.log.warn({ buffered, error: { message: safeErrorMessage(error) } }, 'invocation log not written; retrying'),
    onDropped: (dropped) => app.log.warn({ dropped }, 'invocation log buffer full; oldest entries dropped'),
  });
  app.addHook('onClose', () => invocationLog.close());

  // Callback-style hooks: every request passes these, and a promise each costs measurably.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    // While draining, kept-alive clients are asked to reconnect (through the balancer, to another node).
    if (deps.lifecycle?.draining) reply.header('connection', 'close');
    done();
  });
  // One line a request, written after the answer: ids, method, outcome, time; and the request metrics.
  // Bodies, headers and query strings are never logged (they carry phone numbers and tokens).
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions;
    if (route.config?.webhook === true) {
      const webhook = request.webhook;
      metrics.webhookAnswered(webhook?.method ?? 'unknown', webhook?.stage ?? 'unknown', webhook?.outcome ?? 'FAILURE', reply.statusCode, reply.elapsedTime / 1000);
      // Every webhook call, failures included, goes to the invocation log after its answer.
      const entry = invocationOf(request, reply, clock().getTime());
      if (entry) invocationLog.record(entry);
    } else if (route.url?.startsWith('/api/')) {
      metrics.apiAnswered(`${request.method} ${route.url}`, reply.statusCode);
    }
    request.log.info(
      {
        http: { method: request.method, path: route.url ?? 'unmatched', status: reply.statusCode },
        ...(request.webhook && { webhook: request.webhook }),
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
    done();
  });

  // Failed authentications from one address: past the limit its failing attempts get 429 for the rest of the minute;
  // valid credentials are always served (docs/operations.md, Limits).
  const refuseFailedAuthentication = settings.FLOWHOOKS_AUTH_FAILURES_PER_MINUTE > 0
    ? authenticationFailureGuard(createFailureLimiter({ maxFailures: settings.FLOWHOOKS_AUTH_FAILURES_PER_MINUTE }), 'Too many failed authentications from this address.')
    : undefined;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const refused = refuseFailedAuthentication && error instanceof AppError ? refuseFailedAuthentication(request, reply, error.code) : undefined;
    return sendError(refused ?? error, request, reply, settings.FLOWHOOKS_LOG_LEVEL);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`));
  });

  // Before any route: the OpenAPI document is collected from the routes added after this.
  await openApiCollector(app, [...methods.values()]);
  await registerPressureShedding(app, {
    maxEventLoopDelayMs: settings.FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedMb: settings.FLOWHOOKS_MAX_HEAP_USED_MB,
  });
  await registerRateLimiting(app, counterStore(settings, database, app));
  /** Adds the hooks that are on; a limit that is off costs nothing. */
  const limit = (scope: FastifyInstance, hooks: Array<onRequestHookHandler | undefined>) => {
    for (const hook of hooks) if (hook) scope.addHook('onRequest', hook);
  };

  // Human-facing pages (API description, docs, console) get security headers;
  // webhook answers do not: they are latency-critical and read by machines.
  await app.register(async (pages) => {
    await pages.register(helmet, pageSecurityHeaders);
    // /openapi.json, /docs and /console register here.
    await docsRoutes(pages, { methods: [...methods.values()], publicUrl: () => publicBaseUrl(settings, app.server.listening ? app.server.address() : null) });
    await consoleRoutes(pages);
  });

  app.get('/healthz', { config: exemptFromShedding }, async () => ({ status: 'ok' }));
  await metricsRoute(app, { registry: metrics.registry, token: settings.FLOWHOOKS_METRICS_TOKEN, config: exemptFromShedding });
  const lifecycle = deps.lifecycle ?? { draining: false };
  app.get('/readyz', async (_request, reply) => {
    if (lifecycle.draining) {
      return reply.code(503).send({ status: 'draining', ...errorBody('NOT_READY', 'The node is shutting down; send requests to another node.') });
    }
    const state = await readiness(database);
    return state.ready ? { status: 'ready' } : reply.code(503).send({ status: 'not ready', ...errorBody('NOT_READY', state.reason ?? 'not ready') });
  });

  await app.register(async (scope) => {
    limit(scope, [
      requestLimitHook(scope, {
        family: 'webhook',
        perAccountPerMinute: settings.FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE,
        perAddressPerMinute: settings.FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE,
        tokens,
      }),
    ]);
    await webhookRoutes(scope, {
      db: database.db,
      methods,
      tokens,
      accounts,
      authMode: settings.FLOWHOOKS_AUTH,
      refuseFailedAuthentication,
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
  });
  const qrImages = createQrImages();
  metrics.watchQrImageCache(qrImages.stats);
  await redirectRoutes(app, {
    shortener,
    clock,
    qrImages,
    // Rendering a QR image costs CPU no credential guards; the cache spares repeats, this spares the rest.
    qrLimit: requestLimitHook(app, { family: 'qr', perAccountPerMinute: 0, perAddressPerMinute: settings.FLOWHOOKS_RATE_LIMIT_QR_PER_IP_PER_MINUTE, tokens }),
    notFoundLimiter: settings.FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE > 0
      ? createFailureLimiter({ maxFailures: settings.FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE })
      : undefined,
  });

  // Outcome reports carry their own credential (a Standard Webhooks signature), not a bearer token.
  await app.register(async (scope) => {
    scope.addHook('preValidation', rejectNulCharacters);
    await outboundResultRoutes(scope, { database, clock });
  });

  await app.register(async (api) => {
    limit(api, [
      requestLimitHook(api, {
        family: 'api',
        perAccountPerMinute: settings.FLOWHOOKS_RATE_LIMIT_API_PER_MINUTE,
        perAddressPerMinute: settings.FLOWHOOKS_RATE_LIMIT_API_PER_IP_PER_MINUTE,
        tokens,
      }),
    ]);
    api.addHook('onRequest', async (request) => {
      request.principal = await authenticate(request.headers.authorization, tokens, { allowTrusted: false });
      assertChangeAllowed(request);
    });
    api.addHook('preValidation', rejectNulCharacters);
    await accountRoutes(api, { db: database.db, accounts, tokens, clock });
    await adminTokenRoutes(api, { db: database.db, tokens, clock });
    await reportRoutes(api, { db: database.db, dialect: database.dialect });
    await numberingRoutes(api, { db: database.db, plan: numbering, sync: numberingSync, accounts, clock });
    await agentRoutes(api, { db: database.db, accounts, clock });
    await holidayRoutes(api, { db: database.db, clock });
    await outboundRoutes(api, { db: database.db, dialect: database.dialect, clock, destinations, rotationGraceMs: settings.FLOWHOOKS_SECRET_ROTATION_GRACE_HOURS * 3_600_000 });
    // Its own scope: scrub files are read as streams there (docs/methods/create-outbound.md).
    await api.register(async (scope) => doNotCallRoutes(scope, { db: database.db, clock, importMaxBytes: settings.FLOWHOOKS_DNC_IMPORT_MAX_BYTES }));
    await statusWebhookRoutes(api, { db: database.db, clock, destinations });
    await shortUrlRoutes(api, { db: database.db, accounts, shortener, clock });
    await botRoutes(api, { db: database.db, accounts, clock });
    await invocationRoutes(api, { db: database.db, methods });
    await overviewRoutes(api, { db: database.db, methods, clock });
  });

  return app;
}

/**
 * Where request counts live (docs/deploying.md "Limits across nodes"): Redis
 * when FLOWHOOKS_REDIS_URL is set, PostgreSQL's `rate_limit_counters`
 * otherwise; SQLite (one node) and FLOWHOOKS_RATE_LIMIT_STORE=node count in memory.
 */
function counterStore(settings: Settings, database: DatabaseHandle, app: FastifyInstance): CounterStore {
  const limited = [
    settings.FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE,
    settings.FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE,
    settings.FLOWHOOKS_RATE_LIMIT_API_PER_MINUTE,
    settings.FLOWHOOKS_RATE_LIMIT_API_PER_IP_PER_MINUTE,
    settings.FLOWHOOKS_RATE_LIMIT_QR_PER_IP_PER_MINUTE,
  ].some((limit) => limit > 0);
  if (!limited || settings.FLOWHOOKS_RATE_LIMIT_STORE === 'node') return {};
  if (settings.FLOWHOOKS_REDIS_URL) {
    const redis = createRedisClient(settings.FLOWHOOKS_REDIS_URL);
    redis.on('error', (error) => app.log.warn({ error: { message: safeErrorMessage(error) } }, 'Redis for request limits unreachable; requests are let through meanwhile'));
    return { redis, onClose: async () => void (await redis.quit().catch(() => redis.disconnect())) };
  }
  if (database.dialect !== 'postgres') return {};
  const counters = createDatabaseStore(database.db, {
    onError: (error) => app.log.warn({ error: { message: safeErrorMessage(error) } }, 'request counts not written; that batch was let through'),
  });
  return { store: counters.Store, onClose: counters.close };
}

/** Maps any error to the docs/protocol.md body. Internal faults keep their details in the log, never in the answer. */
function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, logLevel: string) {
  const webhook = request.routeOptions.config?.webhook === true;
  const send = (code: ErrorCode, message: string, extra?: Record<string, unknown>) => {
    const body = errorBody(code, message, extra);
    if (webhook) request.webhook = { ...request.webhook, outcome: 'FAILURE', errorCode: code };
    // A webhook route's every error (429 and 503 included) keeps the webhook shape: flows read errorCode from the keys.
    return reply
      .code(errorCodes[code].status)
      .send(webhook ? { ...(request.webhook?.method && { method: request.webhook.method }), status: 'FAILURE', keys: errorOutputs(code, message), ...body } : body);
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
  // A plugin's refusal (@fastify/static's 403 for `/console/assets/../../package.json`, its 416 for a bad Range)
  // is the client's fault, not ours: a forbidden path answers like a missing one, anything else keeps its status.
  const status = error.statusCode ?? 500;
  if (status === 403 || status === 404) return send('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`);
  if (status === 412) return send('PRECONDITION_FAILED', 'A precondition header (If-Match, If-Unmodified-Since) does not hold.');
  if (status === 416) return send('RANGE_NOT_SATISFIABLE', 'The Range header asks for bytes the file does not have.');
  if (status >= 400 && status < 500) return send('REQUEST_REFUSED', `The request was refused (${STATUS_CODES[status] ?? status}).`);
  const verbose = logLevel === 'debug' || logLevel === 'trace';
  // Messages of database and library errors may echo values (numbers, URLs with keys).
  request.log.error(
    { error: { name: error.name, code: error.code, message: safeErrorMessage(error), ...(verbose && error.stack && { stack: maskPhoneNumbers(error.stack) }) } },
    'internal error',
  );
  return send('INTERNAL_ERROR', `Internal error; quote request id ${request.id}.`, { requestId: request.id });
}
