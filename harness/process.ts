import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository's root, whether this module runs from harness/ (vitest) or dist/harness/ (compiled). */
export const repoRoot = ((here: string) => (existsSync(join(dirname(here), 'package.json')) ? dirname(here) : dirname(dirname(here))))(
  dirname(fileURLToPath(import.meta.url)),
);

/** The compiled CLI (`npm run build`). */
export const cliPath = join(repoRoot, 'dist', 'src', 'cli.js');

/**
 * Tests, the crash test and the bench reach dialers and receivers on
 * 127.0.0.1 only, so they allow loopback and nothing else private
 * (FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS); the default of a real server allows none.
 */
export const loopbackAllowList = '127.0.0.0/8';

/** A JSON log line; other output is passed as undefined. */
export type LogEntry = Record<string, unknown> & { msg?: string; address?: string };

export interface ServerProcess {
  child: ChildProcess;
  /** What it logged with its ready message. */
  address: string;
  /** Resolves with the exit code and signal. */
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** Everything written to standard error so far (empty when it is inherited). */
  stderr(): string;
  /** Sends a signal (unless it already exited) and waits for the exit; resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** The most memory it has held (VmHWM), as "N MiB"; "n/a" where /proc is missing. Read it before stop(). */
  peakRss(): string;
  /** CPU time the process has used so far (user + system, all its threads), in seconds; NaN where /proc is missing. */
  cpuSeconds(): number;
  /** The same, split: in its own code (user) and in the kernel on its behalf (system: system calls, page faults). */
  cpuTimes(): { user: number; system: number };
  /** CPU time of its main thread alone (the one that runs JavaScript), in seconds; NaN where /proc is missing. */
  mainThreadSeconds(): number;
}

/** pino's levels above info: none of them logs the ready message. */
const quieterThanInfo = new Set(['warn', 'error', 'fatal', 'silent']);

export interface ServerOptions {
  /** What the process reads on top of the defaults below (PATH, PORT=0, HOST=127.0.0.1, loopback destinations). */
  env: Record<string, string>;
  /** The script and its arguments; `dist/src/cli.js serve` unless given. */
  script?: string;
  /** Options for node itself, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
  args?: string[];
  /** The log message that carries the listening `address`. */
  readyMessage?: string;
  /** Names the process in the error thrown when it exits before it is ready. */
  name?: string;
  /** How long to wait for the ready message before the process is killed and the start fails. Default 120 000 ms. */
  readyTimeoutMs?: number;
  /** `inherit` shows the process's standard error instead of keeping it. */
  stderr?: 'pipe' | 'inherit';
  /**
   * Called with each line of standard output, parsed when it is a JSON log
   * line. Without it, output stops being read once the server is ready, so
   * a measured server's logs take no CPU from the load generator.
   */
  onLine?(line: string, entry: LogEntry | undefined): void;
}

/**
 * Starts `flowhooks serve` (or another script logging its address the same
 * way) and resolves once it logs its ready message with its address. A
 * PostgreSQL server refuses to start without a short base URL
 * (docs/deploying.md), so one is set for it unless `env` names one.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const { env, script = cliPath, args = script === cliPath ? ['serve'] : [], readyMessage = 'flowhooks ready', name = 'server', onLine } = options;
  // flowhooks logs its ready message at info: a quieter level would leave the start waiting for a line that never comes.
  const level = env.FLOWHOOKS_LOG_LEVEL;
  if (script === cliPath && level !== undefined && quieterThanInfo.has(level)) {
    throw new Error(`FLOWHOOKS_LOG_LEVEL=${level} hides the "${readyMessage}" line the start waits for; use info, debug or trace.`);
  }
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      FLOWHOOKS_ALLOW_PRIVATE_DESTINATIONS: loopbackAllowList,
      ...(/^postgres/.test(env.DATABASE_URL ?? '') && { FLOWHOOKS_SHORT_BASE_URL: 'http://127.0.0.1:8080' }),
      ...env,
    },
    stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const address = await new Promise<string>((resolve, reject) => {
    const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} logged no "${readyMessage}" within ${readyTimeoutMs / 1000} s: ${stderr.trim()}`));
    }, readyTimeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let entry: LogEntry | undefined;
      try {
        entry = JSON.parse(line) as LogEntry;
      } catch {
        // not a log line
      }
      onLine?.(line, entry);
      if (entry?.msg === readyMessage && entry.address) {
        clearTimeout(timer);
        if (!onLine) {
          lines.close();
          child.stdout!.resume();
        }
        resolve(entry.address);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready: ${stderr.trim()}`));
    });
  });
  return {
    child,
    address,
    exited,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = await exited;
      return code;
    },
    peakRss() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
        return Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a';
      } catch {
        return 'n/a';
      }
    },
    cpuSeconds: () => totalSeconds(cpuTimesOf(child.pid)),
    cpuTimes: () => cpuTimesOf(child.pid),
    // A process's main thread is the task whose id is the process's.
    mainThreadSeconds: () => totalSeconds(cpuTimesOf(child.pid, `task/${child.pid}/`)),
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const totalSeconds = ({ user, system }: { user: number; system: number }) => user + system;

/** A process's CPU time so far (or one of its threads', `task/TID/`), in seconds; NaN where /proc is missing. */
function cpuTimesOf(pid: number | undefined, thread = ''): { user: number; system: number } {
  try {
    // Fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks, 100 a second on Linux;
    // the command name (field 2) may hold spaces, so count from its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/${thread}stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}
