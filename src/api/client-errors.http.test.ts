import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { clientErrorAnswer } from './client-errors.js';

/** Sends `text` as it is on a new connection and resolves with everything the server wrote before closing it. */
function rawExchange(port: number, text: string | Buffer, options: { holdOpen?: boolean } = {}): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {
      // A reset after the answer is the server closing the connection it refused.
    });
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (!status) return reject(new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 200))}`));
      resolve({ status, headers: Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()])), body });
    });
    socket.write(text);
    if (!options.holdOpen) socket.setTimeout(10_000, () => socket.destroy());
  });
}

// docs/error-codes.md: a request Node's HTTP parser refuses gets the documented error shape (the probe's item 10).
describe.each(await databaseTargets())('requests refused by the HTTP parser on $name', (target) => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_REQUEST_TIMEOUT_MS: '1000' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('a malformed header is 400 REQUEST_REFUSED in the {error:{code,message}} shape, with a request id', async () => {
    const answer = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nx-request-id: a\rSet-Cookie: y\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'REQUEST_REFUSED', message: 'The request was refused (Bad Request): a header is malformed.' } });
  });

  it('Content-Length with Transfer-Encoding: the webhook shape on a webhook route, the plain shape elsewhere', async () => {
    const smuggled = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`;
    const message = 'The request was refused (Bad Request): its Transfer-Encoding is not valid or comes with a Content-Length.';
    for (const path of ['/webhook', '/centraloutboundwebhook-v1/prod/', '/any-service/test?format=flat']) {
      const answer = await rawExchange(port, smuggled(path));
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body), path).toEqual({
        status: 'FAILURE',
        keys: [
          { name: '$flow.key.errorCode', value: 'REQUEST_REFUSED' },
          { name: '$flow.key.errorMessage', value: message },
        ],
        error: { code: 'REQUEST_REFUSED', message },
      });
    }
    // Two segments, but the router's route is the short-URL create route, not the webhook.
    for (const path of ['/api/short-urls', '/api/accounts', '/webhook/extra/segment']) {
      const answer = await rawExchange(port, smuggled(path));
      expect(JSON.parse(answer.body), path).toEqual({ error: { code: 'REQUEST_REFUSED', message } });
    }
  });

  it('keeps the webhook shape for a POST to a webhook path whatever else of its request line the parser refused', async () => {
    const body = '{"method":"fetchUserPreferences","keys":[]}';
    const requests = [
      `post /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /webhook HTTP/9.9\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /webhook?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ];
    for (const request of requests) {
      const answer = await rawExchange(port, request);
      expect(answer.status, request.slice(0, 30)).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(answer.body), request.slice(0, 30)).toMatchObject({ status: 'FAILURE', keys: [{ name: '$flow.key.errorCode' }, { name: '$flow.key.errorMessage' }] });
    }
    // Not a POST: a webhook path's refusal keeps the plain shape, as its 404 does.
    expect(JSON.parse((await rawExchange(port, 'FOO /webhook HTTP/1.1\r\nHost: x\r\n\r\n')).body).status).toBeUndefined();
  });

  it('an HTTP/1.1 request without Host is 400 REQUEST_REFUSED in the shape of its route, with a request id; HTTP/1.0 needs none', async () => {
    const plain = await rawExchange(port, 'GET /healthz HTTP/1.1\r\n\r\n');
    expect(plain.status).toBe(400);
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(plain.body)).toEqual({ error: { code: 'REQUEST_REFUSED', message: 'The request has no Host header, which HTTP/1.1 requires.' } });
    const body = '{"method":"findLanguage","keys":[]}';
    const webhook = await rawExchange(port, `POST /webhook HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expect(webhook.status).toBe(400);
    expect(JSON.parse(webhook.body)).toMatchObject({ status: 'FAILURE', keys: expect.arrayContaining([{ name: '$flow.key.errorCode', value: 'REQUEST_REFUSED' }]) });
    const old = await rawExchange(port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(200);
  });

  it('names a repeated Content-Length as such', async () => {
    const answer = await rawExchange(port, 'POST /api/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.message).toBe('The request was refused (Bad Request): its Content-Length is repeated or comes with a Transfer-Encoding.');
  });

  it('headers over the limit are 431 HEADERS_TOO_LARGE', async () => {
    const answer = await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body).error.code).toBe('HEADERS_TOO_LARGE');
  });

  it('a request that does not arrive in time is 408 REQUEST_TIMEOUT', async () => {
    const answer = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { holdOpen: true });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time; the connection is closed.' } });
  });

  it('a well-formed request on the same server is answered as before', async () => {
    const answer = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });
});

describe('the code of each parser refusal', () => {
  it('maps Node’s errors to documented codes, never echoing the request', () => {
    const refusal = (code: string) => clientErrorAnswer(Object.assign(new Error('Parse Error: secret 9876543210'), { code, rawPacket: Buffer.from('GET /9876543210') }));
    expect(refusal('ERR_HTTP_REQUEST_TIMEOUT').code).toBe('REQUEST_TIMEOUT');
    expect(refusal('HPE_HEADER_OVERFLOW').code).toBe('HEADERS_TOO_LARGE');
    expect(refusal('HPE_CHUNK_EXTENSIONS_OVERFLOW').code).toBe('BODY_TOO_LARGE');
    expect(refusal('HPE_INVALID_METHOD')).toEqual({ code: 'REQUEST_REFUSED', message: 'The request was refused (Bad Request): its method is not an HTTP method.' });
    expect(refusal('HPE_SOMETHING_NEW')).toEqual({ code: 'REQUEST_REFUSED', message: 'The request was refused (Bad Request): it is not well-formed HTTP.' });
  });
});
