import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedCallback {
  /** webhook-id: the same on every retry of one callback. */
  messageId: string;
  type: string;
  data: Record<string, unknown>;
  /** Whether the `standardwebhooks` package accepted it with the endpoint's secret. */
  signatureValid: boolean;
}

/** How the receiver answers the Nth callback (1-based): a status, optionally with headers, or never. */
export type ReceiverBehaviour = (requestNumber: number, callback: ReceivedCallback) => number | { status: number; headers: Record<string, string> } | 'hang';

export interface ReceiverServer {
  url: string;
  received: ReceivedCallback[];
  /** Callbacks answered 2xx, one per webhook-id (what a receiver deduplicating by webhook-id keeps). */
  accepted(): ReceivedCallback[];
  useSecret(secret: string): void;
  behave(behaviour: ReceiverBehaviour): void;
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server receiving status callbacks, checking each with the
 * `standardwebhooks` package, as an account's own system would.
 */
export async function startReceiver(behaviour: ReceiverBehaviour = () => 204): Promise<ReceiverServer> {
  const received: ReceivedCallback[] = [];
  const accepted = new Map<string, ReceivedCallback>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let verifier: Webhook | undefined;
  let current = behaviour;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    let signatureValid = false;
    try {
      verifier?.verify(raw, headers);
      signatureValid = verifier !== undefined;
    } catch {
      signatureValid = false;
    }
    const body = JSON.parse(raw) as { type: string; data: Record<string, unknown> };
    const callback: ReceivedCallback = { messageId: headers['webhook-id'] ?? '', type: body.type, data: body.data, signatureValid };
    received.push(callback);
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    const answer = current(received.length, callback);
    if (answer === 'hang') return;
    const { status, headers: extra } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
    if (status >= 200 && status < 300 && !accepted.has(callback.messageId)) accepted.set(callback.messageId, callback);
    response.writeHead(status, extra).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status`,
    received,
    accepted: () => [...accepted.values()],
    useSecret(secret) {
      verifier = new Webhook(secret);
    },
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
