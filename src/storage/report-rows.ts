import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Database } from './db.js';
import type { Dialect } from './dialect.js';
import type { ReportRowsTable, Tables } from './tables.js';
import { preparedQuery } from './prepared.js';

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

/** Writes a row; false when a row with the same call id already exists (the write is then a no-op). */
export async function insertReportRow(db: Database, row: NewReportRow, now: number): Promise<boolean> {
  const result = await insertReportRowQuery(db, { ...row, extra: JSON.stringify(row.extra), now });
  return Number(result.numAffectedRows ?? 0) > 0;
}

const insertReportRowQuery = preparedQuery<Omit<NewReportRow, 'extra'> & { extra: string; now: number }, never>((db, slot) =>
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

/** Up to `limit` rows in (start_at, id) order, after `after` when given; the position of the last one read. */
export async function listReportRows(
  db: Database,
  accountId: number,
  reportType: string,
  filter: ReportFilter,
  page: { limit: number; after?: ReportPosition },
): Promise<{ rows: ReportRow[]; last?: ReportPosition }> {
  let query = db.selectFrom('report_rows').selectAll().where(matching(accountId, reportType, filter));
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('start_at', 'id'), '>', eb.tuple(after.startAt, after.id)));
  const rows = await query.orderBy('start_at').orderBy('id').limit(page.limit).execute();
  const lastRow = rows.at(-1);
  return { rows: rows.map(toReportRow), last: lastRow && { startAt: lastRow.start_at, id: lastRow.id } };
}

/**
 * Every row of the selection, read in batches by key: each batch is one short
 * query, so a slow download never holds a database connection (on SQLite the
 * only one) between batches, and memory holds one batch at a time.
 */
export async function* eachReportRow(db: Database, accountId: number, reportType: string, filter: ReportFilter, batchSize = 1000): AsyncGenerator<ReportRow> {
  let after: ReportPosition | undefined;
  for (;;) {
    const { rows, last } = await listReportRows(db, accountId, reportType, filter, { limit: batchSize, after });
    yield* rows;
    if (rows.length < batchSize || !last) return;
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
