import { appendFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshDatabase, postgresOrSkip, type DatabaseKind } from '../harness/database.js';
import { loopbackAllowList } from '../harness/process.js';
import { adminToken, webhookToken } from './secrets.js';
import { buildApp, servicesOf } from '../src/app.js';
import type { TranslationService } from '../src/adapters/translation/service.js';
import { startServer, type RunningServer } from '../src/main.js';
import type { MigrateOptions } from '../src/storage/db.js';
import { bootstrap } from '../src/auth/bootstrap.js';
import { loadSettings, type Settings } from '../src/config.js';
import { createInvocationLog, type InvocationLog } from '../src/invocations/log.js';
import { destinationGuard, parseAllowList, type DestinationGuard, type Resolver } from '../src/net/destinations.js';
import type { WebhookMethod } from '../src/methods/contract.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/storage/db.js';

export { testPgUrl } from '../harness/database.js';
export { loopbackAllowList } from '../harness/process.js';
// The tokens every test app is started with; all test secrets live in test/secrets.ts.
export { adminToken, webhookToken } from './secrets.js';

/**
 * A resolver answering from a table, never from DNS: tests must not send a
 * query off this machine. Example domains (RFC 2606) get a public address,
 * which tests save but never connect to; names not in the table do not resolve.
 */
export function testResolver(table: Record<string, string[]> = {}): Resolver {
  const examplePublicAddress = '93.184.215.14';
  return async (hostname) => {
    const name = hostname.toLowerCase();
    const addresses = table[name] ?? (name === 'localhost' ? ['127.0.0.1'] : /(^|\.)example(\.(com|org|net))?$/.test(name) ? [examplePublicAddress] : undefined);
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** The destination guard of tests whose dialer listens on 127.0.0.1. */
export function loopbackDestinations(resolver: Resolver = testResolver()): DestinationGuard {
  return destinationGuard({ allowList: parseAllowList(loopbackAllowList), resolver });
}

export interface DatabaseTarget {
  name: DatabaseKind;
  /** Settings that point a server at a fresh, empty database of this kind. */
  fresh(): Promise<{ settings: Pick<Settings, 'DATABASE_URL' | 'DATABASE_SCHEMA'>; cleanup(): Promise<void> }>;
}

// Each test app gets its own SQLite file or PostgreSQL schema, dropped afterwards.
const target = (name: DatabaseKind): DatabaseTarget => ({
  name,
  async fresh() {
    const { env, cleanup } = await freshDatabase(name);
    return { settings: env, cleanup };
  },
});

let targetsPromise: Promise<DatabaseTarget[]> | undefined;

/**
 * SQLite always; PostgreSQL when it answers at FLOWHOOKS_TEST_PG. Without it
 * the PostgreSQL tests are skipped with a printed reason — except under
 * CI=true, where a missing PostgreSQL is a failure.
 */
export function databaseTargets(): Promise<DatabaseTarget[]> {
  targetsPromise ??= (async () => {
    const withPostgres = await postgresOrSkip((reason) => console.warn(`Skipping PostgreSQL tests: ${reason}. Set FLOWHOOKS_TEST_PG to run them.`));
    return withPostgres ? [target('sqlite'), target('postgres')] : [target('sqlite')];
  })();
  return targetsPromise;
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  settings: Settings;
  /** Every log line the app wrote. */
  logs: string[];
  /** The app's invocation log; its timer is off, so tests `flush()` it before reading the table. */
  invocations: InvocationLog;
  /** The app's translation service: `refreshLanguages()` reads the provider's languages now, or waits for the read under way. */
  translation: TranslationService;
  /** Moves the app's clock. */
  setNow(date: Date): void;
  close(): Promise<void>;
  webhook(method: string, keys: Array<{ name: string; value: unknown }>, options?: WebhookOptions): Promise<LightMyRequestResponse>;
  api(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, token?: string): Promise<LightMyRequestResponse>;
}

export interface WebhookOptions {
  token?: string | null;
  url?: string;
  headers?: Record<string, string>;
}

/** A migrated, bootstrapped app on a fresh database of the target's kind, driven through inject(). */
export async function createTestApp(
  target: DatabaseTarget,
  options: {
    env?: Record<string, string>;
    methods?: readonly WebhookMethod[];
    now?: Date;
    resolver?: Resolver;
    /** A second node: this app opens the other app's database (no bootstrap; the database is left to the other app's close). */
    shareDatabaseOf?: TestApp;
  } = {},
): Promise<TestApp> {
  const shared = options.shareDatabaseOf?.settings;
  const fresh = shared
    ? { settings: { DATABASE_URL: shared.DATABASE_URL, DATABASE_SCHEMA: shared.DATABASE_SCHEMA }, cleanup: async () => {} }
    : await target.fresh();
  const settings = loadSettings({
    FLOWHOOKS_ADMIN_TOKEN: adminToken,
    FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
    FLOWHOOKS_LOG_LEVEL: 'info',
    // A busy test machine blocks event loops for long stretches; tests that shed load say so.
    FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0',
    FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: loopbackAllowList,
    ...fresh.settings,
    ...options.env,
  });
  const database = openDatabase(settings.DATABASE_URL, { schema: settings.DATABASE_SCHEMA, poolSize: 4 });
  await migrateToLatest(database, settings.DATABASE_SCHEMA);
  if (!shared) await bootstrap(database.db, { adminToken: settings.FLOWHOOKS_ADMIN_TOKEN, webhookToken: settings.FLOWHOOKS_WEBHOOK_TOKEN }, Date.now());
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      appendToSuiteLog(String(chunk));
      done();
    },
  });
  let now = options.now;
  const invocations = createInvocationLog(database.db, { flushIntervalMs: 3_600_000 });
  const destinations = destinationGuard({ allowList: parseAllowList(settings.FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS), resolver: options.resolver ?? testResolver() });
  const app = await buildApp({ settings, database, logStream, clock: () => now ?? new Date(), methods: options.methods, invocationLog: invocations, destinations });
  await app.ready();
  return {
    app,
    database,
    settings,
    logs,
    invocations,
    translation: servicesOf(app)!.translation,
    setNow(date) {
      now = date;
    },
    async close() {
      await app.close();
      await database.close();
      await fresh.cleanup();
    },
    webhook(method, keys, webhookOptions = {}) {
      const token = webhookOptions.token === undefined ? webhookToken : webhookOptions.token;
      return app.inject({
        method: 'POST',
        url: webhookOptions.url ?? '/webhook',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...webhookOptions.headers },
        payload: { method, keys },
      });
    },
    api(method, url, body, token = adminToken) {
      return app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { payload: JSON.stringify(body) }),
      });
    },
  };
}

