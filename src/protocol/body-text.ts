import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
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
