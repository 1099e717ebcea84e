import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';
import { sql, type RawBuilder } from 'kysely';
import { bootstrap } from '../src/auth/bootstrap.js';
import { sha256Hex } from '../src/kernel/hash.js';
import { readStartTime } from '../src/methods/pullreport/rules.js';
import { normaliseContactId } from '../src/phone/contact-id.js';
import { randomBase62 } from '../src/shortener/codes.js';
import { findAccount, type Account } from '../src/storage/accounts.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { insertShortCustomer } from '../src/storage/short-customers.js';
import type { Tables } from '../src/storage/tables.js';
import { scaleCounts } from './options.js';
import { adminToken, token } from './scenarios.js';

/**
 * The `scale` part's data (docs/benchmark.md "Cost as data grows"): a million
 * contacts' preferences, a million call-report rows and 100 000 short links,
 * written straight into the tables of a freshly migrated database, row for
 * row as updateUserPreferences, pullreport and the shortener write them.
 * Through the API the same data would take hours; in multi-row statements it
 * takes about a minute. Each format is checked against the service's own
 * code before the rows go in, and bench/scale.ts checks the seeded data
 * through the running server before measuring.
 */

/** The short-URL customer the seeded links belong to (the normal seed's customer is `bench`). */
export const scaleCustToken = 'scale-cust-token-0001';

/** A seeded contact's number as flows send it (national form); stored in E.164 like any phone-like contact id. */
export const scaleContact = (index: number) => `93${String(index).padStart(8, '0')}`;

/** The language stored for seeded contact `index` (its only preference, as the small-data contact has one). */
export const scaleLanguage = (index: number) => languages[index % languages.length]!;
const languages = ['HINDI', 'TAMIL', 'TELUGU', 'BENGALI', 'MARATHI', 'ENGLISH'];

/** Seeded link `index`'s long URL. */
export const scaleLongUrl = (index: number) => `https://example.com/offer/${index}?campaign=diwali`;

/** Rows seeded of each table (bench/options.ts `scaleCounts`, or a smaller set to compare with). */
export type ScaleCounts = { contacts: number; reportRows: number; shortLinks: number };

/** How long one table took to seed. */
export interface SeedTiming {
  table: keyof Tables;
  rows: number;
  ms: number;
}

export interface ScaleData {
  timings: SeedTiming[];
  /** The seeded links' codes, by index: the redirect load picks among them. */
  codes: string[];
}

/** A table's seeded rows: its columns with their PostgreSQL types (for `unnest`), and row `index`'s values in that order. */
interface TableSeed {
  table: keyof Tables;
  columns: Array<[name: string, pgType: 'integer' | 'bigint' | 'text']>;
  count: number;
  row(index: number): unknown[];
}

/** Rows committed a transaction: big enough to cost nothing, small enough that SQLite's WAL is checkpointed as it goes. */
const rowsPerTransaction = 100_000;

/**
 * Rows a statement. SQLite takes at most 32 766 parameters a statement, so
 * its batches are as large as that allows; PostgreSQL gets one array a column
 * (`unnest`, as the invocation log writes), whatever the number of rows.
 */
const rowsPerStatement = (handle: DatabaseHandle, seed: TableSeed) => (handle.dialect === 'postgres' ? 10_000 : Math.floor(32_000 / seed.columns.length));

/**
 * Migrates a fresh database, bootstraps account 1 with the bench's tokens (as
 * the server's first start would), adds the `scale` short-URL customer and
 * writes the rows; then PostgreSQL's vacuum and analyze, which autovacuum
 * would have run long before a real database held this much.
 */
