import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, errorCodes, type ErrorCode } from '../kernel/errors.js';
import { maskPhoneNumbers, safeErrorMessage } from '../observability/redact.js';
import { patternWords } from '../kernel/patterned.js';
import { notDecimalWholeNumber } from '../kernel/whole-number.js';

/** What an error answers with: a code of the table, its message and extra fields of the body. */
export interface ErrorAnswer {
  code: ErrorCode;
  message: string;
  extra?: Record<string, unknown>;
}

/** Refuses a failed authentication from a limited address with a 429 instead (docs/operations.md, Limits); undefined lets it through. */
export type FailedAuthenticationGuard = (request: FastifyRequest, reply: FastifyReply, code: string) => Error | undefined;

const noRoute = (request: FastifyRequest) => `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`;

/**
 * Maps any error to a code of the table (docs/error-codes.md). Internal faults
 * keep their details in the log, never in the answer; `verbose` (debug or
 * trace logging) adds the masked stack to that log line.
 */
export function errorAnswerOf(error: FastifyError, request: FastifyRequest, verbose: boolean): ErrorAnswer {
  if (error instanceof AppError) return { code: error.code, message: error.message, extra: error.details };
  // An unknown route is a 404 whatever its body: Fastify parses the body before the not-found handler runs.
  if (request.is404) return { code: 'NOT_FOUND', message: noRoute(request) };
  if (error.validation) {
    const fields = validationFields(error.validation, error.validationContext, schemaOf(request, error.validationContext));
    return { code: 'VALIDATION_FAILED', message: fields.map((field) => `${field.field} ${field.message}`).join('; '), extra: { fields } };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'BODY_TOO_LARGE', message: 'The body is larger than the limit.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'INVALID_JSON', message: 'The body is not valid JSON.' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // The application/json parser (secure-json-parse) also refuses valid JSON that could pollute an object's
      // prototype, and Fastify does not say which it was.
      return { code: 'INVALID_JSON', message: 'The body is not valid JSON, or has a "__proto__" key or a "constructor" key holding "prototype", which are refused.' };
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return { code: 'INVALID_JSON', message: 'The body is not valid JSON.' };
  }
  // A plugin's refusal (@fastify/static's 403 for `/console/assets/../../package.json`, its 416 for a bad Range)
  // is the client's fault, not ours: a forbidden path answers like a missing one, anything else keeps its status.
  const status = error.statusCode ?? 500;
  if (status === 403 || status === 404) return { code: 'NOT_FOUND', message: noRoute(request) };
  if (status === 412) return { code: 'PRECONDITION_FAILED', message: 'A precondition header (If-Match, If-Unmodified-Since) does not hold.' };
  if (status === 416) return { code: 'RANGE_NOT_SATISFIABLE', message: 'The Range header asks for bytes the file does not have.' };
  if (status >= 400 && status < 500) return { code: 'REQUEST_REFUSED', message: `The request was refused (${STATUS_CODES[status] ?? status}).` };
  // Messages of database and library errors may echo values (numbers, URLs with keys).
  request.log.error(
    { error: { name: error.name, code: error.code, message: safeErrorMessage(error), ...(verbose && error.stack && { stack: maskPhoneNumbers(error.stack) }) } },
    'internal error',
  );
  return { code: 'INTERNAL_ERROR', message: `Internal error; quote request id ${request.id}.`, extra: { requestId: request.id } };
}

/**
 * An error handler: a failed authentication past its address's limit becomes
 * a 429 first, then `send` writes the answer with the code's status.
 */
export function errorHandler(options: { verbose: boolean; refuseFailedAuthentication?: FailedAuthenticationGuard; send: (answer: ErrorAnswer, request: FastifyRequest) => unknown }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const refused = options.refuseFailedAuthentication && error instanceof AppError ? options.refuseFailedAuthentication(request, reply, error.code) : undefined;
    const answer = errorAnswerOf((refused ?? error) as FastifyError, request, options.verbose);
    return reply.code(errorCodes[answer.code].status).send(options.send(answer, request));
  };
}

/** The body of every error outside the webhook routes: `{error:{code,message,...}}` (docs/protocol.md). */
export const plainErrorBody = (answer: ErrorAnswer) => errorBody(answer.code, answer.message, answer.extra);

/** The not-found answer of routes nobody registered. */
export function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(errorBody('NOT_FOUND', noRoute(request)));
}

