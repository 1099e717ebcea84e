import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { csvExtraColumns, csvRecord, fixedCsvColumns, readRangeBound } from '../methods/pullreport/rules.js';
import { findAccount, type Account } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';
import type { Dialect } from '../storage/dialect.js';
import {
  eachReportRow,
  lastReportRowId,
  listReportRows,
  reportExtraNames,
  reportTypeCounts,
  type ReportFilter,
  type ReportRow,
} from '../storage/report-rows.js';
import { routeDoc } from '../kernel/route-doc.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams } from './account-schemas.js';
import { reportParams, reportQuery, type ReportPage, type ReportQuery, type ReportTypeCount } from './report-schemas.js';

export interface ReportRouteDeps {
  db: Database;
  dialect: Dialect;
}

/** Rows per database read while a CSV streams; one batch is all an export holds in memory. */
const exportBatchSize = 1000;

const doc = routeDoc('Reports');

/** `/api/accounts/{id}/reports…`: report types with counts, rows as JSON pages, and CSV downloads (docs/methods/pullreport.md, §3). */
export async function reportRoutes(server: FastifyInstance, deps: ReportRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, dialect } = deps;

  async function readableAccount(request: FastifyRequest, id: number): Promise<Account> {
    assertAccountAccess(request, id, 'read');
    return existingAccount(id, (accountId) => findAccount(db, accountId));
  }

  app.get('/api/accounts/:id/reports', { schema: { ...doc('List report types with row counts'), params: accountIdParams } }, async (request): Promise<ReportTypeCount[]> => {
    const { id } = request.params;
    await readableAccount(request, id);
    return reportTypeCounts(db, id);
  });

  const rowsDoc = doc('Report rows, filtered; JSON or streamed CSV');
  app.get('/api/accounts/:id/reports/:reportType', { schema: { ...rowsDoc, params: reportParams, querystring: reportQuery } }, async (request, reply) => {
    const { id, reportType } = request.params;
    const query = request.query;
    const account = await readableAccount(request, id);
    const filter = filterFrom(query, account.timezone);

    if (query.format === 'json') {
      const [startAt, rowId] = query.cursor?.split('.').map(Number) ?? [];
      const after = startAt !== undefined && rowId !== undefined ? { startAt, id: rowId } : undefined;
      const { rows, last, more } = await listReportRows(db, id, reportType, filter, { limit: query.limit, after });
      // null on the page that holds the last row, not one page later (docs/methods/pullreport.md).
      const page: ReportPage = { rows, next: more && last ? `${last.startAt}.${last.id}` : null };
      return page;
    }

    // The export covers the rows that exist now, so rows written while it
    // streams cannot bring columns the header lacks.
    const pinned = { ...filter, maxId: await lastReportRowId(db) };
    const extras = csvExtraColumns(await reportExtraNames(db, dialect, id, reportType, pinned));
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${reportType}-${filter.stage}.csv"`);
    // One chunk waits at most (the stream's default is 16): chunks waiting long enough outlive young-generation
    // collections, and a million-row export then grew the process by 200 MiB instead of 15 (docs/benchmark.md).
    return reply.send(Readable.from(csvChunks(eachReportRow(db, id, reportType, pinned, exportBatchSize), extras, { raw: query.raw, bom: query.bom }), { highWaterMark: 1 }));
  });
}

function filterFrom(query: ReportQuery, timeZone: string): ReportFilter {
  const issues: Array<{ field: string; message: string }> = [];
  const bound = (name: 'from' | 'to') => {
    const text = query[name];
    if (text === undefined) return undefined;
    const value = readRangeBound(text, name, timeZone);
    if (value === undefined) issues.push({ field: name, message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time' });
    return value;
  };
  const from = bound('from');
  const to = bound('to');
  if (from !== undefined && to !== undefined && from >= to) issues.push({ field: 'to', message: 'must be after from' });
  if (issues.length) throw fieldErrors(issues);
  return { stage: query.stage, from, to, flowId: query.flowId, dnis: query.dnis };
}

/** The CSV text in chunks (spreadsheet-safe unless `raw`) of about 64 KiB: the header, then one record a row. */
async function* csvChunks(rows: AsyncIterable<ReportRow>, extras: Array<{ header: string; name: string }>, options: { raw: boolean; bom: boolean }): AsyncGenerator<string> {
  let chunk = (options.bom ? '\ufeff' : '') + csvRecord([...fixedCsvColumns, ...extras.map((extra) => extra.header)], options);
  for await (const row of rows) {
    const fixed: Record<(typeof fixedCsvColumns)[number], string> = {
      startTime: row.startTime,
      startAt: row.startAt,
      flowId: row.flowId,
      dnis: row.dnis ?? '',
      dtmf: row.dtmf ?? '',
      callId: row.callId ?? '',
      accountId: String(row.accountId),
      stage: row.stage,
      receivedAt: row.receivedAt,
    };
    const extra = new Map(Object.entries(row.extra).map(([name, value]) => [name.toLowerCase(), value]));
    chunk += csvRecord([...fixedCsvColumns.map((column) => fixed[column]), ...extras.map((column) => extra.get(column.name) ?? '')], options);
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}
