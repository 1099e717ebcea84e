import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf } from './support.js';

const script = fileURLToPath(new URL('../scripts/backup-restore.mjs', import.meta.url));

async function runScript(args: string[]) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

const contact = (value: string) => ({ name: '$user.syskey.contactNumber', value });

describe.each(await databaseTargets())('scripts/backup-restore.mjs on $name (docs/deploying.md "Backup and restore")', (target) => {
  it('backs up a running database and restores it: what was written after the backup is gone, what was before is back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flowhooks-backup-'));
    const file = join(folder, target.name === 'sqlite' ? 'flowhooks-backup.db' : 'flowhooks.dump');
    let t = await createTestApp(target);
    const { DATABASE_URL, DATABASE_SCHEMA } = t.settings;
    const args = (command: string) => (target.name === 'sqlite' ? [command, DATABASE_URL, file] : [command, DATABASE_URL, DATABASE_SCHEMA, file]);
    try {
      await t.webhook('updateUserPreferences', [contact('9876500001'), { name: '$user.key.language', value: 'TAMIL' }]);
      // Online: the server still runs while the backup is taken.
      const backup = await runScript(args('backup'));
      expect(backup.output).toContain('backup done');
      expect(backup.code).toBe(0);
      await t.webhook('updateUserPreferences', [contact('9876500002'), { name: '$user.key.language', value: 'BENGALI' }]);

      // Restore with the node stopped, then start it again on the restored database.
      await t.app.close();
      await t.database.close();
      const restore = await runScript(args('restore'));
      expect(restore.output).toContain('restore done');
      expect(restore.code).toBe(0);
      t = await createTestApp(target, { shareDatabaseOf: t });
      const before = outputsOf(await t.webhook('fetchUserPreferences', [contact('9876500001')]));
      expect(before['$user.key.language']).toBe('TAMIL');
      const after = outputsOf(await t.webhook('fetchUserPreferences', [contact('9876500002')]));
      expect(after['$user.key.language']).toBeUndefined();
    } finally {
      await t.app.close();
      await t.database.close();
      const fresh = target.name === 'postgres' ? await (async () => {
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists ${DATABASE_SCHEMA} cascade`);
        await client.end();
      })() : undefined;
      void fresh;
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
