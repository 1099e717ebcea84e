import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { assertBuildIsFresh } from './build-freshness.js';

const script = fileURLToPath(new URL('../dist/scripts/crash-test.js', import.meta.url));

// The bounded SQLite run of scripts/crash-test.ts, as npm run build compiles it (a few seconds); .ci/run runs every scenario on both databases.
it('keeps every acknowledged write when the server is killed with SIGKILL under load (SQLite)', { timeout: 120_000 }, async () => {
  assertBuildIsFresh();
  const child = spawn(process.execPath, [script, '--scenario', 'crash', '--database', 'sqlite', '--seconds', '1', '--rate', '100'], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code, output).toBe(0);
  expect(output).toMatch(/crash\/sqlite: killed; \d+ writes sent, acknowledged: [1-9]/);
  expect(output).toContain('crash-test passed');
});
