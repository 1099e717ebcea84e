import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { errorBody, errorCodes, type ErrorCode } from '../kernel/errors.js';
import { routeDoc } from '../kernel/route-doc.js';
import { codePattern, isReservedPath } from './codes.js';
import { hostOfHeader } from './hosts.js';
import type { LinkTarget } from '../storage/short-urls.js';
import { linkState, type Shortener } from './shortener.js';
import { visitOf } from './visits.js';
import type { FailureLimiter } from '../limits/failure-limiter.js';
import { rateLimited } from '../limits/limits.js';
import { createQrImages, qrSize, type QrImages } from './qr.js';

export interface RedirectRouteDeps {
  shortener: Shortener;
  clock: () => Date;
  /**
   * Counts look-ups of unknown codes per address and refuses them past its limit; an address it has
   * blocked (far past it) is refused every look-up until its window ends (docs/short-urls.md, Guessing). Default: no limit.
   */
  notFoundLimiter?: FailureLimiter;
  /** Rendered QR images. Default: a cache of this route's own. */
  qrImages?: QrImages;
  /** Runs before `GET /{code}/qr` (its per-address rate limit). Default: none. */
  qrLimit?: onRequestHookHandler;
}

const pageStyle = 'body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}';

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width"><title>${title}</title><style>${pageStyle}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

const doc = routeDoc('Short URLs');
const tooManyUnknown =
  'RATE_LIMITED (an HTML page, or JSON when JSON is accepted; `Retry-After`): no such link, and this address looked up too many unknown codes this minute (links that exist still answer); or, whatever the code, this address looked up so many unknown codes this minute that all its look-ups are refused until the minute ends.';
const redirectDoc = doc('Redirect a short URL to its long URL', {
  public: true,
  responses: {
    '301': 'Redirect (when the link is configured so).',
    '302': 'Redirect to the long URL (default).',
    '307': 'Redirect (configured).',
    '308': 'Redirect (configured).',
    '404': 'No such link on this domain (an HTML page, or JSON NOT_FOUND when JSON is accepted).',
    '410': 'SHORT_URL_GONE: expired, visit limit reached or switched off.',
    '429': tooManyUnknown,
  },
});
const qrDoc = doc('QR code of a short URL (PNG or SVG)', {
  public: true,
  responses: {
    '200': 'PNG (default) or SVG image of the short URL.',
    '404': 'No such link on this domain.',
    '422': 'VALIDATION_FAILED: a bad or unknown query parameter, named in `fields`.',
    '429': tooManyUnknown,
  },
});
/** What `GET /{code}/qr` takes; checked like every query of the API (a whole number in decimal digits, no unknown parameters). */
const qrQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('png'), Type.Literal('svg')], { description: 'Image format. Default `png`.' })),
    size: Type.Optional(Type.Integer({ minimum: qrSize.min, maximum: qrSize.max, description: `Width and height in pixels (${qrSize.min}–${qrSize.max}). Default ${qrSize.default}.` })),
  },
  { additionalProperties: false },
);

/** An answer of the shortener's own that is no redirect: its status, its JSON body and its page for a browser. */
interface RefusalAnswer {
  status: number;
  body: ReturnType<typeof errorBody>;
  page: string;
}

function refusal(code: ErrorCode, message: string, title: string, text: string, extra?: Record<string, unknown>): RefusalAnswer {
  return { status: errorCodes[code].status, body: errorBody(code, message, extra), page: page(title, text) };
}

const notFoundAnswer = refusal('NOT_FOUND', 'No short URL with that code on this domain.', 'Link not found', 'This short URL does not exist. Check that it was copied completely.');
const goneAnswer = refusal('SHORT_URL_GONE', 'This short URL has expired or was switched off.', 'Link no longer available', 'This short URL has expired or was switched off.');

function tooManyUnknownAnswer(reply: FastifyReply, retryAfterSeconds: number): RefusalAnswer {
  const limited = rateLimited(reply, retryAfterSeconds, 'Too many unknown short URLs from this address.');
  const text = `This short URL does not exist, and too many unknown short URLs were opened from your network in the last minute. Check that the link was copied completely, and try again in ${retryAfterSeconds} seconds.`;
  return refusal(limited.code, limited.message, 'Too many unknown links', text, limited.details);
}

/** Every look-up from an address that went far past the unknown-code limit: says nothing about the code, which was not looked up. */
function guessingBlockedAnswer(reply: FastifyReply, retryAfterSeconds: number): RefusalAnswer {
  const limited = rateLimited(reply, retryAfterSeconds, 'Far too many unknown short URLs from this address: its short URLs are paused.');
  const text = `Far too many unknown short URLs were opened from your network in the last minute, so short URLs are paused for it. Try again in ${retryAfterSeconds} seconds.`;
  return refusal(limited.code, limited.message, 'Too many unknown links', text, limited.details);
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('json') && !accept.includes('text/html');
}

