import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../harness/process.js';

describe('the harness starting a server (bench, crash test, process tests)', () => {
  it('refuses at once a log level that would hide the ready line, instead of waiting for it', async () => {
    for (const level of ['warn', 'error', 'silent']) {
      await expect(startServer({ env: { FLOWHOOKS_LOG_LEVEL: level, DATABASE_URL: 'sqlite::memory:' } })).rejects.toThrow(
        `FLOWHOOKS_LOG_LEVEL=${level} hides the "flowhooks ready" line the start waits for; use info, debug or trace.`,
      );
    }
  });

  it('fails the start of a process that never logs its ready line, naming the line it waited for', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'harness-start-')), 'silent.mjs');
    // A process that runs and logs something else, but never the ready line.
    writeFileSync(script, "console.log(JSON.stringify({ msg: 'starting' }));\nsetInterval(() => {}, 1000);\n");
    const started = startServer({ env: {}, script, readyMessage: 'silent ready', name: 'silent script', readyTimeoutMs: 300 });
    await expect(started).rejects.toThrow('silent script logged no "silent ready" within 0.3 s');
  });
});
