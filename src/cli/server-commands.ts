import closeWithGrace from 'close-with-grace';
import { loadSettings } from '../config.js';
import { migrationNotices, openConfiguredDatabase, startServer } from '../main.js';
import { migrateToLatest } from '../storage/db.js';
import { safeErrorMessage } from '../observability/redact.js';

/** `flowhooks migrate`: runs pending migrations and exits. */
export async function migrateCommand(): Promise<number> {
  const settings = loadSettings();
  const database = openConfiguredDatabase(settings);
  try {
    const applied = await migrateToLatest(database, settings.DATABASE_SCHEMA, {
      onUnknown: (names) => process.stdout.write(`Note: ${migrationNotices.unknown(names)}.\n`),
      onDestructive: (pending) => process.stdout.write(`Warning: ${migrationNotices.destructive(pending)}.\n`),
    });
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Migrations are current.\n');
  } finally {
    await database.close();
  }
  return 0;
}

/** `flowhooks serve`: runs until SIGTERM/SIGINT; resolves with -1 (keep running). */
export async function serveCommand(): Promise<number> {
  const settings = loadSettings();
  const server = await startServer(settings);
  // SIGTERM/SIGINT: drain (/readyz 503 for FLOWHOOKS_DRAIN_MS, still serving), then stop accepting,
  // finish in-flight requests and deliveries, release leases, close the database; past
  // FLOWHOOKS_DRAIN_MS + FLOWHOOKS_SHUTDOWN_TIMEOUT_MS the process exits with 1 anyway.
  const log = server.app.log;
  const logged = (error: Error) => ({ error: { name: error.name, message: safeErrorMessage(error) } });
  const closing = {
    delay: settings.FLOWHOOKS_DRAIN_MS + settings.FLOWHOOKS_SHUTDOWN_TIMEOUT_MS,
    // close-with-grace writes to the console by default, an error with its stack (a failed shutdown, a second
    // error, its timeout): through the JSON log instead, without a stack (docs/security.md).
    logger: { error: (what: unknown) => (what instanceof Error ? log.error(logged(what), 'shutdown failed') : log.error(String(what))) },
  };
  closeWithGrace(closing, async ({ signal, err }) => {
    if (err) log.error(logged(err), 'fatal error, shutting down');
    else log.info({ signal }, 'shutting down');
    // A fatal error skips the drain: a broken node should leave at once.
    await server.close({ drain: !err });
  });
  server.announceReady();
  return -1;
}
