import type { DestinationGuard } from '../../net/destinations.js';
import { jsonPoster, type PostFailure } from '../delivery/http-post.js';
import { signedHeaders } from '../delivery/standard-webhooks.js';

/** The JSON body a dialer receives for one dial of one number (docs/methods/create-outbound.md, the dialer contract). */
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
  /** The dial: 1 for the first call, 2 for the first retry by disposition, … */
  attempt: number;
  /** Delivery attempt of this dial: 1, then 2 for a dialer that did not answer 2xx the first time, … */
  deliveryAttempt: number;
  /** Where the dialer reports the outcome of this dial. */
  resultPath: string;
  stage: 'prod' | 'test';
}

export interface Delivery {
  url: string;
  /** Signing secrets: the flow's, and during a rotation's grace period also the previous one. */
  secrets: readonly string[];
  /** webhook-id and Idempotency-Key: the same for every delivery of one dial. */
  messageId: string;
  payload: DialerPayload;
  /** Unix seconds (wall clock), sent as webhook-timestamp and signed. */
  timestamp: number;
  /** Aborts the delivery (shutdown). */
  signal?: AbortSignal;
}

/** Why a delivery failed: no answer in time, a non-2xx answer, no connection, or an address the guard refuses. */
export type DialerFailure = PostFailure;

/**
 * Delivers one job to a dialer; `ok` only for a 2xx answer within the timeout.
 * `error` is kept as the job's lastError, which an account token can read: it
 * never carries the remote's details (addresses, its error text); `detail`
 * does, for the operator's log only.
 */
export type Dialer = (delivery: Delivery) => Promise<{ ok: true } | { ok: false; error: string; failure?: DialerFailure; detail?: string }>;

/** webhook-id of one dial of a job: stable across its delivery retries, new for each dial. */
export const dialMessageId = (jobId: string, dial: number): string => `${jobId}_${dial}`;

export interface HttpDialerOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /**
   * Which addresses a dialerUrl may reach (docs/security-outbound.md). Default: public addresses only,
   * resolved by the system resolver.
   */
  destinations?: DestinationGuard;
}

/**
 * The HTTP dialer: a Standard Webhooks message (webhook-id, webhook-timestamp,
 * webhook-signature) with the message id also as Idempotency-Key, through the destination guard.
 */
export function httpDialer(options: HttpDialerOptions = {}): Dialer & { close(): void } {
  const timeoutMs = options.timeoutMs ?? 5000;
  const post = jsonPoster(options.destinations);
  const dialer: Dialer = async ({ url, secrets, messageId, payload, timestamp, signal }) => {
    const body = JSON.stringify(payload);
    const headers = { ...signedHeaders(secrets, messageId, timestamp, body), 'idempotency-key': messageId };
    const result = await post({ url, body, headers, timeoutMs, ...(signal && { signal }) }, 'dialer');
    return result.ok ? { ok: true } : { ok: false, failure: result.failure, error: result.error, ...(result.detail && { detail: result.detail }) };
  };
  return Object.assign(dialer, { close: post.close });
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
