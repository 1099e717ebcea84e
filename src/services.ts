import type { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { createAccountCache, type AccountCache } from './accounts/cache.js';
import { startImportedSeriesSync } from './adapters/numbering/imported-sync.js';
import { createNumberingPlan, type NumberingPlan } from './adapters/numbering/numbering.js';
import { loadShippedNumbering } from './adapters/numbering/shipped-data.js';
import { createTranslationService, type TranslationService } from './adapters/translation/service.js';
import { createTokenResolver, type TokenResolver } from './auth/tokens.js';
import type { Settings } from './config.js';
import { createHolidayCache, type HolidayCache } from './holidays/cache.js';
import { createBotCache, type BotCache } from './bots/cache.js';
import { createInvocationLog, type InvocationLog } from './invocations/log.js';
import { createFailureLimiter } from './limits/failure-limiter.js';
import { authenticationFailureGuard, type AuthenticationFailureGuard, type CounterStore } from './limits/limits.js';
import { createDatabaseStore, createRedisClient, createRedisStore } from './limits/stores.js';
import type { WebhookMethod } from './methods/contract.js';
import { methodRegistry } from './methods/registry.js';
import { destinationGuard, parseAllowList, type DestinationGuard } from './net/destinations.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { safeErrorMessage } from './observability/redact.js';
import { createQrImages, type QrImages } from './shortener/qr.js';
import { createShortener, type Shortener } from './shortener/shortener.js';
import { shortBaseUrl } from './config.js';
import type { DatabaseHandle } from './storage/db.js';
import { databaseReadings } from './storage/readings.js';

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
  /**
   * Told when outbound jobs become due now on this node (createOutbound
   * without a delay, a flow resumed), so its dispatcher claims them without
   * waiting for its poll (docs/methods/create-outbound.md, Dispatching).
   * Default: nothing (an app without a dispatcher, as in tests).
   */
  jobsDue?: () => void;
}

/** Everything the routes use, built once per app (docs/layout.md). */
export interface Services {
  clock: () => Date;
  metrics: Metrics;
  destinations: DestinationGuard;
  tokens: TokenResolver;
  accounts: AccountCache;
  methods: ReadonlyMap<string, WebhookMethod>;
  numbering: NumberingPlan;
  numberingSync: Awaited<ReturnType<typeof startImportedSeriesSync>>;
  shortener: Shortener;
  translation: TranslationService;
  holidays: HolidayCache;
  /** Bots and link owners read by linkcreation, cached a few seconds; the bot and short-URL customer routes evict. */
  bots: BotCache;
  invocationLog: InvocationLog;
  qrImages: QrImages;
  /** Failed authentications from one address past FLOWHOOKS_AUTH_FAILURES_PER_MINUTE get 429; undefined when off. */
  refuseFailedAuthentication: AuthenticationFailureGuard | undefined;
  /** Where the request limits count. */
  counters: CounterStore;
  /** Wakes this node's dispatcher: outbound jobs are due now (AppDeps.jobsDue). */
  jobsDue: () => void;
  /** Stops the timers and reads (translation provider's languages, numbering sync) and writes what is buffered (visits, invocation log), in that order. */
  close(): Promise<void>;
}

