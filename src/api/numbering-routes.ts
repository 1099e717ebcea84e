import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import type { ImportedSeriesSync } from '../adapters/numbering/imported-sync.js';
import { readSeriesImport } from '../adapters/numbering/import-rows.js';
import type { NumberingPlan } from '../adapters/numbering/numbering.js';
import { answerFindLanguage, readFindLanguageInput } from '../methods/find-language/answer.js';
import { languageSources } from '../methods/find-language/rules.js';
import { AppError } from '../kernel/errors.js';
import { importSeries } from '../storage/numbering-series.js';
import { countAnswerSources } from '../storage/invocations.js';
import { findPreference } from '../storage/preferences.js';
import type { Database } from '../storage/db.js';
import { assertAccountAccess, assertAdmin, existingAccount, fieldErrors } from './access.js';
import { accountIdField } from './account-schemas.js';

export interface NumberingRouteDeps {
  db: Database;
  plan: NumberingPlan;
  sync: ImportedSeriesSync;
  accounts: AccountCache;
  clock: () => Date;
}

const lookupQuery = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 32, description: '10 digits, optionally after 0, 91 or +91.' }),
    languageSupported: Type.Optional(Type.String({ maxLength: 1000, description: "Comma-separated languages; when given, the answer includes the chosen `language` (the caller's stored preference first, as findLanguage does)." })),
    cliSource: Type.Optional(Type.String({ maxLength: 16, description: '`MOBILE` or `LANDLINE`; detected when absent.' })),
    accountId: Type.Optional(Type.Integer({ minimum: accountIdField.minimum, maximum: accountIdField.maximum, description: "Account whose preferences, default language and operator names apply. Default: the token's account, or account 1 for the admin token." })),
  },
  { additionalProperties: false },
);

const circleSchema = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);
const nullableText = Type.Union([Type.String(), Type.Null()]);
const lookupResponse = Type.Object({
  kind: Type.String(),
  prefix: nullableText,
  source: Type.String(),
  operator: Type.String(),
  operatorSource: Type.String({ description: '`allotment`, `import` or `none`, as findLanguage\'s cliOperatorSource.' }),
  currentOperator: nullableText,
  legacyOperator: nullableText,
  operatorStatus: nullableText,
  circle: Type.String(),
  circleCode: nullableText,
  circleAlternative: circleSchema,
  state: nullableText,
  place: nullableText,
  languages: Type.Union([Type.Object({ primary: Type.String(), secondary: Type.String() }), Type.Null()]),
  language: Type.Optional(Type.String()),
  languageReason: Type.Optional(Type.String()),
  languageSource: Type.Optional(Type.String({ description: 'As findLanguage\'s cliLanguageSource: `preference`, `circle`, `state`, `default` or `first`.' })),
  storedPreference: Type.Optional(Type.String({ description: "The caller's stored preference under the account's languagePreferenceKey, when there is one (used only when languageSupported has it)." })),
  confidence: Type.String(),
  sources: nullableText,
  note: nullableText,
});

const dayMs = 86_400_000;

const sourcesQuery = Type.Object(
  {
    accountId: Type.Optional(Type.Integer({ minimum: accountIdField.minimum, maximum: accountIdField.maximum, description: "Default: the token's account, or account 1 for the admin token." })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'The window, in days back from now. Default 7 (entries older than the invocation log retention are gone).' })),
  },
  { additionalProperties: false },
);

const sourcesResponse = Type.Object({
  accountId: Type.Integer(),
  days: Type.Integer(),
  since: Type.String({ format: 'date-time' }),
  total: Type.Integer({ description: 'findLanguage calls answered in the window.' }),
  sources: Type.Object(Object.fromEntries(languageSources.map((source) => [source, Type.Integer()])), { description: 'Calls per cliLanguageSource.' }),
});

/** `GET /api/numbering/lookup`, `GET /api/numbering/language-sources` and `POST /api/numbering/import` (docs/management-api.md). */
export async function numberingRoutes(server: FastifyInstance, deps: NumberingRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { db, plan } = deps;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/api/numbering/lookup', { schema: { querystring: lookupQuery, response: { 200: lookupResponse } } }, async (request) => {
    const query = request.query;
    const principal = request.principal;
    const accountId = query.accountId ?? (principal?.kind === 'account' ? principal.accountId : 1);
    assertAccountAccess(request, accountId, 'read');
    const account = await existingAccount(accountId, deps.accounts.get);

    const input = readFindLanguageInput({ cli: query.number, cliSource: query.cliSource, languageSupported: query.languageSupported });
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

  app.get('/api/numbering/language-sources', { schema: { querystring: sourcesQuery, response: { 200: sourcesResponse } } }, async (request) => {
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
  app.post('/api/numbering/import', { bodyLimit: 16 * 1024 * 1024 }, async (request, reply) => {
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
