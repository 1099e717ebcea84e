import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { holidaysOfCountry } from '../holidays/country.js';
import { holidaysFromCsv } from '../holidays/csv.js';
import { ImportError, parseHolidayDate, type HolidayEntry } from '../holidays/dates.js';
import { holidaysFromIcsInWorker } from '../holidays/ics-worker.js';
import { importSlots, ImportsBusy, type ImportSlots } from '../holidays/import-slots.js';
import { AppError } from '../kernel/errors.js';
import { deleted, routeDoc } from '../kernel/route-doc.js';
import { findAccount, type Account } from '../storage/accounts.js';
import type { HolidayCache } from '../holidays/cache.js';
import type { Database } from '../storage/db.js';
import { addMissingHolidays, deleteHoliday, listHolidays, putHoliday } from '../storage/holidays.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams } from './account-schemas.js';
import { holidayBody, holidayParams, holidayResponse, holidayImportBody, holidayImportResponse, holidayListQuery, type HolidayImportBody } from './holiday-schemas.js';

export interface HolidayRouteDeps {
  db: Database;
  clock: () => Date;
  /** Evicted on every change, so this node's next call sees it (other nodes within its cache time). */
  holidays?: HolidayCache;
}

const doc = routeDoc('Holidays');

/** `/api/accounts/{id}/holidays…`: the account holiday calendar (docs/management-api.md). */
export async function holidayRoutes(server: FastifyInstance, deps: HolidayRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  async function accountFor(request: FastifyRequest, id: number, access: 'read' | 'write'): Promise<Account> {
    assertAccountAccess(request, id, access);
    return existingAccount(id, (accountId) => findAccount(db, accountId));
  }

  function dateOf(date: string): string {
    const parsed = parseHolidayDate(date);
    if (!parsed) throw fieldErrors([{ field: 'date', message: 'must be a real day as YYYY-MM-DD' }]);
    return parsed;
  }

  const listDoc = doc('List holidays, optionally of one year');
  app.get('/api/accounts/:id/holidays', { schema: { ...listDoc, params: accountIdParams, querystring: holidayListQuery, response: { 200: Type.Array(holidayResponse) } } }, async (request) => {
    const account = await accountFor(request, request.params.id, 'read');
    const { year } = request.query;
    return listHolidays(db, account.id, year === undefined ? {} : { from: `${year}-01-01`, to: `${year}-12-31` });
  });

  const putDoc = doc('Add or rename a holiday');
  app.put('/api/accounts/:id/holidays/:date', { schema: { ...putDoc, params: holidayParams, body: holidayBody, response: { 200: holidayResponse, 201: holidayResponse } } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    const date = dateOf(request.params.date);
    const { name } = request.body;
    const outcome = await putHoliday(db, account.id, { date, name: name.trim() || 'Holiday' }, clock().getTime());
    deps.holidays?.evict(account.id);
    return reply.code(outcome === 'created' ? 201 : 200).send({ date, name: name.trim() || 'Holiday' });
  });

  app.delete('/api/accounts/:id/holidays/:date', { schema: { ...doc('Remove a holiday', { responses: deleted }), params: holidayParams } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    const date = dateOf(request.params.date);
    if (!(await deleteHoliday(db, account.id, date))) throw new AppError('NOT_FOUND', `No holiday on ${date}.`);
    deps.holidays?.evict(account.id);
    return reply.code(204).send();
  });

  const importDoc = doc("Import a country's (and region's) public holidays for a year", {
    responses: { '503': 'OVERLOADED: two imports are reading on this node and eight more wait; `Retry-After` says when to try again. Nothing was imported.' },
  });
  // Country and iCalendar imports read in a worker thread each (docs/management-api.md, holidays).
  const workers = importSlots(2, 8);
  app.post('/api/accounts/:id/holidays/import', { schema: { ...importDoc, params: accountIdParams, body: holidayImportBody, response: { 200: holidayImportResponse } } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    const entries = await importedEntries(request.body, account, clock(), workers).catch((error: unknown) => {
      if (!(error instanceof ImportsBusy)) throw error;
      reply.header('retry-after', 5);
      throw new AppError('OVERLOADED', 'Too many holiday imports are running on this node; try again in a few seconds.');
    });
    const imported = await addMissingHolidays(db, account.id, entries, clock().getTime());
    deps.holidays?.evict(account.id);
    return { imported };
  });
}

/** Reads exactly one source; nothing is stored unless the whole source reads. */
async function importedEntries(body: HolidayImportBody, account: Account, now: Date, workers: ImportSlots): Promise<HolidayEntry[]> {
  const sources = [body.country !== undefined, body.ics !== undefined, body.csv !== undefined].filter(Boolean).length;
  if (sources !== 1) throw fieldErrors([{ field: 'body', message: 'must have exactly one of {country, region?, year}, {ics} or {csv}' }]);
  try {
    if (body.country !== undefined) {
      if (body.year === undefined) throw new ImportError('year', 'is required with country');
      const { country, region, year } = body;
      return await workers.run(() => holidaysOfCountry(country, region, year));
    }
    if (body.region !== undefined || body.year !== undefined) throw fieldErrors([{ field: body.region !== undefined ? 'region' : 'year', message: 'goes with country only' }]);
    if (body.ics !== undefined) {
      const currentYear = DateTime.fromJSDate(now, { zone: account.timezone }).year;
      // In a worker of its own, ended after the import: a hostile rule cannot hold this event loop, and the parser is not kept.
      const ics = body.ics;
      return await workers.run(() => holidaysFromIcsInWorker(ics, { accountZone: account.timezone, years: [currentYear, currentYear + 1] }));
    }
    return holidaysFromCsv(body.csv as string);
  } catch (error) {
    if (error instanceof ImportError) throw fieldErrors([{ field: error.field, message: error.message }]);
    throw error;
  }
}