export async function seedScaleData(env: { DATABASE_URL: string; DATABASE_SCHEMA: string }, log: (line: string) => void, counts: ScaleCounts = scaleCounts): Promise<ScaleData> {
  const handle = openDatabase(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA });
  try {
    await migrateToLatest(handle, env.DATABASE_SCHEMA);
    const now = Date.now();
    await bootstrap(handle.db, { adminToken, webhookToken: token }, now);
    const account = await findAccount(handle.db, 1);
    if (!account) throw new Error('bootstrap made no account 1');
    const customerId = randomUUID();
    await insertShortCustomer(handle.db, { id: customerId, accountId: account.id, name: 'scale', tokenHash: sha256Hex(scaleCustToken), domains: [] }, now);
    const codes = uniqueCodes(counts.shortLinks);
    const seeds = [preferenceRows(account, now, counts.contacts), reportRows(account, now, counts.reportRows), shortLinkRows(account, customerId, codes, now)];
    const timings: SeedTiming[] = [];
    for (const seed of seeds) {
      log(`  ${seed.table}: writing ${seed.count} rows`);
      const timing = await insertRows(handle, seed);
      log(`  ${seed.table}: ${seed.count} rows in ${(timing.ms / 1000).toFixed(1)} s`);
      timings.push(timing);
    }
    if (handle.dialect === 'postgres') {
      for (const seed of seeds) await sql`vacuum analyze ${sql.table(seed.table)}`.execute(handle.db);
    }
    return { timings, codes };
  } finally {
    await handle.close();
  }
}

/** Writes a table's rows in transactions of `rowsPerTransaction`, multi-row statements inside. */
async function insertRows(handle: DatabaseHandle, seed: TableSeed): Promise<SeedTiming> {
  const started = performance.now();
  const perStatement = rowsPerStatement(handle, seed);
  for (let chunk = 0; chunk < seed.count; chunk += rowsPerTransaction) {
    const chunkEnd = Math.min(seed.count, chunk + rowsPerTransaction);
    await handle.db.transaction().execute(async (trx) => {
      for (let first = chunk; first < chunkEnd; first += perStatement) {
        const rows = Array.from({ length: Math.min(perStatement, chunkEnd - first) }, (_, offset) => seed.row(first + offset));
        await insertStatement(handle, seed, rows).execute(trx);
      }
    });
  }
  return { table: seed.table, rows: seed.count, ms: performance.now() - started };
}

/** `insert … values (…), (…)` on SQLite (a fixed batch size, so the prepared statement is reused); `insert … select from unnest(…)` on PostgreSQL. */
function insertStatement(handle: DatabaseHandle, seed: TableSeed, rows: unknown[][]): RawBuilder<unknown> {
  const columns = sql.join(seed.columns.map(([name]) => sql.ref(name)));
  if (handle.dialect === 'postgres') {
    const arrays = seed.columns.map(([, pgType], column) => sql`${rows.map((row) => row[column])}::${sql.raw(pgType)}[]`);
    return sql`insert into ${sql.table(seed.table)} (${columns}) select * from unnest(${sql.join(arrays)})`;
  }
  return sql`insert into ${sql.table(seed.table)} (${columns}) values ${sql.join(rows.map((row) => sql`(${sql.join(row)})`))}`;
}

/** Throws unless the bench's form of a value is the service's: a seeded row the service would not find measures nothing. */
function mustMatch(what: string, ours: unknown, service: unknown): void {
  if (ours !== service) throw new Error(`scale seed: ${what} is ${JSON.stringify(ours)} here but ${JSON.stringify(service)} in the service`);
}

/** The first, middle and last index of `count`. */
const samples = (count: number) => [...new Set([0, Math.floor(count / 2), Math.max(0, count - 1)])];

/** One preference (`language`) a contact, keyed as updateUserPreferences keys it: account, E.164 contact id, name. */
function preferenceRows(account: Account, now: number, count: number): TableSeed {
  const contactId = (index: number) => `+91${scaleContact(index)}`;
  // Normalising a million numbers with libphonenumber would take longer than writing them; a sample shows the form is the service's.
  for (const index of samples(count)) mustMatch(`contact ${scaleContact(index)}`, contactId(index), normaliseContactId(scaleContact(index), account.country));
  return {
    table: 'user_preferences',
    columns: [['account_id', 'integer'], ['contact_id', 'text'], ['name', 'text'], ['value', 'text'], ['updated_at', 'bigint']],
    count,
    row: (index) => [account.id, contactId(index), 'language', scaleLanguage(index), now - (index % 1000) * 60_000],
  };
}

