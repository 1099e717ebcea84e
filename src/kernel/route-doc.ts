/**
 * What the OpenAPI document says of a route beyond its TypeBox schemas
 * (docs/api-documentation.md): its tag, its one-line summary, whether it
 * takes no bearer token, the answers it gives besides its schema's, and a
 * body it reads itself. Each route carries these on its own `schema`, so its
 * description moves and changes with it (no catalog keyed by path strings to
 * fall behind); docs/openapi.ts only reads them, and the document test fails
 * on a route without a summary or tag. Here, not in docs/, because routes of
 * lower layers (the webhook, the redirects) carry them too.
 */

/** The groups of the document; docs/openapi.ts describes each one once. */
export type RouteTag =
  | 'Webhook'
  | 'Accounts'
  | 'Holidays'
  | 'Agents'
  | 'Bots'
  | 'Outbound'
  | 'Status webhooks'
  | 'Do-not-call'
  | 'Reports'
  | 'Short URLs'
  | 'Numbering'
  | 'Invocations'
  | 'Overview'
  | 'Operations'
  | 'Documentation';

/** Answers by HTTP status as OpenAPI keys them (`'201'`, `'409'`): a line each. */
export type RouteAnswers = Readonly<Partial<Record<`${1 | 2 | 3 | 4 | 5}${number}`, string>>>;

/** A body the route reads itself (a stream, not a schema-validated JSON body), as the document and the Postman collection show it. */
export interface RawRequestBody {
  contentTypes: readonly string[];
  description: string;
  example: string;
}

declare module 'fastify' {
  interface FastifySchema {
    /** Answers besides the response schema's and the generic errors: status → description (2xx/3xx plain, others as the Error schema). */
    'x-responses'?: RouteAnswers;
    'x-request-body'?: RawRequestBody;
    /** The webhook: its operation is built from the method registry (docs/protocol.md), not from a Fastify schema. */
    'x-webhook'?: true;
  }
}

export interface RouteDocOptions {
  /** No bearer token: the route is public or carries its own credential (a `custToken`, a signature). */
  public?: boolean;
  responses?: RouteAnswers;
  requestBody?: RawRequestBody;
}

/** The part of a route's schema that documents it; spread it into the schema beside `params`, `body`, `response`. */
export interface RouteDoc {
  tags: readonly [RouteTag];
  summary: string;
  security?: readonly never[];
  'x-responses'?: RouteAnswers;
  'x-request-body'?: RawRequestBody;
}

/**
 * The documenter of one tag's routes, made once per route file:
 * `const doc = routeDoc('Agents')`, then `schema: { ...doc('Register a direct-dial agent'), body }`.
 */
export function routeDoc(tag: RouteTag): (summary: string, options?: RouteDocOptions) => RouteDoc {
  return (summary, options = {}) => ({
    tags: [tag],
    summary,
    ...(options.public && { security: [] }),
    ...(options.responses && { 'x-responses': options.responses }),
    ...(options.requestBody && { 'x-request-body': options.requestBody }),
  });
}

/** Answers many routes give, for `responses`. */
export const created = (what: string) => ({ '201': `Created: ${what}.` }) as const;
export const deleted = { '204': 'Deleted.' } as const;
export const duplicate = { '409': 'ALREADY_EXISTS.' } as const;
