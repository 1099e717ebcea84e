import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AccountCache } from '../accounts/cache.js';
import type { NumberingPlan } from '../adapters/numbering/numbering.js';
import type { TranslationService } from '../adapters/translation/service.js';
import { authenticate } from '../auth/authenticate.js';
import type { Principal, TokenResolver } from '../auth/tokens.js';
import type { HolidayCache } from '../holidays/cache.js';
import type { Shortener } from '../shortener/shortener.js';
import type { BotCache } from '../bots/cache.js';
import type { Account } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';
import { maskPhone } from '../phone/contact-id.js';
import { maskPhoneNumbers } from '../observability/redact.js';
import { parseEnvelope, testNowParam } from './envelope.js';
import { utf8JsonParser } from './body-text.js';
import { withNumbersAsWritten } from './number-literals.js';
import { AppError, ParameterError } from '../kernel/errors.js';
import { routeDoc } from '../kernel/route-doc.js';
import { parseIsoInstant } from '../time/iso-time.js';
import { KeyLookup } from './lookup.js';
import type { Stage } from '../kernel/wire.js';
import type { MethodResult, WebhookMethod } from '../methods/contract.js';
import { compileParams, readParams } from './params.js';
import { failureAnswer, shapeAnswer, type ResponseFormat, type WebhookAnswer } from './response.js';
import { errorHandler, type FailedAuthenticationGuard } from './http-errors.js';
import { invocationOf } from '../invocations/from-request.js';
import type { InvocationLog } from '../invocations/log.js';
import type { Metrics } from '../observability/metrics.js';

/** The account the protocol falls back to when no token names one (admin token, FLOWHOOKS_AUTH=off). */
export const defaultAccountId = 1;


/**
 * Keys naming the caller, recorded masked in the invocation log; the first
 * present wins (docs/methods/agents.md, docs/methods/linkcreation.md, docs/methods/find-language.md `cli`; docs/methods/preferences.md, docs/methods/preferences.md `contactNumber`; any scope).
 */
export const callerParams = ['$flow.key.cli', '$user.syskey.contactNumber'] as const;

/** The flow a call comes from (docs/methods/validate-date-and-time.md `flowId`; `flowID`, `flowid` under any scope read the same). */
export const flowIdParam = '$flow.key.flowId';

export interface WebhookRouteDeps {
  db: Database;
  methods: ReadonlyMap<string, WebhookMethod>;
  tokens: TokenResolver;
  accounts: AccountCache;
  authMode: 'token' | 'off';
  /**
   * Told of an answer whose error code may be a failed authentication (a bot's
   * token, a `securityID`): counts it, or returns the 429 to answer instead
   * (docs/operations.md, Limits). Default: nothing is counted.
   */
  refuseFailedAuthentication?: FailedAuthenticationGuard;
  /** Debug or trace logging: an internal error's log line carries its (masked) stack. */
  verboseErrors: boolean;
  /** Counts each answered call (`/metrics`). */
  metrics: Pick<Metrics, 'webhookAnswered'>;
  /** Records each call, failures included, after its answer. */
  invocationLog: Pick<InvocationLog, 'record'>;
  bodyLimit: number;
  clock: () => Date;
  numbering?: NumberingPlan;
  shortener?: Shortener;
  translation?: TranslationService;
  holidays?: HolidayCache;
  bots?: BotCache;
  /** Wakes this node's dispatcher (createOutbound of jobs due now). */
  jobsDue?: () => void;
}

/** What the request logger reports about a webhook call. */
declare module 'fastify' {
  interface FastifyRequest {
    webhook?: {
      method?: string;
      accountId?: number;
      stage?: Stage;
      outcome?: string;
      errorCode?: string;
      /** The call's `flowId` key, at most 64 characters. */
      flowId?: string;
      /** The caller's number, masked (`98XXXXXX45`). */
      caller?: string;
      /** Which rule answered, when the method says (MethodResult.answerSource). */
      answerSource?: string;
    };
  }
  interface FastifyRequest {
    /**
     * What the call said that the service did not understand: kept with its invocation, never logged
     * (docs/console.md "Misses"), so it lives beside the logged `webhook` record, not in it.
     */
    miss?: string;
  }
  interface FastifyContextConfig {
    /** Marks webhook routes: their error answers carry `status: FAILURE`. */
    webhook?: boolean;
  }
}

/** What the webhook routes read from the path and the query string; the body is the envelope, read by the protocol. */
interface WebhookRoute {
  Params: { service?: string; stage?: string };
  Querystring: { format?: string };
}
type WebhookRequest = FastifyRequest<WebhookRoute>;

/**
 * `POST /webhook` and `POST /{service}/{stage}/` (docs/protocol.md). The whole wire
 * protocol runs here once: authentication, envelope, method lookup, account,
 * parameters, the handler, and the answer's shape and HTTP status.
 */
