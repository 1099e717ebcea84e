import { Webhook } from 'standardwebhooks';
import { arrivals, signatureValid, startLocalServer } from './local-server.js';

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
  const received = arrivals<ReceivedCallback>();
  const accepted = new Map<string, ReceivedCallback>();
  let verifier: Webhook | undefined;
  let current = behaviour;
  const server = await startLocalServer((request, response) => {
    const body = JSON.parse(request.raw) as { type: string; data: Record<string, unknown> };
    const callback: ReceivedCallback = { messageId: request.headers['webhook-id'] ?? '', type: body.type, data: body.data, signatureValid: signatureValid(verifier, request) };
    received.push(callback);
    const answer = current(received.list.length, callback);
    if (answer === 'hang') return;
    const { status, headers: extra } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
    if (status >= 200 && status < 300 && !accepted.has(callback.messageId)) accepted.set(callback.messageId, callback);
    response.writeHead(status, extra).end();
  });
  return {
    url: `${server.origin}/status`,
    received: received.list,
    accepted: () => [...accepted.values()],
    useSecret(secret) {
      verifier = new Webhook(secret);
    },
    behave(next) {
      current = next;
    },
    waitFor: received.waitFor,
    close: server.close,
  };
}
