import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { fieldErrors } from './access.js';

/** The path of the first string in `value` that holds U+0000, e.g. `body.domains.0`; undefined when there is none. */
export function nulCharacterPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // A streamed body (a do-not-call scrub file) is checked line by line where it is read, never walked here.
  if (value === null || typeof value !== 'object' || value instanceof Readable) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulCharacterPath(item, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * A preValidation hook: PostgreSQL cannot store U+0000 in text (SQLite can),
 * so a path, query or body string holding one is a 422 naming it on both
 * databases, before anything is read or written.
 */
export function rejectNulCharacters(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void {
  const field =
    nulCharacterPath(request.params, 'params') ?? nulCharacterPath(request.query, 'querystring') ?? nulCharacterPath(request.body, 'body');
  done(field ? fieldErrors([{ field, message: 'contains a NUL character (U+0000)' }]) : undefined);
}
