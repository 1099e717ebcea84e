import type { Static, TObject } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { NumberingPlan } from '../adapters/numbering/numbering.js';
import type { TranslationService } from '../adapters/translation/service.js';
import type { HolidayCache } from '../holidays/cache.js';
import type { Account } from '../storage/accounts.js';
import type { Shortener } from '../shortener/shortener.js';
import type { BotCache } from '../bots/cache.js';
import type { Database } from '../storage/db.js';
import type { Output, Stage, WireKey } from '../kernel/wire.js';
import { methodErrorCodes, type ErrorCode, type OutcomeCode } from '../kernel/errors.js';


export interface OutputSpec {
  name: string;
  description: string;
  example?: string;
}

/** What a method returns; the protocol turns it into the wire response. */
export type MethodResult = (
  | { outcome: 'SUCCESS'; outputs: Output[] }
  /** A business outcome the flow branches on: HTTP 200, `status: FAILURE`, plus errorCode/errorMessage keys. */
  | { outcome: 'FAILURE'; outputs: Output[]; error: { code: OutcomeCode; message: string } }
) & {
  /** Which rule answered, for the invocation log (findLanguage's cliLanguageSource); most methods leave it out. */
  answerSource?: string;
};

/** Everything a handler may use; built per call by the protocol layer. */
export interface MethodContext {
  account: Account;
  stage: Stage;
  /** "Now" for this call: the clock, or `$flow.syskey.testNow` on the test stage. */
  now: Date;
  /**
   * When the call arrived by the server's clock, on either stage: for the service's own records that
   * other calls share (a cached translation's expiry), which a pinned test clock must not move.
   */
  receivedAt: Date;
  db: Database;
  log: FastifyBaseLogger;
  requestId: string;
  /** India's numbering plan, loaded at start (findLanguage). */
  numbering?: NumberingPlan;
  /** The call's `Idempotency-Key` header, when it sent one (createOutbound). */
  idempotencyKey?: string;
  /** The translation provider, key and cache (translateText); built once at start. */
  translation?: TranslationService;
  /** Accounts' holiday calendars, cached a few seconds (validateDateAndTime); built once at start. Without it the database is read. */
  holidays?: HolidayCache;
  /** The URL shortener (links, cache, visits); built once at start. */
  shortener?: Shortener;
  /** Bots and their accounts' link owners, cached a few seconds (linkcreation); built once at start. Without it the database is read. */
  bots?: BotCache;
  /** Tells this node's dispatcher that jobs just committed are due now, so it claims them without waiting for its poll (createOutbound). */
  jobsDue?: () => void;
  /**
   * Keeps what the call said that the service did not understand with its
   * invocation log entry (docs/console.md "Misses"), already in its kept form
   * (src/overview/misses.ts); does nothing when the account's `recordMisses` is off.
   */
  noteMiss?: (miss: string) => void;
}

export interface MethodCall<Params> {
  /** Declared parameters, found, trimmed, validated and coerced to their schema types. */
  params: Params;
  /** Every key of the call, for methods that take undeclared variables (preferences, pass-through). */
  keys: readonly WireKey[];
}

/**
 * A webhook method: its parameter schema (TypeBox, keyed by documented full
 * names — the one source for validation, OpenAPI and console forms), its
 * outputs, and its handler.
 */
export interface WebhookMethod<Schema extends TObject = TObject> {
  name: string;
  summary: string;
  params: Schema;
  /** Full name of the parameter that names the account, when the method's keys carry one. */
  accountParam?: string;
  outputs: OutputSpec[];
  /** Outputs returned with a parameter error (422, or 200 with the account's `parameterErrorStatus`), so a flow reading them sees a failure. */
  failureOutputs: Output[];
  /**
   * Outputs a parameter error answers with that come from the account (the
   * method's defaults, e.g. findLanguage's default language), after
   * `failureOutputs`; only when the account is known. `read` gives a
   * parameter's trimmed text as the call sent it, or undefined for one the
   * error names (the others may still be usable). Default: none.
   */
  failureDefaults?: (account: Account, read: (name: string) => string | undefined) => Output[];
  /**
   * Codes this method answers beyond the parameter codes every method shares
   * (business FAILUREs and method-specific 422s), for the docs: set by
   * `defineMethod` from the error table (src/kernel/errors.ts `methods`).
   */
  readonly errorCodes?: readonly ErrorCode[];
  /**
   * Keys an example call sends besides the declared parameters' examples
   * (e.g. a `$user.key.NAME` to store), for the docs and the Postman collection. Default: none.
   */
  exampleKeys?: readonly WireKey[];
  handle(call: MethodCall<Static<Schema>>, context: MethodContext): Promise<MethodResult>;
}

/** Declares a method with its parameter types inferred from its schema. */
export function defineMethod<Schema extends TObject>(method: Omit<WebhookMethod<Schema>, 'errorCodes'>): WebhookMethod {
  return { ...method, errorCodes: methodErrorCodes(method.name) } as unknown as WebhookMethod;
}

export const success = (outputs: Output[]): MethodResult => ({ outcome: 'SUCCESS', outputs });
export const failure = (code: OutcomeCode, message: string, outputs: Output[]): MethodResult => ({ outcome: 'FAILURE', outputs, error: { code, message } });
