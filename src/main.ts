import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp, type AppDeps } from './app.js';
import { bootstrap } from './auth/bootstrap.js';
import { startInvocationPruning } from './invocations/retention.js';
import { createDispatcher } from './methods/outbound/dispatcher.js';
import type { Settings } from './config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './storage/db.js';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** The address the server listens on, e.g. `http://127.0.0.1:8080`. */
  address: string;
  /** Stops accepting, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
  /** Logs "flowhooks ready" with the address; call once shutdown handling is in place. */
  announceReady(): void;
}

export function openConfiguredDatabase(settings: Settings): DatabaseHandle {
  return openDatabase(settings.DATABASE_URL, { schema: settings.DATABASE_SCHEMA });
}

/** Opens the database, migrates, bootstraps account 1 and listens. */
export async function startServer(settings: Settings, options: Pick<AppDeps, 'clock' | 'logStream'> = {}): Promise<RunningServer> {
  const database = openConfiguredDatabase(settings);
  try {
    await migrateToLatest(database, settings.DATABASE_SCHEMA);
    const app = await buildApp({ settings, database, ...options });
    const { generated } = await bootstrap(
      database.db,
      { adminToken: settings.FLOWHOOKS_ADMIN_TOKEN, webhookToken: settings.FLOWHOOKS_WEBHOOK_TOKEN },
      Date.now(),
    );
    announceGeneratedTokens(generated);
    if (settings.FLOWHOOKS_AUTH === 'off') {
      app.log.warn('FLOWHOOKS_AUTH=off: webhook calls without a token are trusted and accountID in the keys decides the account. Only run this behind a VPN.');
    }
    const address = await app.listen({ port: settings.PORT, host: settings.HOST });
    // The dispatcher runs beside the HTTP server, not inside buildApp, so test apps stay quiet.
    const dispatcher = createDispatcher({
      database,
      clock: options.clock,
      leaseMs: settings.FLOWHOOKS_DISPATCH_LEASE_MS,
      backoffMs: settings.FLOWHOOKS_DISPATCH_BACKOFF_MS,
      maxAttempts: settings.FLOWHOOKS_DISPATCH_MAX_ATTEMPTS,
      pollMs: settings.FLOWHOOKS_DISPATCH_POLL_MS,
      log: app.log,
    });
    dispatcher.start();
    const pruning = startInvocationPruning(database.db, {
      retentionDays: settings.FLOWHOOKS_INVOCATION_RETENTION_DAYS,
      clock: options.clock,
      onPruned: (deleted) => app.log.info({ deleted }, 'invocation log entries past retention deleted'),
      onError: (error) => app.log.warn({ error: { message: error instanceof Error ? error.message : String(error) } }, 'invocation log not pruned; retrying next hour'),
    });
    return {
      app,
      database,
      address,
      async close() {
        // Stop claiming and finish deliveries first: their results go to the database.
        await dispatcher.stop();
        await pruning.stop();
        await app.close();
        await database.close();
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
