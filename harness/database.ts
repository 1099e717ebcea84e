import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isCI } from './ci.js';

/** The PostgreSQL server of tests, the crash test and the bench (docs/testing.md). */
export const testPgUrl = process.env.FLOWHOOKS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface FreshDatabase {
  /** What points a server at it. */
  env: { DATABASE_URL: string; DATABASE_SCHEMA: string };
  /** Deletes the file or drops the schema. */
  cleanup(): Promise<void>;
}

/**
 * A fresh, empty database: a SQLite file in a new temporary folder, or a new
 * schema on the PostgreSQL server named `<prefix>_<random>`, dropped by cleanup().
 */
export async function freshDatabase(kind: DatabaseKind, prefix = 'fh_test'): Promise<FreshDatabase> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}-`));
    return {
      env: { DATABASE_URL: `sqlite:${join(folder, 'flowhooks.db')}`, DATABASE_SCHEMA: 'public' },
      async cleanup() {
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  return {
    env: { DATABASE_URL: testPgUrl, DATABASE_SCHEMA: schema },
    async cleanup() {
      const client = new pg.Client({ connectionString: testPgUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Why PostgreSQL at FLOWHOOKS_TEST_PG does not answer, or undefined when it does. */
export async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testPgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Whether the PostgreSQL runs happen: true when it answers; false, with the
 * reason passed to `skip`, when it does not — except under CI, where a
 * missing PostgreSQL throws (docs/testing.md).
 */
export async function postgresOrSkip(skip: (reason: string) => void): Promise<boolean> {
  const problem = await postgresProblem();
  if (!problem) return true;
  if (isCI()) throw new Error(`PostgreSQL is required in CI (CI=${process.env.CI}) but ${testPgUrl} is unreachable: ${problem}`);
  skip(`${testPgUrl} is unreachable (${problem})`);
  return false;
}

/** Runs `work` on a fresh database of `kind` (freshDatabase), deleted or dropped afterwards. */
export async function withFreshDatabase<T>(kind: DatabaseKind, prefix: string, work: (env: FreshDatabase['env']) => Promise<T>): Promise<T> {
  const database = await freshDatabase(kind, prefix);
  try {
    return await work(database.env);
  } finally {
    await database.cleanup();
  }
}

/** Runs `work` on a fresh PostgreSQL schema, dropped afterwards; undefined when PostgreSQL does not answer. */
export async function withPostgresSchema<T>(prefix: string, work: (env: FreshDatabase['env']) => Promise<T>): Promise<T | undefined> {
  if (await postgresProblem()) return undefined;
  return withFreshDatabase('postgres', prefix, work);
}
