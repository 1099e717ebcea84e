import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type onRequestHookHandler } from 'fastify';
import { createLogDestination } from './observability/log-destination.js';
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
import { rejectUnstorableText } from './api/nul-guard.js';
import { requireJsonBody } from './api/json-body.js';
import { clientErrorHandler, webhookRouteSet } from './api/client-errors.js';
import { assertChangeAllowed } from './api/access.js';
import { validatorCompiler } from './api/validator.js';
import { refuseNulInLongUrl, shortUrlCreateRoutes, shortUrlRoutes } from './api/short-urls-routes.js';
import { consoleRoutes, ignoreMalformedRange } from './console/routes.js';
import { authenticate } from './auth/authenticate.js';
import { publicBaseUrl, trustedProxies } from './config.js';
import { docsRoutes, openApiCollector } from './docs/routes.js';
import { AppError, errorBody, errorCodes } from './kernel/errors.js';
import { routeDoc } from './kernel/route-doc.js';
import { webhookRoutes } from './protocol/webhook-route.js';
import { redirectRoutes } from './shortener/redirect-route.js';
import { readiness } from './storage/db.js';
import { createFailureLimiter } from './limits/failure-limiter.js';
import { exemptFromShedding, registerPressureShedding, registerRateLimiting, requestLimitHook } from './limits/limits.js';
import { metricsRoute } from './api/metrics-route.js';
import { maskPhoneNumbers, redactedLogPaths } from './observability/redact.js';
import helmet from '@fastify/helmet';
import { buildServices, type AppDeps, type Services } from './services.js';
import { errorHandler, notFound, plainErrorBody } from './protocol/http-errors.js';
import { refuseContentCodings, utf8JsonParser } from './protocol/body-text.js';

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

const servicesByApp = new WeakMap<FastifyInstance, Services>();

/** The services an app was built with: tests drive their background work through them (the translation provider's languages). */
export function servicesOf(app: FastifyInstance): Services | undefined {
  return servicesByApp.get(app);
}