/** Appends log lines to the file the whole run's log check scans (test/log-check.global.ts). */
export function appendToSuiteLog(lines: string): void {
  const file = process.env.FLOWHOOKS_TEST_LOG_FILE;
  if (file) appendFileSync(file, lines.endsWith('\n') ? lines : `${lines}\n`);
}

/**
 * An Indian number (10 national digits) as SIP trunks and PBXs pass a caller, each form longer than 32 characters
 * (an IP host, a port, a display name, parameters), all within the 128 a number may be written in.
 */
export function longSipForms(national: string): string[] {
  return [
    `sip:0${national}@10.0.0.1;user=phone`,
    `"Asha K" <sip:+91${national}@pbx.example>`,
    `sip:+91${national}@10.0.0.1:5060;transport=udp`,
    `sip:+91${national};npdi;rn=+91${national}@pbx;user=phone`,
  ];
}

/** Output keys of a webhook answer as a name → value map. */
export function outputsOf(response: LightMyRequestResponse): Record<string, string> {
  const body = response.json() as { keys?: Array<{ name: string; value: string }> };
  return Object.fromEntries((body.keys ?? []).map((key) => [key.name, key.value]));
}

export interface WholeServerOptions {
  /** Settings over the defaults below (tokens from test/secrets.ts, no shedding, no drain). */
  settings?: Record<string, string>;
  clock?: () => Date;
  /** An older release's migrations (upgrade and rollback tests). */
  release?: Pick<MigrateOptions, 'migrations' | 'destructive'>;
  /** Where its log lines go (also to the suite log); several servers may share one. Default: a new list. */
  logs?: string[];
}

/** A whole server in this process (migrate, bootstrap, listen) on `database`, as `flowhooks serve` starts it. */
export async function startWholeServer(database: { DATABASE_URL: string; DATABASE_SCHEMA: string }, options: WholeServerOptions = {}): Promise<{ server: RunningServer; logs: string[] }> {
  const logs = options.logs ?? [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      appendToSuiteLog(String(chunk));
      done();
    },
  });
  const settings = loadSettings({
    ...database,
    PORT: '0',
    FLOWHOOKS_SHORT_BASE_URL: 'http://127.0.0.1:8080',
    FLOWHOOKS_ADMIN_TOKEN: adminToken,
    FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
    FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0',
    FLOWHOOKS_DRAIN_MS: '0',
    ...options.settings,
  });
  const server = await startServer(settings, { logStream, release: options.release, ...(options.clock && { clock: options.clock }) });
  return { server, logs };
}
