import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { unstorableText } from '../kernel/storable-text.js';
import { fieldErrors } from './access.js';

/** Deepest nesting of objects and arrays a management body may have; no route's schema comes near it. */
export const maxJsonDepth = 32;

/**
 * The path of the first string in `value` a database cannot store as sent (a NUL character, a
 * lone surrogate), e.g. `body.domains[0]`, with what is wrong with it; undefined when there is
 * none. Walked with a stack of its own, not by recursion: a body nested a hundred thousand levels
 * deep would overflow the call stack. Throws JSON_TOO_DEEP past maxJsonDepth levels.
 */
export function unstorableTextAt(value: unknown, path: string): { field: string; message: string } | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      const message = unstorableText(next.value);
      if (message) return { field: next.path, message };
      continue;
    }
    // A streamed body (a do-not-call scrub file) is checked line by line where it is read, never walked here.
    if (next.value === null || typeof next.value !== 'object' || next.value instanceof Readable) continue;
    if (next.depth >= maxJsonDepth) throw new AppError('JSON_TOO_DEEP', `The ${path} nests objects and arrays more than ${maxJsonDepth} levels deep.`);
    const array = Array.isArray(next.value);
    const entries = Object.entries(next.value);
    // Pushed last to first, so the first problem in document order is the one named.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index]!;
      pending.push({ value: item, path: array ? `${next.path}[${key}]` : `${next.path}.${key}`, depth: next.depth + 1 });
    }
  }
  return undefined;
}

/**
 * A preValidation hook: a path, query or body string a database cannot store as sent (a NUL
 * character, which PostgreSQL refuses in text; a lone surrogate, which each driver replaces
 * otherwise) is a 422 naming it on both databases, before anything is read or written; a body
 * nested too deeply is a 400 JSON_TOO_DEEP.
 */
export function rejectUnstorableText(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void {
  let refused: { field: string; message: string } | undefined;
  try {
    refused = unstorableTextAt(request.params, 'params') ?? unstorableTextAt(request.query, 'querystring') ?? unstorableTextAt(request.body, 'body');
  } catch (error) {
    return done(error as Error);
  }
  done(refused ? fieldErrors([refused]) : undefined);
}
