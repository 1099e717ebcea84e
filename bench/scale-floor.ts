import pg from 'pg';
import { groupWrite } from '../src/kernel/group-write.js';
import { byPosition } from '../src/storage/prepared.js';
import { loadSettings } from '../src/config.js';
import { defaultLinkCacheTtlMs } from '../src/shortener/shortener.js';
import { visitRecorderDefaults } from '../src/shortener/visits.js';
import { byLinkThenTime, sqliteCountsAdd, sqliteVisitsInsert } from '../src/storage/short-urls.js';
import { startBackgroundCheckpoints } from '../src/storage/sqlite-checkpointer.js';
import { slices, sqliteRowsPerStatement } from '../src/storage/statement-slices.js';
import { connections } from './options.js';
import { contactReads, sqliteTurns, unnestArrays } from './ceiling.js';
import { browser } from './scenarios.js';

/**
 * The floors of the two reads of stored rows. At scale (`BENCH_PARTS=scale`,
 * docs/benchmark.md "Cost as data grows") the bare Fastify process of the
 * baseline, started on a database of the scale part (`bare-server.js PORT
 * DATABASE_URL SCHEMA scale`), answers the two calls that read the seeded
 * rows with their statements alone, straight through the driver:
 * `POST /floor-scale/contact` reads the contact of the webhook body's first key (fetchUserPreferences' read; the
 * number is made E.164 by putting +91 before it, where the service reads it
 * with libphonenumber), and `GET /floor-scale/link/{code}` reads the link
 * and answers its 302, its visit written with the others every 500 ms or
 * 1 000 visits as the shortener writes them (src/shortener/visits.ts). A
 * link read is kept in memory for 3 s, as long as the shortener may keep it
 * (the time another node takes to see a change, README), with no bound on
 * how many are kept: no redirect that honours that time needs fewer reads.
 * SQLite is opened as the server opens it (the same page cache, the log checkpointed off the
 * event loop every 200 ms), the statements of one turn of the event loop in
 * one transaction; on PostgreSQL the reads of the calls that arrive together
 * go as one statement, as the service sends them. The floor of a call
 * (`BENCH_PARTS=ceiling`, bench/ceiling.ts) opens the same redirect on its
 * own database for `GET /floor/link/{code}`, once its other floors are done.
 */
