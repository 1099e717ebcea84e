import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { errorBody, errorCodes, type ErrorCode } from '../kernel/errors.js';
import { failureAnswer, shapeAnswer } from '../protocol/response.js';

/** What Node's HTTP parser says of a request it refused, and the first line it read, when it read one. */
type ClientError = Error & { code?: string; rawPacket?: unknown };

/** Why Node's HTTP parser refused a request (its `HPE_*` code), ending "The request was refused (Bad Request): …". */
const parserReasons: Readonly<Record<string, string>> = {
  HPE_INVALID_HEADER_TOKEN: 'a header is malformed',
  HPE_INVALID_CONSTANT: 'a header is malformed',
  HPE_CR_EXPECTED: 'a header is malformed',
  HPE_LF_EXPECTED: 'a header is malformed',
  // llhttp's code for a repeated Content-Length, and for one beside a Transfer-Encoding.
  HPE_UNEXPECTED_CONTENT_LENGTH: 'its Content-Length is repeated or comes with a Transfer-Encoding',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not valid',
  // llhttp's code for a Transfer-Encoding beside a Content-Length (a smuggling attempt) too.
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is not valid or comes with a Content-Length',
  HPE_INVALID_CHUNK_SIZE: 'its chunked body is malformed',
  HPE_INVALID_METHOD: 'its method is not an HTTP method',
  HPE_INVALID_URL: 'its request target is malformed',
  HPE_INVALID_VERSION: 'its HTTP version is not valid',
};

/** The code and message a refusal before any route ran answers with (docs/error-codes.md). */
export function clientErrorAnswer(error: ClientError): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time; the connection is closed.' };
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', message: 'The request headers are larger than the server accepts.' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'BODY_TOO_LARGE', message: 'The chunk extensions of the body are larger than the server accepts.' };
  }
  return { code: 'REQUEST_REFUSED', message: `The request was refused (Bad Request): ${parserReasons[error.code ?? ''] ?? 'it is not well-formed HTTP'}.` };
}

/**
 * The webhook routes' paths, noted as routes are added (`onRoute`): a refusal of a request
 * to one keeps the webhook shape (docs/protocol.md). A path is a webhook route's when it fits
 * the route's pattern and the router picks that route for it (`/api/short-urls` fits
 * `/:service/:stage`, but the router picks its own route).
 */
export function webhookRouteSet() {
  const patterns: Array<{ pattern: RegExp; names: string[] }> = [];
  return {
    note(route: Pick<RouteOptions, 'url' | 'schema'>): void {
      if (!(route.schema as { 'x-webhook'?: boolean } | undefined)?.['x-webhook']) return;
      const names: string[] = [];
      const source = route.url.replace(/\/$/, '').split('/').map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      });
      patterns.push({ pattern: new RegExp(`^${source.join('/')}/?$`), names });
    },
    has(app: Pick<FastifyInstance, 'findRoute'>, method: string, target: string): boolean {
      if (method !== 'POST' || !target.startsWith('/')) return false;
      const path = target.split('?', 1)[0]!;
      return patterns.some(({ pattern, names }) => {
        const fitted = pattern.exec(path);
        if (!fitted) return false;
        const route = app.findRoute({ method, url: path });
        const params = (route?.params ?? {}) as Record<string, string>;
        return route !== null && Object.keys(params).length === names.length && names.every((name) => params[name] !== undefined);
      });
    },
  };
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (a malformed header,
 * Content-Length with Transfer-Encoding, headers too large, too slow to arrive) never reaches
 * a route or an error handler, so it is answered here in the documented shape — the webhook
 * shape for a webhook route's path, `{error:{code,message}}` otherwise — with an
 * `x-request-id`, and the connection is closed. Nothing of the request is logged or echoed.
 */
export function clientErrorHandler(webhookRoutes: ReturnType<typeof webhookRouteSet>) {
  return function refuse(this: FastifyInstance, error: ClientError, socket: Socket): void {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const answer = clientErrorAnswer(error);
    const status = errorCodes[answer.code].status;
    this.log.debug({ http: { refused: error.code ?? 'unknown', status } }, 'request refused by the HTTP parser');
    // An answer already under way on this connection is not interrupted by a second one.
    const underway = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (socket.writable && !underway) {
      // The method and path start the request line, whatever follows them: a POST in lower case, an HTTP
      // version the parser refused, or a query string too long for the headers' limit is still a webhook call.
      const requestLine = Buffer.isBuffer(error.rawPacket) ? /^([A-Za-z]+) (\/[^\s?#]*)/.exec(error.rawPacket.subarray(0, 4096).toString('latin1')) : null;
      const webhook = requestLine ? webhookRoutes.has(this, requestLine[1]!.toUpperCase(), requestLine[2]!) : false;
      const body = JSON.stringify(webhook ? shapeAnswer(failureAnswer(undefined, [], answer), 'keys') : errorBody(answer.code, answer.message));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `x-request-id: ${randomUUID()}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
