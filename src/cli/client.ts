import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad arguments: the command prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command ran but did not succeed (server error, unreachable server): exit 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** Options every client command takes. */
export const serverOptions = {
  url: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const serverOptionsUsage = `  --url URL       the server (default: $FLOWHOOKS_URL, else http://127.0.0.1:8080)
  --token TOKEN   bearer token (default: $FLOWHOOKS_TOKEN)
  -h, --help      show this text`;

/** `util.parseArgs` with positionals allowed; its complaints become usage errors. */
export function parseCommand<Options extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface ServerTarget {
  url: URL;
  token?: string;
}

/** The server and token from `--url`/`--token`, else `FLOWHOOKS_URL`/`FLOWHOOKS_TOKEN`. */
export function serverTarget(values: { url?: string; token?: string }, env: NodeJS.ProcessEnv): ServerTarget {
  const text = values.url ?? (env.FLOWHOOKS_URL || 'http://127.0.0.1:8080');
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new UsageError(`--url must be an http(s) address such as http://127.0.0.1:8080, got "${text.slice(0, 200)}"`);
  }
  const token = values.token ?? env.FLOWHOOKS_TOKEN;
  return { url, token: token ? token : undefined };
}

/** The server address as shown in messages: never with credentials. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
}

export interface ServerAnswer {
  status: number;
  body: unknown;
}

/** How long a command waits for an answer. */
const answerTimeoutMs = 30_000;

/** Sends one request (JSON body, bearer token) and reads the JSON answer, whatever its status. */
export async function send(target: ServerTarget, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ServerAnswer> {
  const address = `${shownUrl(target.url)}${path}`;
  let response: Response;
  try {
    response = await fetch(address, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(target.token && { authorization: `Bearer ${target.token}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(answerTimeoutMs),
    });
  } catch (error) {
    throw new CommandError(`cannot reach flowhooks at ${shownUrl(target.url)}: ${connectionProblem(error)}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  } catch {
    throw new CommandError(`${shownUrl(target.url)} answered HTTP ${response.status} with a body that is not JSON; is it a flowhooks server?`);
  }
}

function connectionProblem(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${answerTimeoutMs / 1000} s`;
  const code = (error as { cause?: { code?: string } }).cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
}

/** The `{error:{code,message}}` of an answer as one line, e.g. `NOT_FOUND: Account 9 not found.` */
export function errorLine(answer: ServerAnswer): string {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && typeof error.message === 'string') return typeof error.code === 'string' ? `${error.code}: ${error.message}` : error.message;
  return `the server answered HTTP ${answer.status}`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A positive whole number argument (an account id). */
export function positiveInteger(text: string | undefined, what: string): number {
  if (text === undefined || !/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new UsageError(`${what} must be a positive whole number${text === undefined ? '' : `, got "${text.slice(0, 40)}"`}`);
  }
  return Number(text);
}
