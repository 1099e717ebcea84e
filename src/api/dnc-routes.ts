import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badNumberMessage, readScrubFile, scrubNumberE164 } from '../do-not-call/scrub-file.js';
import { AppError } from '../kernel/errors.js';
import { deleted, routeDoc } from '../kernel/route-doc.js';
import { findAccount, type Account } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';
import {
  addDoNotCallNumbers,
  countDoNotCallNumbers,
  eachDoNotCallNumber,
  findDoNotCallEntry,
  importDoNotCallNumbers,
  listDoNotCallNumbers,
  removeDoNotCallNumber,
  type DoNotCallEntry,
} from '../storage/do-not-call.js';
import { assertAccountAccess, existingAccount, fieldErrors } from './access.js';
import { accountIdParams } from './account-schemas.js';
import {
  doNotCallAddBody,
  doNotCallAddResponse,
  doNotCallEntry,
  doNotCallImportResponse,
  doNotCallListQuery,
  doNotCallNumberParams,
  doNotCallPageResponse,
} from './dnc-schemas.js';

export interface DoNotCallRouteDeps {
  db: Database;
  clock: () => Date;
  /** FLOWHOOKS_DNC_IMPORT_MAX_BYTES. */
  importMaxBytes: number;
}

/** Rows per database read while an export streams. */
const exportBatchSize = 5000;

/** The content types an import accepts; each is read as a stream, never buffered whole. */
const scrubFileTypes = ['text/csv', 'text/plain', 'application/octet-stream'];

const doc = routeDoc('Do-not-call');
const importDoc = doc('Import a scrub file (text/csv or text/plain, streamed): all rows or none', {
  responses: {
    '413': 'BODY_TOO_LARGE: the file is larger than FLOWHOOKS_DNC_IMPORT_MAX_BYTES; nothing was imported.',
    '415': 'UNSUPPORTED_MEDIA_TYPE: send the file as text/csv, text/plain or application/octet-stream.',
    '422': 'VALIDATION_FAILED: `error.fields` names each bad row by line number (the first 100), `error.badRows` counts them; nothing was imported.',
  },
  // The route reads the file as a stream, so no body schema shows it.
  requestBody: {
    contentTypes: ['text/csv', 'text/plain'],
    description: 'A scrub file: one number a line, or CSV with the number in the first column (a first line without a digit is a header). Read whole and checked before anything is stored.',
    example: 'number,name\n+919876543210,Asha\n09812345678,Ravi\n',
  },
});

/**
 * `/api/accounts/{id}/dnc…`: an account's do-not-call list — add, remove,
 * look up, search in pages, import a scrub file, export (docs/methods/create-outbound.md, "Do-not-call lists").
 * Registered in a scope of its own: here a CSV body is a stream, not the
 * string the numbering import reads.
 */
