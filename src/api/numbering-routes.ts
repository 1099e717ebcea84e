import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountCache } from '../accounts/cache.js';
import type { ImportedSeriesSync } from '../adapters/numbering/imported-sync.js';
import { readSeriesImport } from '../adapters/numbering/import-rows.js';
import type { NumberingPlan } from '../adapters/numbering/numbering.js';
import { chooseLanguage, callerFacts, operatorName, parseCli, parseCliSource, supportedLanguages } from '../methods/find-language/rules.js';
import { AppError } from '../protocol/errors.js';
import { importSeries } from '../storage/numbering-series.js';
import type { Database } from '../storage/db.js';
import { assertAccountAccess, assertAdmin, fieldErrors } from './access.js';
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
    languageSupported: Type.Optional(Type.String({ maxLength: 1000, description: 'Comma-separated languages; when given, the answer includes the chosen `language`.' })),
    cliSource: Type.Optional(Type.String({ maxLength: 16, description: '`MOBILE` or `LANDLINE`; detected when absent.' })),
    accountId: Type.Optional(Type.Integer({ minimum: accountIdField.minimum, maximum: accountIdField.maximum, description: "Account whose default language and operator names apply. Default: the token's account, or account 1 for the admin token." })),
  },
  { additionalProperties: false },
);
type LookupQuery = Static<typeof lookupQuery>;

const circleSchema = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);
const nullableText = Type.Union([Type.String(), Type.Null()]);
const lookupResponse = Type.Object({
  kind: Type.String(),
  prefix: nullableText,
  source: Type.String(),
  operator: Type.String(),
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
  confidence: Type.String(),
  sources: nullableText,
  note: nullableText,
});

/** `GET /api/numbering/lookup` and `POST /api/numbering/import` (docs/management-api.md). */
export async function numberingRoutes(app: FastifyInstance, deps: NumberingRouteDeps): Promise<void> {
  const { db, plan } = deps;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/api/numbering/lookup', { schema: { querystring: lookupQuery, response: { 200: lookupResponse } } }, async (request) => {
    const query = request.query as LookupQuery;
    const principal = request.principal;
    const accountId = query.accountId ?? (principal?.kind === 'account' ? principal.accountId : 1);
    assertAccountAccess(request, accountId, 'read');
    const account = await deps.accounts.get(accountId);
    if (!account) throw new AppError('NOT_FOUND', `Account ${accountId} not found.`);

    const cli = parseCli(query.number);
    const issues: Array<{ field: string; message: string }> = [];
    if (!cli.ok) issues.push({ field: 'number', message: cli.reason });
    const declaredKind = query.cliSource === undefined ? undefined : parseCliSource(query.cliSource);
    if (query.cliSource !== undefined && !declaredKind) issues.push({ field: 'cliSource', message: 'must be MOBILE or LANDLINE' });
    const supported = query.languageSupported === undefined ? undefined : supportedLanguages(query.languageSupported);
    if (supported?.length === 0) issues.push({ field: 'languageSupported', message: 'must name at least one language' });
    if (issues.length || !cli.ok) throw fieldErrors(issues);

    const facts = callerFacts(plan, cli.national, declaredKind);
    const chosen = supported ? chooseLanguage(facts.languages, supported, account.defaultLanguage) : undefined;
    return {
      kind: facts.kind,
      prefix: facts.prefix,
      source: facts.source,
      operator: operatorName(facts, account.operatorNames),
      currentOperator: facts.operator,
      legacyOperator: facts.legacyOperator,
      operatorStatus: facts.operatorStatus,
      circle: facts.circle?.name ?? 'UNKNOWN',
      circleCode: facts.circle?.code ?? null,
      circleAlternative: facts.circleAlternative && { code: facts.circleAlternative.code, name: facts.circleAlternative.name },
      state: facts.state,
      place: facts.place,
      languages: facts.languages,
      ...(chosen && { language: chosen.language, languageReason: chosen.reason }),
      confidence: facts.confidence,
      sources: facts.sources,
      note: facts.note,
    };
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
