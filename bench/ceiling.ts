import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { bootstrap } from '../src/auth/bootstrap.js';
import { migrateToLatest, openDatabase } from '../src/storage/db.js';
import { connections } from './options.js';
import type { Figures } from './runner.js';
import { adminToken, token } from './scenarios.js';

/**
 * The floor of a call (`BENCH_PARTS=ceiling`, docs/benchmark.md "The bare
 * handler with the call's statements"): the bare Fastify process of the
 * baseline (bench/bare-server.ts) also answers `POST /floor/{scenario}` by
 * running the statements that webhook call runs, straight through the driver
 * the service uses (better-sqlite3 on one connection; node-postgres, a pool of
 * `connections`, named statements), with no query builder, no authentication
 * and no webhook protocol, on a schema made by the service's own migrations.
 * Loaded like the scenarios, beside the bare handler in the same process: a
 * call that runs these statements over HTTP cannot be answered faster on this
 * machine, so its ratio is the highest the call can reach.
 */

/** One database's floor pass: the bare handler and each call's floor, in one process. */
export interface CeilingPass {
  database: string;
  bare: Figures;
  rows: CeilingRow[];
}

export interface CeilingRow {
  database: string;
  /** The webhook scenario whose statements these are (bench/scenarios.ts). */
  scenario: string;
  work: string;
  figures: Figures;
}

/** One call's statements; `n` makes each run's contact or call id new where the call writes a new row. */
interface Work {
  scenario: string;
  name: string;
  /** A write is made durable before the answer; a transaction's statements are also one unit (on PostgreSQL a function call is). */
  kind: 'read' | 'write' | 'transaction';
  sqlite(db: SqliteDatabase.Database, n: number): void;
  postgres(client: pg.PoolClient, n: number): Promise<void>;
}

const now = Date.now();
const contact = (n: number) => `+9193${String(n % 100_000_000).padStart(8, '0')}`;

const works: Work[] = [
  {
    scenario: 'fetchUserPreferences',
    name: 'one indexed read of a stored contact',
    kind: 'read',
    sqlite: (db) => void db.prepare('select name, value from user_preferences where account_id = ? and contact_id = ? order by name').all(1, contact(0)),
    postgres: async (client) => void (await client.query({ name: 'fetch', text: 'select name, value from user_preferences where account_id = $1 and contact_id = $2 order by name', values: [1, contact(0)] })),
  },
  {
    scenario: 'updateUserPreferences',
    name: 'a two-row upsert and a count as one unit (PostgreSQL: one function call)',
    kind: 'transaction',
    sqlite: (db, n) => {
      db.prepare(
        'insert into user_preferences (account_id, contact_id, name, value, updated_at) values (?, ?, ?, ?, ?), (?, ?, ?, ?, ?) on conflict (account_id, contact_id, name) do update set value = excluded.value, updated_at = excluded.updated_at',
      ).run(1, contact(n + 1), 'language', 'HINDI', now, 1, contact(n + 1), 'segment', 'gold', now);
      db.prepare('select count(*) as count from user_preferences where account_id = ? and contact_id = ?').get(1, contact(n + 1));
    },
    postgres: async (client, n) =>
      void (await client.query({
        name: 'apply',
        text: 'select flowhooks_apply_preferences($1, $2, $3, $4, $5, $6) as total',
        values: [1, contact(n + 1), ['language', 'segment'], ['HINDI', 'gold'], now, 200],
      })),
  },
  {
    scenario: 'pullreport',
    name: 'one row inserted',
    kind: 'write',
    sqlite: (db, n) =>
      void db
        .prepare(
          'insert into report_rows (account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (account_id, report_type, stage, call_id) do nothing',
        )
        .run(1, 'call', 'prod', `ceiling-${n}`, 'flow-1', '1', '1800123456', now, '2026-12-02 10:00:00', '{"agent":"a1","queue":"sales"}', now),
    postgres: async (client, n) =>
      void (await client.query({
        name: 'report',
        text: 'insert into report_rows (account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (account_id, report_type, stage, call_id) do nothing',
        values: [1, 'call', 'prod', `ceiling-${n}`, 'flow-1', '1', '1800123456', now, '2026-12-02 10:00:00', '{"agent":"a1","queue":"sales"}', now],
      })),
  },
];

/** The calls whose floor is measured, and what their statements are. */
export const ceilingScenarios = works.map((work) => ({ scenario: work.scenario, work: work.name }));

/** A migrated database with the bench's account and its one stored contact. */
export async function prepareCeilingDatabase(env: { DATABASE_URL: string; DATABASE_SCHEMA: string }): Promise<void> {
  const handle = openDatabase(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA });
  try {
    await migrateToLatest(handle, env.DATABASE_SCHEMA);
    await bootstrap(handle.db, { adminToken, webhookToken: token }, now);
    await handle.db
      .insertInto('user_preferences')
      .values({ account_id: 1, contact_id: contact(0), name: 'language', value: 'HINDI', updated_at: now })
      .execute();
  } finally {
    await handle.close();
  }
}

/** The works by scenario, run on a database opened as the service opens it: `run(scenario)` does one call's statements. */
export function openCeilingWorks(env: { DATABASE_URL: string; DATABASE_SCHEMA: string }): { scenarios: Array<{ scenario: string; work: string }>; run(scenario: string): Promise<void>; close(): Promise<void> } {
  const scenarios = ceilingScenarios;
  const byScenario = new Map(works.map((work) => [work.scenario, work]));
  let n = 0;
  if (env.DATABASE_URL.startsWith('sqlite:')) {
    const db = new SqliteDatabase(env.DATABASE_URL.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Group commit, as the service does it (src/storage/sqlite-group-commit.ts, without its failure handling):
    // writes of one turn of the event loop share a commit, each transaction a savepoint; each answered after the commit.
    let committed: Array<() => void> | undefined;
    const untilCommitted = () => {
      if (!committed) {
        db.prepare('begin').run();
        committed = [];
        setImmediate(() => {
          db.prepare('commit').run();
          const waiting = committed!;
          committed = undefined;
          for (const resolve of waiting) resolve();
        });
      }
      const waiting = committed;
      return new Promise<void>((resolve) => waiting.push(resolve));
    };
    return {
      scenarios,
      async run(scenario) {
        const work = byScenario.get(scenario)!;
        if (work.kind === 'read') return work.sqlite(db, ++n);
        const durable = untilCommitted();
        if (work.kind === 'transaction') db.prepare('savepoint floor').run();
        work.sqlite(db, ++n);
        if (work.kind === 'transaction') db.prepare('release floor').run();
        return durable;
      },
      close: async () => void db.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: connections, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  return {
    scenarios,
    async run(scenario) {
      const work = byScenario.get(scenario)!;
      const client = await pool.connect();
      try {
        await work.postgres(client, ++n);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
