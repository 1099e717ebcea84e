/**
 * Every error code flowhooks answers with, and the HTTP status it maps to.
 * This table is the one place codes are defined; the README's error table is
 * written from it. Codes are stable: flows and scripts branch on them.
 */
export const errorCodes = {
  // Envelope and transport (docs/protocol.md)
  INVALID_JSON: { status: 400, description: 'The body is not valid JSON, or not UTF-8 text as JSON must be.' },
  INVALID_ENVELOPE: { status: 400, description: 'The body is JSON but not a webhook envelope (an object with `method` and `keys`).' },
  MISSING_METHOD: { status: 400, description: 'The envelope has no `method` string.' },
  INVALID_KEYS: { status: 400, description: '`keys` is not an array of `{name, value}` objects, a name is too long, a name or value holds a NUL character (U+0000) or a lone surrogate (text that is not valid Unicode), or there are too many keys.' },
  JSON_TOO_DEEP: { status: 400, description: 'A management API or short-URL body nests objects and arrays more than 32 levels deep.' },
  BODY_TOO_LARGE: { status: 413, description: 'The body is larger than the configured limit (64 KiB by default).' },
  INVALID_PATH: { status: 400, description: 'The request path is not valid percent-encoding, or one of its segments is longer than 100 characters.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The request body has a content type the route does not accept.' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, description: 'The request body has a `Content-Encoding` (gzip, br, deflate…): no content coding is accepted; send the body uncompressed.' },
  REQUEST_REFUSED: { status: 400, description: 'HTTP handling refused the request for a reason no other code names (a malformed header, Content-Length with Transfer-Encoding, an HTTP/1.1 request without Host); the message gives the HTTP reason.' },
  REQUEST_TIMEOUT: { status: 408, description: 'The request (headers and body) did not arrive within `FLOWHOOKS_REQUEST_TIMEOUT_MS`; the connection is closed.' },
  HEADERS_TOO_LARGE: { status: 431, description: 'The request headers are larger than the server accepts (16 KiB in all); the connection is closed.' },
  PRECONDITION_FAILED: { status: 412, description: 'A static file\'s `If-Match` or `If-Unmodified-Since` header does not hold.' },
  RANGE_NOT_SATISFIABLE: { status: 416, description: 'A static file\'s `Range` header asks for bytes the file does not have (a `Range` that is no byte range is ignored).' },
  UNKNOWN_METHOD: { status: 404, description: 'No webhook method has that name; the message lists the known ones.' },
  NOT_FOUND: { status: 404, description: 'No such route or resource (another account\'s resources also answer this).' },
  UNKNOWN_STAGE: { status: 404, description: 'The stage path segment is neither `prod` nor `test`.' },
  // Parameters of a known method
  MISSING_PARAMETER: { status: 422, description: 'A required parameter is absent or empty.' },
  INVALID_PARAMETER: { status: 422, description: 'A parameter is present but malformed or out of range.' },
  ACCOUNT_NOT_FOUND: { status: 422, description: 'The `accountID` parameter names no account (only when the account is taken from the keys).' },
  UNPARSEABLE_DATE: { status: 422, methods: ['validateDateAndTime'], description: 'validateDateAndTime cannot understand `inputDate`; `dateIsValid` and `timeIsValid` are `false`.' },
  // Management API bodies
  VALIDATION_FAILED: { status: 422, description: 'A management API body or query has invalid fields; `fields` names each.' },
  ALREADY_EXISTS: { status: 409, description: 'A resource with that identity already exists.' },
  LAST_ADMIN_TOKEN: { status: 409, description: 'The admin token to revoke is the last live one; create another first.' },
  // Short URLs (docs/short-urls.md)
  INVALID_URL: { status: 400, description: '`longUrl` is not a string holding an absolute http/https URL of at most 2048 characters without whitespace or control characters.' },
  DOMAIN_NOT_ALLOWED: { status: 400, description: 'The `domain` of a short URL is not registered to that customer.' },
  INVALID_CUST_TOKEN: { status: 401, description: 'The `custToken` names no short-URL customer.' },
  SHORT_URL_GONE: { status: 410, description: 'The short URL expired, reached its visit limit or was switched off.' },
  DOMAIN_HAS_LINKS: { status: 409, description: 'A domain given to a short-URL customer still holds links of its former customer; delete them (or that customer) first.' },
  // Authentication and tenancy
  UNAUTHORIZED: { status: 401, description: 'No bearer token, or a token that is unknown or revoked.' },
  FORBIDDEN_ACCOUNT: { status: 403, description: 'The keys name an account other than the token\'s.' },
  ADMIN_REQUIRED: { status: 403, description: 'The route changes data and needs the admin token.' },
  // Limits and faults
  RATE_LIMITED: { status: 429, description: 'Too many requests from this account or address (or too many failed authentications or unknown short codes); `Retry-After` says when to try again.' },
  OVERLOADED: { status: 503, description: 'The server is overloaded (event-loop delay or memory above its limit, or more holiday imports at once than it reads and queues) and sheds load; `Retry-After` says when to try again.' },
  INTERNAL_ERROR: { status: 500, description: 'An unexpected fault; nothing was half-written. Quote the request id.' },
  NOT_READY: { status: 503, description: 'The database is unreachable or migrations are not current.' },
  // Business outcomes (HTTP 200, returned in `$flow.key.errorCode`)
  PREFERENCE_LIMIT_EXCEEDED: { status: 200, methods: ['updateUserPreferences'], description: 'updateUserPreferences would leave a contact with more than 200 preferences; nothing was written.' },
  AGENT_NOT_FOUND: { status: 200, methods: ['updatePauseStatusForCLI'], description: 'updatePauseStatusForCLI: no agent of the account has that number; nothing changed.' },
  NO_AGENT_AVAILABLE: { status: 409, methods: ['allocateAgent'], webhookStatus: 200, description: 'Every agent of the account is paused, or it has none. allocateAgent answers it with HTTP 200 and `status: FAILURE`.' },
  OUTBOUND_UNAUTHORIZED: { status: 200, methods: ['createOutbound'], description: 'createOutbound: unknown flowID, wrong securityID, or a clientID that is not the account\'s (`obdResponseCode` 401); nothing was scheduled.' },
  OUTCOME_NOT_AWAITED: { status: 409, description: 'An outcome report for a job that awaits none for that attempt: cancelled, finished, closed without a report, or another attempt; nothing changed.' },
  OUTBOUND_BAD_REQUEST: { status: 200, methods: ['createOutbound'], description: 'createOutbound: unsupported apiVersion, invalid numbers (listed in the message) or more than 1000 numbers (`obdResponseCode` 400); nothing was scheduled.' },
  OUTBOUND_KEY_REUSED: { status: 200, methods: ['createOutbound'], description: 'createOutbound: the Idempotency-Key (or requestKey) named another request of the last 24 hours, of another flow or other numbers (`obdResponseCode` 409); nothing was scheduled.' },
  OUTBOUND_ALL_DO_NOT_CALL: { status: 200, methods: ['createOutbound'], description: "createOutbound: every number is on the account's do-not-call list (`obdResponseCode` 403, `obdRefusedNumbers` lists them); nothing was scheduled." },
  NO_PROVIDER_KEY: { status: 200, methods: ['translateText'], description: 'translateText: the call brought no `apiKey` and the server has none (`FLOWHOOKS_TRANSLATE_API_KEY`).' },
  PROVIDER_TIMEOUT: { status: 200, methods: ['translateText'], description: 'translateText: the provider did not answer within `FLOWHOOKS_TRANSLATE_TIMEOUT_MS`.' },
  PROVIDER_AUTH: { status: 200, methods: ['translateText'], description: 'translateText: the provider refused the key (invalid, missing or not allowed); the message is the provider\'s reason.' },
  PROVIDER_QUOTA: { status: 200, methods: ['translateText'], description: 'translateText: the provider\'s quota or rate limit is exhausted.' },
  PROVIDER_ERROR: { status: 200, methods: ['translateText'], description: 'translateText: the provider failed or could not be reached; the message is its reason.' },
  UNKNOWN_BOT: { status: 200, methods: ['linkcreation'], description: 'linkcreation: the account has no bot with that `botid`.' },
  INVALID_BOT_TOKEN: { status: 200, methods: ['linkcreation'], description: 'linkcreation: the `token` is not the bot\'s token.' },
  LINK_TOO_LONG: { status: 200, methods: ['linkcreation'], description: 'linkcreation: the bot link with every variable would pass 2048 characters; use the bot\'s `linkMode: "opaque"`.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCodes;

/**
 * A code's HTTP status, and, for the codes webhook methods answer beyond the
 * parameter codes every method shares, which methods answer it. A webhook
 * answers such a code with `webhookStatus` (default: `status`): 200 for a
 * business outcome (`status: FAILURE`), 422 for a method's own parameter code.
 */
interface ErrorSpec {
  status: number;
  description: string;
  methods?: readonly string[];
  webhookStatus?: number;
}

type Spec<Code extends ErrorCode> = (typeof errorCodes)[Code];

/** Codes a method returns as a business outcome: HTTP 200 with `status: FAILURE` on the webhook. */
export type OutcomeCode = { [Code in ErrorCode]: Spec<Code> extends { webhookStatus: 200 } | { status: 200 } ? Code : never }[ErrorCode];

/** The codes a webhook method answers beyond the shared parameter codes: read from the table, the one place. */
export function methodErrorCodes(method: string): ErrorCode[] {
  return (Object.keys(errorCodes) as ErrorCode[]).filter((code) => (errorCodes[code] as ErrorSpec).methods?.includes(method));
}

/** The HTTP status a webhook call answers a code with. */
export function webhookStatusOf(code: ErrorCode): number {
  const spec: ErrorSpec = errorCodes[code];
  return spec.webhookStatus ?? spec.status;
}

/** An error that is part of the contract: it carries a code from the table above. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.details = details;
  }
}

export interface ParameterIssue {
  /** The documented full name of the parameter, e.g. `$flow.key.inputDate`. */
  parameter: string;
  code: 'MISSING_PARAMETER' | 'INVALID_PARAMETER' | 'ACCOUNT_NOT_FOUND' | 'UNPARSEABLE_DATE';
  message: string;
}

/** A 422 about one or more parameters of a known method. */
export class ParameterError extends AppError {
  readonly issues: ParameterIssue[];

  constructor(issues: ParameterIssue[]) {
    const code = issues.every((issue) => issue.code === 'MISSING_PARAMETER')
      ? 'MISSING_PARAMETER'
      : (issues.find((issue) => issue.code !== 'MISSING_PARAMETER')?.code ?? 'INVALID_PARAMETER');
    super(code, issues.map((issue) => issue.message).join('; '));
    this.name = 'ParameterError';
    this.issues = issues;
  }

  static single(parameter: string, code: ParameterIssue['code'], message: string): ParameterError {
    return new ParameterError([{ parameter, code, message }]);
  }
}

/** Body of every non-webhook error: `{error:{code,message,...}}`. */
export function errorBody(code: ErrorCode, message: string, extra?: Record<string, unknown>) {
  return { error: { code, message, ...extra } };
}
