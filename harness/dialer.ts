import { Webhook } from 'standardwebhooks';
import { arrivals, signatureValid, startLocalServer } from './local-server.js';

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
  /** Whether the `standardwebhooks` library accepts the delivery with the secret the dialer had when it arrived (checked when first read). */
  readonly signatureValid: boolean;
  receivedAt: number;
}

/** What the dialer does with the Nth request it receives (1-based): answer a status, or never answer. */
export type DialerBehaviour = (requestNumber: number, body: ReceivedDelivery['body'], delivery: ReceivedDelivery) => number | 'hang';

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
  const received = arrivals<ReceivedDelivery>();
  let current = behaviour;
  let verifier = new Webhook(secret);
  const server = await startLocalServer((request, response) => {
    const { headers } = request;
    // Checked when first read, with the secret of the delivery's arrival: a load test (npm run bench)
    // checks after its timed burst, so the check does not take the CPU the service is measured on.
    const arrivalVerifier = verifier;
    let valid: boolean | undefined;
    const delivery: ReceivedDelivery = {
      body: JSON.parse(request.raw),
      raw: request.raw,
      headers,
      messageId: headers['webhook-id'] ?? '',
      timestamp: Number(headers['webhook-timestamp']),
      idempotencyKey: headers['idempotency-key'],
      get signatureValid() {
        return (valid ??= signatureValid(arrivalVerifier, request));
      },
      receivedAt: Date.now(),
    };
    received.push(delivery);
    const answer = current(received.list.length, delivery.body, delivery);
    if (answer === 'hang') return;
    response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
  });
  return {
    url: `${server.origin}/dial`,
    received: received.list,
    behave(next) {
      current = next;
    },
    useSecret(next) {
      verifier = new Webhook(next);
    },
    waitFor: received.waitFor,
    close: server.close,
  };
}
