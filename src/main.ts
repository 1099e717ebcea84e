import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { AppDeps } from './services.js';
import { bootstrap } from './auth/bootstrap.js';
import { startInvocationPruning } from './invocations/retention.js';
import { createCallbackSender } from './methods/create-outbound/callback-sender.js';
import { createDispatcher } from './methods/create-outbound/dispatcher.js';
import { destinationGuard, parseAllowList } from './net/destinations.js';
import { assertDeployable, authOffExposure, type Settings } from './config.js';
import { createMetrics } from './observability/metrics.js';
import { warmNumberReader } from './phone/contact-id.js';
import { warmZones } from './time/cached-zone.js';
import { listAccounts } from './storage/accounts.js';
import { databaseReadings } from './storage/readings.js';
import { safeErrorMessage } from './observability/redact.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type MigrateOptions } from './storage/db.js';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** The address the server listens on, e.g. `http://127.0.0.1:8080`. */
  address: string;
  /**
   * Drains first (unless `drain: false`, e.g. after a fatal error): `/readyz`
   * answers 503 for FLOWHOOKS_DRAIN_MS while the node still serves, so load
   * balancers take it out of rotation. Then stops
   * accepting and claiming; lets in-flight requests and deliveries
   * finish within the shutdown timeout (deliveries still on the wire at 60 %
   * of it are abandoned and their jobs put back; connections still busy at
   * 80 % are cut); flushes buffered writes (visits, invocations: the app's
   * onClose hooks); releases job leases; closes the database.
   */
  close(options?: { drain?: boolean }): Promise<void>;
  /** Logs "flowhooks ready" with the address; call once shutdown handling is in place. */
  announceReady(): void;
}

export function openConfiguredDatabase(settings: Settings): DatabaseHandle {
  return openDatabase(settings.DATABASE_URL, { schema: settings.DATABASE_SCHEMA, poolSize: settings.FLOWHOOKS_PG_POOL_SIZE, namedStatements: settings.FLOWHOOKS_PG_NAMED_STATEMENTS, sqliteCacheMiB: settings.FLOWHOOKS_SQLITE_CACHE_MIB, sqliteCheckpointMs: settings.FLOWHOOKS_SQLITE_CHECKPOINT_MS });
}

