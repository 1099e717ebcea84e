import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loopbackAllowList, testResolver } from '../../test/support.js';
import { DestinationRefused, destinationGuard, noPrivateDestinations, parseAllowList } from './destinations.js';
import { guardedPost, PostTimedOut } from './guarded-post.js';

describe('connections to API-set URLs', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(`${request.headers.host} ${request.url}`);
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  const init = () => ({ headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(5000) });
  // `.test` names exist in no DNS: a connection to one can only come from the guard's resolver.
  const loopbackName = testResolver({ 'dialer.test': ['127.0.0.1'] });

  it('connects to a name only through the guard, after checking what it resolves to', async () => {
    const post = guardedPost(destinationGuard({ allowList: parseAllowList(loopbackAllowList), resolver: loopbackName }));
    try {
      const answer = await post(`http://dialer.test:${port}/dial`, init());
      expect(answer.status).toBe(204);
      expect(received.at(-1)).toBe(`dialer.test:${port} /dial`);
    } finally {
      post.close();
    }
  });

  it('refuses a public-looking name that resolves to a private address, before any connection', async () => {
    const before = received.length;
    const post = guardedPost(destinationGuard({ allowList: noPrivateDestinations, resolver: loopbackName }));
    try {
      const refused = await post(`http://dialer.test:${port}/dial`, init()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DestinationRefused);
      expect((refused as DestinationRefused).detail).toBe('dialer.test resolves to 127.0.0.1 is a loopback address (127.0.0.0/8)');
      expect(received.length).toBe(before);
    } finally {
      post.close();
    }
  });

  it('refuses an IP literal outside the allow-list without connecting (Node skips lookup for literals)', async () => {
    const before = received.length;
    const post = guardedPost(destinationGuard({ allowList: noPrivateDestinations, resolver: loopbackName }));
    try {
      for (const url of [`http://127.0.0.1:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://2130706433:${port}/`]) {
        await expect(post(url, init()), url).rejects.toBeInstanceOf(DestinationRefused);
      }
      expect(received.length).toBe(before);
    } finally {
      post.close();
    }
  });

  it('refuses a name the resolver answers with a link-local (metadata) address', async () => {
    const post = guardedPost(destinationGuard({ allowList: parseAllowList(loopbackAllowList), resolver: testResolver({ 'metadata.test': ['169.254.169.254'] }) }));
    try {
      await expect(post('http://metadata.test/latest/meta-data', init())).rejects.toMatchObject({ detail: expect.stringContaining('link-local') });
    } finally {
      post.close();
    }
  });
});

