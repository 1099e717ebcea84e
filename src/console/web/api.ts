/** The management API, called with the token the user signed in with. */

const tokenKey = 'flowhooks.console.token';

export function savedToken(): string | null {
  return sessionStorage.getItem(tokenKey);
}

export function saveToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(tokenKey);
  else sessionStorage.setItem(tokenKey, token);
}

/** An error answer of the API, with the message it gave in words. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Called when the token stops being accepted, so the app can return to the sign-in page. */
let onUnauthorized: (() => void) | undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

async function send(method: string, path: string, body?: unknown, token = savedToken()): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(`The server could not be reached (${error instanceof Error ? error.message : String(error)}).`, 0, 'NETWORK');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let message = `The server answered ${response.status} ${response.statusText}.`;
  let code = `HTTP_${response.status}`;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) message = parsed.error.message;
    if (parsed.error?.code) code = parsed.error.code;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401 && onUnauthorized) onUnauthorized();
  return new ApiError(message, response.status, code);
}

/** A JSON call; resolves with the parsed answer (undefined for 204). */
export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await send(method, path, body, token);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sends a file as the raw body (not JSON, not a form), e.g. a CSV import; resolves with the parsed JSON answer. */
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': contentType };
  const token = savedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: file });
  } catch (error) {
    throw new ApiError(`The server could not be reached (${error instanceof Error ? error.message : String(error)}).`, 0, 'NETWORK');
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** A GET whose answer is a file: resolves with its bytes and the name the server suggests. */
export async function download(path: string): Promise<{ blob: Blob; filename: string | undefined }> {
  const response = await send('GET', path);
  const disposition = response.headers.get('content-disposition') ?? '';
  return { blob: await response.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] };
}

/** `?a=1&b=2` from the fields that have a value. */
export function query(fields: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The text of any thrown value, for a message shown to the user. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
