import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { fieldErrors } from './access.js';

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

/**
 * A preValidation hook: `null`, or `true`/`false`, for a body field that does not take it is a
 * 422 naming the field. The API's Ajv coerces types, and it would read `null` as `false`, `0` or `""`
 * (`{"disabled": null}` switching a link back on); a field that takes null says so with
 * Nullable(), whose `const: null` branch this recognises.
 */
export function refuseValuesNotTaken(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void {
  const body = request.body;
  const properties = (request.routeOptions.schema?.body as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties || typeof body !== 'object' || body === null || Array.isArray(body)) return done();
  const refused = Object.entries(body as Record<string, unknown>).flatMap(([name, value]) => {
    if (!Object.hasOwn(properties, name)) return [];
    if (value === null && !takes(properties[name], 'null')) return [{ field: name, message: 'must not be null' }];
    // Coerced, `false` would be stored as the text "false" (`{"clientId": false}`) and `true` as 1: a mistake, said so.
    if (typeof value === 'boolean' && !takes(properties[name], 'boolean')) return [{ field: name, message: `must not be ${value}: it takes no true or false` }];
    return [];
  });
  done(refused.length ? fieldErrors(refused) : undefined);
}

/** Whether a field's schema takes a value of JSON type `kind` (`null`: also Nullable()'s `const: null`). */
function takes(schema: unknown, kind: 'null' | 'boolean'): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const { type, anyOf, const: constant } = schema as { type?: unknown; anyOf?: unknown[]; const?: unknown };
  if ((kind === 'null' ? constant === null : typeof constant === 'boolean') || type === kind || (Array.isArray(type) && type.includes(kind))) return true;
  // No type at all (any value) takes either; a constant with no type takes null, as before, but no boolean.
  if (type === undefined && anyOf === undefined && (kind === 'null' || constant === undefined)) return true;
  return Array.isArray(anyOf) && anyOf.some((branch) => takes(branch, kind));
}