/** The schema a route declared for a part of the request (`body`, `querystring`, `params`, `headers`). */
function schemaOf(request: FastifyRequest, part: string | undefined): unknown {
  return part === undefined ? undefined : (request.routeOptions?.schema as Record<string, unknown> | undefined)?.[part];
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/**
 * Ajv's issues as `{field, message}`, one a field: the choices of a field that takes one of
 * several values (a union of literals: one `const` issue a choice and an `anyOf`) are said
 * once, listing what is allowed (`must be one of "answered", "busy", …`), not "must be equal
 * to constant" a choice. A field is named by its path as the docs write it: `callingWindow.start`,
 * `numbers[0]`. `schema` is the validated part's schema (the route's body, querystring or params).
 */
function validationFields(issues: readonly ValidationIssue[], context: string | undefined, schema: unknown): Array<{ field: string; message: string }> {
  const fieldOf = (issue: ValidationIssue) => {
    const { missingProperty, additionalProperty } = issue.params as { missingProperty?: string; additionalProperty?: string };
    return fieldPath(issue.instancePath, missingProperty ?? additionalProperty) || context || 'body';
  };
  const choices = new Map<string, unknown[]>();
  for (const issue of issues) {
    const { allowedValue, allowedValues } = issue.params as { allowedValue?: unknown; allowedValues?: unknown[] };
    if (issue.keyword === 'const') choices.set(fieldOf(issue), [...(choices.get(fieldOf(issue)) ?? []), allowedValue]);
    if (issue.keyword === 'enum' && allowedValues) choices.set(fieldOf(issue), [...(choices.get(fieldOf(issue)) ?? []), ...allowedValues]);
  }
  const fields: Array<{ field: string; message: string }> = [];
  const said = new Set<string>();
  for (const issue of issues) {
    const field = fieldOf(issue);
    const allowed = choices.get(field);
    // A field that also takes null (Nullable): its other rule speaks, "or null" added.
    const orNull = allowed?.every((value) => value === null) ?? false;
    // A union of literals (TypeBox's `{const: 301, type: "number"}`) fails each branch's type too: its choices say it all.
    if (allowed && !orNull && issue.keyword === 'type') continue;
    if (allowed && (issue.keyword === 'const' || issue.keyword === 'enum' || issue.keyword === 'anyOf')) {
      if (orNull || said.has(field)) continue;
      said.add(field);
      fields.push({ field, message: `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}` });
      continue;
    }
    const { additionalProperty: extra, pattern, format } = issue.params as { additionalProperty?: string; pattern?: string; format?: string };
    // A pattern or a date-time says what it wants in words (src/kernel/patterned.ts); Ajv would quote the pattern.
    const message =
      expectedWords(issue, schema) ??
      (pattern !== undefined ? patternWords(pattern) : undefined) ??
      (format === 'date-time' ? 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-31T18:00:00+05:30' : undefined) ??
      issue.message ??
      'is invalid';
    fields.push({ field, message: extra ? 'is not a known field' : `${message}${orNull ? ' or null' : ''}` });
  }
  return fields;
}

/** `/numbers/0` and `/callingWindow/start` as the docs name them: `numbers[0]`, `callingWindow.start`. */
function fieldPath(instancePath: string, property: string | undefined): string {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (property !== undefined) segments.push(property);
  // No route's schema has an object key of digits alone: such a segment is an array index.
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

/**
 * What a field of the wrong type or out of range takes, in words (`must be a whole number from 1 to
 * 500`, `must be true or false`), from the field's schema (Ajv's `verbose` errors carry it); `null`
 * for a field that may be left out adds "or omitted", and a whole number in a path or query string
 * written otherwise than in decimal digits (src/kernel/whole-number.ts) is told so. Undefined when
 * the error does not say.
 */
function expectedWords(issue: ValidationIssue, rootSchema: unknown): string | undefined {
  const { parentSchema, data } = issue as ValidationIssue & { parentSchema?: { type?: unknown; minimum?: number; maximum?: number }; data?: unknown };
  const field = parentSchema ?? {};
  const range =
    field.minimum !== undefined && field.maximum !== undefined
      ? ` from ${field.minimum} to ${field.maximum}`
      : field.minimum !== undefined
        ? ` ≥ ${field.minimum}`
        : field.maximum !== undefined
          ? ` ≤ ${field.maximum}`
          : '';
  const kinds = issue.keyword === 'type' ? (issue.params as { type?: unknown }).type : issue.keyword === 'minimum' || issue.keyword === 'maximum' ? field.type : undefined;
  if (typeof kinds !== 'string' && !Array.isArray(kinds)) return undefined;
  const words = (Array.isArray(kinds) ? kinds.map(String) : kinds.split(',')).map((kind) => (kind === 'integer' || kind === 'number' ? `${typeNames[kind]}${range}` : (typeNames[kind] ?? kind)));
  const expected = words.join(' or ');
  if (data === notDecimalWholeNumber) return `must be ${expected}, in decimal digits (no sign, leading zero, exponent or 0x)`;
  return `must be ${expected}${data === null && isOptional(rootSchema, issue.schemaPath) ? ', or omitted' : ''}`;
}

const typeNames: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

/** Whether the property a `#/properties/name/type` schema path points into may be left out of its object. */
function isOptional(rootSchema: unknown, schemaPath: string): boolean {
  const segments = schemaPath.replace(/^#\/?/, '').split('/');
  const name = segments[segments.length - 2];
  if (segments.length < 3 || segments[segments.length - 3] !== 'properties' || name === undefined) return false;
  let parent = rootSchema;
  for (const segment of segments.slice(0, -3)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[segment] : undefined;
  if (parent === null || typeof parent !== 'object') return false;
  const required = (parent as { required?: unknown }).required;
  return !(Array.isArray(required) && required.includes(name));
}