describe('answers the client reads', () => {
  let server: Server;
  let port: number;
  const hanging: ServerResponse[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.url === '/cut') {
          // Promises 100 bytes, sends 10, then drops the connection.
          response.writeHead(200, { 'content-length': '100' });
          response.write('0123456789');
          setImmediate(() => response.socket?.destroy());
        } else if (request.url === '/hang') {
          // Never answers: the client's timeout or abort has to end the POST.
          hanging.push(response);
        } else if (request.url === '/trickle') {
          // Begins an answer and never ends it.
          response.writeHead(200, { 'content-length': '100' });
          response.write('0123456789');
          hanging.push(response);
        } else if (request.url === '/long') {
          response.writeHead(200, { 'content-type': 'text/plain', 'retry-after': '7' });
          response.end('x'.repeat(300 * 1024));
        } else response.writeHead(503, { 'retry-after': '30' }).end('busy');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  const guard = () => destinationGuard({ allowList: parseAllowList(loopbackAllowList) });
  const init = () => ({ headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(5000) });

  it('fails when the connection closes before the answer ends (the receiver may not have taken it)', async () => {
    const post = guardedPost(guard());
    try {
      await expect(post(`http://127.0.0.1:${port}/cut`, init())).rejects.toThrow();
    } finally {
      post.close();
    }
  });

  it('gives the status and headers of an error answer, and of an answer with a long body', async () => {
    const post = guardedPost(guard());
    try {
      expect(await post(`http://127.0.0.1:${port}/busy`, init())).toMatchObject({ status: 503, headers: { 'retry-after': '30' } });
      expect(await post(`http://127.0.0.1:${port}/long`, init())).toMatchObject({ status: 200, headers: { 'retry-after': '7' } });
    } finally {
      post.close();
    }
  });

  it('ends a POST with no answer at its timeout, and one whose signal aborts, closing the connection', async () => {
    const post = guardedPost(guard());
    try {
      const timedOut = await post(`http://127.0.0.1:${port}/hang`, { headers: {}, body: '{}', timeoutMs: 50 }).catch((error: unknown) => error);
      expect(timedOut).toBeInstanceOf(PostTimedOut);
      const controller = new AbortController();
      const aborted = post(`http://127.0.0.1:${port}/hang`, { headers: {}, body: '{}', timeoutMs: 60_000, signal: controller.signal });
      await vi.waitFor(() => expect(hanging).toHaveLength(2));
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
      // Both connections were closed by the client: the server sees its responses' sockets end.
      await vi.waitFor(() => expect(hanging.every((response) => response.socket === null || response.socket.destroyed)).toBe(true));
      // An aborted signal before the POST starts sends nothing.
      await expect(post(`http://127.0.0.1:${port}/hang`, { headers: {}, body: '{}', signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
      expect(hanging).toHaveLength(2);
    } finally {
      post.close();
    }
  });

  it('cuts an answer begun but never ended at twice its timeout', async () => {
    const post = guardedPost(guard());
    try {
      const started = Date.now();
      await expect(post(`http://127.0.0.1:${port}/trickle`, { headers: {}, body: '{}', timeoutMs: 50 })).rejects.toBeInstanceOf(PostTimedOut);
      expect(Date.now() - started).toBeGreaterThanOrEqual(99);
    } finally {
      post.close();
    }
  });

  it('takes an answer that came while the process was stalled past the timeout, instead of timing it out', async () => {
    // The receiver runs in another process, so it answers while this one is stalled: it says when it has the request,
    // answers 100 ms later, and marks a file once the answer is sent.
    const marker = join(mkdtempSync(join(tmpdir(), 'stall-')), 'answered');
    const receiver = spawn(process.execPath, [
      '-e',
      `const http = require('node:http'); const fs = require('node:fs');
       const server = http.createServer((request, response) => {
         request.resume();
         request.on('end', () => { console.log('received'); setTimeout(() => response.end('ok', () => fs.writeFileSync(${JSON.stringify(marker)}, 'yes')), 100); });
       });
       server.listen(0, '127.0.0.1', () => console.log(server.address().port));`,
    ]);
    const lines = createInterface({ input: receiver.stdout! });
    try {
      const [portLine] = (await once(lines, 'line')) as [string];
      const post = guardedPost(guard());
      try {
        const sent = post(`http://127.0.0.1:${Number(portLine)}/dial`, { headers: {}, body: '{}', timeoutMs: 100 });
        await once(lines, 'line');
        // From here until the answer has come and the timeout has long passed, this process does nothing else (a
        // stopped or starved node); bounded, so a receiver that never answers fails the test instead of hanging it.
        const stalledAt = Date.now();
        const pause = new Int32Array(new SharedArrayBuffer(4));
        while ((!existsSync(marker) || Date.now() - stalledAt < 300) && Date.now() - stalledAt < 10_000) Atomics.wait(pause, 0, 0, 10);
        expect(existsSync(marker)).toBe(true);
        expect(await sent).toMatchObject({ status: 200 });
      } finally {
        post.close();
      }
    } finally {
      lines.close();
      receiver.kill();
      rmSync(dirname(marker), { recursive: true, force: true });
    }
  });

  it('cuts off every POST in flight under one signal when it aborts, and only those', async () => {
    const post = guardedPost(guard());
    try {
      const controller = new AbortController();
      const under = (path: string) => post(`http://127.0.0.1:${port}/${path}`, { headers: {}, body: '{}', timeoutMs: 60_000, signal: controller.signal });
      // Answered before the abort: settled, and left as it was.
      expect(await under('busy')).toMatchObject({ status: 503 });
      const waiting = hanging.length;
      const inFlight = [under('hang'), under('hang'), under('hang')].map((sent) => sent.catch((error: unknown) => error));
      await vi.waitFor(() => expect(hanging).toHaveLength(waiting + 3));
      controller.abort();
      expect(await Promise.all(inFlight)).toEqual([0, 1, 2].map(() => expect.objectContaining({ name: 'AbortError' })));
      await vi.waitFor(() => expect(hanging.slice(waiting).every((response) => response.socket === null || response.socket.destroyed)).toBe(true));
      // A POST under the signal once it has aborted sends nothing.
      await expect(under('hang')).rejects.toMatchObject({ name: 'AbortError' });
      expect(hanging).toHaveLength(waiting + 3);
    } finally {
      post.close();
    }
  });
});
