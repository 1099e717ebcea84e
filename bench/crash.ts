import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/process.js';
import type { CrashRunFigures } from '../scripts/crash-test.js';

/** The `crash` part's load: seconds of writes and writes a second (docs/benchmark.md "Exactly once at scale"). */
export const crashLoad = { seconds: Number(process.env.BENCH_CRASH_SECONDS ?? 20), rate: Number(process.env.BENCH_CRASH_RATE ?? 500) };

export interface CrashPart {
  /** Each scenario's figures, as the crash test wrote them. */
  runs: CrashRunFigures[];
  /** The crash test's exit code (0: every check passed) and its last lines when it failed. */
  exitCode: number | null;
  failure?: string;
}

/**
 * Exactly once at scale (`BENCH_PARTS=crash`): the crash test
 * (scripts/crash-test.ts) with every scenario on every database, at
 * `crashLoad`, as its own process; its figures come back through its
 * `--summary` file.
 */
export async function crashBench(): Promise<CrashPart> {
  const folder = mkdtempSync(join(tmpdir(), 'flowhooks-bench-crash-'));
  const summary = join(folder, 'summary.json');
  try {
    const args = [join(repoRoot, 'dist', 'scripts', 'crash-test.js'), '--scenario', 'all', '--database', 'all', '--seconds', String(crashLoad.seconds), '--rate', String(crashLoad.rate), '--summary', summary];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      process.stdout.write(chunk);
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    let runs: CrashRunFigures[] = [];
    try {
      runs = JSON.parse(readFileSync(summary, 'utf8')) as CrashRunFigures[];
    } catch {
      // No summary: the test stopped before any scenario ended; its output says why.
    }
    return { runs, exitCode, ...(exitCode === 0 ? {} : { failure: output.trim().split('\n').slice(-8).join(' / ') }) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
