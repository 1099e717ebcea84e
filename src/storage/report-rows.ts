import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { dialectOf, type Database } from './db.js';
import type { Dialect } from './dialect.js';
import type { ReportRowsTable, Tables } from './tables.js';
import { arrayParam, columnArrays, preparedQuery } from './prepared.js';
import { groupWriteFor } from '../kernel/group-write.js';

/** What a call record holds, written and read alike. */
interface CallRecord {
  accountId: number;
  reportType: string;
  stage: 'prod' | 'test';
  callId: string | null;
  flowId: string;
  dtmf: string | null;
  dnis: string | null;
  /** As the flow sent it. */
  startTime: string;
  /** Extra columns by name. */
  extra: Record<string, string>;
}

export interface NewReportRow extends CallRecord {
  /** The call's start, epoch ms. */
  startAt: number;
}

export interface ReportRow extends CallRecord {
  id: number;
  /** The call's start in UTC, ISO 8601. */
  startAt: string;
  receivedAt: string;
}

/** Which rows of one account's report to read. `from` inclusive, `to` exclusive, both epoch ms. */
export interface ReportFilter {
  stage: 'prod' | 'test';
  from?: number;
  to?: number;
  flowId?: string;
  dnis?: string;
  /** Only rows with an id up to this one: pins an export to the rows that existed when it began. */
  maxId?: number;
}

/** A place in (start_at, id) order, to read on from. */
export interface ReportPosition {
  startAt: number;
  id: number;
}

/**
 * Writes a row; false when a row with the same call id already exists (the write is then a no-op).
 * On PostgreSQL, outside a transaction, the rows of calls that arrive together are written by one
 * statement (groupWriteFor, below); each caller is answered once that statement has committed.
 */
export async function insertReportRow(db: Database, row: NewReportRow, now: number): Promise<boolean> {
  const values = { ...row, extra: JSON.stringify(row.extra), now };
  if (!db.isTransaction && dialectOf(db) === 'postgres') return writeOnPostgres(db, values);
  const result = await insertReportRowQuery(db, values);
  return Number(result.numAffectedRows ?? 0) > 0;
}

type ReportRowValues = Omit<NewReportRow, 'extra'> & { extra: string; now: number };

const insertReportRowQuery = preparedQuery<ReportRowValues, never>((db, slot) =>
  db
    .insertInto('report_rows')
    .values({
      account_id: slot('accountId'),
      report_type: slot('reportType'),
      stage: slot('stage'),
      call_id: slot('callId'),
      flow_id: slot('flowId'),
      dtmf: slot('dtmf'),
      dnis: slot('dnis'),
      start_at: slot('startAt'),
      start_time: slot('startTime'),
      extra: slot('extra'),
      created_at: slot('now'),
    })
    .onConflict((conflict) => conflict.columns(['account_id', 'report_type', 'stage', 'call_id']).doNothing()),
);

/** Calls of one event-loop turn, and those that queue behind a write, share a statement. */
const writeOnPostgres = groupWriteFor('report_row', insertReportRowsPostgres);

/**
 * Several calls' rows as one statement, one array a column (`unnest`): one round trip and one commit
 * instead of one each. The rows are inserted in the calls' order, so of two rows with one call id the
 * first is written; the rows written come back by their call id, which tells each call whether its row was new.
 */
async function insertReportRowsPostgres(db: Database, rows: readonly ReportRowValues[]): Promise<boolean[]> {
  const written = await insertReportRowsPostgresQuery(db, columnArrays(rows, { accountIds: 'accountId', reportTypes: 'reportType', stages: 'stage', callIds: 'callId', flowIds: 'flowId', dtmfs: 'dtmf', dnises: 'dnis', startAts: 'startAt', startTimes: 'startTime', extras: 'extra', createdAts: 'now' }));
  const newCallIds = new Map<string, number>();
  for (const row of written.rows) {
    const key = callKey(row.account_id, row.report_type, row.stage, row.call_id as string);
    newCallIds.set(key, (newCallIds.get(key) ?? 0) + 1);
  }
  return rows.map((row) => {
    // A row without a call id is never a repeat.
    if (row.callId === null) return true;
    const key = callKey(row.accountId, row.reportType, row.stage, row.callId);
    const left = newCallIds.get(key) ?? 0;
    if (left === 0) return false;
    newCallIds.set(key, left - 1);
    return true;
  });
}

const callKey = (accountId: number, reportType: string, stage: string, callId: string) => `${accountId}\u0000${reportType}\u0000${stage}\u0000${callId}`;

const insertReportRowsPostgresQuery = preparedQuery<
  {
    accountIds: number[];
    reportTypes: string[];
    stages: string[];
    callIds: Array<string | null>;
    flowIds: string[];
    dtmfs: Array<string | null>;
    dnises: Array<string | null>;
    startAts: number[];
    startTimes: string[];
    extras: string[];
    createdAts: number[];
  },
  Pick<Selectable<ReportRowsTable>, 'account_id' | 'report_type' | 'stage' | 'call_id'>