export async function doNotCallRoutes(server: FastifyInstance, deps: DoNotCallRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;
  app.removeContentTypeParser(scrubFileTypes.filter((type) => app.hasContentTypeParser(type)));
  app.addContentTypeParser(scrubFileTypes, (_request, payload, done) => done(null, payload));

  async function accountFor(request: FastifyRequest, id: number, access: 'read' | 'write'): Promise<Account> {
    assertAccountAccess(request, id, access);
    return existingAccount(id, (accountId) => findAccount(db, accountId));
  }

  function numberOf(number: string, account: Account): string {
    const e164 = scrubNumberE164(number.trim(), account.country);
    if (!e164) throw fieldErrors([{ field: 'number', message: badNumberMessage(number.trim(), account.country) }]);
    return e164;
  }

  const searchDoc = doc('Search the do-not-call list, a page at a time');
  app.get('/api/accounts/:id/dnc', { schema: { ...searchDoc, params: accountIdParams, querystring: doNotCallListQuery, response: { 200: doNotCallPageResponse } } }, async (request) => {
    const account = await accountFor(request, request.params.id, 'read');
    const query = request.query;
    const digits = query.search === undefined ? undefined : searchDigits(query.search, account.country);
    if (digits === '') throw fieldErrors([{ field: 'search', message: 'must hold at least one digit' }]);
    const [{ entries: numbers, more }, total] = await Promise.all([
      listDoNotCallNumbers(db, account.id, { digits, after: query.cursor, limit: query.limit }),
      countDoNotCallNumbers(db, account.id, digits),
    ]);
    // null on the page that holds the last number, not one page later (docs/management-api.md).
    return { numbers, total, next: more ? (numbers[numbers.length - 1]?.number ?? null) : null };
  });

  const addDoc = doc('Add numbers to the do-not-call list');
  app.post('/api/accounts/:id/dnc', { schema: { ...addDoc, params: accountIdParams, body: doNotCallAddBody, response: { 200: doNotCallAddResponse } } }, async (request) => {
    const account = await accountFor(request, request.params.id, 'write');
    const { numbers: typed } = request.body;
    const numbers: string[] = [];
    const issues: Array<{ field: string; message: string }> = [];
    typed.forEach((text, index) => {
      const e164 = scrubNumberE164(text.trim(), account.country);
      if (e164) numbers.push(e164);
      else issues.push({ field: `numbers[${index}]`, message: badNumberMessage(text.trim(), account.country) });
    });
    if (issues.length) throw fieldErrors(issues);
    const distinct = [...new Set(numbers)];
    const added = await addDoNotCallNumbers(db, account.id, distinct, 'api', clock().getTime());
    return { added, alreadyPresent: distinct.length - added, total: distinct.length, listSize: await countDoNotCallNumbers(db, account.id), numbers: distinct };
  });

  const exportDoc = doc('The do-not-call list as CSV (streamed)', { responses: { '200': 'CSV `number,source,addedAt`, one listed number a line, streamed.' } });
  app.get('/api/accounts/:id/dnc/export', { schema: { ...exportDoc, params: accountIdParams } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'read');
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="do-not-call-${account.id}.csv"`);
    // One chunk waits at most, as the report export (src/api/reports-routes.ts): flat memory.
    return reply.send(Readable.from(exportChunks(eachDoNotCallNumber(db, account.id, exportBatchSize)), { highWaterMark: 1 }));
  });

  app.post('/api/accounts/:id/dnc/import', { schema: { ...importDoc, params: accountIdParams, response: { 200: doNotCallImportResponse } } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    const body = request.body;
    if (!(body instanceof Readable)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the scrub file as the body with Content-Type text/csv, text/plain or application/octet-stream: one number a line, or CSV with the number in the first column.');
    }
    // The whole file is read and checked before anything is stored.
    const file = await readScrubFile(body, account.country, { maxBytes: deps.importMaxBytes });
    if (file.tooLarge) {
      // The rest of the upload is read and dropped, so the client reads this answer rather than a reset connection.
      body.resume();
      reply.header('connection', 'close');
      throw new AppError('BODY_TOO_LARGE', `The scrub file is larger than ${deps.importMaxBytes} bytes (FLOWHOOKS_DNC_IMPORT_MAX_BYTES); nothing was imported.`);
    }
    if (file.badRowCount > 0) {
      const shown = file.badRows.slice(0, 5).map((row) => `line ${row.line}: ${row.message}`).join('; ');
      const more = file.badRowCount > 5 ? `; and ${file.badRowCount - 5} more` : '';
      throw new AppError('VALIDATION_FAILED', `Nothing was imported: ${file.badRowCount} bad rows (${shown}${more}).`, {
        badRows: file.badRowCount,
        fields: file.badRows.map((row) => ({ field: `line ${row.line}`, line: row.line, message: row.message })),
      });
    }
    if (file.rows === 0) throw fieldErrors([{ field: 'body', message: 'holds no numbers; nothing was imported' }]);
    const added = await importDoNotCallNumbers(db, account.id, file.numbers, clock().getTime());
    return { added, alreadyPresent: file.distinct - added, total: file.distinct, rows: file.rows, listSize: await countDoNotCallNumbers(db, account.id) };
  });

  const lookupDoc = doc('Whether a number is on the do-not-call list');
  app.get('/api/accounts/:id/dnc/:number', { schema: { ...lookupDoc, params: doNotCallNumberParams, response: { 200: doNotCallEntry } } }, async (request) => {
    const account = await accountFor(request, request.params.id, 'read');
    const number = numberOf(request.params.number, account);
    const found = await findDoNotCallEntry(db, account.id, number);
    if (!found) throw new AppError('NOT_FOUND', 'That number is not on the do-not-call list.');
    return found;
  });

  const removeDoc = doc('Remove a number from the do-not-call list', { responses: deleted });
  app.delete('/api/accounts/:id/dnc/:number', { schema: { ...removeDoc, params: doNotCallNumberParams } }, async (request, reply) => {
    const account = await accountFor(request, request.params.id, 'write');
    if (!(await removeDoNotCallNumber(db, account.id, numberOf(request.params.number, account)))) throw new AppError('NOT_FOUND', 'That number is not on the do-not-call list.');
    return reply.code(204).send();
  });
}

/**
 * The digits a search looks for: a whole valid number is searched as its
 * E.164 digits (so `09876543210` finds `+919876543210`); anything else as the
 * digits it holds, without a leading trunk 0.
 */
export function searchDigits(search: string, region: string): string {
  const e164 = scrubNumberE164(search.trim(), region);
  if (e164) return e164.slice(1);
  return search.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
}

/** The export as CSV (`number,source,addedAt`) in chunks of about 64 KiB; it imports back as it is. */
async function* exportChunks(entries: AsyncIterable<DoNotCallEntry>): AsyncGenerator<string> {
  let chunk = 'number,source,addedAt\n';
  for await (const listed of entries) {
    chunk += `${listed.number},${listed.source},${listed.addedAt}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}
