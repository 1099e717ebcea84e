import { createHmac } from 'node:crypto';
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

/** Why a delivery failed: no answer in time, a non-2xx answer, or no connection. */
export type DialerFailure = 'timeout' | 'status' | 'unreachable';

/** Delivers one job to a dialer; `ok` only for a 2xx answer within the timeout. */
export type Dialer = (delivery: Delivery) => Promise<{ ok: true } | { ok: false; error: string; failure?: DialerFailure }>;

/** `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + body). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The HTTP dialer: POST with signature headers and the job id as Idempotency-Key. Default timeout 5 s. */
export function httpDialer(options: { timeoutMs?: number } = {}): Dialer {
  const timeoutMs = options.timeoutMs ?? 5000;
  return async ({ url, secret, payload, timestamp, signal }) => {
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-flowhooks-timestamp': String(timestamp),
          'x-flowhooks-signature': signature(secret, timestamp, body),
          'idempotency-key': payload.jobId,
        },
        body,
        signal: signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      // The body is not needed; reading it frees the connection for reuse.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, failure: 'status', error: `dialer answered HTTP ${response.status}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (signal?.aborted) return { ok: false, failure: 'unreachable', error: 'delivery abandoned at shutdown' };
      if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, failure: 'timeout', error: `dialer did not answer within ${timeoutMs} ms` };
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      // The cause may echo the URL, which may carry a number or a secret in its query.
      return { ok: false, failure: 'unreachable', error: `dialer unreachable: ${redactUrls(maskPhoneNumbers(cause.slice(0, 200)))}` };
    }
  };
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