export interface ReadFloors {
  /** The contact's preferences (account 1). */
  readContact(contactId: string): Promise<void>;
  /** The link's long URL, its visit recorded; undefined when no link has the code. */
  redirect(code: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Visits written at once, how often the buffer is written otherwise, and how long a link read is kept: the shortener's defaults. */
const { batchSize: visitBatch, flushIntervalMs: visitFlushMs } = visitRecorderDefaults;
const linkKeptMs = defaultLinkCacheTtlMs;
/** SQLite's page cache and checkpoint interval as the server opens its file (the settings' defaults). */
const serverSettings = loadSettings({});

interface Visit {
  linkId: string;
  visitedAt: number;
}

const linkRead = `select short_urls.id, short_urls.long_url, short_urls.redirect_status, short_urls.disabled, short_urls.expires_at, short_urls.max_visits, short_urls.human_visits, counts.humans
  from short_urls left join short_url_visit_counts as counts on counts.link_id = short_urls.id`;

export function openReadFloors(env: { DATABASE_URL: string; DATABASE_SCHEMA: string }): ReadFloors {
  /** The visits' buffer, written one batch after another, as the shortener's recorder does. */
  const recorder = (write: (visits: Visit[]) => Promise<void>) => {
    let buffer: Visit[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = () => {
      writing = writing.then(async () => {
        if (buffer.length === 0) return;
        const visits = buffer.sort(byLinkThenTime);
        buffer = [];
        await write(visits);
      });
      return writing;
    };
    const timer = setInterval(() => void flush(), visitFlushMs);
    return {
      record(linkId: string) {
        buffer.push({ linkId, visitedAt: Date.now() });
        if (buffer.length >= visitBatch) void flush();
      },
      async close() {
        clearInterval(timer);
        await flush();
      },
    };
  };

  /** Links read within the last 3 s, by code; the expired are dropped every 1.5 s. */
  const links = new Map<string, { id: string; longUrl: string; until: number }>();
  const linkPurge = setInterval(() => {
    const now = performance.now();
    for (const [code, link] of links) if (link.until <= now) links.delete(code);
  }, linkKeptMs / 2);
  /** The link of `code` from memory or from `read`, its visit recorded. */
  const redirectThrough = async (code: string, read: (code: string) => Promise<{ id: string; long_url: string } | undefined>, record: (linkId: string) => void) => {
    let link = links.get(code);
    if (!link || link.until <= performance.now()) {
      const row = await read(code);
      if (!row) return undefined;
      links.set(code, (link = { id: row.id, longUrl: row.long_url, until: performance.now() + linkKeptMs }));
    }
    record(link.id);
    return link.longUrl;
  };
  const stopLinks = () => clearInterval(linkPurge);

  if (env.DATABASE_URL.startsWith('sqlite:')) {
    const turns = sqliteTurns(env.DATABASE_URL.slice('sqlite:'.length));
    // The server's page cache (FLOWHOOKS_SQLITE_CACHE_MIB) and its checkpoints off the event loop (FLOWHOOKS_SQLITE_CHECKPOINT_MS; src/storage/db.ts).
    turns.db.pragma(`cache_size = ${-serverSettings.FLOWHOOKS_SQLITE_CACHE_MIB * 1024}`);
    const checkpoints = startBackgroundCheckpoints(turns.db, serverSettings.FLOWHOOKS_SQLITE_CHECKPOINT_MS);
    const visits = recorder(async (batch) => {
      const waiting = turns.openTurn();
      for (const slice of slices(batch, sqliteRowsPerStatement)) turns.prepare(sqliteVisitsInsert(slice.length)).run(slice.flatMap((visit) => [visit.linkId, visit.visitedAt, null, browser, 0]));
      const counts = new Map<string, number>();
      for (const visit of batch) counts.set(visit.linkId, (counts.get(visit.linkId) ?? 0) + 1);
      for (const slice of slices([...counts], sqliteRowsPerStatement)) turns.prepare(sqliteCountsAdd(slice.length)).run(slice.flatMap(([linkId, humans]) => [linkId, humans, 0]));
      await turns.committed(waiting);
    });
    return {
      async readContact(contactId) {
        turns.openTurn();
        turns.prepare(contactReads.sqlite).all(1, contactId);
      },
      redirect: (code) =>
        redirectThrough(
          code,
          async (missing) => {
            turns.openTurn();
            return turns.prepare(`${linkRead} where short_urls.domain = ? and short_urls.code = ?`).get('', missing) as { id: string; long_url: string } | undefined;
          },
          visits.record,
        ),
      async close() {
        stopLinks();
        await visits.close();
        await checkpoints.close();
        turns.db.close();
      },
    };
  }

  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: connections, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  /** One statement for the calls of a turn and those queued behind it (the service's readTogetherOnPostgres): the plain one for a lone call. */
  const together = <Row>(alone: (key: string) => pg.QueryConfig, many: (keys: string[]) => pg.QueryConfig, answer: (rows: Row[], keys: string[]) => Array<Row | undefined>) =>
    groupWrite(async (keys: string[]) => {
      const { rows } = await pool.query<Row & pg.QueryResultRow>(keys.length === 1 ? alone(keys[0]!) : many(keys));
      return answer(rows, keys);
    });
  const readContacts = together<unknown>(
    (contactId) => ({ name: 'contact', text: contactReads.postgres, values: [1, contactId] }),
    (contactIds) => ({ name: 'contacts', text: contactReads.postgresTogether, values: [contactIds.map(() => 1), contactIds] }),
    (_rows, keys) => keys.map(() => undefined),
  );
  const readLinks = together<{ position?: string; id: string; long_url: string }>(
    (code) => ({ name: 'link', text: `${linkRead} where short_urls.domain = $1 and short_urls.code = $2`, values: ['', code] }),
    (codes) => ({
      name: 'links',
      text: `select given.position, link.id, link.long_url, link.redirect_status, link.disabled, link.expires_at, link.max_visits, link.human_visits, counts.humans
        from unnest(${unnestArrays(['text', 'text'])}) with ordinality as given(domain, code, position)
        join short_urls as link on link.domain = given.domain and link.code = given.code
        left join short_url_visit_counts as counts on counts.link_id = link.id`,
      values: [codes.map(() => ''), codes],
    }),
    (rows, keys) => (keys.length === 1 ? [rows[0]] : byPosition(keys.length, rows as Array<{ position: string; id: string; long_url: string }>, (row) => row)),
  );
  const visits = recorder(async (batch) => {
    // The shortener's statement (src/storage/short-urls.ts): the visits and their links' counters at once.
    await pool.query({
      name: 'visits',
      text: `with visit as (
          select * from unnest(${unnestArrays(['text', 'bigint', 'text', 'text', 'integer'])}) as visit(link_id, visited_at, referrer, user_agent, bot)
        ), inserted as (
          insert into short_url_visits (link_id, visited_at, referrer, user_agent, bot) select link_id, visited_at, referrer, user_agent, bot from visit
        )
        insert into short_url_visit_counts (link_id, humans, bots)
        select link_id, count(*) filter (where bot = 0), count(*) filter (where bot <> 0) from visit group by link_id
        on conflict (link_id) do update set humans = short_url_visit_counts.humans + excluded.humans, bots = short_url_visit_counts.bots + excluded.bots`,
      values: [batch.map((visit) => visit.linkId), batch.map((visit) => visit.visitedAt), batch.map(() => null), batch.map(() => browser), batch.map(() => 0)],
    });
  });
  return {
    async readContact(contactId) {
      await readContacts(contactId);
    },
    redirect: (code) => redirectThrough(code, readLinks, visits.record),
    async close() {
      stopLinks();
      await visits.close();
      await pool.end();
    },
  };
}
