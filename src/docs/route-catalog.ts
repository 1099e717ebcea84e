/**
 * What the OpenAPI document says about routes beyond their schemas: a tag by
 * path, a one-line summary, and which routes need no bearer token. Kept here,
 * not in each route file, so routes stay short; a route missing from the
 * summaries still appears in the document, with a generated summary.
 */

/** Tags in the order the rendered docs list them; the first matching rule names a route's tag. */
const tagRules: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/(webhook|:service\/:stage)$/, 'Webhook'],
  [/^\/api\/accounts\/:id\/holidays/, 'Holidays'],
  [/^\/api\/accounts\/:id\/agents/, 'Agents'],
  [/^\/api\/(accounts\/:id\/bots|bot-sessions)/, 'Bots'],
  [/^\/api\/(accounts\/:id\/outbound-|outbound-requests|outbound-jobs)/, 'Outbound'],
  [/^\/api\/accounts\/:id\/status-webhooks/, 'Status webhooks'],
  [/^\/api\/accounts\/:id\/dnc/, 'Do-not-call'],
  [/^\/api\/accounts\/:id\/reports/, 'Reports'],
  [/^(\/api\/accounts\/:id\/short-|\/api\/short-urls|\/UrlShortner\/|\/:code)/, 'Short URLs'],
  [/^\/api\/numbering/, 'Numbering'],
  [/^\/api\/invocations/, 'Invocations'],
  [/^\/api\/(overview|misses)$/, 'Overview'],
  [/^\/api\/(accounts|admin-tokens)/, 'Accounts'],
  [/^\/(healthz|readyz|metrics)$/, 'Operations'],
  [/^\/(openapi\.json|postman\.json)$/, 'Documentation'],
];

export const tagDescriptions: Readonly<Record<string, string>> = {
  Webhook: 'The wire protocol flows call (docs/protocol.md): one body variant per method.',
  Accounts: 'Tenants, their webhook tokens, and admin tokens.',
  Holidays: 'Per-account holiday calendars used by validateDateAndTime.',
  Agents: 'Direct-dial agents, their breaks and allocation.',
  Bots: 'Chatbots for linkcreation and the sessions it stores.',
  Outbound: 'Outbound flows for createOutbound, the requests it scheduled, and the dialer\'s outcome reports.',
  'Status webhooks': 'Endpoints an account registers to receive outbound status callbacks (Standard Webhooks).',
  'Do-not-call': "An account's do-not-call list: numbers createOutbound never dials.",
  Reports: 'Rows written by pullreport, as JSON or streamed CSV.',
  'Short URLs': 'Short-URL customers, links, visits, redirects and QR codes.',
  Numbering: "India's numbering plan used by findLanguage.",
  Invocations: 'Recent webhook calls.',
  Overview: "The service's health at a glance and the inputs flows fail on (the console's first pages).",
  Operations: 'Liveness, readiness and metrics.',
  Documentation: 'This document and the Postman collection.',
  Other: 'Routes without a tag rule yet.',
};

/** The tag a route is listed under, from its Fastify URL (`/api/accounts/:id`). */
export function routeTag(url: string): string {
  return tagRules.find(([pattern]) => pattern.test(url))?.[1] ?? 'Other';
}

/** Routes left out of the document: user interfaces and their assets, not API (the /docs UI hides its own). */
export const undocumentedPrefixes: readonly string[] = ['/docs', '/console'];

/** Routes that take no bearer token (they are public, or carry their own credential such as `custToken`). */
export const publicRoutes: ReadonlySet<string> = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /openapi.json',
  'GET /postman.json',
  'GET /:code',
  'GET /:code/qr',
  'POST /UrlShortner/phonon/shortUrl',
  'POST /api/short-urls',
  'POST /api/outbound-jobs/:jobId/result',
]);

