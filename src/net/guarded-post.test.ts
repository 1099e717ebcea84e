import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackAllowList, testResolver } from '../../test/support.js';
import { DestinationRefused, destinationGuard, noPrivateDestinations, parseAllowList } from './destinations.js';
import { guardedPost } from './guarded-post.js';

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