const dayMs = 86_400_000;
/** India's offset as flows write it in `$flow.key.starttime` (`+5:30`, docs/methods/pullreport.md). */
const istOffsetMs = 19_800_000;

/**
 * pullreport's rows of the `call` report over the last 90 days, oldest first
 * (ids grow with time, as they do when calls are reported as they end):
 * twenty flows, three DNIS, a digit pressed, a UUID call id, and the same two
 * extra columns (language, campaign) as the pullreport scenario, stored as
 * its JSON.
 */
function reportRows(account: Account, now: number, count: number): TableSeed {
  const firstStart = now - 90 * dayMs;
  const startAt = (index: number) => firstStart + Math.floor((index * (89 * dayMs)) / Math.max(1, count));
  const startTime = (index: number) => `${new Date(startAt(index) + istOffsetMs).toISOString().slice(0, 23)}+5:30`;
  for (const index of samples(count)) {
    const read = readStartTime(startTime(index), account.timezone);
    mustMatch(`start of row ${index}`, startAt(index), 'startAt' in read ? read.startAt : read.issue.message);
  }
  const dnis = ['18001234567', '18002345678', '18003456789'];
  return {
    table: 'report_rows',
    columns: [
      ['account_id', 'integer'], ['report_type', 'text'], ['stage', 'text'], ['call_id', 'text'], ['flow_id', 'text'], ['dtmf', 'text'],
      ['dnis', 'text'], ['start_at', 'bigint'], ['start_time', 'text'], ['extra', 'text'], ['created_at', 'bigint'],
    ],
    count,
    row: (index) => [
      account.id, 'call', 'prod', randomUUID(), String(50 + (index % 20)), String(index % 10), dnis[index % dnis.length],
      startAt(index), startTime(index), JSON.stringify({ language: scaleLanguage(index), campaign: 'diwali' }),
      // Reported when the call ended, one to five minutes after it started.
      startAt(index) + 60_000 + (index % 240) * 1000,
    ],
  };
}

/** `count` distinct codes as the shortener draws them (8 random base62 characters). */
function uniqueCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomBase62());
  return [...codes];
}

/**
 * Plain links of the `scale` customer on the default domain, as
 * `POST /api/short-urls` stores them: a time-ordered id of its creation time
 * (src/kernel/row-ids.ts), the URL's SHA-256, and
 * the reuse key that lets the same request find the link again (the formula
 * of src/shortener/shortener.ts; bench/scale.ts checks that the service finds
 * a seeded link by it).
 */
function shortLinkRows(account: Account, customerId: string, codes: string[], now: number): TableSeed {
  const redirectStatus = 302;
  return {
    table: 'short_urls',
    columns: [
      ['id', 'text'], ['domain', 'text'], ['code', 'text'], ['account_id', 'integer'], ['customer_id', 'text'], ['long_url', 'text'], ['url_hash', 'text'],
      ['reuse_key', 'text'], ['redirect_status', 'integer'], ['custom_slug', 'integer'], ['expires_at', 'bigint'], ['max_visits', 'integer'],
      ['disabled', 'integer'], ['human_visits', 'bigint'], ['bot_visits', 'bigint'], ['created_at', 'bigint'], ['updated_at', 'bigint'],
    ],
    count: codes.length,
    row: (index) => {
      const longUrl = scaleLongUrl(index);
      const urlHash = sha256Hex(longUrl);
      const reuseKey = sha256Hex(`${customerId}\n\n${redirectStatus}\n${urlHash}`);
      const createdAt = now - (codes.length - index) * 1000;
      return [v7({ msecs: createdAt }), '', codes[index], account.id, customerId, longUrl, urlHash, reuseKey, redirectStatus, 0, null, null, 0, 0, 0, createdAt, createdAt];
    },
  };
}