/** One line per route, keyed `METHOD url` with Fastify's URL syntax. */
export const routeSummaries: Readonly<Record<string, string>> = {
  'POST /webhook': 'Call a webhook method (prod stage)',
  'POST /:service/:stage': 'Call a webhook method on a service path and stage',
  'GET /healthz': 'Liveness: the process answers',
  'GET /readyz': 'Readiness: database reachable and migrations current',
  'GET /metrics': 'Prometheus metrics',
  'GET /openapi.json': 'This OpenAPI document',
  'GET /postman.json': 'Postman collection (v2.1): every webhook method, then every other route',
  'GET /:code': 'Redirect a short link to its long URL',
  'GET /:code/qr': 'QR code of a short link (PNG or SVG)',
  'POST /UrlShortner/phonon/shortUrl': 'Create a short URL (legacy path flows call)',
  'POST /api/short-urls': 'Create a short URL',
  'POST /api/accounts': 'Create an account',
  'GET /api/accounts': 'List accounts (an account token sees its own)',
  'GET /api/accounts/:id': 'Read an account',
  'PATCH /api/accounts/:id': "Change an account's settings",
  'GET /api/accounts/:id/tokens': "List an account's webhook tokens (never the tokens themselves)",
  'POST /api/accounts/:id/tokens': 'Create a webhook token (shown once)',
  'DELETE /api/accounts/:id/tokens/:tokenId': 'Revoke a webhook token',
  'GET /api/admin-tokens': 'List admin tokens (never the tokens themselves)',
  'POST /api/admin-tokens': 'Create an admin token (shown once)',
  'DELETE /api/admin-tokens/:tokenId': 'Revoke an admin token (not the last live one)',
  'GET /api/accounts/:id/holidays': 'List holidays, optionally of one year',
  'PUT /api/accounts/:id/holidays/:date': 'Add or rename a holiday',
  'DELETE /api/accounts/:id/holidays/:date': 'Remove a holiday',
  'POST /api/accounts/:id/holidays/import': "Import a country's (and region's) public holidays for a year",
  'POST /api/accounts/:id/agents': 'Register a direct-dial agent',
  'GET /api/accounts/:id/agents': 'List agents with their break state',
  'GET /api/accounts/:id/agents/breaks': 'Break time per agent over a period',
  'POST /api/accounts/:id/agents/allocate': 'Allocate the longest-idle available agent',
  'GET /api/accounts/:id/agents/:cli': 'Read an agent',
  'PATCH /api/accounts/:id/agents/:cli': 'Rename an agent or change its break state',
  'DELETE /api/accounts/:id/agents/:cli': 'Remove an agent',
  'GET /api/accounts/:id/agents/:cli/history': "An agent's pause and unpause events",
  'POST /api/accounts/:id/bots': 'Register a chatbot',
  'GET /api/accounts/:id/bots': 'List chatbots',
  'GET /api/accounts/:id/bots/:botId': 'Read a chatbot',
  'PATCH /api/accounts/:id/bots/:botId': 'Change a chatbot',
  'DELETE /api/accounts/:id/bots/:botId': 'Remove a chatbot',
  'GET /api/bot-sessions/:botUniqueID': 'Read the variables of a linkcreation session',
  'POST /api/accounts/:id/outbound-flows': 'Register an outbound flow (securityId shown once)',
  'GET /api/accounts/:id/outbound-flows': 'List outbound flows',
  'GET /api/accounts/:id/outbound-flows/:flowId': 'Read an outbound flow',
  'PATCH /api/accounts/:id/outbound-flows/:flowId': 'Change an outbound flow',
  'DELETE /api/accounts/:id/outbound-flows/:flowId': 'Remove an outbound flow',
  'GET /api/accounts/:id/outbound-requests': "An account's recent outbound requests with job counts by status",
  'GET /api/outbound-requests/:requestId': 'An outbound request and the status of each number',
  'POST /api/outbound-requests/:requestId/cancel': 'Cancel the jobs of a request not yet delivered',
  'GET /api/accounts/:id/dnc': 'Search the do-not-call list, a page at a time',
  'POST /api/accounts/:id/dnc': 'Add numbers to the do-not-call list',
  'GET /api/accounts/:id/dnc/:number': 'Whether a number is on the do-not-call list',
  'DELETE /api/accounts/:id/dnc/:number': 'Remove a number from the do-not-call list',
  'POST /api/accounts/:id/dnc/import': 'Import a scrub file (text/csv or text/plain, streamed): all rows or none',
  'GET /api/accounts/:id/dnc/export': 'The do-not-call list as CSV (streamed)',
  'POST /api/accounts/:id/outbound-flows/:flowId/rotate-secret': 'Rotate the dialer secret (new secret shown once; the old one signs too for a grace period)',
  'POST /api/accounts/:id/outbound-flows/:flowId/pause': 'Pause a flow: requests are accepted and jobs kept, nothing is dialled',
  'POST /api/accounts/:id/outbound-flows/:flowId/resume': 'Resume a flow: its jobs are released in due order within the throttle',
  'POST /api/outbound-jobs/:jobId/result': "The dialer's outcome report of a job (signed with the flow's dialer secret; no bearer token)",
  'POST /api/accounts/:id/status-webhooks': 'Register a status-webhook endpoint (secret shown once)',
  'GET /api/accounts/:id/status-webhooks': 'List status-webhook endpoints with failure counts and disabled state',
  'GET /api/accounts/:id/status-webhooks/:webhookId': 'Read a status-webhook endpoint with its recent deliveries',
  'PATCH /api/accounts/:id/status-webhooks/:webhookId': 'Change url or event types, or enable/disable an endpoint',
  'DELETE /api/accounts/:id/status-webhooks/:webhookId': 'Remove a status-webhook endpoint',
  'GET /api/accounts/:id/reports': 'List report types with row counts',
  'GET /api/accounts/:id/reports/:reportType': 'Report rows, filtered; JSON or streamed CSV',
  'POST /api/accounts/:id/short-customers': 'Create a short-URL customer (custToken)',
  'GET /api/accounts/:id/short-customers': 'List short-URL customers',
  'GET /api/accounts/:id/short-customers/:customerId': 'Read a short-URL customer',
  'PATCH /api/accounts/:id/short-customers/:customerId': 'Change a short-URL customer or its domains',
  'DELETE /api/accounts/:id/short-customers/:customerId': 'Remove a short-URL customer',
  'GET /api/accounts/:id/short-urls': "List an account's short links",
  'GET /api/short-urls/:domain/:code': 'Read a short link with its visit count',
  'PATCH /api/short-urls/:domain/:code': 'Change, expire or switch off a short link',
  'GET /api/short-urls/:domain/:code/visits': 'Visits of a short link per day',
  'GET /api/numbering/lookup': 'Operator, circle and language of a number',
  'GET /api/numbering/language-sources': "How often each findLanguage rule answered an account's calls (last 7 days by default)",
  'POST /api/numbering/import': 'Import numbering series (CSV)',
  'GET /api/invocations': 'Recent webhook calls (the invocation log), newest first',
  'GET /api/overview': 'Calls, outcomes, error codes and durations per method, per hour; outbound jobs and deliveries; link visits',
  'GET /api/misses': 'What callers said that the service did not understand: date texts and unknown number blocks, grouped',
};

