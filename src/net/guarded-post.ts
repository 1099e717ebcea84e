import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DestinationGuard } from './destinations.js';

/** No whole answer within the POST's `timeoutMs`; the connection was closed. */
export class PostTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'PostTimedOut';
  }
}

export interface GuardedPost {
  /** POST `body` to `url`; resolves with the status and headers once the answer is read. Never follows redirects. */
  (url: string, init: { headers: Record<string, string>; body: string; timeoutMs?: number; signal?: AbortSignal }): Promise<{ status: number; headers: IncomingHttpHeaders }>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/**
 * An HTTP client for URLs an API caller chose (docs/security-outbound.md):
 * every connection goes through `guard` — an IP literal is checked before
 * the socket is made, a name is resolved by the guard's `lookup` and refused
 * before connecting when any of its addresses is private. The failure is a
 * DestinationRefused. Connections are kept alive and reused, as fetch does.
 */
export function guardedPost(guard: DestinationGuard): GuardedPost {
  // The lookup goes on the agent: every socket the agent opens resolves through the guard.
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, lookup: guard.lookup }),
    'https:': new HttpsAgent({ keepAlive: true, lookup: guard.lookup }),
  };
  const post = (async (url, init) => {
    const target = new URL(url);
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) throw new TypeError(`${target.protocol} is not http or https`);
    guard.assertLiteralAllowed(target.hostname);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        target,
        { method: 'POST', agent, lookup: guard.lookup, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) } },
        (response) => {
          // The body is not needed; reading it to the end frees the connection for reuse.
          response.resume();
          response.on('end', () => settle(() => resolve({ status: response.statusCode ?? 0, headers: response.headers })));
          response.on('error', fail);
          response.on('close', () => {
            if (!response.complete) fail(Object.assign(new Error('the connection closed before the answer ended'), { code: 'ECONNRESET' }));
          });
        },
      );
      // A timer and one listener that destroy the request, not the request's `signal` option: with it a
      // kept-alive POST cost about a third more CPU (docs/benchmark.md, 2026-12-03 fifth section).
      const { signal, timeoutMs } = init;
      // Why the POST was cut short, whatever error the destroyed request or answer then reports.
      let cancelled: Error | undefined;
      const cancel = (reason: Error) => {
        cancelled ??= reason;
        request.destroy(reason);
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => cancel(new PostTimedOut(timeoutMs)), timeoutMs).unref();
      const abort = () => cancel(Object.assign(new Error('the POST was aborted'), { name: 'AbortError', cause: signal?.reason }));
      signal?.addEventListener('abort', abort, { once: true });
      function settle(end: () => void) {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        end();
      }
      function fail(error: unknown) {
        settle(() => reject(cancelled ?? error));
      }
      request.on('error', fail);
      if (signal?.aborted) abort();
      else request.end(init.body);
    });
  }) as GuardedPost;
  post.close = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
  return post;
}
