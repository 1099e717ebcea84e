import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DestinationGuard } from './destinations.js';

export interface GuardedPost {
  /** POST `body` to `url`; resolves with the status and headers once the answer is read. Never follows redirects. */
  (url: string, init: { headers: Record<string, string>; body: string; signal: AbortSignal }): Promise<{ status: number; headers: IncomingHttpHeaders }>;
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
        { method: 'POST', agent, lookup: guard.lookup, signal: init.signal, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) } },
        (response) => {
          // The body is not needed; reading it to the end frees the connection for reuse.
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
          response.on('error', reject);
          response.on('close', () => {
            if (!response.complete) reject(Object.assign(new Error('the connection closed before the answer ended'), { code: 'ECONNRESET' }));
          });
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });
  }) as GuardedPost;
  post.close = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
  return post;
}
