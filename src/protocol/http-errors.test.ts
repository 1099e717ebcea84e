import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.js';
import { errorAnswerOf, errorHandler } from './http-errors.js';

// docs/error-codes.md: every error a request can meet, mapped to one code of the table.

/** A request as the error mapping reads it, with the lines it logs. */
function requestFor(url: string, options: { is404?: boolean } = {}) {
  const logged: Array<{ object: Record<string, unknown>; message: string }> = [];
  const request = {
    method: 'POST',
    url,
    id: 'req-42',
    is404: options.is404 ?? false,
    log: { error: (object: Record<string, unknown>, message: string) => logged.push({ object, message }) },
  } as unknown as FastifyRequest;
  return { request, logged };
}

/** An error as Fastify or a plugin hands it over. */
function fastifyError(message: string, fields: Partial<FastifyError> & { validationContext?: string } = {}): FastifyError {
  return Object.assign(new Error(message), fields) as FastifyError;
}

describe('errorAnswerOf', () => {
  it('answers an unknown route with its method and path, without the query, at most 200 characters of it', () => {
    const { request } = requestFor(`/nowhere/${'x'.repeat(300)}?token=secret`, { is404: true });
    const answer = errorAnswerOf(fastifyError('Route not found'), request, false);
    expect(answer).toEqual({ code: 'NOT_FOUND', message: `No route for POST ${`/nowhere/${'x'.repeat(300)}`.slice(0, 200)}.` });
    expect(answer.message).not.toContain('secret');
  });

  it('keeps the code, message and details of an AppError', () => {
    const { request } = requestFor('/api/x');
    expect(errorAnswerOf(new AppError('RATE_LIMITED', 'Slow down.', { retryAfterSeconds: 3 }) as unknown as FastifyError, request, false)).toEqual({
      code: 'RATE_LIMITED',
      message: 'Slow down.',
      extra: { retryAfterSeconds: 3 },
    });
  });

  it('names each invalid field of a validated request by its dotted path', () => {
    const { request } = requestFor('/api/accounts');
    const error = fastifyError('body/name must be string', {
      validationContext: 'body',
      validation: [
        { keyword: 'type', instancePath: '/callingWindow/start', schemaPath: '', params: {}, message: 'must be string' },
        { keyword: 'required', instancePath: '/retry', schemaPath: '', params: { missingProperty: 'maxDials' }, message: "must have required property 'maxDials'" },
        { keyword: 'additionalProperties', instancePath: '', schemaPath: '', params: { additionalProperty: 'colour' }, message: 'must NOT have additional properties' },
        { keyword: 'minimum', instancePath: '', schemaPath: '', params: {}, message: undefined },
      ],
    });
    const fields = [
      { field: 'callingWindow.start', message: 'must be string' },
      { field: 'retry.maxDials', message: "must have required property 'maxDials'" },
      { field: 'colour', message: 'is not a known field' },
      { field: 'body', message: 'is invalid' },
    ];
    expect(errorAnswerOf(error, request, false)).toEqual({ code: 'VALIDATION_FAILED', message: fields.map((field) => `${field.field} ${field.message}`).join('; '), extra: { fields } });
    const queryError = fastifyError('querystring/limit', { validation: [{ keyword: 'maximum', instancePath: '', schemaPath: '', params: {}, message: 'must be <= 500' }] });
    expect(errorAnswerOf(queryError, request, false).extra).toEqual({ fields: [{ field: 'body', message: 'must be <= 500' }] });
    const paramsError = fastifyError('params/id', { validationContext: 'params', validation: [{ keyword: 'pattern', instancePath: '', schemaPath: '', params: {}, message: 'must match pattern' }] });
    expect(errorAnswerOf(paramsError, request, false).extra).toEqual({ fields: [{ field: 'params', message: 'must match pattern' }] });
  });

  it('names an array element as numbers[i] and says what a field of the wrong type takes, from its schema', () => {
    const schema = { type: 'object', required: ['numbers'], properties: { numbers: { type: 'array', items: { type: 'string' } }, maxVisits: { type: 'integer', minimum: 1, maximum: 9 } } };
    const request = { ...requestFor('/api/x').request, routeOptions: { schema: { body: schema } } } as unknown as FastifyRequest;
    const error = fastifyError('body', {
      validationContext: 'body',
      validation: [
        { keyword: 'type', instancePath: '/numbers/0', schemaPath: '#/properties/numbers/items/type', params: { type: 'string' }, message: 'must be string', parentSchema: { type: 'string' }, data: null },
        { keyword: 'type', instancePath: '/maxVisits', schemaPath: '#/properties/maxVisits/type', params: { type: 'integer' }, message: 'must be integer', parentSchema: schema.properties.maxVisits, data: null },
        { keyword: 'maximum', instancePath: '/maxVisits', schemaPath: '#/properties/maxVisits/maximum', params: { limit: 9 }, message: 'must be <= 9', parentSchema: schema.properties.maxVisits, data: 10 },
      ] as never,
    });
    expect(errorAnswerOf(error, request, false).extra).toEqual({
      fields: [
        { field: 'numbers[0]', message: 'must be a string' },
        { field: 'maxVisits', message: 'must be a whole number from 1 to 9, or omitted' },
        { field: 'maxVisits', message: 'must be a whole number from 1 to 9' },
      ],
    });
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'BODY_TOO_LARGE', 'The body is larger than the limit.'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'INVALID_JSON', 'The body is not valid JSON.'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'INVALID_JSON', 'The body is not valid JSON, or has a "__proto__" key or a "constructor" key holding "prototype", which are refused.'],
  ])("maps Fastify's %s to %s", (fastifyCode, statusCode, code, message) => {
    const { request } = requestFor('/api/x');
    expect(errorAnswerOf(fastifyError('whatever Fastify says', { code: fastifyCode, statusCode }), request, false)).toEqual({ code, message });
  });

  it('takes a JSON syntax error, or a 400 about JSON, as an unreadable body; another 400 is a refusal', () => {
    const { request } = requestFor('/api/x');
    expect(errorAnswerOf(new SyntaxError('Unexpected token } in JSON') as FastifyError, request, false)).toEqual({ code: 'INVALID_JSON', message: 'The body is not valid JSON.' });
    expect(errorAnswerOf(fastifyError('Body is not valid json', { statusCode: 400 }), request, false)).toEqual({ code: 'INVALID_JSON', message: 'The body is not valid JSON.' });
    expect(errorAnswerOf(fastifyError('Bad header', { statusCode: 400 }), request, false)).toEqual({ code: 'REQUEST_REFUSED', message: 'The request was refused (Bad Request).' });
    expect(errorAnswerOf(fastifyError('JSON columns are broken', { statusCode: 500 }), request, false).code).toBe('INTERNAL_ERROR');
  });

  it("answers a plugin's refusal by its status: 403 and 404 as a missing route, 412, 416, other 4xx as refused", () => {
    const { request } = requestFor('/console/assets/../../package.json?x=1');
    const answer = (statusCode: number) => errorAnswerOf(fastifyError('refused', { statusCode }), request, false);
    expect(answer(403)).toEqual({ code: 'NOT_FOUND', message: 'No route for POST /console/assets/../../package.json.' });
    expect(answer(404)).toEqual({ code: 'NOT_FOUND', message: 'No route for POST /console/assets/../../package.json.' });
    expect(answer(412)).toEqual({ code: 'PRECONDITION_FAILED', message: 'A precondition header (If-Match, If-Unmodified-Since) does not hold.' });
    expect(answer(416)).toEqual({ code: 'RANGE_NOT_SATISFIABLE', message: 'The Range header asks for bytes the file does not have.' });
    expect(answer(400)).toEqual({ code: 'REQUEST_REFUSED', message: 'The request was refused (Bad Request).' });
    expect(answer(418)).toEqual({ code: 'REQUEST_REFUSED', message: "The request was refused (I'm a Teapot)." });
    expect(answer(499)).toEqual({ code: 'REQUEST_REFUSED', message: 'The request was refused (499).' });
    expect(answer(500).code).toBe('INTERNAL_ERROR');
    expect(answer(399).code).toBe('INTERNAL_ERROR');
  });

  it('answers an internal fault with the request id only, logging its name, code and masked message; the masked stack only when verbose', () => {
    const fault = fastifyError('insert failed for 9876543210', { code: 'SQLITE_BUSY' });
    fault.stack = 'Error: insert failed for 9876543210\n    at write (db.ts:1:1)';
    const quiet = requestFor('/webhook');
    expect(errorAnswerOf(fault, quiet.request, false)).toEqual({ code: 'INTERNAL_ERROR', message: 'Internal error; quote request id req-42.', extra: { requestId: 'req-42' } });
    expect(quiet.logged).toEqual([{ object: { error: { name: 'Error', code: 'SQLITE_BUSY', message: 'insert failed for 98XXXXXX10' } }, message: 'internal error' }]);
    const verbose = requestFor('/webhook');
    errorAnswerOf(fault, verbose.request, true);
    expect(verbose.logged[0]!.object.error).toEqual({ name: 'Error', code: 'SQLITE_BUSY', message: 'insert failed for 98XXXXXX10', stack: 'Error: insert failed for 98XXXXXX10\n    at write (db.ts:1:1)' });
  });
});

