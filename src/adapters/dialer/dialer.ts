import { createHmac } from 'node:crypto';
import { destinationGuard, DestinationRefused, noPrivateDestinations, type DestinationGuard } from '../../net/destinations.js';
import { guardedPost } from '../../net/guarded-post.js';
import { maskPhoneNumbers, redactUrls } from '../../observability/redact.js';

/** The JSON body a dialer receives for one number (the README's dialer contract). */
export interface DialerPayload {
  requestId: string;
  executionId: string;
  jobId: string;
  flowId: string;
  accountId: number;
  /** E.164. */
  contactNumber: string;
  /** ISO 8601, UTC. */
  dueAt: string;
  /** 1 for the first delivery, 2 for the first retry, … */
  attempt: number;
  stage: 'prod' | 'test';
}

export interface Delivery {
  url: string;
  secret: string;
  payload: DialerPayload;
  /** Unix seconds, sent as X-Flowhooks-Timestamp and signed. */
  timestamp: number;
  /** Aborts the delivery (shutdown). */
  signal?: AbortSignal;
}

/** Why a delivery failed: no answer in time, a non-2xx answer, no connection, or an address the guard refuses. */
export type DialerFailure = 'timeout' | 'status' | 'unreachable' | 'refused';

/**
 * Delivers one job to a dialer; `ok` only for a 2xx answer within the timeout.
 * `error` is kept as the job's lastError, which an account token can read: it
 * never carries the remote's details (addresses, its error text); `detail`
 * does, for the operator's log only.
 */
export type Dialer = (delivery: Delivery) => Promise<{ ok: true } | { ok: false; error: string; failure?: DialerFailure; detail?: string }>;

/** `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + body). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface HttpDialerOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /**
   * Which addresses a dialerUrl may reach (docs/security-outbound.md). Default: public addresses only,
   * resolved by the system resolver.
   */
  destinations?: DestinationGuard;
}

/** The HTTP dialer: POST with signature headers and the job id as Idempotency-Key, through the destination guard. */
export function httpDialer(options: HttpDialerOptions = {}): Dialer & { close(): void } {
  const timeoutMs = options.timeoutMs ?? 5000;
  const post = guardedPost(options.destinations ?? destinationGuard({ allowList: noPrivateDestinations }));
  const dialer: Dialer = async ({ url, secret, payload, timestamp, signal }) => {
    const body = JSON.stringify(payload);
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url)) {
      // Saved before user info was refused: it is neither sent nor shown (docs/security-outbound.md).
      return { ok: false, failure: 'refused', error: 'the dialerUrl carries user info (user:password@), which is never sent; set the flow\'s dialerUrl without it' };
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await post(url, {
        headers: {
          'content-type': 'application/json',
          'x-flowhooks-timestamp': String(timestamp),
          'x-flowhooks-signature': signature(secret, timestamp, body),
          'idempotency-key': payload.jobId,
        },
        body,
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, failure: 'status', error: `dialer answered HTTP ${response.status}` };
    } catch (error) {
      if (signal?.aborted) return { ok: false, failure: 'unreachable', error: 'delivery abandoned at shutdown' };
      if (error instanceof DestinationRefused) return { ok: false, failure: 'refused', error: error.message, detail: error.detail };
      if (timeout.aborted) return { ok: false, failure: 'timeout', error: `dialer did not answer within ${timeoutMs} ms` };
      const cause = error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}` : String(error);
      // The cause may echo the URL, which may carry a number or a secret.
      return { ok: false, failure: 'unreachable', error: 'connection failed', detail: redactUrls(maskPhoneNumbers(cause.slice(0, 200))) };
    }
  };
  return Object.assign(dialer, { close: () => post.close() });
}

/** The dialer with every delivery timed and its failures counted. */
export function measuredDialer(dialer: Dialer, observe: (provider: string, seconds: number, failure?: string) => void): Dialer {
  return async (delivery) => {
    const started = performance.now();
    const result = await dialer(delivery);
    observe('dialer', (performance.now() - started) / 1000, result.ok ? undefined : (result.failure ?? 'error'));
    return result;
  };
}
