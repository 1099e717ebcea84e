import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  body: Record<string, unknown> & { jobId: string; contactNumber: string; attempt: number; deliveryAttempt: number; dueAt: string; resultPath: string };
  /** The raw body, as signed. */
  raw: string;
  headers: Record<string, string>;
  /** webhook-id. */
  messageId: string;
  /** webhook-timestamp, Unix seconds. */
  timestamp: number;
  idempotencyKey: string | undefined;
  /** Whether the `standardwebhooks` library accepted the delivery with the secret the dialer was given. */
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
  /** Verifies later deliveries with this secret (after a rotation). */
  useSecret(secret: string): void;
  /** Resolves once `count` deliveries were received. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server playing a dialer: it checks every delivery with the
 * `standardwebhooks` package (the receivers' library), never with the
 * project's own signing code.
 */
export async function startDialer(secret: string, behaviour: DialerBehaviour = () => 200): Promise<DialerServer> {
  const received: ReceivedDelivery[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let current = behaviour;
  let verifier = new Webhook(secret);
  const hanging = new Set<IncomingMessage>();
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    let signatureValid = true;
    try {
      verifier.verify(raw, headers);
    } catch {
      signatureValid = false;
    }
    const delivery: ReceivedDelivery = {
      body: JSON.parse(raw),
      raw,
      headers,
      messageId: headers['webhook-id'] ?? '',
      timestamp: Number(headers['webhook-timestamp']),
      idempotencyKey: headers['idempotency-key'],
      signatureValid,
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
    useSecret(next) {
      verifier = new Webhook(next);
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
