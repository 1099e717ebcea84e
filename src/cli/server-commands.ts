import closeWithGrace from 'close-with-grace';
import { loadSettings } from '../config.js';
import { openConfiguredDatabase, startServer } from '../main.js';
import { migrateToLatest } from '../storage/db.js';

/** `flowhooks migrate`: runs pending migrations and exits. */
export async function migrateCommand(): Promise<number> {
  const settings = loadSettings();
  const database = openConfiguredDatabase(settings);
  try {
    const applied = await migrateToLatest(database, settings.DATABASE_SCHEMA);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Migrations are current.\n');
  } finally {
    await database.close();
  }
  return 0;
}

/** `flowhooks serve`: runs until SIGTERM/SIGINT; resolves with -1 (keep running). */
export async function serveCommand(): Promise<number> {
  const server = await startServer(loadSettings());
  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the database.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) server.app.log.error({ error: { name: err.name, message: err.message } }, 'fatal error, shutting down');
    else server.app.log.info({ signal }, 'shutting down');
    await server.close();
  });
  server.announceReady();
  return -1;
}