>(
  (_db, slot) => sql`insert into report_rows (account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at)
    select account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at
    from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('reportTypes'), 'text')}, ${arrayParam(slot('stages'), 'text')}, ${arrayParam(slot('callIds'), 'text')},
      ${arrayParam(slot('flowIds'), 'text')}, ${arrayParam(slot('dtmfs'), 'text')}, ${arrayParam(slot('dnises'), 'text')}, ${arrayParam(slot('startAts'), 'bigint')},
      ${arrayParam(slot('startTimes'), 'text')}, ${arrayParam(slot('extras'), 'text')}, ${arrayParam(slot('createdAts'), 'bigint')})
      with ordinality as given(account_id, report_type, stage, call_id, flow_id, dtmf, dnis, start_at, start_time, extra, created_at, position)
    order by position
    on conflict (account_id, report_type, stage, call_id) do nothing
    returning account_id, report_type, stage, call_id`,
);

function matching(accountId: number, reportType: string, filter: ReportFilter) {
  return (eb: ExpressionBuilder<Tables, 'report_rows'>): Expression<SqlBool> => {
    // Qualified names: SQLite's json_each, joined when reading column names, has an `id` column too.
    const conditions = [
      eb('report_rows.account_id', '=', accountId),
      eb('report_rows.report_type', '=', reportType),
      eb('report_rows.stage', '=', filter.stage),
    ];
    if (filter.from !== undefined) conditions.push(eb('report_rows.start_at', '>=', filter.from));
    if (filter.to !== undefined) conditions.push(eb('report_rows.start_at', '<', filter.to));
    if (filter.flowId !== undefined) conditions.push(eb('report_rows.flow_id', '=', filter.flowId));
    if (filter.dnis !== undefined) conditions.push(eb('report_rows.dnis', '=', filter.dnis));
    if (filter.maxId !== undefined) conditions.push(eb('report_rows.id', '<=', filter.maxId));
    return eb.and(conditions);
  };
}

function toReportRow(row: Selectable<ReportRowsTable>): ReportRow {
  return {
    id: row.id,
    reportType: row.report_type,
    stage: row.stage,
    callId: row.call_id,
    flowId: row.flow_id,
    dtmf: row.dtmf,
    dnis: row.dnis,
    accountId: row.account_id,
    startTime: row.start_time,
    startAt: new Date(row.start_at).toISOString(),
    receivedAt: new Date(row.created_at).toISOString(),
    extra: JSON.parse(row.extra) as Record<string, string>,
  };
}

/**
 * Up to `limit` rows in (start_at, id) order, after `after` when given; the position of the last one
 * and whether more follow (one row more is read, so the page that holds the last row says so).
 */
export async function listReportRows(
  db: Database,
  accountId: number,
  reportType: string,
  filter: ReportFilter,
  page: { limit: number; after?: ReportPosition },
): Promise<{ rows: ReportRow[]; last?: ReportPosition; more: boolean }> {
  let query = db.selectFrom('report_rows').selectAll().where(matching(accountId, reportType, filter));
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('start_at', 'id'), '>', eb.tuple(after.startAt, after.id)));
  const read = await query.orderBy('start_at').orderBy('id').limit(page.limit + 1).execute();
  const rows = read.slice(0, page.limit);
  const lastRow = rows.at(-1);
  return { rows: rows.map(toReportRow), last: lastRow && { startAt: lastRow.start_at, id: lastRow.id }, more: read.length > page.limit };
}

/**
 * Every row of the selection, read in batches by key: each batch is one short
 * query, so a slow download never holds a database connection (on SQLite the
 * only one) between batches, and memory holds one batch at a time.
 */
export async function* eachReportRow(db: Database, accountId: number, reportType: string, filter: ReportFilter, batchSize = 1000): AsyncGenerator<ReportRow> {
  let after: ReportPosition | undefined;
  for (;;) {
    const { rows, last, more } = await listReportRows(db, accountId, reportType, filter, { limit: batchSize, after });
    yield* rows;
    if (!more || !last) return;
    after = last;
  }
}

/** The highest row id so far (0 when there is none). */
export async function lastReportRowId(db: Database): Promise<number> {
  const row = await db.selectFrom('report_rows').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Every extra column name used in the selection, each once (the database reads the JSON; rows never reach memory). */
export async function reportExtraNames(db: Database, dialect: Dialect, accountId: number, reportType: string, filter: ReportFilter): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await db
          .selectFrom('report_rows')
          .select(sql<string>`jsonb_object_keys(extra::jsonb)`.as('name'))
          .where(matching(accountId, reportType, filter))
          .distinct()
          .execute()
      : await db
          .selectFrom('report_rows')
          .innerJoin(sql`json_each(report_rows.extra)`.as('entry'), (join) => join.onTrue())
          .select(sql<string>`entry.key`.as('name'))
          .where(matching(accountId, reportType, filter))
          .distinct()
          .execute();
  return rows.map((row) => row.name);
}

/** Each report type of an account with its row count per stage. */
export async function reportTypeCounts(db: Database, accountId: number): Promise<Array<{ reportType: string; prodRows: number; testRows: number }>> {
  const rows = await db
    .selectFrom('report_rows')
    .select(['report_type', 'stage', (eb) => eb.fn.countAll<number>().as('count')])
    .where('account_id', '=', accountId)
    .groupBy(['report_type', 'stage'])
    .orderBy('report_type')
    .execute();
  const byType = new Map<string, { reportType: string; prodRows: number; testRows: number }>();
  for (const row of rows) {
    const entry = byType.get(row.report_type) ?? { reportType: row.report_type, prodRows: 0, testRows: 0 };
    if (row.stage === 'test') entry.testRows += Number(row.count);
    else entry.prodRows += Number(row.count);
    byType.set(row.report_type, entry);
  }
  return [...byType.values()];
}