const created = (what: string) => ({ '201': `Created: ${what}.` });
const deleted = { '204': 'Deleted.' };
const duplicate = { '409': 'ALREADY_EXISTS.' };
const shortUrlCreate = {
  '400': 'INVALID_URL (not an absolute http/https URL of at most 2048 characters) or DOMAIN_NOT_ALLOWED.',
  '401': 'INVALID_CUST_TOKEN: the custToken names no customer.',
};

/**
 * Answers a route gives besides its schema's and the generic error answers
 * (401, 403, 404, 422 are added from what the route takes), keyed like the summaries.
 */
export const routeResponses: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'GET /readyz': { '503': 'NOT_READY: the database is unreachable or migrations are not current.' },
  'GET /:code': { '301': 'Redirect (when the link is configured so).', '302': 'Redirect to the long URL (default).', '307': 'Redirect (configured).', '308': 'Redirect (configured).', '404': 'No such link on this domain (an HTML page, or JSON NOT_FOUND when JSON is accepted).', '410': 'SHORT_URL_GONE: expired, visit limit reached or switched off.' },
  'GET /:code/qr': { '200': 'PNG (default) or SVG image of the short URL; query `format=png|svg`, `size=64…1024`.', '404': 'No such link on this domain.', '422': 'VALIDATION_FAILED: bad format or size.' },
  'POST /UrlShortner/phonon/shortUrl': { '200': 'The short URL (new or existing; this legacy path always answers 200).', ...shortUrlCreate },
  'POST /api/short-urls': { '200': 'The existing short URL for this customer, long URL and domain.', ...created('the short URL'), ...shortUrlCreate },
  'POST /api/accounts': duplicate,
  'POST /api/accounts/:id/tokens': created('the token, shown once'),
  'DELETE /api/accounts/:id/tokens/:tokenId': deleted,
  'POST /api/admin-tokens': created('the token, shown once'),
  'DELETE /api/admin-tokens/:tokenId': { ...deleted, '409': 'LAST_ADMIN_TOKEN: the last live admin token.' },
  'POST /api/accounts/:id/agents': duplicate,
  'PATCH /api/accounts/:id/agents/:cli': duplicate,
  'DELETE /api/accounts/:id/agents/:cli': deleted,
  'POST /api/accounts/:id/agents/allocate': { '409': 'NO_AGENT_AVAILABLE: every agent is paused, or there is none.' },
  'POST /api/accounts/:id/bots': { ...created('the bot'), ...duplicate },
  'DELETE /api/accounts/:id/bots/:botId': deleted,
  'DELETE /api/accounts/:id/holidays/:date': deleted,
  'POST /api/accounts/:id/outbound-flows': duplicate,
  'DELETE /api/accounts/:id/outbound-flows/:flowId': deleted,
  'POST /api/outbound-jobs/:jobId/result': {
    '401': 'UNAUTHORIZED: the webhook-* headers are missing or the timestamp is more than 5 minutes off.',
    '404': 'NOT_FOUND: no such job, or not signed with its flow\'s dialer secret.',
    '409': 'OUTCOME_NOT_AWAITED: the job awaits no outcome for that attempt (cancelled, finished, closed, another attempt).',
  },
  'POST /api/accounts/:id/status-webhooks': created('the endpoint with its secret, shown once'),
  'DELETE /api/accounts/:id/status-webhooks/:webhookId': deleted,
  'POST /api/accounts/:id/short-customers': { ...created('the customer with its custToken'), ...duplicate },
  'DELETE /api/accounts/:id/short-customers/:customerId': deleted,
  'POST /api/numbering/import': { '415': 'UNSUPPORTED_MEDIA_TYPE: send the series as text/csv.' },
  'DELETE /api/accounts/:id/dnc/:number': deleted,
  'GET /api/accounts/:id/dnc/export': { '200': 'CSV `number,source,addedAt`, one listed number a line, streamed.' },
  'POST /api/accounts/:id/dnc/import': {
    '413': 'BODY_TOO_LARGE: the file is larger than FLOWHOOKS_DNC_IMPORT_MAX_BYTES; nothing was imported.',
    '415': 'UNSUPPORTED_MEDIA_TYPE: send the file as text/csv or text/plain.',
    '422': 'VALIDATION_FAILED: `error.fields` names each bad row by line number (the first 100), `error.badRows` counts them; nothing was imported.',
  },
};

/**
 * Request bodies of routes that read their body themselves (a stream, not a
 * schema-validated JSON body), keyed like the summaries: the OpenAPI document
 * and the Postman collection show them.
 */
export const routeRequestBodies: Readonly<Record<string, { contentTypes: readonly string[]; description: string; example: string }>> = {
  'POST /api/accounts/:id/dnc/import': {
    contentTypes: ['text/csv', 'text/plain'],
    description: 'A scrub file: one number a line, or CSV with the number in the first column (a first line without a digit is a header). Read whole and checked before anything is stored.',
    example: 'number,name\n+919876543210,Asha\n09812345678,Ravi\n',
  },
};
