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

/** Bytes of a non-2xx answer's body kept (`errorBody`): enough for the remote's error text, never a whole page. */
export const errorBodyBytes = 1024;

export interface GuardedPost {
  /**
   * POST `body` to `url`; resolves with the status and headers once the answer is read, and for a
   * non-2xx answer the first `errorBodyBytes` of its body (`errorBody`, UTF-8, for the log). Never
   * follows redirects.
   */
  (url: string, init: { headers: Record<string, string>; body: string; timeoutMs?: number; signal?: AbortSignal }): Promise<{ status: number; headers: IncomingHttpHeaders; errorBody?: string }>;
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
          answered = true;
          const status = response.statusCode ?? 0;
          // A 2xx body is not needed; reading it to the end frees the connection for reuse. Of an error
          // answer the first bytes are kept (the remote's own error text, for the operator's log).
          const kept: Buffer[] = [];
          let keptBytes = 0;
          if (status >= 200 && status < 300) response.resume();
          else {
            response.on('data', (chunk: Buffer) => {
              if (keptBytes >= errorBodyBytes) return;
              const part = chunk.subarray(0, errorBodyBytes - keptBytes);
              kept.push(part);
              keptBytes += part.length;
            });
          }
          // A body cut at the limit loses its last word, which may be part of a number or of a character.
          const errorBody = () => {
            const text = Buffer.concat(kept).toString('utf8');
            return keptBytes > 0 ? { errorBody: keptBytes < errorBodyBytes ? text : text.replace(/\S*$/, '') } : {};
          };
          response.on('end', () => settle(() => resolve({ status, headers: response.headers, ...errorBody() })));
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
      // A process that stalled (stopped, starved) runs its overdue timers before it reads the answers that came
      // meanwhile: the timeout is decided one turn of the loop later, after pending input is read, and an answer
      // already begun gets one more timeout to end; so an answer that came is never taken for none.
      let answered = false;
      let extended = false;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = () => {
        timer = undefined;
        setImmediate(() => {
          if (settled) return;
          if (answered && !extended) {
            extended = true;
            timer = setTimeout(timedOut, timeoutMs).unref();
            return;
          }
          cancel(new PostTimedOut(timeoutMs!));
        });
      };
      if (timeoutMs !== undefined) timer = setTimeout(timedOut, timeoutMs).unref();
      const abort = () => cancel(Object.assign(new Error('the POST was aborted'), { name: 'AbortError', cause: signal?.reason }));
      signal?.addEventListener('abort', abort, { once: true });
      function settle(end: () => void) {
        settled = true;
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
