import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signature } from '../src/adapters/dialer/dialer.js';

export interface ReceivedDelivery {
  body: Record<string, unknown> & { jobId: string; contactNumber: string; attempt: number; dueAt: string };
  timestamp: number;
  idempotencyKey: string | undefined;
  /** Whether X-Flowhooks-Signature matched the secret. */
  signatureValid: boolean;
  receivedAt: number;
}

/** What the dialer does with the Nth request it receives (1-based): answer a status, or never answer. */
export type DialerBehaviour = (requestNumber: number, body: ReceivedDelivery['body']) => number | 'hang';

export interface DialerServer {
  url: string;
  received: ReceivedDelivery[];
  /** Changes how later requests are answered. */
  behave(behaviour: DialerBehaviour): void;
  /** Resolves once `count` deliveries were received. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server playing a dialer: it verifies every signature with `secret`. */
export async function startDialer(secret: string, behaviour: DialerBehaviour = () => 200): Promise<DialerServer> {
  const received: ReceivedDelivery[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let current = behaviour;
  const hanging = new Set<IncomingMessage>();
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const timestamp = Number(request.headers['x-flowhooks-timestamp']);
    const delivery: ReceivedDelivery = {
      body: JSON.parse(raw),
      timestamp,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      signatureValid: request.headers['x-flowhooks-signature'] === signature(secret, timestamp, raw),
      receivedAt: Date.now(),
    };
    received.push(delivery);
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    const answer = current(received.length, delivery.body);
    if (answer === 'hang') {
      hanging.add(request);
      return;
    }
    response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dial`,
    received,
    behave(next) {
      current = next;
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}