describe('errorHandler', () => {
  /** A reply that remembers its status. */
  const replyFor = () => {
    const sent: { status?: number } = {};
    const reply = {
      code(status: number) {
        sent.status = status;
        return this;
      },
      send: (body: unknown) => body,
    } as unknown as FastifyReply;
    return { reply, sent };
  };

  it("sends the code's status and the body `send` writes; a guarded failed authentication becomes the guard's answer", () => {
    const handler = errorHandler({
      verbose: false,
      refuseFailedAuthentication: (_request, _reply, code) => (code === 'UNAUTHORIZED' ? new AppError('RATE_LIMITED', 'Too many failed authentications.') : undefined),
      send: (answer) => ({ sent: answer.code }),
    });
    const { request } = requestFor('/api/x');
    const refused = replyFor();
    expect(handler(new AppError('UNAUTHORIZED', 'Unknown token.') as unknown as FastifyError, request, refused.reply)).toEqual({ sent: 'RATE_LIMITED' });
    expect(refused.sent.status).toBe(429);
    const plain = replyFor();
    expect(handler(new AppError('FORBIDDEN_ACCOUNT', 'Not yours.') as unknown as FastifyError, request, plain.reply)).toEqual({ sent: 'FORBIDDEN_ACCOUNT' });
    expect(plain.sent.status).toBe(403);
    // A fault that is not an AppError never reaches the guard.
    const fault = replyFor();
    expect(handler(fastifyError('boom'), request, fault.reply)).toEqual({ sent: 'INTERNAL_ERROR' });
    expect(fault.sent.status).toBe(500);
  });
});
