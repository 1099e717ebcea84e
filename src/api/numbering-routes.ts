import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import type { ImportedSeriesSync } from '../adapters/numbering/imported-sync.js';
import { readSeriesImport } from '../adapters/numbering/import-rows.js';
import type { NumberingPlan } from '../adapters/numbering/numbering.js';
import { answerFindLanguage, readFindLanguageInput } from '../methods/find-language/answer.js';
import { languageSources } from '../methods/find-language/rules.js';
import { AppError } from '../kernel/errors.js';
import { routeDoc } from '../kernel/route-doc.js';
import { importSeries } from '../storage/numbering-series.js';
import { countAnswerSources } from '../storage/invocations.js';
import { findPreference } from '../storage/preferences.js';
import type { Database } from '../storage/db.js';
import { assertAccountAccess, assertAdmin, existingAccount, fieldErrors } from './access.js';
import { lookupQuery, lookupResponse, sourcesQuery, sourcesResponse } from './numbering-schemas.js';

export interface NumberingRouteDeps {
  db: Database;
  plan: NumberingPlan;
  sync: ImportedSeriesSync;
  accounts: AccountCache;
  clock: () => Date;
}

const dayMs = 86_400_000;

const doc = routeDoc('Numbering');

/** `GET /api/numbering/lookup`, `GET /api/numbering/language-sources` and `POST /api/numbering/import` (docs/management-api.md). */
export async function numberingRoutes(server: FastifyInstance, deps: NumberingRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, plan } = deps;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/api/numbering/lookup', { schema: { ...doc('Operator, circle and language of a number'), querystring: lookupQuery, response: { 200: lookupResponse } } }, async (request) => {
    const query = request.query;
    const principal = request.principal;
    const accountId = query.accountId ?? (principal?.kind === 'account' ? principal.accountId : 1);
    assertAccountAccess(request, accountId, 'read');
    const account = await existingAccount(accountId, deps.accounts.get);

    const input = readFindLanguageInput({ cli: query.number, cliSource: query.cliSource, languageSupported: query.languageSupported }, account.country);
    if (!input.ok) throw fieldErrors(input.issues.map((issue) => ({ field: issue.field === 'cli' ? 'number' : issue.field, message: issue.message })));
    const answer = await answerFindLanguage(input.value, { plan, account, readPreference: (id, contactId, name) => findPreference(db, id, contactId, name) });
    const { facts, language } = answer;
    return {
      kind: facts.kind,
      prefix: facts.prefix,
      source: facts.source,
      operator: answer.operator,
      operatorSource: answer.operatorSource,
      currentOperator: facts.operator,
      legacyOperator: facts.legacyOperator,
      operatorStatus: facts.operatorStatus,
      circle: facts.circle?.name ?? 'UNKNOWN',
      circleCode: facts.circle?.code ?? null,
      circleAlternative: facts.circleAlternative && { code: facts.circleAlternative.code, name: facts.circleAlternative.name },
      state: facts.state,
      place: facts.place,
      languages: facts.languages,
      ...(language && { language: language.language, languageReason: language.reason, languageSource: language.source }),
      ...(answer.storedPreference !== undefined && { storedPreference: answer.storedPreference }),
      confidence: facts.confidence,
      sources: facts.sources,
      note: facts.note,
    };
  });

  const sourcesDoc = doc("How often each findLanguage rule answered an account's calls (last 7 days by default)");
  app.get('/api/numbering/language-sources', { schema: { ...sourcesDoc, querystring: sourcesQuery, response: { 200: sourcesResponse } } }, async (request) => {
    const query = request.query;
    const principal = request.principal;
    const accountId = query.accountId ?? (principal?.kind === 'account' ? principal.accountId : 1);
    assertAccountAccess(request, accountId, 'read');
    await existingAccount(accountId, deps.accounts.get);
    const days = query.days ?? 7;
    const since = deps.clock().getTime() - days * dayMs;
    const counted = await countAnswerSources(db, accountId, 'findLanguage', since);
    const sources = Object.fromEntries(languageSources.map((source) => [source, counted.find((row) => row.source === source)?.calls ?? 0]));
    return { accountId, days, since: new Date(since).toISOString(), total: counted.reduce((sum, row) => sum + row.calls, 0), sources };
  });

  // The shipped series file is about 560 KiB; 100,000 rows of it would be about 12 MiB.
  const importDoc = doc('Import numbering series (CSV)', { responses: { '415': 'UNSUPPORTED_MEDIA_TYPE: send the series as text/csv.' } });
  app.post('/api/numbering/import', { bodyLimit: 16 * 1024 * 1024, schema: importDoc }, async (request, reply) => {
    assertAdmin(request);
    if (typeof request.body !== 'string') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the series as CSV (Content-Type: text/csv) with the columns of mobile-series.csv.');
    }
    const { rows, issues } = readSeriesImport(request.body, plan);
    if (issues.length) {
      throw new AppError('VALIDATION_FAILED', `Nothing was imported: ${issues.map((issue) => `line ${issue.line} ${issue.field} ${issue.message}`).slice(0, 5).join('; ')}`, {
        fields: issues.map((issue) => ({ field: `line ${issue.line}: ${issue.field}`, line: issue.line, column: issue.field, message: issue.message })),
      });
    }
    const now = deps.clock().getTime();
    const { id } = await importSeries(db, rows, now);
    // This node answers with the new series at once; others pick them up at their next poll.
    await deps.sync.refresh();
    return reply.code(200).send({ id, imported: rows.length, importedSeries: plan.importedCount() });
  });
}
