import { maskPhoneNumbers, redactUrls } from '../../observability/redact.js';

/**
 * The one path every outgoing webhook takes (dialer deliveries and status
 * callbacks): a JSON POST with a timeout, no redirects followed. A
 * destination guard belongs here, once, for both.
 */
export interface OutgoingPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborts the request (shutdown). */
  signal?: AbortSignal;
}

/** Why a POST failed: no answer in time, a non-2xx answer, or no connection. */
export type PostFailure = 'timeout' | 'status' | 'unreachable';

export type PostResult =
  | { ok: true; status: number }
  | { ok: false; failure: PostFailure; error: string; status?: number; retryAfterSeconds?: number; abandoned?: boolean };

/** Seconds from a Retry-After header (delta seconds or an HTTP date), relative to `nowMs`. */
export function retryAfterSeconds(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** POSTs a JSON body; `ok` only for a 2xx answer within the timeout. `who` names the receiver in errors. */
export async function postJson(request: OutgoingPost, who: string): Promise<PostResult> {
  const { url, body, headers, timeoutMs, signal } = request;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    // The body is not needed; reading it frees the connection for reuse.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
    return { ok: false, failure: 'status', status: response.status, error: `${who} answered HTTP ${response.status}`, ...(retryAfter !== undefined && { retryAfterSeconds: retryAfter }) };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (signal?.aborted) return { ok: false, failure: 'unreachable', error: 'delivery abandoned at shutdown', abandoned: true };
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, failure: 'timeout', error: `${who} did not answer within ${timeoutMs} ms` };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    // The cause may echo the URL, which may carry a number or a secret in its query.
    return { ok: false, failure: 'unreachable', error: `${who} unreachable: ${redactUrls(maskPhoneNumbers(cause.slice(0, 200)))}` };
  }
}
