import { isUtf8 } from 'node:buffer';
import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { AppError } from '../kernel/errors.js';

type Done = (error: Error | null, value?: unknown) => void;

/**
 * A content-type parser (`parseAs: 'buffer'`) of a JSON body: `parse` gets its text once the bytes are
 * known to be UTF-8, as JSON must be (RFC 8259). Bytes that are not (`FF FE`, a Latin-1 `é`, a
 * surrogate encoded on its own) are a 400 INVALID_JSON saying so, never decoded into U+FFFD and
 * stored as a text the caller did not send. Every JSON body of the service is read through it.
 */
export function utf8JsonParser(parse: (request: FastifyRequest, text: string, done: Done) => void) {
  return (request: FastifyRequest, body: string | Buffer, done: Done): void => {
    if (!isUtf8(body as Buffer)) return done(new AppError('INVALID_JSON', 'The body is not valid UTF-8 text, which JSON must be.'), undefined);
    parse(request, (body as Buffer).toString('utf8'), done);
  };
}

/**
 * A preParsing hook of every route: the service decodes no content coding, so a body sent with one
 * (`Content-Encoding: gzip`, `br`, `deflate`…) is a 415 saying so (with `Accept-Encoding: identity`,
 * RFC 7694), not compressed bytes read as broken JSON or as a scrub file's rows. `identity` is no
 * coding; a request without a body is let through whatever it says.
 */
export function refuseContentCodings(request: FastifyRequest, reply: FastifyReply, payload: RequestPayload, done: (error: Error | null, payload?: RequestPayload) => void): void {
  const codings = request.headers['content-encoding'];
  const coded = codings !== undefined && codings.split(',').some((coding) => coding.trim() !== '' && coding.trim().toLowerCase() !== 'identity');
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (!coded || !hasBody) return done(null, payload);
  reply.header('accept-encoding', 'identity');
  done(new AppError('UNSUPPORTED_CONTENT_ENCODING', 'The body has a Content-Encoding (such as gzip): content codings are not accepted; send the body uncompressed.'));
}
