#!/usr/bin/env node
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadSettings } from './config.js';
import { openConfiguredDatabase, startServer } from './main.js';
import { migrateToLatest } from './storage/db.js';
import { safeErrorMessage } from './observability/redact.js';

const usage = `flowhooks — utility webhooks for contact-centre flows

Usage:
  flowhooks serve      migrate the database, then serve HTTP (settings from the environment)
  flowhooks migrate    run pending database migrations and exit
  flowhooks help       show this text

Settings are environment variables (see README), e.g.
  PORT=8080 DATABASE_URL=postgres://postgres@127.0.0.1:5432/flowhooks flowhooks serve
`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return 0;
  }
  if (command !== 'serve' && command !== 'migrate') {
    process.stderr.write(`Unknown command "${command}".\n\n${usage}`);
    return 2;
  }
  const settings = loadSettings();
  if (command === 'migrate') {
    const database = openConfiguredDatabase(settings);
    try {
      const applied = await migrateToLatest(database, settings.DATABASE_SCHEMA);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Migrations are current.\n');
    } finally {
      await database.close();
    }
    return 0;
  }
  const server = await startServer(settings);
  // SIGTERM/SIGINT: stop accepting, finish in-flight requests and deliveries, release leases,
  // close the database; past FLOWHOOKS_SHUTDOWN_TIMEOUT_MS the process exits with 1 anyway.
  closeWithGrace({ delay: settings.FLOWHOOKS_SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) server.app.log.error({ error: { name: err.name, message: safeErrorMessage(err) } }, 'fatal error, shutting down');
    else server.app.log.info({ signal }, 'shutting down');
    // The log is flushed when the app closes.
    await server.close();
  });
  server.announceReady();
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof ConfigError ? error.message : `flowhooks failed to start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
