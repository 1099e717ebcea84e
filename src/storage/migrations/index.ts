import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../db.js';
import { foundation } from './0001-foundation.js';
import { shortUrls } from './0008-short-urls.js';

/** The one ordered list of migrations; both databases run the same list. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-foundation': foundation(dialect),
    '0008-short-urls': shortUrls(dialect),
  };
  return { getMigrations: async () => migrations };
}

export type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
