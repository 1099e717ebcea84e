import { assertBuildIsFresh } from './build-freshness.js';
import { appendToSuiteLog } from './support.js';
import { runCli as runHarnessCli, startServer, type LogEntry, type ServerProcess as HarnessProcess } from '../harness/process.js';

export { callApi, callWebhook } from '../harness/client.js';

export interface ServerProcess extends HarnessProcess {
  /** Every log line written to standard output so far. */
  stdout(): string;
  /** Resolves with the first log line (parsed) whose `msg` is `message`, past or future. */
  logLine(message: string): Promise<Record<string, unknown>>;
}

/**
 * Starts `flowhooks serve` from the compiled build (npm test builds first),
 * with the tests' settings, and resolves once it logs "flowhooks ready" with
 * its address. Every log line goes to the suite's log check.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  assertBuildIsFresh();
  let stdout = '';
  const logLines: LogEntry[] = [];
  const waiters: Array<{ message: string; resolve: (line: LogEntry) => void }> = [];
  const server = await startServer({
    env: {
      FLOWHOOKS_LOG_LEVEL: 'info',
      // A busy test machine blocks event loops for long stretches; tests that shed load say so.
      FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0',
      // No drain by default: a test that stops a server waits for nothing; the drain test sets it.
      FLOWHOOKS_DRAIN_MS: '0',
      ...env,
    },
    onLine(line, entry) {
      stdout += `${line}\n`;
      appendToSuiteLog(line);
      if (!entry) return;
      logLines.push(entry);
      for (const waiter of waiters.filter((candidate) => candidate.message === entry.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
    },
  });
  return {
    ...server,
    stdout: () => stdout,
    logLine(message) {
      const seen = logLines.find((line) => line.msg === message);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ message, resolve }));
    },
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuildIsFresh();
  return runHarnessCli(args, env);
}
