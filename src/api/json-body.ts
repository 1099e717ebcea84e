import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';

/**
 * A preValidation hook: a route whose schema takes a JSON body answers a body of
 * another content type (`text/plain`, `text/csv`: the /api scope has parsers for
 * them, for the imports) with 415 UNSUPPORTED_MEDIA_TYPE, as it answers form and
 * multipart bodies (no parser), not with a 422 "body must be object". Routes that
 * read text or a stream (the numbering and do-not-call imports) declare no body
 * schema and are left alone.
 */
export function requireJsonBody(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void {
  if (request.body === undefined || request.routeOptions.schema?.body === undefined) return done();
  const mediaType = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  done(mediaType === 'application/json' ? undefined : new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
}