/** Builds the services of one app; `log` is the app's logger, for their warnings. */
export async function buildServices(deps: AppDeps, log: FastifyBaseLogger): Promise<Services> {
  const { settings, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  const metrics = deps.metrics ?? createMetrics({ database: databaseReadings(database), clock, processMetrics: false });
  const numbering = deps.numbering ?? createNumberingPlan(loadShippedNumbering());
  const numberingSync = await startImportedSeriesSync(numbering, database.db, {
    pollMs: deps.numberingPollMs,
    onError: (error) => log.warn({ error: { message: safeErrorMessage(error) } }, 'imported numbering series not loaded; retrying'),
  });
  const shortener = createShortener(database.db, {
    baseUrl: shortBaseUrl(settings),
    visits: {
      onError: (error, dropped) => log.warn({ dropped, error: { message: safeErrorMessage(error) } }, 'short-URL visits not written'),
      onBatch: metrics.visitBatchWritten,
    },
  });
  // The provider's languages are logged when first read and when their number changes; a read that failed, each time.
  let languagesLogged: number | undefined;
  const translation = createTranslationService(database.db, {
    provider: settings.FLOWHOOKS_TRANSLATE_PROVIDER,
    baseUrl: settings.FLOWHOOKS_TRANSLATE_URL,
    serverKey: settings.FLOWHOOKS_TRANSLATE_API_KEY,
    timeoutMs: settings.FLOWHOOKS_TRANSLATE_TIMEOUT_MS,
    cacheTtlMs: settings.FLOWHOOKS_TRANSLATE_CACHE_TTL_SECONDS * 1000,
    observeProvider: metrics.providerCall,
    now: () => clock().getTime(),
    // Neither the URL nor a key: the read sends none, and the URL is the operator's setting.
    onLanguagesRead: (outcome) => {
      const provider = settings.FLOWHOOKS_TRANSLATE_PROVIDER;
      if (!outcome.ok) log.warn({ provider, reason: outcome.reason }, 'translation provider languages not read; the last list read stays in use, and until one is read no language is refused by it');
      else if (outcome.languages !== languagesLogged) log.info({ provider, languages: (languagesLogged = outcome.languages) }, 'translation provider languages read');
    },
  });
  metrics.watchTranslationCache(translation.cache.stats);
  const invocationLog = deps.invocationLog ?? createInvocationLog(database.db, {
    onError: (error, buffered) => log.warn({ buffered, error: { message: safeErrorMessage(error) } }, 'invocation log not written; retrying'),
    onDropped: (dropped) => log.warn({ dropped }, 'invocation log buffer full; oldest entries dropped'),
  });
  const qrImages = createQrImages();
  metrics.watchQrImageCache(qrImages.stats);
  return {
    clock,
    metrics,
    destinations: deps.destinations ?? destinationGuard({ allowList: parseAllowList(settings.FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS) }),
    tokens: createTokenResolver(database.db, { ttlMs: settings.FLOWHOOKS_TOKEN_CACHE_MS, now: () => clock().getTime() }),
    accounts: createAccountCache(database.db),
    methods: methodRegistry(deps.methods),
    numbering,
    numberingSync,
    shortener,
    translation,
    holidays: createHolidayCache(database.db, { now: () => clock().getTime() }),
    bots: createBotCache(database.db),
    invocationLog,
    qrImages,
    // Failed authentications from one address: past the limit its failing attempts get 429 for the rest of the minute;
    // valid credentials are always served (docs/operations.md, Limits).
    refuseFailedAuthentication:
      settings.FLOWHOOKS_AUTH_FAILURES_PER_MINUTE > 0
        ? authenticationFailureGuard(createFailureLimiter({ maxFailures: settings.FLOWHOOKS_AUTH_FAILURES_PER_MINUTE }), 'Too many failed authentications from this address.')
        : undefined,
    counters: counterStore(settings, database, log),
    jobsDue: deps.jobsDue ?? (() => {}),
    async close() {
      translation.close();
      await numberingSync.stop();
      // Buffered visits and calls are written before the database closes.
      await shortener.close();
      await invocationLog.close();
    },
  };
}

/**
 * Where request counts live (docs/deploying.md "Limits across nodes"): Redis
 * when FLOWHOOKS_REDIS_URL is set, PostgreSQL's `rate_limit_counters`
 * otherwise; SQLite (one node) and FLOWHOOKS_RATE_LIMIT_STORE=node count in memory.
 */
function counterStore(settings: Settings, database: DatabaseHandle, log: FastifyBaseLogger): CounterStore {
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
    redis.on('error', (error) => log.warn({ error: { message: safeErrorMessage(error) } }, 'Redis for request limits unreachable; requests are let through meanwhile'));
    const counters = createRedisStore(redis, {
      onError: (error) => log.warn({ error: { message: safeErrorMessage(error) } }, 'request counts not written to Redis; that batch was let through'),
    });
    return {
      store: counters.Store,
      onClose: async () => {
        await counters.close();
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  if (database.dialect !== 'postgres') return {};
  const counters = createDatabaseStore(database.db, {
    onError: (error) => log.warn({ error: { message: safeErrorMessage(error) } }, 'request counts not written; that batch was let through'),
  });
  return { store: counters.Store, onClose: counters.close };
}
