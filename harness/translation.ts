import type { ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.js';

export interface RecordedRequest {
  method: string;
  url: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export type Behaviour = (request: RecordedRequest, response: ServerResponse) => void;

/**
 * A local HTTP server that plays a translation provider: each request is
 * recorded, then answered by the current behaviour (which a test may change).
 * LibreTranslate's `GET /languages` is recorded apart (`languageRequests`) and
 * answered by its own behaviour (`offer`); by default 404, as a server without
 * the route.
 */
export async function startTranslationServer(initial: Behaviour, options: { languages?: Behaviour } = {}) {
  const requests: RecordedRequest[] = [];
  const languageRequests: RecordedRequest[] = [];
  const waiting: Array<() => void> = [];
  let behaviour = initial;
  let languages = options.languages ?? libreError(404, 'Not Found');
  const server = await startLocalServer((request, response) => {
    const recorded = { method: request.method, url: request.url, body: request.raw ? (JSON.parse(request.raw) as Record<string, unknown>) : {}, headers: request.headers };
    if (request.method === 'GET' && new URL(request.url, 'http://127.0.0.1').pathname === '/languages') {
      languageRequests.push(recorded);
      languages(recorded, response);
      for (const arrived of waiting.splice(0)) arrived();
      return;
    }
    requests.push(recorded);
    behaviour(recorded, response);
  });
  return {
    url: server.origin,
    requests,
    languageRequests,
    answer(next: Behaviour) {
      behaviour = next;
    },
    /** How `GET /languages` is answered from now on. */
    offer(next: Behaviour) {
      languages = next;
    },
    /** Resolves when the next `GET /languages` arrives (ask before what should send it). */
    nextLanguagesRequest(): Promise<void> {
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: server.close,
  };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Never answers: the client's timeout must end the call. */
export const hang: Behaviour = () => {};

/**
 * What a provider makes of a text: upper-cased ("translated") and marked with the target. With
 * `format: "html"` only the words are: tags are kept and an element with `translate="no"` is left
 * as it came, as both providers document; Google writes `'` and `"` as entities, as it does.
 */
function translated(request: RecordedRequest, text: string, quotesAsEntities: boolean): string {
  if (request.body.format !== 'html') return `[${request.body.target}] ${text.toUpperCase()}`;
  let untranslatedDepth = 0;
  const parts = text.split(/(<[^<>]*>)/);
  const words = parts.map((part) => {
    if (part.startsWith('<')) {
      if (untranslatedDepth > 0) untranslatedDepth += part.startsWith('</') ? -1 : part.endsWith('/>') ? 0 : 1;
      else if (/\btranslate="no"/.test(part)) untranslatedDepth = 1;
      return part;
    }
    if (untranslatedDepth > 0) return part;
    // Entities stay as written; the words between them are "translated".
    const upper = part.replace(/(&#?\w+;)|[^&]+/g, (run, entity?: string) => entity ?? run.toUpperCase());
    return quotesAsEntities ? upper.replace(/'/g, '&#39;').replace(/"/g, '&quot;') : upper;
  });
  return `[${request.body.target}] ${words.join('')}`;
}

/** Google v2's success answer: upper-cases the text, "detects" English when no source was sent. */
export const googleTranslates: Behaviour = (request, response) => {
  const text = (request.body.q as string[])[0] ?? '';
  json(response, 200, {
    data: { translations: [{ translatedText: translated(request, text, true), ...(!request.body.source && { detectedSourceLanguage: 'en' }) }] },
  });
};

/** Google v2's success answer with a translation of nothing, as a faulty backend may give. */
export const googleTranslatesToNothing: Behaviour = (request, response) =>
  json(response, 200, { data: { translations: [{ translatedText: '', ...(!request.body.source && { detectedSourceLanguage: 'en' }) }] } });

/** Google v2's success answer with the language it detected given as it gives it (`und`, `jw`). */
export const googleDetects =
  (detectedSourceLanguage: string): Behaviour =>
  (request, response) =>
    json(response, 200, { data: { translations: [{ translatedText: translated(request, (request.body.q as string[])[0] ?? '', true), detectedSourceLanguage }] } });

/** Google v2's success answer that drops what it was asked to leave untranslated, as a faulty engine may. */
export const googleDropsUntranslated: Behaviour = (request, response) =>
  json(response, 200, { data: { translations: [{ translatedText: translated(request, (request.body.q as string[])[0] ?? '', true).replace(/<span\b[^>]*translate="no"[^>]*>[^<]*<\/span>/g, '') }] } });

export const googleError = (status: number, googleStatus: string, reason: string, message: string): Behaviour => (_request, response) =>
  json(response, status, { error: { code: status, message, status: googleStatus, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] } });

/** Google refusing a key and echoing it, with the address it was sent to, in its message. */
export const googleEchoesKey: Behaviour = (request, response) => {
  const key = new URL(request.url, 'http://127.0.0.1').searchParams.get('key') ?? '';
  googleError(400, 'INVALID_ARGUMENT', 'API_KEY_INVALID', `API key not valid: key=${key} for https://translation.googleapis.com${request.url}`)(request, response);
};

/** LibreTranslate's success answer. */
export const libreTranslates: Behaviour = (request, response) => {
  json(response, 200, {
    translatedText: translated(request, String(request.body.q), false),
    ...(request.body.source === 'auto' && { detectedLanguage: { confidence: 90, language: 'hi' } }),
  });
};

/** LibreTranslate's success answer with the language it detected given in its own code (`zt`). */
export const libreDetects =
  (language: string): Behaviour =>
  (request, response) =>
    json(response, 200, { translatedText: translated(request, String(request.body.q), false), detectedLanguage: { confidence: 90, language } });

/** LibreTranslate's success answer with a translation of nothing. */
export const libreTranslatesToNothing: Behaviour = (_request, response) => json(response, 200, { translatedText: '' });

export const libreError = (status: number, message: string): Behaviour => (_request, response) => json(response, status, { error: message });

/** LibreTranslate's 400 for a language it has no model for, as it words it: `ta is not supported`. */
export const libreDoesNotSupport: Behaviour = (request, response) => libreError(400, `${String(request.body.target)} is not supported`)(request, response);

/**
 * The languages of LibreTranslate's published models (docs.libretranslate.com, "Supported
 * Languages") that flowhooks' table has, by LibreTranslate's codes: of India's, Bengali, Hindi and Urdu.
 */
export const libreTranslatePublished = [
  'en', 'bn', 'hi', 'ur', 'ar', 'az', 'bg', 'ca', 'zh', 'zt', 'cs', 'da', 'nl', 'eo', 'et', 'fi', 'fr', 'de', 'el', 'he', 'hu', 'id', 'ga',
  'it', 'ja', 'ko', 'lv', 'lt', 'ms', 'nb', 'fa', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'es', 'sq', 'sv', 'tl', 'th', 'tr', 'uk', 'vi',
];

const englishName = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/**
 * LibreTranslate's `GET /languages` answer, `[{code, name, targets}]`: given codes, each
 * translating into all the others (as a server pivoting through English does); given a map, each
 * code with its own targets, and without `targets` where the map says undefined (older servers).
 */
export const libreLanguages =
  (offer: readonly string[] | Record<string, readonly string[] | undefined>): Behaviour =>
  (_request, response) => {
    const entries = Array.isArray(offer) ? offer.map((code) => [code, offer.filter((other) => other !== code)] as const) : Object.entries(offer);
    json(response, 200, entries.map(([code, targets]) => ({ code, name: englishName.of(code), ...(targets && { targets }) })));
  };

/** LibreTranslate failing with a server fault's page: HTML, a file path and the key it was sent. */
export const libreFailsEchoingKey: Behaviour = (request, response) =>
  libreError(500, `Backend Error <b>internal</b> at /var/lib/libretranslate/app.py (api_key=${String(request.body.api_key)})`)(request, response);
