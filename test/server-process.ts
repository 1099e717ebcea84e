import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { assertBuildIsFresh } from './build-freshness.js';
import { appendToSuiteLog, loopbackAllowList } from './support.js';

export const cliPath = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  address: string;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Every log line written to standard output so far. */
  stdout(): string;
  /** Sends a signal and waits for the exit; resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the first log line (parsed) whose `msg` is `message`, past or future. */
  logLine(message: string): Promise<Record<string, unknown>>;
}

/**
 * Starts `flowhooks serve` from the compiled build (npm test builds first) and
 * resolves once it logs "flowhooks ready" with its address.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  assertBuildIsFresh();
  const child = spawn(process.execPath, [cliPath, 'serve'], {
    // No drain by default: a test that stops a server waits for nothing; the drain test sets it.
    // A PostgreSQL server refuses to start without a short base URL (docs/deploying.md).
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      FLOWHOOKS_LOG_LEVEL: 'info',
      FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0',
      FLOWHOOKS_DRAIN_MS: '0',
      ...(/^postgres/.test(env.DATABASE_URL ?? '') && { FLOWHOOKS_SHORT_BASE_URL: 'http://127.0.0.1:8080' }),
      FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: loopbackAllowList,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  const logLines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ message: string; resolve: (line: Record<string, unknown>) => void }> = [];
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = once(child, 'exit');
  const ready = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      stdout += `${line}\n`;
      appendToSuiteLog(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; address?: string };
        logLines.push(entry);
        for (const waiter of waiters.filter((candidate) => candidate.message === entry.msg)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(entry);
        }
        if (entry.msg === 'flowhooks ready' && entry.address) resolve(entry.address);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready: ${stderr}`)));
  });
  const address = await ready;
  return {
    child,
    address,
    stderr: () => stderr,
    stdout: () => stdout,
    logLine(message) {
      const seen = logLines.find((line) => line.msg === message);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ message, resolve }));
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuildIsFresh();
  const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export async function callWebhook(address: string, token: string, method: string, keys: Array<{ name: string; value: unknown }>) {
  const response = await fetch(`${address}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ method, keys }),
  });
  return { status: response.status, body: (await response.json()) as { status: string; keys: Array<{ name: string; value: string }> } };
}

/** Calls the management API of a running server; answers the status and the parsed JSON body (undefined when empty). */
export async function callApi(address: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${address}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}
