import { destinationGuard, DestinationRefused, noPrivateDestinations, type DestinationGuard } from '../../net/destinations.js';
import { guardedPost, PostTimedOut } from '../../net/guarded-post.js';
import { maskPhoneNumbers, redactUrls } from '../../observability/redact.js';

/**
 * The one path every outgoing webhook takes (dialer deliveries and status
 * callbacks): a JSON POST with a timeout, no redirects followed, every
 * connection through the destination guard (docs/security-outbound.md).
 */
export interface OutgoingPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborts the request (shutdown). */
  signal?: AbortSignal;
}

/** Why a POST failed: no answer in time, a non-2xx answer, no connection, or an address the guard refuses. */
export type PostFailure = 'timeout' | 'status' | 'unreachable' | 'refused';

/**
 * `error` may be shown to an account token (a job's lastError, an endpoint's
 * last failure): it never carries the remote's details. `detail` does, for
 * the operator's log only.
 */
export type PostResult =
  | { ok: true; status: number }
  | { ok: false; failure: PostFailure; error: string; detail?: string; status?: number; retryAfterSeconds?: number; abandoned?: boolean };

/** Seconds from a Retry-After header (delta seconds or an HTTP date), relative to `nowMs`. */
export function retryAfterSeconds(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Characters of the remote's own error text a log line carries. */
export const remoteErrorTextLength = 200;

/**
 * The remote's own error text (an error answer's body) as a log line may carry it: white space and
 * control characters collapsed to one space, phone numbers masked, URLs without user info or query,
 * then cut at `remoteErrorTextLength` characters (masked first, so a number is never cut into an
 * unmasked piece). Empty when the body says nothing.
 */
export function remoteErrorText(body: string): string {
  const text = redactUrls(maskPhoneNumbers(body.replace(/[\s\p{Cc}]+/gu, ' ').trim()));
  return text.length > remoteErrorTextLength ? `${text.slice(0, remoteErrorTextLength)}…` : text;
}

/** User info (`user:password@`) in a URL saved before it was refused: never sent, never shown. */
const userInfo = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export interface JsonPoster {
  /** POSTs a JSON body; `ok` only for a 2xx answer within the timeout. `who` names the receiver in errors. */
  (request: OutgoingPost, who: string): Promise<PostResult>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/** A poster whose connections reach only what `guard` allows. Default guard: public addresses only. */
export function jsonPoster(guard: DestinationGuard = destinationGuard({ allowList: noPrivateDestinations })): JsonPoster {
  const post = guardedPost(guard);
  const send = (async ({ url, body, headers, timeoutMs, signal }, who) => {
    if (userInfo.test(url)) {
      return { ok: false, failure: 'refused', error: `the ${who} URL carries user info (user:password@), which is never sent; set it without` };
    }
    try {
      const response = await post(url, { headers: { 'content-type': 'application/json', ...headers }, body, timeoutMs, ...(signal && { signal }) });
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      const retryAfterHeader = response.headers['retry-after'];
      const retryAfter = retryAfterSeconds(Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader, Date.now());
      const said = response.errorBody === undefined ? '' : remoteErrorText(response.errorBody);
      return {
        ok: false,
        failure: 'status',
        status: response.status,
        error: `${who} answered HTTP ${response.status}`,
        ...(said && { detail: `${who} said: ${said}` }),
        ...(retryAfter !== undefined && { retryAfterSeconds: retryAfter }),
      };
    } catch (error) {
      if (signal?.aborted) return { ok: false, failure: 'unreachable', error: 'delivery abandoned at shutdown', abandoned: true };
      if (error instanceof DestinationRefused) return { ok: false, failure: 'refused', error: error.message, detail: error.detail };
      if (error instanceof PostTimedOut) return { ok: false, failure: 'timeout', error: `${who} did not answer within ${timeoutMs} ms` };
      const cause = error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}` : String(error);
      // The cause may echo the URL, which may carry a number or a secret.
      return { ok: false, failure: 'unreachable', error: 'connection failed', detail: redactUrls(maskPhoneNumbers(cause.slice(0, 200))) };
    }
  }) as JsonPoster;
  send.close = post.close;
  return send;
}
