import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

export type Behaviour = (request: RecordedRequest, response: ServerResponse) => void;

/**
 * A local HTTP server that plays a translation provider: each request is
 * recorded, then answered by the current behaviour (which a test may change).
 */
export async function startTranslationServer(initial: Behaviour) {
  const requests: RecordedRequest[] = [];
  let behaviour = initial;
  const hanging = new Set<ServerResponse>();
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    incoming.on('data', (chunk) => (raw += String(chunk)));
    incoming.on('end', () => {
      const recorded = { method: incoming.method ?? '', url: incoming.url ?? '', body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      requests.push(recorded);
      behaviour(recorded, response);
      if (!response.writableEnded) hanging.add(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next: Behaviour) {
      behaviour = next;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Never answers: the client's timeout must end the call. */
export const hang: Behaviour = () => {};

/** Google v2's success answer: upper-cases the text, "detects" English when no source was sent. */
export const googleTranslates: Behaviour = (request, response) => {
  const text = (request.body.q as string[])[0] ?? '';
  json(response, 200, {
    data: { translations: [{ translatedText: `[${request.body.target}] ${text.toUpperCase()}`, ...(!request.body.source && { detectedSourceLanguage: 'en' }) }] },
  });
};

export const googleError = (status: number, googleStatus: string, reason: string, message: string): Behaviour => (_request, response) =>
  json(response, status, { error: { code: status, message, status: googleStatus, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] } });

/** LibreTranslate's success answer. */
export const libreTranslates: Behaviour = (request, response) => {
  json(response, 200, {
    translatedText: `[${request.body.target}] ${String(request.body.q).toUpperCase()}`,
    ...(request.body.source === 'auto' && { detectedLanguage: { confidence: 90, language: 'hi' } }),
  });
};

export const libreError = (status: number, message: string): Behaviour => (_request, response) => json(response, status, { error: message });
