import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Webhook } from 'standardwebhooks';

export interface LocalRequest {
  method: string;
  url: string;
  /** The body as sent (and, for a signed request, as signed). */
  raw: string;
  headers: Record<string, string>;
}

export interface LocalServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (only loopback traffic, docs/testing.md)
 * that reads each request whole and hands it to `handle`, which answers on
 * `response` — or never: a response left open is destroyed by close().
 */
export async function startLocalServer(handle: (request: LocalRequest, response: ServerResponse) => void): Promise<LocalServer> {
  const open = new Set<ServerResponse>();
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, String(value)]));
      handle({ method: incoming.method ?? '', url: incoming.url ?? '', raw: Buffer.concat(chunks).toString('utf8'), headers }, response);
      if (!response.writableEnded) {
        open.add(response);
        response.once('finish', () => open.delete(response));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}

/** Whether the `standardwebhooks` package (the receivers' library, never the project's own signing code) accepts a request. */
export function signatureValid(verifier: Webhook | undefined, request: LocalRequest): boolean {
  if (!verifier) return false;
  try {
    verifier.verify(request.raw, request.headers);
    return true;
  } catch {
    return false;
  }
}

/** What a local server received, in order, with a wait for the Nth arrival. */
export function arrivals<T>(): { list: T[]; push(item: T): void; waitFor(count: number): Promise<void> } {
  const list: T[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    list,
    push(item) {
      list.push(item);
      for (const waiter of [...waiters]) {
        if (list.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    waitFor(count) {
      if (list.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}
