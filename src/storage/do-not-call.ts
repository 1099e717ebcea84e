import { sql } from 'kysely';
import { dialectOf, type Database } from './db.js';
import type { DoNotCallSource } from './tables.js';
import { inTextList, preparedQuery, textList } from './prepared.js';

/** One number on an account's do-not-call list, as the management API shows it. */
export interface DoNotCallEntry {
  /** E.164. */
  number: string;
  source: DoNotCallSource;
  addedAt: string;
}

/** Numbers a statement sends at once: one array parameter, so far below either database's parameter cap. */
export const doNotCallBatchSize = 5000;

const toEntry = (row: { number: string; source: DoNotCallSource; added_at: number }): DoNotCallEntry => ({
  number: row.number,
  source: row.source,
  addedAt: new Date(Number(row.added_at)).toISOString(),
});

/**
 * Adds numbers (E.164, at most {@link doNotCallBatchSize}) in one statement;
 * numbers already listed are left as they are (their source and time kept).
 * Returns how many were new. PostgreSQL gets the numbers as one `unnest`ed
 * array, SQLite as one JSON array (`json_each`): one parameter whatever the
 * batch size. Concurrent adds of one number are safe: the primary key
 * decides, and each number counts as new for exactly one of them.
 */
export async function addDoNotCallNumbers(db: Database, accountId: number, numbers: readonly string[], source: DoNotCallSource, now: number): Promise<number> {
  if (numbers.length === 0) return 0;
  if (numbers.length > doNotCallBatchSize) throw new RangeError(`at most ${doNotCallBatchSize} numbers a statement`);
  const list = textList(db, numbers);
  const result =
    dialectOf(db) === 'postgres'
      ? await sql`
          insert into do_not_call_numbers (account_id, number, source, added_at)
          select ${accountId}::integer, listed.number, ${source}, ${now}::bigint from unnest(${list}::text[]) as listed(number)
          on conflict do nothing`.execute(db)
      : // "where true" keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
        await sql`
          insert into do_not_call_numbers (account_id, number, source, added_at)
          select ${accountId}, value, ${source}, ${now} from json_each(${list}) where true
          on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Removes one number; false when it was not listed. */
export async function removeDoNotCallNumber(db: Database, accountId: number, number: string): Promise<boolean> {
  const result = await db.deleteFrom('do_not_call_numbers').where('account_id', '=', accountId).where('number', '=', number).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Whether the account must never dial `e164` (a primary-key lookup). */
export async function isOnDoNotCallList(db: Database, accountId: number, e164: string): Promise<boolean> {
  const row = await db.selectFrom('do_not_call_numbers').select('number').where('account_id', '=', accountId).where('number', '=', e164).executeTakeFirst();
  return row !== undefined;
}

/** The look-up of any count of numbers in an account's list: one statement (createOutbound's and the dispatcher's hot paths). */
const listedQuery = preparedQuery<{ accountId: number; numbers: unknown }, { number: string }>((db, slot) =>
  db.selectFrom('do_not_call_numbers').select('number').where('account_id', '=', slot('accountId')).where(inTextList(dialectOf(db), 'number', slot('numbers'))),
);

/** The batch variant: which of `numbers` (E.164) the account's list holds, in one statement. */
export async function findListedNumbers(db: Database, accountId: number, numbers: readonly string[]): Promise<Set<string>> {
  const { rows } = await listedQuery(db, { accountId, numbers: textList(db, [...new Set(numbers)]) });
  return new Set(rows.map((row) => row.number));
}

/** One listed number with its source and time, or undefined. */
export async function findDoNotCallEntry(db: Database, accountId: number, number: string): Promise<DoNotCallEntry | undefined> {
  const row = await db.selectFrom('do_not_call_numbers').select(['number', 'source', 'added_at']).where('account_id', '=', accountId).where('number', '=', number).executeTakeFirst();
  return row && toEntry(row);
}

export interface DoNotCallPageOptions {
  /** Digits the number must contain (anywhere), e.g. `98765`. */
  digits?: string;
  /** Only numbers after this one (the paging cursor). */
  after?: string;
  limit: number;
}

/**
 * A page of the list in number order, optionally of numbers holding some digits, and whether more
 * follow (one more is read, so the page that holds the last number says so).
 */
export async function listDoNotCallNumbers(db: Database, accountId: number, options: DoNotCallPageOptions): Promise<{ entries: DoNotCallEntry[]; more: boolean }> {
  const rows = await db
    .selectFrom('do_not_call_numbers')
    .select(['number', 'source', 'added_at'])
    .where('account_id', '=', accountId)
    .$if(options.digits !== undefined, (query) => query.where('number', 'like', `%${options.digits}%`))
    .$if(options.after !== undefined, (query) => query.where('number', '>', options.after as string))
    .orderBy('number')
    .limit(options.limit + 1)
    .execute();
  return { entries: rows.slice(0, options.limit).map(toEntry), more: rows.length > options.limit };
}

/** How many numbers the list holds, optionally only those holding some digits. */
export async function countDoNotCallNumbers(db: Database, accountId: number, digits?: string): Promise<number> {
  const row = await db
    .selectFrom('do_not_call_numbers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .$if(digits !== undefined, (query) => query.where('number', 'like', `%${digits}%`))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Every listed number in number order, read `batchSize` rows at a time by
 * key (no offset), so an export of any size holds one batch in memory.
 */
export async function* eachDoNotCallNumber(db: Database, accountId: number, batchSize: number): AsyncGenerator<DoNotCallEntry> {
  let after: string | undefined;
  for (;;) {
    const { entries, more } = await listDoNotCallNumbers(db, accountId, { after, limit: batchSize });
    yield* entries;
    if (!more) return;
    after = entries[entries.length - 1]?.number;
  }
}

/**
 * Adds every number of an import in one transaction, in batches of
 * {@link doNotCallBatchSize}: the import lands whole or not at all. Returns
 * how many were new; the rest were listed already.
 *
 * On PostgreSQL the list's statistics are then brought up to date (`analyze`,
 * which reads at most a sample of the table): the do-not-call checks are named
 * statements whose plans PostgreSQL keeps until the table is analyzed, and a
 * plan made when the list was short scans the whole list once an import has
 * made it long — 6.3 ms against 0.19 a check after 100 000 numbers, until
 * autovacuum gets to it (docs/benchmark.md, thirty-third section).
 */
export async function importDoNotCallNumbers(db: Database, accountId: number, numbers: Iterable<string>, now: number): Promise<number> {
  const added = await addImportedNumbers(db, accountId, numbers, now);
  if (added > 0 && dialectOf(db) === 'postgres') await sql`analyze do_not_call_numbers`.execute(db);
  return added;
}

function addImportedNumbers(db: Database, accountId: number, numbers: Iterable<string>, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let added = 0;
    let batch: string[] = [];
    for (const number of numbers) {
      batch.push(number);
      if (batch.length === doNotCallBatchSize) {
        added += await addDoNotCallNumbers(trx, accountId, batch, 'import', now);
        batch = [];
      }
    }
    added += await addDoNotCallNumbers(trx, accountId, batch, 'import', now);
    return added;
  });
}