/** Builds the whole HTTP application. It never listens: `main.ts` does. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { settings, database } = deps;
  const logDestination = deps.logStream ? undefined : createLogDestination();
  const webhookPaths = webhookRouteSet();
  const app = Fastify({
    logger: {
      level: settings.FLOWHOOKS_LOG_LEVEL,
      stream: deps.logStream ?? logDestination,
      // A second line of defence: no code logs these, but should one, they are replaced.
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
    },
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    // A body trickled byte by byte would hold a connection for ever (Fastify turns Node's limit off).
    // Node applies it only with a headers limit no longer than it, and checks both every
    // connectionsCheckingInterval (30 s by default), so each second.
    requestTimeout: settings.FLOWHOOKS_REQUEST_TIMEOUT_MS,
    // An HTTP/1.1 request without Host is refused by the first hook below, in the documented shape; Node's own
    // refusal is an empty 400 without a request id.
    http: { connectionsCheckingInterval: 1000, headersTimeout: Math.min(60_000, settings.FLOWHOOKS_REQUEST_TIMEOUT_MS), requireHostHeader: false },
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
    // A request Node's HTTP parser refuses (malformed header, 431, 408) is answered in the documented shape, not Fastify's.
    clientErrorHandler: clientErrorHandler(webhookPaths),
  });
  // JSON bodies are validated as sent, paths and query strings read from text (src/api/validator.ts).
  app.setValidatorCompiler(validatorCompiler);
  // JSON bodies are read as bytes, so one that is not UTF-8 is refused (src/protocol/body-text.ts).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, utf8JsonParser(parseJson));
  app.addHook('onRoute', (route) => webhookPaths.note(route));

  if (logDestination) {
    // Lines are gathered and written together (src/observability/log-destination.ts): at most a second late,
    // written at close, and at exit: the dispatcher's last lines of a shutdown may come after the app's close.
    const flushTimer = setInterval(() => logDestination.flush(), 1000).unref();
    process.once('exit', () => logDestination.flushSync(0));
    app.addHook('onClose', async () => {
      clearInterval(flushTimer);
      logDestination.flushSync();
    });
  }

  const services = await buildServices(deps, app.log);
  servicesByApp.set(app, services);
  const { clock, metrics, destinations, tokens, accounts, methods, numbering, numberingSync, shortener, translation, holidays, bots, invocationLog, qrImages, refuseFailedAuthentication } = services;
  app.addHook('onClose', () => services.close());

  // Callback-style hooks: every request passes these, and a promise each costs measurably.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    // While draining, kept-alive clients are asked to reconnect (through the balancer, to another node).
    if (deps.lifecycle?.draining) reply.header('connection', 'close');
    // HTTP/1.1 requires a Host header (RFC 9112 §3.2); HTTP/1.0 may leave it out.
    if (request.headers.host === undefined && request.raw.httpVersion !== '1.0') {
      reply.header('connection', 'close');
      done(new AppError('REQUEST_REFUSED', 'The request has no Host header, which HTTP/1.1 requires.'));
      return;
    }
    done();
  });
  // After every route's onRequest hooks (credentials first), before a body is read.
  app.addHook('preParsing', refuseContentCodings);
  // One line a request, written after the answer: ids, method, outcome, time; and the API's request metrics
  // (a webhook call's metrics and invocation-log entry are its scope's, src/protocol/webhook-route.ts).
  // Bodies, headers and query strings are never logged (they carry phone numbers and tokens).
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions;
    if (route.url?.startsWith('/api/')) metrics.apiAnswered(`${request.method} ${route.url}`, reply.statusCode);
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

  const verboseErrors = settings.FLOWHOOKS_LOG_LEVEL === 'debug' || settings.FLOWHOOKS_LOG_LEVEL === 'trace';
  app.setErrorHandler(errorHandler({ verbose: verboseErrors, refuseFailedAuthentication, send: plainErrorBody }));
  app.setNotFoundHandler(notFound);

  // Before any route: the OpenAPI document is collected from the routes added after this.
  await openApiCollector(app, [...methods.values()]);
  await registerPressureShedding(app, {
    maxEventLoopDelayMs: settings.FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedMb: settings.FLOWHOOKS_MAX_HEAP_USED_MB,
  });
  await registerRateLimiting(app, services.counters);
  /** Adds the hooks that are on; a limit that is off costs nothing. */
  const limit = (scope: FastifyInstance, hooks: Array<onRequestHookHandler | undefined>) => {
    for (const hook of hooks) if (hook) scope.addHook('onRequest', hook);
  };

  // Human-facing pages (API description, docs, console) get security headers;
  // webhook answers do not: they are latency-critical and read by machines.
  await app.register(async (pages) => {
    await pages.register(helmet, pageSecurityHeaders);
    pages.addHook('onRequest', ignoreMalformedRange);
    // /openapi.json, /docs and /console register here.
    await docsRoutes(pages, { methods: [...methods.values()], publicUrl: () => publicBaseUrl(settings, app.server.listening ? app.server.address() : null) });
    await consoleRoutes(pages);
  });

  const operations = routeDoc('Operations');
  app.get('/healthz', { config: exemptFromShedding, schema: operations('Liveness: the process answers', { public: true }) }, async () => ({ status: 'ok' }));
  await metricsRoute(app, { registry: metrics.registry, token: settings.FLOWHOOKS_METRICS_TOKEN, config: exemptFromShedding });
  const lifecycle = deps.lifecycle ?? { draining: false };
  const readyzDoc = operations('Readiness: database reachable and migrations current', {
    public: true,
    responses: { '503': 'NOT_READY: the database is unreachable or migrations are not current.' },
  });
  app.get('/readyz', { schema: readyzDoc }, async (_request, reply) => {
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
      holidays,
      bots,
      jobsDue: services.jobsDue,
      verboseErrors,
      metrics,
      invocationLog,
    });
  });

  // Short URLs: the custToken-authenticated create routes and the redirects live outside the bearer-authenticated /api plugin.
  await app.register(async (scope) => {
    scope.addHook('preValidation', requireJsonBody);
    // Before the NUL guard: a NUL in longUrl is 400 INVALID_URL, like every control character there.
    scope.addHook('preValidation', refuseNulInLongUrl);
    scope.addHook('preValidation', rejectUnstorableText);
    await shortUrlCreateRoutes(scope, { db: database.db, accounts, shortener, clock });
  });
  await redirectRoutes(app, {
    shortener,
    clock,
    qrImages,
    // Rendering a QR image costs CPU no credential guards; the cache spares repeats, this spares the rest.
    qrLimit: requestLimitHook(app, { family: 'qr', perAccountPerMinute: 0, perAddressPerMinute: settings.FLOWHOOKS_RATE_LIMIT_QR_PER_IP_PER_MINUTE, tokens }),
    // Per node, as the failed-authentication limiter (docs/short-urls.md, Guessing); each of the two limits may be off (0) alone.
    notFoundLimiter:
      settings.FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE > 0 || settings.FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_BLOCK_PER_MINUTE > 0
        ? createFailureLimiter({
            maxFailures: settings.FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_PER_MINUTE || Infinity,
            blockAfter: settings.FLOWHOOKS_RATE_LIMIT_REDIRECT_NOT_FOUND_BLOCK_PER_MINUTE || Infinity,
            now: () => clock().getTime(),
          })
        : undefined,
  });

  // Outcome reports carry their own credential (a Standard Webhooks signature), not a bearer token.
  await app.register(async (scope) => {
    scope.addHook('preValidation', requireJsonBody);
    scope.addHook('preValidation', rejectUnstorableText);
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
    // Clients that set `Content-Type: application/json` on every request send it on the routes that take
    // no body (pause, resume, cancel, rotate) with an empty one: that is no body, not broken JSON. A route
    // that needs a body still refuses it (422 naming `body`).
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser('application/json', { parseAs: 'buffer' }, utf8JsonParser((request, body, done) => (body === '' ? done(null, undefined) : parseJson(request, body, done))));
    api.addHook('preValidation', requireJsonBody);
    api.addHook('preValidation', rejectUnstorableText);
    await accountRoutes(api, { db: database.db, accounts, tokens, clock });
    await adminTokenRoutes(api, { db: database.db, tokens, clock });
    await reportRoutes(api, { db: database.db, dialect: database.dialect });
    await numberingRoutes(api, { db: database.db, plan: numbering, sync: numberingSync, accounts, clock });
    await agentRoutes(api, { db: database.db, accounts, clock });
    await holidayRoutes(api, { db: database.db, clock, holidays });
    await outboundRoutes(api, { db: database.db, dialect: database.dialect, clock, destinations, jobsDue: services.jobsDue, rotationGraceMs: settings.FLOWHOOKS_SECRET_ROTATION_GRACE_HOURS * 3_600_000 });
    // Its own scope: scrub files are read as streams there (docs/methods/create-outbound.md).
    await api.register(async (scope) => doNotCallRoutes(scope, { db: database.db, clock, importMaxBytes: settings.FLOWHOOKS_DNC_IMPORT_MAX_BYTES }));
    await statusWebhookRoutes(api, { db: database.db, clock, destinations });
    await shortUrlRoutes(api, { db: database.db, accounts, shortener, bots, clock });
    await botRoutes(api, { db: database.db, accounts, bots, clock });
    await invocationRoutes(api, { db: database.db, methods });
    await overviewRoutes(api, { db: database.db, methods, clock });
  });

  return app;
}