export async function webhookRoutes(server: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  // Every method's parameter validator is compiled here, before the server listens: not in a caller's
  // first call, and a schema Ajv refuses stops the start with the method's name.
  for (const method of deps.methods.values()) {
    try {
      compileParams(method.params);
    } catch (error) {
      throw new Error(`${method.name}: its parameter schema does not compile (${(error as Error).message})`);
    }
  }
  // Some flow builders send JSON as text/plain or with no content type at all. A UTF-8 byte order mark
  // before it is dropped, as the application/json parser drops it. Either way a number keeps the text it
  // was written with when a double would change it (src/protocol/number-literals.ts).
  const parseJsonText = utf8JsonParser((_request, body, done) => {
    const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
    try {
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      done(null, withNumbersAsWritten(text, body));
    } catch {
      done(new AppError('INVALID_JSON', 'The body is not valid JSON.'), undefined);
    }
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    utf8JsonParser((request, text, done) =>
      parseJson(request, text, (error, body) => (error ? done(error) : done(null, withNumbersAsWritten(text, body)))),
    ),
  );
  app.addContentTypeParser(['text/plain', '*'], { parseAs: 'buffer' }, parseJsonText);

  const handler = (stageOf: (request: WebhookRequest) => Stage) => async (request: WebhookRequest, reply: FastifyReply) => {
    const stage = stageOf(request);
    const format = responseFormat(request);
    request.webhook = { stage };
    const answer = await answerCall(request, stage, deps);
    const refused = answer.body.error && deps.refuseFailedAuthentication?.(request, reply, answer.body.error.code);
    if (refused) throw refused;
    request.webhook.outcome = answer.body.status;
    request.webhook.errorCode = answer.body.error?.code;
    return reply.code(answer.status).send(shapeAnswer(answer.body, format));
  };

  // Every error of this scope (refused tokens, limits, shedding, unreadable bodies, faults) keeps the
  // webhook shape: flows read errorCode from the keys (docs/protocol.md).
  app.setErrorHandler(
    errorHandler({
      verbose: deps.verboseErrors,
      refuseFailedAuthentication: deps.refuseFailedAuthentication,
      send: (answer, request) => {
        request.webhook = { ...request.webhook, outcome: 'FAILURE', errorCode: answer.code };
        // Any media type is read as JSON here (docs/protocol.md): a 415 means the header names none at all.
        const message = answer.code === 'UNSUPPORTED_MEDIA_TYPE' ? 'The Content-Type header is not a media type (type/subtype): send application/json, or no Content-Type.' : answer.message;
        return shapeAnswer(failureAnswer(request.webhook.method, [], { code: answer.code, message, ...answer.extra }), responseFormat(request));
      },
    }),
  );
  // After the answer: the call's metrics and its invocation-log entry, in one hook (a promise a hook costs measurably).
  app.addHook('onResponse', (request, reply, done) => {
    const call = request.webhook;
    deps.metrics.webhookAnswered(call?.method ?? 'unknown', call?.stage ?? 'unknown', call?.outcome ?? 'FAILURE', reply.statusCode, reply.elapsedTime / 1000);
    const entry = invocationOf(request, reply, deps.clock().getTime());
    if (entry) deps.invocationLog.record(entry);
    done();
  });

  // No body schema: the protocol layer reads the body; docs/openapi.ts builds the operation from the methods (`x-webhook`).
  const doc = routeDoc('Webhook');
  const options = (summary: string) => ({ bodyLimit: deps.bodyLimit, schema: { ...doc(summary), 'x-webhook': true as const } });
  app.post<WebhookRoute>('/webhook', options('Call a webhook method (prod stage)'), handler(() => 'prod'));
  app.post<WebhookRoute>('/:service/:stage', options('Call a webhook method on a service path and stage'), handler((request) => {
    const stage = request.params.stage ?? '';
    if (stage !== 'prod' && stage !== 'test') {
      throw new AppError('UNKNOWN_STAGE', `Unknown stage "${stage.slice(0, 32)}": use prod or test.`);
    }
    return stage;
  }));
}

/** `?format=flat` in any case; anything else (absent, repeated, another word) is the keys shape. */
function responseFormat(request: FastifyRequest): ResponseFormat {
  const format = (request.query as WebhookRoute['Querystring'] | undefined)?.format;
  return typeof format === 'string' && format.toLowerCase() === 'flat' ? 'flat' : 'keys';
}

async function answerCall(request: FastifyRequest, stage: Stage, deps: WebhookRouteDeps): Promise<{ status: number; body: WebhookAnswer }> {
  const principal = await authenticate(request.headers.authorization, deps.tokens, { allowTrusted: deps.authMode === 'off' });
  const call = (request.webhook ??= { stage });
  // The token's account owns the call in the invocation log, even when the call then fails.
  if (principal.kind === 'account') call.accountId = principal.accountId;
  const envelope = parseEnvelope(request.body);
  const lookup = new KeyLookup(envelope.keys);
  const flowId = lookup.text(flowIdParam)?.slice(0, 64);
  // Logged and kept in the invocation log: a caller's number inside it is masked, as in a request id.
  call.flowId = flowId === undefined ? undefined : maskPhoneNumbers(flowId);
  for (const name of callerParams) {
    const number = lookup.text(name);
    if (number === undefined) continue;
    call.caller = maskPhone(number);
    break;
  }
  const method = deps.methods.get(envelope.method.toLowerCase());
  if (!method) {
    const known = [...deps.methods.values()].map((known) => known.name).join(', ');
    throw new AppError('UNKNOWN_METHOD', `Unknown method "${envelope.method.slice(0, 64)}". Known methods: ${known}.`, {
      knownMethods: [...deps.methods.values()].map((known) => known.name),
    });
  }
  call.method = method.name;
  let account: Account | undefined;
  try {
    const callAccount = await resolveAccount(method, lookup, principal, deps.accounts);
    account = callAccount;
    call.accountId = callAccount.id;
    const receivedAt = deps.clock();
    const now = resolveNow(lookup, stage, receivedAt);
    const params = readParams<Record<string, unknown>>(method.params, lookup);
    const result = await method.handle(
      { params, keys: envelope.keys },
      {
        account: callAccount,
        stage,
        now,
        receivedAt,
        db: deps.db,
        log: request.log,
        requestId: request.id,
        numbering: deps.numbering,
        idempotencyKey: headerText(request.headers['idempotency-key']),
        shortener: deps.shortener,
        translation: deps.translation,
        holidays: deps.holidays,
        bots: deps.bots,
        jobsDue: deps.jobsDue,
        noteMiss: (miss) => {
          if (callAccount.recordMisses) request.miss = miss;
        },
      },
    );
    call.answerSource = result.answerSource;
    return { status: 200, body: answerFrom(method, result) };
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    const parameters = error.issues.map((issue) => issue.parameter);
    // An unusable `accountID` fails before the call's account is known: the token's account's defaults apply, or
    // without an account token (admin token, FLOWHOOKS_AUTH=off) those of the account the protocol falls back to.
    account ??= await deps.accounts.get(principal.kind === 'account' ? principal.accountId : defaultAccountId);
    // A method's defaults may use the parameters that were valid, never one the error names.
    const readValid = (name: string) => (parameters.includes(name) ? undefined : lookup.text(name));
    return {
      // Flow builders that send any non-2xx down a "Fail" branch unread get 200 when the account asks (docs/protocol.md).
      status: account?.parameterErrorStatus === 200 ? 200 : error.status,
      body: failureAnswer(method.name, [...method.failureOutputs, ...((account && method.failureDefaults?.(account, readValid)) ?? [])], {
        code: error.code,
        message: error.message,
        parameters,
      }),
    };
  }
}

function answerFrom(method: WebhookMethod, result: MethodResult): WebhookAnswer {
  if (result.outcome === 'SUCCESS') return { method: method.name, status: 'SUCCESS', outputs: result.outputs };
  return failureAnswer(method.name, result.outputs, result.error);
}

/**
 * A token decides the account; an `accountID` key naming another account is
 * 403. Without an account token (admin token, FLOWHOOKS_AUTH=off) the key is
 * trusted, and a method whose keys carry no account uses account 1.
 */
async function resolveAccount(method: WebhookMethod, lookup: KeyLookup, principal: Principal, accounts: AccountCache): Promise<Account> {
  const named = method.accountParam ? lookup.text(method.accountParam) : undefined;
  let requestedId: number | undefined;
  if (named !== undefined) {
    if (!/^\d{1,9}$/.test(named)) {
      throw ParameterError.single(method.accountParam as string, 'INVALID_PARAMETER', `${method.accountParam} must be a whole number of at most 9 digits`);
    }
    requestedId = Number(named);
  }
  if (principal.kind === 'account') {
    if (requestedId !== undefined && requestedId !== principal.accountId) {
      throw new AppError('FORBIDDEN_ACCOUNT', 'The keys name an account this token does not belong to.');
    }
    const account = await accounts.get(principal.accountId);
    if (!account) throw new AppError('UNAUTHORIZED', 'The token\'s account no longer exists.');
    return account;
  }
  const account = await accounts.get(requestedId ?? defaultAccountId);
  if (!account) {
    if (requestedId === undefined) throw new AppError('UNAUTHORIZED', 'No account is named and the default account does not exist.');
    throw ParameterError.single(method.accountParam as string, 'ACCOUNT_NOT_FOUND', `${method.accountParam} names no account`);
  }
  return account;
}

function resolveNow(lookup: KeyLookup, stage: Stage, receivedAt: Date): Date {
  if (stage !== 'test') return receivedAt;
  const pinned = lookup.text(testNowParam);
  if (pinned === undefined) return receivedAt;
  const time = parseIsoInstant(pinned);
  if (time === undefined) {
    throw ParameterError.single(testNowParam, 'INVALID_PARAMETER', `${testNowParam} must be an ISO 8601 date-time with an offset of a day that exists, e.g. 2026-12-06T19:00:00+05:30`);
  }
  return new Date(time);
}

/** A header's value, trimmed; empty and repeated-header arrays read as absent. */
function headerText(value: string | string[] | undefined): string | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  return text ? text : undefined;
}