/** Opens the database, migrates, bootstraps account 1 and listens; refuses settings a deployment cannot run with. */
export async function startServer(
  settings: Settings,
  options: Pick<AppDeps, 'clock' | 'logStream'> & { release?: Pick<MigrateOptions, 'migrations' | 'destructive'> } = {},
): Promise<RunningServer> {
  assertDeployable(settings);
  const database = openConfiguredDatabase(settings);
  try {
    const notices: Array<[Record<string, unknown>, string]> = [];
    await migrateToLatest(database, settings.DATABASE_SCHEMA, {
      ...options.release,
      onUnknown: (names) => notices.push([{ migrations: names }, migrationNotices.unknown(names)]),
      onDestructive: (pending) => notices.push([{ migrations: pending }, migrationNotices.destructive(pending)]),
    });
    const metrics = createMetrics({ database: databaseReadings(database), clock: options.clock });
    // One guard for saving and for calling API-set URLs (docs/security-outbound.md).
    const destinations = destinationGuard({ allowList: parseAllowList(settings.FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS) });
    const lifecycle = { draining: false };
    // The dispatcher needs the app's logger, so it is made after the app; the app's calls reach it through this.
    let wakeDispatcher = () => {};
    const app = await buildApp({
      settings,
      database,
      metrics,
      destinations,
      lifecycle,
      clock: options.clock,
      logStream: options.logStream,
      jobsDue: () => wakeDispatcher(),
    });
    for (const [details, message] of notices) app.log.warn(details, message);
    const { generated, revokedSettings, replacedTokenHashes } = await bootstrap(
      database.db,
      { adminToken: settings.FLOWHOOKS_ADMIN_TOKEN, webhookToken: settings.FLOWHOOKS_WEBHOOK_TOKEN },
      Date.now(),
    );
    announceGeneratedTokens(generated);
    for (const setting of revokedSettings) {
      app.log.warn({ setting }, `${setting} names a revoked token; it stays revoked. Set ${setting} to a live token on every node.`);
    }
    if (replacedTokenHashes.length) {
      app.log.info({ revoked: replacedTokenHashes.length }, 'tokens a setting named before were revoked: the settings name other tokens now');
    }
    // The first calls' numbers are read by compiled code, not by V8 compiling the reader, and their
    // dates in zones ICU has loaded (docs/deploying.md "Health checks and drain").
    const accounts = await listAccounts(database.db);
    warmNumberReader([...new Set(accounts.map((account) => account.country))]);
    warmZones(accounts.map((account) => account.timezone), Date.now());
    // The pool's connections are opened before the first call, not by it (docs/deploying.md "Connections and pool sizing").
    const openConnections = await database.openConnections?.();
    if (openConnections !== undefined && openConnections < settings.FLOWHOOKS_PG_POOL_SIZE) {
      app.log.warn({ open: openConnections, poolSize: settings.FLOWHOOKS_PG_POOL_SIZE }, 'PostgreSQL refused some of the pool\'s connections at the start; they are opened when needed');
    }
    const address = await app.listen({ port: settings.PORT, host: settings.HOST });
    if (settings.FLOWHOOKS_AUTH === 'off') app.log.warn(`${authOffExposure(address)}. Only run this behind a VPN or firewall.`);
    // The dispatcher runs beside the HTTP server, not inside buildApp, so test apps stay quiet.
    const dispatcher = createDispatcher({
      database,
      clock: options.clock,
      leaseMs: settings.FLOWHOOKS_DISPATCH_LEASE_MS,
      backoffMs: settings.FLOWHOOKS_DISPATCH_BACKOFF_MS,
      maxAttempts: settings.FLOWHOOKS_DISPATCH_MAX_ATTEMPTS,
      pollMs: settings.FLOWHOOKS_DISPATCH_POLL_MS,
      concurrency: settings.FLOWHOOKS_DISPATCH_CONCURRENCY,
      shutdownMs: Math.floor(settings.FLOWHOOKS_SHUTDOWN_TIMEOUT_MS * 0.6),
      log: app.log,
      metrics,
      destinations,
    });
    dispatcher.start();
    wakeDispatcher = dispatcher.wake;
    const callbacks = createCallbackSender({
      database,
      clock: options.clock,
      leaseMs: settings.FLOWHOOKS_DISPATCH_LEASE_MS,
      pollMs: settings.FLOWHOOKS_DISPATCH_POLL_MS,
      backoffMs: settings.FLOWHOOKS_CALLBACK_BACKOFF_MS,
      maxAttempts: settings.FLOWHOOKS_CALLBACK_MAX_ATTEMPTS,
      concurrency: settings.FLOWHOOKS_CALLBACK_CONCURRENCY,
      destinations,
      log: app.log,
    });
    callbacks.start();
    const pruning = startInvocationPruning(database.db, {
      retentionDays: settings.FLOWHOOKS_INVOCATION_RETENTION_DAYS,
      clock: options.clock,
      onPruned: (deleted) => app.log.info({ deleted }, 'invocation log entries past retention deleted'),
      onError: (error) => app.log.warn({ error: { message: safeErrorMessage(error) } }, 'invocation log not pruned; retrying next hour'),
    });
    return {
      app,
      database,
      address,
      async close({ drain = true } = {}) {
        if (drain && settings.FLOWHOOKS_DRAIN_MS > 0) {
          lifecycle.draining = true;
          app.log.info({ drainMs: settings.FLOWHOOKS_DRAIN_MS }, 'draining: /readyz answers 503 while requests are still served');
          await new Promise((resolve) => setTimeout(resolve, settings.FLOWHOOKS_DRAIN_MS));
        }
        await pruning.stop();
        // Requests still running near the deadline are cut, so the buffered writes
        // (onClose hooks) and the lease release still happen before the process must exit.
        const cutOff = setTimeout(() => app.server.closeAllConnections(), Math.floor(settings.FLOWHOOKS_SHUTDOWN_TIMEOUT_MS * 0.8));
        cutOff.unref();
        try {
          // The dispatcher and the HTTP server wind down side by side; both still need the database, so it
          // closes only once each has ended, and a part that fails is logged as every error is (no stack).
          const parts = ['the outbound job dispatcher', 'the status callback sender', 'the HTTP server'];
          const ended = await Promise.allSettled([dispatcher.stop(), callbacks.stop(), app.close()]);
          const failed = parts.filter((part, index) => {
            const end = ended[index]!;
            if (end.status === 'fulfilled') return false;
            const error = end.reason instanceof Error ? end.reason : new Error(String(end.reason));
            app.log.error({ error: { name: error.name, message: safeErrorMessage(error) } }, `${part} did not stop cleanly at shutdown`);
            return true;
          });
          if (failed.length) throw new Error(`shutdown did not finish cleanly: ${failed.join(', ')} failed`);
        } finally {
          clearTimeout(cutOff);
          await database.close();
        }
      },
      announceReady() {
        app.log.info({ address, database: database.description }, 'flowhooks ready');
        // Log writes are buffered; this line is what supervisors and tests wait for.
        (app.log as unknown as Logger).flush();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** What a start says about the migration state (docs/deploying.md "Upgrades and rollbacks"). */
export const migrationNotices = {
  unknown: (names: string[]) =>
    `the database has migrations this release does not know (a newer release ran them): ${names.join(', ')}; they are additive within a major version, so this release runs on`,
  destructive: (pending: Array<{ name: string; change: string }>) =>
    `destructive migrations run now: ${pending.map((migration) => `${migration.name} (${migration.change})`).join('; ')}; older releases cannot run on this database after them — stop every older node first`,
};

/**
 * Generated tokens are printed once, on standard error and outside the JSON
 * log stream, so log shipping never carries them.
 */
function announceGeneratedTokens(generated: { adminToken?: string; webhookToken?: string }): void {
  if (!generated.adminToken && !generated.webhookToken) return;
  const lines = ['', 'flowhooks created account 1. These tokens are shown once; store them now:'];
  if (generated.webhookToken) lines.push(`  webhook token (account 1): ${generated.webhookToken}`);
  if (generated.adminToken) lines.push(`  admin token:               ${generated.adminToken}`);
  lines.push('Set FLOWHOOKS_WEBHOOK_TOKEN / FLOWHOOKS_ADMIN_TOKEN to choose them yourself.', '');
  process.stderr.write(lines.join('\n') + '\n');
}
