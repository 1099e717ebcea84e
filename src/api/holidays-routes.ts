import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { holidaysOfCountry } from '../holidays/country.js';
import { holidaysFromCsv } from '../holidays/csv.js';
import { ImportError, maxNameLength, parseHolidayDate, type HolidayEntry } from '../holidays/dates.js';
import { holidaysFromIcs } from '../holidays/ics.js';
import { AppError } from '../kernel/errors.js';
import { findAccount, type Account } from '../storage/accounts.js';
import type { HolidayCache } from '../holidays/cache.js';
import type { Database } from '../storage/db.js';
import { addMissingHolidays, deleteHoliday, listHolidays, putHoliday } from '../storage/holidays.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdField } from './account-schemas.js';

export interface HolidayRouteDeps {
  db: Database;
  clock: () => Date;
  /** Evicted on every change, so this node's next call sees it (other nodes within its cache time). */
  holidays?: HolidayCache;
}

const accountParams = Type.Object({ id: accountIdField });
const holidayParams = Type.Object({
  id: accountIdField,
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '`YYYY-MM-DD`.', examples: ['2026-12-25'] }),
});
const yearSchema = Type.Integer({ minimum: 1900, maximum: 2999, examples: [2026] });
const listQuery = Type.Object({ year: Type.Optional(yearSchema) }, { additionalProperties: false });
const holidayBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: maxNameLength, examples: ['Christmas Day'] }) }, { additionalProperties: false });
const holiday = Type.Object({ date: Type.String(), name: Type.String() });
const importBody = Type.Object(
  {
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2, with `year`.', examples: ['IN'] })),
    region: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,3}$', description: 'Region of the country, e.g. `MH`.', examples: ['MH'] })),
    year: Type.Optional(yearSchema),
    ics: Type.Optional(Type.String({ minLength: 1, description: 'iCalendar (.ics) text.' })),
    csv: Type.Optional(Type.String({ minLength: 1, description: '`date,name` lines.' })),
  },
  { additionalProperties: false },
);
type ImportBody = typeof importBody.static;

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

  app.get('/api/accounts/:id/holidays', { schema: { params: accountParams, querystring: listQuery, response: { 200: Type.Array(holiday) } } }, async (request) => {
    const account = await accountFor(request, request.params.id, 'read');
    const { year } = request.query;
    return listHolidays(db, account.id, year === undefined ? {} : { from: `${year}-01-01`, to: `${year}-12-31` });
  });

  app.put('/api/accounts/:id/holidays/:date', { schema: { params: holidayParams, body: holidayBody, response: { 200: holiday, 201: holiday } } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    const date = dateOf(request.params.date);
    const { name } = request.body;
    const outcome = await putHoliday(db, account.id, { date, name: name.trim() || 'Holiday' }, clock().getTime());
    deps.holidays?.evict(account.id);
    return reply.code(outcome === 'created' ? 201 : 200).send({ date, name: name.trim() || 'Holiday' });
  });

  app.delete('/api/accounts/:id/holidays/:date', { schema: { params: holidayParams } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    const date = dateOf(request.params.date);
    if (!(await deleteHoliday(db, account.id, date))) throw new AppError('NOT_FOUND', `No holiday on ${date}.`);
    deps.holidays?.evict(account.id);
    return reply.code(204).send();
  });

  app.post('/api/accounts/:id/holidays/import', { schema: { params: accountParams, body: importBody, response: { 200: Type.Object({ imported: Type.Integer() }) } } }, async (request) => {
    const account = await accountFor(request, request.params.id, 'write');
    const entries = await importedEntries(request.body, account, clock());
    const imported = await addMissingHolidays(db, account.id, entries, clock().getTime());
    deps.holidays?.evict(account.id);
    return { imported };
  });
}

/** Reads exactly one source; nothing is stored unless the whole source reads. */
async function importedEntries(body: ImportBody, account: Account, now: Date): Promise<HolidayEntry[]> {
  const sources = [body.country !== undefined, body.ics !== undefined, body.csv !== undefined].filter(Boolean).length;
  if (sources !== 1) throw fieldErrors([{ field: 'body', message: 'must have exactly one of {country, region?, year}, {ics} or {csv}' }]);
  try {
    if (body.country !== undefined) {
      if (body.year === undefined) throw new ImportError('year', 'is required with country');
      return holidaysOfCountry(body.country, body.region, body.year);
    }
    if (body.region !== undefined || body.year !== undefined) throw fieldErrors([{ field: body.region !== undefined ? 'region' : 'year', message: 'goes with country only' }]);
    if (body.ics !== undefined) {
      const currentYear = DateTime.fromJSDate(now, { zone: account.timezone }).year;
      return await holidaysFromIcs(body.ics, { accountZone: account.timezone, years: [currentYear, currentYear + 1] });
    }
    return holidaysFromCsv(body.csv as string);
  } catch (error) {
    if (error instanceof ImportError) throw fieldErrors([{ field: error.field, message: error.message }]);
    throw error;
  }
}
