import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLeaks } from './log-leaks.js';

/**
 * Every test app and server process appends its log lines to one file (its
 * path in FLOWHOOKS_TEST_LOG_FILE); after the whole run that file is scanned
 * for secrets and unmasked phone numbers, and any finding fails the run.
 */
export default function setup() {
  const file = join(tmpdir(), `flowhooks-test-log-${process.pid}-${Date.now()}.ndjson`);
  writeFileSync(file, '');
  process.env.FLOWHOOKS_TEST_LOG_FILE = file;
  return () => {
    const log = readFileSync(file, 'utf8');
    const leaks = findLeaks(log);
    rmSync(file, { force: true });
    if (leaks.length === 0) return;
    const shown = leaks.slice(0, 20).map((leak) => `  ${leak.what}: ${leak.line.slice(0, 400)}`);
    process.stderr.write(`\nThe test run's log leaks secrets or phone numbers (${leaks.length} lines):\n${shown.join('\n')}\n\n`);
    // A global teardown that throws does not fail a vitest run; the exit code does.
    process.exitCode = 1;
  };
}
