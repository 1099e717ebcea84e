import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, sql, type DatabaseIntrospector, type Migration } from 'kysely';
import { BoundedCache } from '../kernel/bounded-cache.js';
import type pgModule from 'pg';
import { destructiveMigrations, migrationList } from './migrations/index.js';
import type { Dialect } from './dialect.js';
import { statementNames } from './statement-names.js';
import { startBackgroundCheckpoints, type BackgroundCheckpoints, type CheckpointStats } from './sqlite-checkpointer.js';
import { groupCommitSqliteDialect, type GroupCommitStats, type RunNow } from './sqlite-group-commit.js';
import type { Tables } from './tables.js';

export type Database = Kysely<Tables>;

export interface DatabaseHandle {
  db: Database;
  dialect: Dialect;
  /** A printable description without credentials. */
  description: string;
  /** PostgreSQL schema of the tables; undefined on SQLite. */
  schema?: string;
  /** Connection use, read by metrics: PostgreSQL's pool; SQLite has one connection, always open. */
  connections(): { total: number; idle: number; waiting: number };
  /** SQLite's group commit (src/storage/sqlite-group-commit.ts): writes and the commits that held them; undefined on PostgreSQL. */
  groupCommits?(): GroupCommitStats;
  /** SQLite: statements prepared and kept by their text (at most 500); undefined on PostgreSQL. */
  preparedStatements?(): number;
  /** SQLite with checkpoints in the background (src/storage/sqlite-checkpointer.ts); undefined otherwise. */
  checkpoints?(): CheckpointStats;
  /**
   * PostgreSQL: opens the pool's connections that are not open yet, so a burst of work after the start
   * does not wait for them; resolves with how many are open (a refused connection is left to be opened
   * when it is needed). Undefined on SQLite.
   */
  openConnections?(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL schema for every table (created if missing). Default `public`. */
  schema?: string;
  /** PostgreSQL: send prepared queries as named statements (FLOWHOOKS_PG_NAMED_STATEMENTS). Default true. */
  namedStatements?: boolean;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
  /** SQLite's page cache in MiB (FLOWHOOKS_SQLITE_CACHE_MIB). Default 4. */
  sqliteCacheMiB?: number;
  /**
   * SQLite: checkpoint the write-ahead log every so many ms with the syncs off the event
   * loop (FLOWHOOKS_SQLITE_CHECKPOINT_MS, 200 for the server). Default 0, for tools that
   * open a file briefly: SQLite checkpoints inside commits.
   */
  sqliteCheckpointMs?: number;
}

/** Opens `sqlite:<path>` (folder created, WAL) or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options.sqliteCacheMiB ?? 4, options.sqliteCheckpointMs ?? 0);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

function openSqlite(path: string, cacheMiB: number, checkpointMs: number): DatabaseHandle {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const connection = new SqliteDatabase(file);
  connection.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a process crash
  // (kill -9); only a power loss can take the last commits.
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  // 4 MiB of pages by default (better-sqlite3's build defaults to 16): the upper levels of every
  // index stay cached, and the rest is a read from the operating system's page cache (README,
  // memory bounds; docs/benchmark.md measured 4 against 8 MiB).
  connection.pragma(`cache_size = ${-Math.round(cacheMiB * 1024)}`);
  const statements = statementCache(connection);
  const grouped = groupCommitSqliteDialect(connection, statements.prepare);
  const db = new Kysely<Tables>({ dialect: grouped.dialect });
  sqliteRunsNow.set(db, grouped.runNow);
  // An in-memory database has no log to copy.
  const checkpoints: BackgroundCheckpoints | undefined =
    checkpointMs > 0 && file !== ':memory:' ? startBackgroundCheckpoints(connection, checkpointMs) : undefined;
  return {
    db,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    connections: () => ({ total: 1, idle: 0, waiting: 0 }),
    groupCommits: grouped.stats,
    preparedStatements: () => statements.size(),
    ...(checkpoints && { checkpoints: checkpoints.stats }),
    close: async () => {
      // The checkpoints' connections first: the last connection to close checkpoints what is left and removes the log.
      await checkpoints?.close();
      await db.destroy();
    },
  };
}

/**
 * The query builder prepares every query anew; preparing costs more than
 * running a small query, so prepared statements are kept by SQL text. Safe
 * because one query runs at a time on the single connection.
 */
function statementCache(connection: SqliteDatabase.Database) {
  const statements = new BoundedCache<string, SqliteDatabase.Statement>({ entries: 500 });
  return {
    prepare(text: string): SqliteDatabase.Statement {
      let statement = statements.get(text);
      if (!statement) {
        statement = connection.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    size: () => statements.size,
  };
}

type Pg = typeof pgModule;

/**
 * The PostgreSQL driver, loaded when a PostgreSQL database is opened: a
 * server on SQLite does not keep its 3 MiB of heap (docs/benchmark.md,
 * memory).
 */
const loadPg = (() => {
  let loaded: { pg: Pg; Client: Pg['Client']; getTypeParser: (oid: number, format?: 'text' | 'binary') => (value: string) => unknown } | undefined;
  return () => {
    if (loaded) return loaded;
    const pg = createRequire(import.meta.url)('pg') as Pg;
    // bigint (int8) columns hold epoch milliseconds and counts: both fit a JS number.
    const int8Oid = 20;
    /**
     * A client that sends the texts of prepared queries (src/storage/prepared.ts)
     * as named statements, so the database parses and plans each once per
     * connection (docs/deploying.md "Connections and pool sizing"); every other
     * query goes as it is. Prepared queries name their columns (no `*`), so a
     * column added by a later release's migration does not change a statement's
     * result on a node still running.
     */
    class NamedStatementClient extends pg.Client {
      override query(config: unknown, values?: unknown, callback?: unknown): never {
        const name = typeof config === 'string' && Array.isArray(values) ? statementNames.get(config) : undefined;
        return (super.query as (...args: unknown[]) => never)(name ? { name, text: config } : config, values, callback);
      }
    }
    loaded = {
      pg,
      Client: NamedStatementClient,
      getTypeParser: (oid, format) => (oid === int8Oid ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')),
    };
    return loaded;
  };
})();

function openPostgres(url: string, options: OpenOptions): DatabaseHandle {
  const schema = options.schema ?? 'public';
  const { pg, Client, getTypeParser } = loadPg();
  const size = options.poolSize ?? 10;
  const pool = new pg.Pool({
    ...(options.namedStatements !== false && { Client }),
    connectionString: url,
    max: size,
    // A fixed-size pool: an idle connection is kept, not closed after 10 s, so the burst that follows a quiet
    // minute (a campaign's jobs falling due) does not first open connections (docs/deploying.md).
    min: size,
    options: `-c search_path=${schema}`,
    types: { getTypeParser } as pgModule.CustomTypesConfig,
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    description: `postgres://${parsed.host}${parsed.pathname} (schema ${schema})`,
    schema,
    connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async openConnections() {
      // Every idle connection is taken too, so the missing ones must be new: none is handed out twice.
      const opened = await Promise.allSettled(Array.from({ length: size - pool.totalCount + pool.idleCount }, () => pool.connect()));
      for (const result of opened) if (result.status === 'fulfilled') result.value.release();
      return pool.totalCount;
    },
    close: () => db.destroy(),
  };
}

export interface MigrateOptions {
  /** The release's migrations. Default: this build's list (a test passes an older release's). */
  migrations?: Record<string, Migration>;
  /** Migrations of the list that are destructive, with what breaks. Default: this build's `destructiveMigrations`. */
  destructive?: Readonly<Record<string, string>>;
  /** Told which migrations the database ran that this release does not know (a newer release ran them). */
  onUnknown?: (names: string[]) => void;
  /** Told, before they run, which pending migrations are destructive and what breaks. */
  onDestructive?: (pending: Array<{ name: string; change: string }>) => void;
}

/** Names of the migrations the database has run, oldest first; none before the first migration. */
async function executedMigrations(handle: DatabaseHandle): Promise<string[]> {
  const exists =
    handle.dialect === 'postgres'
      ? (await sql<{ table: string | null }>`select to_regclass(${`${handle.schema ?? 'public'}.kysely_migration`})::text as table`.execute(handle.db)).rows[0]?.table
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(handle.db)).rows[0]?.name;
  if (!exists) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(handle.schema ? `${handle.schema}.kysely_migration` : 'kysely_migration')} order by name`.execute(handle.db);
  return rows.rows.map((row) => row.name);
}

/**
 * The database as the migrator sees it on PostgreSQL: its introspection reads
 * only our schema. Kysely's own lists every table of every schema, and calls
 * `has_schema_privilege` on each — which fails with "schema … does not exist"
 * when another schema is dropped meanwhile (another deployment's, or a test's),
 * and slows every start down as the database grows. The migrator only asks
 * whether our schema and its two migration tables exist.
 */
function withSchemaIntrospection(db: Database, schema: string): Database {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows.rows;
    },
    async getTables() {
      const rows = await sql<{ name: string; type: string }>`select table_name as name, table_type as type from information_schema.tables where table_schema = ${schema}`.execute(db);
      return rows.rows.map((row) => ({ name: row.name, schema, isView: row.type === 'VIEW', columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      // Kysely's methods read private fields: they run on the instance itself.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A migrator for this release's list that tolerates a newer release
 * (docs/deploying.md "Upgrades and rollbacks"): migrations the database ran
 * but this release does not know stand in as done (they are additive within
 * a major version), and migrations may run out of name order (releases of
 * parallel branches). Executed names are read first, outside the migrator:
 * on SQLite its lock holds the one connection.
 */
export async function releaseMigrator(handle: DatabaseHandle, migrations: Record<string, Migration> = migrationList(handle.dialect)): Promise<{ migrator: Migrator; unknown: string[] }> {
  const unknown = (await executedMigrations(handle)).filter((name) => !(name in migrations));
  const standIns = Object.fromEntries(unknown.map((name) => [name, { up: async () => {} } satisfies Migration]));
  const all = { ...migrations, ...standIns };
  const migrator = new Migrator({
    db: handle.dialect === 'postgres' ? withSchemaIntrospection(handle.db, handle.schema ?? 'public') : handle.db,
    provider: { getMigrations: async () => all },
    // Named explicitly: without it Kysely takes migration tables found in any
    // schema of the database for its own, and fails when another schema has them.
    migrationTableSchema: handle.schema,
    allowUnorderedMigrations: true,
  });
  return { migrator, unknown };
}

/** Runs every pending migration; throws with the failing migration's name. Answers the names applied. */
export async function migrateToLatest(handle: DatabaseHandle, schema = 'public', options: MigrateOptions = {}): Promise<string[]> {
  if (handle.dialect === 'postgres' && schema !== 'public') {
    // Two nodes starting on an empty database at once both get past "if not exists"; the loser's
    // duplicate-name error means the schema is there (README.md, Many nodes).
    await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
  }
  const { migrator, unknown } = await releaseMigrator(handle, options.migrations);
  if (unknown.length) options.onUnknown?.(unknown);
  const destructive = options.destructive ?? (options.migrations ? {} : destructiveMigrations);
  const executed = new Set(await executedMigrations(handle));
  const pending = Object.keys(options.migrations ?? migrationList(handle.dialect)).filter((name) => !executed.has(name));
  const announced = pending.filter((name) => destructive[name]).map((name) => ({ name, change: destructive[name]! }));
  if (announced.length) options.onDestructive?.(announced);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** True when the database answers and no migration of this release is pending. */
export async function readiness(handle: DatabaseHandle): Promise<{ ready: boolean; reason?: string }> {
  try {
    await sql`select 1`.execute(handle.db);
  } catch {
    return { ready: false, reason: 'database unreachable' };
  }
  try {
    // Read directly rather than through Kysely's getMigrations, which introspects every schema's tables
    // (slow, and it fails while another schema of the database is being dropped).
    const executed = new Set(await executedMigrations(handle));
    const pending = Object.keys(migrationList(handle.dialect)).filter((name) => !executed.has(name));
    return pending.length ? { ready: false, reason: `pending migrations: ${pending.join(', ')}` } : { ready: true };
  } catch {
    return { ready: false, reason: 'migration state unreadable' };
  }
}

/** True when an error is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True when an error is a foreign-key violation on either database (a row referred to is gone). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** The driver's code of an error: PostgreSQL's SQLSTATE, better-sqlite3's extended result code. */
const errorCode = (error: unknown): unknown => (error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined);

/** Each SQLite database's run-at-once (src/storage/sqlite-group-commit.ts RunNow), by its query builder; a transaction has none. */
const sqliteRunsNow = new WeakMap<Database, RunNow>();

/** The run-at-once of `db` when it is a SQLite database (not a transaction on one), else undefined. */
export function runNowOf(db: Database): RunNow | undefined {
  return sqliteRunsNow.get(db);
}

/** Which database a handle (or a transaction on it) speaks to, for the few statements that differ. */
export function dialectOf(db: Database): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