/** An HTML page for a browser, `{error}` JSON when the client asks for JSON (docs/short-urls.md, Redirect). */
function sendRefusal(request: FastifyRequest, reply: FastifyReply, answer: RefusalAnswer) {
  reply.code(answer.status).header('cache-control', 'no-store');
  if (wantsJson(request)) return reply.send(answer.body);
  return reply.type('text/html; charset=utf-8').send(answer.page);
}

/**
 * `GET /{code}` (and HEAD) → redirect, and `GET /{code}/qr`. Static routes
 * (`/healthz`, `/api/…`, `/console`) always win over `/:code` in the router;
 * reserved first segments answer the ordinary 404 so a code never shadows them.
 */
export async function redirectRoutes(server: FastifyInstance, deps: RedirectRouteDeps): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { shortener } = deps;

  const { notFoundLimiter } = deps;
  // Only look-ups of codes that do not exist are counted and refused: a code that exists answers as
  // always, so one address of many subscribers (CGNAT) keeps its working links; the 429 says no more
  // than the 404 it replaces (docs/short-urls.md, Guessing).
  const missing = (request: FastifyRequest, reply: FastifyReply) => {
    const wait = notFoundLimiter?.refuseOrCount(request.ip) ?? 0;
    return sendRefusal(request, reply, wait > 0 ? tooManyUnknownAnswer(reply, wait) : notFoundAnswer);
  };
  // An address far past the limit is a guesser, not a crowd: every look-up of it is refused, before
  // the code is looked up (so the answer is the same for a code that exists). The address is read
  // only while some address is blocked: the usual redirect pays one size check of an empty map.
  const guessingBlocked = notFoundLimiter
    ? (request: FastifyRequest) => (notFoundLimiter.anyBlocked() ? notFoundLimiter.blockedFor(request.ip) : 0)
    : () => 0;

  const redirect = (request: FastifyRequest, reply: FastifyReply, link: LinkTarget | null | undefined) => {
    if (!link) return missing(request, reply);
    const now = deps.clock().getTime();
    if (linkState(link, now, shortener.visits.pendingHumanVisits(link.id)) !== 'active') return sendRefusal(request, reply, goneAnswer);
    // HEAD is what link checkers send; only GET is a visit.
    if (request.method === 'GET') {
      shortener.visits.record(visitOf(link.id, now, request.headers.referer, request.headers['user-agent']));
    }
    // A temporary redirect is never cached, so every click reaches us and is counted.
    if (link.redirectStatus === 302 || link.redirectStatus === 307) reply.header('cache-control', 'private, no-store');
    return reply.code(link.redirectStatus).header('location', locationOf(link.longUrl)).send();
  };

  // Not async: a cached link is answered without a promise; only a cache miss waits on the database.
  app.get<{ Params: { code: string } }>('/:code', { schema: redirectDoc }, (request, reply) => {
    const { code } = request.params;
    if (isReservedPath(code)) return reply.callNotFound();
    const blockedFor = guessingBlocked(request);
    if (blockedFor > 0) return sendRefusal(request, reply, guessingBlockedAnswer(reply, blockedFor));
    if (!codePattern.test(code)) return missing(request, reply);
    const domain = shortener.domainOfHost(hostOfHeader(request.headers.host));
    const cached = shortener.cached(domain, code);
    if (cached !== undefined) return redirect(request, reply, cached);
    return shortener.resolve(domain, code).then((link) => redirect(request, reply, link));
  });

  const qrImages = deps.qrImages ?? createQrImages();
  app.get<{ Params: { code: string }; Querystring: Static<typeof qrQuery> }>('/:code/qr', { schema: { ...qrDoc, querystring: qrQuery }, ...(deps.qrLimit && { onRequest: deps.qrLimit }) }, async (request, reply) => {
    const { code } = request.params;
    if (isReservedPath(code)) return reply.callNotFound();
    const blockedFor = guessingBlocked(request);
    if (blockedFor > 0) return sendRefusal(request, reply, guessingBlockedAnswer(reply, blockedFor));
    const format = request.query.format ?? 'png';
    const size = request.query.size ?? qrSize.default;
    const domain = shortener.domainOfHost(hostOfHeader(request.headers.host));
    const link = codePattern.test(code) ? await shortener.resolve(domain, code) : undefined;
    if (!link) return missing(request, reply);
    const image = await qrImages.image(shortener.shortUrlOf({ domain, code }), size, format);
    // The picture depends only on the short URL, which never changes.
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type(format === 'svg' ? 'image/svg+xml' : 'image/png').send(image);
  });
}

/** A Location header carries ASCII only: a link stored with other characters (before docs/short-urls.md's rule) goes out as its WHATWG href. */
function locationOf(longUrl: string): string {
  return /[^\x00-\x7f]/.test(longUrl) ? new URL(longUrl).href : longUrl;
}
