#!/usr/bin/env node
// Backs up and restores a flowhooks database (docs/deploying.md "Backup and restore").
//   node scripts/backup-restore.mjs backup  DATABASE_URL [SCHEMA] FILE
//   node scripts/backup-restore.mjs restore DATABASE_URL [SCHEMA] FILE
// SQLite (sqlite:PATH): an online backup through SQLite's backup API — consistent while the
// server runs in WAL mode (copying the file alone may miss what is still in the -wal file).
// Restore with every node stopped: the file replaces the database and its -wal/-shm files.
// PostgreSQL: pg_dump of the schema (custom format); restore drops the schema and loads the dump
// (every node stopped). The backup holds secrets: dialer secrets, securityIds' hashes, custTokens.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';

const [command, url, ...rest] = process.argv.slice(2);
const file = rest.at(-1);
const schema = rest.length > 1 ? rest[0] : 'public';
if (!['backup', 'restore'].includes(command) || !url || !file) {
  process.stderr.write('Usage: backup-restore.mjs backup|restore DATABASE_URL [SCHEMA] FILE\n');
  process.exit(2);
}
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
  process.stderr.write('SCHEMA must be a lower-case identifier\n');
  process.exit(2);
}

function run(program, args) {
  const result = spawnSync(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(`${program} failed (exit ${result.status})\n`);
    process.exit(1);
  }
}

if (url.startsWith('sqlite:')) {
  const path = url.slice('sqlite:'.length);
  if (command === 'backup') {
    const database = new Database(path, { fileMustExist: true });
    await database.backup(file);
    database.close();
  } else {
    if (!existsSync(file)) {
      process.stderr.write(`no backup at ${file}\n`);
      process.exit(1);
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    copyFileSync(file, path);
  }
} else if (/^postgres(ql)?:\/\//.test(url)) {
  if (command === 'backup') {
    run('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${file}`, url]);
  } else {
    run('psql', ['--quiet', '--set=ON_ERROR_STOP=1', `--command=drop schema if exists "${schema}" cascade`, url]);
    run('pg_restore', ['--no-owner', `--dbname=${url}`, file]);
  }
} else {
  process.stderr.write('DATABASE_URL must start with sqlite: or postgres://\n');
  process.exit(2);
}
process.stdout.write(`${command} done: ${file}\n`);
