import { CompiledQuery, sql, type Selectable } from 'kysely';
import { dialectOf, type Database } from './db.js';
import type { InvocationsTable } from './tables.js';
import { multiRowStatement, slices, sqliteRowsPerStatement } from './statement-slices.js';

/** One webhook call as the invocation log records it. */
export interface InvocationEntry {
  /** When the call arrived (epoch ms). */
  at: number;
  accountId: number | null;
  method: string | null;
  flowId: string | null;
  stage: 'prod' | 'test';
  httpStatus: number;
  outcome: 'SUCCESS' | 'FAILURE';
  errorCode: string | null;
  durationMs: number;
  /** Masked (`98XXXXXX45`), never the full number. */
  caller: string | null;
  /** Which rule answered (findLanguage's cliLanguageSource); null for methods that do not say. Optional so other writers need not set it. */
  answerSource?: string | null;
  requestId: string;
  /**
   * What the call said that the service did not understand, kept on purpose
   * (docs/console.md "Misses"): a refused date text or a 5-digit number block.
   * Absent or null on nearly every call.
   */
  miss?: string | null;
}

export interface Invocation extends InvocationEntry {
  id: number;
}

export interface InvocationFilter {
  accountId?: number;
  method?: string;
  outcome?: 'SUCCESS' | 'FAILURE';
  httpStatus?: number;
  /** Only entries with a smaller id (the paging cursor). */
  before?: number;
  limit: number;
}

function toInvocation(row: Selectable<InvocationsTable>): Invocation {
  return {
    id: Number(row.id),
    at: Number(row.at),
    accountId: row.account_id,
    method: row.method,
    flowId: row.flow_id,
    stage: row.stage,
    httpStatus: row.http_status,
    outcome: row.outcome,
    errorCode: row.error_code,
    durationMs: Number(row.duration_ms),
    caller: row.caller,
    answerSource: row.answer_source,
    requestId: row.request_id,
    miss: row.miss,
  };
}

/**
 * Writes a batch. PostgreSQL gets one statement with one array a column
 * (`unnest`): one parameter a column instead of one a column and row, so a
 * 500-row batch is not a 6500-parameter statement to build, send, parse and
 * plan. SQLite, which runs statements in-process, gets multi-row inserts of
 * fixed sizes. Every webhook call lands here.
 */
export async function insertInvocations(db: Database, entries: readonly InvocationEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (dialectOf(db) === 'postgres') {
    const arrays = invocationColumns.map(([, type, pick]) => sql`${entries.map(pick)}::${sql.raw(type)}[]`);
    await sql`insert into invocations (${sql.raw(columnList)}) select * from unnest(${sql.join(arrays)})`.execute(db);
    return;
  }
  // SQLite: multi-row inserts of fixed sizes (src/storage/statement-slices.ts), so the few statement texts are
  // prepared once and reused, with no query-builder nodes for the batch's thousands of values.
  for (const slice of slices(entries, sqliteRowsPerStatement)) {
    const values = slice.flatMap((entry) => invocationColumns.map(([, , pick]) => pick(entry)));
    await db.executeQuery(CompiledQuery.raw(sqliteInsert(slice.length), values));
  }
}

/** Each column an entry is written to: its name, its PostgreSQL type (for `unnest`) and its value (the bench's floor writes the same, bench/call-record.ts). */
export const invocationColumns: ReadonlyArray<readonly [string, string, (entry: InvocationEntry) => unknown]> = [
  ['at', 'bigint', (entry) => entry.at],
  ['account_id', 'integer', (entry) => entry.accountId],
  ['method', 'text', (entry) => entry.method],
  ['flow_id', 'text', (entry) => entry.flowId],
  ['stage', 'text', (entry) => entry.stage],
  ['http_status', 'integer', (entry) => entry.httpStatus],
  ['outcome', 'text', (entry) => entry.outcome],
  ['error_code', 'text', (entry) => entry.errorCode],
  ['duration_ms', 'double precision', (entry) => entry.durationMs],
  ['caller', 'text', (entry) => entry.caller],
  ['answer_source', 'text', (entry) => entry.answerSource ?? null],
  ['request_id', 'text', (entry) => entry.requestId],
  ['miss', 'text', (entry) => entry.miss ?? null],
];
const columnList = invocationColumns.map(([name]) => name).join(', ');

const sqliteInsert = multiRowStatement(`insert into invocations (${columnList})`, invocationColumns.length);

/** Entries matching the filter, newest (highest id) first. */
export async function listInvocations(db: Database, filter: InvocationFilter): Promise<Invocation[]> {
  let query = db.selectFrom('invocations').selectAll();
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.method !== undefined) query = query.where('method', '=', filter.method);
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  if (filter.httpStatus !== undefined) query = query.where('http_status', '=', filter.httpStatus);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toInvocation);
}

/**
 * Deletes entries that arrived before `cutoff`, `chunk` rows a statement so
 * a large backlog never holds a long lock; returns how many went.
 */
export async function deleteInvocationsBefore(db: Database, cutoff: number, chunk = 1000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const oldest = db.selectFrom('invocations').select('id').where('at', '<', cutoff).orderBy('id').limit(chunk);
    const result = await db.deleteFrom('invocations').where('id', 'in', oldest).executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < chunk) return deleted;
  }
}

/**
 * How often each answer source was recorded for an account's calls of one
 * method since `since` (epoch ms), e.g. findLanguage's cliLanguageSource.
 * Calls without a source (failures) are left out. Walks the account's rows in
 * the window: meant for the console, not for the request path.
 */
export async function countAnswerSources(db: Database, accountId: number, method: string, since: number): Promise<Array<{ source: string; calls: number }>> {
  const rows = await db
    .selectFrom('invocations')
    .select(['answer_source', (eb) => eb.fn.countAll<number>().as('calls')])
    .where('account_id', '=', accountId)
    .where('method', '=', method)
    .where('at', '>=', since)
    .where('answer_source', 'is not', null)
    .groupBy('answer_source')
    .execute();
  return rows.map((row) => ({ source: String(row.answer_source), calls: Number(row.calls) }));
}

export interface MissFilter {
  /** Only calls from this instant (epoch ms) on. */
  from: number;
  accountId?: number;
  method?: string;
  limit: number;
}

export interface MissGroup {
  method: string;
  miss: string;
  count: number;
  /** The latest call with it (epoch ms). */
  lastAt: number;
}

/**
 * Misses of the period grouped by method and text, the most frequent first
 * (ties: the latest first). Reads only the partial, covering index of the
 * rows that have a miss: calls without one are never scanned.
 */
export async function groupMisses(db: Database, filter: MissFilter): Promise<MissGroup[]> {
  let query = db
    .selectFrom('invocations')
    .select(['method', 'miss', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('at').as('last_at')])
    .where('miss', 'is not', null)
    .where('at', '>=', filter.from);
  // `+account_id`: not through the account index, which would walk all of the account's calls, but
  // through the misses index (SQLite takes the first; PostgreSQL reads both the same way).
  if (filter.accountId !== undefined) query = query.where(sql<number>`+account_id`, '=', filter.accountId);
  if (filter.method !== undefined) query = query.where('method', '=', filter.method);
  const rows = await query.groupBy(['method', 'miss']).orderBy('count', 'desc').orderBy('last_at', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({ method: row.method ?? '', miss: row.miss ?? '', count: Number(row.count), lastAt: Number(row.last_at) }));
}
